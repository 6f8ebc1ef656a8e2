import { useState } from "react";
import type { ConversationTestFile, Flow } from "../../../schema/index.js";
import { failureText } from "../api.js";
import { t } from "../i18n.js";
import { differenceText } from "./difference-words.js";
import { runFlowTests, type TestRun } from "./test-run.js";

/** Runs every conversation test of the flow in the browser and says which pass and what no test visits. */
export function TestsRun({
  flow,
  others,
  tests,
  onUntested,
}: {
  flow: Flow;
  others: ReadonlyMap<string, Flow>;
  tests: ConversationTestFile | null;
  onUntested: (ids: string[] | undefined) => void;
}) {
  const [run, setRun] = useState<TestRun>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  if (!tests?.tests.length) return <p className="help">{t("sim.noTests")}</p>;
  const start = async () => {
    setBusy(true);
    setError("");
    try {
      const next = await runFlowTests(flow, others, tests);
      setRun(next);
      onUntested(next.untested);
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };
  const failed = run?.results.filter((result) => !result.passed).length ?? 0;
  return (
    <div className="tests-run">
      <button type="button" className="primary" onClick={start} disabled={busy}>
        {t("sim.runTests")}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {run && (
        <>
          <p className="tests-summary" role="status">
            {t("sim.summary", { passed: run.results.length - failed, failed })}
          </p>
          <ul className="test-results">
            {run.results.map((result) => (
              <li key={result.name} className={result.passed ? "passed" : "failed"} data-test={result.name}>
                <span className="verdict">{result.passed ? `✓ ${t("sim.passed")}` : `✗ ${t("sim.failed")}`}</span>{" "}
                <strong>{result.name}</strong>
                {result.difference && <p className="difference">{differenceText(result.difference)}</p>}
              </li>
            ))}
          </ul>
          <p className="untested">
            {run.untested.length
              ? t("sim.untested", { count: run.untested.length, ids: run.untested.join(", ") })
              : t("sim.allVisited")}
          </p>
        </>
      )}
    </div>
  );
}
