import { lazy, type ReactNode, Suspense, useContext, useMemo, useState } from "react";
import type { LocalizedText } from "../../../schema/index.js";
import { QueueNames } from "../app/queue-names.js";
import { useRowKeys } from "../app/row-keys.js";
import { t } from "../i18n.js";
import { editedLanguages, withLanguage } from "../model/per-language.js";
import type { FieldContext } from "./context.js";

const MonacoExpression = lazy(() => import("../monaco/ExpressionEditor.js"));

export interface WidgetProps<V> {
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  context: FieldContext;
  label: string;
}

const emptyToUndefined = (text: string) => (text === "" ? undefined : text);

export function TextInput({ value, onChange, label }: WidgetProps<string>) {
  return <input aria-label={label} value={value ?? ""} onChange={(e) => onChange(emptyToUndefined(e.target.value))} />;
}

export function NumberInput({ value, onChange, label }: WidgetProps<number>) {
  return (
    <input
      aria-label={label}
      type="number"
      value={value ?? ""}
      onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
    />
  );
}

export function Checkbox({ value, onChange, label }: WidgetProps<boolean>) {
  return (
    <input
      aria-label={label}
      type="checkbox"
      checked={value ?? false}
      onChange={(e) => onChange(e.target.checked || undefined)}
    />
  );
}

