import { type FormEvent, useState } from "react";
import { api, failureText, type User } from "../api.js";
import { t } from "../i18n.js";

/** The runtime's floor for a password (POST /api/auth/password). */
const MIN_LENGTH = 10;

/** Shown to someone who came in through a one-time link and has no password yet: nothing else until they choose one. */
export function ChoosePasswordPage({ user, onDone }: { user: User; onDone: () => void }) {
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_LENGTH) return setError(t("passwordTooShort", { min: MIN_LENGTH }));
    if (password !== repeat) return setError(t("passwordsDiffer"));
    setError("");
    try {
      await api.setPassword(password);
      onDone();
    } catch (failure) {
      setError(failureText(failure));
    }
  };

  return (
    <form className="login" onSubmit={submit}>
      <h1>{t("choosePassword")}</h1>
      <p>{t("choosePasswordWhy")}</p>
      {/* Lets the browser's password manager file the new password under the right account. */}
      <input type="email" name="email" autoComplete="username" value={user.email} readOnly hidden />
      <label>
        {t("newPassword")}
        <input
          name="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <label>
        {t("repeatPassword")}
        <input
          name="repeat-password"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit">{t("setPassword")}</button>
    </form>
  );
}
