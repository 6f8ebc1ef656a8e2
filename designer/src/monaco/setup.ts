import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import EditorWorker from "monaco-editor/editor/editor.worker.js?worker";
import JsonWorker from "monaco-editor/language/json/json.worker.js?worker";
import flowSchema from "../../../schema/flow.schema.json" with { type: "json" };

/** Monaco from our own bundle (never a CDN), with the flow schema attached to `*.flow.json` models. */
self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === "json" ? new JsonWorker() : new EditorWorker()),
};
loader.config({ monaco });

monaco.json.jsonDefaults.setDiagnosticsOptions({
  validate: true,
  enableSchemaRequest: false,
  schemas: [{ uri: "https://relais.dev/schema/flow.schema.json", fileMatch: ["*.flow.json"], schema: flowSchema }],
});

/** Variables offered by completion in the expression editor that has focus. */
export const completion = { variables: [] as string[] };

monaco.languages.register({ id: "jsonata" });
monaco.languages.setMonarchTokensProvider("jsonata", {
  keywords: ["and", "or", "in", "true", "false", "null", "function"],
  tokenizer: {
    root: [
      [/\$[A-Za-z_]\w*/, "predefined"],
      [/[A-Za-z_]\w*/, { cases: { "@keywords": "keyword", "@default": "identifier" } }],
      [/"([^"\\]|\\.)*"/, "string"],
      [/'([^'\\]|\\.)*'/, "string"],
      [/\d+(\.\d+)?/, "number"],
      [/[=<>!&|+\-*/%?:~.]+/, "operator"],
    ],
  },
});
monaco.languages.registerCompletionItemProvider("jsonata", {
  provideCompletionItems: (model, position) => {
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
    return {
      suggestions: completion.variables.map((name) => ({
        label: name,
        kind: monaco.languages.CompletionItemKind.Variable,
        insertText: name,
        range,
      })),
    };
  },
});

export { monaco };
