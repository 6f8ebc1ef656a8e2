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
      busy: "Nous sommes très sollicités : le message n'a pas pu être envoyé. Renvoyez-le dans un instant.",
      file: "Ouvrir le fichier",
      title: "Service client",
      open: "Ouvrir la discussion",
      close: "Fermer la discussion",
      unread: (n) => (n > 1 ? `${n} nouveaux messages` : "1 nouveau message"),
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
      busy: "We are very busy: the message could not be sent. Send it again in a moment.",
      file: "Open the file",
      title: "Customer service",
      open: "Open the chat",
      close: "Close the chat",
      unread: (n) => (n > 1 ? `${n} new messages` : "1 new message"),
    },
  };
  const say = words[language.slice(0, 2).toLowerCase()] ?? words.fr;
  // The hint the server takes: `en` or `en-GB`; a tag it would refuse (`zh-Hant-TW`) is not sent.
  const languageHint = (() => {
    const match = /^([a-z]{2})(?:[-_]([a-z]{2}))?$/i.exec(language);
    if (!match) return {};
    return { language: match[2] ? `${match[1].toLowerCase()}-${match[2].toUpperCase()}` : match[1].toLowerCase() };
  })();
  // crypto.randomUUID exists only on https pages (and localhost); plain-http intranets get the same from random bytes.
  const randomId = () =>
    crypto.randomUUID?.() ??
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  // The session is the visitor's key to their conversation: kept in this browser, so a reload or a
  // return the next day finds it again.
  const storageKey = `relais-session-${flowId}`;
  const session = localStorage.getItem(storageKey) || randomId();
  localStorage.setItem(storageKey, session);

  // The chat opens from a button in the page's corner and closes to it, so that it never hides the
  // page for good; a visitor who opened it finds it open on the site's next page (same tab).
  const openKey = `relais-open-${flowId}`;
  const remembered = sessionStorage.getItem(openKey);
  let open = remembered === null ? script.dataset.open === "true" : remembered === "1";

  const launcher = document.createElement("button");
  launcher.type = "button";
  launcher.lang = language;
  launcher.style.cssText =
    "position:fixed;bottom:16px;right:16px;width:56px;height:56px;border-radius:50%;border:0;background:#1d4ed8;color:#fff;box-shadow:0 4px 12px rgba(0,0,0,.25);cursor:pointer;align-items:center;justify-content:center;padding:0;z-index:2147483000";
  const svg = "http://www.w3.org/2000/svg";
  const icon = document.createElementNS(svg, "svg");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("width", "28");
  icon.setAttribute("height", "28");
  icon.setAttribute("aria-hidden", "true");
  const bubbleShape = document.createElementNS(svg, "path");
  bubbleShape.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
  bubbleShape.setAttribute("fill", "currentColor");
  icon.append(bubbleShape);
  // Messages that came while the chat was closed (an agent's answer, a late reply).
  const badge = document.createElement("span");
  badge.setAttribute("aria-hidden", "true");
  badge.style.cssText =
    "position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#dc2626;color:#fff;font:600 12px/20px system-ui,sans-serif";
  launcher.append(icon, badge);

  const root = document.createElement("div");
  root.lang = language;
  root.id = `relais-chat-${flowId}`;
  root.setAttribute("role", "region");
  launcher.setAttribute("aria-controls", root.id);
  root.style.cssText =
    "position:fixed;bottom:16px;right:16px;width:340px;max-width:calc(100vw - 32px);max-height:70vh;flex-direction:column;font:14px system-ui,sans-serif;background:#fff;border:1px solid #cbd5e1;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.15);overflow:hidden;z-index:2147483000";
  const header = document.createElement("div");
  header.style.cssText =
    "display:flex;align-items:center;justify-content:space-between;gap:8px;padding:10px 8px 10px 14px;background:#1d4ed8;color:#fff";
  const heading = document.createElement("h2");
  heading.textContent = script.dataset.title || say.title;
  heading.style.cssText = "margin:0;font:600 15px system-ui,sans-serif";
  root.setAttribute("aria-label", heading.textContent);
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "×";
  close.setAttribute("aria-label", say.close);
  close.style.cssText =
    "border:0;background:transparent;color:#fff;font:22px/1 system-ui,sans-serif;cursor:pointer;padding:2px 8px;border-radius:6px";
  header.append(heading, close);
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
  root.append(header, list, form);
  document.body.append(root, launcher);

  let unread = 0;
  const showUnread = () => {
    badge.textContent = String(unread);
    badge.style.display = unread > 0 ? "block" : "none";
    launcher.setAttribute("aria-label", unread > 0 ? `${say.open} (${say.unread(unread)})` : say.open);
  };
  const show = () => {
    root.style.display = open ? "flex" : "none";
    launcher.style.display = open ? "none" : "flex";
    launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      unread = 0;
      scrollDown();
    }
    showUnread();
  };
  /** Opens or closes the chat, and moves the keyboard with it: into the message box, or back to the button. */
  function setOpen(next) {
    open = next;
    sessionStorage.setItem(openKey, open ? "1" : "0");
    show();
    (open ? input : launcher).focus();
  }
  /** A message shown while the chat is closed is counted on its button. */
  const arrived = () => {
    if (open) return;
    unread += 1;
    showUnread();
  };
  launcher.addEventListener("click", () => setOpen(true));
  close.addEventListener("click", () => setOpen(false));
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape") setOpen(false);
  });

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
        // The button goes with its row: the keyboard stays in the chat, ready for the next message.
        input.focus();
        post({ choiceId: choice.id }, choice.label);
      });
      row.append(button);
    }
    choicesRow = row;
    list.append(row);
    scrollDown();
  }

  /** What a refusal's `Retry-After` asks to wait, in milliseconds (seconds or an HTTP date), else 0. */
  function retryAfterMs(response) {
    const value = response?.headers.get("retry-after");
    if (!value) return 0;
    const seconds = Number(value);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
    return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 60_000) : 0;
  }

  /** Tries of one message before the visitor is told it did not go: about 15 s of waits between them. */
  const SEND_ATTEMPTS = 5;
  let welcome;
  async function post(content, shown) {
    welcome?.remove();
    if (shown) bubble(shown, "customer");
    const messageId = randomId();
    showTyping(true);
    let response;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          response = await fetch(`${api}/messages`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ session, messageId, ...languageHint, ...content }),
          });
        } catch {
          response = undefined;
        }
        if (response?.ok) {
          const answer = await response.json();
          showTyping(false);
          for (const reply of answer.replies) {
            showReply(reply, "bot");
            arrived();
          }
          return;
        }
        // A refusal will not change on retry (unknown flow, message too long); only say so.
        if (response && response.status < 500 && response.status !== 408 && response.status !== 429) {
          showTyping(false);
          bubble(response.status === 404 ? say.unavailable : say.refused, "system");
          return;
        }
        if (attempt === SEND_ATTEMPTS) break;
        // The same messageId makes a retry safe: the server answers it once. A full server says when to
        // come back (Retry-After); the jitter keeps the widgets it refused together from coming back together.
        const backoff = Math.max(250 * 2 ** attempt, retryAfterMs(response));
        await new Promise((resolve) => setTimeout(resolve, backoff * (1 + Math.random() / 2)));
      }
      showTyping(false);
      // Relais answered but could not take it (full, or a moment's failure): not the visitor's connection.
      // What they wrote goes back in the box, to send again with one key.
      bubble(response ? say.busy : say.offline, "system");
      if (content.text && !input.value) input.value = content.text;
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

  show();
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
      arrived();
    });
  });
})();
