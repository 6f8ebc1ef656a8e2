/** One labelled phrase of an evaluation set. */
export interface LabelledPhrase {
  text: string;
  intent: string;
  lang: string;
  /** 1-based line in the file, for error messages. */
  line: number;
}

const HEADER = ["text", "intent", "lang"];

/**
 * Reads an evaluation file: CSV with the header `text,intent,lang`, fields in double quotes when
 * they hold a comma or a quote (doubled). Any malformed line is an error naming the file and line.
 */
export function parseLabelledCsv(source: string, file: string): LabelledPhrase[] {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? "", file, 1).map((field) => field.trim());
  if (header.join(",") !== HEADER.join(",")) {
    throw new Error(`${file}:1: the header must be \`${HEADER.join(",")}\`, found \`${lines[0] ?? ""}\`.`);
  }
  const phrases: LabelledPhrase[] = [];
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (raw.trim() === "") return;
    const fields = splitCsvLine(raw, file, line);
    if (fields.length !== 3)
      throw new Error(`${file}:${line}: expected 3 fields (text,intent,lang), found ${fields.length}.`);
    const [text, intent, lang] = fields.map((field) => field.trim()) as [string, string, string];
    if (text === "") throw new Error(`${file}:${line}: the text is empty.`);
    if (!/^[a-z][a-z0-9_]*$/.test(intent)) throw new Error(`${file}:${line}: \`${intent}\` is not an intent id.`);
    if (!/^[a-z]{2}(?:-[A-Z]{2})?$/.test(lang)) throw new Error(`${file}:${line}: \`${lang}\` is not a language code.`);
    phrases.push({ text, intent, lang, line });
  });
  return phrases;
}

function splitCsvLine(line: string, file: string, lineNumber: number): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (char === ",") {
      fields.push(field);
      field = "";
    } else field += char;
  }
  if (quoted) throw new Error(`${file}:${lineNumber}: a quoted field is not closed.`);
  fields.push(field);
  return fields;
}
