import { type ReactNode, useState } from "react";
import {
  type BotMessage,
  channelPreview,
  PREVIEW_CHANNELS,
  type ChannelPreview as Preview,
  type PreviewChannel,
} from "../../../runtime/channels/preview.js";
import { pw } from "./preview-words.js";

/** What the channel changed that the editor should know: cut labels, choices turned into numbered lines. */
function notesOf(preview: Preview, message: BotMessage): string[] {
  const choices = message.choices ?? [];
  if (choices.length === 0) return [];
  const shown =
    preview.bubbles.flatMap((bubble) => bubble.buttons ?? bubble.quickReplies ?? bubble.list?.rows ?? []) ?? [];
  if (shown.length === 0) return [pw("numbered")];
  return choices.flatMap((choice, i) =>
    shown[i] !== undefined && shown[i] !== choice.label
      ? [pw("labelCut", { label: choice.label, shown: shown[i] })]
      : [],
  );
}

/**
 * How one bot message looks on WhatsApp, Messenger, SMS and the web chat, by the channels' own renderers:
 * the inspector shows a step's message with it, the simulator the last message of the conversation.
 * `controls` sit beside the channels' tabs (the inspector's choice of language).
 */
export function MessagePreview({
  message,
  language,
  controls,
}: {
  message: BotMessage;
  language: string;
  controls?: ReactNode;
}) {
  const [channel, setChannel] = useState<PreviewChannel>("whatsapp");
  const preview = channelPreview(channel, message, language);
  const notes = notesOf(preview, message);
  return (
    <section className="channel-preview" aria-label={pw("title")}>
      <h4>{pw("title")}</h4>
      <div className="preview-controls">
        <div role="tablist" aria-label={pw("channels")}>
          {PREVIEW_CHANNELS.map((each) => (
            <button
              key={each}
              type="button"
              role="tab"
              aria-selected={each === channel}
              onClick={() => setChannel(each)}
            >
              {pw(`channel.${each}`)}
            </button>
          ))}
        </div>
        {controls}
      </div>
      <ol className={`preview-bubbles ${channel}`} data-preview={channel}>
        {preview.bubbles.map((bubble, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: bubbles have no identity beyond their place in the rendering, recomputed whole at each change.
          <li key={i} className="preview-bubble">
            {bubble.media && <p className="preview-media">{pw("media", { kind: bubble.media.kind })}</p>}
            {bubble.text && <p className="preview-text">{bubble.text}</p>}
            {bubble.buttons && (
              <div className="preview-buttons">
                {bubble.buttons.map((label) => (
                  <span key={label} className="preview-button">
                    {label}
                  </span>
                ))}
              </div>
            )}
            {bubble.quickReplies && (
              <div className="preview-quick-replies" title={pw("quickReplies")}>
                {bubble.quickReplies.map((label) => (
                  <span key={label} className="preview-chip">
                    {label}
                  </span>
                ))}
              </div>
            )}
            {bubble.list && (
              <div className="preview-list">
                <span className="preview-button">☰ {bubble.list.button}</span>
                <small>{pw("listButton", { button: bubble.list.button })}</small>
                <ul>
                  {bubble.list.rows.map((row) => (
                    <li key={row}>{row}</li>
                  ))}
                </ul>
              </div>
            )}
            {bubble.sms && (
              <small className="preview-sms">
                {pw("smsSegments", { count: bubble.sms.segments, encoding: bubble.sms.encoding })}
              </small>
            )}
          </li>
        ))}
      </ol>
      <p className="muted small">{pw("messages", { count: preview.bubbles.length })}</p>
      {notes.map((note) => (
        <p key={note} className="preview-note">
          {note}
        </p>
      ))}
    </section>
  );
}
