/**
 * The plants the cases run on: the benchmark plant, scaled by its
 * number of completion rows (sales and purchases in proportion, items and
 * BOM as they are), and the tables as the grids Excel hands over.
 */
import { writeFile } from "node:fs/promises";
import { newXlsx } from "../src/adapters/xlsx/bytes";
import { saveXlsx } from "../src/adapters/xlsx/file";
import { excelSerialFromIso, isoFromUtcDate } from "../src/engine/dates";
import type { TableName } from "../src/engine/types";
import { BENCHMARK_PLANT_OPTIONS, generatePlant, type PlantOptions, type TableGrids } from "../src/sample";
import type { CellValue } from "../src/workbook/cells";
import type { RawTable } from "../src/workbook/parse";
import { TABLE_ORDER } from "../src/workbook/schema";
import { withSharedStrings } from "./excel-saved";

/** Excel's last row less the header row. */
export const FULL_SHEET_ROWS = 1_048_575;

/**
 * The benchmark plant with `completionRows` completions; sales and purchases
 * keep their share of the full sheet (200,000 and 50,000 per 1,048,575).
 */
function scaledPlant(completionRows: number, extra: Partial<PlantOptions> = {}): Partial<PlantOptions> {
  const share = completionRows / BENCHMARK_PLANT_OPTIONS.completionRows;
  return {
    ...BENCHMARK_PLANT_OPTIONS,
    completionRows,
    salesRows: Math.max(1, Math.round(BENCHMARK_PLANT_OPTIONS.salesRows * share)),
    purchaseRows: Math.max(1, Math.round(BENCHMARK_PLANT_OPTIONS.purchaseRows * share)),
    ...extra,
  };
}

/**
 * A small plant with the benchmark's shape (a 5-level BOM), for --quick: the
 * figures mean nothing, but every path of every case runs.
 */
function quickPlant(completionRows: number, extra: Partial<PlantOptions> = {}): Partial<PlantOptions> {
  return scaledPlant(completionRows, { materials: 60, assemblies: 30, bomWidth: 6, conversionRows: 24, ...extra });
}

/** The plant a case runs on: the benchmark's shape, or the small one under --quick. */
export function plantFor(quick: boolean, completionRows: number, extra: Partial<PlantOptions> = {}): Partial<PlantOptions> {
  return quick ? quickPlant(completionRows, extra) : scaledPlant(completionRows, extra);
}

/**
 * The grids with every date as Office.js hands it over: an Excel serial
 * number (the generator, like ExcelJS, makes Date objects). Done once, outside
 * any timed region; one conversion per distinct day.
 */
export function asExcelValues(grids: TableGrids): TableGrids {
  const serials = new Map<number, number>();
  const serial = (d: Date): number => {
    let n = serials.get(d.getTime());
    if (n === undefined) serials.set(d.getTime(), (n = excelSerialFromIso(isoFromUtcDate(d))));
    return n;
  };
  const out = {} as TableGrids;
  for (const name of TABLE_ORDER) out[name] = grids[name].map((row) => (row.some((v) => v instanceof Date) ? row.map((v) => (v instanceof Date ? serial(v) : v)) : row));
  return out;
}

/**
 * Each input table as the Office adapter reads an Excel table: its header row
 * range and its data body range, two ranges (Office.js gives them apart, and
 * the adapter reading a plain sheet takes its header off without copying the
 * rows). Tables with an empty grid are left out.
 */
export type TableRanges = Partial<Record<TableName, { header: readonly CellValue[]; body: readonly (readonly CellValue[])[] }>>;

/** The grids as those two ranges a table: cut once per plant, outside any timed region. */
export function tableRanges(grids: TableGrids): TableRanges {
  const out: TableRanges = {};
  for (const name of TABLE_ORDER) {
    const grid = grids[name];
    if (grid.length > 0) out[name] = { header: grid[0], body: grid.slice(1) };
  }
  return out;
}

/** The ranges as the adapter hands them to readInput: wrapped, not copied (inside the timed region). */
export function rawTablesOfRanges(ranges: TableRanges): Partial<Record<TableName, RawTable>> {
  const out: Partial<Record<TableName, RawTable>> = {};
  for (const name of TABLE_ORDER) {
    const range = ranges[name];
    if (range) out[name] = { sheet: name, tableName: name, headerRow: 1, firstColumn: 0, header: range.header, rows: range.body };
  }
  return out;
}

/** Data rows of a grid (without its header). */
export const dataRows = (grid: readonly unknown[]): number => Math.max(0, grid.length - 1);

/**
 * The plant written as an .xlsx file through the adapter, its tables as Excel
 * tables (the cli and browser cases' input); with `asExcelSaves`, its text
 * then moved into shared strings, as Excel would save the file (excel-saved.ts).
 */
export async function writePlantFile(plant: Partial<PlantOptions>, path: string, asExcelSaves = false): Promise<void> {
  const book = await newXlsx();
  await book.writeInputTables(generatePlant(plant));
  if (asExcelSaves) await writeFile(path, await withSharedStrings(await book.toBytes()));
  else await saveXlsx(book, path);
}
