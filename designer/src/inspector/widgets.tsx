import { lazy, type ReactNode, Suspense } from "react";
import type { LocalizedText } from "../../../schema/index.js";
import { t } from "../i18n.js";
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
      <datalist id={id}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
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
      {variables.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
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
  const languages = [...new Set([...context.languages, ...Object.keys(value)])];
  return (
    <div className="localized">
      {languages.map((lang) => (
        <label key={lang} className="lang">
          <span>{lang}</span>
          <TemplateInput
            value={value[lang]}
            label={`${label} (${lang})`}
            context={context}
            onChange={(text) => {
              const next = { ...value };
              if (text === undefined) delete next[lang];
              else next[lang] = text;
              onChange(Object.keys(next).length ? next : undefined);
            }}
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
  return (
    <div className="list">
      {list.map((item, index) => (
        <div className="list-item" key={index}>
          {render(item, (next) => onChange(list.map((old, i) => (i === index ? next : old))), index)}
          <button
            type="button"
            className="remove"
            onClick={() =>
              onChange(list.filter((_, i) => i !== index).length ? list.filter((_, i) => i !== index) : undefined)
            }
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
  const entries = Object.entries(value ?? {});
  const write = (next: [string, string][]) => onChange(next.length ? Object.fromEntries(next) : undefined);
  return (
    <ListEditor<[string, string]>
      items={entries}
      onChange={(next) => write(next ?? [])}
      make={(i) => [`${keyLabel.toLowerCase().replace(/\W+/g, "")}${i + 1}`, ""]}
      render={([key, text], set) => (
        <>
          <input aria-label={keyLabel} value={key} onChange={(e) => set([e.target.value, text])} />
          {valueEditor(text, (next) => set([key, next ?? ""]), key)}
        </>
      )}
    />
  );
}
