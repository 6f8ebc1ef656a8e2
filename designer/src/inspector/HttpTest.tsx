import { useState } from "react";
import type { NodeRequestRun } from "../../../schema/api/index.js";
import type { Flow, FlowNode, HttpNode } from "../../../schema/index.js";
import { ApiError, api, failureText } from "../api.js";
import { t } from "../i18n.js";
import type { Command } from "../model/commands.js";
import { problemInWords } from "../problems/in-words.js";
import { fieldValue } from "../simulator/fixture-form.js";
import { nestedVariables, type PathStep, requestInputs, responsePath, suggestedVariable } from "./http-test.js";

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Runs the node's request on the server with sample values for the variables it reads, shows the
 * answer as a tree, and turns a click on a field into a response mapping of the node.
 */
export function HttpTest({
  node,
  flow,
  dispatch,
}: {
  node: HttpNode;
  flow: Flow;
  dispatch: (command: Command) => void;
}) {
  const inputs = requestInputs(node);
  const [samples, setSamples] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<NodeRequestRun>();
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<PathStep[]>();
  const [variable, setVariable] = useState("");
  const [mapped, setMapped] = useState("");

  const run = async () => {
    setBusy(true);
    setError("");
    setPicked(undefined);
    setMapped("");
    try {
      const values = Object.fromEntries(inputs.map((path) => [path, fieldValue(samples[path] ?? "")]));
      setAnswer(await api.runNodeRequest(flow, node.id, nestedVariables(values)));
    } catch (failure) {
      setAnswer(undefined);
      // Refusals that carry the flow's problems (a secret not declared, a file not valid) say them as the
      // problems list does, in the interface language and at their step.
      const problems = failure instanceof ApiError ? failure.problems : [];
      setError(
        problems.length > 0 ? problems.map((problem) => problemInWords(problem, flow)).join(" ") : failureText(failure),
      );
    } finally {
      setBusy(false);
    }
  };

  const pick = (steps: PathStep[]) => {
    setPicked(steps);
    setVariable(suggestedVariable(steps));
    setMapped("");
  };

  const map = () => {
    if (!picked || !VARIABLE.test(variable)) return;
    const path = responsePath(picked);
    const next = { ...node, responseMapping: { ...node.responseMapping, [variable]: path } };
    dispatch({ type: "updateNode", id: node.id, node: next as FlowNode, field: "responseMapping" });
    setMapped(t("httpTest.mapped", { variable, path }));
    setPicked(undefined);
  };

  const result = answer?.result;
  return (
    <section className="http-test" data-own-undo aria-label={t("httpTest.title")}>
      <h4>{t("httpTest.title")}</h4>
      <p className="help">{t("httpTest.help")}</p>
      {inputs.map((path) => (
        <label key={path}>
          {t("httpTest.sample", { name: path })}
          <input
            aria-label={t("httpTest.sample", { name: path })}
            value={samples[path] ?? ""}
            onChange={(e) => setSamples({ ...samples, [path]: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                run();
              }
            }}
          />
        </label>
      ))}
      <button type="button" className="primary" onClick={run} disabled={busy}>
        {busy ? t("httpTest.running") : t("httpTest.run")}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {answer && (
        <div className="http-answer">
          <code className="request-line">
            {answer.request.method} {answer.request.url}
          </code>
          {result?.ok ? (
            <>
              <p className={`http-status ${result.status < 400 ? "good" : "bad"}`} role="status">
                {t("httpTest.status", { status: result.status })}
              </p>
              <p className="help">{t("httpTest.pickField")}</p>
              <div className="json-tree">
                {result.body === null || result.body === "" ? (
                  <span className="help">{t("httpTest.emptyBody")}</span>
                ) : (
                  <JsonTree value={result.body} steps={["body"]} onPick={pick} />
                )}
              </div>
            </>
          ) : (
            result && (
              <p className="error" role="alert">
                {t("httpTest.failed", { why: `${t(`httpError.${result.error}`)} (${result.message})` })}
              </p>
            )
          )}
        </div>
      )}
      {picked && (
        <div className="map-field">
          <label>
            {t("httpTest.saveInto", { path: responsePath(picked) })}
            <input
              aria-label={t("httpTest.saveInto", { path: responsePath(picked) })}
              value={variable}
              onChange={(e) => setVariable(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  map();
                }
              }}
            />
          </label>
          {!VARIABLE.test(variable) && <p className="error">{t("httpTest.badVariable")}</p>}
          <button type="button" onClick={() => map()} disabled={!VARIABLE.test(variable)}>
            {t("httpTest.map")}
          </button>
        </div>
      )}
      {mapped && (
        <p className="help" role="status">
          {mapped}
        </p>
      )}
    </section>
  );
}

/** A JSON value as nested lists; every field name and value is a button that picks its place. */
function JsonTree({
  value,
  steps,
  onPick,
}: {
  value: unknown;
  steps: PathStep[];
  onPick: (steps: PathStep[]) => void;
}) {
  if (typeof value !== "object" || value === null) {
    return (
      <button type="button" className="json-leaf" onClick={() => onPick(steps)}>
        {JSON.stringify(value)}
      </button>
    );
  }
  const entries: [PathStep, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value as Record<string, unknown>);
  return (
    <ul>
      {entries.map(([key, inner]) => (
        <li key={String(key)}>
          <button type="button" className="json-key" onClick={() => onPick([...steps, key])}>
            {typeof key === "number" ? `[${key}]` : key}
          </button>
          {typeof inner === "object" && inner !== null ? (
            <JsonTree value={inner} steps={[...steps, key]} onPick={onPick} />
          ) : (
            <>
              {" : "}
              <JsonTree value={inner} steps={[...steps, key]} onPick={onPick} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
