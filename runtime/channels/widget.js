// Relais web chat widget. Embed: <script src="https://relais.example/widget.js" data-flow="order-status"></script>
// Customer and agent text is always inserted as text, never as HTML.
(() => {
  const script = document.currentScript;
  const flowId = script?.dataset.flow;
  if (!flowId) return;
  const base = new URL(script.src).origin;
  // crypto.randomUUID exists only on https pages (and localhost); plain-http intranets get the same from random bytes.
  const randomId = () =>
    crypto.randomUUID?.() ??
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  const storageKey = `relais-session-${flowId}`;
  const session = localStorage.getItem(storageKey) || randomId();
  localStorage.setItem(storageKey, session);

  const root = document.createElement("div");
  root.setAttribute("role", "log");
  root.setAttribute("aria-live", "polite");
  root.style.cssText =
    "position:fixed;bottom:16px;right:16px;width:340px;max-height:70vh;display:flex;flex-direction:column;font:14px system-ui,sans-serif;background:#fff;border:1px solid #cbd5e1;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.15);overflow:hidden;z-index:2147483000";
  const list = document.createElement("div");
  list.style.cssText = "flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px";
  const form = document.createElement("form");
  form.style.cssText = "display:flex;border-top:1px solid #e2e8f0";
  const input = document.createElement("input");
  input.setAttribute("aria-label", "Votre message");
  input.placeholder = "Écrivez votre message…";
  input.maxLength = 4000;
  input.style.cssText = "flex:1;border:0;padding:12px;font:inherit;outline:none";
  const send = document.createElement("button");
  send.type = "submit";
  send.textContent = "Envoyer";
  send.style.cssText = "border:0;background:#1d4ed8;color:#fff;padding:0 16px;font:inherit;cursor:pointer";
  form.append(input, send);
  root.append(list, form);
  document.body.append(root);

  function bubble(text, who) {
    const item = document.createElement("div");
    item.textContent = text;
    item.dataset.role = who;
    const mine = who === "customer";
    item.style.cssText = `max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;align-self:${mine ? "flex-end" : "flex-start"};background:${mine ? "#1d4ed8" : who === "agent" ? "#dcfce7" : "#f1f5f9"};color:${mine ? "#fff" : "#0f172a"}`;
    list.append(item);
    list.scrollTop = list.scrollHeight;
    return item;
  }

  function showReply(message, who) {
    bubble(message.text, who);
    if (!message.choices || message.choices.length === 0) return;
    const row = document.createElement("div");
    row.style.cssText = "display:flex;flex-wrap:wrap;gap:6px";
    for (const choice of message.choices) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = choice.label;
      button.style.cssText =
        "border:1px solid #1d4ed8;background:#fff;color:#1d4ed8;border-radius:999px;padding:4px 10px;font:inherit;cursor:pointer";
      button.addEventListener("click", () => {
        row.remove();
        post({ choiceId: choice.id }, choice.label);
      });
      row.append(button);
    }
    list.append(row);
  }

  /** The page's own language (`<html lang="en-GB">`), for the bot to answer in it. */
  function pageLanguage() {
    const lang = (document.documentElement.lang || "").replace("_", "-");
    const match = /^([a-z]{2})(?:-([a-z]{2}))?$/i.exec(lang);
    if (!match) return {};
    return { language: match[2] ? `${match[1].toLowerCase()}-${match[2].toUpperCase()}` : match[1].toLowerCase() };
  }

  async function post(content, shown) {
    if (shown) bubble(shown, "customer");
    const messageId = randomId();
    for (let attempt = 0; attempt < 5; attempt++) {
      let response;
      try {
        response = await fetch(`${base}/api/channels/webchat/${encodeURIComponent(flowId)}/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ session, messageId, ...content, ...pageLanguage() }),
        });
      } catch {
        response = undefined;
      }
      if (response?.ok) {
        const answer = await response.json();
        for (const reply of answer.replies) showReply(reply, "bot");
        return;
      }
      // A refusal will not change on retry (unknown flow, message too long); only say so.
      if (response && response.status < 500 && response.status !== 408 && response.status !== 429) {
        bubble(
          response.status === 404
            ? "Cette discussion n'est pas disponible pour le moment."
            : "Ce message n'a pas pu être envoyé. Raccourcissez-le ou reformulez-le.",
          "system",
        );
        return;
      }
      // The same messageId makes a retry safe: the server answers it once.
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
    bubble("Le message n'a pas pu être envoyé. Vérifiez votre connexion.", "system");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    post({ text }, text);
  });

  const events = new EventSource(
    `${base}/api/channels/webchat/${encodeURIComponent(flowId)}/events?session=${encodeURIComponent(session)}`,
  );
  // Two open tabs or a reconnect may bring the same message again; its id tells.
  const shownIds = new Set();
  events.addEventListener("message", (event) => {
    if (event.lastEventId) {
      if (shownIds.has(event.lastEventId)) return;
      shownIds.add(event.lastEventId);
    }
    const data = JSON.parse(event.data);
    showReply(data.message, data.role);
  });

  // Greets once per session: a visitor coming back is in the middle of their conversation, and a
  // second "Bonjour" would be taken as the answer to the bot's last question.
  if (!localStorage.getItem(`${storageKey}-started`)) {
    localStorage.setItem(`${storageKey}-started`, "1");
    post({ text: "Bonjour" });
  }
})();
