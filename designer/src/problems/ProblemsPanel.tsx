import type { Channel, Problem } from "../../../schema/index.js";
import { t } from "../i18n.js";
import type { Command } from "../model/commands.js";
import type { FlowDocument } from "../model/document.js";
import { channelsInWords, problemInWords, problemWord } from "./in-words.js";
import { quickFixFor } from "./quick-fixes.js";

interface ProblemsPanelProps {
  problems: Problem[];
  onPick: (problem: Problem) => void;
  /** The document the problems are about (valid or not), to name steps by their label. */
  document?: unknown;
  /** The draft and its dispatch, to offer a quick fix where one is obvious; applied as an undoable command. */
  fixes?: { doc: FlowDocument; dispatch: (command: Command) => void };
  /** The channels the flow is published on, whose limits were checked; every channel's when unknown. */
  channels?: readonly Channel[];
}

export function ProblemsPanel({ problems, onPick, document, fixes, channels }: ProblemsPanelProps) {
  return (
    <>
      <p className="problems-channels">{channelsInWords(channels)}</p>
      <ProblemList problems={problems} onPick={onPick} document={document} fixes={fixes} />
    </>
  );
}

function ProblemList({ problems, onPick, document, fixes }: ProblemsPanelProps) {
  if (problems.length === 0) return <p className="problems-empty">{t("noProblems")}</p>;
  return (
    <ul className="problems">
      {problems.map((problem) => {
        const fix = fixes && quickFixFor(problem, fixes.doc);
        return (
          <li key={`${problem.file} ${problem.code} ${problem.pointer} ${problem.message}`}>
            <button
              type="button"
              className={`problem ${problem.severity}`}
              data-code={problem.code}
              data-node={problem.nodeId ?? ""}
              onClick={() => onPick(problem)}
            >
              <span
                className="severity"
                role="img"
                aria-label={t(problem.severity === "error" ? "severityError" : "severityWarning")}
                title={t(problem.severity === "error" ? "severityError" : "severityWarning")}
              >
                {problem.severity === "error" ? "✖" : "⚠"}
              </span>{" "}
              {problemInWords(problem, document ?? fixes?.doc.flow)}
            </button>
            {fix && fixes && (
              <button type="button" className="quick-fix" onClick={() => fixes.dispatch(fix.command)}>
                {problemWord(fix.label, fix.values)}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
