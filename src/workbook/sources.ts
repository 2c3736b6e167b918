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
export function compactRanges(numbers: readonly number[], maxLength: number, unit: string, inAll = (count: number) => `… (${count} ${unit} in all)`): string {
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

/** "Production rows 5-7, 12": the rows a line came from, compact. Long lists are cut with a count. */
export function formatSources(sources: readonly SourceTrace[], sheets: SheetNames, maxLength = 400, words: SourceWords = ENGLISH_WORDS): string {
  return sources
    .filter((s) => s.rows.length > 0)
    .map((s) => `${sheets[s.table] ?? s.table} ${s.rows.length === 1 ? words.row : words.rows} ${compactRanges(s.rows, maxLength, words.rows, words.inAll)}`)
    .join("; ");
}
