import { useCallback, useEffect, useState } from "react";
import type { VersionSummary } from "../../../schema/api/index.js";
import { api, failureText } from "../api.js";
import { t } from "../i18n.js";
import { ChangeList } from "./ChangeList.js";
import { type ChangeLine, describeChanges } from "./change-words.js";
import { Dialog } from "./Dialog.js";

/**
 * The published versions of a flow: compare any two field by field, open one read-only on the
 * canvas, or put an earlier one back live after saying what that does.
 */
export function VersionsPanel({
  flowId,
  onRolledBack,
  onView,
}: {
  flowId: string;
  onRolledBack: () => void;
  onView: (version: VersionSummary) => void;
}) {
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const [comparison, setComparison] = useState<{ from: number; to: number; lines: ChangeLine[] }>();
  const [confirming, setConfirming] = useState<{ version: number; live: number }>();

  const reload = useCallback(() => {
    api.versions(flowId).then(
      (list) => {
        setVersions(list);
        setTo((current) => current ?? list[0]?.version);
        setFrom((current) => current ?? list[1]?.version ?? list[0]?.version);
      },
      (failure: unknown) => setError(failureText(failure)),
    );
  }, [flowId]);
  useEffect(reload, [reload]);

  const compare = async () => {
    if (from === undefined || to === undefined) return;
    try {
      const [older, newer] = await Promise.all([api.version(flowId, from), api.version(flowId, to)]);
      setComparison({ from, to, lines: describeChanges(older.flow, newer.flow) });
    } catch (failure) {
      setError(failureText(failure));
    }
  };

  const rollback = async (target: { version: number; live: number }) => {
    setConfirming(undefined);
    try {
      await api.rollback(flowId, target.version);
      setDone(t("rollbackDone", target));
      reload();
      onRolledBack();
    } catch (failure) {
      setError(failureText(failure));
    }
  };

  const live = versions.find((version) => version.live)?.version;
  const choose = (value: number | undefined, set: (version: number) => void, label: string) => (
    <select aria-label={label} value={value ?? ""} onChange={(event) => set(Number(event.target.value))}>
      {versions.map((version) => (
        <option key={version.version} value={version.version}>
          {`v${version.version}`}
        </option>
      ))}
    </select>
  );

  return (
    <div className="versions">
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="notice info" role="status">
          {done}
        </p>
      )}
      {versions.length > 1 && (
        <div className="compare">
          {choose(from, setFrom, t("compareFrom"))} → {choose(to, setTo, t("compareTo"))}
          <button type="button" onClick={compare}>
            {t("compare")}
          </button>
        </div>
      )}
      {comparison && (
        <section className="comparison">
          <h3>{t("compareTitle", { from: comparison.from, to: comparison.to })}</h3>
          <ChangeList lines={comparison.lines} />
        </section>
      )}
      <ul>
        {versions.map((version) => (
          <li key={version.version} data-version={version.version} className={version.live ? "live" : undefined}>
            <strong>v{version.version}</strong> {version.live && <span className="badge live">{t("live")}</span>}
            <div className="meta">
              {new Date(version.createdAt).toLocaleString()} — {version.author}
            </div>
            {version.note && <div className="note">{version.note}</div>}
            <div className="actions">
              <button type="button" onClick={() => onView(version)}>
                {t("viewVersion")}
              </button>
              {!version.live && live !== undefined && (
                <button type="button" onClick={() => setConfirming({ version: version.version, live })}>
                  {t("rollback")}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {confirming && (
        <Dialog
          title={t("rollbackTitle", confirming)}
          onCancel={() => setConfirming(undefined)}
          actions={
            <>
              <button type="button" onClick={() => setConfirming(undefined)}>
                {t("cancel")}
              </button>
              <button type="button" className="primary" onClick={() => rollback(confirming)}>
                {t("rollback")}
              </button>
            </>
          }
        >
          <p>{t("rollbackExplain", confirming)}</p>
        </Dialog>
      )}
    </div>
  );
}
