/**
 * Adapter-neutral workbook fixtures: sheets as rows of CellValue (row 1
 * first, column A first) and Excel tables over ranges of them. Every adapter's
 * contract factory and the end-to-end tests build real workbooks from these.
 */
import type { CellValue } from "../../src/workbook/cells";
import { columnLetter } from "../../src/workbook/cells";

export interface FixtureSheet {
  name: string;
  /** Row 1 first; within a row, column A first. Dates as Date at UTC midnight. */
  rows: readonly (readonly CellValue[])[];
}

export interface FixtureTable {
  name: string;
  sheet: string;
  /** The whole table, header row first (and totals row last when `totalsRow`), e.g. "B3:D5". */
  range: string;
  totalsRow?: boolean;
}

export interface PortFixture {
  sheets: readonly FixtureSheet[];
  tables?: readonly FixtureTable[];
}

/** A date cell's value: the JS Date at UTC midnight. */
export const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

/** The range a sheet's rows cover from A1 ("A1:E6"). */
export function rangeOf(rows: readonly (readonly CellValue[])[]): string {
  const width = Math.max(...rows.map((r) => r.length));
  return `A1:${columnLetter(width - 1)}${rows.length}`;
}

export interface ChairMakerOptions {
  /** The Triggers setting as the user writes it. */
  triggers?: string;
  /** Put an Excel table (named after the input) over every input sheet. */
  asTables?: boolean;
}

/**
 * DOMAIN.md's chair maker as a workbook: one sheet per input, headers in row
 * 1. The same figures as test/support/build.ts chairMaker(), row for row.
 */
export function chairMaker(options: ChairMakerOptions = {}): PortFixture {
  const sheets: FixtureSheet[] = [
    {
      name: "Items",
      rows: [
        ["Item", "Type", "StdPrice", "StdConversion", "Unit"],
        ["WOOD", "Material", 3, null, "kg"],
        ["SCREW", "Material", 0.05, null, null],
        ["FABRIC", "Material", 4, null, "m"],
        ["SEAT", "Assembly", null, 2, null],
        ["CHAIR", "Assembly", null, 8, null],
      ],
    },
    {
      name: "BOM",
      rows: [
        ["Parent", "Component", "QtyPer", "Scrap"],
        ["SEAT", "FABRIC", 0.5, null],
        ["SEAT", "WOOD", 1, null],
        ["SEAT", "SCREW", 4, null],
        ["CHAIR", "SEAT", 1, null],
        ["CHAIR", "WOOD", 2.5, null],
        ["CHAIR", "SCREW", 12, null],
      ],
    },
    {
      name: "Purchases",
      rows: [
        ["Date", "Item", "Qty", "Amount", "Ref"],
        [day("2026-11-02"), "WOOD", 4000, 12400, "PO-1"],
        [day("2026-11-02"), "SCREW", 20000, 960, "PO-2"],
        [day("2026-11-02"), "FABRIC", 600, 2340, "PO-3"],
      ],
    },
    { name: "Conversion", rows: [["Date", "Amount", "Category", "Ref"], [day("2026-11-30"), 10450, "Labor and overhead", "GL-11"]] },
    { name: "Production", rows: [["Date", "Item", "Qty", "Ref"], [day("2026-11-20"), "CHAIR", 1000, "WO-1"]] },
    { name: "Sales", rows: [["Date", "Item", "Qty", "Ref"], [day("2026-11-25"), "CHAIR", 900, "INV-1"]] },
    {
      name: "Inventory",
      rows: [
        ["Item", "Opening", "Count"],
        ["WOOD", null, 480],
        ["SCREW", null, 4000],
        ["FABRIC", null, 100],
      ],
    },
    {
      name: "Settings",
      rows: [
        ["Setting", "Value"],
        ["Triggers", options.triggers ?? "purchase, completion, sale"],
        ["PeriodStart", day("2026-11-01")],
        ["PeriodEnd", day("2026-11-30")],
        ["Currency", "USD"],
        ["Disposition", "cogs"],
      ],
    },
  ];
  const tables = options.asTables ? sheets.map((s) => ({ name: s.name, sheet: s.name, range: rangeOf(s.rows) })) : undefined;
  return { sheets, tables };
}

/** A copy of the fixture with one sheet's rows changed by `edit` (which gets a deep copy of the rows). */
export function editSheet(fixture: PortFixture, sheet: string, edit: (rows: CellValue[][]) => CellValue[][] | void): PortFixture {
  if (!fixture.sheets.some((s) => s.name === sheet)) throw new Error(`fixture has no sheet ${sheet}`);
  return {
    ...fixture,
    sheets: fixture.sheets.map((s) => {
      if (s.name !== sheet) return s;
      const rows = s.rows.map((r) => [...r]);
      return { name: s.name, rows: edit(rows) ?? rows };
    }),
  };
}

/** A copy of the fixture with one cell set ("C2"); the row is lengthened when needed. */
export function setCell(fixture: PortFixture, sheet: string, address: string, value: CellValue): PortFixture {
  const m = /^([A-Z])(\d+)$/.exec(address);
  if (!m) throw new Error(`bad address ${address}`);
  const [col, row] = [m[1].charCodeAt(0) - 65, Number(m[2]) - 1];
  return editSheet(fixture, sheet, (rows) => {
    while (rows.length <= row) rows.push([]);
    while (rows[row].length <= col) rows[row].push(null);
    rows[row][col] = value;
  });
}

/** A copy of the fixture with extra sheets at the end. */
export function withSheets(fixture: PortFixture, ...sheets: FixtureSheet[]): PortFixture {
  return { ...fixture, sheets: [...fixture.sheets, ...sheets] };
}

/** A copy of the fixture without a sheet (and its tables). */
export function withoutSheet(fixture: PortFixture, sheet: string): PortFixture {
  return { sheets: fixture.sheets.filter((s) => s.name !== sheet), tables: fixture.tables?.filter((t) => t.sheet !== sheet) };
}
