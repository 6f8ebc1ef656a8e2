import { useId, useRef, useState } from "react";
import { CURRENCIES, parseNumber } from "../../../runtime/engine/index.js";
import { t } from "../i18n.js";
import {
  type Condition,
  type ConditionRow,
  fromExpression,
  type Literal,
  type Operator,
  operatorsFor,
  type ReadResult,
  toExpression,
  type VariableType,
  valueKind,
} from "../model/condition.js";
import type { FieldContext } from "./context.js";
import { amountCurrencyWords, operatorWord, variableTypeWords, wordOf } from "./enum-words.js";
import { ExpressionInput, Picker } from "./widgets.js";
import "./condition-builder.css";

/** A row as edited: the model's row plus the text typed for its value, kept while it is not yet a number. */
interface EditedRow extends ConditionRow {
  key: number;
  text: string;
}

type Mode = "rules" | "expression";

const textOf = (value: Literal | undefined): string => (value === undefined ? "" : String(value));

/** The value a typed text stands for, given what the operator asks: text, a number, or either. */
function literalOf(text: string, kind: ReturnType<typeof valueKind>): Literal | undefined {
  switch (kind) {
    case "none":
      return undefined;
    case "text":
      return text;
    case "number":
      return parseNumber(text);
    case "any":
      return text === "" ? undefined : (parseNumber(text) ?? text);
  }
}

function unreadableWords(read: Exclude<ReadResult, { ok: true }>): string {
  switch (read.reason) {
    case "syntax":
      return t("condition.unreadable.syntax", { message: read.message });
    case "mixed":
      return t("condition.unreadable.mixed");
    case "shape":
      return t("condition.unreadable.shape");
    case "type":
      return t("condition.unreadable.type", { variable: read.variable, type: wordOf(variableTypeWords, read.type) });
  }
}

/**
 * A condition as rows of variable, comparison and value, all or at least one of them holding, that writes
 * the JSONata expression underneath; "Expression" edits the JSONata itself. An expression the rows cannot
 * show opens as an expression, with the reason in words.
 */
