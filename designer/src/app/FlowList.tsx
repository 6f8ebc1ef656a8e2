import { type FormEvent, useCallback, useState } from "react";
import { FLOW_TEMPLATES, type FlowSummary, type FlowTemplate } from "../../../schema/api/index.js";
import { api, failureText } from "../api.js";
import { t } from "../i18n.js";
import { freshId, slugify } from "../model/slug.js";
import { LoadFailure, useRead } from "./LoadFailure.js";

export function FlowList({ onOpen }: { onOpen: (id: string) => void }) {
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [error, setError] = useState("");
  const [name, setName] = useState("");
  const [template, setTemplate] = useState<FlowTemplate>("blank");

  const loadFlows = useCallback(() => api.flows().then(setFlows), []);
  const { failure: readFailure, read: reload } = useRead(loadFlows);

  const taken = new Set(flows.map((flow) => flow.id));
  const run = async (action: () => Promise<unknown>) => {
    setError("");
    try {
      await action();
      reload();
    } catch (failure) {
      setError(failureText(failure));
    }
  };

  /** A copy of the flow, with its layout and sticky notes, under a fresh id. */
  const duplicate = async (flow: FlowSummary) => {
    const id = freshId(`${flow.id}-copy`, taken);
    await api.createFlow({ id, name: t("copyName", { name: flow.name }), template: "blank", duplicateOf: flow.id });
    const { layout } = await api.flow(flow.id);
    if (layout) await api.saveLayout(id, { ...layout, flow: id });
  };

  const create = (event: FormEvent) => {
    event.preventDefault();
    const id = freshId(slugify(name), taken);
    run(async () => {
      await api.createFlow({ id, name, template });
      onOpen(id);
    });
  };

  return (
    <main className="flow-list">
      <h1>{t("flows")}</h1>
      <form className="new-flow" onSubmit={create}>
        <input
          aria-label={t("flowName")}
          placeholder={t("newFlow")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <select
          aria-label={t("template")}
          value={template}
          onChange={(e) => setTemplate(e.target.value as FlowTemplate)}
        >
          {FLOW_TEMPLATES.map((id) => (
            <option key={id} value={id}>
              {t(`template.${id}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t("create")}</button>
      </form>
      {readFailure && <LoadFailure failure={readFailure} onRetry={reload} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table>
        <tbody>
          {flows.map((flow) => (
            <tr key={flow.id} data-flow={flow.id}>
              <td>
                <a href={`#/flows/${flow.id}`}>{flow.name}</a> <code>{flow.id}</code>
              </td>
              <td>{t("nodes", { count: flow.nodeCount })}</td>
              <td>
                <span className={`badge ${flow.live === null ? "never" : flow.changed ? "changed" : "live"}`}>
                  {flow.live === null ? t("neverPublished") : flow.changed ? t("changed") : t("upToDate")}
                </span>
                {flow.live && ` v${flow.live.version}`}
              </td>
              <td className="problems-count">
                {flow.problems.errors > 0 && (
                  <span className="error">✖ {t("errors", { count: flow.problems.errors })}</span>
                )}
                {flow.problems.warnings > 0 && (
                  <span className="warning">⚠ {t("warnings", { count: flow.problems.warnings })}</span>
                )}
              </td>
              <td className="actions">
                <button type="button" onClick={() => onOpen(flow.id)}>
                  {t("open")}
                </button>
                <button type="button" onClick={() => run(() => duplicate(flow))}>
                  {t("duplicate")}
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    if (window.confirm(t("confirmDelete", { name: flow.name }))) run(() => api.deleteFlow(flow.id));
                  }}
                >
                  {t("delete")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
