import type { Problem } from "../../../schema/index.js";
import { t } from "../i18n.js";

export function ProblemsPanel({ problems, onPick }: { problems: Problem[]; onPick: (problem: Problem) => void }) {
  if (problems.length === 0) return <p className="problems-empty">{t("noProblems")}</p>;
  return (
    <ul className="problems">
      {problems.map((problem, i) => (
        <li key={`${problem.code}${problem.pointer}${i}`}>
          <button
            type="button"
            className={`problem ${problem.severity}`}
            data-code={problem.code}
            data-node={problem.nodeId ?? ""}
            onClick={() => onPick(problem)}
          >
            <span className="severity">{problem.severity === "error" ? "⛔" : "⚠"}</span>
            {problem.nodeId && <code>{problem.nodeId}</code>} {problem.message}
            {problem.line !== undefined && (
              <span className="where">
                {" "}
                ({problem.line}:{problem.column ?? 1})
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
