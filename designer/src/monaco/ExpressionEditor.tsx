import { Editor } from "@monaco-editor/react";
import type { editor } from "monaco-editor";
import { useEffect, useRef } from "react";
import { completion } from "./setup.js";

/** A one-line JSONata editor with highlighting and completion of the flow's variables. */
export default function ExpressionEditor({
  value,
  onChange,
  variables,
  label,
}: {
  value: string;
  onChange: (text: string) => void;
  variables: string[];
  label: string;
}) {
  const editorRef = useRef<editor.IStandaloneCodeEditor>(undefined);
  const latest = useRef({ value, variables });
  latest.current = { value, variables };
  // While the person types, the editor holds the truth: a render carrying the text of a few keystrokes
  // ago (the app renders after Monaco has taken the next key) must not type over it. Changes from
  // elsewhere (undo, the raw file, another node) reach an editor that is not being typed in.
  useEffect(() => {
    const shown = editorRef.current;
    if (shown && !shown.hasTextFocus() && shown.getValue() !== value) shown.setValue(value);
  }, [value]);
  // Monaco 0.57 types through an EditContext `div`, which React Flow does not take for a text field: `nokey`
  // tells it to leave keys alone here, so Space does not pan and Backspace does not delete the selected node.
  return (
    <fieldset className="monaco-expression nokey" aria-label={label}>
      <Editor
        height={28}
        language="jsonata"
        defaultValue={value}
        onChange={(text) => onChange(text ?? "")}
        onMount={(mounted) => {
          editorRef.current = mounted;
          // Monaco loads after the first paint: the text may have changed since `defaultValue` was read.
          if (mounted.getValue() !== latest.current.value) mounted.setValue(latest.current.value);
          mounted.onDidFocusEditorText(() => {
            completion.variables = latest.current.variables;
          });
        }}
        options={{
          minimap: { enabled: false },
          lineNumbers: "off",
          glyphMargin: false,
          folding: false,
          scrollBeyondLastLine: false,
          overviewRulerLanes: 0,
          renderLineHighlight: "none",
          wordWrap: "on",
          fontSize: 13,
          scrollbar: { vertical: "hidden", horizontal: "hidden" },
        }}
      />
    </fieldset>
  );
}
