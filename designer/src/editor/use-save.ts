import { type Dispatch, type SetStateAction, useCallback, useRef, useState } from "react";
import type { DraftRevision, FlowFile } from "../../../schema/api/index.js";
import type { Flow, Problem } from "../../../schema/index.js";
import { ApiError, api, failureText } from "../api.js";
import { t } from "../i18n.js";
import { autoLayoutInWorker } from "../model/auto-layout-in-worker.js";
import { emptyLayout, type FlowDocument } from "../model/document.js";
import { unplacedNodes } from "../model/graph.js";
import { type History, record, undo } from "../model/history.js";
import type { RawError } from "../monaco/RawEditor.js";
import { problemInWords } from "../problems/in-words.js";
import { dropDraft } from "./draft-storage.js";

export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  kind: "info" | "error";
  text: string;
  actions?: NoticeAction[];
}

/** The live version shown in the publish dialog (undefined: never published). */
export interface PublishReview {
  live: { version: number; flow: Flow } | undefined;
}

const when = (iso: string) => new Date(iso).toLocaleString();

export const rawWhere = (error: RawError) =>
  [
    error.line === undefined ? undefined : t("rawWhere", { line: error.line, column: error.column ?? 1 }),
    error.pointer || undefined,
    error.message,
  ]
    .filter(Boolean)
    .join(" — ");

/**
 * Saving and publishing the draft, and what happens when someone else saved it meanwhile: the
 * editor remembers the revision it started from, a save from an older one is refused by the
 * runtime, and the person chooses to load the other version (theirs stays one undo away) or to
 * save theirs over it. The edits themselves are never dropped by a refusal.
 */
