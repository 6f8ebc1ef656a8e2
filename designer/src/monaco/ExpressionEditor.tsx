import { Editor } from "@monaco-editor/react";
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
  return (
    <div className="monaco-expression" aria-label={label}>
      <Editor
        height={28}
        language="jsonata"
        value={value}
        onChange={(text) => onChange(text ?? "")}
        onMount={(editor) => {
          editor.onDidFocusEditorText(() => {
            completion.variables = variables;
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
    </div>
  );
}
