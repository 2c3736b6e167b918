/**
 * The workbook port contract, run for the Office adapter over the in-memory
 * Excel fake. Each fixture becomes a fake workbook (dates as serials under a
 * date format, as Excel stores them); the inspector reads the fake's model
 * directly, past the adapter. office.test.ts reuses these helpers.
 */
import { OfficeWorkbook } from "../../src/adapters/office";
import type { CellValue } from "../../src/workbook/cells";
import { isCellError } from "../../src/workbook/cells";
import type { PortFixture } from "../contract/fixtures";
import type { WorkbookInspector } from "../contract/workbook-port.contract";
import { describeWorkbookPortContract } from "../contract/workbook-port.contract";
import { formatBounds, parseAddress } from "../fakes/excel-address";
import type { FakeExcelOptions, SeedCell, WorkbookModel } from "../fakes/excel-fake";
import { FakeExcel, fakeWorkbook } from "../fakes/excel-fake";
import type { Cell } from "../fakes/excel-model";

const seedOf = (v: CellValue): SeedCell => (isCellError(v) ? { error: v.error } : v);

/** The fixture as a fake Excel workbook. */
export function fakeExcelOf(fixture: PortFixture, options: FakeExcelOptions = {}): FakeExcel {
  const sheets: Record<string, SeedCell[][]> = {};
  for (const s of fixture.sheets) sheets[s.name] = s.rows.map((r) => r.map(seedOf));
  const workbook = fakeWorkbook(sheets);
  for (const t of fixture.tables ?? []) {
    const table = workbook.addTable(workbook.requireSheet(t.sheet), parseAddress(t.range).bounds, true, t.name);
    // The fixture's range already ends with its totals row: mark that row, moving nothing.
    if (t.totalsRow) table.showTotals = true;
  }
  return new FakeExcel(workbook, options);
}

/** What a stored cell shows: the fake does not calculate, so an uncalculated formula has no value. */
function shownValue(cell: Cell | undefined): CellValue {
  if (!cell || (cell.value === "" && cell.formula === undefined)) return null;
  if (cell.error) return cell.formula !== undefined ? null : { error: String(cell.value) };
  return cell.value;
}

/** Reads the fake's model directly: what the contract checks, without going through the adapter. */
export function fakeInspector(workbook: WorkbookModel): WorkbookInspector {
  return {
    sheetNames: async () => workbook.sheets.map((s) => s.name),
    async values(name) {
      const sheet = workbook.requireSheet(name);
      const used = sheet.usedBounds(true);
      const rows: CellValue[][] = [];
      for (let r = 0; used && r <= used.bottom; r++) {
        const row: CellValue[] = [];
        for (let c = 0; c <= used.right; c++) row.push(shownValue(sheet.cell(r, c)));
        while (row.length > 0 && row[row.length - 1] === null) row.pop();
        rows.push(row);
      }
      while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
      return rows;
    },
    async cell(name, address) {
      const { bounds } = parseAddress(address);
      const cell = workbook.requireSheet(name).cell(bounds.top, bounds.left);
      return { value: shownValue(cell), formula: cell?.formula, numberFormat: cell?.format ?? "General", bold: cell?.bold === true };
    },
    tables: async () =>
      workbook.tables.map((t) => {
        const columns: string[] = [];
        for (let c = t.bounds.left; c <= t.bounds.right; c++) columns.push(String(t.sheet.cell(t.bounds.top, c)?.value ?? ""));
        return { name: t.name, sheet: t.sheet.name, range: formatBounds(t.bounds), headerRow: true, totalsRow: t.showTotals, columns };
      }),
    frozenRows: async (name) => workbook.requireSheet(name).frozenRows,
  };
}

describeWorkbookPortContract("Office.js (Excel fake)", async (fixture) => {
  const excel = fakeExcelOf(fixture);
  return { port: new OfficeWorkbook(excel), inspect: fakeInspector(excel.workbook) };
});
