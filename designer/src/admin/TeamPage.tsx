import { type FormEvent, useCallback, useState } from "react";
import { type AgentWord, language, w } from "../agent/words.js";
import { ApiError, failureText } from "../api.js";
import "./admin.css";
import { LoadFailure, useRead } from "../app/LoadFailure.js";
import { type ApiToken, adminApi, type Member, type QueueSettings, ROLES, type Role } from "./admin-api.js";

/** The team's own refusals in the interface language (the server words them in English), about `email`'s account. */
function teamFailure(error: unknown, email?: string): string {
  if (error instanceof ApiError) {
    if (error.code === "EMAIL_TAKEN" && email) return w("emailTaken", { email });
    if (error.code === "LAST_ADMIN" && email) return w("lastAdmin", { email });
    if (error.code === "UNKNOWN_USER") return w("memberGone");
    if (error.code === "UNKNOWN_QUEUE") return w("queueGone");
    if (error.code === "UNKNOWN_TOKEN") return w("tokenGone");
  }
  return failureText(error);
}

const roleWord = (role: Role) => w(role === "agent" ? "role.agentRole" : (`role.${role}` as AgentWord));

function QueuePicker({
  queues,
  value,
  onChange,
  name,
}: {
  queues: QueueSettings[];
  value: string[];
  onChange: (next: string[]) => void;
  name: string;
}) {
  return (
    <fieldset className="queue-picker" aria-label={`${w("worksQueues")} ${name}`}>
      {queues.map((queue) => (
        <label key={queue.id}>
          <input
            type="checkbox"
            value={queue.id}
            checked={value.includes(queue.id)}
            onChange={(event) =>
              onChange(event.target.checked ? [...value, queue.id] : value.filter((id) => id !== queue.id))
            }
          />
          {queue.name}
        </label>
      ))}
      {value.length === 0 && <span className="muted small">({w("allQueues")})</span>}
    </fieldset>
  );
}

