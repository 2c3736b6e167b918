/**
 * The wizard's state and its reducer: pure, so every rule of the wizard (a
 * changed choice makes the last check stale, a run needs a clean check, …)
 * is tested in Node without a browser.
 */
import type { LedgerFiles } from "../../workbook/ledger-files";
import type { AccountRole, Settings, TableName, TriggerSequence } from "../../engine/types";
import { requiredTables } from "../../workbook/schema";
import type { Language, Translator } from "../../i18n";
import type { CellProblem, PaneChoice } from "../../workbook/parse";
import type { CheckReport, RunReport } from "../job/reports";
import type { OpeningFile } from "../job/protocol";
import type { JobProgress } from "../job/runner";
import type { WizardChoices } from "../session";

export type StepId = "data" | "method" | "check" | "run";
export const STEPS: readonly StepId[] = ["data", "method", "check", "run"];

export interface FoundTable {
  sheet: string;
  tableName?: string;
  rows: number;
}

/** What the Data and Method steps show of the workbook before any check. */
export interface WorkbookScan {
  tables: Partial<Record<TableName, FoundTable>>;
  /** Tables and sheets to pick from. */
  sources: string[];
  /** What the workbook's own Settings table says (unreadable values left out: the check reports them). */
  settings: Partial<Settings>;
  accounts: Record<AccountRole, { account: string; name: string }>;
  /** The roles the workbook's Accounts table does not map: their accounts are the defaults. */
  defaulted: readonly AccountRole[];
}

/**
 * Why something failed, said in the pane's language when it is shown: a
 * language picked afterwards says it again in its own words (what the worker
 * already said, a previous result's problem, stays in the words it came in).
 */
export type Reason = (t: Translator) => string;

/** A failed task may name the step where its cause is chosen (`fixIn`: a previous result that cannot be read, in the Method step). */
export type Task<T> = { status: "idle" } | { status: "busy" } | { status: "done"; value: T } | { status: "failed"; reason: Reason; fixIn?: "method" };

export type Notice =
  /** `downloaded`: the file the workbook went to (browser mode: the template, to fill in elsewhere). */
  | { kind: "inserted"; what: "template" | "sample"; downloaded?: string }
  | { kind: "insert-failed"; reason: Reason }
  | { kind: "cell"; address: string; selected: boolean };

export interface WizardState {
  step: StepId;
  choices: WizardChoices;
  scan: Task<WorkbookScan>;
  /** The workbook is being looked at again while its last scan stays shown (the steps stay in the page, so the focus stays where it was). */
  rescanning?: boolean;
  check: Task<CheckReport>;
  run: Task<RunReport>;
  /** 0–1, and what the run is doing; absent when nothing runs. */
  progress?: { fraction: number; at: JobProgress };
  notice?: Notice;
  /** An insert is under way (the insert buttons are disabled). */
  inserting: boolean;
  /** The previous result chosen in the Method step: the period opens at its Closing sheet (not remembered: a file's bytes are not a setting). */
  opening?: OpeningFile;
}

export type WizardAction =
  | { type: "go"; step: StepId }
  | { type: "choices-loaded"; choices: WizardChoices }
  | { type: "choose-table"; table: TableName; name: string | undefined }
  | { type: "choose-settings"; patch: Partial<Settings> }
  | { type: "reset-settings" }
  | { type: "choose-language"; language: Language }
  | { type: "choose-opening"; opening: OpeningFile | undefined }
  | { type: "scan-started" }
  | { type: "scan-done"; scan: WorkbookScan }
  | { type: "scan-failed"; reason: Reason }
  | { type: "insert-started" }
  | { type: "insert-done"; what: "template" | "sample"; downloaded?: string }
  | { type: "insert-failed"; reason: Reason }
  | { type: "check-started" }
  | { type: "check-done"; report: CheckReport }
  | { type: "check-failed"; reason: Reason; fixIn?: "method" }
  | { type: "run-started" }
  | { type: "progress"; at: JobProgress }
  | { type: "rows"; done: number; total: number }
  | { type: "run-done"; report: RunReport }
  | { type: "ledger-files"; files: LedgerFiles | undefined }
  | { type: "run-failed"; reason: Reason }
  | { type: "cell"; address: string; selected: boolean }
  | { type: "dismiss-notice" };

export function initialState(choices: WizardChoices = {}): WizardState {
  return { step: "data", choices, scan: { status: "idle" }, check: { status: "idle" }, run: { status: "idle" }, inserting: false };
}

