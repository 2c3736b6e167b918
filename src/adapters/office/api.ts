/**
 * The part of Office.js the adapter may use: `ExcelApiSubset` (excel-api.ts).
 * The in-memory Excel fake in test/fakes implements it, and its tests check at
 * compile time that the real `Excel` namespace fits it too.
 *
 * Charts are outside the subset (the fake has none), so they are reached
 * through a capability check: `chartsOf` gives the worksheet's charts when the
 * host has them (Excel does; the fake does not).
 */
import type { RangeSubset, WorksheetSubset } from "./excel-api";

export type {
  CellInput,
  CellValue as OfficeValue,
  ExcelApiSubset,
  RangeSubset,
  RequestContextSubset,
  TableSubset,
  WorksheetSubset,
} from "./excel-api";

/** Excel.Chart, as far as the Variances chart needs it (ExcelApi 1.1, setXAxisValues 1.7). */
export interface ChartSubset {
  readonly title: { text: string };
  readonly legend: { visible: boolean };
  readonly series: { getItemAt(index: number): { setXAxisValues(sourceData: RangeSubset): void } };
  setPosition(startCell: RangeSubset | string, endCell?: RangeSubset | string): void;
}

/** Excel.ChartCollection, as far as the Variances chart needs it. */
export interface ChartCollectionSubset {
  add(type: "BarClustered", sourceData: RangeSubset, seriesBy?: "Columns"): ChartSubset;
}

/** The worksheet's chart collection when the host has one. */
export function chartsOf(sheet: WorksheetSubset): ChartCollectionSubset | undefined {
  const charts = (sheet as WorksheetSubset & { charts?: ChartCollectionSubset }).charts;
  return charts !== undefined && typeof charts.add === "function" ? charts : undefined;
}

/** The Office error code of a failure (OfficeExtension.Error and the fake's errors carry one). */
export function officeErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