function MemberRow({ member, queues, onSaved }: { member: Member; queues: QueueSettings[]; onSaved: () => void }) {
  const [name, setName] = useState(member.name);
  const [role, setRole] = useState<Role>(member.role);
  const [worked, setWorked] = useState(member.queues);
  const [message, setMessage] = useState<{ error: boolean; text: string } | undefined>();
  const [confirming, setConfirming] = useState(false);
  const changed =
    name !== member.name || role !== member.role || [...worked].sort().join() !== [...member.queues].sort().join();

  const save = async () => {
    try {
      await adminApi.update(member.id, { name, role, queues: worked });
      setMessage({ error: false, text: w("saved") });
      onSaved();
    } catch (error) {
      setMessage({ error: true, text: teamFailure(error, member.email) });
    }
  };
  /** Runs an account action and says what it did, or why it failed. */
  const act = async (work: () => Promise<string>) => {
    try {
      setMessage({ error: false, text: await work() });
      onSaved();
    } catch (error) {
      setMessage({ error: true, text: teamFailure(error, member.email) });
    }
  };
  const toggleAccount = () =>
    act(async () => {
      await adminApi.update(member.id, { disabled: !member.disabled });
      return w(member.disabled ? "accountReopened" : "accountClosedDone", { name: member.name });
    });
  const endSessions = () =>
    act(async () => w("sessionsEnded", { count: (await adminApi.endSessions(member.id)).ended }));
  const remove = async () => {
    try {
      await adminApi.remove(member.id);
      onSaved();
    } catch (error) {
      setConfirming(false);
      setMessage({ error: true, text: teamFailure(error, member.email) });
    }
  };
  const link = async () => {
    try {
      setMessage({
        error: false,
        text: `${w("inviteLink", { name: member.name })} ${(await adminApi.newLink(member.id)).link}`,
      });
    } catch (error) {
      setMessage({ error: true, text: teamFailure(error, member.email) });
    }
  };

  return (
    <tr data-member={member.email}>
      <td>
        <input aria-label={w("name")} value={name} onChange={(event) => setName(event.target.value)} />
        <div className="muted small">
          {member.email}
          {!member.hasPassword && ` · ${w("invited")}`}
          {member.disabled && <strong className="account-closed"> · {w("accountClosed")}</strong>}
        </div>
      </td>
      <td>
        <select aria-label={w("role")} value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {ROLES.map((item) => (
            <option key={item} value={item}>
              {roleWord(item)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <QueuePicker queues={queues} value={worked} onChange={setWorked} name={member.email} />
      </td>
      <td className="row-actions">
        <button type="button" className="primary" disabled={!changed} onClick={save}>
          {w("save")}
        </button>
        <button type="button" onClick={link}>
          {w("newLink")}
        </button>
        <button type="button" onClick={endSessions}>
          {w("endSessions")}
        </button>
        <button type="button" onClick={toggleAccount}>
          {w(member.disabled ? "reopenAccount" : "closeAccount")}
        </button>
        {confirming ? (
          <button type="button" className="danger" onClick={remove}>
            {w("confirmRemove", { name: member.name })}
          </button>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {w("removeMember")}
          </button>
        )}
        {message && (
          <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "muted small"}>
            {message.text}
          </p>
        )}
      </td>
    </tr>
  );
}

const day = (iso: string) => new Date(iso).toLocaleDateString(language === "fr" ? "fr-FR" : "en-GB");

/** The API tokens CI and scripts use: who made each, until when it works, and revoking one. */
function TokensTable({ tokens, onChanged }: { tokens: ApiToken[]; onChanged: () => void }) {
  const [failure, setFailure] = useState<string | undefined>();
  const revoke = async (id: string) => {
    try {
      await adminApi.revokeToken(id);
      onChanged();
    } catch (error) {
      setFailure(teamFailure(error));
    }
  };
  if (tokens.length === 0) return <p className="muted">{w("noTokens")}</p>;
  return (
    <>
      <table className="admin-table" aria-label={w("apiTokens")}>
        <thead>
          <tr>
            <th>{w("tokenName")}</th>
            <th>{w("role")}</th>
            <th>{w("tokenMadeBy")}</th>
            <th>{w("tokenExpires")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} data-token={token.name}>
              <td>{token.name}</td>
              <td>{roleWord(token.role)}</td>
              <td>{token.createdBy}</td>
              <td>
                {token.expiresAt ? day(token.expiresAt) : "—"}
                {token.expiresAt && Date.parse(token.expiresAt) < Date.now() && ` (${w("tokenExpired")})`}
              </td>
              <td>
                <button type="button" onClick={() => revoke(token.id)}>
                  {w("revokeToken")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
    </>
  );
}

/** Admins invite or create people with their role and the queues they work. */
export function TeamPage() {
  const [members, setMembers] = useState<Member[]>([]);
  const [queues, setQueues] = useState<QueueSettings[]>([]);
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [draft, setDraft] = useState({
    email: "",
    name: "",
    role: "agent" as Role,
    password: "",
    queues: [] as string[],
  });
  const [result, setResult] = useState<{ error: boolean; text: string } | undefined>();
  /** Whether the team was read once: until then the invite form could offer no queue to work. */
  const [loaded, setLoaded] = useState(false);

  const load = useCallback(async () => {
    const [people, queueList, tokenList] = await Promise.all([
      adminApi.members(),
      adminApi.queues(),
      adminApi.tokens(),
    ]);
    setMembers(people);
    setQueues(queueList);
    setTokens(tokenList);
    setLoaded(true);
  }, []);
  const { failure: readFailure, read } = useRead(load);

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    setResult(undefined);
    try {
      if (draft.password) {
        const { user } = await adminApi.create(draft);
        if (draft.queues.length > 0) await adminApi.update(user.id, { queues: draft.queues });
        setResult({ error: false, text: w("created", { name: draft.name }) });
      } else {
        const { link } = await adminApi.invite(draft);
        setResult({ error: false, text: `${w("inviteLink", { name: draft.name })} ${link}` });
      }
      setDraft({ email: "", name: "", role: "agent", password: "", queues: [] });
      await load();
    } catch (error) {
      setResult({ error: true, text: teamFailure(error, draft.email) });
    }
  };

  return (
    <div className="admin-page">
      <h1>{w("members")}</h1>
      {readFailure && <LoadFailure failure={readFailure} onRetry={read} />}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{w("name")}</th>
            <th>{w("role")}</th>
            <th>{w("worksQueues")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <MemberRow
              key={`${member.id}:${member.role}:${member.queues.join()}`}
              member={member}
              queues={queues}
              onSaved={load}
            />
          ))}
        </tbody>
      </table>
      {loaded && (
        <>
          <h2>{w("apiTokens")}</h2>
          <TokensTable tokens={tokens} onChanged={load} />
          <form className="admin-form" onSubmit={invite} aria-label={w("inviteTitle")}>
            <h2>{w("inviteTitle")}</h2>
            <label>
              {w("email")}
              <input
                name="invite-email"
                type="email"
                required
                value={draft.email}
                onChange={(event) => setDraft({ ...draft, email: event.target.value })}
              />
            </label>
            <label>
              {w("name")}
              <input
                name="invite-name"
                required
                value={draft.name}
                onChange={(event) => setDraft({ ...draft, name: event.target.value })}
              />
            </label>
            <label>
              {w("role")}
              <select
                name="invite-role"
                value={draft.role}
                onChange={(event) => setDraft({ ...draft, role: event.target.value as Role })}
              >
                {ROLES.map((item) => (
                  <option key={item} value={item}>
                    {roleWord(item)}
                  </option>
                ))}
              </select>
            </label>
            <QueuePicker
              queues={queues}
              value={draft.queues}
              onChange={(next) => setDraft({ ...draft, queues: next })}
              name="invite"
            />
            <label>
              {w("password")}
              <input
                name="invite-password"
                type="password"
                minLength={10}
                autoComplete="new-password"
                value={draft.password}
                onChange={(event) => setDraft({ ...draft, password: event.target.value })}
              />
            </label>
            <button type="submit" className="primary">
              {w("invite")}
            </button>
            {result && (
              <p role={result.error ? "alert" : "status"} className={result.error ? "error" : "invite-result"}>
                {result.text}
              </p>
            )}
          </form>
        </>
      )}
    </div>
  );
}
