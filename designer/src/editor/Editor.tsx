import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { lazy, Suspense, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { FlowFile, VersionSummary } from "../../../schema/api/index.js";
import {
  type Channel,
  type Flow,
  type FlowNode,
  hasErrors,
  type NodeType,
  nodeDefinitions,
  type Problem,
} from "../../../schema/index.js";
import { AnalyticsView } from "../analytics/AnalyticsView.js";
import { api, failureText } from "../api.js";
import { guardLeaving } from "../app/navigation.js";
import { QueueNames, QueueNamesProvider } from "../app/queue-names.js";
import { Canvas } from "../canvas/Canvas.js";
import { Palette } from "../canvas/Palette.js";
import { openingViewport } from "../canvas/viewport.js";
import { t } from "../i18n.js";
import { FlowSettings } from "../inspector/FlowSettings.js";
import { Inspector } from "../inspector/Inspector.js";
import { autoLayoutInWorker } from "../model/auto-layout-in-worker.js";
import { type Command, copyNodes, readClipboard, selectionAfter } from "../model/commands.js";
import { diffMarks } from "../model/diff-marks.js";
import { emptyLayout, type FlowDocument } from "../model/document.js";
import { isNoteId, NOTE_SIZE, type NodeMark, nodeSize, unplacedNodes } from "../model/graph.js";
import { type History, record, redo, seal, startHistory, undo } from "../model/history.js";
import { type Box, freeSpot, groupOffset, pasteOffset } from "../model/placement.js";
import type { RawError } from "../monaco/RawEditor.js";
import { ProblemsPanel } from "../problems/ProblemsPanel.js";
import { problemsOf, severityByNode } from "../problems/problems.js";
import { problemsInWorker } from "../problems/problems-in-worker.js";
import { SimulatorPanel } from "../simulator/SimulatorPanel.js";
import { Dialog } from "./Dialog.js";
import { dropDraft, keepDraft, keptDraft } from "./draft-storage.js";
import { FindBox } from "./FindBox.js";
import { leavesDraftField, noteDraftField, typingInField, undoesDraft } from "./field-undo.js";
import { PublishDialog } from "./PublishDialog.js";
import { sameJson } from "./same-json.js";
import { type Notice, rawWhere, useSave } from "./use-save.js";
import { VersionCanvas } from "./VersionCanvas.js";
import { VersionsPanel } from "./VersionsPanel.js";

const RawEditor = lazy(() => import("../monaco/RawEditor.js"));

type Side = "inspector" | "problems" | "simulator" | "versions";

const sameDoc = (a: FlowDocument, b: FlowDocument) => sameJson(a, b);

export function Editor(props: { flowId: string; onClose: () => void }) {
  return (
    <ReactFlowProvider>
      <QueueNamesProvider>
        <EditorBody {...props} />
      </QueueNamesProvider>
    </ReactFlowProvider>
  );
}

/** How long typing must pause before the draft is checked again. */
const CHECK_AFTER_MS = 300;

/**
 * `value`, once it has stayed the same for `ms`. The first one waits too: a flow opens on the canvas
 * first, and its check follows.
 */
function useSettledValue<T>(value: T, ms: number): T | undefined {
  const [settled, setSettled] = useState<T>();
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The problems of `flow`, checked in a Web Worker (a big flow takes a few hundred milliseconds, which a
 * keystroke would otherwise wait for); undefined until the first answer. Answers for a flow already
 * replaced by a newer one are dropped.
 */
function useProblems(
  flow: Flow | undefined,
  others: Map<string, Flow>,
  queues: string[],
  channels: Channel[] | undefined,
): Problem[] | undefined {
  const [problems, setProblems] = useState<Problem[]>();
  useEffect(() => {
    if (!flow) return;
    let current = true;
    problemsInWorker(flow, others, queues, channels)
      .catch(() => problemsOf(flow, others, queues, channels))
      .then((found) => current && setProblems(found));
    return () => {
      current = false;
    };
  }, [flow, others, queues, channels]);
  return problems;
}

function EditorBody({ flowId, onClose }: { flowId: string; onClose: () => void }) {
  const flowApi = useReactFlow();
  const [file, setFile] = useState<FlowFile>();
  const [loadError, setLoadError] = useState("");
  const [history, setHistory] = useState<History>();
  const [saved, setSaved] = useState<FlowDocument>();
  const [others, setOthers] = useState<Map<string, Flow>>(new Map());
  // The simulator starts a conversation at once: it waits for the flows a jump may reach.
  const [othersLoaded, setOthersLoaded] = useState(false);
  const queueNames = useContext(QueueNames);
  const queueIds = useMemo(() => [...(queueNames?.keys() ?? [])], [queueNames]);
  /** The channels the flow is published on, as the runtime says; every channel's limits until then. */
  const [channels, setChannels] = useState<Channel[]>();
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [tab, setTab] = useState<"canvas" | "raw" | "settings" | "analytics">("canvas");
  const [side, setSide] = useState<Side>("inspector");
  const [notice, setNotice] = useState<Notice>();
  /** What the File tab's text has wrong, while it has something wrong. */
  const [rawError, setRawError] = useState<RawError>();
  /** Leaving the File tab while its text is not valid waits for the person to choose. */
  const [leaving, setLeaving] = useState<{ go: () => void }>();
  /** The draft revision the content being edited is based on: a save from an older one is refused. */
  const revision = useRef<string>(undefined);
  /** A published version shown read-only instead of the draft. */
  const [viewing, setViewing] = useState<{ summary: VersionSummary; doc: FlowDocument }>();
  /** Counts publications, so an open versions list shows the new one. */
  const [publications, setPublications] = useState(0);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  /** The live version's flow while the diff is shown. */
  const [liveFlow, setLiveFlow] = useState<Flow>();
  const [activeNode, setActiveNode] = useState<string>();
  /** Nodes no conversation test visits, after the simulator ran the tests. */
  const [untested, setUntested] = useState<string[]>();

  const load = useCallback(async () => {
    try {
      const loaded = await api.flow(flowId);
      if (loaded.flow) {
        let layout = loaded.layout ?? emptyLayout(flowId);
        if (unplacedNodes(loaded.flow, layout).length > 0) layout = await autoLayoutInWorker(loaded.flow, layout);
        // The file is shown with its canvas: shown while its nodes were being placed, a valid file without
        // a layout yet (every new flow) read as one not following the format for a few seconds.
        setFile(loaded);
        const server = { flow: loaded.flow, layout };
        const kept = keptDraft(flowId);
        setSaved(server);
        if (kept && !sameDoc(kept.doc, server)) {
          revision.current = kept.base ?? loaded.revision.id;
          setHistory(startHistory(kept.doc));
          setNotice({ kind: "info", text: t("restored") });
        } else {
          revision.current = loaded.revision.id;
          setHistory(startHistory(server));
        }
      } else {
        setFile(loaded);
        revision.current = loaded.revision.id;
      }
    } catch (failure) {
      setLoadError(failureText(failure));
    }
  }, [flowId]);

  useEffect(() => {
    api.flowChannels(flowId).then(
      (answer) => setChannels(answer.channels),
      () => setChannels(undefined),
    );
    // The flow being opened comes first: the others (for jumps and the simulator) are asked for once it is
    // here, so that the server does not check every flow while the person waits for this one.
    load()
      .then(() => api.flows())
      .then(
        async (list) => {
          const loaded = await Promise.all(
            list.filter((item) => item.id !== flowId).map((item) => api.flow(item.id).catch(() => undefined)),
          );
          setOthers(new Map(loaded.flatMap((item) => (item?.flow ? [[item.id, item.flow] as const] : []))));
          setOthersLoaded(true);
        },
        () => setOthersLoaded(true),
      );
  }, [flowId, load]);

  const doc = history?.present;
  // Writing a 1,000-node draft out (to compare it, to keep it) costs tens of milliseconds: while typing
  // goes on, an edited draft counts as unsaved and is kept once typing pauses.
  const settledDoc = useSettledValue(doc, CHECK_AFTER_MS);
  const settledDirty = useMemo(
    () => settledDoc !== undefined && saved !== undefined && !sameDoc(settledDoc, saved),
    [settledDoc, saved],
  );
  const dirty = doc !== undefined && saved !== undefined && doc !== saved && (settledDoc !== doc || settledDirty);
  // Only a draft that is still the one on screen is kept: once an edit and a save follow, the settled
  // draft is older than what was saved, and keeping it would bring that older text back on the next visit.
  const settledIsCurrent = settledDoc === doc;
  useEffect(() => {
    if (!settledDoc || !settledIsCurrent) return;
    if (settledDirty) keepDraft(flowId, settledDoc, revision.current);
    else dropDraft(flowId);
  }, [settledDoc, settledIsCurrent, settledDirty, flowId]);
  // Leaving the page or the flow mid-word still keeps what was typed.
  const unkept = useRef<FlowDocument>(undefined);
  unkept.current = dirty && doc !== settledDoc ? doc : undefined;
  useEffect(() => {
    const keep = () => {
      if (unkept.current) keepDraft(flowId, unkept.current, revision.current);
    };
    window.addEventListener("pagehide", keep);
    return () => {
      window.removeEventListener("pagehide", keep);
      keep();
    };
  }, [flowId]);

  // A draft that differs from the server's lives in this browser only: leaving asks first, in the app's words
  // for another page of the app, in the browser's own for a closed or reloaded tab.
  const dirtyNow = useRef(dirty);
  dirtyNow.current = dirty;
  const [leavingDraft, setLeavingDraft] = useState<{ go: () => void }>();
  useEffect(
    () =>
      guardLeaving((leave) => {
        if (!dirtyNow.current) return false;
        setLeavingDraft({ go: leave });
        return true;
      }),
    [],
  );
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // What browsers that predate `preventDefault` here need before they ask.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [dirty]);

  // Commands come from event handlers, so the document they apply to is the one last rendered.
  const docNow = useRef(doc);
  docNow.current = doc;
  const dispatch = useCallback((command: Command) => {
    const before = docNow.current;
    if (before) setSelection((current) => selectionAfter(current, command, before));
    noteDraftField();
    setHistory((current) => (current ? record(current, command) : current));
    // What a refused save said was about the draft as it was then: once it changes, the live checks speak for
    // it, and "Enregistré" no longer stands beside "Non enregistré". A notice offering choices stays.
    setServerProblems([]);
    setNotice((current) => (current?.actions?.length ? current : undefined));
  }, []);

  // Checking a 1,000-node flow takes a few hundred milliseconds, in one piece: run on every keystroke
  // it made each key wait for it. The problems and diff marks follow once typing pauses; moving nodes
  // changes only the layout and never triggers a check.
  const checkedFlow = useSettledValue(doc?.flow, CHECK_AFTER_MS);
  // Until the other flows are here, the server's problems stand: checked without them, a jump would look broken.
  const problems =
    useProblems(othersLoaded ? checkedFlow : undefined, others, queueIds, channels) ?? file?.problems ?? [];
  const blocked = hasErrors(problems);

  // Computed from the draft being edited, so the marks follow each edit, saved or not.
  const diff = useMemo(
    () => (liveFlow && checkedFlow ? diffMarks(liveFlow, checkedFlow) : undefined),
    [liveFlow, checkedFlow],
  );
  const removed = diff?.removed ?? [];

  const extras = useMemo(() => {
    const marks = new Map<string, NodeMark>(diff?.marks ?? []);
    for (const id of untested ?? []) if (!marks.has(id)) marks.set(id, "untested");
    if (activeNode) marks.set(activeNode, "active");
    return { marks, problems: severityByNode(problems) };
  }, [diff, untested, activeNode, problems]);

  const focusNode = useCallback(
    (id: string) => {
      const at = doc?.layout.nodes[id];
      setSelection(new Set([id]));
      setSide("inspector");
      setTab("canvas");
      if (at) flowApi.setCenter(at.x + 120, at.y + 60, { zoom: Math.max(flowApi.getZoom(), 1), duration: 200 });
    },
    [doc, flowApi],
  );

  const { save, review, startPublish, cancelPublish, publish } = useSave({
    flowId,
    revision,
    doc,
    dirty,
    blocked,
    rawError,
    setSaved,
    setHistory,
    setFile,
    setNotice,
    setServerProblems,
    showProblems: () => setSide("problems"),
    onPublished: (flow) => {
      setPublications((count) => count + 1);
      if (liveFlow) setLiveFlow(flow);
    },
  });

  const viewVersion = async (summary: VersionSummary) => {
    try {
      const { flow, layout } = await api.version(flowId, summary.version);
      const placed = await autoLayoutInWorker(flow, layout ?? emptyLayout(flowId));
      setSelection(new Set());
      setTab("canvas");
      setViewing({ summary, doc: { flow, layout: placed } });
    } catch (failure) {
      setNotice({ kind: "error", text: failureText(failure) });
    }
  };

  /** Runs `go` unless the File tab holds text that is not valid: then asks first. */
  const leaveRaw = (go: () => void) => {
    if (tab === "raw" && rawError) setLeaving({ go });
    else go();
  };

  const showDiff = useCallback(async () => {
    if (liveFlow) {
      setLiveFlow(undefined);
      return;
    }
    try {
      const live = (await api.versions(flowId)).find((version) => version.live);
      if (!live) setNotice({ kind: "info", text: t("neverPublished") });
      else setLiveFlow((await api.version(flowId, live.version)).flow);
    } catch (failure) {
      setNotice({ kind: "error", text: failureText(failure) });
    }
  }, [liveFlow, flowId]);

  const layoutAll = useCallback(async () => {
    if (!doc) return;
    const layout = await autoLayoutInWorker(doc.flow, doc.layout, true);
    dispatch({ type: "setLayout", layout });
    const pane = canvasArea.current?.getBoundingClientRect();
    if (pane) flowApi.setViewport(openingViewport(doc.flow, layout, pane), { duration: 200 });
  }, [doc, dispatch, flowApi]);

  const canvasArea = useRef<HTMLDivElement>(null);
  /** The part of the flow the canvas shows, in flow coordinates. */
  const visibleBox = useCallback((): Box => {
    const rect =
      canvasArea.current?.getBoundingClientRect() ?? new DOMRect(0, 0, window.innerWidth, window.innerHeight);
    const topLeft = flowApi.screenToFlowPosition({ x: rect.left, y: rect.top });
    const bottomRight = flowApi.screenToFlowPosition({ x: rect.right, y: rect.bottom });
    return { ...topLeft, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
  }, [flowApi]);

  const addAtCentre = useCallback(
    (nodeType: NodeType) => {
      if (!doc) return;
      const view = visibleBox();
      const size = nodeSize(nodeDefinitions[nodeType].create(nodeType) as FlowNode);
      const centre = { x: view.x + view.width / 2 - size.width / 2, y: view.y + view.height / 2 - size.height / 2 };
      dispatch({ type: "addNode", nodeType, position: freeSpot(doc, centre, size) });
    },
    [doc, dispatch, visibleBox],
  );

  // Typing in a field again after leaving it is a new undo step.
  useEffect(() => {
    const onLeave = (event: FocusEvent) => {
      if (leavesDraftField(event.target)) setHistory((current) => (current ? seal(current) : current));
    };
    document.addEventListener("focusout", onLeave);
    return () => document.removeEventListener("focusout", onLeave);
  }, []);

  // Keyboard and clipboard, except while typing in a field (Ctrl+Z aside in one that writes the draft).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === "s") {
        event.preventDefault();
        save();
        return;
      }
      // An old version shown read-only takes no edits, not even an undo of the hidden draft.
      if (!mod || !undoesDraft(event.target) || viewing) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        setHistory((current) => (current ? undo(current) : current));
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        setHistory((current) => (current ? redo(current) : current));
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (!doc || typingInField(event.target) || selection.size === 0) return;
      const ids = [...selection].filter((id) => !isNoteId(id));
      event.clipboardData?.setData("text/plain", JSON.stringify(copyNodes(doc, ids)));
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (typingInField(event.target) || viewing) return;
      const clipboard = readClipboard(event.clipboardData?.getData("text/plain") ?? "");
      if (!clipboard) return;
      event.preventDefault();
      const offset = pasteOffset(Object.values(clipboard.positions), visibleBox());
      dispatch({
        type: "paste",
        clipboard,
        offset: doc ? groupOffset(doc, clipboard.nodes, clipboard.positions, offset) : offset,
      });
    };
    window.addEventListener("keydown", onKey);
    document.addEventListener("copy", onCopy);
    document.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKey);
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("paste", onPaste);
    };
  }, [doc, selection, dispatch, save, visibleBox, viewing]);

  const onRawFlow = useCallback(
    (flow: Flow) => {
      if (history) dispatch({ type: "replaceFlow", flow });
      else {
        const server = { flow, layout: file?.layout ?? emptyLayout(flowId) };
        autoLayoutInWorker(flow, server.layout).then((layout) => {
          setHistory(startHistory({ flow, layout }));
          setSaved({ flow: file?.flow ?? flow, layout: file?.layout ?? emptyLayout(flowId) });
        });
      }
    },
    [history, dispatch, file, flowId],
  );

  if (loadError)
    return (
      <p className="error" role="alert">
        {loadError}
      </p>
    );
  if (!file) return <p className="loading">{t("loading")}</p>;

  // A file that does not validate has no canvas yet: its text and problems are what there is to fix.
  const shownTab = doc ? tab : "raw";
  // Undo and redo can take away a node that is selected: the inspector shows only what is there.
  const selectedIds = [...selection].filter((id) => !isNoteId(id) && doc?.flow.nodes.some((node) => node.id === id));
  const allProblems = [...serverProblems.filter((p) => !problems.some((q) => q.message === p.message)), ...problems];

  return (
    <div className="editor">
      <div className="toolbar">
        <button type="button" onClick={() => leaveRaw(onClose)}>
          {t("back")}
        </button>
        <strong className="flow-name" title={doc?.flow.name ?? file.id}>
          {doc?.flow.name ?? file.id}
        </strong>
        <span className={`save-state ${dirty ? "dirty" : "clean"}`}>{dirty ? t("unsaved") : t("saved")}</span>
        <span className="spacer" />
        <div className="toolbar-actions">
          <div className="tabs" role="tablist">
            {(["canvas", "raw", "settings", "analytics"] as const).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={shownTab === name}
                onClick={() => leaveRaw(() => setTab(name))}
                disabled={(!doc && name !== "raw") || viewing !== undefined}
              >
                {t(name)}
              </button>
            ))}
          </div>
          <button
            type="button"
            onClick={() => setHistory((h) => (h ? undo(h) : h))}
            disabled={!history?.past.length || viewing !== undefined}
            title="Ctrl+Z"
          >
            {t("undo")}
          </button>
          <button
            type="button"
            onClick={() => setHistory((h) => (h ? redo(h) : h))}
            disabled={!history?.future.length || viewing !== undefined}
            title="Ctrl+Shift+Z"
          >
            {t("redo")}
          </button>
          <button type="button" onClick={layoutAll} disabled={!doc || viewing !== undefined}>
            {t("autoLayout")}
          </button>
          <button type="button" onClick={showDiff} aria-pressed={liveFlow !== undefined} disabled={!doc}>
            {t("diff")}
          </button>
          <button type="button" className="primary" onClick={save} disabled={!doc || viewing !== undefined}>
            {t("save")}
          </button>
          <button
            type="button"
            className="primary"
            onClick={startPublish}
            disabled={!doc || blocked || viewing !== undefined}
            title={blocked ? t("publishBlocked") : undefined}
          >
            {t("publish")}
          </button>
        </div>
      </div>
      {notice && (
        <div className={`notice ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
          {notice.text}
          {notice.actions?.map((action) => (
            <button
              key={action.label}
              type="button"
              onClick={() => {
                setNotice(undefined);
                action.run();
              }}
            >
              {action.label}
            </button>
          ))}
          {notice.text === t("restored") && saved && (
            <button
              type="button"
              onClick={() => {
                setHistory(startHistory(saved));
                revision.current = file.revision.id;
                setNotice(undefined);
              }}
            >
              {t("discard")}
            </button>
          )}
          <button type="button" className="close" aria-label="×" onClick={() => setNotice(undefined)}>
            ×
          </button>
        </div>
      )}
      {review && doc && (
        <PublishDialog
          draft={doc.flow}
          live={review.live}
          unsaved={dirty}
          onPublish={publish}
          onCancel={cancelPublish}
        />
      )}
      {leaving && rawError && (
        <Dialog
          title={t("rawLeaveTitle")}
          onCancel={() => setLeaving(undefined)}
          actions={
            <>
              <button type="button" className="primary" onClick={() => setLeaving(undefined)}>
                {t("rawStay")}
              </button>
              <button
                type="button"
                onClick={() => {
                  setLeaving(undefined);
                  setRawError(undefined);
                  leaving.go();
                }}
              >
                {t("rawDiscard")}
              </button>
            </>
          }
        >
          <p>{t("rawLeaveExplain", { where: rawWhere(rawError) })}</p>
        </Dialog>
      )}
      {leavingDraft && (
        <Dialog
          title={t("leaveDraftTitle")}
          onCancel={() => setLeavingDraft(undefined)}
          actions={
            <>
              <button type="button" className="primary" onClick={() => setLeavingDraft(undefined)}>
                {t("leaveDraftStay")}
              </button>
              <button
                type="button"
                onClick={async () => {
                  setLeavingDraft(undefined);
                  if (await save()) leavingDraft.go();
                }}
              >
                {t("leaveDraftSave")}
              </button>
              <button
                type="button"
                onClick={() => {
                  setLeavingDraft(undefined);
                  leavingDraft.go();
                }}
              >
                {t("leaveDraftLeave")}
              </button>
            </>
          }
        >
          <p>{t("leaveDraftExplain")}</p>
        </Dialog>
      )}
      {removed.length > 0 && <div className="notice info">{t("removedNodes", { ids: removed.join(", ") })}</div>}
      {!doc && (
        <div className="notice error" role="alert">
          {t("invalidFile")}
        </div>
      )}
      {viewing && (
        <div className="notice info version-banner" role="status">
          {t("viewingVersion", {
            version: viewing.summary.version,
            date: new Date(viewing.summary.createdAt).toLocaleString(),
            author: viewing.summary.author,
          })}
          <button
            type="button"
            onClick={() => {
              setViewing(undefined);
              setSelection(new Set());
            }}
          >
            {t("backToDraft")}
          </button>
        </div>
      )}
      <div className="workspace">
        {viewing && (
          <div className="canvas-area">
            <VersionCanvas key={viewing.summary.version} doc={viewing.doc} onSelection={setSelection} />
          </div>
        )}
        {doc && !viewing && shownTab === "canvas" && (
          <>
            <Palette
              onAdd={addAtCentre}
              onAddNote={() => {
                const view = visibleBox();
                const centre = { x: view.x + (view.width - NOTE_SIZE.width) / 2, y: view.y + view.height / 3 };
                dispatch({ type: "addNote", note: { text: "…", ...freeSpot(doc, centre, NOTE_SIZE), ...NOTE_SIZE } });
              }}
            />
            <div className="canvas-area" ref={canvasArea}>
              <FindBox flow={doc.flow} onFound={focusNode} />
              <Canvas doc={doc} extras={extras} dispatch={dispatch} selection={selection} onSelection={setSelection} />
            </div>
          </>
        )}
        {shownTab === "raw" && !viewing && (
          <Suspense fallback={<p className="loading">{t("loading")}</p>}>
            <RawEditor
              flow={doc?.flow}
              raw={file.raw}
              file={`${flowId}.flow.json`}
              onFlow={onRawFlow}
              onError={setRawError}
            />
          </Suspense>
        )}
        {doc && !viewing && shownTab === "settings" && <FlowSettings flow={doc.flow} dispatch={dispatch} />}
        {doc && !viewing && shownTab === "analytics" && <AnalyticsView flowId={flowId} />}
        <aside className="side">
          <div className="tabs" role="tablist">
            {(["inspector", "problems", "simulator", "versions"] as const).map((name) => (
              <button key={name} type="button" role="tab" aria-selected={side === name} onClick={() => setSide(name)}>
                {t(name)}
                {name === "problems" && allProblems.length > 0 && <span className="count">{allProblems.length}</span>}
              </button>
            ))}
          </div>
          {side === "inspector" && viewing && (
            <fieldset disabled className="read-only">
              <Inspector
                doc={viewing.doc}
                selected={selectedIds}
                notes={[]}
                dispatch={() => undefined}
                flows={[...others.keys()]}
                others={others}
              />
            </fieldset>
          )}
          {side === "inspector" && doc && !viewing && (
            <Inspector
              doc={doc}
              selected={selectedIds}
              notes={[...selection].filter(isNoteId)}
              dispatch={dispatch}
              flows={[...others.keys()]}
              others={others}
            />
          )}
          {side === "problems" && (
            <ProblemsPanel
              problems={allProblems}
              onPick={(problem) =>
                problem.nodeId
                  ? focusNode(problem.nodeId)
                  : setTab(problem.pointer.startsWith("/nodes") ? "canvas" : "settings")
              }
              fixes={doc && { doc, dispatch }}
              channels={channels}
            />
          )}
          {side === "simulator" && doc && !othersLoaded && <p className="loading">{t("loading")}</p>}
          {side === "simulator" && doc && othersLoaded && (
            <SimulatorPanel
              flow={doc.flow}
              tests={file.tests}
              others={others}
              onActiveNode={setActiveNode}
              onTestsSaved={(tests) => setFile((current) => (current ? { ...current, tests } : current))}
              onUntested={setUntested}
            />
          )}
          {side === "versions" && (
            <VersionsPanel
              key={publications}
              flowId={flowId}
              onView={viewVersion}
              onRolledBack={() => setLiveFlow(undefined)}
            />
          )}
        </aside>
      </div>
    </div>
  );
}
