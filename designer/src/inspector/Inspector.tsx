import { useEffect, useRef, useState } from "react";
import { expectedAnswer } from "../../../runtime/engine/index.js";
import { definitionOf, type Flow, type FlowNode } from "../../../schema/index.js";
import { say, t } from "../i18n.js";
import type { Command } from "../model/commands.js";
import type { FlowDocument } from "../model/document.js";
import { noteIdOf } from "../model/graph.js";
import { slugify } from "../model/slug.js";
import { ChannelPreviewPanel } from "./ChannelPreview.js";
import { fieldContext } from "./context.js";
import { FieldEditor } from "./FieldEditor.js";
import { HttpTest } from "./HttpTest.js";
import { httpFieldContext } from "./http-test.js";
import { TryPhrase } from "./TryPhrase.js";

interface InspectorProps {
  doc: FlowDocument;
  selected: string[];
  notes: string[];
  dispatch: (command: Command) => void;
  flows: string[];
  /** The other flows, for the values the flows a step jumps to ask for. */
  others: ReadonlyMap<string, Flow>;
}

export function Inspector({ doc, selected, notes, dispatch, flows, others }: InspectorProps) {
  const node = selected.length === 1 ? doc.flow.nodes.find((candidate) => candidate.id === selected[0]) : undefined;
  const note =
    notes.length === 1 && selected.length === 0
      ? doc.layout.notes?.find((n) => n.id === noteIdOf(notes[0] as string))
      : undefined;
  if (note) {
    return (
      <div className="inspector" data-edits-draft>
        <textarea
          aria-label={t("addNote")}
          rows={6}
          value={note.text}
          onChange={(e) => dispatch({ type: "updateNote", note: { ...note, text: e.target.value } })}
        />
      </div>
    );
  }
  if (!node)
    return (
      <p className="inspector empty">
        {selected.length > 1 ? t("nodes", { count: selected.length }) : t("selectNode")}
      </p>
    );
  return <NodeForm key={node.id} node={node} doc={doc} dispatch={dispatch} flows={flows} others={others} />;
}

/** By new node id, the field to focus once a renamed node's form is shown again. */
const focusAfterRename = new Map<string, string>();

function NodeForm({
  node,
  doc,
  dispatch,
  flows,
  others,
}: {
  node: FlowNode;
  doc: FlowDocument;
  dispatch: (c: Command) => void;
  flows: string[];
  others: ReadonlyMap<string, Flow>;
}) {
  const definition = definitionOf(node);
  const context = fieldContext(doc.flow, flows);
  const [id, setId] = useState(node.id);
  useEffect(() => setId(node.id), [node.id]);
  const slug = slugify(id);
  const refusedId =
    id.trim() === ""
      ? t("nodeIdEmpty", { id: node.id })
      : slug !== node.id && doc.flow.nodes.some((other) => other.id === slug)
        ? t("nodeIdTaken", { taken: slug, id: node.id })
        : undefined;
  const form = useRef<HTMLFormElement>(null);
  // A rename gives the form a new key: the field Tab was moving to gets the focus in the new form.
  useEffect(() => {
    const field = focusAfterRename.get(node.id);
    focusAfterRename.delete(node.id);
    if (field) form.current?.querySelector<HTMLElement>(`[aria-label="${CSS.escape(field)}"]`)?.focus();
  }, [node.id]);
  const update = (field: string, value: unknown) => {
    const next = { ...node } as Record<string, unknown>;
    if (value === undefined) delete next[field];
    else next[field] = value;
    dispatch({ type: "updateNode", id: node.id, node: next as FlowNode, field });
  };
  return (
    <form
      className="inspector"
      data-edits-draft
      data-inspecting={node.id}
      ref={form}
      onSubmit={(e) => e.preventDefault()}
    >
      <h3 style={{ color: definition.ui.color }}>{say(definition.ui.title)}</h3>
      <p className="help">{say(definition.ui.description)}</p>
      <label>
        {t("nodeId")}
        <input
          aria-label={t("nodeId")}
          data-own-undo
          aria-invalid={refusedId !== undefined}
          value={id}
          onChange={(e) => setId(e.target.value)}
          onBlur={(e) => {
            // A refused id stays as typed, said under the field, for the person to change.
            if (refusedId !== undefined) return;
            const slug = slugify(id);
            const next = e.relatedTarget instanceof HTMLElement ? e.relatedTarget.getAttribute("aria-label") : null;
            if (slug !== node.id) {
              if (next) focusAfterRename.set(slug, next);
              dispatch({ type: "renameNode", id: node.id, newId: slug });
            }
            setId(slug);
          }}
        />
      </label>
      {refusedId && (
        <p role="alert" className="error">
          {refusedId}
        </p>
      )}
      <label>
        {t("label")}
        <input
          aria-label={t("label")}
          value={node.label ?? ""}
          onChange={(e) => update("label", e.target.value || undefined)}
        />
      </label>
      {definition.ui.fields.map((hint) => (
        <div className="field" key={hint.field} data-field={hint.field}>
          <span className="field-label">{say(hint.label)}</span>
          <FieldEditor
            node={node}
            hint={hint}
            context={httpFieldContext(doc.flow, node.type, hint.field, context)}
            onChange={(value) => update(hint.field, value)}
          />
          {hint.help && <small className="help">{say(hint.help)}</small>}
          {node.type === "question" && hint.field === "reprompt" && node.reprompt === undefined && (
            <small className="help">
              {t("defaultReprompt", { words: expectedAnswer(node.input, doc.flow.languages?.[0] ?? "fr") })}
            </small>
          )}
        </div>
      ))}
      {node.type === "http" && <HttpTest node={node} flow={doc.flow} dispatch={dispatch} />}
      {(node.type === "message" || node.type === "question") && (
        <ChannelPreviewPanel node={node} languages={doc.flow.languages ?? []} />
      )}
      {node.type === "intent" && <TryPhrase node={node} flow={doc.flow} others={others} />}
    </form>
  );
}