export function useSave(options: {
  flowId: string;
  /** The draft revision the content is based on; the editor sets it when it loads the draft. */
  revision: { current: string | undefined };
  doc: FlowDocument | undefined;
  dirty: boolean;
  blocked: boolean;
  /** Set while the File tab holds text that is not a valid flow: nothing is saved then. */
  rawError: RawError | undefined;
  setSaved: (doc: FlowDocument) => void;
  setHistory: Dispatch<SetStateAction<History | undefined>>;
  setFile: (file: FlowFile) => void;
  setNotice: (notice: Notice | undefined) => void;
  setServerProblems: (problems: Problem[]) => void;
  showProblems: () => void;
  onPublished: (flow: Flow) => void;
}) {
  const { flowId, revision, doc, dirty, blocked, rawError } = options;
  const latest = useRef(options);
  latest.current = options;
  const [review, setReview] = useState<PublishReview>();
  /** The two ways out of a conflict, defined below; a refusal offers them. */
  const choices = useRef<{ loadTheirs: () => void; saveOver: (theirs: DraftRevision) => void }>(undefined);

  const refusal = useCallback((failure: unknown) => {
    const { setNotice, setServerProblems, showProblems } = latest.current;
    if (failure instanceof ApiError && failure.code === "DRAFT_CHANGED" && failure.details.revision) {
      const theirs = failure.details.revision;
      setNotice({
        kind: "error",
        text: t("draftChanged", { who: theirs.savedBy ?? t("someoneOutside"), date: when(theirs.savedAt) }),
        actions: [
          { label: t("reloadTheirs"), run: () => choices.current?.loadTheirs() },
          { label: t("overwriteMine"), run: () => choices.current?.saveOver(theirs) },
        ],
      });
      return;
    }
    const first = failure instanceof ApiError ? failure.problems[0] : undefined;
    const flow = latest.current.doc?.flow;
    const why =
      failure instanceof ApiError
        ? failure.code === "NETWORK"
          ? t("offline")
          : first
            ? problemInWords(first, flow)
            : failure.message
        : failureText(failure);
    if (failure instanceof ApiError) setServerProblems(failure.problems);
    setNotice({ kind: "error", text: t("saveRefused", { why }) });
    if (failure instanceof ApiError && failure.problems.length) showProblems();
  }, []);

  /** Saves the draft from `base` (the revision it was made from); true when the runtime accepted it. */
  const saveFrom = useCallback(
    async (base: string | undefined): Promise<boolean> => {
      const { doc, rawError, setNotice, setSaved, setServerProblems } = latest.current;
      if (rawError) {
        setNotice({ kind: "error", text: t("rawInvalidSave", { where: rawWhere(rawError) }) });
        return false;
      }
      if (!doc) return false;
      try {
        const answer = await api.saveFlow(flowId, doc.flow, doc.layout, base);
        revision.current = answer.revision.id;
        setSaved(doc);
        dropDraft(flowId);
        setServerProblems([]);
        setNotice({
          kind: "info",
          text: `${t("saved")}${answer.problems.length ? ` — ${answer.problems.length} ⚠` : ""}`,
        });
        return true;
      } catch (failure) {
        refusal(failure);
        return false;
      }
    },
    [flowId, revision, refusal],
  );

  const save = useCallback(() => saveFrom(revision.current), [saveFrom, revision]);

  /** Writes this editor's draft over the revision someone else saved. */
  const saveOver = useCallback((theirs: DraftRevision) => saveFrom(theirs.id), [saveFrom]);

  /** Shows the saved draft; what was on screen is one undo away. */
  const loadTheirs = useCallback(async () => {
    const { setHistory, setSaved, setFile, setNotice } = latest.current;
    try {
      const loaded = await api.flow(flowId);
      setFile(loaded);
      revision.current = loaded.revision.id;
      if (!loaded.flow) return;
      const flow = loaded.flow;
      let layout = loaded.layout ?? emptyLayout(flowId);
      if (unplacedNodes(flow, layout).length > 0) layout = await autoLayoutInWorker(flow, layout);
      setSaved({ flow, layout });
      setHistory((current) =>
        current
          ? record(current, {
              type: "batch",
              commands: [
                { type: "replaceFlow", flow },
                { type: "setLayout", layout },
              ],
            })
          : current,
      );
      setNotice({
        kind: "info",
        text: t("loadedTheirs"),
        actions: [
          {
            label: t("restoreMine"),
            run: () => {
              setHistory((current) => (current ? undo(current) : current));
              setNotice(undefined);
            },
          },
        ],
      });
    } catch (failure) {
      setNotice({ kind: "error", text: failureText(failure) });
    }
  }, [flowId, revision]);

  choices.current = { loadTheirs, saveOver };

  /** Opens the publish dialog with the live version to compare with. */
  const startPublish = useCallback(async () => {
    const { setNotice } = latest.current;
    if (!doc || blocked) return;
    if (rawError) {
      setNotice({ kind: "error", text: t("rawInvalidSave", { where: rawWhere(rawError) }) });
      return;
    }
    try {
      const live = (await api.versions(flowId)).find((version) => version.live);
      setReview({
        live: live ? { version: live.version, flow: (await api.version(flowId, live.version)).flow } : undefined,
      });
    } catch (failure) {
      setNotice({ kind: "error", text: failureText(failure) });
    }
  }, [doc, blocked, rawError, flowId]);

  const cancelPublish = useCallback(() => {
    setReview(undefined);
    latest.current.setNotice({ kind: "info", text: t("publishCancelled") });
  }, []);

  const publish = useCallback(
    async (note: string) => {
      const { setNotice, setServerProblems, onPublished, doc } = latest.current;
      setReview(undefined);
      if (!doc) return;
      if (dirty && !(await save())) return;
      try {
        const answer = await api.publish(flowId, note, revision.current);
        setNotice({ kind: "info", text: t("published", { version: answer.version }) });
        onPublished(doc.flow);
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === "NOTHING_TO_PUBLISH") {
          setNotice({ kind: "info", text: t("nothingToPublish", { version: failure.details.liveVersion ?? "?" }) });
          return;
        }
        if (failure instanceof ApiError && failure.code === "DRAFT_CHANGED") {
          refusal(failure);
          return;
        }
        if (failure instanceof ApiError) setServerProblems(failure.problems);
        setNotice({ kind: "error", text: failureText(failure) });
      }
    },
    [dirty, save, flowId, refusal, revision],
  );

  return { save, review, startPublish, cancelPublish, publish };
}
