/**
 * Typed problems with the data. The engine reports every problem it finds at
 * once, each pointing at a table, row and field, and never throws anything but
 * `BackflushDataError` because of data.
 */
import type { ProblemKey, ProblemParamValues, ProblemText } from "../i18n/problems";
import type { TableName } from "./types";

export { notInItems, said } from "../i18n/problems";
export type { ProblemKey, ProblemParamValues, ProblemText } from "../i18n/problems";

export type IssueCode =
  | "missing-table"
  | "missing-column"
  | "blank-row"
  | "outside-table"
  | "found-twice"
  | "duplicate-row"
  | "duplicate-key"
  | "not-a-number"
  | "not-a-date"
  | "not-text"
  | "cell-error"
  | "required"
  | "not-positive"
  | "negative"
  | "scrap-range"
  | "unknown-item"
  | "unknown-value"
  | "wrong-item-type"
  | "bom-loop"
  | "no-bom"
  | "no-valid-bom"
  | "no-price"
  | "material-has-bom"
  | "date-outside-period"
  | "date-order"
  | "nothing-to-cost"
  | "too-large"
  | "not-a-code"
  | "bom-too-deep"
  | "no-items"
  /** With CapitalizeConversion where no FG is kept, an opening value below the goods' standard conversion. */
  | "below-conversion"
  /** A setting this period must share with the previous result it opens at (trigger points, currency) differs. */
  | "previous-mismatch";

/** Where a problem is: a table, and where known the sheet row and the field (column). */
export interface IssueLocation {
  table: TableName;
  row?: number;
  field?: string;
}

export interface DataIssue {
  code: IssueCode;
  /** English, ready to show; adapters prefix the cell ("Production!C17: …"). */
  message: string;
  /** The catalog key of the text (src/i18n, `problem.*`): the reader's language makes it from `params`. */
  key: ProblemKey;
  /** The values the text is made from. */
  params: ProblemParamValues;
  at?: IssueLocation;
}

/** A problem before it is placed: found once (for a value, a day, an item) and reported on every row it touches. */
export type Finding = Pick<DataIssue, "code"> & ProblemText;

export class BackflushDataError extends Error {
  readonly issues: readonly DataIssue[];
  constructor(issues: readonly DataIssue[]) {
    super(`${issues.length} problem${issues.length === 1 ? "" : "s"} in the data: ${issues[0]?.message ?? ""}`);
    this.name = "BackflushDataError";
    this.issues = issues;
  }
}

/** Collects issues, so that validation reports all of them at once. */
export class IssueList {
  readonly items: DataIssue[] = [];
  /** Codes whose issues are counted, not kept, by how many came. */
  private readonly muted = new Map<IssueCode, number>();
  /** A problem: its code, its text (`said(key, params)`), and where it is. */
  add(code: IssueCode, text: ProblemText, at?: IssueLocation): void {
    const left = this.muted.get(code);
    if (left !== undefined) this.muted.set(code, left + 1);
    else this.items.push({ code, key: text.key, params: text.params, message: text.message, at });
  }
  /** From now on, issues of `code` are only counted (`leftOut`): follow-ons of a problem that one issue will explain. */
  mute(code: IssueCode): void {
    this.muted.set(code, this.muted.get(code) ?? 0);
  }
  /** How many issues of a muted code were left out. */
  leftOut(code: IssueCode): number {
    return this.muted.get(code) ?? 0;
  }
  get size(): number {
    return this.items.length;
  }
  /** Throws a BackflushDataError when anything was collected. */
  throwIfAny(): void {
    if (this.items.length > 0) throw new BackflushDataError(this.items);
  }
}
