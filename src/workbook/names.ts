/**
 * Sheet and table names: the rules Excel enforces, checked by both adapters
 * before anything is written so that a refused name never leaves half a run
 * behind, and the names our generated tables take.
 */
import { LANGUAGES, translator, type Language, type MessageKey } from "../i18n";
import type { GeneratedKind } from "./render";

/** A write the adapter refuses before touching the workbook (a name taken, a sheet that is not ours). */
export class WorkbookWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookWriteError";
  }
}

/** Excel compares sheet and table names without regard to case. */
export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export const SHEET_NAME_MAX = 31;
export const TABLE_NAME_MAX = 255;

/** Why Excel would refuse `name` as a sheet name, or undefined when it is fine. */
export function sheetNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "a sheet name cannot be empty";
  if (name.length > SHEET_NAME_MAX) return `sheet name "${name}" is longer than ${SHEET_NAME_MAX} characters`;
  if (/[*?:/\\[\]]/.test(name)) return `sheet name "${name}" holds one of * ? : / \\ [ ]`;
  if (name.startsWith("'") || name.endsWith("'")) return `sheet name "${name}" starts or ends with an apostrophe`;
  if (sameName(name, "History")) return `"History" is a name Excel keeps for itself`;
  return undefined;
}

/** Why Excel would refuse `name` as a table name, or undefined when it is fine. */
export function tableNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return `table name "${name}" must start with a letter and hold only letters, digits, _ and .`;
  // Excel refuses names that read as cell references: A1, XFD100, R1C1, R, C.
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name)) return `table name "${name}" looks like a cell reference`;
  if (name.length > TABLE_NAME_MAX) return `table name "${name}" is longer than ${TABLE_NAME_MAX} characters`;
  return undefined;
}

/** Refuses names Excel would refuse, names given twice, and names of sheets that stay. */
export function checkNewSheetNames(names: readonly string[], staying: readonly string[]): void {
  const seen: string[] = [];
  for (const name of names) {
    const problem = sheetNameProblem(name);
    if (problem) throw new WorkbookWriteError(problem);
    if (staying.some((s) => sameName(s, name))) throw new WorkbookWriteError(`The workbook already has a sheet named "${name}"`);
    if (seen.some((s) => sameName(s, name))) throw new WorkbookWriteError(`Sheet name "${name}" is given twice`);
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

/**
 * Whether a new sheet takes a replaced one's place in the tab order: it has
 * the old one's name, or the old one is its kind's sheet named in one of our
 * languages (a run in English after one in Swedish puts Journal where
 * Verifikationer was; Körlogg takes the place of "Run Log (Backflush)").
 */
export function succeeds(added: { name: string; kind?: GeneratedKind }, replaced: string): boolean {
  if (sameName(added.name, replaced)) return true;
  const kind = added.kind;
  // The old one may have been named apart from a user's sheet: "Run Log (Backflush)".
  const base = replaced.replace(/ \(Backflush(?: \d+)?\)$/, "");
  return kind !== undefined && LANGUAGES.some(({ code }) => sameName(generatedSheetName(kind, code), base));
}
