import { type FormEvent, useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import type {
  BotMessage,
  ConversationState,
  EngineDeps,
  EngineInput,
  EngineStatus,
  HttpEffect,
  HttpResult,
} from "../../../runtime/engine/index.js";
import { compileFlow, engineDeps } from "../../../runtime/engine/index.js";
import { guessLanguage } from "../../../runtime/nlu/index.js";
import { secretStandIns } from "../../../runtime/testing/index.js";
import type { ConversationTestFile, Flow, HttpFixture, TestStep } from "../../../schema/index.js";
import { describeReason } from "../agent/reason-words.js";
import { api, failureText } from "../api.js";
import { useQueueName } from "../app/queue-names.js";
import { language, languageName, t } from "../i18n.js";
import { MessagePreview } from "../preview/MessagePreview.js";
import { FixturesForm } from "./FixturesForm.js";
import { flowsReached, withFixtures } from "./fixture-form.js";
import { simulatorModels, TRAIN_DELAY_MS } from "./intent-models.js";
import { SaveTestDialog } from "./SaveTestDialog.js";
import { type Answer, fixtureFor, fixturesOf, runTurn, stepsOf, type Turn, withTest } from "./session.js";
import { TestsRun } from "./TestsRun.js";
import { understoodWords } from "./understood-words.js";

interface Line {
  /** Stable while the line is shown, for React. */
  id: number;
  role: "customer" | "bot" | "system" | "understood";
  text: string;
  message?: BotMessage;
}

let lineIds = 0;
const numbered = (lines: Omit<Line, "id">[]): Line[] => lines.map((line) => ({ ...line, id: lineIds++ }));

interface Props {
  flow: Flow;
  tests: ConversationTestFile | null;
  others: ReadonlyMap<string, Flow>;
  onActiveNode: (nodeId: string | undefined) => void;
  onTestsSaved: (tests: ConversationTestFile) => void;
  /** The nodes no conversation test visits, for the canvas to mark; undefined clears the marks. */
  onUntested: (ids: string[] | undefined) => void;
}

type View = "chat" | "fixtures" | "tests";

/** How long the fixture form waits after the last keystroke before it saves the test file. */
const SAVE_DELAY_MS = 400;

/**
 * Chats with the draft in the browser, with the runtime's own engine; edits the test responses;
 * runs the flow's conversation tests.
 */
export function SimulatorPanel({ flow, tests: savedTests, others, onActiveNode, onTestsSaved, onUntested }: Props) {
  const [view, setView] = useState<View>("chat");
  const queueName = useQueueName();
  /** The test file as edited here: the simulator answers from it before it is saved. */
  const [tests, setTests] = useState<ConversationTestFile | null>(savedTests);
  const [fixturesNote, setFixturesNote] = useState("");
  const [realCalls, setRealCalls] = useState(false);
  const [chosenLanguage, setChosenLanguage] = useState(() =>
    flow.languages.includes(language) ? language : flow.languages[0],
  );
  const [naming, setNaming] = useState(false);
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
  /** The state after the customer's last message: the language is said when it moved since. */
  const spoken = useRef<ConversationState>(undefined);

  const flowsById = useMemo(() => new Map([...others, [flow.id, flow]]), [flow, others]);
  const standIns = useMemo(
    () =>
      secretStandIns(
        [flow, ...others.values()].flatMap((each) => each.secrets ?? []),
        tests,
      ),
    [flow, others, tests],
  );

  useEffect(() => {
    const timer = setTimeout(() => {
      for (const each of [flow, ...others.values()]) {
        // A model that fails to train leaves word overlap answering, as the runtime would.
        simulatorModels.prepare(each).catch(() => undefined);
      }
    }, TRAIN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [flow, others]);

  const deps = useCallback((): EngineDeps => {
    const flows = new Map([...others].map(([id, other]) => [id, compileFlow(other)]));
    flows.set(flow.id, compileFlow(flow));
    return engineDeps({
      flows,
      secrets: standIns,
      now: () => new Date(),
      newId: () => `sim-${++ids.current}`,
      classify: simulatorModels.classify,
      detectLanguage: guessLanguage,
    });
  }, [flow, others, standIns]);

  const resolve = useCallback(
    async (effect: HttpEffect, asked: ConversationState): Promise<Answer> => {
      const { request } = effect;
      if (realCalls) {
        // The server renders the node's request again with its real secrets and sends it.
        const flowId = asked.stack.at(-1)?.flowId ?? flow.id;
        const owner = flowId === flow.id ? flow : (others.get(flowId) ?? flow);
        const answer = await api.runNodeRequest(owner, effect.nodeId, asked.variables);
        return {
          result: answer.result,
          from: "network",
          note: `${answer.request.method} ${answer.request.url} → ${outcomeOf(answer.result)}`,
        };
      }
      const fixture = fixtureFor(tests, request);
      if (fixture) {
        return {
          result: fixture,
          from: "fixture",
          note: `${request.method} ${request.url} → ${outcomeOf(fixture)} (${t("fixture")})`,
        };
      }
      // Kept as a network failure, so a test saved from this session replays the same error path.
      return {
        result: { ok: false, error: "network", message: t("sim.noFixtureError") },
        from: "network",
        note: t("sim.noFixture", { request: `${request.method} ${request.url}` }),
      };
    },
    [tests, realCalls, flow, others],
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
        const added: Omit<Line, "id">[] = [];
        if (shown) added.push({ role: "customer", text: shown });
        const understood = understoodWords(turn.events, spoken.current, turn.state, input.type === "text", flowsById);
        if (input.type === "start") spoken.current = undefined;
        if (input.type === "text") spoken.current = turn.state;
        for (const fact of understood) added.push({ role: "understood", text: fact });
        for (const call of turn.calls) {
          added.push({ role: "system", text: call.note ?? `${call.request.method} ${call.request.url}` });
        }
        for (const output of turn.outputs) added.push({ role: "bot", text: output.text, message: output });
        if (turn.status.type === "handoff") {
          const { queue, reason, summary } = turn.status.handoff;
          added.push({
            role: "system",
            text: t("handedOff", { queue: queueName(queue), reason: describeReason(reason, summary, language) }),
          });
        }
        if (turn.status.type === "end") added.push({ role: "system", text: t("ended") });
        setLines((old) => [...old, ...numbered(added)]);
        onActiveNode(turn.state.stack.at(-1)?.nodeId);
      } catch (failure) {
        setError(failureText(failure));
      } finally {
        setBusy(false);
      }
    },
    [flow, deps, resolve, onActiveNode, flowsById, queueName],
  );

  const restart = useCallback(
    (chosen = chosenLanguage) => {
      setLines([]);
      setSteps([]);
      setCalls([]);
      setStartLanguage(chosen);
      setState(undefined);
      setStatus(undefined);
      send({ type: "start", language: chosen }, undefined);
    },
    [send, chosenLanguage],
  );

  // A new simulation starts when the panel opens; the canvas marks go when it closes.
  const opened = useEffectEvent(() => restart());
  const closed = useEffectEvent(() => {
    onActiveNode(undefined);
    onUntested(undefined);
  });
  useEffect(() => {
    opened();
    return () => closed();
  }, []);

  /** Test responses are saved a moment after the last edit, once the file has a test to hold them. */
  const pendingSave = useRef<ReturnType<typeof setTimeout>>(undefined);
  const saveTests = useCallback(
    async (file: ConversationTestFile) => {
      try {
        await api.saveTests(flow.id, file);
        onTestsSaved(file);
        setFixturesNote(t("sim.fixturesSaved"));
      } catch (failure) {
        setFixturesNote(failureText(failure));
      }
    },
    [flow.id, onTestsSaved],
  );
  const changeFixtures = (http: HttpFixture[]) => {
    const file = withFixtures(flow.id, tests, http);
    setTests(file);
    clearTimeout(pendingSave.current);
    if (!file.tests.length) {
      setFixturesNote(t("sim.fixturesPending"));
      return;
    }
    setFixturesNote("");
    pendingSave.current = setTimeout(() => saveTests(file), SAVE_DELAY_MS);
  };

  const saveAsTest = async (name: string) => {
    setNaming(false);
    clearTimeout(pendingSave.current);
    const http = fixturesOf(calls);
    const next = withTest(flow.id, tests, {
      name,
      ...(startLanguage ? { language: startLanguage } : {}),
      ...(http.length ? { http } : {}),
      steps,
    });
    try {
      await api.saveTests(flow.id, next);
      setTests(next);
      onTestsSaved(next);
      setLines((old) => [...old, ...numbered([{ role: "system", text: t("testSaved") }])]);
    } catch (failure) {
      setError(failureText(failure));
    }
  };

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
      <div className="tabs sim-views" role="tablist">
        {(["chat", "fixtures", "tests"] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={view === name} onClick={() => setView(name)}>
            {t(`sim.${name}`)}
          </button>
        ))}
      </div>
      {view === "fixtures" && (
        <>
          <FixturesForm
            flows={flowsReached(flow, others)}
            fixtures={tests?.http ?? []}
            standIns={standIns}
            onChange={changeFixtures}
          />
          {fixturesNote && (
            <p className="help" role="status">
              {fixturesNote}
            </p>
          )}
        </>
      )}
      {view === "tests" && <TestsRun flow={flow} others={others} tests={tests} onUntested={onUntested} />}
      {view === "chat" && (
        <>
          <div className="sim-actions">
            <button type="button" onClick={() => restart()}>
              {t("restart")}
            </button>
            <label>
              {t("sim.language")}
              <select
                aria-label={t("sim.language")}
                value={chosenLanguage}
                disabled={flow.languages.length < 2}
                onChange={(e) => {
                  setChosenLanguage(e.target.value);
                  restart(e.target.value);
                }}
              >
                {flow.languages.map((lang) => (
                  <option key={lang} value={lang}>
                    {languageName(lang)}
                  </option>
                ))}
              </select>
            </label>
            <label className="switch">
              <input type="checkbox" checked={realCalls} onChange={(e) => setRealCalls(e.target.checked)} />
              {t("sim.realCalls")}
            </label>
            <button type="button" disabled={steps.length === 0} onClick={() => setNaming(true)}>
              {t("saveAsTest")}
            </button>
          </div>
          {naming && (
            <SaveTestDialog
              taken={tests?.tests.map((test) => test.name) ?? []}
              onSave={saveAsTest}
              onClose={() => setNaming(false)}
            />
          )}
          <ol className="transcript" aria-live="polite">
            {lines.map((line, i) => (
              <li key={line.id} className={line.role}>
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
          {lastBot && <MessagePreview message={lastBot} language={state?.language ?? chosenLanguage ?? "fr"} />}
        </>
      )}
    </div>
  );
}

/** `200`, or the kind of failure, for the transcript. */
function outcomeOf(result: HttpResult): string {
  return result.ok ? String(result.status) : t(`httpError.${result.error}`);
}
