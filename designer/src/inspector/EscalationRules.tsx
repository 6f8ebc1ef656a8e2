import { useEffect, useRef, useState } from "react";
import { parseNumber } from "../../../runtime/engine/index.js";
import type { EscalationRule, EscalationRuleKind } from "../../../schema/index.js";
import { t } from "../i18n.js";
import { type KindStash, switchRuleKind } from "../model/escalation-rule.js";
import { editedLanguages, withLanguage } from "../model/per-language.js";
import { ConditionBuilder } from "./ConditionBuilder.js";
import type { FieldContext } from "./context.js";
import { priorityWords, ruleKindWords } from "./enum-words.js";
import { WordSelect } from "./WordSelect.js";
import { QueuePicker } from "./widgets.js";

const ruleKinds = Object.keys(ruleKindWords) as EscalationRuleKind[];
const priorities = Object.keys(priorityWords) as EscalationRule["priority"][];

const freshId = (rules: EscalationRule[]) => {
  const taken = new Set(rules.map((rule) => rule.id));
  let n = rules.length + 1;
  while (taken.has(`rule-${n}`)) n++;
  return `rule-${n}`;
};

/**
 * The escalation rules, one card each. Switching a rule's kind keeps the fields of the kind it leaves in
 * the card, so switching back brings them back as they were.
 */
export function EscalationRules({
  rules,
  defaultQueue,
  onChange,
  context,
}: {
  rules: EscalationRule[];
  defaultQueue: string;
  onChange: (rules: EscalationRule[]) => void;
  context: FieldContext;
}) {
  // Cards keep their key (and what they hold of other kinds) while rules above them come and go.
  const keys = useRef<number[]>([]);
  const stashes = useRef(new Map<number, KindStash>());
  const nextKey = useRef(0);
  if (keys.current.length !== rules.length) keys.current = rules.map(() => nextKey.current++);

  const set = (index: number, rule: EscalationRule) => onChange(rules.map((old, i) => (i === index ? rule : old)));
  const switchKind = (index: number, rule: EscalationRule, kind: EscalationRuleKind) => {
    const key = keys.current[index] as number;
    const switched = switchRuleKind(rule, kind, stashes.current.get(key) ?? {});
    stashes.current.set(key, switched.stash);
    set(index, switched.rule);
  };
  const remove = (index: number) => {
    stashes.current.delete(keys.current[index] as number);
    keys.current = keys.current.filter((_, i) => i !== index);
    onChange(rules.filter((_, i) => i !== index));
  };
  const add = () => {
    keys.current = [...keys.current, nextKey.current++];
    onChange([...rules, { id: freshId(rules), queue: defaultQueue, priority: "normal", kind: "humanRequest" }]);
  };

  return (
    <div className="list escalation-rules">
      {rules.map((rule, index) => (
        <div className="list-item rule" data-rule={rule.id} key={keys.current[index]}>
          <div className="rule-fields">
            <label>
              {t("nodeId")}
              <input value={rule.id} onChange={(e) => set(index, { ...rule, id: e.target.value })} />
            </label>
            <label>
              {t("rule.kind")}
              <WordSelect
                label={t("rule.kind")}
                options={ruleKinds}
                words={ruleKindWords}
                value={rule.kind}
                onChange={(kind) => kind && kind !== rule.kind && switchKind(index, rule, kind)}
              />
            </label>
            <label>
              {t("queue")}
              <QueuePicker
                label={t("queue")}
                id={`queue-${keys.current[index]}`}
                context={context}
                value={rule.queue}
                onChange={(queue) => set(index, { ...rule, queue: queue ?? "" })}
              />
            </label>
            <label>
              {t("priority")}
              <WordSelect
                label={t("priority")}
                options={priorities}
                words={priorityWords}
                value={rule.priority}
                onChange={(priority) => set(index, { ...rule, priority: priority ?? "normal" })}
              />
            </label>
            <RuleLabel rule={rule} set={(next) => set(index, next)} languages={context.languages} />
            <KindFieldsEditor rule={rule} set={(next) => set(index, next)} context={context} />
          </div>
          <button type="button" className="remove" onClick={() => remove(index)}>
            {t("remove")}
          </button>
        </div>
      ))}
      <button type="button" className="add" onClick={add}>
        + {t("add")}
      </button>
    </div>
  );
}

function KindFieldsEditor({
  rule,
  set,
  context,
}: {
  rule: EscalationRule;
  set: (rule: EscalationRule) => void;
  context: FieldContext;
}) {
  const number = (caption: string, value: number, write: (n: number) => void) => (
    <label className="wide">
      {caption}
      <NumberField value={value} onChange={write} />
    </label>
  );
  switch (rule.kind) {
    case "humanRequest":
      return null;
    case "failedInputs":
      return number(t("rule.threshold"), rule.threshold, (threshold) => set({ ...rule, threshold }));
    case "negativeSentiment":
      return number(t("rule.sentiment"), rule.threshold, (threshold) => set({ ...rule, threshold }));
    case "lowConfidence":
      return number(t("rule.floor"), rule.floor, (floor) => set({ ...rule, floor }));
    case "loop":
      return number(t("rule.maxVisits"), rule.maxVisits, (maxVisits) => set({ ...rule, maxVisits }));
    case "value":
      return (
        <fieldset className="wide">
          <legend>{t("rule.condition")}</legend>
          <ConditionBuilder
            label={t("rule.condition")}
            always={t("rule.always")}
            context={context}
            value={rule.when}
            onChange={(when) => set({ ...rule, when: when ?? "" })}
          />
        </fieldset>
      );
  }
}

/** The words agents read as the handoff's reason: one text, or one per language when the file has them so. */
function RuleLabel({
  rule,
  set,
  languages,
}: {
  rule: EscalationRule;
  set: (rule: EscalationRule) => void;
  languages: string[];
}) {
  const write = (label: EscalationRule["label"]) => {
    const { label: _old, ...rest } = rule;
    set(label === undefined ? rest : { ...rest, label });
  };
  if (rule.label === undefined || typeof rule.label === "string") {
    return (
      <label className="wide">
        {t("rule.label")}
        <input value={rule.label ?? ""} onChange={(e) => write(e.target.value || undefined)} />
        <small className="help">{t("rule.labelHelp")}</small>
      </label>
    );
  }
  const labels = rule.label;
  return (
    <>
      {editedLanguages(languages, labels).map((lang) => (
        <label className="wide" key={lang}>
          {`${t("rule.label")} (${lang})`}
          <input value={labels[lang] ?? ""} onChange={(e) => write(withLanguage(labels, lang, e.target.value))} />
        </label>
      ))}
    </>
  );
}

/**
 * A number typed the French or the English way (`-0,7`, `0.4`). What is typed stays on screen while it is
 * not yet a number (a lone `-`), and the rule keeps its last number until it is one.
 */
function NumberField({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText((shown) => (parseNumber(shown) === value ? shown : String(value))), [value]);
  const invalid = parseNumber(text) === undefined;
  return (
    <>
      <input
        inputMode="decimal"
        aria-invalid={invalid || undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const number = parseNumber(e.target.value);
          if (number !== undefined) onChange(number);
        }}
      />
      {invalid && <small className="help error">{t("condition.numberNeeded")}</small>}
    </>
  );
}
