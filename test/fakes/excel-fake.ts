/**
 * An in-memory fake of the Excel JavaScript API (Office.js), for testing the
 * Backflush Office adapter without Excel. It implements `ExcelApiSubset`
 * (excel-api-subset.ts) over a `WorkbookModel` (excel-model.ts).
 *
 * Modelled
 * - `run(batch)` gives a request context with `workbook`, `application`, `sync()`;
 *   after the batch resolves, still-queued operations are sent in one last sync
 *   (counted), and the context is closed: queuing on it afterwards throws
 *   InvalidObjectPath.
 * - Proxy objects: every call, property write and `load` is queued and runs, in
 *   order, at `sync()`. Getting an object (getItem, getRange, getCell, …) is
 *   itself queued, so it sees the workbook as earlier queued writes left it.
 * - Reading a property throws PropertyNotLoaded unless it was loaded and a sync
 *   has since run. Assigning a property makes it unreadable until loaded again
 *   (stricter than Office.js, which echoes the assigned value locally).
 *   `isNullObject` becomes readable after the sync that follows creation.
 * - A failing operation fails the sync: operations before it stay applied,
 *   the rest are dropped, nothing loaded in that sync becomes readable.
 * - Typed input (`values`, `formulas`): "" clears, null leaves the cell; in a
 *   cell whose number format is "@" (Text) any string is stored verbatim;
 *   otherwise a leading apostrophe keeps the rest as text, number-like text
 *   ("00123", "-5", "1e3") becomes a number, TRUE/FALSE become booleans, and
 *   text starting with "=", "+", "-" or "@" becomes a formula ("+x" → "=+x",
 *   "@x" → "=x"), an error literal ("#N/A") becomes that error. Formulas are
 *   not calculated: a literal formula yields its literal, anything else
 *   "#NAME?" (options.formulaPolicy changes both). Error cells read back as
 *   their text in `values` and as "Error" in `valueTypes`.
 *   Number formats are applied in queue order, so "@" set before the values,
 *   in the same or an earlier batch, keeps "=1+1" as text.
 * - Tables: tables.add(address, true) (a header-only range gets one empty data
 *   row), names unique workbook-wide and valid (InvalidArgument otherwise, as
 *   Excel answers), no overlap, headers kept unique non-blank text, header /
 *   data body / totals ranges, showTotals takes or gives back the row below the
 *   data with "Total" in its first column (InvalidOperation if that row holds
 *   anything, where Excel would move cells), resize, delete (clears contents).
 * - Worksheets: add (ItemAlreadyExists for a taken name, case-insensitive),
 *   getItem (ItemNotFound) / getItemOrNullObject, rename, delete (its tables go
 *   too; not the last sheet), activate, getRange, getUsedRange(OrNullObject),
 *   freezePanes.freezeRows / unfreeze, items and getCount.
 * - Ranges: values, formulas, numberFormat, valueTypes, address, rowCount,
 *   columnCount, rowIndex, columnIndex, getCell, getResizedRange,
 *   getOffsetRange, clear ("All" / "Formats" / "Contents"), select,
 *   format.columnWidth (points, default 48; null when columns differ),
 *   format.font.bold (null when cells differ), format.autofitColumns
 *   (recorded per column; it changes no width).
 * - workbook.settings (Excel.SettingCollection): add (upsert), getItem,
 *   getItemOrNullObject, Setting.value / delete; values kept as JSON copies.
 *   office-settings-fake.ts gives `Office.context.document.settings` over the
 *   same store.
 * - application.suspendApiCalculationUntilNextSync / suspendScreenUpdatingUntilNextSync:
 *   recorded on the sync they apply to.
 * - Limits, from "Resource limits and performance optimization for Office
 *   Add-ins" (Excel add-ins section): "Excel on the web has a payload size limit
 *   for requests and responses of 5MB" and "A range is limited to 5,000,000
 *   cells for read operations". A sync whose request estimate exceeds
 *   `limits.payloadBytes` fails whole with RequestPayloadSizeLimitExceeded; one
 *   whose loaded data exceeds it fails with ResponsePayloadSizeLimitExceeded
 *   (its writes stay applied); loading cell data (values, formulas,
 *   numberFormat, valueTypes) of a range of more than `limits.cellsPerRead` cells fails
 *   with RangeExceedsLimit. 5MB is taken as 5,000,000 bytes, the stricter
 *   reading. Request estimate = UTF-8 size of the JSON of each operation's
 *   arguments (the arrays written, names, addresses) + `operationOverheadBytes`
 *   per queued operation (objects got and loads count as operations, as in
 *   Office.js). Response = UTF-8 size of the JSON of everything loaded.
 * - Counters (`stats`): runs, syncs, per-sync operations / request and
 *   response bytes / cells read and written / largest range read, their
 *   maxima, and loads with no property list (which Office advises against).
 *
 * Not modelled (the fake lacks the member, or says so when called)
 * - Calculation and dependencies: formula values are fixed when written.
 * - Typed dates, times, percentages, currency, thousands separators: they stay
 *   text. JS numbers and booleans are stored as given, even in "@" cells.
 * - Number-format rendering (`Range.text`), fonts other than bold, fills,
 *   borders, row heights, merged cells, hidden rows, data validation,
 *   conditional formats, names, autofit widths.
 * - Tables without headers (tables.add(…, false) throws), table rows/columns
 *   collections, filters, sorting, styles, auto-expansion when writing next to
 *   a table, totals formulas other than the "Total" label.
 * - Events, co-authoring, undo, `set()`, `toJSON()`, `track`/`untrack`,
 *   RangeAreas, object-form `load({...})`, Excel.* enums.
 * Unverified guesses (no Excel here to try): the value read back from a
 *   quote-prefixed cell's `formulas`, "@"-prefixed typing, whether Office.Settings
 *   and Excel.SettingCollection share one store, Table.delete clearing contents.
 */
