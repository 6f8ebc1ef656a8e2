import { type FormEvent, useId, useState } from "react";
import { Dialog } from "../editor/Dialog.js";
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
  const formId = useId();
  const [name, setName] = useState("");
  const trimmed = name.trim();
  const clash = taken.includes(trimmed);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed || clash) return;
    onSave(trimmed);
  };
  return (
    <Dialog
      title={t("sim.saveTestTitle")}
      onCancel={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            {t("sim.cancel")}
          </button>
          <button type="submit" form={formId} className="primary" disabled={!trimmed || clash}>
            {t("save")}
          </button>
        </>
      }
    >
      <form id={formId} className="field" onSubmit={submit}>
        <label className="field">
          {t("sim.testName")}
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {clash && (
          <p className="error" role="alert">
            {t("sim.nameTaken")}
          </p>
        )}
      </form>
    </Dialog>
  );
}
