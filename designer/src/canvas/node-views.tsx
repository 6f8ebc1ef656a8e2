import { Handle, type NodeProps, NodeResizer, Position } from "@xyflow/react";
import { type ComponentType, createContext, memo, type ReactNode, useContext, useState } from "react";
import {
  nodeTypes as allNodeTypes,
  definitionOf,
  type FlowNode,
  type LocalizedText,
  type NodeType,
} from "../../../schema/index.js";
import { useQueueName } from "../app/queue-names.js";
import { language, say, t, useLanguage } from "../i18n.js";
import { conditionInWords, priorityWords, questionKindWords, wordOf } from "../inspector/enum-words.js";
import type { Command } from "../model/commands.js";
import type { FlowCanvasNode, NoteCanvasNode } from "../model/graph.js";
import { useLiveNode } from "./live-nodes.js";

const textOf = (text: LocalizedText | undefined): string =>
  text === undefined ? "" : typeof text === "string" ? text : (text[language] ?? Object.values(text)[0] ?? "");

/** What each node type shows at a glance, so a reader follows the flow without opening the inspector. */
const summaries: { [T in NodeType]: (node: Extract<FlowNode, { type: T }>) => ReactNode } = {
  start: () => null,
  message: (node) => <p className="text">{textOf(node.text)}</p>,
  question: (node) => (
    <>
      <p className="text">{textOf(node.text)}</p>
      <p className="meta">
        {wordOf(questionKindWords, node.input.kind)} → <code>{node.saveAs}</code>
      </p>
    </>
  ),
  intent: (node) => (
    <>
      {node.text && <p className="text">{textOf(node.text)}</p>}
      <p className="meta">{node.intents.map((route) => route.id).join(", ")}</p>
    </>
  ),
  condition: (node) => <p className="meta">{t("ruleCount", { count: node.rules.length })}</p>,
  set: (node) => (
    <p className="meta">
      {node.assign.map((assignment) => (
        <code key={assignment.variable}>{`${assignment.variable} := ${assignment.value}`} </code>
      ))}
    </p>
  ),
  http: (node) => (
    <p className="meta">
      <b>{node.method}</b> {node.url}
    </p>
  ),
  handoff: (node) => <HandoffSummary node={node} />,
  jump: (node) => <p className="meta">→ {node.flow}</p>,
  return: () => null,
  end: (node) => (node.text ? <p className="text">{textOf(node.text)}</p> : null),
};

/** Where a handoff goes: the queue by its name on the server, and the priority in words. */
function HandoffSummary({ node }: { node: Extract<FlowNode, { type: "handoff" }> }) {
  const queueName = useQueueName();
  return (
    <p className="meta">
      → {queueName(node.queue)} ({wordOf(priorityWords, node.priority ?? "normal")})
    </p>
  );
}

function makeView<T extends NodeType>(type: T): ComponentType<NodeProps<FlowCanvasNode>> {
  const summary = summaries[type] as (node: FlowNode) => ReactNode;
  function View({ id, data, selected }: NodeProps<FlowCanvasNode>) {
    useLanguage();
    const node = useLiveNode(id, data.node);
    const { transitions, mark, problem } = data;
    const ui = definitionOf(node).ui;
    const classes = [
      "flow-node",
      `type-${type}`,
      mark && `mark-${mark}`,
      problem && `problem-${problem}`,
      selected && "selected",
    ];
    return (
      <div className={classes.filter(Boolean).join(" ")} data-node-id={node.id} style={{ borderColor: ui.color }}>
        {type !== "start" && <Handle type="target" position={Position.Left} />}
        <header style={{ background: ui.color }}>
          <span>{say(ui.title)}</span>
          <span className="node-id">{node.label ?? node.id}</span>
        </header>
        <div className="body">{summary(node)}</div>
        {transitions.length > 0 && (
          <ul className="handles">
            {transitions.map((transition) => (
              <li key={transition.handle} data-handle={transition.handle}>
                {node.type === "condition" && transition.handle.startsWith("rule:") ? (
                  // In words as the condition builder shows it; the rule as the flow holds it on hover.
                  <span title={String(transition.label)}>{conditionInWords(String(transition.label))}</span>
                ) : (
                  <span>{say(transition.label)}</span>
                )}
                <Handle
                  type="source"
                  id={transition.handle}
                  position={Position.Right}
                  className={transition.target === undefined && transition.required ? "open" : undefined}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  View.displayName = `${type}Node`;
  return memo(View);
}

/** How a sticky note on the canvas edits itself: the canvas hands its command dispatcher down. */
export const NoteEditing = createContext<{ dispatch: (command: Command) => void }>({ dispatch: () => undefined });

/** A sticky note: double-click to write in it, drag its corners (once selected) to resize it. */
const NoteView = memo(function NoteView({ data, selected }: NodeProps<NoteCanvasNode>) {
  const { dispatch } = useContext(NoteEditing);
  // What is typed shows at once: the note's text comes back through the canvas's node state a render
  // later, and a field showing that would jump back under the fingers.
  const [editing, setEditing] = useState<string>();
  const { note } = data;
  return (
    <>
      <NodeResizer
        isVisible={selected}
        minWidth={80}
        minHeight={40}
        onResizeEnd={(_event, box) =>
          dispatch({
            type: "updateNote",
            note: {
              ...note,
              x: Math.round(box.x),
              y: Math.round(box.y),
              width: Math.round(box.width),
              height: Math.round(box.height),
            },
          })
        }
      />
      {editing !== undefined ? (
        <textarea
          className="sticky-note nodrag nowheel"
          aria-label={t("addNote")}
          // biome-ignore lint/a11y/noAutofocus: the field appears because the person asked to edit the note (double click); typing goes into it.
          autoFocus
          value={editing}
          onChange={(event) => {
            setEditing(event.target.value);
            dispatch({ type: "updateNote", note: { ...note, text: event.target.value } });
          }}
          onBlur={() => setEditing(undefined)}
          onKeyDown={(event) => event.key === "Escape" && setEditing(undefined)}
        />
      ) : (
        // biome-ignore lint/a11y/noStaticElementInteractions: a note is a React Flow node: selected and moved with the canvas's own keys; double click edits its text in place.
        <div className="sticky-note" data-note-id={note.id} onDoubleClick={() => setEditing(note.text)}>
          {note.text}
        </div>
      )}
    </>
  );
});

/** One memoised component per node type, defined once at module scope so React Flow never remounts them. */
export const canvasNodeTypes = {
  ...Object.fromEntries(allNodeTypes.map((type) => [type, makeView(type)])),
  note: NoteView,
};