import type {
  ApplicationSubset,
  CellInput,
  CellValue,
  ClientResultSubset,
  ExcelApiSubset,
  RangeFontSubset,
  RangeFormatSubset,
  RangeSubset,
  RequestContextSubset,
  SettingCollectionSubset,
  SettingSubset,
  SettingValue,
  TableCollectionSubset,
  TableSubset,
  WorkbookSubset,
  WorksheetCollectionSubset,
  WorksheetFreezePanesSubset,
  WorksheetSubset,
} from "../../src/adapters/office/excel-api";
import type { HeaderFooterSubset, PageLayoutSubset } from "../../src/adapters/office/api";
import { type Bounds, MAX_COLUMNS, MAX_ROWS, boundsCells, boundsColumns, boundsRows, formatAddress, insideGrid, parseAddress } from "./excel-address";
import { FakeOfficeError } from "./excel-errors";
import {
  type CellProperty,
  type ClearTarget,
  DEFAULT_FORMULA_POLICY,
  type FormulaPolicy,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
  fakeWorkbook,
  jsonCopy,
  tableRegions,
} from "./excel-model";

export * from "../../src/adapters/office/excel-api";
export * from "./excel-errors";
export { addTable, dumpSheet, fakeWorkbook, snapshotWorkbook, WorkbookModel } from "./excel-model";
export type { SeedCell, SheetDump, TableSeed, WorkbookSnapshot } from "./excel-model";
export * from "./office-settings-fake";

export interface FakeExcelLimits {
  /** Largest request, and largest response, of one sync, in bytes. */
  payloadBytes: number;
  /** Most cells one range may have when its cell data is loaded. */
  cellsPerRead: number;
}

export const OFFICE_LIMITS: Readonly<FakeExcelLimits> = { payloadBytes: 5_000_000, cellsPerRead: 5_000_000 };

export interface FakeExcelOptions {
  limits?: Partial<FakeExcelLimits>;
  /** Bytes added to the request estimate for each queued operation. Default 64. */
  operationOverheadBytes?: number;
  formulaPolicy?: Partial<FormulaPolicy>;
}

/** What one `sync()` sent and got back. */
export interface SyncRecord {
  operations: number;
  requestBytes: number;
  responseBytes: number;
  /** Cell data returned: cells × properties loaded (values, formulas, numberFormat). */
  cellsRead: number;
  /** Cells of the largest single range whose cell data was loaded. */
  largestRangeRead: number;
  cellsWritten: number;
  calculationSuspended: boolean;
  screenUpdatingSuspended: boolean;
  /** The recalculation asked for in this sync, if any. */
  calculated?: "Recalculate";
  /** The error code when the sync failed. */
  failed?: string;
}

export interface FakeExcelStats {
  runs: number;
  syncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  maxCellsReadPerSync: number;
  largestRangeRead: number;
  /** `load()` calls without property names. */
  emptyLoads: number;
  perSync: SyncRecord[];
}

const jsonBytes = (value: unknown): number => {
  const text = JSON.stringify(value);
  return text === undefined ? 0 : Buffer.byteLength(text, "utf8");
};

const notLoaded = (owner: string, property: string): FakeOfficeError =>
  new FakeOfficeError(
    "PropertyNotLoaded",
    `${owner}.${property} is not available: call load("${property}") on the object and await context.sync() before reading it.`,
    `${owner}.${property}`,
  );

/** The Excel fake: hand it to the adapter where it expects `Excel`. */
export class FakeExcel implements ExcelApiSubset {
  readonly workbook: WorkbookModel;
  /** Mutable, so a test can lower the limits to reach them with small data. */
  readonly limits: FakeExcelLimits;
  readonly policy: FormulaPolicy;
  operationOverheadBytes: number;
  private records: SyncRecord[] = [];
  private runCount = 0;
  private emptyLoadCount = 0;

  constructor(workbook: WorkbookModel = fakeWorkbook({}), options: FakeExcelOptions = {}) {
    this.workbook = workbook;
    this.limits = { ...OFFICE_LIMITS, ...options.limits };
    this.policy = { ...DEFAULT_FORMULA_POLICY, ...options.formulaPolicy };
    this.operationOverheadBytes = options.operationOverheadBytes ?? 64;
  }

  async run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T> {
    this.runCount++;
    const context = new FakeRequestContext(this);
    try {
      const result = await batch(context);
      if (context.pendingOperations > 0) await context.sync();
      return result;
    } finally {
      context.close();
    }
  }

  get stats(): FakeExcelStats {
    const max = (pick: (r: SyncRecord) => number): number => this.records.reduce((m, r) => Math.max(m, pick(r)), 0);
    return {
      runs: this.runCount,
      syncs: this.records.length,
      maxRequestBytes: max((r) => r.requestBytes),
      maxResponseBytes: max((r) => r.responseBytes),
      maxCellsReadPerSync: max((r) => r.cellsRead),
      largestRangeRead: max((r) => r.largestRangeRead),
      emptyLoads: this.emptyLoadCount,
      perSync: this.records.map((r) => ({ ...r })),
    };
  }

