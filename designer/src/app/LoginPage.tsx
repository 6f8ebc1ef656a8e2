import { type FormEvent, useState } from "react";
import { api, failureText, type User } from "../api.js";
import { t } from "../i18n.js";

export function LoginPage({ onLogin }: { onLogin: (user: User) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError("");
    try {
      onLogin((await api.login(email, password)).user);
    } catch (failure) {
      setError(failureText(failure));
    }
  };

  return (
    <form className="login" onSubmit={submit}>
      <h1>{t("appName")}</h1>
      <label>
        {t("email")}
        <input
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        {t("password")}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit">{t("login")}</button>
    </form>
  );
}
