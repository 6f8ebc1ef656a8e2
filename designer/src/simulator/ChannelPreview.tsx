import { useState } from "react";
import type { BotMessage } from "../../../schema/api/index.js";
import { t } from "../i18n.js";

const channels = ["whatsapp", "messenger", "sms", "webchat"] as const;
type Channel = (typeof channels)[number];

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** How the last bot message looks on each channel: what its buttons become where buttons do not exist. */
export function ChannelPreview({ message }: { message: BotMessage | undefined }) {
  const [channel, setChannel] = useState<Channel>("whatsapp");
  if (!message) return null;
  const choices = message.choices ?? [];
  return (
    <div className="channel-preview">
      <h4>{t("preview")}</h4>
      <div className="tabs" role="tablist">
        {channels.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={channel === name} onClick={() => setChannel(name)}>
            {name === "webchat" ? "Web chat" : name === "sms" ? "SMS" : name[0]?.toUpperCase() + name.slice(1)}
          </button>
        ))}
      </div>
      <div className={`bubble ${channel}`} data-channel={channel}>
        {channel === "sms" ? (
          <p>
            {message.text}
            {choices.map((choice, i) => `\n${i + 1}. ${choice.label}`).join("")}
          </p>
        ) : (
          <p>{message.text}</p>
        )}
        {channel === "whatsapp" && choices.length > 0 && choices.length <= 3 && (
          <div className="buttons">
            {choices.map((choice) => (
              <span key={choice.id}>{cut(choice.label, 20)}</span>
            ))}
          </div>
        )}
        {channel === "whatsapp" && choices.length > 3 && (
          <div className="list">
            <span className="list-button">☰ Options</span>
            {choices.slice(0, 10).map((choice) => (
              <span key={choice.id}>{cut(choice.label, 24)}</span>
            ))}
          </div>
        )}
        {channel === "messenger" && choices.length > 0 && (
          <div className="quick-replies">
            {choices.slice(0, 13).map((choice) => (
              <span key={choice.id}>{cut(choice.label, 20)}</span>
            ))}
          </div>
        )}
        {channel === "webchat" && choices.length > 0 && (
          <div className="buttons">
            {choices.map((choice) => (
              <span key={choice.id}>{choice.label}</span>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
