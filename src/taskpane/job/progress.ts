/**
 * Where a job is, and the port that says so as the job calls it: the same on
 * the page (jobs run inline, or through the worker's calls) and in the worker
 * (jobs on an .xlsx package the worker holds).
 */
import type { TableName } from "../../engine/types";
import type { RawTable } from "../../workbook/parse";
import type { InputTableModel, SheetInfo, WorkbookPort, WriteOptions } from "../../workbook/port";
import type { SheetModel } from "../../workbook/render";
import { TABLE_ORDER } from "../../workbook/schema";

/** Where a job is. `read` counts the input tables looked up so far. */
export type JobProgress = { phase: "read"; name: string; table?: TableName; done: number; of: number } | { phase: "compute" } | { phase: "write" } | { phase: "done" };
export type ProgressListener = (progress: JobProgress) => void;

/**
 * The port as the job sees it, reporting progress: each input table looked up
 * (the job looks them all up, one by one, before any arithmetic), then the
 * costing, then the writing.
 */
export class ProgressPort implements WorkbookPort {
  private looked = 0;

  constructor(
    private readonly port: WorkbookPort,
    private readonly onProgress: ProgressListener,
  ) {}

  async findTable(names: readonly string[]): Promise<RawTable | undefined> {
    const of = TABLE_ORDER.length;
    // The job looks its tables up in TABLE_ORDER (findTables): which one this is, for the pane's label of it.
    this.onProgress({ phase: "read", name: names[0] ?? "", table: TABLE_ORDER[this.looked], done: this.looked, of });
    const found = await this.port.findTable(names);
    this.looked++;
    if (this.looked === of) this.onProgress({ phase: "compute" });
    return found;
  }

  listSheets(): Promise<SheetInfo[]> {
    return this.port.listSheets();
  }

  async writeSheets(models: readonly SheetModel[], replace: readonly string[], options: WriteOptions): Promise<void> {
    this.onProgress({ phase: "write" });
    await this.port.writeSheets(models, replace, options);
  }

  writeInputTables(tables: readonly InputTableModel[]): Promise<void> {
    return this.port.writeInputTables(tables);
  }
}
