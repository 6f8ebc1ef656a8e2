import type { EscalationPolicy, Flow, LocalizedText } from "../../../schema/index.js";
import { t } from "../i18n.js";
import type { Command } from "../model/commands.js";
import { fieldContext } from "./context.js";
import { EscalationRules } from "./EscalationRules.js";
import { variableTypeWords } from "./enum-words.js";
import { ListText } from "./ListText.js";
import { SecretsSettings } from "./SecretsSettings.js";
import { WordSelect } from "./WordSelect.js";
import { LocalizedTextInput, QueuePicker, RecordEditor, TextInput } from "./widgets.js";

const variableDeclarationTypes = ["string", "number", "boolean", "object", "array"] as const;

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
    <div className="settings" data-edits-draft>
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
        <ListText label={t("languages")} value={flow.languages} onChange={(languages) => update({ languages })} />
      </label>
      <h3>{t("variables")}</h3>
      <RecordEditor<{ type: "string" | "number" | "boolean" | "object" | "array"; description?: string }>
        value={flow.variables}
        onChange={(variables) => update({ variables })}
        nameLabel={t("variables")}
        make={(i) => [`variable${i + 1}`, { type: "string" }]}
        render={(declaration, set) => (
          <WordSelect
            label={t("kind")}
            options={variableDeclarationTypes}
            words={variableTypeWords}
            value={declaration.type}
            onChange={(type) => set({ ...declaration, type: type ?? "string" })}
          />
        )}
      />
      <SecretsSettings secrets={flow.secrets ?? []} onChange={(secrets) => update({ secrets })} />
      <h3>{t("escalation")}</h3>
      <label>
        {t("defaultQueue")}
        <QueuePicker
          label={t("defaultQueue")}
          id="default-queue"
          context={context}
          value={policy?.defaultQueue}
          onChange={(queue) => setPolicy({ defaultQueue: queue ?? "support" })}
        />
      </label>
      {/* Not a <label>: one text per language is one labelled control each. */}
      <div>
        {t("handoffText")}
        <LocalizedTextInput
          label={t("handoffText")}
          context={context}
          value={policy?.text}
          onChange={(text) => setPolicy({ text: text as LocalizedText })}
        />
      </div>
      <h4>{t("rules")}</h4>
      <EscalationRules
        rules={policy?.rules ?? []}
        defaultQueue={policy?.defaultQueue ?? "support"}
        onChange={(rules) => setPolicy({ rules })}
        context={context}
      />
    </div>
  );
}
