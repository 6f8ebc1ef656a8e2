/** Characters as a person counts them (code points), which is how Meta counts its limits. */
export const length = (text: string) => [...text].length;

/** The text cut to at most `max` characters, ending with "…" when it had to be cut. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`;
}

/**
 * The text in pieces of at most `max` measured units, cut after a paragraph, a sentence or a
 * word where one is near the end, so no word (and so no link) is split unless it alone is too long.
 */
export function splitText(text: string, max: number, measure: (text: string) => number = length): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (measure(rest) > max) {
    const chars = [...rest];
    let fit = 0;
    let size = 0;
    while (fit < chars.length && size + measure(chars[fit] as string) <= max) {
      size += measure(chars[fit] as string);
      fit++;
    }
    const head = chars.slice(0, fit).join("");
    const cut = bestCut(head, chars[fit] === " " || chars[fit] === "\n");
    pieces.push(head.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}

/**
 * Where to end a piece: after the last paragraph or sentence in its second half, else after its
 * last space, so a word is cut only when it alone is longer than a piece.
 */
function bestCut(head: string, endsAtSpace: boolean): number {
  if (endsAtSpace) return head.length;
  const lastEnd = (pattern: RegExp) => {
    let last = -1;
    for (const match of head.matchAll(pattern)) last = match.index + match[0].length;
    return last;
  };
  for (const pattern of [/\n\s*\n/g, /[.!?…]\s/g]) {
    const at = lastEnd(pattern);
    if (at > head.length / 2) return at;
  }
  const space = lastEnd(/\s/g);
  return space > 0 ? space : head.length;
}

/** Choices as numbered lines, for channels (or counts) with no buttons: the customer answers `2`. */
export function numberedChoices(text: string, choices: readonly { label: string }[]): string {
  const lines = choices.map((choice, index) => `${index + 1}. ${choice.label}`);
  return [text, ...lines].filter((line) => line !== "").join("\n");
}
