/** Picks the text for a language: the language itself, its base (`fr` for `fr-CA`), French, then anything. */
export function localize(text: string | Record<string, string>, language: string): string {
  if (typeof text === "string") return text;
  return text[language] ?? text[language.slice(0, 2)] ?? text.fr ?? Object.values(text)[0] ?? "";
}
