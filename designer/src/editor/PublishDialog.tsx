import { useMemo, useState } from "react";
import type { Flow } from "../../../schema/index.js";
import { t } from "../i18n.js";
import { ChangeList } from "./ChangeList.js";
import { describeChanges } from "./change-words.js";
import { Dialog } from "./Dialog.js";

/** What publishing would put live, against what is live now; Cancel publishes nothing. */
export function PublishDialog({
  draft,
  live,
  unsaved,
  onPublish,
  onCancel,
}: {
  draft: Flow;
  /** The live version, or undefined when the flow was never published. */
  live: { version: number; flow: Flow } | undefined;
  unsaved: boolean;
  onPublish: (note: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const lines = useMemo(() => (live ? describeChanges(live.flow, draft) : []), [live, draft]);
  const nothing = live !== undefined && lines.length === 0;
  return (
    <Dialog
      title={t("publishTitle", { name: draft.name })}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            {t("cancel")}
          </button>
          <button
            type="button"
            className="primary"
            disabled={nothing || busy}
            onClick={() => {
              setBusy(true);
              onPublish(note);
            }}
          >
            {t("publish")}
          </button>
        </>
      }
    >
      {!live && <p>{t("publishFirst", { count: draft.nodes.length })}</p>}
      {nothing && (
        <p className="nothing-to-publish" role="status">
          {t("nothingToPublish", { version: live.version })}
        </p>
      )}
      {live && !nothing && (
        <>
          <p>{t("publishAgainst", { version: live.version })}</p>
          <ChangeList lines={lines} />
        </>
      )}
      {!nothing && (
        <>
          {unsaved && <p className="hint">{t("publishSavesFirst")}</p>}
          <label className="field">
            <span>{t("publishNote")}</span>
            <textarea
              value={note}
              placeholder={t("publishNoteHint")}
              rows={3}
              maxLength={2000}
              onChange={(event) => setNote(event.target.value)}
            />
          </label>
        </>
      )}
    </Dialog>
  );
}
