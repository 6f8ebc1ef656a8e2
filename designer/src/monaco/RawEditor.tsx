import { Editor, type OnMount } from "@monaco-editor/react";
import { useEffect, useRef, useState } from "react";
import { type Flow, formatFlow, type Problem, parseJsonFile, validateFlow } from "../../../schema/index.js";
import { ProblemsPanel } from "../problems/ProblemsPanel.js";
import "./setup.js";

type CodeEditor = Parameters<OnMount>[0];

/** The first thing wrong with the text on screen, located, for the editor to refuse a save or a tab switch. */
export interface RawError {
  line?: number;
  column?: number;
  /** Where in the flow, when the text parses but does not follow the flow format. */
  pointer?: string;
  message: string;
}

/**
 * The flow file as text, two-way: a text that parses and validates replaces the flow on the canvas;
 * anything else stays here with its problems listed, the canvas keeps the last good flow, and
 * `onError` tells the editor so it neither saves nor switches tabs as if the text were fine.
 *
 * The text belongs to Monaco while it is edited: it is never fed back as a controlled value (a
 * value that arrives a render late would undo the keystrokes typed meanwhile); only edits made
 * elsewhere (canvas, inspector, undo) are written into it.
 */
export default function RawEditor({
  flow,
  raw,
  file,
  onFlow,
  onError,
}: {
  flow: Flow | undefined;
  raw: string;
  file: string;
  onFlow: (flow: Flow) => void;
  onError: (error: RawError | undefined) => void;
}) {
  const canonical = flow ? formatFlow(flow) : raw;
  const [problems, setProblems] = useState<Problem[]>(() => (flow ? [] : check(raw, file).problems));
  const editor = useRef<CodeEditor>(undefined);
  /**
   * The flows this editor sent that have not come back as `flow` yet, in order. Each comes back
   * a render later, while more keys may have been typed: only a flow that is none of these is
   * an edit made elsewhere, to be written into the text.
   */
  const pending = useRef<string[]>([]);
  const shown = useRef(canonical);
  const callbacks = useRef({ onFlow, onError });
  callbacks.current = { onFlow, onError };

  // The file as loaded may already be wrong; whatever is wrong goes away with this editor.
  const loadedError = useRef(firstError(problems));
  useEffect(() => {
    callbacks.current.onError(loadedError.current);
    return () => callbacks.current.onError(undefined);
  }, []);

  // Edits made elsewhere show up here; this editor's own edits already are.
  useEffect(() => {
    const echo = pending.current.indexOf(canonical);
    if (echo >= 0) {
      pending.current.splice(0, echo + 1);
      return;
    }
    if (canonical === shown.current) return;
    shown.current = canonical;
    pending.current = [];
    const model = editor.current?.getModel();
    if (!model || model.getValue() === canonical) return;
    // As one edit, so Ctrl+Z in the text still works and the cursor stays where it was.
    editor.current?.executeEdits("relais", [{ range: model.getFullModelRange(), text: canonical }]);
    setProblems([]);
    callbacks.current.onError(undefined);
  }, [canonical]);

  const onChange = (value: string | undefined) => {
    const result = check(value ?? "", file);
    setProblems(result.problems);
    callbacks.current.onError(firstError(result.problems));
    if (result.flow) {
      const text = formatFlow(result.flow);
      // Spaces and line breaks alone change no flow: nothing to send.
      if (text === shown.current) return;
      shown.current = text;
      pending.current.push(text);
      callbacks.current.onFlow(result.flow);
    }
  };

  return (
    <div className="raw">
      <Editor
        height="100%"
        path={file}
        language="json"
        defaultValue={canonical}
        onMount={(mounted) => {
          editor.current = mounted;
          // A model kept from an earlier visit of this tab holds old text: start from the flow as it is.
          if (mounted.getValue() !== canonical) mounted.setValue(canonical);
        }}
        onChange={onChange}
        options={{ minimap: { enabled: false }, fontSize: 13, tabSize: 2 }}
      />
      {problems.length > 0 && (
        <ProblemsPanel
          problems={problems}
          onPick={(problem) => {
            if (problem.line === undefined || !editor.current) return;
            const position = { lineNumber: problem.line, column: problem.column ?? 1 };
            editor.current.setPosition(position);
            editor.current.revealPositionInCenter(position);
            editor.current.focus();
          }}
        />
      )}
    </div>
  );
}

function firstError(problems: Problem[]): RawError | undefined {
  const problem = problems.find((p) => p.severity === "error");
  if (!problem) return undefined;
  return {
    line: problem.line,
    column: problem.column,
    pointer: problem.code === "json/syntax" ? undefined : problem.pointer,
    message: problem.message,
  };
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