/**
 * Where a job is on the progress bar: reading the tables takes it to 40 %,
 * costing to 75 %, writing to the end. `rows` (done of total) moves it within
 * the table being read or the sheets being written, where the port says.
 */
export function progressFraction(at: JobProgress, rows?: { done: number; total: number }): number {
  const within = rows && rows.total > 0 ? Math.min(1, rows.done / rows.total) : 0;
  switch (at.phase) {
    case "read": {
      const slice = 0.35 / Math.max(1, at.of);
      return 0.05 + slice * (at.done + within);
    }
    case "compute":
      return 0.45;
    case "write":
      return 0.75 + 0.25 * within;
    case "done":
      return 1;
  }
}

/** Results made under other choices or from an older workbook are dropped, never shown as current. */
function stale(state: WizardState): WizardState {
  return { ...state, check: { status: "idle" }, run: { status: "idle" }, progress: undefined };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as Partial<T>;
}

/** A check or run is reading the workbook: nothing it reads changes under it. */
export const busy = (s: WizardState) => s.check.status === "busy" || s.run.status === "busy";

export function reduce(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case "go":
      return { ...state, step: action.step, notice: undefined };
    case "choices-loaded":
      return { ...state, choices: action.choices };
    case "choose-table": {
      if (busy(state)) return state;
      const tableNames = withoutUndefined({ ...state.choices.tableNames, [action.table]: action.name?.trim() || undefined });
      return stale({ ...state, choices: { ...state.choices, tableNames } });
    }
    case "choose-settings": {
      if (busy(state)) return state;
      const overrides = withoutUndefined({ ...state.choices.overrides, ...action.patch });
      return stale({ ...state, choices: { ...state.choices, overrides } });
    }
    case "reset-settings":
      if (busy(state)) return state;
      return stale({ ...state, choices: { ...state.choices, overrides: {} } });
    case "choose-opening":
      if (busy(state)) return state;
      return stale({ ...state, opening: action.opening });
    case "choose-language":
      return { ...state, choices: { ...state.choices, language: action.language } };
    case "scan-started":
      // A scan already shown stays until the new one comes, so the control just used is not taken from under the focus.
      if (state.scan.status === "done") return { ...state, rescanning: true };
      return { ...state, scan: { status: "busy" } };
    case "scan-done":
      return { ...state, scan: { status: "done", value: action.scan }, rescanning: false };
    case "scan-failed":
      return { ...state, scan: { status: "failed", reason: action.reason }, rescanning: false };
    case "insert-started":
      return { ...state, inserting: true, notice: undefined };
    case "insert-done":
      return stale({ ...state, inserting: false, notice: { kind: "inserted", what: action.what, ...(action.downloaded !== undefined ? { downloaded: action.downloaded } : {}) } });
    case "insert-failed":
      return { ...state, inserting: false, notice: { kind: "insert-failed", reason: action.reason } };
    case "check-started":
      if (busy(state)) return state;
      return { ...state, check: { status: "busy" }, run: { status: "idle" }, notice: undefined };
    case "check-done":
      return { ...state, check: { status: "done", value: action.report } };
    case "check-failed":
      return { ...state, check: { status: "failed", reason: action.reason, ...(action.fixIn ? { fixIn: action.fixIn } : {}) } };
    case "run-started":
      if (!canRun(state)) return state;
      return { ...state, run: { status: "busy" }, progress: { fraction: 0, at: { phase: "read", name: "", done: 0, of: 1 } }, notice: undefined };
    case "progress":
      if (state.run.status !== "busy") return state;
      return { ...state, progress: { fraction: Math.max(state.progress?.fraction ?? 0, progressFraction(action.at)), at: action.at } };
    case "rows": {
      if (state.run.status !== "busy" || !state.progress) return state;
      const fraction = progressFraction(state.progress.at, action);
      return { ...state, progress: { ...state.progress, fraction: Math.max(state.progress.fraction, fraction) } };
    }
    case "run-done":
      // A run re-checks the workbook: when it found problems, they are the check's result too.
      return { ...state, run: { status: "done", value: action.report }, check: action.report.ok ? state.check : { status: "done", value: action.report }, progress: undefined };
    case "run-failed":
      return { ...state, run: { status: "failed", reason: action.reason }, progress: undefined };
    case "ledger-files":
      // The files of the run shown; a later run's report replaced it when they come late.
      if (state.run.status !== "done" || !state.run.value.ok || !state.run.value.ledgerFilesPending) return state;
      return { ...state, run: { status: "done", value: { ...state.run.value, ledgerFiles: action.files, ledgerFilesPending: false } } };
    case "cell":
      return { ...state, notice: { kind: "cell", address: action.address, selected: action.selected } };
    case "dismiss-notice":
      return { ...state, notice: undefined };
  }
}

