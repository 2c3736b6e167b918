/**
 * Source traces whose rows are read when the trace is: a journal line points
 * at the sheet rows it came from, and a full sheet's lines point at well over
 * a million of them, which a run only reads when it writes the Source column
 * (or reports a problem). The movement book keeps them in typed columns and
 * lists a group's or a day's rows when first asked for.
 */
import type { SourceTrace, TableName } from "./types";

/** Whatever holds sheet rows: a movement group, a day of a table. */
export interface HasRows {
  readonly rows: readonly number[];
  rowView?(): ArrayLike<number>;
}

export class RowsTrace implements SourceTrace {
  constructor(
    readonly table: TableName,
    private readonly of: HasRows,
  ) {}

  get rows(): readonly number[] {
    return this.of.rows;
  }

  rowView(): ArrayLike<number> {
    return this.of.rowView ? this.of.rowView() : this.of.rows;
  }

  /** As a plain trace, { table, rows }: what JSON (and the bench's identity digest) reads. */
  toJSON(): SourceTrace {
    return { table: this.table, rows: this.rows };
  }
}
