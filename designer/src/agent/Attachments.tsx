import { wordsOf } from "../i18n.js";
import type { TranscriptEntry } from "./agent-api.js";

type Attachment = NonNullable<TranscriptEntry["attachments"]>[number];

const say = wordsOf("agent-attachments", {
  "alt.image": { fr: "Image envoyée par le client", en: "Image sent by the customer" },
  "alt.captioned": { fr: "Image envoyée par le client : {caption}", en: "Image sent by the customer: {caption}" },
  "kind.image": { fr: "image", en: "image" },
  "kind.video": { fr: "vidéo", en: "video" },
  "kind.audio": { fr: "son", en: "audio" },
  "kind.file": { fr: "fichier", en: "file" },
  link: { fr: "{name} ({type})", en: "{name} ({type})" },
  unnamed: { fr: "Fichier joint", en: "Attached file" },
  files: { fr: "Fichiers envoyés", en: "Files sent" },
});

/**
 * The files a customer sent with a line, fetched through Relais (agents only): pictures shown inline
 * at a readable size, any other file as a link that says its name and type.
 */
export function Attachments({ attachments }: { attachments: readonly Attachment[] }) {
  return (
    <ul className="entry-attachments" aria-label={say("files")}>
      {attachments.map((attachment) => (
        <li key={attachment.href}>
          {attachment.kind === "image" && inline(attachment.mime) ? (
            <figure>
              <a href={attachment.href} target="_blank" rel="noopener">
                <img
                  src={attachment.href}
                  alt={attachment.caption ? say("alt.captioned", { caption: attachment.caption }) : say("alt.image")}
                  loading="lazy"
                  width={240}
                  height={180}
                />
              </a>
              {attachment.caption && <figcaption>{attachment.caption}</figcaption>}
            </figure>
          ) : (
            <a href={attachment.href} target="_blank" rel="noopener" download={attachment.fileName ?? true}>
              {say("link", {
                name: attachment.fileName ?? attachment.caption ?? say("unnamed"),
                type: attachment.mime ?? say(`kind.${attachment.kind}`),
              })}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The picture types the runtime serves inline; any other (SVG among them) is a download. */
const inline = (mime: string | undefined) => mime === undefined || /^image\/(jpeg|png|gif|webp)$/.test(mime);
