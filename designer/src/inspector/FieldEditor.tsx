import type { ReactNode } from "react";
import { DEFAULT_CURRENCY } from "../../../runtime/engine/index.js";
import type { FieldHint, FlowNode, IntentRoute, LocalizedText } from "../../../schema/index.js";
import { say, t } from "../i18n.js";
import { editedLanguages, withLanguage } from "../model/per-language.js";
import { intentIdOf } from "../model/slug.js";
import { ConditionBuilder } from "./ConditionBuilder.js";
import type { FieldContext } from "./context.js";
import { currencyWords, mediaKindWords, optionWords, questionKindWords } from "./enum-words.js";
import { ListText } from "./ListText.js";
import { WordSelect } from "./WordSelect.js";
import {
  Checkbox,
  ExpressionInput,
  ListEditor,
  LocalizedTextInput,
  NumberInput,
  PairsEditor,
  Picker,
  QueuePicker,
  TemplateInput,
  TextInput,
} from "./widgets.js";

type Json = Record<string, unknown>;
type Choice = { id: string; label: LocalizedText; value?: string | number | boolean; next?: string };

const languagesText = (context: FieldContext, text: string): LocalizedText =>
  context.languages.length > 1 ? Object.fromEntries(context.languages.map((lang) => [lang, text])) : text;

function ChoicesEditor({
  value,
  onChange,
  context,
}: {
  value: Choice[] | undefined;
  onChange: (v: Choice[] | undefined) => void;
  context: FieldContext;
}) {
  return (
    <ListEditor<Choice>
      items={value}
      onChange={onChange}
      make={(i) => ({ id: `choice-${i + 1}`, label: languagesText(context, `Choix ${i + 1}`) })}
      render={(choice, set) => (
        <>
          <input aria-label={t("nodeId")} value={choice.id} onChange={(e) => set({ ...choice, id: e.target.value })} />
          <LocalizedTextInput
            value={choice.label}
            onChange={(label) => set({ ...choice, label: label ?? "" })}
            label={t("label")}
            context={context}
          />
        </>
      )}
    />
  );
}

