/**
 * `ExcelApiSubset`: exactly the part of the Excel JavaScript API (Office.js)
 * that the Backflush adapter may use. The adapter takes an `ExcelApiSubset`
 * (the global `Excel` in the add-in, the fake in tests), so anything outside
 * this list is a type error in the adapter rather than a surprise in Excel.
 *
 * Every interface here is a structural subset of the matching `Excel.*` type
 * from @types/office-js; excel-fake.test.ts checks at compile time that the
 * real `Excel` namespace satisfies `ExcelApiSubset`.
 *
 * Rules the types can't express (see excel-fake.ts for how the fake holds them):
 * - every property read needs `load(...)` and then `await context.sync()`;
 * - writes happen, in order, at the next sync;
 * - `isNullObject` is known only after the sync that follows the `*OrNullObject` call;
 * - use string literals ("Contents"), not `Excel.*` enums, which don't exist outside Excel.
 */
export type CellValue = string | number | boolean;
/** In a 2-D write, `null` leaves that cell as it is. */
export type CellInput = CellValue | null;

export interface ClientResultSubset<T> {
  readonly value: T;
}

export interface ExcelApiSubset {
  run<T>(batch: (context: RequestContextSubset) => Promise<T>): Promise<T>;
}

export interface RequestContextSubset {
  readonly workbook: WorkbookSubset;
  readonly application: ApplicationSubset;
  sync(): Promise<void>;
}

export interface ApplicationSubset {
  /** Recalculates the workbook (ExcelApi 1.1): "Recalculate" what changed since the last calculation. */
  calculate(calculationType: "Recalculate"): void;
  suspendApiCalculationUntilNextSync(): void;
  suspendScreenUpdatingUntilNextSync(): void;
}

export interface WorkbookSubset {
  readonly application: ApplicationSubset;
  readonly worksheets: WorksheetCollectionSubset;
  readonly tables: TableCollectionSubset;
  readonly settings: SettingCollectionSubset;
}

export interface WorksheetCollectionSubset {
  readonly items: WorksheetSubset[];
  add(name?: string): WorksheetSubset;
  getItem(key: string): WorksheetSubset;
  getItemOrNullObject(key: string): WorksheetSubset;
  getActiveWorksheet(): WorksheetSubset;
  getCount(): ClientResultSubset<number>;
  load(propertyNames?: string | string[]): WorksheetCollectionSubset;
}

export interface WorksheetSubset {
  name: string;
  /** Zero-based place in the tab order; set, it moves the sheet there. */
  position: number;
  readonly isNullObject: boolean;
  readonly tables: TableCollectionSubset;
  readonly freezePanes: WorksheetFreezePanesSubset;
  activate(): void;
  delete(): void;
  getRange(address?: string): RangeSubset;
  getUsedRange(valuesOnly?: boolean): RangeSubset;
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeSubset;
  load(propertyNames?: string | string[]): WorksheetSubset;
}

export interface WorksheetFreezePanesSubset {
  freezeRows(count?: number): void;
  unfreeze(): void;
}

export interface TableCollectionSubset {
  readonly items: TableSubset[];
  readonly count: number;
  add(address: RangeSubset | string, hasHeaders: boolean): TableSubset;
  getItem(key: string): TableSubset;
  getItemOrNullObject(key: string): TableSubset;
  getCount(): ClientResultSubset<number>;
  load(propertyNames?: string | string[]): TableCollectionSubset;
}

export interface TableSubset {
  name: string;
  showTotals: boolean;
  readonly showHeaders: boolean;
  readonly isNullObject: boolean;
  readonly worksheet: WorksheetSubset;
  getRange(): RangeSubset;
  getHeaderRowRange(): RangeSubset;
  getDataBodyRange(): RangeSubset;
  getTotalRowRange(): RangeSubset;
  resize(newRange: RangeSubset | string): void;
  delete(): void;
  load(propertyNames?: string | string[]): TableSubset;
}

export interface RangeFontSubset {
  /** Loaded as null when the cells differ. */
  bold: boolean;
  load(propertyNames?: string | string[]): RangeFontSubset;
}

export interface RangeFormatSubset {
  /** Points; loaded as null when the columns differ. */
  columnWidth: number;
  /** Text wraps within the cell's width; loaded as null when the cells differ. */
  wrapText: boolean;
  readonly font: RangeFontSubset;
  autofitColumns(): void;
  /** Fits each row's height to its (wrapped) contents. */
  autofitRows(): void;
  load(propertyNames?: string | string[]): RangeFormatSubset;
}

export interface RangeSubset {
  get values(): CellValue[][];
  set values(data: CellInput[][]);
  get formulas(): CellValue[][];
  set formulas(data: CellInput[][]);
  get numberFormat(): string[][];
  set numberFormat(data: (string | null)[][]);
  /** "Empty", "String", "Double", "Boolean", "Error" (Excel.RangeValueType). */
  readonly valueTypes: string[][];
  readonly address: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly isNullObject: boolean;
  readonly format: RangeFormatSubset;
  readonly worksheet: WorksheetSubset;
  getCell(row: number, column: number): RangeSubset;
  /** One row of the range, 0-based (ExcelApi 1.1). */
  getRow(row: number): RangeSubset;
  getResizedRange(deltaRows: number, deltaColumns: number): RangeSubset;
  getOffsetRange(rowOffset: number, columnOffset: number): RangeSubset;
  clear(applyTo?: "All" | "Formats" | "Contents"): void;
  select(): void;
  load(propertyNames?: string | string[]): RangeSubset;
}

export type SettingValue = string | number | boolean | null | SettingValue[] | { [key: string]: SettingValue };

export interface SettingCollectionSubset {
  readonly items: SettingSubset[];
  add(key: string, value: SettingValue): SettingSubset;
  getItem(key: string): SettingSubset;
  getItemOrNullObject(key: string): SettingSubset;
  getCount(): ClientResultSubset<number>;
  load(propertyNames?: string | string[]): SettingCollectionSubset;
}

export interface SettingSubset {
  readonly key: string;
  value: unknown;
  readonly isNullObject: boolean;
  delete(): void;
  load(propertyNames?: string | string[]): SettingSubset;
}
