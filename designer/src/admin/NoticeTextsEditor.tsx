import {
  DEFAULT_NOTICES,
  QUEUE_NOTICE_KEYS,
  QUEUE_NOTICES,
  type QueueNoticeKey,
  type QueueNoticeTexts,
} from "../../../schema/api/index.js";
import { type AgentWord, w } from "../agent/words.js";

const LANGUAGES = ["fr", "en"] as const;

/** The texts without the empty ones, which mean "the default": nothing is stored for them. */
export function withoutEmptyTexts(texts: QueueNoticeTexts): QueueNoticeTexts {
  return Object.fromEntries(
    Object.entries(texts).flatMap(([key, byLanguage]) => {
      const kept = Object.entries(byLanguage ?? {}).filter(([, text]) => text.trim() !== "");
      return kept.length > 0 ? [[key, Object.fromEntries(kept)]] : [];
    }),
  );
}

/** The satisfaction question and its thank-you have a section of their own, with the switch that asks it. */
export const SATISFACTION_NOTICES: QueueNoticeKey[] = ["satisfaction", "satisfactionThanks"];

/**
 * A queue's own words for what customers are told when someone takes their case, when it moves to
 * this queue, when it is resolved, and while it waits; each field shows the default it replaces.
 */
export function NoticeTextsEditor({
  texts,
  onChange,
}: {
  texts: QueueNoticeTexts;
  onChange: (texts: QueueNoticeTexts) => void;
}) {
  return (
    <fieldset className="notice-texts">
      <legend>{w("noticeTexts")}</legend>
      <p className="muted small">{w("noticeTextsHelp")}</p>
      <NoticeTextFields
        keys={QUEUE_NOTICE_KEYS.filter((key) => !SATISFACTION_NOTICES.includes(key))}
        texts={texts}
        onChange={onChange}
      />
    </fieldset>
  );
}

/** One field per language for each notice, showing the default it replaces. */
export function NoticeTextFields({
  keys,
  texts,
  onChange,
}: {
  keys: QueueNoticeKey[];
  texts: QueueNoticeTexts;
  onChange: (texts: QueueNoticeTexts) => void;
}) {
  return (
    <>
      {keys.map((key) => (
        <div key={key} className="notice-text" data-notice={key}>
          <strong>{w(`notice.${key}` as AgentWord)}</strong>
          {QUEUE_NOTICES[key].length > 0 && (
            <span className="muted small">
              {" "}
              {w("noticePlaceholders", {
                count: QUEUE_NOTICES[key].length,
                names: QUEUE_NOTICES[key].map((name) => `{{${name}}}`).join(", "),
              })}
            </span>
          )}
          <div className="form-row">
            {LANGUAGES.map((lang) => (
              <label key={lang}>
                {w(`noticeLanguage.${lang}` as AgentWord)}
                <textarea
                  name={`notice-${key}-${lang}`}
                  rows={2}
                  placeholder={DEFAULT_NOTICES[key][lang]}
                  value={texts[key]?.[lang] ?? ""}
                  onChange={(event) => onChange({ ...texts, [key]: { ...texts[key], [lang]: event.target.value } })}
                />
              </label>
            ))}
          </div>
        </div>
      ))}
    </>
  );
}
