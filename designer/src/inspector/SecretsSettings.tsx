import { type FormEvent, useEffect, useState } from "react";
import { api, failureText } from "../api.js";
import { t } from "../i18n.js";

const SECRET_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * The secrets a flow declares, whether the server has a value for each (asked by name, the value
 * never comes to the browser), and a form to declare or drop one.
 */
export function SecretsSettings({
  secrets,
  onChange,
}: {
  secrets: readonly string[];
  onChange: (secrets: string[] | undefined) => void;
}) {
  const [known, setKnown] = useState<Record<string, boolean>>({});
  const [error, setError] = useState("");
  const [name, setName] = useState("");
  const key = secrets.join(",");

  useEffect(() => {
    if (!key) return;
    let current = true;
    api.secretsStatus(key.split(",")).then(
      (answer) => {
        if (current) setKnown(Object.fromEntries(answer.secrets.map((secret) => [secret.name, secret.set])));
      },
      (failure) => current && setError(failureText(failure)),
    );
    return () => {
      current = false;
    };
  }, [key]);

  const wanted = name.trim().toUpperCase();
  const problem = !wanted
    ? ""
    : !SECRET_NAME.test(wanted)
      ? t("secrets.badName")
      : secrets.includes(wanted)
        ? t("secrets.exists")
        : "";
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!wanted || problem) return;
    onChange([...secrets, wanted]);
    setName("");
  };

  return (
    <section className="secrets-settings" aria-label={t("secrets.title")}>
      <h3>{t("secrets.title")}</h3>
      <p className="help">{t("secrets.help")}</p>
      {secrets.length === 0 && <p className="help">{t("secrets.none")}</p>}
      <ul className="secret-list">
        {secrets.map((secret) => (
          <li key={secret} data-secret={secret}>
            <code>{secret}</code>{" "}
            <span className={`secret-state ${known[secret] === undefined ? "" : known[secret] ? "set" : "unset"}`}>
              {known[secret] === undefined
                ? t("secrets.checking")
                : known[secret]
                  ? `✓ ${t("secrets.set")}`
                  : `⚠ ${t("secrets.unset")}`}
            </span>
            <button
              type="button"
              className="remove"
              aria-label={`${t("remove")} ${secret}`}
              onClick={() => {
                const rest = secrets.filter((other) => other !== secret);
                onChange(rest.length ? rest : undefined);
              }}
            >
              {t("remove")}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <form className="add-secret" data-own-undo onSubmit={add}>
        <input
          aria-label={t("secrets.name")}
          placeholder="CRM_TOKEN"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={!wanted || problem !== ""}>
          {t("secrets.add")}
        </button>
      </form>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
