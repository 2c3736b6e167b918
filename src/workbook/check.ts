/**
 * Every problem at once, in two passes: first every cell rule in every table
 * (parse.ts), then the meaning rules (unknown items, BOM loops, prices,
 * periods: the engine's prepare) over the rows that passed. A bad cell in
 * Production no longer hides a BOM loop.
 */
import { BackflushDataError, said, type DataIssue } from "../engine/errors";
import type { ProblemParam } from "../i18n/problems";
import { prepare } from "../engine/prepare";
import { runBackflush } from "../engine/run";
import type { BackflushResult } from "../engine/types";
import type { CellProblem, PaneChoice, ReadResult, Unsettled } from "./parse";
import { METHOD_STEP, locate } from "./parse";
import { TABLE_ORDER } from "./schema";

export type InputCheck = { ok: true; result: BackflushResult } | { ok: false; problems: CellProblem[] };

/** Runs the engine on a read whose cells are all good; otherwise lists the cell problems and the meaning problems of the rows that passed. */
export function checkInput(read: ReadResult): InputCheck {
  if (read.input) {
    try {
      return { ok: true, result: runBackflush(read.input) };
    } catch (e) {
      if (e instanceof BackflushDataError) return { ok: false, problems: outsideChosenPeriod(inSheetOrder(e.issues.map((i) => placed(i, read))), read) };
      throw e;
    }
  }
  const problems = [...read.problems];
  for (const p of meaningProblems(read)) problems.push(p); // not push(...): there can be more than a call takes arguments
  return { ok: false, problems: outsideChosenPeriod(inSheetOrder(problems), read) };
}

/** The meaning rules over the rows that passed the cell rules, without what a bad cell may have caused. */
function meaningProblems(read: ReadResult): CellProblem[] {
  if (read.unsettled.structure) return [];
  try {
    prepare(read.passed);
    return [];
  } catch (e) {
    if (!(e instanceof BackflushDataError)) throw e;
    // A cell already said to be unreadable is not blamed again for what its blank reading implies ("OpeningValue needs an Opening above zero").
    const badCells = new Set(read.problems.filter((p) => p.column !== undefined).map((p) => p.address));
    return e.issues
      .filter((i) => !followsFromACell(i, read.unsettled))
      .map((i) => placed(i, read))
      .filter((p) => p.column === undefined || !badCells.has(p.address));
  }
}

/** The period days the task pane's Method step can choose. */
type PaneDay = Extract<PaneChoice, "periodStart" | "periodEnd">;
/** The pane's names of its period choices (the Method step's labels), in the reader's language. */
const PANE_FIELD = { periodStart: { term: "method.periodStart" }, periodEnd: { term: "method.periodEnd" } } as const;
const SETTING_KEY: Readonly<Record<PaneDay, string>> = { periodStart: "PeriodStart", periodEnd: "PeriodEnd" };

/** The period days chosen in the task pane (over the Settings table). */
const chosenDaysOf = (read: ReadResult): PaneDay[] => (["periodStart", "periodEnd"] as const).filter((key) => read.chosen[key] !== undefined);

/**
 * Rows dated outside a period chosen in the task pane are one problem, at the
 * choice: a day typed there that cuts the period off is the cause, not each
 * of the hundreds of rows it leaves out. The text counts them and names the
 * first; a lone row outside keeps its own problem at its cell (more likely its date is wrong).
 */
function outsideChosenPeriod(problems: CellProblem[], read: ReadResult): CellProblem[] {
  const chosenDays = chosenDaysOf(read);
  if (chosenDays.length === 0) return problems;
  const outside = problems.filter((p) => p.code === "date-outside-period");
  if (outside.length === 1) return problems.map((p) => (p === outside[0] ? loneRowOutside(p, chosenDays) : p));
  if (outside.length === 0) return problems;
  const [first] = outside;
  const { periodStart, periodEnd } = read.passed.settings;
  const values = { count: outside.length, start: periodStart ?? "", end: periodEnd ?? "", date: String(first.params.date ?? ""), address: first.address };
  const text = chosenDays.length === 1 ? said("problem.outsidePeriodPaneRowsOne", { ...values, day: PANE_FIELD[chosenDays[0]] }) : said("problem.outsidePeriodPaneRowsBoth", values);
  const gathered: CellProblem = { code: "date-outside-period", table: "Settings", address: METHOD_STEP, choice: chosenDays[chosenDays.length - 1], ...text };
  return [gathered, ...problems.filter((p) => p.code !== "date-outside-period")];
}

