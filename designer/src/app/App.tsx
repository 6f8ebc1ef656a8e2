import { useCallback, useEffect, useState } from "react";
import { ConsoleLinks, consolePage } from "../agent/console-routes.js";
import { api, setUnauthorizedHandler, type User } from "../api.js";
import { Editor } from "../editor/Editor.js";
import { t, useLanguage } from "../i18n.js";
import { ChoosePasswordPage } from "./ChoosePasswordPage.js";
import { FlowList } from "./FlowList.js";
import { LanguageSwitch } from "./LanguageSwitch.js";
import { LoginPage } from "./LoginPage.js";
import { followHash, leavePage, navigate } from "./navigation.js";

/** `#/flows/<id>` opens a flow; anything else shows the list. */
const flowIdFromHash = () => /^#\/flows\/([^/]+)$/.exec(window.location.hash)?.[1];

export function App() {
  // Every page renders again in the new language when the switcher changes it.
  useLanguage();
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [flowId, setFlowId] = useState(flowIdFromHash);
  const [hash, setHash] = useState(window.location.hash);
  const [needsPassword, setNeedsPassword] = useState(false);

  useEffect(() => {
    setUnauthorizedHandler(() => setUser(null));
    api.me().then(
      (answer) => {
        setUser(answer.user);
        setNeedsPassword(answer.hasPassword === false);
      },
      () => setUser(null),
    );
    return followHash((next) => {
      setFlowId(flowIdFromHash());
      setHash(next);
    });
  }, []);

  const open = useCallback((id: string | undefined) => navigate(id ? `#/flows/${id}` : "#/"), []);

  if (user === undefined) return <p className="loading">{t("loading")}</p>;
  if (user === null) return <LoginPage onLogin={setUser} />;
  if (needsPassword) return <ChoosePasswordPage user={user} onDone={() => setNeedsPassword(false)} />;
  const page = consolePage(hash, user);
  return (
    <div className="app">
      <header className="topbar">
        <a href="#/" className="brand">
          {t("appName")}
        </a>
        <ConsoleLinks user={user} hash={hash} />
        <span className="spacer" />
        <LanguageSwitch />
        <span className="who">{user.name || user.email}</span>
        <button type="button" onClick={() => leavePage(() => api.logout().finally(() => setUser(null)))}>
          {t("logout")}
        </button>
      </header>
      {page ??
        (flowId ? <Editor key={flowId} flowId={flowId} onClose={() => open(undefined)} /> : <FlowList onOpen={open} />)}
    </div>
  );
}