export function Select({ value, onChange, label, options }: WidgetProps<string> & { options: readonly string[] }) {
  return (
    <select aria-label={label} value={value ?? ""} onChange={(e) => onChange(emptyToUndefined(e.target.value))}>
      <option value="" />
      {options.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </select>
  );
}

/**
 * `<option>`s for names, made again only when the names change: a big flow has hundreds of variables,
 * and every keystroke in the inspector would otherwise rebuild them all.
 */
function useNameOptions(names: readonly string[], labelled: boolean): ReactNode {
  // The names' content, not the array made afresh at each render, decides when to make them again.
  const key = names.join("\n");
  return useMemo(
    () =>
      (key === "" ? [] : key.split("\n")).map((name) => (
        <option key={name} value={name}>
          {labelled ? name : undefined}
        </option>
      )),
    [key, labelled],
  );
}

/** A text input that offers the names it knows (variables, queues, flows) but accepts a new one. */
export function Picker({ value, onChange, label, names, id }: WidgetProps<string> & { names: string[]; id: string }) {
  return (
    <>
      <input
        aria-label={label}
        list={id}
        value={value ?? ""}
        onChange={(e) => onChange(emptyToUndefined(e.target.value))}
      />
      <datalist id={id}>{useNameOptions(names, false)}</datalist>
    </>
  );
}

/**
 * A queue chosen by its name among those set up on the server. A queue the server does not have stays
 * chosen, said to be unknown, until another is picked; while the server's queues are not known, the
 * queue is typed as a name among those the flow uses.
 */
export function QueuePicker({ value, onChange, label, context, id }: WidgetProps<string> & { id: string }) {
  const names = useContext(QueueNames);
  const sorted = useMemo(
    () => [...(names ?? [])].sort(([, a], [, b]) => a.localeCompare(b, undefined, { sensitivity: "base" })),
    [names],
  );
  if (!names || names.size === 0)
    return <Picker label={label} context={context} id={id} names={context.queues} value={value} onChange={onChange} />;
  return (
    <select aria-label={label} value={value ?? ""} onChange={(e) => onChange(emptyToUndefined(e.target.value))}>
      {value === undefined && <option value="">—</option>}
      {value !== undefined && !names.has(value) && <option value={value}>{t("unknownQueue", { queue: value })}</option>}
      {sorted.map(([queue, name]) => (
        <option key={queue} value={queue}>
          {name}
        </option>
      ))}
    </select>
  );
}

/** Inserts `{{ variable }}` at the end of a template. */
export function VariableInsert({ variables, onPick }: { variables: string[]; onPick: (name: string) => void }) {
  return (
    <select
      className="variable-insert"
      aria-label={t("insertVariable")}
      value=""
      onChange={(e) => e.target.value && onPick(e.target.value)}
    >
      <option value="">{`{{ }} ${t("insertVariable")}`}</option>
      {useNameOptions(variables, true)}
    </select>
  );
}

export function TemplateInput({ value, onChange, label, context }: WidgetProps<string>) {
  return (
    <div className="template">
      <textarea
        aria-label={label}
        rows={2}
        value={value ?? ""}
        onChange={(e) => onChange(emptyToUndefined(e.target.value))}
      />
      <VariableInsert variables={context.variables} onPick={(name) => onChange(`${value ?? ""}{{ ${name} }}`)} />
    </div>
  );
}

/** One text, or one per language of the flow; switching to per-language keeps the text in the first language. */
export function LocalizedTextInput({ value, onChange, label, context }: WidgetProps<LocalizedText>) {
  if (value === undefined || typeof value === "string") {
    return (
      <div className="localized">
        <TemplateInput value={value} onChange={onChange} label={label} context={context} />
        {context.languages.length > 1 && (
          <button
            type="button"
            className="link"
            onClick={() =>
              onChange(
                Object.fromEntries(
                  context.languages.map((lang, i) => [lang, i === 0 ? (value ?? "…") : (value ?? "…")]),
                ),
              )
            }
          >
            {t("perLanguage")}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="localized">
      {editedLanguages(context.languages, value).map((lang) => (
        <label key={lang} className="lang">
          <span>{lang}</span>
          <TemplateInput
            value={value[lang]}
            label={`${label} (${lang})`}
            context={context}
            onChange={(text) => onChange(withLanguage(value, lang, text))}
          />
        </label>
      ))}
    </div>
  );
}

/** A JSONata expression: a plain input first paint, Monaco with highlighting and variable completion once loaded. */
export function ExpressionInput({ value, onChange, label, context }: WidgetProps<string>) {
  const fallback = (
    <input aria-label={label} value={value ?? ""} onChange={(e) => onChange(emptyToUndefined(e.target.value))} />
  );
  return (
    <div className="expression" data-label={label}>
      <Suspense fallback={fallback}>
        <MonacoExpression
          value={value ?? ""}
          onChange={(text) => onChange(emptyToUndefined(text))}
          variables={context.variables}
          label={label}
        />
      </Suspense>
    </div>
  );
}

/** A list of items with add and remove. */
export function ListEditor<T>({
  items,
  onChange,
  make,
  render,
}: {
  items: T[] | undefined;
  onChange: (items: T[] | undefined) => void;
  make: (index: number) => T;
  render: (item: T, set: (item: T) => void, index: number) => ReactNode;
}) {
  const list = items ?? [];
  const { keys, removing } = useRowKeys(list.length);
  return (
    <div className="list">
      {list.map((item, index) => (
        <div className="list-item" key={keys[index]}>
          {render(item, (next) => onChange(list.map((old, i) => (i === index ? next : old))), index)}
          <button
            type="button"
            className="remove"
            onClick={() => {
              const rest = list.filter((_, i) => i !== index);
              removing(index);
              onChange(rest.length ? rest : undefined);
            }}
          >
            {t("remove")}
          </button>
        </div>
      ))}
      <button type="button" className="add" onClick={() => onChange([...list, make(list.length)])}>
        + {t("add")}
      </button>
    </div>
  );
}

interface Row<V> {
  /** Stable while the row lives, whatever its name becomes: React keeps its inputs and their focus. */
  key: number;
  name: string;
  value: V;
}

let rowKeys = 0;
const rowsOf = <V,>(record: Record<string, V> | undefined): Row<V>[] =>
  Object.entries(record ?? {}).map(([name, value]) => ({ key: rowKeys++, name, value }));
const recordOf = <V,>(rows: Row<V>[]): Record<string, V> | undefined =>
  rows.length ? Object.fromEntries(rows.map((row) => [row.name, row.value])) : undefined;
const sameRecord = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
const namesUsedTwice = <V,>(rows: Row<V>[]) =>
  new Set(rows.filter((row, i) => rows.findIndex((other) => other.name === row.name) !== i).map((row) => row.name));

/**
 * Named rows of a record (variables, HTTP headers, response mappings). The rows are what the person
 * types: a row keeps its place and focus while its name passes through another row's name, and while two
 * rows share a name the record is left as it was and the clash is said under the row.
 */
export function RecordEditor<V>({
  value,
  onChange,
  make,
  nameLabel,
  render,
}: {
  value: Record<string, V> | undefined;
  onChange: (value: Record<string, V> | undefined) => void;
  make: (index: number) => [string, V];
  nameLabel: string;
  render: (value: V, set: (value: V) => void, name: string) => ReactNode;
}) {
  const [rows, setRows] = useState(() => rowsOf(value));
  const [seen, setSeen] = useState(value);
  // A change made elsewhere (undo, the raw file, another node shown) replaces the rows; rows sharing a
  // name were never written, so any change seen then comes from elsewhere.
  if (value !== seen) {
    setSeen(value);
    if (namesUsedTwice(rows).size > 0 || !sameRecord(value, recordOf(rows))) setRows(rowsOf(value));
  }
  const write = (next: Row<V>[]) => {
    setRows(next);
    if (namesUsedTwice(next).size === 0) onChange(recordOf(next));
  };
  const clashes = namesUsedTwice(rows);
  return (
    <div className="list">
      {rows.map((row, index) => (
        <div className="list-item" key={row.key}>
          <input
            aria-label={nameLabel}
            aria-invalid={clashes.has(row.name) || undefined}
            value={row.name}
            onChange={(e) => write(rows.map((old) => (old === row ? { ...row, name: e.target.value } : old)))}
          />
          {render(
            row.value,
            (next) => write(rows.map((old) => (old === row ? { ...row, value: next } : old))),
            row.name,
          )}
          {clashes.has(row.name) && rows.findIndex((other) => other.name === row.name) !== index && (
            <p className="error" role="alert">
              {t("nameTaken", { name: row.name })}
            </p>
          )}
          <button type="button" className="remove" onClick={() => write(rows.filter((old) => old !== row))}>
            {t("remove")}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="add"
        onClick={() => {
          const [name, fresh] = make(rows.length);
          write([...rows, { key: rowKeys++, name, value: fresh }]);
        }}
      >
        + {t("add")}
      </button>
    </div>
  );
}

/** Name → text pairs: HTTP headers, response mappings. */
export function PairsEditor({
  value,
  onChange,
  keyLabel,
  valueEditor,
}: {
  value: Record<string, string> | undefined;
  onChange: (value: Record<string, string> | undefined) => void;
  keyLabel: string;
  valueEditor: (text: string, set: (text: string | undefined) => void, key: string) => ReactNode;
}) {
  return (
    <RecordEditor<string>
      value={value}
      onChange={onChange}
      nameLabel={keyLabel}
      make={(i) => [`${keyLabel.toLowerCase().replace(/\W+/g, "")}${i + 1}`, ""]}
      render={(text, set, key) => valueEditor(text, (next) => set(next ?? ""), key)}
    />
  );
}
