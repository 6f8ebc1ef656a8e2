import { type FormEvent, useEffect, useRef, useState } from "react";
import { t } from "../i18n.js";

/** Asks for the new test's name; Cancel and Escape leave everything as it was. */
export function SaveTestDialog({
  taken,
  onSave,
  onClose,
}: {
  taken: readonly string[];
  onSave: (name: string) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState("");
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const trimmed = name.trim();
  const clash = taken.includes(trimmed);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed || clash) return;
    onSave(trimmed);
  };
  return (
    <dialog ref={dialog} className="save-test-dialog" aria-label={t("sim.saveTestTitle")} onClose={onClose}>
      <form onSubmit={submit}>
        <h3>{t("sim.saveTestTitle")}</h3>
        <label>
          {t("sim.testName")}
          <input aria-label={t("sim.testName")} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {clash && (
          <p className="error" role="alert">
            {t("sim.nameTaken")}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            {t("sim.cancel")}
          </button>
          <button type="submit" className="primary" disabled={!trimmed || clash}>
            {t("save")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
