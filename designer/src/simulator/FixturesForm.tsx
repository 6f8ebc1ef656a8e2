import { useState } from "react";
import type { Flow, HttpFixture } from "../../../schema/index.js";
import { useRowKeys } from "../app/row-keys.js";
import { t } from "../i18n.js";
import {
  bodyFields,
  bodyOf,
  fieldText,
  fieldValue,
  fixturesByNode,
  type PlacedFixture,
  withFixture,
  withNewFixture,
  withoutFixture,
} from "./fixture-form.js";

type Outcome = "answer" | "timeout" | "network";

/** The test file's shared HTTP fixtures, grouped by the HTTP node that calls them, as forms. */
export function FixturesForm({
  flows,
  fixtures,
  standIns,
  onChange,
}: {
  /** The flow edited first, then the flows it jumps to. */
  flows: Flow[];
  fixtures: HttpFixture[];
  standIns: Record<string, string>;
  onChange: (fixtures: HttpFixture[]) => void;
}) {
  const { nodes, others } = fixturesByNode(flows, fixtures, standIns);
  // Adding or removing a response shifts the places of the others: their forms start afresh.
  const [generation, setGeneration] = useState(0);
  const reshape = (next: HttpFixture[]) => {
    setGeneration((old) => old + 1);
    onChange(next);
  };
  const editor = ({ index, fixture }: PlacedFixture) => (
    <FixtureEditor
      key={`${generation}-${index}`}
      fixture={fixture}
      onChange={(next) => onChange(withFixture(fixtures, index, next))}
      onRemove={() => reshape(withoutFixture(fixtures, index))}
    />
  );
  return (
    <div className="fixtures-form">
      <p className="help">{t("sim.fixturesHelp")}</p>
      {nodes.map((group) => (
        <section
          key={`${group.flow.id}/${group.node.id}`}
          className="fixture-group"
          data-flow={group.flow.id}
          data-node={group.node.id}
        >
          <h4>
            {group.node.label ?? group.node.id}
            {group.flow !== flows[0] && ` — ${group.flow.name}`}
            <small>
              {" "}
              {group.node.method} {group.pattern}
            </small>
          </h4>
          {group.fixtures.length === 0 && <p className="help">{t("sim.noResponses")}</p>}
          {group.fixtures.map(editor)}
          <button type="button" className="add" onClick={() => reshape(withNewFixture(fixtures, group))}>
            + {t("sim.addResponse")}
          </button>
        </section>
      ))}
      {others.length > 0 && (
        <section className="fixture-group">
          <h4>{t("sim.otherFixtures")}</h4>
          {others.map(editor)}
        </section>
      )}
    </div>
  );
}

function FixtureEditor({
  fixture,
  onChange,
  onRemove,
}: {
  fixture: HttpFixture;
  onChange: (fixture: HttpFixture) => void;
  onRemove: () => void;
}) {
  const outcome: Outcome = fixture.error ?? "answer";
  // The rows live here, so a field whose name is being typed never merges with another one.
  const [rows, setRows] = useState<[string, string][] | undefined>(() => bodyFields(fixture.body));
  const [text, setText] = useState(() => (rows ? "" : fieldText(fixture.body)));
  const [statusText, setStatusText] = useState(String(fixture.status ?? 200));
  const { keys, removing } = useRowKeys(rows?.length ?? 0);
  const { error: _error, status: _status, body: _body, ...where } = fixture;
  const setOutcome = (next: Outcome) => {
    setStatusText("200");
    onChange(
      next === "answer"
        ? { ...where, status: 200, body: rows ? bodyOf(rows) : fieldValue(text) }
        : { ...where, error: next },
    );
  };
  const setRowsAndBody = (next: [string, string][]) => {
    setRows(next);
    onChange({ ...fixture, body: bodyOf(next) });
  };
  return (
    <div className="fixture" data-url={fixture.url}>
      <label>
        {t("sim.address")}
        <input
          aria-label={t("sim.address")}
          value={fixture.url}
          onChange={(e) => onChange({ ...fixture, url: e.target.value })}
        />
      </label>
      <label>
        {t("sim.outcome")}
        <select aria-label={t("sim.outcome")} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
          {(["answer", "timeout", "network"] as const).map((kind) => (
            <option key={kind} value={kind}>
              {t(`sim.outcome.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      {outcome === "answer" && (
        <>
          <label>
            {t("sim.statusCode")}
            <input
              aria-label={t("sim.statusCode")}
              type="number"
              min={100}
              max={599}
              value={statusText}
              onChange={(e) => {
                // What is typed stays on screen; the fixture changes once it is a status code.
                setStatusText(e.target.value);
                if (validStatus(e.target.value)) onChange({ ...fixture, status: Number(e.target.value) });
              }}
            />
          </label>
          {!validStatus(statusText) && (
            <p className="error" role="alert">
              {t("sim.badStatus")}
            </p>
          )}
          {rows ? (
            <fieldset className="body-fields">
              <legend>{t("sim.bodyFields")}</legend>
              {rows.map(([name, value], i) => (
                <div className="body-field" key={keys[i]}>
                  <input
                    aria-label={t("sim.fieldName")}
                    value={name}
                    onChange={(e) => setRowsAndBody(rows.map((row, j) => (j === i ? [e.target.value, value] : row)))}
                  />
                  <input
                    aria-label={`${t("sim.fieldValue")} ${name}`}
                    value={value}
                    onChange={(e) => setRowsAndBody(rows.map((row, j) => (j === i ? [name, e.target.value] : row)))}
                  />
                  <button
                    type="button"
                    className="remove"
                    aria-label={`${t("remove")} ${name}`}
                    onClick={() => {
                      removing(i);
                      setRowsAndBody(rows.filter((_, j) => j !== i));
                    }}
                  >
                    ×
                  </button>
                </div>
              ))}
              {duplicateOf(rows) && (
                <p className="error" role="alert">
                  {t("sim.duplicateField", { name: duplicateOf(rows) ?? "" })}
                </p>
              )}
              <button type="button" className="add" onClick={() => setRowsAndBody([...rows, ["", ""]])}>
                + {t("sim.addField")}
              </button>
            </fieldset>
          ) : (
            <label>
              {t("sim.bodyText")}
              <textarea
                aria-label={t("sim.bodyText")}
                rows={3}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  onChange({ ...fixture, body: fieldValue(e.target.value) });
                }}
              />
            </label>
          )}
        </>
      )}
      <button type="button" className="remove" onClick={onRemove}>
        {t("sim.removeResponse")}
      </button>
    </div>
  );
}

const validStatus = (text: string) => /^[1-5][0-9]{2}$/.test(text.trim());

/** A field name given twice: only the last one would reach the response, so the form says so. */
function duplicateOf(rows: readonly [string, string][]): string | undefined {
  const seen = new Set<string>();
  for (const [name] of rows) {
    if (name.trim() && seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
