/** Reading what customers type into typed values, forgiving about how they write them. */

/**
 * A number written the French or the English way: `12,5`, `1 250,50`, `1.250,50`, `1,250.50`, `-3`.
 * With both separators the last one is the decimal one; a lone comma is decimal (French first).
 */
export function parseNumber(answer: string): number | undefined {
  let text = answer.trim().replace(/[\s\u00a0\u202f']/g, "");
  const comma = text.lastIndexOf(",");
  const dot = text.lastIndexOf(".");
  if (comma >= 0 && dot >= 0) {
    text = comma > dot ? text.replace(/\./g, "").replace(",", ".") : text.replace(/,/g, "");
  } else if (comma >= 0) {
    text = text.replace(",", ".");
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** An email address, trimmed, with its domain lowercased (the part before `@` is kept as typed). */
export function parseEmail(answer: string): string | undefined {
  const match = /^([^\s@]+)@([^\s@]+\.[^\s@.]{2,})$/.exec(answer.trim());
  if (!match?.[1] || !match[2] || match[2].includes("..") || match[2].startsWith(".")) return undefined;
  return `${match[1]}@${match[2].toLowerCase()}`;
}

/** A real calendar date written `31/12/2026`, `1/2/2026`, `31.12.2026`, `31-12-2026` or `2026-12-31`, as `YYYY-MM-DD`. */
export function parseDate(answer: string): string | undefined {
  const text = answer.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : undefined;
  if (!parts) return undefined;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Length in characters as people count them (an emoji is one). */
export const characterCount = (text: string) => [...text].length;
