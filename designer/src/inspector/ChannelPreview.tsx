import { useState } from "react";
import {
  type BotMessage,
  channelPreview,
  PREVIEW_CHANNELS,
  type ChannelPreview as Preview,
  type PreviewChannel,
} from "../../../runtime/channels/preview.js";
import type { FlowNode } from "../../../schema/index.js";
import { languageName } from "../i18n.js";
import { pw } from "./preview-words.js";

type Localized = string | Record<string, string>;

const inLanguage = (text: Localized | undefined, language: string): string =>
  text === undefined ? "" : typeof text === "string" ? text : (text[language] ?? Object.values(text)[0] ?? "");

/** The bot message a message or question node sends, in one language, its `{{ }}` left as written. */
export function nodeMessage(node: FlowNode, language: string): BotMessage | undefined {
  if (node.type === "message") {
    return {
      nodeId: node.id,
      text: inLanguage(node.text, language),
      ...(node.choices?.length
        ? { choices: node.choices.map((choice) => ({ id: choice.id, label: inLanguage(choice.label, language) })) }
        : {}),
      ...(node.media?.length
        ? {
            media: node.media.map((media) => ({
              kind: media.kind,
              url: media.url,
              ...(media.caption ? { caption: inLanguage(media.caption, language) } : {}),
            })),
          }
        : {}),
    };
  }
  if (node.type === "question") {
    const choices = node.input?.kind === "choice" ? node.input.choices : [];
    return {
      nodeId: node.id,
      text: inLanguage(node.text, language),
      ...(choices.length
        ? { choices: choices.map((choice) => ({ id: choice.id, label: inLanguage(choice.label, language) })) }
        : {}),
    };
  }
  return undefined;
}

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

/** How a message or question node renders on WhatsApp, Messenger, SMS and the web chat, by the channels' own renderers. */
export function ChannelPreviewPanel({ node, languages }: { node: FlowNode; languages: string[] }) {
  const [channel, setChannel] = useState<PreviewChannel>("whatsapp");
  const [language, setLanguage] = useState(languages[0] ?? "fr");
  const message = nodeMessage(node, language);
  if (!message) return null;
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
        {languages.length > 1 && (
          <select aria-label={pw("language")} value={language} onChange={(event) => setLanguage(event.target.value)}>
            {languages.map((each) => (
              <option key={each} value={each}>
                {languageName(each)}
              </option>
            ))}
          </select>
        )}
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
