/**
 * The add-in's main job, the same in Excel, in the browser and on the command
 * line: read the input tables through a port, validate them, run the engine,
 * and write the generated sheets back — or, when anything is wrong, report
 * every problem against its cell and write nothing.
 */
import { reviewStandards, type StandardsReview } from "../engine/review";
import type { Language, Translator } from "../i18n";
import { translator } from "../i18n";
import { problemsShown } from "./problems-shown";
import { problemText } from "../i18n/problems";
import { applyPreviousClosing, type PreviousClosing } from "./opening";
import type { BackflushResult, GroupedPeriodInput, RunWording, Settings, TableName } from "../engine/types";
import { isBlank } from "./cells";
import type { CellProblem, RawTable, ReadResult } from "./parse";
import { readInput } from "./parse";
import { checkInput } from "./check";
import type { SheetInfo, WorkbookPort } from "./port";
import type { RunContext, SheetModel, SheetNames } from "./render";
import type { GeneratedKind } from "./render";
import { ALL_GENERATED_KINDS, GENERATED_KINDS, markerText, renderSheets, type InputRead } from "./render";
import { SHEET_NAME_MAX, generatedSheetName, isGeneratedSheetName } from "./names";
import type { LedgerSettings } from "./schema";
import { TABLES, TABLE_ORDER, accountsIn, normalizeName, tableNames } from "./schema";

export const BACKFLUSH_VERSION = "0.1.0";

export interface JobOptions {
  /** Choices made in the task pane; they win over the Settings table. */
  overrides?: Partial<Settings>;
  /** Ledger choices that win over the Settings table (the command line's --summary). */
  ledger?: Partial<LedgerSettings>;
  /** Clock for the run log and marker (tests pass a fixed one). */
  now?: Date;
  /** Where to find each table, when the user picked one other than the default names. */
  tableNames?: Partial<Record<TableName, string>>;
  /** The pane's or the command line's language: the language of the generated sheets and of the engine's memos, descriptions, warnings and findings when Settings has no Language; English when absent. */
  language?: Language;
  /** A previous result's Closing sheet (opening.ts): the period opens at it. */
  opening?: PreviousClosing;
}

export type CheckOutcome =
  | { ok: true; result: BackflushResult; read: ReadResult; sheetLanguage: Language }
  | { ok: false; problems: CellProblem[] };

export type JobOutcome =
  | { ok: true; result: BackflushResult; read: ReadResult; sheets: SheetModel[]; notes: string[]; review: StandardsReview; sheetLanguage: Language }
  | { ok: false; problems: CellProblem[] };

/** The generated sheets' language: Settings Language, else the pane's or the command line's, else English. */
export function resolveSheetLanguage(read: ReadResult, options: JobOptions = {}): Language {
  return read.sheet.language ?? options.language ?? "en";
}

/** The names an input table is looked up by: the one the user picked, or its names in every language. */
export function lookupNames(name: TableName, chosen: Partial<Record<TableName, string>> = {}): string[] {
  return chosen[name] ? [chosen[name]!] : tableNames(TABLES[name]);
}

/** Finds every input table the port has. */
export async function findTables(port: WorkbookPort, chosen: Partial<Record<TableName, string>> = {}): Promise<Partial<Record<TableName, RawTable>>> {
  const found: Partial<Record<TableName, RawTable>> = {};
  for (const name of TABLE_ORDER) {
    const names = lookupNames(name, chosen);
    const raw = await port.findTable(names);
    if (raw) found[name] = raw;
  }
  return found;
}

/** Reads and validates everything (check.ts: every problem at once) and runs the engine, writing nothing (the wizard's Check step). */
export async function checkWorkbook(port: WorkbookPort, options: JobOptions = {}): Promise<CheckOutcome> {
  const tables = await findTables(port, options.tableNames);
  const read = readInput(tables, options.overrides, options.ledger);
  releaseCells(read, tables);
  const disagreements = options.opening ? applyPreviousClosing(read, options.opening, options.language ?? "en") : [];
  const sheetLanguage = resolveSheetLanguage(read, options);
  // The accounts the workbook does not name are named in the sheets' language, in the sheets and the exports alike.
  read.accounts = accountsIn(read.accounts, sheetLanguage);
  // The engine runs on read.input (check.ts): it carries the language the run writes in, the sheets' own.
  if (read.input) {
    const input: GroupedPeriodInput & RunWording = { ...read.input, language: sheetLanguage };
    read.input = input;
  }
  const checked = checkInput(read);
  if (disagreements.length > 0) return { ok: false, problems: [...disagreements, ...(checked.ok ? [] : checked.problems)] };
  return checked.ok ? { ok: true, result: checked.result, read, sheetLanguage } : { ok: false, problems: checked.problems };
}

/**
 * The whole job: check, then write the generated sheets (nothing is written
 * when there is any problem). `checked`, when given, is this port's own Check
 * with the same options, taken instead of reading and costing again (the
 * browser worker keeps the Check step's until the Run).
 */
export async function runWorkbookJob(port: WorkbookPort, options: JobOptions = {}, checked?: CheckOutcome): Promise<JobOutcome> {
  checked ??= await checkWorkbook(port, options);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const { result, read, sheetLanguage: language } = checked;
  const when = localStamp(options.now ?? new Date());
  const existing = await port.listSheets();
  const plan = planSheetNames(existing, read.ledger.posting === "summary" ? ALL_GENERATED_KINDS : GENERATED_KINDS, language, inputSheetsOf(read));
  if (options.opening) plan.notes.push(translator(language).t("closing.note", { file: options.opening.file, sheet: options.opening.sheet, end: options.opening.periodEnd }));
  const review = reviewStandards(read.input!, result);
  const sheets = renderSheets(result, { ...runContext(read, when, plan.notes), review, language });
  for (const s of sheets) s.name = plan.names[s.kind] ?? s.name;
  const page = { company: read.ledger.company, period: translator(language).t("sheet.period", { start: result.settings.periodStart, end: result.settings.periodEnd }) };
  await port.writeSheets(sheets, plan.replace, { minorUnits: result.settings.minorUnits, marker: markerText(when, language), page, language });
  return { ok: true, result, read, sheets, notes: plan.notes, review, sheetLanguage: language };
}