/** The form control for one field of a node, chosen by the schema's UI hint. */
export function FieldEditor({
  node,
  hint,
  context,
  onChange,
}: {
  node: FlowNode;
  hint: FieldHint;
  context: FieldContext;
  onChange: (value: unknown) => void;
}) {
  const value = (node as unknown as Json)[hint.field];
  const label = say(hint.label);
  const common = { label, context };
  switch (hint.widget) {
    case "text":
      return <TextInput {...common} value={value as string} onChange={onChange} />;
    case "localizedText":
      return <LocalizedTextInput {...common} value={value as LocalizedText} onChange={onChange} />;
    case "template":
      return <TemplateInput {...common} value={value as string} onChange={onChange} />;
    case "expression":
      return <ExpressionInput {...common} value={value as string} onChange={onChange} />;
    case "variable":
      return (
        <Picker
          {...common}
          id={`vars-${hint.field}`}
          names={context.variables}
          value={value as string}
          onChange={onChange}
        />
      );
    case "queue":
      return <QueuePicker {...common} id="queues" value={value as string} onChange={onChange} />;
    case "flow":
      return <Picker {...common} id="flows" names={context.flows} value={value as string} onChange={onChange} />;
    case "select":
      return (
        <WordSelect
          label={label}
          options={hint.options ?? []}
          words={optionWords[hint.field] ?? {}}
          value={value as string}
          onChange={onChange}
          blank
        />
      );
    case "number":
      return <NumberInput {...common} value={value as number} onChange={onChange} />;
    case "checkbox":
      return <Checkbox {...common} value={value as boolean} onChange={onChange} />;
    case "media":
      return (
        <ListEditor<{ kind: "image" | "video" | "audio" | "file"; url: string; caption?: LocalizedText }>
          items={value as never}
          onChange={onChange}
          make={() => ({ kind: "image", url: "https://" })}
          render={(media, set) => (
            <>
              <WordSelect
                label={t("kind")}
                options={mediaKinds}
                words={mediaKindWords}
                value={media.kind}
                onChange={(kind) => set({ ...media, kind: kind ?? "image" })}
              />
              <SubField words={t("mediaUrl")}>
                <TextInput
                  {...common}
                  label="URL"
                  value={media.url}
                  onChange={(url) => set({ ...media, url: url ?? "" })}
                />
              </SubField>
              {/* Not a label: a caption per language holds a label of its own for each. */}
              <div className="sub-field">
                <span className="help">{t("captionHelp")}</span>
                <LocalizedTextInput
                  {...common}
                  label={t("caption")}
                  value={media.caption}
                  onChange={(caption) => {
                    const { caption: _cleared, ...rest } = media;
                    set(caption === undefined ? rest : { ...rest, caption });
                  }}
                />
              </div>
            </>
          )}
        />
      );
    case "choices":
      return <ChoicesEditor value={value as Choice[]} onChange={onChange} context={context} />;
    case "questionInput":
      return <QuestionInputEditor value={value as Json} onChange={onChange} context={context} />;
    case "intents":
      return (
        <ListEditor<IntentRoute>
          items={value as never}
          onChange={onChange}
          make={(i) => ({
            id: `intent_${i + 1}`,
            examples: Object.fromEntries(context.languages.map((lang) => [lang, []])),
          })}
          render={(route, set) => (
            <>
              <input
                aria-label={t("nodeId")}
                value={route.id}
                onChange={(e) => set({ ...route, id: intentIdOf(e.target.value) })}
              />
              <IntentLabel
                value={route.label}
                languages={context.languages}
                onChange={(label) => {
                  const { label: _old, ...rest } = route;
                  set(label === undefined ? rest : { ...rest, label });
                }}
              />
              {context.languages.map((lang) => (
                <label key={lang} className="lang">
                  <span>{lang}</span>
                  <ListText
                    label={`${t("examples")} (${lang})`}
                    lines
                    rows={3}
                    value={route.examples[lang] ?? []}
                    onChange={(examples) => set({ ...route, examples: { ...route.examples, [lang]: examples } })}
                  />
                </label>
              ))}
            </>
          )}
        />
      );
    case "rules":
      return (
        <ListEditor<{ id: string; when: string; next?: string }>
          items={value as never}
          onChange={onChange}
          make={(i) => ({ id: `rule-${i + 1}`, when: "true" })}
          render={(rule, set) => (
            <>
              <label>
                {t("nodeId")}
                <input
                  aria-label={t("nodeId")}
                  value={rule.id}
                  onChange={(e) => set({ ...rule, id: e.target.value })}
                />
              </label>
              <ConditionBuilder
                {...common}
                label={t("when")}
                value={rule.when}
                onChange={(when) => set({ ...rule, when: when ?? "" })}
              />
            </>
          )}
        />
      );
    case "assignments":
      return (
        <ListEditor<{ variable: string; value: string }>
          items={value as never}
          onChange={onChange}
          make={() => ({ variable: "value", value: "1" })}
          render={(assignment, set, i) => (
            <>
              <Picker
                {...common}
                id={`assign-${i}`}
                label={t("variables")}
                names={context.variables}
                value={assignment.variable}
                onChange={(variable) => set({ ...assignment, variable: variable ?? "" })}
              />
              <ExpressionInput
                {...common}
                label={t("value")}
                value={assignment.value}
                onChange={(text) => set({ ...assignment, value: text ?? "" })}
              />
            </>
          )}
        />
      );
    case "headers":
      return (
        <PairsEditor
          value={value as Record<string, string>}
          onChange={onChange}
          keyLabel="Header"
          valueEditor={(text, set) => <TemplateInput {...common} label={t("value")} value={text} onChange={set} />}
        />
      );
    case "mapping":
      return (
        <PairsEditor
          value={value as Record<string, string>}
          onChange={onChange}
          keyLabel={t("variables")}
          valueEditor={(text, set) => <ExpressionInput {...common} label={t("value")} value={text} onChange={set} />}
        />
      );
    case "statusRoutes":
      return (
        <ListEditor<{ status: number; next?: string }>
          items={value as never}
          onChange={onChange}
          make={() => ({ status: 404 })}
          render={(route, set) => (
            <NumberInput
              {...common}
              label={t("status")}
              value={route.status}
              onChange={(status) => set({ ...route, status: status ?? 404 })}
            />
          )}
        />
      );
  }
}