  resetStats(): void {
    this.records = [];
    this.runCount = 0;
    this.emptyLoadCount = 0;
  }

  /** @internal */
  noteSync(record: SyncRecord): void {
    this.records.push(record);
  }

  /** @internal */
  noteEmptyLoad(): void {
    this.emptyLoadCount++;
  }
}

/** Convenience: a fake over a workbook made from plain arrays. */
export function createFakeExcel(sheets: Parameters<typeof fakeWorkbook>[0] = {}, options: FakeExcelOptions & Parameters<typeof fakeWorkbook>[1] = {}): FakeExcel {
  return new FakeExcel(fakeWorkbook(sheets, options), options);
}

/** One sync being carried out: the workbook plus this sync's tally and deferred results. */
class Execution {
  private readonly results: Array<() => void> = [];

  constructor(
    readonly excel: FakeExcel,
    readonly record: SyncRecord,
  ) {}

  get workbook(): WorkbookModel {
    return this.excel.workbook;
  }

  /** Results become readable only if the whole sync succeeds. */
  deliver(publish: () => void): void {
    this.results.push(publish);
  }

  publish(): void {
    for (const p of this.results) p();
  }

  respond(value: unknown): void {
    this.record.responseBytes += jsonBytes(value);
  }

  readCells(target: RangeTarget, property: CellProperty): CellValue[][] {
    const cells = boundsCells(target.bounds);
    if (cells > this.excel.limits.cellsPerRead) {
      throw new FakeOfficeError(
        "RangeExceedsLimit",
        `The cell count in the range (${cells}) has exceeded the maximum supported number (${this.excel.limits.cellsPerRead}).`,
        `Range.${property}`,
      );
    }
    this.record.cellsRead += cells;
    this.record.largestRangeRead = Math.max(this.record.largestRangeRead, cells);
    return this.workbook.read(target.sheet, target.bounds, property);
  }

  writeCells(target: RangeTarget, property: CellProperty, data: unknown): void {
    this.record.cellsWritten += this.workbook.write(target.sheet, target.bounds, property, data, this.excel.policy);
  }
}

interface Operation {
  bytes: number;
  run: (exec: Execution) => void;
}

export class FakeRequestContext implements RequestContextSubset {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  private queue: Operation[] = [];
  private closed = false;

  constructor(readonly excel: FakeExcel) {
    this.application = new FakeApplication(this);
    this.workbook = new FakeWorkbook(this);
  }

  get pendingOperations(): number {
    return this.queue.length;
  }

  /** @internal Queues an operation whose arguments are `payload` (sized for the request estimate). */
  enqueue(payload: unknown, run: (exec: Execution) => void): void {
    if (this.closed) {
      throw new FakeOfficeError("InvalidObjectPath", "This object belongs to an Excel.run batch that has finished; get it again inside the current batch.");
    }
    this.queue.push({ bytes: this.excel.operationOverheadBytes + jsonBytes(payload), run });
  }

  async sync(): Promise<void> {
    const operations = this.queue;
    this.queue = [];
    const record: SyncRecord = {
      operations: operations.length,
      requestBytes: operations.reduce((sum, op) => sum + op.bytes, 0),
      responseBytes: 0,
      cellsRead: 0,
      largestRangeRead: 0,
      cellsWritten: 0,
      calculationSuspended: false,
      screenUpdatingSuspended: false,
    };
    this.excel.noteSync(record);
    // A round trip: whatever the caller queues after calling sync() waits for the next one.
    await Promise.resolve();
    try {
      const limit = this.excel.limits.payloadBytes;
      if (record.requestBytes > limit) {
        throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size (${record.requestBytes} bytes) has exceeded the limit (${limit}).`);
      }
      const exec = new Execution(this.excel, record);
      for (const op of operations) op.run(exec);
      if (record.responseBytes > limit) {
        throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size (${record.responseBytes} bytes) has exceeded the limit (${limit}).`);
      }
      exec.publish();
    } catch (error) {
      record.failed = error instanceof FakeOfficeError ? error.code : String(error);
      throw error;
    }
  }

  /** @internal */
  close(): void {
    this.closed = true;
  }
}

/**
 * How a proxy finds its object: a queued lookup (null for a null object) whose
 * arguments `payload` travel in the request, derived from a parent each time,
 * or already known (items of a loaded collection).
 */
type Source<T> = { lookup: (exec: Execution) => T | null; payload?: unknown } | { derive: () => T } | { ready: T };

type Getter<T> = (target: T, exec: Execution) => unknown;

/**
 * The common part of every proxy: queued instantiation, load / sync-gated
 * reads, queued writes and calls.
 */
abstract class ProxyObject<T extends object> {
  private target: T | null | undefined;
  private nullKnown = false;
  protected readonly loaded = new Map<string, unknown>();
  protected abstract readonly owner: string;
  protected abstract readonly scalars: Record<string, Getter<T>>;

