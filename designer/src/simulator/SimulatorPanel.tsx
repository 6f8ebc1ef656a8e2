import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { compileFlow, lexiconSentiment, overlapClassifier } from "../../../runtime/engine/index.js";
import type {
  BotMessage,
  ConversationState,
  EngineDeps,
  EngineInput,
  EngineStatus,
  HttpRequest,
} from "../../../runtime/engine/types.js";
import { secretStandIns } from "../../../runtime/testing/fixtures.js";
import type { ConversationTestFile, Flow, TestStep } from "../../../schema/index.js";
import { describeReason } from "../agent/reason-words.js";
import { ApiError, api } from "../api.js";
import { language, t } from "../i18n.js";
import { ChannelPreview } from "./ChannelPreview.js";
import { fixtureFor, fixturesOf, runTurn, stepsOf, type Turn, withTest } from "./session.js";

interface Line {
  role: "customer" | "bot" | "system";
  text: string;
  message?: BotMessage;
}

interface Props {
  flow: Flow;
  tests: ConversationTestFile | null;
  others: ReadonlyMap<string, Flow>;
  onActiveNode: (nodeId: string | undefined) => void;
  onTestsSaved: (tests: ConversationTestFile) => void;
}

/** Chats with the draft in the browser, with the runtime's own engine. */
export function SimulatorPanel({ flow, tests, others, onActiveNode, onTestsSaved }: Props) {
  const [lines, setLines] = useState<Line[]>([]);
  const [state, setState] = useState<ConversationState>();
  const [status, setStatus] = useState<EngineStatus>();
  const [steps, setSteps] = useState<TestStep[]>([]);
  /** What a saved test needs to replay the session: its language and the network's answers. */
  const [calls, setCalls] = useState<Turn["calls"]>([]);
  const [startLanguage, setStartLanguage] = useState<string>();
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const ids = useRef(0);

  const deps = useCallback((): EngineDeps => {
    const compiledOthers = new Map([...others].map(([id, other]) => [id, compileFlow(other)]));
    return {
      now: () => new Date(),
      newId: () => `sim-${++ids.current}`,
      classify: overlapClassifier,
      sentiment: lexiconSentiment,
      flow: (id) => (id === flow.id ? compileFlow(flow) : compiledOthers.get(id)),
      secrets: secretStandIns(
        [flow, ...others.values()].flatMap((each) => each.secrets ?? []),
        tests,
      ),
    };
  }, [flow, others, tests]);

  const resolve = useCallback(
    async (request: HttpRequest) => {
      const fixture = fixtureFor(tests, request);
      if (fixture) return { result: fixture, from: "fixture" as const };
      return { result: await api.simulateHttp(request), from: "network" as const };
    },
    [tests],
  );

  const send = useCallback(
    async (input: EngineInput, current: ConversationState | undefined, shown?: string) => {
      setBusy(true);
      setError("");
      try {
        const turn = await runTurn(compileFlow(flow), current, input, deps(), resolve);
        setState(turn.state);
        setStatus(turn.status);
        setSteps((old) => [...old, ...stepsOf(input, turn)]);
        setCalls((old) => [...old, ...turn.calls]);
        const added: Line[] = [];
        if (shown) added.push({ role: "customer", text: shown });
        for (const call of turn.calls) {
          added.push({
            role: "system",
            text: `${call.request.method} ${call.request.url} → ${call.result.ok ? call.result.status : call.result.error}${call.from === "fixture" ? ` (${t("fixture")})` : ""}`,
          });
        }
        for (const output of turn.outputs) added.push({ role: "bot", text: output.text, message: output });
        if (turn.status.type === "handoff") {
          const { queue, reason, summary } = turn.status.handoff;
          added.push({
            role: "system",
            text: t("handedOff", { queue, reason: describeReason(reason, summary, language) }),
          });
        }
        if (turn.status.type === "end") added.push({ role: "system", text: t("ended") });
        setLines((old) => [...old, ...added]);
        onActiveNode(turn.state.stack.at(-1)?.nodeId);
      } catch (failure) {
        setError(
          failure instanceof ApiError ? failure.message : failure instanceof Error ? failure.message : String(failure),
        );
      } finally {
        setBusy(false);
      }
    },
    [flow, deps, resolve, onActiveNode],
  );

  const restart = useCallback(() => {
    const chosen = flow.languages.includes(language) ? language : flow.languages[0];
    setLines([]);
    setSteps([]);
    setCalls([]);
    setStartLanguage(chosen);
    setState(undefined);
    setStatus(undefined);
    send({ type: "start", language: chosen }, undefined);
  }, [send, flow.languages]);

  // A new simulation starts when the panel opens; the canvas highlight goes when it closes.
  useEffect(() => {
    restart();
    return () => onActiveNode(undefined);
  }, []);

  const waiting = status?.type === "wait";
  const lastBotIndex = lines.findLastIndex((line) => line.message !== undefined);
  const lastBot = lines[lastBotIndex]?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || !waiting) return;
    send({ type: "text", text }, state, text);
    setText("");
  };

  return (
    <div className="simulator">
      <div className="sim-actions">
        <button type="button" onClick={restart}>
          {t("restart")}
        </button>
        <button
          type="button"
          disabled={steps.length === 0}
          onClick={async () => {
            const http = fixturesOf(calls);
            const next = withTest(flow.id, tests, {
              name: `simulateur ${new Date().toISOString().slice(0, 16)}`,
              ...(startLanguage ? { language: startLanguage } : {}),
              ...(http.length ? { http } : {}),
              steps,
            });
            try {
              await api.saveTests(flow.id, next);
              onTestsSaved(next);
              setLines((old) => [...old, { role: "system", text: t("testSaved") }]);
            } catch (failure) {
              setError(failure instanceof Error ? failure.message : String(failure));
            }
          }}
        >
          {t("saveAsTest")}
        </button>
      </div>
      <ol className="transcript" aria-live="polite">
        {lines.map((line, i) => (
          <li key={i} className={line.role}>
            <span>{line.text}</span>
            {line.message?.choices && i === lastBotIndex && waiting && (
              <div className="choices">
                {line.message.choices.map((choice) => (
                  <button
                    key={choice.id}
                    type="button"
                    disabled={busy}
                    onClick={() => send({ type: "choice", choiceId: choice.id }, state, choice.label)}
                  >
                    {choice.label}
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={submit} className="sim-input">
        <input
          aria-label={t("typeMessage")}
          placeholder={t("typeMessage")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          disabled={!waiting || busy}
        />
        <button type="submit" disabled={!waiting || busy}>
          {t("send")}
        </button>
      </form>
      {state && (
        <details className="sim-variables" open>
          <summary>{t("variables")}</summary>
          <pre>{JSON.stringify(state.variables, null, 2)}</pre>
        </details>
      )}
      <ChannelPreview message={lastBot} />
    </div>
  );
}
