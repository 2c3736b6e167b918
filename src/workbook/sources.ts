/**
 * Where figures came from, as a user reads it: the rows of an input table a
 * journal line was made from, and the journal entries a summary line sums.
 */
import type { RowScope, RowStream, SourceTrace, TableName } from "../engine/types";
import { LISTED_ROWS, viewOf } from "../engine/trace";
import { translator, type Translator } from "../i18n";

/** How long a list of rows or entries in a Source cell grows before it is cut with a count of them all. */
const LISTED_LENGTH = 400;

/** The user's sheet name for each input table, for source references. */
export type SheetNames = Partial<Record<TableName, string>>;

/**
 * "5-7, 12": sorted whole numbers as runs, compact. A list longer than
 * `maxLength` characters is cut with a count of all of them in `unit`.
 */
export function compactRanges(numbers: ArrayLike<number> | RowStream, maxLength: number, unit: string, inAll = (count: number) => `… (${count} ${unit} in all)`): string {
  const stream = "next" in numbers ? numbers : streamOf(numbers);
  const parts: string[] = [];
  let length = 0;
  let first = stream.next();
  while (first >= 0) {
    // A run of consecutive numbers; the first one past it starts the next part.
    let last = first;
    let after = stream.next();
    while (after >= 0 && after === last + 1) {
      last = after;
      after = stream.next();
    }
    const part = last > first ? `${first}-${last}` : `${first}`;
    if (length + part.length > maxLength) {
      parts.push(inAll(stream.count));
      break;
    }
    parts.push(part);
    length += part.length + 2;
    first = after;
  }
  return parts.join(", ");
}

/** A list as a stream, read in order. */
function streamOf(numbers: ArrayLike<number>): RowStream {
  let i = 0;
  return { count: numbers.length, next: () => (i < numbers.length ? numbers[i++] : -1) };
}

/** The words of a source reference in one language, looked up once for a whole sheet of them. */
export interface SourceWords {
  row: string;
  rows: string;
  inAll: (count: number) => string;
  /** Rows said by what finds them all (a day, an item, the goods that used a material), with their count. */
  scoped: (count: number | undefined, scope: RowScope) => string;
  /** "Journal entries 3-9, 12": the entries a period-end line closes, compact, cut at `maxLength` with their count. */
  entries: (entries: readonly number[], maxLength: number) => string;
  /** "… (1,500 entries in all)": what ends a list of entries cut short, its count grouped as the language groups figures. */
  entriesInAll: (count: number) => string;
}
export function sourceWords(t: Translator): SourceWords {
  const entriesInAll = (count: number) => t.t("sheet.source.entriesInAll", { count: t.num(String(count)) });
  return {
    row: t.t("sheet.source.row"),
    rows: t.t("sheet.source.rows"),
    // Counts grouped as the language groups figures (1,500; 1 500), as every other figure the sheets write.
    inAll: (count) => t.t("sheet.source.rowsInAll", { count: t.num(String(count)) }),
    scoped: (count, { date, item, usedMaterial, usedItem }) => {
      const parts = [
        date === undefined ? undefined : t.t("sheet.source.scope.date", { date }),
        // An item after a day reads "dated …, item …"; an item alone, "of item …".
        item === undefined ? undefined : t.t(date === undefined ? "sheet.source.scope.itemAlone" : "sheet.source.scope.item", { item }),
        usedMaterial === undefined ? undefined : t.t("sheet.source.scope.used", { material: usedMaterial }),
        usedItem ? t.t("sheet.source.scope.usedItem") : undefined,
      ];
      const scope = parts.filter((x) => x !== undefined).join(", ");
      return count === undefined ? t.t("sheet.source.scopedAll", { scope }) : t.t("sheet.source.scoped", { count: t.num(String(count)), scope });
    },
    entries: (entries, maxLength) => t.tn("sheet.posting.entries", entries.length, { list: compactRanges(entries, maxLength, "entries", entriesInAll) }),
    entriesInAll,
  };
}
const ENGLISH_WORDS = sourceWords(translator("en"));

/**
 * formatSources for many lines at once: lines that share one list of traces
 * (every material line of a day's backflush points at all the day's rows)
 * get its text made once, not once per line over tens of thousands of rows.
 */
export function sourceFormatter(sheets: SheetNames, words: SourceWords = ENGLISH_WORDS): (sources: readonly SourceTrace[], closes?: readonly number[]) => string {
  // Kept with the engine's own lists, which never change, for every formatter with the same sheet names and words:
  // the Journal sheet, the CSV and the SIE file of one run each read every line's sources.
  const key = JSON.stringify([sheets, words.row, words.rows, words.inAll(0)]);
  return (sources, closes) => {
    // A period-end line's rows and the entries it closes (a few lines a run): made each time.
    if (closes !== undefined && closes.length > 0) return [formatSources(sources, sheets, undefined, words), words.entries(closes, LISTED_LENGTH)].filter((x) => x !== "").join("; ");
    // Lines whose one trace says what others of its key say (a day's material lines) share one text.
    const owner = sources.length === 1 && sources[0].shareKey !== undefined ? sources[0].shareKey : sources;
    const made = MADE.get(owner);
    if (made?.key === key) return made.text;
    const text = formatSources(sources, sheets, undefined, words);
    MADE.set(owner, { key, text });
    return text;
  };
}
const MADE = new WeakMap<object, { key: string; text: string }>();

/** "Production rows 5-7, 12": the rows a line came from, compact. Long lists are cut with a count. */
export function formatSources(sources: readonly SourceTrace[], sheets: SheetNames, maxLength = LISTED_LENGTH, words: SourceWords = ENGLISH_WORDS): string {
  const parts: string[] = [];
  for (const s of sources) {
    const table = sheets[s.table] ?? s.table;
    // A long list that one filter of the table finds all of is said as that filter: complete, and what an auditor filters by.
    if (s.scope?.usedItem || s.scope?.usedMaterial !== undefined) {
      parts.push(`${table}: ${words.scoped(undefined, s.scope)}`);
      continue;
    }
    const view = s.rowStream ? undefined : viewOf(s);
    const count = s.rowCount ?? view?.length ?? s.rowStream!().count;
    if (s.scope && count > LISTED_ROWS) {
      parts.push(`${table}: ${words.scoped(count, s.scope)}`);
      continue;
    }
    const rows = view ? streamOf(view) : s.rowStream!();
    if (rows.count > 0) parts.push(`${table} ${rows.count === 1 ? words.row : words.rows} ${compactRanges(rows, maxLength, words.rows, words.inAll)}`);
  }
  return parts.join("; ");
}

/** A text followed by the input rows it came from, in brackets, as the Run Log and the pane say a warning. */
export function withSources(text: string, sources: readonly SourceTrace[] | undefined, sheets: SheetNames, words: SourceWords): string {
  return sources?.length ? `${text} (${formatSources(sources, sheets, undefined, words)})` : text;
}
