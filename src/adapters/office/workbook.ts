/**
 * The workbook port over Office.js: what the main job reads and writes when it
 * runs inside Excel. It takes the `Excel` namespace (or a fake of it) and keeps
 * every request within Excel on the web's limits (batch.ts).
 */
import type { RawTable } from "../../workbook/parse";
import type { InputTableModel, SheetInfo, TablePlace, WorkbookPort, WriteOptions } from "../../workbook/port";
import type { SheetModel } from "../../workbook/render";
import type { ExcelApiSubset } from "./api";
import { DEFAULT_CHUNK_ROWS, DEFAULT_REQUEST_BYTES } from "./batch";
import { findTable, locateTables, surveySheets } from "./read";
import { checkNewSheetNames } from "../../workbook/names";
import { checkInputTables, generatedSheetJob, inputSheetJob, writeAllOrNothing } from "./write";

export interface OfficeWorkbookOptions {
  /** Most rows in one request or read (default 10,000); requests are also kept under `requestBytes`. */
  chunkRows?: number;
  /**
   * Rows done of the current read or write, after each request; `total` is that
   * table's rows when reading, all the sheets' rows when writing.
   */
  onProgress?: (done: number, total: number) => void;
  /** Most bytes (estimated) in one write request (default 1,000,000; Excel on the web refuses 5 MB). */
  requestBytes?: number;
}

export class OfficeWorkbook implements WorkbookPort {
  private readonly chunkRows: number;
  private readonly requestBytes: number;

  constructor(
    private readonly excel: ExcelApiSubset,
    private readonly options: OfficeWorkbookOptions = {},
  ) {
    this.chunkRows = Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS));
    this.requestBytes = options.requestBytes ?? DEFAULT_REQUEST_BYTES;
  }

  findTable(names: readonly string[]): Promise<RawTable | undefined> {
    return this.excel.run((context) => findTable(context, names, this.chunkRows, this.options.onProgress));
  }

  async locateTable(names: readonly string[]): Promise<TablePlace | undefined> {
    return (await this.locateTables([names]))[0];
  }

  locateTables(lookups: readonly (readonly string[])[]): Promise<(TablePlace | undefined)[]> {
    return this.excel.run((context) => locateTables(context, lookups));
  }

  async listSheets(): Promise<SheetInfo[]> {
    const book = await this.excel.run(surveySheets);
    return book.map((s) => ({ name: s.name, generated: s.generated }));
  }

  writeSheets(models: readonly SheetModel[], replace: readonly string[], options: WriteOptions): Promise<void> {
    return writeAllOrNothing(
      this.excel,
      models.map((m) => generatedSheetJob(m, options)),
      replace,
      this.writeSettings(),
      (_book, staying) =>
        checkNewSheetNames(
          models.map((m) => m.name),
          staying.map((s) => s.name),
        ),
    );
  }

  writeInputTables(tables: readonly InputTableModel[]): Promise<void> {
    return writeAllOrNothing(this.excel, tables.map(inputSheetJob), [], this.writeSettings(), (book) => checkInputTables(tables, book));
  }

  private writeSettings() {
    return { requestBytes: this.requestBytes, chunkRows: this.chunkRows, onProgress: this.options.onProgress };
  }
}
