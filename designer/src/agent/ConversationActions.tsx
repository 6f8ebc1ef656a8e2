import { type FormEvent, useState } from "react";
import { DISPOSITION_CODES, DISPOSITIONS } from "../../../schema/api/index.js";
import { say } from "../i18n.js";
import type { QueueSummary } from "./agent-api.js";
import type { NodeChoice } from "./flow-nodes.js";
import { w } from "./words.js";

type Panel = "transfer" | "resolve" | "release" | undefined;

/** Transfer with a note, resolve with a disposition, or give back to the bot at a chosen node. */
export function ConversationActions({
  queues,
  currentQueue,
  nodes,
  initialNode,
  disabled,
  onTransfer,
  onResolve,
  onRelease,
}: {
  queues: QueueSummary[];
  currentQueue: string | undefined;
  nodes: NodeChoice[];
  initialNode: string | undefined;
  disabled: boolean;
  onTransfer: (queue: string, note: string) => Promise<boolean>;
  onResolve: (disposition: string) => Promise<boolean>;
  onRelease: (nodeId: string) => Promise<boolean>;
}) {
  const [panel, setPanel] = useState<Panel>(undefined);
  const others = queues.filter((queue) => queue.id !== currentQueue);
  const [queue, setQueue] = useState("");
  const [note, setNote] = useState("");
  const [disposition, setDisposition] = useState<string>("resolved");
  const [node, setNode] = useState("");
  const [busy, setBusy] = useState(false);

  const run = (work: () => Promise<boolean>) => async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const done = await work();
    setBusy(false);
    if (done) {
      setPanel(undefined);
      setNote("");
    }
  };

  const toggle = (which: Exclude<Panel, undefined>) => setPanel(panel === which ? undefined : which);
  const targetQueue = queue || others[0]?.id || "";
  const targetNode = node || initialNode || nodes[0]?.id || "";

  return (
    <div className="conversation-actions">
      <div className="action-buttons">
        {(["transfer", "resolve", "release"] as const).map((which) => (
          <button
            key={which}
            type="button"
            aria-expanded={panel === which}
            disabled={disabled || (which === "transfer" && others.length === 0)}
            onClick={() => toggle(which)}
          >
            {w(which)}
          </button>
        ))}
      </div>
      {panel === "transfer" && (
        <form className="action-form" aria-label={w("transfer")} onSubmit={run(() => onTransfer(targetQueue, note))}>
          <label>
            {w("transferTo")}
            <select name="queue" value={targetQueue} onChange={(event) => setQueue(event.target.value)}>
              {others.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name} ({w("level", { level: item.level })})
                </option>
              ))}
            </select>
          </label>
          <label>
            {w("transferNote")}
            <textarea name="transfer-note" rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
          </label>
          <FormButtons busy={busy} onCancel={() => setPanel(undefined)} />
        </form>
      )}
      {panel === "resolve" && (
        <form className="action-form" aria-label={w("resolve")} onSubmit={run(() => onResolve(disposition))}>
          <label>
            {w("disposition")}
            <select name="disposition" value={disposition} onChange={(event) => setDisposition(event.target.value)}>
              {DISPOSITION_CODES.map((item) => (
                <option key={item} value={item}>
                  {say(DISPOSITIONS[item])}
                </option>
              ))}
            </select>
          </label>
          <FormButtons busy={busy} onCancel={() => setPanel(undefined)} />
        </form>
      )}
      {panel === "release" && (
        <form className="action-form" aria-label={w("release")} onSubmit={run(() => onRelease(targetNode))}>
          <label>
            {w("releaseAt")}
            <select name="node" value={targetNode} onChange={(event) => setNode(event.target.value)}>
              {nodes.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.label}
                </option>
              ))}
            </select>
          </label>
          {/* The steps come from the flow's version, loaded after the conversation: no empty choice. */}
          <FormButtons busy={busy || !targetNode} onCancel={() => setPanel(undefined)} />
        </form>
      )}
    </div>
  );
}

function FormButtons({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  return (
    <div className="form-buttons">
      <button type="submit" className="primary" disabled={busy}>
        {w("confirm")}
      </button>
      <button type="button" onClick={onCancel}>
        {w("cancel")}
      </button>
    </div>
  );
}
