/**
 * The add-in's main job, the same in Excel, in the browser and on the command
 * line: read the input tables through a port, validate them, run the engine,
 * and write the generated sheets back — or, when anything is wrong, report
 * every problem against its cell and write nothing.
 */
import { reviewStandards, type StandardsReview } from "../engine/review";
import { translator, type Language } from "../i18n";
import { applyPreviousClosing, type PreviousClosing } from "./opening";
import type { BackflushResult, Settings, TableName } from "../engine/types";
import { isBlank } from "./cells";
import type { CellProblem, RawTable, ReadResult } from "./parse";
import { readInput } from "./parse";
import { checkInput } from "./check";
import type { SheetInfo, WorkbookPort } from "./port";
import type { RunContext, SheetModel, SheetNames } from "./render";
import type { GeneratedKind } from "./render";
import { ALL_GENERATED_KINDS, GENERATED_KINDS, markerText, renderSheets, type InputRead } from "./render";
import type { LedgerSettings } from "./schema";
import { TABLES, TABLE_ORDER, normalizeName, tableNames } from "./schema";

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
  /** The language of the sheets that have one (the Standards Review); English when absent. */
  language?: Language;
  /** A previous result's Closing sheet (opening.ts): the period opens at it. */
  opening?: PreviousClosing;
}

export type CheckOutcome =
  | { ok: true; result: BackflushResult; read: ReadResult; tables: Partial<Record<TableName, RawTable>> }
  | { ok: false; problems: CellProblem[]; tables: Partial<Record<TableName, RawTable>> };

export type JobOutcome =
  | { ok: true; result: BackflushResult; read: ReadResult; sheets: SheetModel[]; notes: string[]; review: StandardsReview }
  | { ok: false; problems: CellProblem[] };

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
  const disagreements = options.opening ? applyPreviousClosing(read, options.opening, options.language) : [];
  const checked = checkInput(read);
  if (disagreements.length > 0) return { ok: false, problems: [...disagreements, ...(checked.ok ? [] : checked.problems)], tables };
  return checked.ok ? { ok: true, result: checked.result, read, tables } : { ok: false, problems: checked.problems, tables };
}

/** The whole job: check, then write the generated sheets (nothing is written when there is any problem). */
export async function runWorkbookJob(port: WorkbookPort, options: JobOptions = {}): Promise<JobOutcome> {
  const checked = await checkWorkbook(port, options);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const { result, read } = checked;
  const when = localStamp(options.now ?? new Date());
  const existing = await port.listSheets();
  const plan = planSheetNames(existing, read.ledger.posting === "summary" ? ALL_GENERATED_KINDS : GENERATED_KINDS);
  if (options.opening) plan.notes.push(translator(options.language ?? "en").t("closing.note", { file: options.opening.file, sheet: options.opening.sheet, end: options.opening.periodEnd }));
  const review = reviewStandards(read.input!, result);
  const sheets = renderSheets(result, { ...runContext(read, when, plan.notes), review, language: options.language });
  for (const s of sheets) s.name = plan.names[s.kind] ?? s.name;
  const page = { company: read.ledger.company, period: `${result.settings.periodStart} to ${result.settings.periodEnd}` };
  await port.writeSheets(sheets, plan.replace, { minorUnits: result.settings.minorUnits, marker: markerText(when), page });
  return { ok: true, result, read, sheets, notes: plan.notes, review };
}

export function runContext(read: ReadResult, when: string, notes: readonly string[]): RunContext {
  const sheets: SheetNames = {};
  const inputs: InputRead[] = [];
  for (const name of TABLE_ORDER) {
    const layout = read.layouts[name];
    if (!layout) continue;
    sheets[name] = layout.raw.sheet;
    inputs.push({ table: name, sheet: layout.raw.sheet, tableName: layout.raw.tableName, rows: countDataRows(layout.raw) });
  }
  return { when, accounts: read.accounts, sheets, inputs, notes, version: BACKFLUSH_VERSION, posting: read.ledger.posting };
}

function countDataRows(raw: RawTable): number {
  let n = raw.rows.length;
  while (n > 0 && raw.rows[n - 1].every(isBlank)) n--;
  return n;
}

/**
 * Which names the generated sheets get, and which old generated sheets go.
 * Every sheet that carries our marker is replaced; a user's own sheet is never
 * touched: ours takes another name, and the run log says so.
 */
export function planSheetNames(existing: readonly SheetInfo[], kinds: readonly GeneratedKind[] = GENERATED_KINDS): { names: Partial<Record<SheetModel["kind"], string>>; replace: string[]; notes: string[] } {
  const userNames = new Set(existing.filter((s) => !s.generated).map((s) => normalizeName(s.name)));
  const taken = new Set<string>(userNames);
  const notes: string[] = [];
  const names: Partial<Record<SheetModel["kind"], string>> = {};
  for (const kind of kinds) {
    let name: string = kind;
    for (let n = 1; taken.has(normalizeName(name)); n++) name = n === 1 ? `${kind} (Backflush)` : `${kind} (Backflush ${n})`;
    if (name !== kind) notes.push(`Your sheet "${existing.find((s) => normalizeName(s.name) === normalizeName(kind))?.name ?? kind}" was left as it is; this run's ${kind.toLowerCase()} is on "${name}".`);
    taken.add(normalizeName(name));
    names[kind] = name;
  }
  return { names, replace: existing.filter((s) => s.generated).map((s) => s.name), notes };
}

/** "2026-11-21 14:03" in the machine's local time. */
export function localStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** At most `cap` problems as lines, then a count of the rest. */
export function problemLines(problems: readonly CellProblem[], cap = 100): string[] {
  const lines = problems.slice(0, cap).map((p) => `${p.address}: ${p.message}`);
  if (problems.length > cap) lines.push(`… and ${problems.length - cap} more (${problems.length} problems in all)`);
  return lines;
}