  constructor(
    protected readonly ctx: FakeRequestContext,
    private readonly source: Source<T>,
  ) {
    if ("ready" in source) {
      this.target = source.ready;
      this.nullKnown = true;
    } else if ("lookup" in source) {
      ctx.enqueue(source.payload ?? null, (exec) => {
        this.target = source.lookup(exec);
        exec.deliver(() => {
          this.nullKnown = true;
        });
      });
    } else {
      this.nullKnown = true;
    }
  }

  get isNullObject(): boolean {
    if (!this.nullKnown) throw notLoaded(this.owner, "isNullObject");
    return "derive" in this.source ? false : this.target === null;
  }

  /** Whether the model object has gone (a deleted sheet or table). */
  protected gone(target: T): boolean {
    return "deleted" in target && target.deleted === true;
  }

  /** The model object, for an operation running now. */
  protected use(): T {
    if ("derive" in this.source) return this.source.derive();
    const target = this.target;
    if (target === undefined) {
      throw new FakeOfficeError("InvalidObjectPath", `The ${this.owner} was never fetched: the sync that would have fetched it failed or has not run.`);
    }
    if (target === null) throw new FakeOfficeError("ItemNotFound", `The ${this.owner} is a null object (it does not exist).`, this.owner);
    if (this.gone(target)) throw new FakeOfficeError("InvalidReference", `The ${this.owner} has been deleted.`, this.owner);
    return target;
  }

  protected read<V>(property: string): V {
    if (!this.loaded.has(property)) throw notLoaded(this.owner, property);
    return this.loaded.get(property) as V;
  }

  /** Queues a property write; the property must be loaded again to be read. */
  protected assign(property: string, payload: unknown, apply: (target: T, exec: Execution) => void, alsoStale: string[] = []): void {
    this.loaded.delete(property);
    for (const p of alsoStale) this.loaded.delete(p);
    this.ctx.enqueue(payload, (exec) => apply(this.use(), exec));
  }

  /** Queues a method call. */
  protected call(payload: unknown, apply: (target: T, exec: Execution) => void): void {
    this.ctx.enqueue(payload, (exec) => apply(this.use(), exec));
  }

  /** Splits "a, b" / ["a", "b/c"] into property paths; no argument means every scalar. */
  protected paths(names?: string | string[]): string[] {
    if (names === undefined) {
      this.ctx.excel.noteEmptyLoad();
      return Object.keys(this.scalars);
    }
    const list = (Array.isArray(names) ? names : [names]).flatMap((n) => n.split(",")).map((n) => n.trim()).filter((n) => n !== "");
    for (const path of list) this.checkPath(path);
    return list;
  }

  protected checkPath(path: string): void {
    if (!(path in this.scalars)) {
      throw new FakeOfficeError("InvalidArgument", `The fake cannot load "${path}" on ${this.owner}; it loads ${Object.keys(this.scalars).join(", ")}.`, `${this.owner}.load`);
    }
  }

  load(names?: string | string[]): this {
    const paths = this.paths(names);
    this.ctx.enqueue(paths, (exec) => {
      // Loading a null object is allowed and yields nothing to read.
      if (this.target === null && !("derive" in this.source)) return;
      this.loadNow(paths, exec);
    });
    return this;
  }

  /** @internal Reads `paths` from the model now; they become readable when the sync succeeds. */
  loadNow(paths: string[], exec: Execution): void {
    const target = this.use();
    for (const path of paths) {
      const value = this.scalars[path](target, exec);
      exec.respond(value);
      exec.deliver(() => this.loaded.set(path, value));
    }
  }
}

/**
 * A collection: loads "items" (every scalar of each item), "items/name, items/…",
 * and its own scalars.
 */
abstract class CollectionProxy<T extends object, Item extends object, ItemProxy extends ProxyObject<Item>> extends ProxyObject<T> {
  protected abstract list(target: T, exec: Execution): Item[];
  protected abstract wrap(item: Item): ItemProxy;
  protected abstract readonly itemScalars: string[];

  get items(): ItemProxy[] {
    return this.read("items");
  }

  protected override paths(names?: string | string[]): string[] {
    if (names !== undefined) return super.paths(names);
    this.ctx.excel.noteEmptyLoad();
    return ["items"];
  }

  protected override checkPath(path: string): void {
    if (path === "items") return;
    if (path.startsWith("items/") && this.itemScalars.includes(path.slice(6))) return;
    super.checkPath(path);
  }

  override loadNow(paths: string[], exec: Execution): void {
    const itemPaths = paths.filter((p) => p === "items" || p.startsWith("items/"));
    super.loadNow(
      paths.filter((p) => !itemPaths.includes(p)),
      exec,
    );
    if (itemPaths.length === 0) return;
    const wanted = itemPaths.includes("items") ? this.itemScalars : itemPaths.map((p) => p.slice(6));
    const items = this.list(this.use(), exec).map((item) => this.wrap(item));
    for (const item of items) item.loadNow(wanted, exec);
    exec.deliver(() => this.loaded.set("items", items));
  }

  getCount(): ClientResultSubset<number> {
    const result = new FakeClientResult<number>(this.owner, "getCount");
    this.ctx.enqueue(null, (exec) => {
      const count = this.list(this.use(), exec).length;
      exec.respond(count);
      exec.deliver(() => result.settle(count));
    });
    return result;
  }
}

/** `OfficeExtension.ClientResult`: `value` readable after the sync. */
class FakeClientResult<V> implements ClientResultSubset<V> {
  private settled = false;
  private result: V | undefined;

