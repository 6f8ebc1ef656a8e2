import { type NodeType, nodeDefinitions, nodeTypes } from "../../../schema/index.js";
import { say, t } from "../i18n.js";
import { PALETTE_MIME } from "./Canvas.js";

/** Node types to drag onto the canvas; a click adds one near the top left as well. */
export function Palette({ onAdd, onAddNote }: { onAdd: (type: NodeType) => void; onAddNote: () => void }) {
  return (
    <aside className="palette">
      {nodeTypes
        .filter((type) => type !== "start")
        .map((type) => {
          const ui = nodeDefinitions[type].ui;
          return (
            <button
              type="button"
              key={type}
              draggable
              data-palette={type}
              title={say(ui.description)}
              style={{ borderLeftColor: ui.color }}
              onDragStart={(event) => {
                event.dataTransfer.setData(PALETTE_MIME, type);
                event.dataTransfer.effectAllowed = "copy";
              }}
              onClick={() => onAdd(type)}
            >
              {say(ui.title)}
            </button>
          );
        })}
      <button type="button" className="note-button" onClick={onAddNote}>
        {t("addNote")}
      </button>
    </aside>
  );
}
