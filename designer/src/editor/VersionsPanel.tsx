import { useCallback, useEffect, useState } from "react";
import { api, type VersionSummary } from "../api.js";
import { t } from "../i18n.js";

export function VersionsPanel({ flowId, onRolledBack }: { flowId: string; onRolledBack: () => void }) {
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [error, setError] = useState("");
  const reload = useCallback(() => {
    api.versions(flowId).then(setVersions, (failure: unknown) => setError(String(failure)));
  }, [flowId]);
  useEffect(reload, []);

  return (
    <div className="versions">
      {error && <p className="error">{error}</p>}
      <ul>
        {versions.map((version) => (
          <li key={version.version} data-version={version.version} className={version.live ? "live" : undefined}>
            <strong>v{version.version}</strong> {version.live && <span className="badge live">{t("live")}</span>}
            <div className="meta">
              {new Date(version.createdAt).toLocaleString()} — {version.author}
            </div>
            {version.note && <div className="note">{version.note}</div>}
            {!version.live && (
              <button
                type="button"
                onClick={async () => {
                  try {
                    await api.rollback(flowId, version.version);
                    reload();
                    onRolledBack();
                  } catch (failure) {
                    setError(String(failure));
                  }
                }}
              >
                {t("rollback")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
