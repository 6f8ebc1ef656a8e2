import { type FormEvent, useCallback, useEffect, useState } from "react";
import { type AgentWord, w } from "../agent/words.js";
import { ApiError } from "../api.js";
import "./admin.css";
import { adminApi, type Member, type QueueSettings, ROLES, type Role } from "./admin-api.js";

const roleWord = (role: Role) => w(role === "agent" ? "role.agentRole" : (`role.${role}` as AgentWord));
const why = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

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
  const changed =
    name !== member.name || role !== member.role || [...worked].sort().join() !== [...member.queues].sort().join();

  const save = async () => {
    try {
      await adminApi.update(member.id, { name, role, queues: worked });
      setMessage({ error: false, text: w("saved") });
      onSaved();
    } catch (error) {
      setMessage({ error: true, text: why(error) });
    }
  };
  const link = async () => {
    try {
      setMessage({
        error: false,
        text: `${w("inviteLink", { name: member.name })} ${(await adminApi.newLink(member.id)).link}`,
      });
    } catch (error) {
      setMessage({ error: true, text: why(error) });
    }
  };

  return (
    <tr data-member={member.email}>
      <td>
        <input aria-label={w("name")} value={name} onChange={(event) => setName(event.target.value)} />
        <div className="muted small">
          {member.email}
          {!member.hasPassword && ` · ${w("invited")}`}
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
        {message && <p className={message.error ? "error" : "muted small"}>{message.text}</p>}
      </td>
    </tr>
  );
}

/** Admins invite or create people with their role and the queues they work. */
export function TeamPage() {
  const [members, setMembers] = useState<Member[]>([]);
  const [queues, setQueues] = useState<QueueSettings[]>([]);
  const [draft, setDraft] = useState({
    email: "",
    name: "",
    role: "agent" as Role,
    password: "",
    queues: [] as string[],
  });
  const [result, setResult] = useState<{ error: boolean; text: string } | undefined>();

  const load = useCallback(async () => {
    const [people, queueList] = await Promise.all([adminApi.members(), adminApi.queues()]);
    setMembers(people);
    setQueues(queueList);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

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
      setResult({ error: true, text: why(error) });
    }
  };

  return (
    <div className="admin-page">
      <h1>{w("members")}</h1>
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
    </div>
  );
}
