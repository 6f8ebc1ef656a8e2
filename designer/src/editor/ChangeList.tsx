import { t } from "../i18n.js";
import type { ChangeLine } from "./change-words.js";

/** The changes between two flows, one per line: where, which field, before → after. */
export function ChangeList({ lines }: { lines: ChangeLine[] }) {
  if (lines.length === 0) return <p className="changes-empty">{t("change.none")}</p>;
  return (
    <ul className="changes">
      {lines.map((line) => (
        <li key={line.key}>
          <span className="change-where">{line.where}</span>
          {line.field && (
            <>
              {" — "}
              <span className="change-field">{line.field}</span>
              {" : "}
              <code className="change-before">{line.before}</code>
              {" → "}
              <code className="change-after">{line.after}</code>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
