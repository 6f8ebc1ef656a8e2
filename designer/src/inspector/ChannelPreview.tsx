import { useState } from "react";
import type { BotMessage } from "../../../runtime/channels/preview.js";
import type { FlowNode } from "../../../schema/index.js";
import { languageName } from "../i18n.js";
import { MessagePreview } from "../preview/MessagePreview.js";
import { pw } from "../preview/preview-words.js";

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

/** How a message or question node renders on each channel, in each of the flow's languages. */
export function ChannelPreviewPanel({ node, languages }: { node: FlowNode; languages: string[] }) {
  const [language, setLanguage] = useState(languages[0] ?? "fr");
  const message = nodeMessage(node, language);
  if (!message) return null;
  return (
    <MessagePreview
      message={message}
      language={language}
      controls={
        languages.length > 1 && (
          <select aria-label={pw("language")} value={language} onChange={(event) => setLanguage(event.target.value)}>
            {languages.map((each) => (
              <option key={each} value={each}>
                {languageName(each)}
              </option>
            ))}
          </select>
        )
      }
    />
  );
}
