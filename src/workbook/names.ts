/**
 * Sheet and table names: the rules Excel enforces, checked by both adapters
 * before anything is written so that a refused name never leaves half a run
 * behind, and the names our generated tables take.
 */
import { LANGUAGES, translator, type Language, type MessageKey, type Translator } from "../i18n";
import type { GeneratedKind } from "./render";

/** Why a write is refused: a catalog text (src/i18n, `write.*`) and its values. */
export interface WriteProblem {
  key: Extract<MessageKey, `write.${string}`>;
  params: Readonly<Record<string, string | number>>;
}

/** A refused write in the translator's language. */
export function writeWords(tr: Translator, problem: WriteProblem): string {
  // Each key takes the values it names; fill leaves none out.
  return (tr.t as (key: MessageKey, params: Readonly<Record<string, string | number>>) => string)(problem.key, problem.params);
}

const english = translator("en");

/** A write the adapter refuses before touching the workbook (a name taken, a sheet that is not ours); `message` is English, `problem` says it in any language. */
export class WorkbookWriteError extends Error {
  constructor(readonly problem: WriteProblem) {
    super(writeWords(english, problem));
    this.name = "WorkbookWriteError";
  }
}

/** Excel compares sheet and table names without regard to case. */
export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export const SHEET_NAME_MAX = 31;
export const TABLE_NAME_MAX = 255;

/** Why Excel would refuse `name` as a sheet name, or undefined when it is fine. */
export function sheetNameProblem(name: string): WriteProblem | undefined {
  if (name.trim() === "") return { key: "write.sheetEmpty", params: {} };
  if (name.length > SHEET_NAME_MAX) return { key: "write.sheetTooLong", params: { name, max: SHEET_NAME_MAX } };
  if (/[*?:/\\[\]]/.test(name)) return { key: "write.sheetChars", params: { name } };
  if (name.startsWith("'") || name.endsWith("'")) return { key: "write.sheetApostrophe", params: { name } };
  if (sameName(name, "History")) return { key: "write.sheetReserved", params: { name } };
  return undefined;
}

/** Why Excel would refuse `name` as a table name, or undefined when it is fine. */
export function tableNameProblem(name: string): WriteProblem | undefined {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return { key: "write.tableChars", params: { name } };
  // Excel refuses names that read as cell references: A1, XFD100, R1C1, R, C.
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name)) return { key: "write.tableLikeCell", params: { name } };
  if (name.length > TABLE_NAME_MAX) return { key: "write.tableTooLong", params: { name, max: TABLE_NAME_MAX } };
  return undefined;
}

/** Refuses names Excel would refuse, names given twice, and names of sheets that stay. */
export function checkNewSheetNames(names: readonly string[], staying: readonly string[]): void {
  const seen: string[] = [];
  for (const name of names) {
    const problem = sheetNameProblem(name);
    if (problem) throw new WorkbookWriteError(problem);
    if (staying.some((s) => sameName(s, name))) throw new WorkbookWriteError({ key: "write.sheetTaken", params: { name } });
    if (seen.some((s) => sameName(s, name))) throw new WorkbookWriteError({ key: "write.sheetTwice", params: { name } });
    seen.push(name);
  }
}

/**
 * Hands out names not yet taken (compared as Excel does), remembering each it
 * gives so that two calls never return the same one, and none longer than
 * Excel takes (`maxLength`: 255 for tables, 31 for sheets).
 */
export class NamePool {
  private readonly taken: Set<string>;

  constructor(
    taken: Iterable<string>,
    private readonly maxLength = TABLE_NAME_MAX,
  ) {
    this.taken = new Set([...taken].map((n) => n.toLowerCase()));
  }

  has(name: string): boolean {
    return this.taken.has(name.toLowerCase());
  }

  /** `base` itself, else `${base}${separator}2`, 3, … — the first free one; a base too long for its number is cut to make room. */
  claim(base: string, separator = "_"): string {
    const fit = (suffix: string) => base.slice(0, this.maxLength - suffix.length) + suffix;
    let name = fit("");
    for (let n = 2; this.has(name); n++) name = fit(`${separator}${n}`);
    this.taken.add(name.toLowerCase());
    return name;
  }
}

/** The table name of a generated sheet's table ("Run Log" → "Backflush_RunLog"), before any clash. */
export function generatedTableBase(kind: GeneratedKind): string {
  return `Backflush_${kind.replace(/\s+/g, "")}`;
}

const SHEET_NAME_KEYS: Readonly<Record<GeneratedKind, Extract<MessageKey, `sheet.name.${string}`>>> = {
  Journal: "sheet.name.journal",
  Consumption: "sheet.name.consumption",
  Variances: "sheet.name.variances",
  Balances: "sheet.name.balances",
  Posting: "sheet.name.posting",
  "Run Log": "sheet.name.runLog",
  "Standards Review": "sheet.name.standardsReview",
  "Proposed Items": "sheet.name.proposedItems",
  Closing: "sheet.name.closing",
};

/** A generated sheet's name in a language ("Run Log", "Körlogg", "Log Larian"), before any clash with a user's sheet. */
export function generatedSheetName(kind: GeneratedKind, language: Language = "en"): string {
  return translator(language).t(SHEET_NAME_KEYS[kind]);
}

/** What a generated sheet's name takes beside a user's sheet of that name: " (Backflush)", " (Backflush 2)", … (job.ts planSheetNames). */
const APART = / \(Backflush(?: \d+)?\)$/;

const KINDS = Object.keys(SHEET_NAME_KEYS) as GeneratedKind[];

const GENERATED_TABLE = new RegExp(`^(?:${KINDS.map(generatedTableBase).join("|")})(?:_\\d+)?$`, "i");

/** Whether a table's name is one a run gives its generated sheet's table (Backflush_Journal, Backflush_Journal_2): a result, not an input. */
export function isGeneratedTableName(name: string): boolean {
  return GENERATED_TABLE.test(name);
}

/**
 * Whether `name` is one a run gives its sheet of `kind` (of any kind when none
 * is given), in any of our languages: the kind's name, or that name set apart
 * from a user's sheet ("Run Log (Backflush 2)", its base cut to stay within 31
 * characters). A copy of a generated sheet that Excel names "Journal (2)", or
 * one renamed "Journal Nov", is not: it carries our marker, but it is the user's.
 */
export function isGeneratedSheetName(name: string, kind?: GeneratedKind): boolean {
  const suffix = APART.exec(name)?.[0] ?? "";
  const base = name.slice(0, name.length - suffix.length);
  return (kind === undefined ? KINDS : [kind]).some((k) =>
    LANGUAGES.some(({ code }) => {
      const ours = generatedSheetName(k, code);
      return sameName(ours, base) || (suffix !== "" && sameName(ours.slice(0, SHEET_NAME_MAX - suffix.length).trimEnd(), base));
    }),
  );
}

/**
 * Whether a new sheet takes a replaced one's place in the tab order: it has
 * the old one's name, or the old one is its kind's sheet named in one of our
 * languages (a run in English after one in Swedish puts Journal where
 * Verifikationer was; Körlogg takes the place of "Run Log (Backflush)").
 */
export function succeeds(added: { name: string; kind?: GeneratedKind }, replaced: string): boolean {
  return sameName(added.name, replaced) || (added.kind !== undefined && isGeneratedSheetName(replaced, added.kind));
}