/** A lone row outside a period chosen in the pane, at its cell: its date is at fault or the period is; said where the period came from, so the Settings table is not searched for it. */
function loneRowOutside(p: CellProblem, chosenDays: readonly PaneDay[]): CellProblem {
  if (p.key !== "problem.outsidePeriod") return p;
  const { date, start, end } = p.params;
  return { ...p, ...(chosenDays.length === 1 ? said("problem.outsidePeriodPaneOne", { date, start, end, day: PANE_FIELD[chosenDays[0]] }) : said("problem.outsidePeriodPaneBoth", { date, start, end })) };
}

/** An engine issue at its cell or, when a period chosen in the task pane is out of order, at that choice: the Settings cell is not to blame. */
function placed(issue: DataIssue, read: ReadResult): CellProblem {
  const { chosen } = read;
  if (issue.code !== "date-order" || issue.at?.table !== "Settings" || chosenDaysOf(read).length === 0) return withItemsNamed(locate(issue, read.layouts), read);
  const { settings } = read.passed;
  // Each date named where it was given: "First day (Method step) 2026-12-01", or "PeriodEnd 2026-11-30 (Settings!B4)".
  const side = (key: PaneDay): ProblemParam => {
    const date = settings[key] ?? "";
    if (chosen[key] !== undefined) return { term: "problem.paneDate", params: { field: PANE_FIELD[key], date } };
    const address = locate({ ...issue, at: { table: "Settings", field: SETTING_KEY[key] } }, read.layouts).address;
    return { term: "problem.sheetDate", params: { key: SETTING_KEY[key], date, address } };
  };
  return {
    code: issue.code,
    table: "Settings",
    address: METHOD_STEP,
    choice: chosen.periodStart !== undefined ? "periodStart" : "periodEnd",
    ...said("problem.periodOrder", { start: side("periodStart"), end: side("periodEnd") }),
  };
}

/** "Not in Items" named as the workbook names its Items table (Artiklar, Barangan), as its columns are. */
function withItemsNamed(p: CellProblem, read: ReadResult): CellProblem {
  if (p.key !== "problem.notInItems" && p.key !== "problem.notInItemsPadded") return p;
  const raw = read.layouts.Items?.raw;
  const items = raw?.tableName ?? raw?.sheet;
  return items === undefined || items === "Items" ? p : { ...p, params: { ...p.params, items } };
}

/**
 * Whether a finding may be only the echo of a bad cell: it is about an item
 * whose row was not read; it says an item is unknown, or Items empty, when an
 * Items row could not be read; it says an assembly has no BOM line when a Parent could not be
 * read, or no valid one on a day when any BOM line was not read; or it says
 * there is nothing to cost when rows were left out.
 */
function followsFromACell(issue: DataIssue, unsettled: Unsettled): boolean {
  const item = issue.params?.item;
  if (typeof item === "string" && unsettled.items.has(item)) return true;
  switch (issue.code) {
    case "unknown-item":
      return unsettled.anyItem;
    case "no-items":
      // Items rows that were not read are rows all the same: the table is not empty.
      return unsettled.itemRowsLeftOut;
    case "no-bom":
      return unsettled.anyParent;
    case "no-valid-bom":
      return unsettled.bomLinesLeftOut;
    case "nothing-to-cost":
      return true;
    default:
      return false;
  }
}

const TABLE_RANK = new Map(TABLE_ORDER.map((t, i) => [t, i]));

/** Table by table in the order the wizard lists them, row by row within each, and left to right within a row (a cell rule's problem and a meaning rule's in one row come as the cells stand). */
function inSheetOrder(problems: CellProblem[]): CellProblem[] {
  return problems.sort((a, b) => TABLE_RANK.get(a.table)! - TABLE_RANK.get(b.table)! || (a.row ?? 0) - (b.row ?? 0) || columnRank(a) - columnRank(b));
}

/** A problem's column as a number to sort by ("AB" after "Z"); a problem at a row or a table, not a cell, before the row's cells. */
const columnRank = (p: CellProblem): number => (p.column === undefined ? -1 : [...p.column].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0));
