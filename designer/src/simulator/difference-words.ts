import type { Difference } from "../../../runtime/testing/index.js";
import { language, t, type WordKey } from "../i18n.js";

const statusWords: Record<string, WordKey> = {
  wait: "status.wait",
  handoff: "status.handoff",
  end: "status.end",
  effect: "status.effect",
};
const statusText = (status: string) => t(statusWords[status] ?? "status.other");
const quoted = (text: string) => (language === "fr" ? `« ${text} »` : `“${text}”`);
const shown = (value: unknown) => (value === undefined ? t("diff.unset") : JSON.stringify(value));

/** The first difference of a failed conversation test, in the reader's language. */
export function differenceText(difference: Difference): string {
  const what = ((): string => {
    switch (difference.kind) {
      case "botSaid":
        return t("diff.botSaid", {
          expected: difference.expected,
          said: difference.said.length ? difference.said.map(quoted).join(", ") : t("diff.nothing"),
        });
      case "cannotAnswer":
        return t("diff.cannotAnswer", { status: statusText(difference.status) });
      case "variable":
        return t("diff.variable", {
          path: difference.path,
          actual: shown(difference.actual),
          expected: shown(difference.expected),
        });
      case "notHandedOff":
        return t("diff.notHandedOff", { status: statusText(difference.status) });
      case "handoff":
        return t("diff.handoff", {
          field: t(`diff.field.${difference.field}`),
          actual: difference.actual,
          expected: difference.expected,
        });
      case "notEnded":
        return t("diff.notEnded", { status: statusText(difference.status) });
      case "noFixture":
        return t("diff.noFixture", { node: difference.nodeId, request: `${difference.method} ${difference.url}` });
      case "engineError":
        return t("diff.engineError", { node: difference.nodeId, message: difference.message });
      case "unknownFlow":
        return t("diff.unknownFlow", { flow: difference.flow });
    }
  })();
  return difference.step === undefined ? what : t("sim.atStep", { step: difference.step, what });
}
