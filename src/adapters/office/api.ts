/**
 * The part of Office.js the adapter may use: `ExcelApiSubset` (excel-api.ts).
 * The in-memory Excel fake in test/fakes implements it, and its tests check at
 * compile time that the real `Excel` namespace fits it too.
 *
 * Charts and page layout are outside the subset (charts need ExcelApi 1.1's
 * chart objects the fake lacks, page layout ExcelApi 1.9), so they are reached
 * through capability checks: `chartsOf` gives the worksheet's charts and
 * `pageLayoutOf` its page layout when the host has them (Excel does; the fake
 * has page layout, not charts).
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

/** Excel.PageBreakCollection (ExcelApi 1.9), as far as a page break above the chart needs it. */
export interface PageBreaksSubset {
  add(pageBreakRange: string): unknown;
}

/** The worksheet's manual horizontal page breaks when the host has them. */
export function horizontalPageBreaksOf(sheet: WorksheetSubset): PageBreaksSubset | undefined {
  const breaks = (sheet as WorksheetSubset & { horizontalPageBreaks?: PageBreaksSubset }).horizontalPageBreaks;
  return breaks !== undefined && typeof breaks.add === "function" ? breaks : undefined;
}

/** Excel.HeaderFooter: codes as in the file format (&P page, &N pages, &A sheet name). */
export interface HeaderFooterSubset {
  leftHeader: string;
  centerHeader: string;
  rightHeader: string;
  leftFooter: string;
  rightFooter: string;
}

/** Excel.PageLayout (ExcelApi 1.9), as far as printing a generated sheet needs it; margins in points. */
export interface PageLayoutSubset {
  /** "Landscape" or "Portrait" (Excel.PageOrientation). */
  orientation: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  readonly headersFooters: { readonly defaultForAllPages: HeaderFooterSubset };
  setPrintTitleRows(printTitleRows: RangeSubset | string): void;
}

/** The worksheet's page layout when the host has one. */
export function pageLayoutOf(sheet: WorksheetSubset): PageLayoutSubset | undefined {
  const layout = (sheet as WorksheetSubset & { pageLayout?: PageLayoutSubset }).pageLayout;
  return layout !== undefined && typeof layout.setPrintTitleRows === "function" ? layout : undefined;
}

/** The Office error code of a failure (OfficeExtension.Error and the fake's errors carry one). */
export function officeErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