export function ConditionBuilder({
  value,
  onChange,
  context,
  label,
  always = t("condition.always"),
}: {
  value: string | undefined;
  onChange: (expression: string | undefined) => void;
  context: FieldContext;
  label: string;
  /** What a condition without rows means where it is used, in words. */
  always?: string;
}) {
  const types = context.types;
  const typeOf = (variable: string): VariableType => types[variable] ?? "unknown";
  const read = (expression: string | undefined) => fromExpression(expression ?? "true", types);
  const nextKey = useRef(0);
  const edited = (condition: Condition): EditedRow[] =>
    condition.rows.map((row) => ({ ...row, key: nextKey.current++, text: textOf(row.value) }));

  const first = read(value);
  const [mode, setMode] = useState<Mode>(first.ok ? "rules" : "expression");
  const [match, setMatch] = useState<Condition["match"]>(first.ok ? first.condition.match : "all");
  const [rows, setRows] = useState<EditedRow[]>(() => (first.ok ? edited(first.condition) : []));
  const id = useId();
  const expressionOf = (nextMatch: Condition["match"], nextRows: EditedRow[]) =>
    toExpression(
      {
        match: nextMatch,
        rows: nextRows.map(({ variable, operator, value: v, currency }) => ({
          variable,
          operator,
          value: v,
          ...(currency ? { currency } : {}),
        })),
      },
      types,
    );

  // A change from elsewhere (undo, the file tab, another rule removed above) is read again. Compared when
  // the value changes, during the render that brings it: the rows' own writes come back as their own
  // expression and are left as typed, half-made rows included, however late the machine renders.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== expressionOf(match, rows)) {
      const again = read(value);
      if (again.ok) {
        setMatch(again.condition.match);
        setRows(edited(again.condition));
      } else setMode("expression");
    }
  }

  const write = (nextMatch: Condition["match"], nextRows: EditedRow[]) => {
    setMatch(nextMatch);
    setRows(nextRows);
    const expression = expressionOf(nextMatch, nextRows);
    if (expression !== value) onChange(expression);
  };
  const setRow = (index: number, row: EditedRow) =>
    write(
      match,
      rows.map((old, i) => (i === index ? row : old)),
    );
  const withVariable = (row: EditedRow, variable: string): EditedRow => {
    const type = typeOf(variable);
    const operator = operatorsFor(type).includes(row.operator) ? row.operator : (operatorsFor(type)[0] as Operator);
    // An amount starts in its question's currency; any other variable has none.
    const { currency: _previous, ...rest } = row;
    const currency = context.amounts?.[variable];
    return {
      ...rest,
      variable,
      operator,
      value: literalOf(row.text, valueKind(operator, type)),
      ...(currency ? { currency } : {}),
    };
  };

  const showRules = (condition: Condition) => {
    setMatch(condition.match);
    setRows(edited(condition));
    setMode("rules");
  };

  const current = read(value);
  if (mode === "expression") {
    return (
      <div className="condition-builder" data-mode="expression">
        <ModeSwitch mode={mode} canShowRules={current.ok} onRules={() => current.ok && showRules(current.condition)} />
        <ExpressionInput label={label} context={context} value={value} onChange={onChange} />
        {!current.ok && (
          <p className="condition-unreadable" role="note">
            {unreadableWords(current)}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="condition-builder" data-mode="rules">
      <ModeSwitch mode={mode} canShowRules onExpression={() => setMode("expression")} />
      {rows.length > 1 && (
        <select
          aria-label={t("condition.match")}
          value={match}
          onChange={(e) => write(e.target.value as Condition["match"], rows)}
        >
          <option value="all">{t("condition.all")}</option>
          <option value="any">{t("condition.any")}</option>
        </select>
      )}
      {rows.length === 0 && <p className="help">{always}</p>}
      {rows.map((row, index) => {
        const type = typeOf(row.variable);
        const offered = operatorsFor(type).includes(row.operator)
          ? operatorsFor(type)
          : [...operatorsFor(type), row.operator];
        const kind = valueKind(row.operator, type);
        const notANumber = kind === "number" && row.text !== "" && row.value === undefined;
        const amount =
          kind === "number" && (row.currency !== undefined || context.amounts?.[row.variable] !== undefined);
        return (
          <fieldset
            key={row.key}
            className="condition-row"
            data-amount={amount || undefined}
            aria-label={t("condition.row", { n: index + 1 })}
          >
            <Picker
              label={t("condition.variable")}
              id={`${id}-variables`}
              names={context.variables}
              context={context}
              value={row.variable}
              onChange={(variable) => setRow(index, withVariable(row, variable ?? ""))}
            />
            <select
              aria-label={t("condition.operator")}
              value={row.operator}
              onChange={(e) => {
                const operator = e.target.value as Operator;
                setRow(index, { ...row, operator, value: literalOf(row.text, valueKind(operator, type)) });
              }}
            >
              {offered.map((operator) => (
                <option key={operator} value={operator}>
                  {operatorWord(operator, type)}
                </option>
              ))}
            </select>
            {kind !== "none" && (
              <input
                className="condition-value"
                aria-label={t("condition.value")}
                aria-invalid={notANumber || undefined}
                placeholder={t("condition.value")}
                inputMode={kind === "number" ? "decimal" : undefined}
                value={row.text}
                onChange={(e) =>
                  setRow(index, { ...row, text: e.target.value, value: literalOf(e.target.value, kind) })
                }
              />
            )}
            {amount && (
              <CurrencyPicker
                value={row.currency}
                onChange={(currency) => {
                  const { currency: _previous, ...rest } = row;
                  setRow(index, currency ? { ...rest, currency } : rest);
                }}
              />
            )}
            <button
              type="button"
              className="remove"
              aria-label={`${t("remove")} : ${t("condition.row", { n: index + 1 })}`}
              onClick={() =>
                write(
                  match,
                  rows.filter((_, i) => i !== index),
                )
              }
            >
              ×
            </button>
            {notANumber && <small className="help error">{t("condition.numberNeeded")}</small>}
            {amount && (
              <small className="help">
                {row.currency
                  ? t("condition.currencyOnly", { currency: wordOf(amountCurrencyWords, row.currency) })
                  : t("condition.anyCurrencyHelp")}
              </small>
            )}
          </fieldset>
        );
      })}
      <button
        type="button"
        className="add"
        onClick={() => setRows([...rows, { key: nextKey.current++, variable: "", operator: "eq", text: "" }])}
      >
        + {t("condition.add")}
      </button>
    </div>
  );
}

/** The currency a threshold is in, in words ("euros"), or any currency: the value alone, said so. */
function CurrencyPicker({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (currency: string | undefined) => void;
}) {
  const known = (CURRENCIES as readonly string[]).includes(value ?? "");
  return (
    <select
      className="condition-currency"
      aria-label={t("condition.currency")}
      value={value ?? ""}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      {CURRENCIES.map((code) => (
        <option key={code} value={code}>
          {wordOf(amountCurrencyWords, code)}
        </option>
      ))}
      {value && !known && <option value={value}>{value}</option>}
      <option value="">{t("condition.anyCurrency")}</option>
    </select>
  );
}

function ModeSwitch({
  mode,
  canShowRules,
  onRules,
  onExpression,
}: {
  mode: Mode;
  canShowRules: boolean;
  onRules?: () => void;
  onExpression?: () => void;
}) {
  return (
    <div className="condition-mode">
      <button type="button" aria-pressed={mode === "rules"} disabled={!canShowRules} onClick={onRules}>
        {t("condition.rulesMode")}
      </button>
      <button type="button" aria-pressed={mode === "expression"} onClick={onExpression}>
        {t("condition.expressionMode")}
      </button>
    </div>
  );
}
