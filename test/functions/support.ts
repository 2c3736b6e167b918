/**
 * Ranges as Excel hands them to a custom function: 2-D arrays, header row
 * first (as `Items[#All]` gives), dates as serial numbers, empty cells null.
 */
import { strict as assert } from "node:assert";
import { excelSerialFromIso, isoFromUtcDate } from "../../src/engine/dates";
import { FunctionError } from "../../src/functions/errors";
import type { Dec } from "../../src/engine/money";
import type { PeriodInput, TableName } from "../../src/engine/types";
import type { CellValue } from "../../src/workbook/cells";
import type { InputTableModel } from "../../src/workbook/port";
import { TABLES } from "../../src/workbook/schema";

export type Grid = unknown[][];

/** A table's cells as Excel passes them to a function: Date cells become serial numbers. */
export function asArgument(rows: readonly (readonly CellValue[])[]): Grid {
  return rows.map((r) => r.map((v) => (v instanceof Date ? excelSerialFromIso(isoFromUtcDate(v)) : v)));
}

/** Each input model as a function argument with its header row (Items[#All]). */
export function argumentsOf(models: readonly InputTableModel[]): Partial<Record<TableName, Grid>> {
  const out: Partial<Record<TableName, Grid>> = {};
  for (const m of models) out[m.table] = asArgument([m.columns.map((c) => c.header), ...m.rows]);
  return out;
}

/** A fresh deep copy, as Excel makes for every call. */
export function copyOf(grid: Grid): Grid {
  return grid.map((r) => [...r]);
}

const num = (d: Dec | undefined): number | null => (d === undefined ? null : d.toNumber());
const date = (d: string | undefined): number | null => (d === undefined ? null : excelSerialFromIso(d));
const header = (t: TableName): string[] => TABLES[t].columns.map((c) => c.key);

/** Engine records (test/support/build.ts) back into ranges with headers, in the contract's column order. */
export function gridsOf(input: PeriodInput): Record<"Items" | "BOM" | "Production" | "Sales" | "Purchases" | "Conversion" | "Inventory", Grid> {
  return {
    Items: [header("Items"), ...input.items.map((i) => [i.item, i.type, num(i.stdPrice), num(i.stdConversion), i.description ?? null, i.unit ?? null])],
    BOM: [header("BOM"), ...input.bom.map((l) => [l.parent, l.component, l.qtyPer.toNumber(), l.scrap.isZero() ? null : l.scrap.toNumber(), date(l.validFrom), date(l.validTo)])],
    Production: [header("Production"), ...input.completions.map((m) => [date(m.date), m.item, m.qty.toNumber(), m.ref ?? null])],
    Sales: [header("Sales"), ...input.sales.map((m) => [date(m.date), m.item, m.qty.toNumber(), m.ref ?? null])],
    Purchases: [header("Purchases"), ...input.purchases.map((p) => [date(p.date), p.item, p.qty.toNumber(), p.amount.toNumber(), p.ref ?? null])],
    Conversion: [header("Conversion"), ...input.conversion.map((c) => [date(c.date), c.amount.toNumber(), c.category ?? null, c.ref ?? null])],
    Inventory: [header("Inventory"), ...(input.inventory ?? []).map((i) => [i.item, num(i.opening), num(i.count)])],
  };
}

/** The FunctionError a call throws (fails when it throws anything else, or nothing). */
export function failure(call: () => unknown): FunctionError {
  try {
    call();
  } catch (e) {
    if (e instanceof FunctionError) return e;
    throw e;
  }
  assert.fail("expected a FunctionError");
}