  constructor(
    private readonly owner: string,
    private readonly method: string,
  ) {}

  settle(value: V): void {
    this.result = value;
    this.settled = true;
  }

  get value(): V {
    if (!this.settled) throw notLoaded(`${this.owner}.${this.method}()`, "value");
    return this.result as V;
  }
}

// ---- application and workbook ------------------------------------------------

export class FakeApplication implements ApplicationSubset {
  constructor(private readonly ctx: FakeRequestContext) {}

  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue(null, (exec) => {
      exec.record.calculationSuspended = true;
    });
  }

  /** Recorded, not carried out: the fake does not calculate. */
  calculate(calculationType: "Recalculate"): void {
    this.ctx.enqueue(null, (exec) => {
      exec.record.calculated = calculationType;
    });
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.enqueue(null, (exec) => {
      exec.record.screenUpdatingSuspended = true;
    });
  }
}

export class FakeWorkbook implements WorkbookSubset {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly settings: FakeSettingCollection;

  constructor(private readonly ctx: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.tables = new FakeTableCollection(ctx, () => null);
    this.settings = new FakeSettingCollection(ctx);
  }

  get application(): FakeApplication {
    return this.ctx.application;
  }
}

// ---- worksheets -------------------------------------------------------------

export class FakeWorksheetCollection extends CollectionProxy<WorkbookModel, SheetModel, FakeWorksheet> implements WorksheetCollectionSubset {
  protected readonly owner = "WorksheetCollection";
  protected readonly scalars: Record<string, Getter<WorkbookModel>> = {};
  protected readonly itemScalars = ["name", "position"];

  constructor(ctx: FakeRequestContext) {
    super(ctx, { derive: () => ctx.excel.workbook });
  }

  protected list(workbook: WorkbookModel): SheetModel[] {
    return workbook.sheets;
  }

  protected wrap(sheet: SheetModel): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { ready: sheet });
  }

  add(name?: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { lookup: (exec) => exec.workbook.addSheet(name), payload: name });
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { lookup: (exec) => exec.workbook.requireSheet(key), payload: key });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { lookup: (exec) => exec.workbook.sheet(key) ?? null, payload: key });
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, {
      lookup: (exec) => exec.workbook.activeSheet ?? exec.workbook.sheets[0],
    });
  }
}

export class FakeWorksheet extends ProxyObject<SheetModel> implements WorksheetSubset {
  protected readonly owner = "Worksheet";
  protected readonly scalars: Record<string, Getter<SheetModel>> = {
    name: (s) => s.name,
    position: (s, exec) => exec.workbook.sheets.indexOf(s),
  };
  readonly tables: FakeTableCollection;
  readonly freezePanes: FakeFreezePanes;
  readonly pageLayout: FakePageLayout;

  constructor(ctx: FakeRequestContext, source: Source<SheetModel>) {
    super(ctx, source);
    this.tables = new FakeTableCollection(ctx, () => this.use());
    this.freezePanes = new FakeFreezePanes(ctx, { derive: () => this.use() });
    this.pageLayout = new FakePageLayout(ctx, { derive: () => this.use() });
  }

  get name(): string {
    return this.read("name");
  }

  set name(name: string) {
    this.assign("name", name, (sheet, exec) => exec.workbook.renameSheet(sheet, name));
  }

  get position(): number {
    return this.read("position");
  }

  set position(position: number) {
    this.assign("position", position, (sheet, exec) => exec.workbook.moveSheet(sheet, position));
  }

  activate(): void {
    this.call(null, (sheet, exec) => {
      exec.workbook.activeSheet = sheet;
    });
  }

  delete(): void {
    this.call(null, (sheet, exec) => exec.workbook.deleteSheet(sheet));
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, {
      payload: address,
      lookup: () => {
        const sheet = this.use();
        if (address === undefined) return { sheet, bounds: { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLUMNS - 1 } };
        const parsed = parseAddress(address);
        if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
          throw new FakeOfficeError("InvalidArgument", `"${address}" is not on worksheet "${sheet.name}".`, "Worksheet.getRange");
        }
        return { sheet, bounds: parsed.bounds };
      },
    });
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, {
      payload: valuesOnly,
      lookup: () => {
        const sheet = this.use();
        // An empty sheet's used range is A1.
        return { sheet, bounds: sheet.usedBounds(valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
      },
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, {
      payload: valuesOnly,
      lookup: () => {
        const sheet = this.use();
        const bounds = sheet.usedBounds(valuesOnly);
        return bounds ? { sheet, bounds } : null;
      },
    });
  }
}

/**
 * Worksheet.pageLayout (ExcelApi 1.9), write-only: what is set is recorded in
 * the sheet's `pageLayout` record (print title rows as "printTitleRows", the
 * default header and footer as "headersFooters.<section>"); nothing is printed.
 */
export class FakePageLayout extends ProxyObject<SheetModel> {
  protected readonly owner = "PageLayout";
  protected readonly scalars: Record<string, Getter<SheetModel>> = {};
  readonly headersFooters: { readonly defaultForAllPages: HeaderFooterSubset };

