import { useEffect, useState } from "react";
import type { Presence, PresenceChoice } from "../../../schema/api/index.js";
import { failureText } from "../api.js";
import { routingApi } from "./routing-api.js";
import { rw } from "./routing-words.js";

const CHOICES: PresenceChoice[] = ["available", "away"];

/** Where an agent says whether automatic queues may give them conversations. */
export function PresenceSwitch() {
  const [presence, setPresence] = useState<Presence>();
  const [error, setError] = useState("");
  useEffect(() => {
    routingApi.myPresence().then(
      (me) => setPresence(me.presence),
      (failure: unknown) => setError(failureText(failure)),
    );
  }, []);
  /** Shown chosen at once, as a radio button is; put back as it was if the runtime refuses. */
  const choose = async (status: PresenceChoice) => {
    const before = presence;
    setPresence(status);
    try {
      setPresence((await routingApi.setPresence(status)).presence);
      setError("");
    } catch (failure) {
      setPresence(before);
      setError(failureText(failure));
    }
  };
  return (
    <fieldset className={`presence-switch presence-${presence ?? "unknown"}`} aria-label={rw("presence")}>
      {CHOICES.map((choice) => (
        <label key={choice}>
          <input
            type="radio"
            name="presence"
            value={choice}
            checked={presence === choice}
            disabled={presence === undefined}
            onChange={() => void choose(choice)}
          />
          {rw(`presence.${choice}`)}
        </label>
      ))}
      {error && <span className="error small">{error}</span>}
    </fieldset>
  );
}
