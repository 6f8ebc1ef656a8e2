import type { EscalationPolicy, EscalationRule, Flow, LocalizedText } from "../../../schema/index.js";
import { t } from "../i18n.js";
import type { Command } from "../model/commands.js";
import { fieldContext } from "./context.js";
import {
  ExpressionInput,
  ListEditor,
  LocalizedTextInput,
  NumberInput,
  Picker,
  RecordEditor,
  Select,
  TextInput,
} from "./widgets.js";

const ruleKinds = ["humanRequest", "failedInputs", "lowConfidence", "negativeSentiment", "loop", "value"] as const;
const priorities = ["low", "normal", "high", "urgent"] as const;

function newRule(
  kind: string,
  base: { id: string; queue: string; priority: EscalationRule["priority"] },
): EscalationRule {
  switch (kind) {
    case "failedInputs":
      return { ...base, kind, threshold: 2 };
    case "lowConfidence":
      return { ...base, kind, floor: 0.4 };
    case "negativeSentiment":
      return { ...base, kind, threshold: -0.5 };
    case "loop":
      return { ...base, kind, maxVisits: 3 };
    case "value":
      return { ...base, kind, when: "order.total >= 500" };
    default:
      return { ...base, kind: "humanRequest" };
  }
}

/** Flow-wide settings: name, languages, variables and the escalation policy, as forms. */
export function FlowSettings({ flow, dispatch }: { flow: Flow; dispatch: (command: Command) => void }) {
  const context = fieldContext(flow, []);
  const { nodes: _nodes, ...rest } = flow;
  const update = (patch: Partial<Flow>, field = Object.keys(patch).join()) => {
    const next = { ...rest, ...patch } as Record<string, unknown>;
    for (const key of Object.keys(patch)) if ((patch as Record<string, unknown>)[key] === undefined) delete next[key];
    dispatch({ type: "updateFlow", flow: next as Omit<Flow, "nodes">, field });
  };
  const policy = flow.escalation;
  const setPolicy = (patch: Partial<EscalationPolicy>) =>
    update(
      { escalation: { defaultQueue: "support", rules: [], ...policy, ...patch } },
      `escalation.${Object.keys(patch).join()}`,
    );

  return (
    <div className="settings">
      <label>
        {t("flowName")}
        <TextInput
          label={t("flowName")}
          context={context}
          value={flow.name}
          onChange={(name) => update({ name: name ?? "" })}
        />
      </label>
      <label>
        {t("languages")}
        <input
          aria-label={t("languages")}
          value={flow.languages.join(", ")}
          onChange={(e) => update({ languages: e.target.value.split(/[ ,]+/).filter(Boolean) })}
        />
      </label>
      <h3>{t("variables")}</h3>
      <RecordEditor<{ type: "string" | "number" | "boolean" | "object" | "array"; description?: string }>
        value={flow.variables}
        onChange={(variables) => update({ variables })}
        nameLabel={t("variables")}
        make={(i) => [`variable${i + 1}`, { type: "string" }]}
        render={(declaration, set) => (
          <Select
            label={t("kind")}
            context={context}
            options={["string", "number", "boolean", "object", "array"]}
            value={declaration.type}
            onChange={(type) => set({ ...declaration, type: (type ?? "string") as never })}
          />
        )}
      />
      <h3>{t("escalation")}</h3>
      <label>
        {t("defaultQueue")}
        <Picker
          label={t("defaultQueue")}
          id="default-queue"
          names={context.queues}
          context={context}
          value={policy?.defaultQueue}
          onChange={(queue) => setPolicy({ defaultQueue: queue ?? "support" })}
        />
      </label>
      <label>
        {t("handoffText")}
        <LocalizedTextInput
          label={t("handoffText")}
          context={context}
          value={policy?.text}
          onChange={(text) => setPolicy({ text: text as LocalizedText })}
        />
      </label>
      <h4>{t("rules")}</h4>
      <ListEditor<EscalationRule>
        items={policy?.rules}
        onChange={(rules) => setPolicy({ rules: rules ?? [] })}
        make={(i) =>
          newRule("humanRequest", { id: `rule-${i + 1}`, queue: policy?.defaultQueue ?? "support", priority: "normal" })
        }
        render={(rule, set) => (
          <div className="rule" data-rule={rule.id}>
            <input aria-label={t("nodeId")} value={rule.id} onChange={(e) => set({ ...rule, id: e.target.value })} />
            <Select
              label={t("kind")}
              context={context}
              options={ruleKinds}
              value={rule.kind}
              onChange={(kind) =>
                set(newRule(kind ?? "humanRequest", { id: rule.id, queue: rule.queue, priority: rule.priority }))
              }
            />
            <Picker
              label={t("queue")}
              id={`queue-${rule.id}`}
              names={context.queues}
              context={context}
              value={rule.queue}
              onChange={(queue) => set({ ...rule, queue: queue ?? "" })}
            />
            <Select
              label={t("priority")}
              context={context}
              options={priorities}
              value={rule.priority}
              onChange={(priority) => set({ ...rule, priority: (priority ?? "normal") as never })}
            />
            {(rule.kind === "failedInputs" || rule.kind === "negativeSentiment") && (
              <NumberInput
                label="seuil"
                context={context}
                value={rule.threshold}
                onChange={(threshold) => set({ ...rule, threshold: threshold ?? 0 })}
              />
            )}
            {rule.kind === "lowConfidence" && (
              <NumberInput
                label="plancher"
                context={context}
                value={rule.floor}
                onChange={(floor) => set({ ...rule, floor: floor ?? 0 })}
              />
            )}
            {rule.kind === "loop" && (
              <NumberInput
                label="max"
                context={context}
                value={rule.maxVisits}
                onChange={(maxVisits) => set({ ...rule, maxVisits: maxVisits ?? 2 })}
              />
            )}
            {rule.kind === "value" && (
              <ExpressionInput
                label={t("when")}
                context={context}
                value={rule.when}
                onChange={(when) => set({ ...rule, when: when ?? "" })}
              />
            )}
          </div>
        )}
      />
    </div>
  );
}
