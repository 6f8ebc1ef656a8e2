export { advance, MAX_STEPS } from "./advance.js";
export { type Amount, CURRENCIES, DEFAULT_CURRENCY, findAmounts, isCurrencyCode } from "./amounts.js";
export { parseNumber } from "./answers.js";
export { overlapClassifier } from "./classifier.js";
export { compileFlow } from "./compile.js";
export { type EngineHost, engineDeps } from "./deps.js";
export { DEFAULT_ESCALATION_TEXT } from "./escalation.js";
export { expectedAnswer } from "./expected-answer.js";
export {
  EXPRESSION_MAX_DEPTH,
  EXPRESSION_MAX_SEQUENCE,
  EXPRESSION_STEP_BUDGET,
  type ExpressionCache,
} from "./expressions.js";
export { intentCandidates } from "./intent-candidates.js";
export { DEFAULT_LIMITS, type EngineLimits } from "./limits.js";
export { MAX_EFFECTS_PER_INPUT } from "./nodes/http.js";
export { reasonFormula } from "./reason-formula.js";
export { lexiconSentiment } from "./sentiment.js";
export { type Settled, settle } from "./settle.js";
export { entitiesIn } from "./slots.js";
export { localize } from "./text.js";
export type * from "./types.js";
export { getPath } from "./variables.js";
