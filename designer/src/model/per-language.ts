/** A text with one version per language, as a form edits it (an intent's label, a rule's, a node's text). */
type PerLanguage = Readonly<Record<string, string>>;

/** The languages a per-language text is edited in: the flow's, then any other the text holds. */
export const editedLanguages = (languages: readonly string[], text: PerLanguage): string[] => [
  ...new Set([...languages, ...Object.keys(text)]),
];

/** The text with `lang`'s version set to `value`, or dropped when emptied; undefined once no version is left. */
export function withLanguage(
  text: PerLanguage,
  lang: string,
  value: string | undefined,
): Record<string, string> | undefined {
  const next = { ...text };
  if (value) next[lang] = value;
  else delete next[lang];
  return Object.keys(next).length ? next : undefined;
}
