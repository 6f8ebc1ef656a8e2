import { useEffect, useState } from "react";
import {
  type Classification,
  compileFlow,
  engineDeps,
  entitiesIn,
  intentCandidates,
} from "../../../runtime/engine/index.js";
import { guessLanguage } from "../../../runtime/nlu/index.js";
import { DEFAULT_CONFIDENCE_FLOOR, type Flow, type IntentNode } from "../../../schema/index.js";
import { failureText } from "../api.js";
import { languageName, t, language as uiLanguage } from "../i18n.js";
import { simulatorModels } from "../simulator/intent-models.js";
import { entityWords, valueWords } from "../simulator/understood-words.js";

/** How long after the last keystroke the phrase is classified. */
const TRY_DELAY_MS = 250;

type Found = ReturnType<typeof entitiesIn>;

type Outcome =
  | { state: "training" }
  | { state: "done"; ranked: Classification[]; language: string; detected: boolean; found: Found }
  | { state: "failed"; message: string };

const percent = (value: number) => new Intl.NumberFormat(uiLanguage, { style: "percent" }).format(value);

/**
 * Types a phrase as a customer would and shows which intent wins, how sure, and the runner-up: the
 * nlp.js model the runtime trains from the same examples, trained here in the browser (again only
 * when the examples change).
 */
export function TryPhrase({ node, flow, others }: { node: IntentNode; flow: Flow; others: ReadonlyMap<string, Flow> }) {
  const [text, setText] = useState("");
  const [chosen, setChosen] = useState("");
  const [outcome, setOutcome] = useState<Outcome>();

  useEffect(() => {
    if (!text.trim()) {
      setOutcome(undefined);
      return;
    }
    let stale = false;
    const timer = setTimeout(async () => {
      const guess = chosen ? undefined : guessLanguage(text, flow.languages);
      const language = chosen || guess?.language || flow.languages[0] || "fr";
      try {
        if ((await simulatorModels.load(flow)) > 0 && !stale) setOutcome({ state: "training" });
        await simulatorModels.prepare(flow);
        const ranked = await simulatorModels.classify(text, intentCandidates(node, language), language);
        const found = valuesIn(flow, others, text, language);
        if (!stale) setOutcome({ state: "done", ranked, language, detected: guess !== undefined, found });
      } catch (error) {
        if (!stale) setOutcome({ state: "failed", message: failureText(error) });
      }
    }, TRY_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text, chosen, node, flow, others]);

  return (
    <div className="field try-phrase" data-own-undo>
      <span className="field-label">{t("tryPhrase.title")}</span>
      <input
        aria-label={t("tryPhrase.title")}
        placeholder={t("tryPhrase.placeholder")}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {flow.languages.length > 1 && (
        <label>
          {t("tryPhrase.language")}
          <select aria-label={t("tryPhrase.language")} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t("tryPhrase.languageAuto")}</option>
            {flow.languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </label>
      )}
      {outcome?.state === "training" && <p className="help">{t("tryPhrase.training")}</p>}
      {outcome?.state === "failed" && (
        <p className="error" role="alert">
          {outcome.message}
        </p>
      )}
      {outcome?.state === "done" && <Ranking node={node} {...outcome} />}
    </div>
  );
}

/** The values the phrase gives to the questions of the flow and of the flows it jumps to. */
function valuesIn(flow: Flow, others: ReadonlyMap<string, Flow>, text: string, language: string): Found {
  const flows = new Map([...others].map(([id, other]) => [id, compileFlow(other)]));
  const compiled = compileFlow(flow);
  flows.set(flow.id, compiled);
  const deps = engineDeps({ flows, secrets: {}, now: () => new Date(), newId: () => "try" });
  return entitiesIn(compiled, text, language, deps);
}

function Ranking({
  node,
  ranked,
  language,
  detected,
  found,
}: {
  node: IntentNode;
  ranked: Classification[];
  language: string;
  detected: boolean;
  found: Found;
}) {
  const known = new Set(node.intents.map((intent) => intent.id));
  const intents = ranked.filter((entry) => known.has(entry.intent)).sort((a, b) => b.confidence - a.confidence);
  const [winner, runnerUp] = intents;
  const floor = node.confidenceFloor ?? DEFAULT_CONFIDENCE_FLOOR;
  const outOfScope = ranked[0] && !known.has(ranked[0].intent) ? ranked[0] : undefined;
  const words = (entry: Classification) => ({ intent: entry.intent, confidence: percent(entry.confidence) });
  const wins = winner !== undefined && !outOfScope && winner.confidence >= floor;
  return (
    <ul className="try-phrase-result" role="status">
      <li className="language">
        {t(detected ? "tryPhrase.languageDetected" : "tryPhrase.languageUsed", { language: languageName(language) })}
      </li>
      {winner && (
        <li className={wins ? "winner" : "nearest"} data-intent={winner.intent}>
          {t(wins ? "tryPhrase.winner" : "tryPhrase.nearest", words(winner))}
        </li>
      )}
      {runnerUp && (
        <li className="runner-up" data-intent={runnerUp.intent}>
          {t("tryPhrase.runnerUp", words(runnerUp))}
        </li>
      )}
      {found.length > 0 && (
        <li className="found">
          {t("tryPhrase.found", {
            values: found
              .map((entity) => `${t(entityWords[entity.kind])} ${valueWords(entity.value, entity.kind)}`)
              .join(", "),
          })}
        </li>
      )}
      {outOfScope && (
        <li className="verdict">{t("tryPhrase.outOfScope", { confidence: percent(outOfScope.confidence) })}</li>
      )}
      {!outOfScope && !wins && <li className="verdict">{t("tryPhrase.belowFloor", { floor: percent(floor) })}</li>}
    </ul>
  );
}
