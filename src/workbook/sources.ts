/**
 * Where figures came from, as a user reads it: the rows of an input table a
 * journal line was made from, and the journal entries a summary line sums.
 */
import type { SourceTrace, TableName } from "../engine/types";
import { translator, type Translator } from "../i18n";

/** The user's sheet name for each input table, for source references. */
export type SheetNames = Partial<Record<TableName, string>>;

/**
 * "5-7, 12": sorted whole numbers as runs, compact. A list longer than
 * `maxLength` characters is cut with a count of all of them in `unit`.
 */
export function compactRanges(numbers: ArrayLike<number>, maxLength: number, unit: string, inAll = (count: number) => `… (${count} ${unit} in all)`): string {
  const parts: string[] = [];
  let length = 0;
  let i = 0;
  while (i < numbers.length) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    const part = j > i ? `${numbers[i]}-${numbers[j]}` : `${numbers[i]}`;
    if (length + part.length > maxLength) {
      parts.push(inAll(numbers.length));
      break;
    }
    parts.push(part);
    length += part.length + 2;
    i = j + 1;
  }
  return parts.join(", ");
}

/** The words of a source reference in one language, looked up once for a whole sheet of them. */
export interface SourceWords {
  row: string;
  rows: string;
  inAll: (count: number) => string;
}
export function sourceWords(t: Translator): SourceWords {
  return { row: t.t("sheet.source.row"), rows: t.t("sheet.source.rows"), inAll: (count) => t.t("sheet.source.rowsInAll", { count }) };
}
const ENGLISH_WORDS = sourceWords(translator("en"));

/**
 * formatSources for many lines at once: lines that share one list of traces
 * (every material line of a day's backflush points at all the day's rows)
 * get its text made once, not once per line over tens of thousands of rows.
 */
export function sourceFormatter(sheets: SheetNames, words: SourceWords = ENGLISH_WORDS): (sources: readonly SourceTrace[]) => string {
  // Kept with the engine's own lists, which never change, for every formatter with the same sheet names and words:
  // the Journal sheet, the CSV and the SIE file of one run each read every line's sources.
  const key = JSON.stringify([sheets, words.row, words.rows, words.inAll(0)]);
  return (sources) => {
    const made = MADE.get(sources);
    if (made?.key === key) return made.text;
    const text = formatSources(sources, sheets, undefined, words);
    MADE.set(sources, { key, text });
    return text;
  };
}
const MADE = new WeakMap<readonly SourceTrace[], { key: string; text: string }>();

/** "Production rows 5-7, 12": the rows a line came from, compact. Long lists are cut with a count. */
export function formatSources(sources: readonly SourceTrace[], sheets: SheetNames, maxLength = 400, words: SourceWords = ENGLISH_WORDS): string {
  const parts: string[] = [];
  for (const s of sources) {
    const rows = s.rowView ? s.rowView() : s.rows;
    if (rows.length > 0) parts.push(`${sheets[s.table] ?? s.table} ${rows.length === 1 ? words.row : words.rows} ${compactRanges(rows, maxLength, words.rows, words.inAll)}`);
  }
  return parts.join("; ");
}
