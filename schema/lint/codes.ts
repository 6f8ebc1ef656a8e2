/**
 * Every code the linter reports (as `lint/<code>`). Rules can only report a code listed here, so an
 * interface that says each code in words can check it misses none.
 */
export const LINT_CODES = [
  "duplicate-id",
  "missing-start",
  "multiple-start",
  "missing-target",
  "missing-transition",
  "no-path-after-max-attempts",
  "duplicate-handle",
  "unreachable-node",
  "expression-syntax",
  "variable-read-before-set",
  "undeclared-variable",
  "unknown-secret",
  "secrets-outside-http",
  "invalid-pattern",
  "pattern-nested-repetition",
  "reserved-secret",
  "jump-missing-flow",
  "jump-to-self",
  "missing-translation",
  "whatsapp-buttons",
  "whatsapp-button-body",
  "messenger-labels",
  "sms-segments",
  "sms-media",
  "media-format",
  "media-caption",
  "duplicate-escalation-rule",
  "unknown-queue",
  "few-intent-examples",
  "shared-intent-example",
] as const;

export type LintCode = (typeof LINT_CODES)[number];
