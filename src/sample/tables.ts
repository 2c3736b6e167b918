/**
 * Input tables as the template, the sample workbook and the generator write
 * them: the English headers and column kinds of schema.ts, with column widths
 * that fit their content; and the same tables as the reader and the benchmark
 * see them (RawTable, or the bare 2-D grid Excel hands over).
 */
import type { TableName } from "../engine/types";
import type { CellValue } from "../workbook/cells";
import type { RawTable } from "../workbook/parse";
import type { InputTableModel } from "../workbook/port";
import { TABLES, TABLE_ORDER } from "../workbook/schema";

/** A table's rows, mutable while they are built. */
export type Rows = CellValue[][];

/** One 2-D grid per table: the header row first, then the data rows. */
export type TableGrids = Record<TableName, CellValue[][]>;

/** Column widths in Excel character units; the header must fit, and so must typical content. */
const WIDTHS: Readonly<Record<string, number>> = {
  Date: 12,
  Item: 18,
  Type: 11,
  StdPrice: 11,
  StdConversion: 15,
  Description: 34,
  Unit: 7,
  Parent: 18,
  Component: 18,
  QtyPer: 10,
  Scrap: 8,
  ValidFrom: 12,
  ValidTo: 12,
  Qty: 10,
  Ref: 14,
  Amount: 13,
  Category: 20,
  Opening: 10,
  Count: 10,
  Setting: 14,
  Value: 28,
  Role: 16,
  Account: 10,
  Name: 36,
};

/** The columns of a table as schema.ts defines them, with widths. */
export function columnsOf(table: TableName): InputTableModel["columns"] {
  return TABLES[table].columns.map((c) => ({ header: c.key, kind: c.kind, width: WIDTHS[c.key] ?? Math.max(10, c.key.length + 2) }));
}

/** An input table on a sheet of its own name. */
export function inputTable(table: TableName, rows: InputTableModel["rows"]): InputTableModel {
  return { table, sheet: table, columns: columnsOf(table), rows };
}

/** The table as an adapter would hand it to `readInput`: an Excel table with its header in row 1 at column A. */
export function rawTableOf(model: InputTableModel): RawTable {
  return { sheet: model.sheet, tableName: model.table, headerRow: 1, firstColumn: 0, header: model.columns.map((c) => c.header), rows: model.rows };
}

/** Every model as a RawTable, keyed by table, ready for `readInput` without any file. */
export function rawTablesOf(models: readonly InputTableModel[]): Partial<Record<TableName, RawTable>> {
  const out: Partial<Record<TableName, RawTable>> = {};
  for (const m of models) out[m.table] = rawTableOf(m);
  return out;
}

/**
 * Every model as the 2-D value array Excel hands over (header row, then data
 * rows). The row arrays are shared with the models, not copied.
 */
export function gridsOf(models: readonly InputTableModel[]): TableGrids {
  const out = {} as TableGrids;
  for (const name of TABLE_ORDER) out[name] = [];
  for (const m of models) {
    const grid: CellValue[][] = new Array(m.rows.length + 1);
    grid[0] = m.columns.map((c) => c.header);
    for (let i = 0; i < m.rows.length; i++) grid[i + 1] = m.rows[i] as CellValue[];
    out[m.table] = grid;
  }
  return out;
}
