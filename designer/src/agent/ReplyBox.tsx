import { type FormEvent, useRef, useState } from "react";
import type { CannedResponse } from "./agent-api.js";
import { nextPlaceholder, renderCanned } from "./canned-template.js";
import { keepReply, keptReply, type ReplyMode } from "./reply-draft.js";
import { w } from "./words.js";

export type { ReplyMode };

/**
 * The reply box, with canned responses filled from what the bot collected, and internal notes.
 * The text is cleared only once the runtime took it: a refused reply stays for the agent to keep.
 */
export function ReplyBox({
  conversationId,
  canned,
  variables,
  language,
  maxLength,
  disabled,
  replyRefusal,
  onSend,
}: {
  /** Whose reply this is: what is typed is kept for it until sent (see `reply-draft.ts`). */
  conversationId: string;
  canned: CannedResponse[];
  variables: Record<string, unknown>;
  /** The conversation's language, which canned responses' values are written for. */
  language: string;
  maxLength: number;
  disabled: boolean;
  /** Why this person cannot reply to the customer now (they do not hold the conversation); notes stay open. */
  replyRefusal?: string;
  /** Resolves to an error to show, or undefined when it went through. */
  onSend: (mode: ReplyMode, text: string) => Promise<string | undefined>;
}) {
  // Someone who cannot reply (a supervisor looking on) comes for a note; once they take the
  // conversation over, for a reply. Someone who loses it keeps the tab they were typing in.
  const [mode, setMode] = useState<ReplyMode>(replyRefusal === undefined ? "reply" : "note");
  const [refused, setRefused] = useState(replyRefusal !== undefined);
  if (refused !== (replyRefusal !== undefined)) {
    setRefused(replyRefusal !== undefined);
    if (replyRefusal === undefined) setMode("reply");
  }
  const [texts, setTexts] = useState(() => ({
    reply: keptReply(conversationId, "reply"),
    note: keptReply(conversationId, "note"),
  }));
  const text = texts[mode];
  const setText = (next: string) => {
    setTexts((current) => ({ ...current, [mode]: next }));
    keepReply(conversationId, mode, next);
  };
  const [error, setError] = useState("");
  const [sending, setSending] = useState(false);
  const locked = disabled || (mode === "reply" && replyRefusal !== undefined);
  const box = useRef<HTMLTextAreaElement>(null);
  const missing = [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((match) => match[1] ?? "");
  const over = mode === "reply" ? text.length - maxLength : 0;

  const insert = (id: string) => {
    const template = canned.find((item) => item.id === id);
    if (!template) return;
    const rendered = renderCanned(template.text, variables, language).text;
    const next = text.trim() ? `${text.trimEnd()}\n${rendered}` : rendered;
    setText(next);
    // Select the first blank left to fill, so the agent types straight over it.
    requestAnimationFrame(() => {
      const area = box.current;
      if (!area) return;
      area.focus();
      const blank = nextPlaceholder(next);
      if (blank) area.setSelectionRange(blank.start, blank.end);
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || sending) return;
    setSending(true);
    setError("");
    const failure = await onSend(mode, text);
    setSending(false);
    if (failure) setError(failure);
    else setText("");
  };

  return (
    <form className={`reply-box ${mode}`} onSubmit={submit}>
      <div className="reply-tabs" role="tablist">
        {(["reply", "note"] as const).map((item) => (
          <button key={item} type="button" role="tab" aria-selected={mode === item} onClick={() => setMode(item)}>
            {w(item)}
          </button>
        ))}
        {mode === "reply" && !locked && canned.length > 0 && (
          <select aria-label={w("canned")} value="" onChange={(event) => insert(event.target.value)}>
            <option value="">{w("cannedPick")}</option>
            {canned.map((item) => (
              <option key={item.id} value={item.id}>
                {item.title}
              </option>
            ))}
          </select>
        )}
      </div>
      <textarea
        ref={box}
        name={mode === "reply" ? "reply" : "note"}
        aria-label={mode === "reply" ? w("reply") : w("note")}
        placeholder={mode === "reply" ? w("replyPlaceholder") : w("notePlaceholder")}
        rows={4}
        value={text}
        disabled={locked}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) void submit(event);
        }}
      />
      {mode === "reply" && replyRefusal !== undefined && !disabled && (
        <p className="muted small" data-reply-refusal>
          {replyRefusal}
        </p>
      )}
      {mode === "reply" && missing.length > 0 && (
        <p className="warning">{w("missingVariables", { names: missing.join(", ") })}</p>
      )}
      {over > 0 && <p className="error">{w("tooLong", { count: over })}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="reply-actions">
        <span className="muted small">{mode === "reply" ? `${text.length} / ${maxLength}` : ""}</span>
        <button
          type="submit"
          className="primary"
          disabled={locked || sending || !text.trim() || over > 0 || (mode === "reply" && missing.length > 0)}
        >
          {mode === "reply" ? w("send") : w("addNote")}
        </button>
      </div>
    </form>
  );
}
