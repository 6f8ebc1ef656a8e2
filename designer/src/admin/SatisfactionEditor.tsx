import type { QueueNoticeTexts } from "../../../schema/api/index.js";
import { w } from "../agent/words.js";
import { NoticeTextFields, SATISFACTION_NOTICES } from "./NoticeTextsEditor.js";

/**
 * Whether customers of this queue are asked, once their case is resolved, how satisfied they are
 * (1 to 5, in their language), and the words of the question and of the thank-you.
 */
export function SatisfactionEditor({
  asked,
  texts,
  onChange,
}: {
  asked: boolean;
  texts: QueueNoticeTexts;
  onChange: (asked: boolean, texts: QueueNoticeTexts) => void;
}) {
  return (
    <fieldset className="notice-texts satisfaction-survey">
      <legend>{w("satisfactionSurvey")}</legend>
      <label className="always-open">
        <input
          type="checkbox"
          name="queue-satisfaction"
          checked={asked}
          onChange={(event) => onChange(event.target.checked, texts)}
        />
        {w("satisfactionAsk")}
      </label>
      {asked && (
        <>
          <p className="muted small">{w("satisfactionHelp")}</p>
          <NoticeTextFields keys={SATISFACTION_NOTICES} texts={texts} onChange={(next) => onChange(asked, next)} />
        </>
      )}
    </fieldset>
  );
}
