import { type FormEvent, useCallback, useState } from "react";
import {
  CHANNEL_FIELDS,
  type ChannelSettingsView,
  type FlowSummary,
  OPTIONAL_FIELDS,
  type SettingsChannel,
} from "../../../schema/api/index.js";
import { channelName } from "../agent/channel-names.js";
import { ApiError, api } from "../api.js";
import "./admin.css";
import { LoadFailure, useRead } from "../app/LoadFailure.js";
import { adminApi } from "./admin-api.js";
import { cw } from "./channel-words.js";

type FieldWord = Parameters<typeof cw>[0];
const fieldLabel = (name: string) => cw(`field.${name}` as FieldWord);

/** A refusal in the reader's language: the missing fields by their labels, the rest as the server words it. */
const errorText = (error: unknown, channel?: SettingsChannel) =>
  error instanceof ApiError && error.problems.length > 0
    ? error.problems
        .map((problem) => {
          if (problem.code === "channel/field" && channel) {
            return cw("missingField", {
              field: fieldLabel(String(problem.params?.field)),
              channel: channelName(channel),
            });
          }
          if (problem.code === "channel/unknown-flow") return cw("unknownFlow");
          return problem.message;
        })
        .join(" ")
    : String(error instanceof Error ? error.message : error);

/** One secret: "stored" with a Replace button once saved, never its value; an empty field otherwise. */
function SecretField({
  name,
  stored,
  value,
  onChange,
}: {
  name: string;
  stored: boolean;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const replacing = value !== undefined;
  return (
    <div className="secret-field" data-secret={name}>
      {replacing || !stored ? (
        <label>
          {fieldLabel(name)}
          <input
            name={`secret-${name}`}
            type="password"
            autoComplete="off"
            value={value ?? ""}
            onChange={(event) => onChange(event.target.value)}
          />
        </label>
      ) : (
        <div className="secret-kept">
          {fieldLabel(name)}
          <span className="secret-stored">{cw("stored")}</span>
        </div>
      )}
      {stored && (
        <button type="button" onClick={() => onChange(replacing ? undefined : "")}>
          {replacing ? cw("keep") : cw("replace")}
        </button>
      )}
    </div>
  );
}

function ChannelForm({
  view,
  flows,
  onSaved,
}: {
  view: ChannelSettingsView;
  flows: FlowSummary[];
  onSaved: (views: ChannelSettingsView[], channel: SettingsChannel) => void;
}) {
  const channel = view.channel as SettingsChannel;
  const { plain, secret } = CHANNEL_FIELDS[channel];
  const [enabled, setEnabled] = useState(view.enabled);
  const [flowId, setFlowId] = useState(view.flowId ?? "");
  const [settings, setSettings] = useState<Record<string, string>>(view.settings);
  const [secrets, setSecrets] = useState<Record<string, string | undefined>>({});
  const [message, setMessage] = useState<{ error: boolean; text: string } | undefined>();
  const published = flows.filter((flow) => flow.live);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const replaced = Object.fromEntries(Object.entries(secrets).filter(([, value]) => value?.trim()));
    try {
      const views = await adminApi.saveChannel(channel, {
        enabled,
        flowId,
        settings: Object.fromEntries(Object.entries(settings).filter(([, value]) => value.trim() !== "")),
        secrets: replaced,
      });
      onSaved(views, channel);
    } catch (error) {
      setMessage({ error: true, text: errorText(error, channel) });
    }
  };

  const useEnvironment = async () => {
    if (!window.confirm(cw("confirmUseEnvironment", { channel: channelName(channel) }))) return;
    try {
      onSaved(await adminApi.clearChannel(channel), channel);
    } catch (error) {
      setMessage({ error: true, text: errorText(error) });
    }
  };

  return (
    <form className="admin-form channel-form" onSubmit={save}>
      <label className="checkbox-row">
        <input
          type="checkbox"
          name="enabled"
          checked={enabled}
          onChange={(event) => setEnabled(event.target.checked)}
        />
        {cw("enabled")}
      </label>
      <label>
        {cw("flow")}
        <select name="flow" required value={flowId} onChange={(event) => setFlowId(event.target.value)}>
          <option value="">{cw("chooseFlow")}</option>
          {view.flowId && !published.some((flow) => flow.id === view.flowId) && (
            <option value={view.flowId}>{cw("notPublished", { flow: view.flowId })}</option>
          )}
          {published.map((flow) => (
            <option key={flow.id} value={flow.id}>
              {flow.name}
            </option>
          ))}
        </select>
      </label>
      {plain.map((name) => (
        <label key={name}>
          {OPTIONAL_FIELDS.includes(name) ? `${fieldLabel(name)} (${cw("optional")})` : fieldLabel(name)}
          <input
            name={`setting-${name}`}
            value={settings[name] ?? ""}
            placeholder={name === "publicUrl" ? view.webhookUrl : undefined}
            onChange={(event) => setSettings({ ...settings, [name]: event.target.value })}
          />
        </label>
      ))}
      {secret.map((name) => (
        <SecretField
          key={name}
          name={name}
          stored={view.secrets[name] ?? false}
          value={secrets[name]}
          onChange={(value) => setSecrets({ ...secrets, [name]: value })}
        />
      ))}
      <div className="form-buttons">
        <button type="submit" className="primary">
          {cw("save")}
        </button>
        {view.source === "admin" && (
          <button type="button" onClick={useEnvironment}>
            {cw("useEnvironment")}
          </button>
        )}
        {message && (
          <span role={message.error ? "alert" : "status"} className={message.error ? "error" : "muted"}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}

/** Admins connect WhatsApp, Messenger and SMS (Twilio): credentials, the flow each starts, the webhook address. */
export function ChannelsPage() {
  const [views, setViews] = useState<ChannelSettingsView[]>([]);
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [generation, setGeneration] = useState(0);
  const [saved, setSaved] = useState<SettingsChannel | undefined>();
  const show = useCallback((next: ChannelSettingsView[], channel?: SettingsChannel) => {
    setViews(next);
    setSaved(channel);
    setGeneration((count) => count + 1);
  }, []);
  const load = useCallback(
    () =>
      Promise.all([adminApi.channels(), api.flows()]).then(([loaded, flowList]) => {
        setFlows(flowList);
        show(loaded);
      }),
    [show],
  );
  const { failure, read } = useRead(load, errorText);

  return (
    <div className="admin-page channels-page">
      <h1>{cw("channels")}</h1>
      <p className="muted">{cw("intro")}</p>
      {failure && <LoadFailure failure={failure} onRetry={read} />}
      {views.map((view) => (
        <section key={view.channel} className="channel-settings" data-channel={view.channel}>
          <h2>
            {channelName(view.channel)}{" "}
            <span className={`channel-state ${view.on ? "on" : "off"}`}>{view.on ? cw("on") : cw("off")}</span>
            {saved === view.channel && (
              <span role="status" className="muted small">
                {cw("saved")}
              </span>
            )}
          </h2>
          <p className="muted small">{cw(`source.${view.source}`)}</p>
          {view.problem && (
            <p role="alert" className="error">
              {view.problem}
            </p>
          )}
          <label className="webhook-url">
            {cw("webhookUrl")}
            <input readOnly name="webhook-url" value={view.webhookUrl} onFocus={(event) => event.target.select()} />
          </label>
          <ChannelForm key={`${view.channel}:${generation}`} view={view} flows={flows} onSaved={show} />
        </section>
      ))}
    </div>
  );
}
