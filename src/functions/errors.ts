/**
 * What a BACKFLUSH.* function says when it cannot give a number: a typed
 * error carrying the Excel error value and a message that points at the
 * argument (and, for a range, the row and column in it) at fault.
 *
 * Nothing here touches Excel's `CustomFunctions` global: functions.ts turns a
 * FunctionError into `CustomFunctions.Error` at the boundary, so the logic
 * runs and is tested in plain Node.
 */
import { BackflushDataError } from "../engine/errors";
import type { TableName } from "../engine/types";
import type { CellProblem, TableLayout } from "../workbook/parse";
import { formatProblem, locate } from "../workbook/parse";

/** #VALUE! for a bad argument; #NUM! for a figure or a result too large to carry exactly; #N/A for an item that is not there. */
export type FunctionErrorCode = "#VALUE!" | "#NUM!" | "#N/A";

export class FunctionError extends Error {
  constructor(
    readonly code: FunctionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "FunctionError";
  }
}

/** How many problems one message lists; a cell's error tip is small. */
const SHOWN_PROBLEMS = 3;

/** One #VALUE! for a list of cell problems: the first few, then how many more. */
export function problemsError(problems: readonly CellProblem[]): FunctionError {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map(formatProblem).join("; ");
  const more = problems.length - SHOWN_PROBLEMS;
  return new FunctionError("#VALUE!", more > 0 ? `${shown}; and ${more} more problem${more === 1 ? "" : "s"}` : shown);
}

/** The engine's findings, pointed at the argument ranges they came from. */
export function dataError(e: BackflushDataError, layouts: Partial<Record<TableName, TableLayout>>): FunctionError {
  return problemsError(e.issues.map((issue) => locate(issue, layouts)));
}

/** Any error as a FunctionError: a function never lets a bare JavaScript exception reach the cell. */
export function asFunctionError(e: unknown): FunctionError {
  if (e instanceof FunctionError) return e;
  if (e instanceof BackflushDataError) return dataError(e, {});
  return new FunctionError("#VALUE!", `Backflush could not compute this: ${e instanceof Error ? e.message : String(e)}`);
}
