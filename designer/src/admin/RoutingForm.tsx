import { type FormEvent, useState } from "react";
import type { QueueRoutingOf, RoutingMode } from "../../../schema/api/index.js";
import { routingApi } from "../agent/routing-api.js";
import { rw } from "../agent/routing-words.js";
import { failureText } from "../api.js";

const MODES: RoutingMode[] = ["manual", "automatic"];

/** How a queue hands out its cases: by hand or automatically, how many at once per person, picking or not. */
export function RoutingForm({ initial }: { initial: QueueRoutingOf }) {
  const [routing, setRouting] = useState(initial);
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { queueId, ...settings } = routing;
      setRouting(await routingApi.saveRouting(queueId, settings));
      setMessage({ error: false, text: rw("routingSaved") });
    } catch (error) {
      setMessage({ error: true, text: failureText(error) });
    }
  };
  return (
    <form className="admin-form routing-form" data-routing-form={routing.queueId} onSubmit={save}>
      <fieldset>
        <legend>{rw("routing")}</legend>
        {MODES.map((mode) => (
          <label key={mode} className="inline-choice">
            <input
              type="radio"
              name={`routing-mode-${routing.queueId}`}
              value={mode}
              checked={routing.mode === mode}
              onChange={() => setRouting({ ...routing, mode })}
            />
            {rw(`mode.${mode}`)}
          </label>
        ))}
        <label>
          {rw("capacity")}
          <input
            name="routing-capacity"
            type="number"
            min={1}
            max={50}
            required
            value={routing.capacity}
            onChange={(event) => setRouting({ ...routing, capacity: Number(event.target.value) })}
          />
        </label>
        <label className="inline-choice">
          <input
            type="checkbox"
            name="routing-allow-picking"
            checked={routing.allowPicking}
            onChange={(event) => setRouting({ ...routing, allowPicking: event.target.checked })}
          />
          {rw("allowPicking")}
        </label>
      </fieldset>
      <div className="form-buttons">
        <button type="submit">{rw("saveRouting")}</button>
        {message && (
          <span role={message.error ? "alert" : "status"} className={message.error ? "error" : "muted"}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