/** The sheets this run read its input tables from. */
export const inputSheetsOf = (read: ReadResult): string[] => TABLE_ORDER.flatMap((name) => read.layouts[name]?.raw.sheet ?? []);

export function runContext(read: ReadResult, when: string, notes: readonly string[]): RunContext {
  const sheets: SheetNames = {};
  const inputs: InputRead[] = [];
  // Two input tables on one sheet share its row numbers: a source then names the table too ("Movements (Production) row 6").
  const tablesOn = new Map<string, number>();
  for (const name of TABLE_ORDER) {
    const sheet = read.layouts[name]?.raw.sheet;
    if (sheet !== undefined) tablesOn.set(sheet, (tablesOn.get(sheet) ?? 0) + 1);
  }
  for (const name of TABLE_ORDER) {
    const layout = read.layouts[name];
    if (!layout) continue;
    const { sheet, tableName } = layout.raw;
    sheets[name] = tableName !== undefined && (tablesOn.get(sheet) ?? 0) > 1 ? `${sheet} (${tableName})` : sheet;
    inputs.push({ table: name, sheet: layout.raw.sheet, tableName: layout.raw.tableName, rows: countDataRows(layout.raw) });
  }
  return { when, accounts: read.accounts, sheets, inputs, notes, version: BACKFLUSH_VERSION, posting: read.ledger.posting };
}

/**
 * Lets go of the input's cells as soon as they are read: the engine's books
 * hold what it needs, and a problem is pointed at its cell through the table's
 * layout, not its cells. Kept on, a full sheet's 1.3 million rows were traced
 * by every collection while the engine ran and the generated sheets were made
 * and written (reading, costing and writing the full sheet took some 0.1–0.2 s
 * longer). What the run log and --json say of each input (its sheet, table and
 * number of rows) stays.
 */
export function releaseCells(read: ReadResult, tables: Partial<Record<TableName, RawTable>>): void {
  for (const name of TABLE_ORDER) {
    delete tables[name];
    const layout = read.layouts[name];
    if (layout) layout.raw = { ...layout.raw, rows: [], dataRows: countDataRows(layout.raw) };
  }
}

function countDataRows(raw: RawTable): number {
  if (raw.dataRows !== undefined) return raw.dataRows;
  let n = raw.rows.length;
  while (n > 0 && raw.rows[n - 1].every(isBlank)) n--;
  return n;
}

/**
 * Which names the generated sheets get (in the sheet language), and which old
 * generated sheets go. A sheet that carries our marker under one of our names
 * (names.ts isGeneratedSheetName) is replaced, whatever language it was
 * written in. Every other sheet is the user's and is never touched: one named
 * like ours in another language, a copy of a generated sheet kept under
 * another name ("Journal (2)"), and a sheet this run reads an input table
 * from (`inputSheets`: last period's Proposed Items whose table was renamed
 * Items), marker or not. Where a user's sheet has the name, ours takes
 * another, and the run log says so.
 */
export function planSheetNames(
  existing: readonly SheetInfo[],
  kinds: readonly GeneratedKind[] = GENERATED_KINDS,
  language: Language = "en",
  inputSheets: readonly string[] = [],
): { names: Partial<Record<SheetModel["kind"], string>>; replace: string[]; notes: string[] } {
  const read = new Set(inputSheets.map(normalizeName));
  const ours = (s: SheetInfo) => s.generated && isGeneratedSheetName(s.name) && !read.has(normalizeName(s.name));
  const userNames = new Set(existing.filter((s) => !ours(s)).map((s) => normalizeName(s.name)));
  const taken = new Set<string>(userNames);
  const notes: string[] = [];
  const names: Partial<Record<SheetModel["kind"], string>> = {};
  const t = translator(language);
  for (const kind of kinds) {
    const base = generatedSheetName(kind, language);
    // The base is cut where a suffix would take a name past Excel's 31 characters ("Föreslagna artiklar (Backflush 2)").
    const fit = (suffix: string) => `${base.slice(0, SHEET_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    let name = base;
    for (let n = 1; taken.has(normalizeName(name)); n++) name = fit(n === 1 ? " (Backflush)" : ` (Backflush ${n})`);
    if (name !== base) notes.push(t.t("sheet.renamed", { sheet: existing.find((s) => normalizeName(s.name) === normalizeName(base))?.name ?? base, kind: base.toLowerCase(), name }));
    taken.add(normalizeName(name));
    names[kind] = name;
  }
  return { names, replace: existing.filter(ours).map((s) => s.name), notes };
}

/** "2026-11-21 14:03" in the machine's local time. */
export function localStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** At most `cap` problems as lines, in the translator's language (English when none is given), then a count of the rest. */
export function problemLines(problems: readonly CellProblem[], cap = 100, tr: Translator = translator("en")): string[] {
  const lines = problemsShown(problems, cap).map((p) => `${p.address}: ${problemText(tr, p.key, p.params)}`);
  if (problems.length > cap) lines.push(tr.t("cli.problems.more", { more: tr.num(String(problems.length - cap)), count: tr.num(String(problems.length)) }));
  return lines;
}