  constructor(ctx: FakeRequestContext, source: Source<SheetModel>) {
    super(ctx, source);
    const set = (key: string, value: unknown) => this.call(value, (sheet) => {
      sheet.pageLayout[key] = value;
    });
    const section = (name: keyof HeaderFooterSubset) => ({
      get: (): string => {
        throw notLoaded("HeaderFooter", name);
      },
      set: (text: string) => set(`headersFooters.${name}`, text),
      enumerable: true,
    });
    const defaultForAllPages = Object.defineProperties({} as HeaderFooterSubset, {
      leftHeader: section("leftHeader"),
      centerHeader: section("centerHeader"),
      rightHeader: section("rightHeader"),
      leftFooter: section("leftFooter"),
      rightFooter: section("rightFooter"),
    });
    this.headersFooters = { defaultForAllPages };
    for (const key of ["orientation", "zoom", "leftMargin", "rightMargin", "topMargin", "bottomMargin", "headerMargin", "footerMargin"]) {
      Object.defineProperty(this, key, {
        get: () => {
          throw notLoaded(this.owner, key);
        },
        set: (value: unknown) => set(key, typeof value === "object" && value !== null ? { ...value } : value),
        enumerable: true,
      });
    }
  }

  setPrintTitleRows(rows: RangeSubset | string): void {
    if (typeof rows !== "string") throw new FakeOfficeError("InvalidArgument", "The fake takes print title rows as A1 text.", "PageLayout.setPrintTitleRows");
    this.call(rows, (sheet) => {
      sheet.pageLayout.printTitleRows = rows;
    });
  }
}
export interface FakePageLayout extends PageLayoutSubset {}

export class FakeFreezePanes extends ProxyObject<SheetModel> implements WorksheetFreezePanesSubset {
  protected readonly owner = "WorksheetFreezePanes";
  protected readonly scalars: Record<string, Getter<SheetModel>> = {};

  freezeRows(count = 1): void {
    this.call(count, (sheet) => {
      if (!Number.isInteger(count) || count < 0) throw new FakeOfficeError("InvalidArgument", `Cannot freeze ${count} rows.`, "WorksheetFreezePanes.freezeRows");
      sheet.frozenRows = count;
    });
  }

  unfreeze(): void {
    this.call(null, (sheet) => {
      sheet.frozenRows = 0;
    });
  }
}

// ---- ranges -----------------------------------------------------------------

interface RangeTarget {
  sheet: SheetModel;
  bounds: Bounds;
  deleted?: undefined;
}

const outsideGrid = (where: string): FakeOfficeError => new FakeOfficeError("InvalidArgument", "The range would fall outside the worksheet.", where);

export class FakeRange extends ProxyObject<RangeTarget> implements RangeSubset {
  protected readonly owner = "Range";
  protected readonly scalars: Record<string, Getter<RangeTarget>> = {
    address: (t) => formatAddress(t.sheet.name, t.bounds),
    rowCount: (t) => boundsRows(t.bounds),
    columnCount: (t) => boundsColumns(t.bounds),
    rowIndex: (t) => t.bounds.top,
    columnIndex: (t) => t.bounds.left,
    values: (t, exec) => exec.readCells(t, "values"),
    formulas: (t, exec) => exec.readCells(t, "formulas"),
    numberFormat: (t, exec) => exec.readCells(t, "numberFormat"),
    valueTypes: (t, exec) => exec.readCells(t, "valueTypes"),
  };
  readonly format: FakeRangeFormat;

  constructor(ctx: FakeRequestContext, source: Source<RangeTarget>) {
    super(ctx, source);
    this.format = new FakeRangeFormat(ctx, { derive: () => this.use() });
  }

  protected override gone(target: RangeTarget): boolean {
    return target.sheet.deleted;
  }

  get values(): CellValue[][] {
    return this.read("values");
  }
  set values(data: CellInput[][]) {
    this.assign("values", data, (t, exec) => exec.writeCells(t, "values", data), ["formulas"]);
  }