/**
 * What agents read for an intent in the handoff packet: a text per language of the flow, or the one
 * text a file gives for all; an empty field leaves that language out.
 */
function IntentLabel({
  value,
  languages,
  onChange,
}: {
  value: LocalizedText | undefined;
  languages: readonly string[];
  onChange: (label: LocalizedText | undefined) => void;
}) {
  if (typeof value === "string") {
    return (
      <SubField words={t("intentLabel")}>
        <input aria-label={t("intentLabel")} value={value} onChange={(e) => onChange(e.target.value || undefined)} />
      </SubField>
    );
  }
  const labels = value ?? {};
  return (
    <div className="sub-field">
      <span className="help">{t("intentLabel")}</span>
      {editedLanguages(languages, labels).map((lang) => (
        <label key={lang} className="lang">
          <span>{lang}</span>
          <input
            aria-label={`${t("intentLabel")} (${lang})`}
            value={labels[lang] ?? ""}
            onChange={(e) => onChange(withLanguage(labels, lang, e.target.value))}
          />
        </label>
      ))}
    </div>
  );
}

const inputKinds = Object.keys(questionKindWords) as (keyof typeof questionKindWords)[];
const currencies = Object.keys(currencyWords) as (keyof typeof currencyWords)[];
const mediaKinds = Object.keys(mediaKindWords) as (keyof typeof mediaKindWords)[];

/** A setting of the expected answer, named on screen: an unnamed box under the kind says nothing. */
function SubField({ words, children }: { words: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, which the rule cannot see.
    <label className="sub-field">
      <span className="help">{words}</span>
      {children}
    </label>
  );
}

function QuestionInputEditor({
  value,
  onChange,
  context,
}: {
  value: Json;
  onChange: (value: unknown) => void;
  context: FieldContext;
}) {
  const kind = value.kind as (typeof inputKinds)[number];
  const switchKind = (next: string | undefined) => {
    if (!next || next === kind) return;
    if (next === "choice")
      onChange({ kind: next, choices: [{ id: "choice-1", label: languagesText(context, "Choix 1") }] });
    else if (next === "pattern") onChange({ kind: next, pattern: "[A-Z0-9]+" });
    else onChange({ kind: next });
  };
  const set = (field: string, fieldValue: unknown) => {
    const next = { ...value };
    if (fieldValue === undefined) delete next[field];
    else next[field] = fieldValue;
    onChange(next);
  };
  const numberSetting = (words: string, field: string) => (
    <SubField words={words}>
      <NumberInput label={words} context={context} value={value[field] as number} onChange={(n) => set(field, n)} />
    </SubField>
  );
  return (
    <div className="question-input">
      <WordSelect label={t("kind")} options={inputKinds} words={questionKindWords} value={kind} onChange={switchKind} />
      {kind === "choice" && (
        <ChoicesEditor
          value={value.choices as Choice[]}
          onChange={(choices) => set("choices", choices ?? [])}
          context={context}
        />
      )}
      {kind === "pattern" && (
        <>
          <SubField words={t("pattern")}>
            <TextInput
              label={t("pattern")}
              context={context}
              value={value.pattern as string}
              onChange={(text) => set("pattern", text ?? "")}
            />
          </SubField>
          <SubField words={t("patternExample")}>
            <TextInput
              label={t("patternExample")}
              context={context}
              value={value.example as string}
              onChange={(text) => set("example", text)}
            />
          </SubField>
        </>
      )}
      {kind === "amount" && (
        <SubField words={t("currency")}>
          <WordSelect
            label={t("currency")}
            options={currencies}
            words={currencyWords}
            value={(value.currency as (typeof currencies)[number] | undefined) ?? DEFAULT_CURRENCY}
            onChange={(currency) => set("currency", currency === DEFAULT_CURRENCY ? undefined : currency)}
          />
        </SubField>
      )}
      {kind === "number" && (
        <>
          {numberSetting(t("minimum"), "min")}
          {numberSetting(t("maximum"), "max")}
        </>
      )}
      {kind === "text" && numberSetting(t("maxLength"), "maxLength")}
    </div>
  );
}