/** A run needs a check of the current choices that found no problem, and nothing else under way. */
export function canRun(state: WizardState): boolean {
  return state.check.status === "done" && state.check.value.ok && !busy(state);
}

/**
 * Why the Run step cannot run yet, so it says what to do: check first, wait
 * for the check, fix the problems it found, or see why it stopped.
 */
export type RunBlocker = { kind: "unchecked" } | { kind: "checking" } | { kind: "problems"; count: number } | { kind: "check-failed" };

export function runBlocker(state: WizardState): RunBlocker | undefined {
  // A run under way or done needs no word on why it cannot start.
  if (canRun(state) || state.run.status === "busy" || state.run.status === "done") return undefined;
  switch (state.check.status) {
    case "idle":
      return { kind: "unchecked" };
    case "busy":
      return { kind: "checking" };
    case "failed":
      return { kind: "check-failed" };
    case "done":
      return state.check.value.ok ? undefined : { kind: "problems", count: state.check.value.total };
  }
}

/** The trigger points in force: the pane's choice, else the workbook's Settings, else the default. */
export function effectiveSequence(state: WizardState): TriggerSequence {
  return state.choices.overrides?.sequence ?? (state.scan.status === "done" ? state.scan.value.settings.sequence : undefined) ?? "purchase-completion-sale";
}

/** Whether `table` must be there for the trigger points in force. */
export function isRequired(state: WizardState, table: TableName): boolean {
  return requiredTables(effectiveSequence(state)).includes(table);
}

/**
 * The period days chosen in the Method step that are out of order with the
 * other day in force (the pane's, or else the workbook's Settings): each one
 * with that other day, so the step says so under the field as it is typed.
 */
export function periodChoiceProblems(state: WizardState): { field: PaneChoice; other: string }[] {
  const chosen = state.choices.overrides ?? {};
  const own = state.scan.status === "done" ? state.scan.value.settings : {};
  const start = chosen.periodStart ?? own.periodStart;
  const end = chosen.periodEnd ?? own.periodEnd;
  if (start === undefined || end === undefined || start <= end) return [];
  const problems: { field: PaneChoice; other: string }[] = [];
  if (chosen.periodStart !== undefined) problems.push({ field: "periodStart", other: end });
  if (chosen.periodEnd !== undefined) problems.push({ field: "periodEnd", other: start });
  return problems;
}

/**
 * Where a problem's link takes the user: a choice made in the pane to the
 * step it was made in, a table not found to the Data step (where another can
 * be picked), any other problem to its cell.
 */
export function problemLink(problem: Pick<CellProblem, "code" | "address" | "choice">): { step: "data" | "method" } | { cell: string } {
  if (problem.choice) return { step: "method" };
  // A table not found, or found twice, is fixed by picking one at the Data step.
  if (problem.code === "missing-table" || problem.code === "found-twice") return { step: "data" };
  return { cell: problem.address };
}

/**
 * A table as the workbook names it (its Excel table's name, else its sheet's),
 * for messages that tell the user to change it; the table's name in the
 * pane's language (`t`) when it was not found.
 */
export function tableAsNamed(state: WizardState, table: TableName, t: Translator["t"]): string {
  const found = state.scan.status === "done" ? state.scan.value.tables[table] : undefined;
  return found?.tableName ?? found?.sheet ?? t(`tableName.${table}`);
}

/** No input table at all: the workbook is a candidate for the template or the sample. */
export function workbookIsEmpty(scan: WorkbookScan): boolean {
  return Object.keys(scan.tables).length === 0;
}

/** The wizard's state in one place: the controller dispatches, the view subscribes. */
export interface WizardStore {
  get(): WizardState;
  dispatch(action: WizardAction): void;
  subscribe(listener: () => void): () => void;
}

export function createStore(initial: WizardState = initialState()): WizardStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch(action) {
      const next = reduce(state, action);
      if (next === state) return;
      state = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** What the user is told to fix where the pane cannot select it: a cell, or whole rows (Sales!10:11, blank rows), each in its own words. */
export function shownAddressText(tr: Translator, address: string): string {
  const rows = /^(.+)!(\d+):(\d+)$/.exec(address);
  if (!rows) return tr.t("check.cellShown", { address });
  const [, sheet, first, last] = rows;
  const name = sheet.replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
  return first === last ? tr.t("check.rowShown", { row: first, sheet: name }) : tr.t("check.rowsShown", { first, last, sheet: name });
}
