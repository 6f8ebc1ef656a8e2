import { Editor } from "@monaco-editor/react";
import { useEffect, useRef, useState } from "react";
import { type Flow, formatFlow, type Problem, parseJsonFile, validateFlow } from "../../../schema/index.js";
import { ProblemsPanel } from "../problems/ProblemsPanel.js";
import "./setup.js";

/**
 * The flow file as text, two-way: a text that parses and validates replaces the flow on the canvas;
 * anything else stays here with its problems listed, and the canvas keeps the last good flow.
 */
export default function RawEditor({
  flow,
  raw,
  file,
  onFlow,
}: {
  flow: Flow | undefined;
  raw: string;
  file: string;
  onFlow: (flow: Flow) => void;
}) {
  const canonical = flow ? formatFlow(flow) : raw;
  const [text, setText] = useState(canonical);
  const [problems, setProblems] = useState<Problem[]>(() => (flow ? [] : check(raw, file).problems));
  const lastSent = useRef(canonical);

  // Edits made elsewhere (canvas, inspector) show up here unless they are this editor's own.
  useEffect(() => {
    if (canonical !== lastSent.current) {
      setText(canonical);
      lastSent.current = canonical;
    }
  }, [canonical]);

  return (
    <div className="raw">
      <Editor
        height="100%"
        path={file}
        language="json"
        value={text}
        onChange={(next) => {
          const value = next ?? "";
          setText(value);
          const result = check(value, file);
          setProblems(result.problems);
          if (result.flow) {
            lastSent.current = formatFlow(result.flow);
            onFlow(result.flow);
          }
        }}
        options={{ minimap: { enabled: false }, fontSize: 13, tabSize: 2 }}
      />
      {problems.length > 0 && <ProblemsPanel problems={problems} onPick={() => undefined} />}
    </div>
  );
}

function check(text: string, file: string): { flow?: Flow; problems: Problem[] } {
  const parsed = parseJsonFile(text, file);
  if (!parsed.ok) return { problems: [parsed.problem] };
  const validated = validateFlow(parsed.value, file);
  if (validated.ok) return { flow: validated.value, problems: [] };
  return {
    problems: validated.problems.map((problem) => ({ ...problem, ...parsed.locate(problem.pointer) })),
  };
}
