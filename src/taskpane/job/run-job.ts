/**
 * One job against a port, made into its report: the same in the worker and
 * inline. Kept apart from serve.ts, which also opens .xlsx packages, so that
 * the page's bundle (which runs jobs inline) does not carry the .xlsx adapter.
 */
import type { CheckOutcome } from "../../workbook/job";
import { checkWorkbook, runWorkbookJob } from "../../workbook/job";
import { ledgerFiles, type LedgerFiles } from "../../workbook/ledger-files";
import type { PreviousClosing } from "../../workbook/opening";
import type { WorkbookPort } from "../../workbook/port";
import type { JobKind, JobRequest } from "./protocol";
import type { CheckReport, RunReport } from "./reports";
import { checkReport, runReport } from "./reports";

/**
 * Runs one job against a port and makes its report: the same in the worker and
 * inline. `reuse` hears a Check's outcome, and may hand a run the outcome of a
 * Check on the same workbook with the same choices (see serve.ts). `opening`
 * is the previous result's Closing sheet, read where the .xlsx adapter is.
 */
export async function runJob(kind: JobKind, port: WorkbookPort, request: JobRequest, reuse?: CheckReuse, opening?: PreviousClosing, later?: LedgerFilesLater): Promise<CheckReport | RunReport> {
  const options = { tableNames: request.tableNames, overrides: request.overrides, now: request.now, language: request.language, opening };
  if (kind === "check") {
    const outcome = await checkWorkbook(port, options);
    reuse?.checked(outcome);
    return checkReport(outcome);
  }
  const outcome = await runWorkbookJob(port, options, reuse?.take());
  const madeAt = request.ledgerFiles ? (request.now ?? new Date()) : undefined;
  if (!madeAt || !later || !outcome.ok) return runReport(outcome, madeAt);
  // The ledger files follow the report: the result is shown while they are made.
  later(() => ledgerFiles(outcome, madeAt));
  const report = runReport(outcome, undefined);
  return report.ok ? { ...report, ledgerFilesPending: true } : report;
}

/** Takes the making of a run's ledger files, to be done after its report is out. */
export type LedgerFilesLater = (make: () => LedgerFiles) => void;

/** Where a Check's outcome is kept for the Run that follows it. */
export interface CheckReuse {
  checked(outcome: CheckOutcome): void;
  /** The kept outcome, when it is this run's to take (given once). */
  take(): CheckOutcome | undefined;
}

/** What decides whether a Check's outcome serves a run: the choices that change what is read and costed (not the clock, which only stamps the sheets). */
export function checkKey(request: JobRequest): string {
  // A previous result to open at is known by its name and size: choosing another makes the pane check again.
  const opening = request.opening ? [request.opening.file, request.opening.bytes.byteLength] : null;
  return JSON.stringify([request.tableNames ?? null, request.overrides ?? null, request.language ?? null, opening]);
}
