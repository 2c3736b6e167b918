/**
 * One job against a port, made into its report: the same in the worker and
 * inline. Kept apart from serve.ts, which also opens .xlsx packages, so that
 * the page's bundle (which runs jobs inline) does not carry the .xlsx adapter.
 */
import { checkWorkbook, runWorkbookJob } from "../../workbook/job";
import type { PreviousClosing } from "../../workbook/opening";
import type { WorkbookPort } from "../../workbook/port";
import type { JobKind, JobRequest } from "./protocol";
import type { CheckReport, RunReport } from "./reports";
import { checkReport, runReport } from "./reports";

/**
 * Runs one job against a port and makes its report: the same in the worker and inline. `opening` is the previous
 * result's Closing sheet, read where the .xlsx adapter is (serve.ts).
 */
export async function runJob(kind: JobKind, port: WorkbookPort, request: JobRequest, opening?: PreviousClosing): Promise<CheckReport | RunReport> {
  const options = { tableNames: request.tableNames, overrides: request.overrides, now: request.now, language: request.language, opening };
  return kind === "check" ? checkReport(await checkWorkbook(port, options)) : runReport(await runWorkbookJob(port, options), request.ledgerFiles ? (request.now ?? new Date()) : undefined);
}