  get formulas(): CellValue[][] {
    return this.read("formulas");
  }
  set formulas(data: CellInput[][]) {
    this.assign("formulas", data, (t, exec) => exec.writeCells(t, "formulas", data), ["values"]);
  }

  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(data: (string | null)[][]) {
    this.assign("numberFormat", data, (t, exec) => exec.writeCells(t, "numberFormat", data));
  }

  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }

  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }

  private sheetProxy: FakeWorksheet | undefined;

  /** Made on first use and kept, as Office.js keeps navigation objects. */
  get worksheet(): FakeWorksheet {
    this.sheetProxy ??= new FakeWorksheet(this.ctx, { lookup: () => this.use().sheet });
    return this.sheetProxy;
  }

  /** A range derived from this one, computed in queue order. */
  private derived(where: string, payload: unknown, shift: (b: Bounds) => Bounds): FakeRange {
    return new FakeRange(this.ctx, {
      payload,
      lookup: () => {
        const t = this.use();
        const bounds = shift(t.bounds);
        if (!insideGrid(bounds)) throw outsideGrid(where);
        return { sheet: t.sheet, bounds };
      },
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived("Range.getCell", [row, column], (b) => ({ top: b.top + row, left: b.left + column, bottom: b.top + row, right: b.left + column }));
  }

  getRow(row: number): FakeRange {
    return this.derived("Range.getRow", [row], (b) => ({ ...b, top: b.top + row, bottom: b.top + row }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived("Range.getResizedRange", [deltaRows, deltaColumns], (b) => ({ ...b, bottom: b.bottom + deltaRows, right: b.right + deltaColumns }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived("Range.getOffsetRange", [rowOffset, columnOffset], (b) => ({
      top: b.top + rowOffset,
      bottom: b.bottom + rowOffset,
      left: b.left + columnOffset,
      right: b.right + columnOffset,
    }));
  }

  clear(applyTo: ClearTarget = "All"): void {
    this.call(applyTo, (t, exec) => exec.workbook.clear(t.sheet, t.bounds, applyTo));
  }

  select(): void {
    this.call(null, (t, exec) => {
      exec.workbook.activeSheet = t.sheet;
      exec.workbook.selection = { sheet: t.sheet, bounds: { ...t.bounds } };
    });
  }

  /** @internal For tables.add / resize given a range object. */
  targetNow(): RangeTarget {
    return this.use();
  }
}

export class FakeRangeFormat extends ProxyObject<RangeTarget> implements RangeFormatSubset {
  protected readonly owner = "RangeFormat";
  protected readonly scalars: Record<string, Getter<RangeTarget>> = {
    columnWidth: (t, exec) => exec.workbook.columnWidthOf(t.sheet, t.bounds),
    wrapText: (t, exec) => exec.workbook.wrapOf(t.sheet, t.bounds),
  };
  readonly font: FakeRangeFont;

  constructor(ctx: FakeRequestContext, source: Source<RangeTarget>) {
    super(ctx, source);
    this.font = new FakeRangeFont(ctx, { derive: () => this.use() });
  }

  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(points: number) {
    this.assign("columnWidth", points, (t, exec) => exec.workbook.setColumnWidth(t.sheet, t.bounds, points));
  }

  get wrapText(): boolean {
    return this.read("wrapText");
  }
  set wrapText(wrap: boolean) {
    this.assign("wrapText", wrap, (t) => {
      t.sheet.wrapRanges.push({ bounds: { ...t.bounds }, wrap });
    });
  }

  autofitColumns(): void {
    this.call(null, (t) => {
      for (let column = t.bounds.left; column <= t.bounds.right; column++) t.sheet.autofitColumns.add(column);
    });
  }

  autofitRows(): void {
    this.call(null, (t) => {
      t.sheet.autofitRows.push({ ...t.bounds });
    });
  }
}

export class FakeRangeFont extends ProxyObject<RangeTarget> implements RangeFontSubset {
  protected readonly owner = "RangeFont";
  protected readonly scalars: Record<string, Getter<RangeTarget>> = {
    bold: (t, exec) => exec.workbook.boldOf(t.sheet, t.bounds),
  };

  get bold(): boolean {
    return this.read("bold");
  }
  set bold(bold: boolean) {
    this.assign("bold", bold, (t, exec) => exec.workbook.setBold(t.sheet, t.bounds, bold));
  }
}

// ---- tables -----------------------------------------------------------------

/** Where a tables.add address points: a range object of this batch, or A1 text. */
function tableBounds(address: RangeSubset | string, exec: Execution, scope: SheetModel | null, where: string): RangeTarget {
  if (address instanceof FakeRange) return address.targetNow();
  if (typeof address !== "string") throw new FakeOfficeError("InvalidArgument", "A table address must be A1 text or a Range of this fake.", where);
  const parsed = parseAddress(address);
  const named = parsed.sheet !== undefined ? exec.workbook.requireSheet(parsed.sheet) : undefined;
  if (scope && named && named !== scope) throw new FakeOfficeError("InvalidArgument", `"${address}" is not on worksheet "${scope.name}".`, where);
  // Without a sheet in the address, Excel uses the collection's sheet, else the active one.
  const sheet = named ?? scope ?? exec.workbook.activeSheet ?? exec.workbook.sheets[0];
  return { sheet, bounds: parsed.bounds };
}

/** Workbook-wide (`scope` null) or one sheet's tables. */
export class FakeTableCollection extends CollectionProxy<{ scope: SheetModel | null }, TableModel, FakeTable> implements TableCollectionSubset {
  protected readonly owner = "TableCollection";
  protected readonly scalars: Record<string, Getter<{ scope: SheetModel | null }>> = {
    count: (t, exec) => this.list(t, exec).length,
  };
  protected readonly itemScalars = ["name", "showTotals", "showHeaders"];

  constructor(ctx: FakeRequestContext, scope: () => SheetModel | null) {
    super(ctx, { derive: () => ({ scope: scope() }) });
  }

  protected list(t: { scope: SheetModel | null }, exec: Execution): TableModel[] {
    return exec.workbook.tables.filter((table) => t.scope === null || table.sheet === t.scope);
  }

  protected wrap(table: TableModel): FakeTable {
    return new FakeTable(this.ctx, { ready: table });
  }

  get count(): number {
    return this.read("count");
  }

  add(address: RangeSubset | string, hasHeaders: boolean): FakeTable {
    return new FakeTable(this.ctx, {
      payload: typeof address === "string" ? [address, hasHeaders] : [hasHeaders],
      lookup: (exec) => {
        const { scope } = this.use();
        const target = tableBounds(address, exec, scope, "TableCollection.add");
        return exec.workbook.addTable(target.sheet, target.bounds, hasHeaders);
      },
    });
  }

  private find(key: string, exec: Execution): TableModel | null {
    const table = exec.workbook.table(key);
    const { scope } = this.use();
    return table && (scope === null || table.sheet === scope) ? table : null;
  }

  getItem(key: string): FakeTable {
    return new FakeTable(this.ctx, {
      payload: key,
      lookup: (exec) => {
        const table = this.find(key, exec);
        if (!table) throw new FakeOfficeError("ItemNotFound", `There is no table named "${key}".`, "TableCollection.getItem");
        return table;
      },
    });
  }

  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this.ctx, { payload: key, lookup: (exec) => this.find(key, exec) });
  }
}

export class FakeTable extends ProxyObject<TableModel> implements TableSubset {
  protected readonly owner = "Table";
  protected readonly scalars: Record<string, Getter<TableModel>> = {
    name: (t) => t.name,
    showTotals: (t) => t.showTotals,
    showHeaders: () => true,
  };

  get name(): string {
    return this.read("name");
  }
  set name(name: string) {
    this.assign("name", name, (t, exec) => exec.workbook.renameTable(t, name));
  }

  get showTotals(): boolean {
    return this.read("showTotals");
  }
  set showTotals(show: boolean) {
    this.assign("showTotals", show, (t, exec) => exec.workbook.setShowTotals(t, show));
  }

  get showHeaders(): boolean {
    return this.read("showHeaders");
  }

  private sheetProxy: FakeWorksheet | undefined;

  /** Made on first use and kept, as Office.js keeps navigation objects. */
  get worksheet(): FakeWorksheet {
    this.sheetProxy ??= new FakeWorksheet(this.ctx, { lookup: () => this.use().sheet });
    return this.sheetProxy;
  }

  private region(where: string, pick: (t: TableModel) => Bounds | undefined): FakeRange {
    return new FakeRange(this.ctx, {
      lookup: () => {
        const table = this.use();
        const bounds = pick(table);
        if (!bounds) throw new FakeOfficeError("InvalidOperation", `Table "${table.name}" has no totals row.`, where);
        return { sheet: table.sheet, bounds };
      },
    });
  }

  getRange(): FakeRange {
    return this.region("Table.getRange", (t) => t.bounds);
  }

  getHeaderRowRange(): FakeRange {
    return this.region("Table.getHeaderRowRange", (t) => tableRegions(t).header);
  }

  getDataBodyRange(): FakeRange {
    return this.region("Table.getDataBodyRange", (t) => tableRegions(t).body);
  }

  getTotalRowRange(): FakeRange {
    return this.region("Table.getTotalRowRange", (t) => tableRegions(t).totals);
  }

  resize(newRange: RangeSubset | string): void {
    this.call(typeof newRange === "string" ? newRange : null, (table, exec) => {
      const target = tableBounds(newRange, exec, table.sheet, "Table.resize");
      if (target.sheet !== table.sheet) throw new FakeOfficeError("InvalidArgument", "A table cannot move to another sheet.", "Table.resize");
      exec.workbook.resizeTable(table, target.bounds);
    });
  }

  delete(): void {
    this.call(null, (table, exec) => exec.workbook.deleteTable(table));
  }
}

// ---- settings ---------------------------------------------------------------

interface SettingTarget {
  key: string;
  deleted?: boolean;
}

export class FakeSettingCollection extends CollectionProxy<WorkbookModel, SettingTarget, FakeSetting> implements SettingCollectionSubset {
  protected readonly owner = "SettingCollection";
  protected readonly scalars: Record<string, Getter<WorkbookModel>> = {};
  protected readonly itemScalars = ["key", "value"];

  constructor(ctx: FakeRequestContext) {
    super(ctx, { derive: () => ctx.excel.workbook });
  }

  protected list(workbook: WorkbookModel): SettingTarget[] {
    return [...workbook.settings.keys()].map((key) => ({ key }));
  }

  protected wrap(setting: SettingTarget): FakeSetting {
    return new FakeSetting(this.ctx, { ready: setting });
  }

  add(key: string, value: SettingValue): FakeSetting {
    return new FakeSetting(this.ctx, {
      payload: [key, value],
      lookup: (exec) => {
        exec.workbook.settings.set(key, jsonCopy(value));
        return { key };
      },
    });
  }

  getItem(key: string): FakeSetting {
    return new FakeSetting(this.ctx, {
      payload: key,
      lookup: (exec) => {
        if (!exec.workbook.settings.has(key)) throw new FakeOfficeError("ItemNotFound", `There is no setting "${key}".`, "SettingCollection.getItem");
        return { key };
      },
    });
  }

  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.ctx, { payload: key, lookup: (exec) => (exec.workbook.settings.has(key) ? { key } : null) });
  }
}

export class FakeSetting extends ProxyObject<SettingTarget> implements SettingSubset {
  protected readonly owner = "Setting";
  protected readonly scalars: Record<string, Getter<SettingTarget>> = {
    key: (s) => s.key,
    value: (s, exec) => {
      if (!exec.workbook.settings.has(s.key)) throw new FakeOfficeError("ItemNotFound", `The setting "${s.key}" has been deleted.`, "Setting.value");
      return jsonCopy(exec.workbook.settings.get(s.key));
    },
  };

  get key(): string {
    return this.read("key");
  }

  get value(): unknown {
    return this.read("value");
  }
  set value(value: unknown) {
    this.assign("value", value, (s, exec) => exec.workbook.settings.set(s.key, jsonCopy(value)));
  }

  delete(): void {
    this.call(null, (s, exec) => {
      exec.workbook.settings.delete(s.key);
      s.deleted = true;
    });
  }
}
