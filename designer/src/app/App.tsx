import { useCallback, useEffect, useState } from "react";
import { api, setUnauthorizedHandler, type User } from "../api.js";
import { Editor } from "../editor/Editor.js";
import { t } from "../i18n.js";
import { FlowList } from "./FlowList.js";
import { LoginPage } from "./LoginPage.js";

/** `#/flows/<id>` opens a flow; anything else shows the list. */
const flowIdFromHash = () => /^#\/flows\/([^/]+)$/.exec(window.location.hash)?.[1];

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [flowId, setFlowId] = useState(flowIdFromHash);

  useEffect(() => {
    setUnauthorizedHandler(() => setUser(null));
    api.me().then(
      (answer) => setUser(answer.user),
      () => setUser(null),
    );
    const onHash = () => setFlowId(flowIdFromHash());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  const open = useCallback((id: string | undefined) => {
    window.location.hash = id ? `#/flows/${id}` : "#/";
  }, []);

  if (user === undefined) return <p className="loading">{t("loading")}</p>;
  if (user === null) return <LoginPage onLogin={setUser} />;
  return (
    <div className="app">
      <header className="topbar">
        <a href="#/" className="brand">
          {t("appName")}
        </a>
        <span className="spacer" />
        <span className="who">{user.name || user.email}</span>
        <button type="button" onClick={() => api.logout().finally(() => setUser(null))}>
          {t("logout")}
        </button>
      </header>
      {flowId ? <Editor key={flowId} flowId={flowId} onClose={() => open(undefined)} /> : <FlowList onOpen={open} />}
    </div>
  );
}
