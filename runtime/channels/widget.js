// Relais web chat widget. Embed: <script src="https://relais.example/widget.js" data-flow="order-status"></script>
// Customer and agent text is always inserted as text, never as HTML; only http(s) links become links.
(() => {
  const script = document.currentScript;
  const flowId = script?.dataset.flow;
  if (!flowId) return;
  const base = new URL(script.src).origin;
  const api = `${base}/api/channels/webchat/${encodeURIComponent(flowId)}`;
  // The page's language (or the browser's), for the bot and for the widget's own words.
  const language = (script.dataset.lang || document.documentElement.lang || navigator.language || "fr").trim();
  const words = {
    fr: {
      input: "Votre message",
      placeholder: "Écrivez votre message…",
      send: "Envoyer",
      welcome: "Bonjour ! Écrivez-nous votre question, nous vous répondons ici.",
      typing: "En train d'écrire",
      unavailable: "Cette discussion n'est pas disponible pour le moment.",
      refused: "Ce message n'a pas pu être envoyé. Raccourcissez-le ou reformulez-le.",
      offline: "Le message n'a pas pu être envoyé. Vérifiez votre connexion.",
      file: "Ouvrir le fichier",
    },
    en: {
      input: "Your message",
      placeholder: "Write your message…",
      send: "Send",
      welcome: "Hello! Write us your question, we answer here.",
      typing: "Typing",
      unavailable: "This chat is not available right now.",
      refused: "This message could not be sent. Shorten or rephrase it.",
      offline: "The message could not be sent. Check your connection.",
      file: "Open the file",
    },
  };
  const say = words[language.slice(0, 2).toLowerCase()] ?? words.fr;
  // crypto.randomUUID exists only on https pages (and localhost); plain-http intranets get the same from random bytes.
  const randomId = () =>
    crypto.randomUUID?.() ??
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  // The session is the visitor's key to their conversation: kept in this browser, so a reload or a
  // return the next day finds it again.
  const storageKey = `relais-session-${flowId}`;
  const session = localStorage.getItem(storageKey) || randomId();
  localStorage.setItem(storageKey, session);

  const root = document.createElement("div");
  root.lang = language;
  root.style.cssText =
    "position:fixed;bottom:16px;right:16px;width:340px;max-height:70vh;display:flex;flex-direction:column;font:14px system-ui,sans-serif;background:#fff;border:1px solid #cbd5e1;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.15);overflow:hidden;z-index:2147483000";
  const list = document.createElement("div");
  list.setAttribute("role", "log");
  list.setAttribute("aria-live", "polite");
  list.style.cssText = "flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px";
  const typing = document.createElement("div");
  typing.setAttribute("role", "status");
  typing.setAttribute("aria-label", say.typing);
  typing.textContent = "•••";
  typing.hidden = true;
  typing.style.cssText =
    "align-self:flex-start;padding:6px 12px;border-radius:12px;background:#f1f5f9;color:#64748b;letter-spacing:2px";
  const form = document.createElement("form");
  form.style.cssText = "display:flex;border-top:1px solid #e2e8f0";
  const input = document.createElement("input");
  input.setAttribute("aria-label", say.input);
  input.placeholder = say.placeholder;
  input.maxLength = 4000;
  input.style.cssText = "flex:1;border:0;padding:12px;font:inherit;outline:none";
  const send = document.createElement("button");
  send.type = "submit";
  send.textContent = say.send;
  send.style.cssText = "border:0;background:#1d4ed8;color:#fff;padding:0 16px;font:inherit;cursor:pointer";
  form.append(input, send);
  root.append(list, form);
  document.body.append(root);

  const scrollDown = () => {
    list.scrollTop = list.scrollHeight;
  };
  const showTyping = (on) => {
    typing.hidden = !on;
    list.append(typing);
    scrollDown();
  };

  /** The text with its http(s) addresses as links that open in a new tab; everything else stays text. */
  function withLinks(parent, text) {
    const url = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]}'»]/g;
    let last = 0;
    for (const match of text.matchAll(url)) {
      parent.append(document.createTextNode(text.slice(last, match.index)));
      const link = document.createElement("a");
      link.href = match[0];
      link.textContent = match[0];
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.style.color = "inherit";
      parent.append(link);
      last = match.index + match[0].length;
    }
    parent.append(document.createTextNode(text.slice(last)));
  }

  function bubble(text, who) {
    const item = document.createElement("div");
    withLinks(item, text);
    item.dataset.role = who;
    const mine = who === "customer";
    item.style.cssText = `max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere;align-self:${mine ? "flex-end" : "flex-start"};background:${mine ? "#1d4ed8" : who === "agent" ? "#dcfce7" : who === "system" ? "#fef3c7" : "#f1f5f9"};color:${mine ? "#fff" : "#0f172a"}`;
    list.append(item);
    if (!typing.hidden) list.append(typing);
    scrollDown();
    return item;
  }

  function showMedia(media) {
    const safe = /^https?:\/\//.test(media.url);
    if (!safe) return;
    const item = document.createElement("figure");
    item.style.cssText = "margin:0;align-self:flex-start;max-width:85%";
    if (media.kind === "image") {
      const image = document.createElement("img");
      image.src = media.url;
      image.alt = media.caption ?? "";
      image.style.cssText = "max-width:100%;border-radius:12px;display:block";
      item.append(image);
    } else {
      const link = document.createElement("a");
      link.href = media.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.textContent = media.caption || say.file;
      item.append(link);
    }
    if (media.caption && media.kind === "image") {
      const caption = document.createElement("figcaption");
      caption.textContent = media.caption;
      caption.style.cssText = "font-size:12px;color:#475569;margin-top:4px";
      item.append(caption);
    }
    list.append(item);
    scrollDown();
  }

  let choicesRow;
  function showReply(message, who) {
    for (const media of message.media ?? []) showMedia(media);
    if (message.text) bubble(message.text, who);
    if (!message.choices || message.choices.length === 0) return;
    choicesRow?.remove();
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
    choicesRow = row;
    list.append(row);
    scrollDown();
  }

  let welcome;
  async function post(content, shown) {
    welcome?.remove();
    if (shown) bubble(shown, "customer");
    const messageId = randomId();
    showTyping(true);
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        let response;
        try {
          response = await fetch(`${api}/messages`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ session, messageId, language, ...content }),
          });
        } catch {
          response = undefined;
        }
        if (response?.ok) {
          const answer = await response.json();
          showTyping(false);
          for (const reply of answer.replies) showReply(reply, "bot");
          return;
        }
        // A refusal will not change on retry (unknown flow, message too long); only say so.
        if (response && response.status < 500 && response.status !== 408 && response.status !== 429) {
          showTyping(false);
          bubble(response.status === 404 ? say.unavailable : say.refused, "system");
          return;
        }
        // The same messageId makes a retry safe: the server answers it once.
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      }
      showTyping(false);
      bubble(say.offline, "system");
    } finally {
      showTyping(false);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    post({ text }, text);
  });

  // Nothing is sent for the visitor until they write: the conversation they had is shown again,
  // or an invitation to write that is the widget's own, not a message.
  async function restore() {
    try {
      const response = await fetch(`${api}/history?session=${encodeURIComponent(session)}`);
      if (response.ok) {
        const history = await response.json();
        for (const entry of history.messages) {
          if (entry.role === "customer") bubble(entry.text, "customer");
          else showReply(entry, entry.role);
        }
        if (history.messages.length > 0) return;
      }
    } catch {
      // Offline for now: the invitation below still lets the visitor write.
    }
    welcome = bubble(say.welcome, "welcome");
  }

  // Two open tabs or a reconnect may bring the same message again; its id tells.
  const shownIds = new Set();
  restore().then(() => {
    const events = new EventSource(`${api}/events?session=${encodeURIComponent(session)}`);
    events.addEventListener("message", (event) => {
      if (event.lastEventId) {
        if (shownIds.has(event.lastEventId)) return;
        shownIds.add(event.lastEventId);
      }
      const data = JSON.parse(event.data);
      welcome?.remove();
      showReply(data.message, data.role);
    });
  });
})();
