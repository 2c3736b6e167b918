/**
 * The workbook port's contract, as tests every adapter runs (src/workbook/port.ts).
 *
 * How to run it for an adapter:
 *
 *   describeWorkbookPortContract("my adapter", async (fixture) => {
 *     // build the adapter's backing store from `fixture` (see fixtures.ts):
 *     //   fixture.sheets: name + rows of CellValue from A1 (dates as Date at UTC midnight,
 *     //     errors as { error: "#N/A" }, null for an empty cell);
 *     //   fixture.tables: Excel tables over ranges of those cells ("B3:D5"; header row
 *     //     first, and a totals row last when totalsRow is set).
 *     return { port, inspect };
 *   });
 *
 * `inspect` reads the backing store back independently of the port (the .xlsx
 * adapter saves and re-reads the file; an Office fake reads its own state):
 * sheet names, cell values, number formats, formulas, tables and frozen rows.
 * Values come normalized like the port's (plain text, Date or serial number for
 * dates, { error } for errors, null for empty cells; a formula cell's value is
 * its calculated result, or null when there is none).
 */
import { strict as assert } from "node:assert";
import { Dec } from "../../src/engine/money";
import type { CellValue } from "../../src/workbook/cells";
import { isBlank, isCellError, toDate } from "../../src/workbook/cells";
import { problemLines, runWorkbookJob } from "../../src/workbook/job";
import type { InputTableModel, WorkbookPort } from "../../src/workbook/port";
import type { SheetModel } from "../../src/workbook/render";
import { GENERATED_KINDS, SHEET_LAYOUT, isMarker, markerText, numberFormat } from "../../src/workbook/render";
import { QUANTITY_FRACTION, QUANTITY_WHOLE } from "../../src/workbook/layout";
import type { PortFixture } from "./fixtures";
import { chairMaker, day, editSheet, rangeOf, setCell, withSheets, withoutSheet } from "./fixtures";

export interface CellFacts {
  value: CellValue;
  /** The formula with its leading "=", when the cell holds one. */
  formula?: string;
  numberFormat: string;
  bold: boolean;
}

export interface TableFacts {
  name: string;
  sheet: string;
  /** The whole table, header and totals rows included ("A4:F9"). */
  range: string;
  headerRow: boolean;
  totalsRow: boolean;
  columns: string[];
}

export interface WorkbookInspector {
  sheetNames(): Promise<string[]>;
  /**
   * The sheet's cells from A1, as rows. Each row ends at its last cell holding
   * something, and the rows after the last such row are left out.
   */
  values(sheet: string): Promise<CellValue[][]>;
  /** One cell by address ("C5"). */
  cell(sheet: string, address: string): Promise<CellFacts>;
  /** Every Excel table in the workbook. */
  tables(): Promise<TableFacts[]>;
  /** Rows frozen at the top of the sheet (0 when none). */
  frozenRows(sheet: string): Promise<number>;
}

export type ContractFactory = (fixture: PortFixture) => Promise<{ port: WorkbookPort; inspect: WorkbookInspector }>;

const NOW = new Date(2026, 11, 1, 9, 30);
const MARKER = markerText("2026-12-01 09:30");

/** A cell read back is blank: empty, or past the end of its (trimmed) row. */
const blank = (v: CellValue | undefined): boolean => v === undefined || isBlank(v);

/** ISO date of a cell that should hold a date (a Date or an Excel serial). */
function isoOf(v: CellValue): string {
  const d = toDate(v);
  assert.ok(d.ok, `expected a date, got ${JSON.stringify(v)}`);
  return d.value;
}

/** A journal-like model with a column of every kind; Item is column C, Debit (summed) column D. */
export const testModel = (name = "Journal", rows: SheetModel["rows"] = TEST_ROWS): SheetModel => ({
  kind: "Journal",
  name,
  title: "Test journal · 2026-11-01 to 2026-11-30",
  columns: [
    { header: "Entry", kind: "integer", width: 7, total: "label" },
    { header: "Date", kind: "date", width: 11 },
    { header: "Item", kind: "text", width: 16 },
    { header: "Debit", kind: "money", width: 14, total: "sum" },
    { header: "Qty", kind: "quantity", width: 10 },
    { header: "Share", kind: "ratio", width: 8 },
  ],
  rows,
});
const TEST_ROWS: SheetModel["rows"] = [
  [1, "2026-11-03", "WOOD", new Dec("12400.50"), new Dec("4000.125"), new Dec("0.25")],
  [2, "2026-11-04", "1001", new Dec("7.25"), null, null],
  [3, "2026-11-30", null, new Dec("-0.75"), new Dec("3"), new Dec("1")],
];
const FORMULA_LOOKING = ['=HYPERLINK("http://example.com","x")', "+1", "-1", "@SUM(A1:A2)", "=1+1", "=", "'quoted"];

const runLogModel = (): SheetModel => ({
  kind: "Run Log",
  name: "Run Log",
  title: "Run log",
  columns: [
    { header: "Section", kind: "text", width: 12 },
    { header: "Value", kind: "text", width: 40 },
  ],
  rows: [["Run", "When"]],
});

const inputTables = (): InputTableModel[] => [
  {
    table: "Items",
    sheet: "Items",
    columns: [
      { header: "Item", kind: "text", width: 14 },
      { header: "Type", kind: "text", width: 12 },
      { header: "StdPrice", kind: "number", width: 10 },
    ],
    rows: [
      ["WOOD", "Material", 3],
      ["0042", "Material", 0.05],
    ],
  },
  {
    table: "Production",
    sheet: "Production",
    columns: [
      { header: "Date", kind: "date", width: 11 },
      { header: "Item", kind: "text", width: 14 },
      { header: "Qty", kind: "number", width: 10 },
    ],
    rows: [[day("2026-11-03"), "CHAIR", 10]],
  },
  {
    table: "Sales",
    sheet: "Sales",
    columns: [
      { header: "Date", kind: "date", width: 11 },
      { header: "Item", kind: "text", width: 14 },
      { header: "Qty", kind: "number", width: 10 },
    ],
    rows: [],
  },
];

async function rejectsWithoutChange(inspect: WorkbookInspector, act: () => Promise<unknown>, sheetsToCompare: readonly string[]): Promise<void> {
  const names = await inspect.sheetNames();
  const before = await Promise.all(sheetsToCompare.map((s) => inspect.values(s)));
  await assert.rejects(act);
  assert.deepEqual(await inspect.sheetNames(), names, "sheets after a refused write");
  assert.deepEqual(await Promise.all(sheetsToCompare.map((s) => inspect.values(s))), before, "values after a refused write");
}

/** Sum of a column of a generated sheet's data rows (values read back). */
function columnTotal(rows: CellValue[][], header: string): Dec {
  const headerRow = rows[SHEET_LAYOUT.headerRow - 1];
  const j = headerRow.indexOf(header);
  assert.ok(j >= 0, `no column ${header} in ${JSON.stringify(headerRow)}`);
  return dataRows(rows).reduce((a, r) => (typeof r[j] === "number" ? a.plus(new Dec(String(r[j]))) : a), new Dec(0));
}

/** The data rows of a generated sheet: after the header, without the totals row. */
function dataRows(rows: CellValue[][]): CellValue[][] {
  const body = rows.slice(SHEET_LAYOUT.headerRow);
  return body.length > 0 && body[body.length - 1][0] === "Total" ? body.slice(0, -1) : body;
}

export function describeWorkbookPortContract(adapterName: string, factory: ContractFactory): void {
  describe(`workbook port contract: ${adapterName}`, () => {
    describe("findTable", () => {
      const fixture: PortFixture = {
        sheets: [
          {
            name: "Data",
            rows: [
              ["Production figures"],
              [],
              [null, "Date", "Item", "Qty"],
              [null, day("2026-11-03"), "CHAIR", 5],
              [null, day("2026-11-04"), "SEAT", { error: "#N/A" }],
            ],
          },
          {
            name: "Sales",
            rows: [
              ["Date", "Item", "Qty", "Ref"],
              [day("2026-11-05"), "=A1+1", 2, null],
              ["2026-11-06", "TABLE", "12,5", { error: "#REF!" }],
              [46332, "1001", true, "x"],
            ],
          },
          { name: "Bill_of Materials", rows: [[null, "Parent", "Component", "QtyPer"], [null, "CHAIR", "SEAT", 1]] },
          { name: "Other", rows: [["Item", "Count"], ["WOOD", 480], ["SCREW", 4000], ["Total", 4480]] },
          { name: "tillverkning", rows: [["Datum", "Artikel", "Antal"], [day("2026-11-07"), "CHAIR", 3]] },
        ],
        tables: [
          { name: "Production", sheet: "Data", range: "B3:D5" },
          { name: "Inventory", sheet: "Other", range: "A1:B4", totalsRow: true },
        ],
      };
      let port: WorkbookPort;
      before(async () => {
        ({ port } = await factory(fixture));
      });

      it("finds an Excel table by name wherever it is, with its header row and first column", async () => {
        const t = await port.findTable(["Production"]);
        assert.ok(t);
        assert.equal(t.sheet, "Data");
        assert.equal(t.tableName, "Production");
        assert.equal(t.headerRow, 3);
        assert.equal(t.firstColumn, 1);
        assert.deepEqual(t.header, ["Date", "Item", "Qty"]);
        assert.equal(t.rows.length, 2);
        assert.equal(isoOf(t.rows[0][0]), "2026-11-03");
        assert.deepEqual(t.rows[0].slice(1), ["CHAIR", 5]);
        assert.deepEqual(t.rows[1][2], { error: "#N/A" });
      });

      it("prefers an Excel table to a sheet of the same name, and leaves the totals row out", async () => {
        const t = await port.findTable(["Inventory", "Other"]);
        assert.ok(t);
        assert.equal(t.tableName, "Inventory");
        assert.deepEqual(t.rows, [
          ["WOOD", 480],
          ["SCREW", 4000],
        ]);
        assert.equal(t.alsoFound, undefined, "the sheet named Other holds the table: one source, not two");
      });

      it("tells of every other sheet that answers to the names too, reading the first as it would alone; a table wins over sheets", async () => {
        // The sheets Sales and tillverkning both answer (say, a stale copy under another language's name).
        const t = await port.findTable(["Sales", "Tillverkning"]);
        assert.ok(t);
        assert.equal(t.sheet, "Sales");
        assert.deepEqual(t.alsoFound, [{ sheet: "tillverkning" }]);
        assert.equal(t.rows.length, 3);
        // Production is an Excel table on Data: the sheet tillverkning, answering to the Swedish name too, is passed over.
        const p = await port.findTable(["Production", "Completions", "Tillverkning"]);
        assert.equal(p?.tableName, "Production");
        assert.equal(p?.alsoFound, undefined);
      });

      it("reads a sheet whose first row holds the headers, values normalized", async () => {
        const t = await port.findTable(["Sales"]);
        assert.ok(t);
        assert.equal(t.sheet, "Sales");
        assert.equal(t.tableName, undefined);
        assert.equal(t.headerRow, 1);
        assert.equal(t.firstColumn, 0);
        assert.deepEqual(t.header, ["Date", "Item", "Qty", "Ref"]);
        assert.equal(t.rows.length, 3);
        const [r1, r2, r3] = t.rows;
        assert.equal(isoOf(r1[0]), "2026-11-05");
        assert.equal(r1[1], "=A1+1", "text that looks like a formula is text");
        assert.equal(r1[2], 2);
        assert.ok(isBlank(r1[3]));
        assert.equal(r2[0], "2026-11-06");
        assert.equal(r2[2], "12,5", "numeric text stays text for the parser to judge");
        assert.ok(isCellError(r2[3]) && r2[3].error === "#REF!");
        assert.equal(r3[0], 46332);
        assert.equal(r3[1], "1001");
        assert.equal(r3[2], true);
      });

      it("matches names ignoring case, spaces and underscores, in any listed language", async () => {
        const bom = await port.findTable(["BOM", "Bill of materials"]);
        assert.ok(bom);
        assert.equal(bom.sheet, "Bill_of Materials");
        assert.equal(bom.firstColumn, 1, "a sheet's table starts at its leftmost column holding a value");
        assert.deepEqual(bom.header, ["Parent", "Component", "QtyPer"]);
        const sv = await port.findTable(["Completions", "TILLVERKNING"]);
        assert.ok(sv);
        assert.equal(sv.sheet, "tillverkning");
        assert.deepEqual(sv.rows[0].slice(1), ["CHAIR", 3]);
        assert.equal(sv.alsoFound, undefined);
      });

      it("finds nothing when no table or sheet has any of the names", async () => {
        assert.equal(await port.findTable(["Purchases", "Inköp"]), undefined);
      });
    });

    describe("listSheets", () => {
      it("lists every sheet in order, marking only those that carry the marker in A2", async () => {
        const { port } = await factory({
          sheets: [
            { name: "Items", rows: [["Item"], ["WOOD"]] },
            { name: "Journal", rows: [["Old journal"], [MARKER]] },
            { name: "Notes", rows: [["Generated by hand"], ["Generated by Backf"]] },
          ],
        });
        assert.deepEqual(await port.listSheets(), [
          { name: "Items", generated: false },
          { name: "Journal", generated: true },
          { name: "Notes", generated: false },
        ]);
      });
    });

    describe("writeSheets", () => {
      const userSheet = { name: "Notes", rows: [["My notes"], ["keep me", 42]] };

      it("lays a sheet out: title, marker, table with header, totals, number formats and frozen header", async () => {
        const { port, inspect } = await factory({ sheets: [userSheet] });
        await port.writeSheets([testModel()], [], { minorUnits: 2, marker: MARKER });
        assert.deepEqual(await inspect.sheetNames(), ["Notes", "Journal"]);
        const title = await inspect.cell("Journal", "A1");
        assert.equal(title.value, "Test journal · 2026-11-01 to 2026-11-30");
        assert.ok(title.bold, "the title is bold");
        assert.equal((await inspect.cell("Journal", "A2")).value, MARKER);
        const rows = await inspect.values("Journal");
        assert.deepEqual(rows[SHEET_LAYOUT.headerRow - 1], ["Entry", "Date", "Item", "Debit", "Qty", "Share"]);
        const [r1, r2, r3] = dataRows(rows);
        assert.equal(r1[0], 1);
        assert.equal(isoOf(r1[1]), "2026-11-03");
        assert.equal(r1[2], "WOOD");
        assert.equal(r1[3], 12400.5);
        assert.equal(r1[4], 4000.125);
        assert.equal(r1[5], 0.25);
        assert.equal(r2[2], "1001", "text stays text even when it is digits");
        assert.ok(blank(r2[4]));
        assert.ok(blank(r3[2]));
        assert.equal(r3[3], -0.75);

        const formats = await Promise.all(["A5", "B5", "C5", "D5", "E5", "F5"].map(async (a) => (await inspect.cell("Journal", a)).numberFormat));
        // A quantity with a fraction shows it (4000.125); a whole one shows no decimals (3, in E7).
        assert.deepEqual(formats, [numberFormat("integer", 2), numberFormat("date", 2), numberFormat("text", 2), numberFormat("money", 2), QUANTITY_FRACTION, numberFormat("ratio", 2)]);
        assert.equal((await inspect.cell("Journal", "E7")).numberFormat, QUANTITY_WHOLE);
        assert.equal(QUANTITY_WHOLE, "#,##0_);(#,##0)");
        assert.match(numberFormat("money", 2), /;\(#,##0\.00\)$/, "negative money in brackets");

        const totals = SHEET_LAYOUT.headerRow + TEST_ROWS.length + 1;
        assert.equal((await inspect.cell("Journal", `A${totals}`)).value, "Total");
        const sum = await inspect.cell("Journal", `D${totals}`);
        assert.match(sum.formula ?? "", /^=SUBTOTAL\(109,/i);
        assert.equal(sum.numberFormat, numberFormat("money", 2));
        assert.equal((await inspect.cell("Journal", `E${totals}`)).formula, undefined, "no total under a column without one");

        const tables = (await inspect.tables()).filter((t) => t.sheet === "Journal");
        assert.equal(tables.length, 1);
        assert.equal(tables[0].range, `A${SHEET_LAYOUT.headerRow}:F${totals}`);
        assert.ok(tables[0].headerRow && tables[0].totalsRow);
        assert.deepEqual(tables[0].columns, ["Entry", "Date", "Item", "Debit", "Qty", "Share"]);
        assert.equal(await inspect.frozenRows("Journal"), SHEET_LAYOUT.headerRow);
        assert.deepEqual(await inspect.values("Notes"), userSheet.rows, "other sheets untouched");
      });

      it("formats money by the currency's minor unit", async () => {
        const { port, inspect } = await factory({ sheets: [userSheet] });
        await port.writeSheets([testModel()], [], { minorUnits: 0, marker: MARKER });
        assert.equal((await inspect.cell("Journal", "D5")).numberFormat, numberFormat("money", 0));
        assert.notEqual(numberFormat("money", 0), numberFormat("money", 2));
      });

      it("writes text that starts with = + - @ as text, never as a formula", async () => {
        const { port, inspect } = await factory({ sheets: [userSheet] });
        const rows = FORMULA_LOOKING.map((text, i) => [i + 1, "2026-11-03", text, new Dec(1), null, null]);
        await port.writeSheets([testModel("Journal", rows)], [], { minorUnits: 2, marker: MARKER });
        for (let i = 0; i < FORMULA_LOOKING.length; i++) {
          const cell = await inspect.cell("Journal", `C${SHEET_LAYOUT.headerRow + 1 + i}`);
          assert.equal(cell.formula, undefined, `${FORMULA_LOOKING[i]} became a formula`);
          assert.equal(cell.value, FORMULA_LOOKING[i]);
          assert.equal(cell.numberFormat, "@");
        }
      });

      it("writes a table without a totals row when no column has a total, and a table for a model without rows", async () => {
        const { port, inspect } = await factory({ sheets: [userSheet] });
        await port.writeSheets([runLogModel(), testModel("Variances", [])], [], { minorUnits: 2, marker: MARKER });
        const tables = await inspect.tables();
        const log = tables.find((t) => t.sheet === "Run Log");
        assert.ok(log);
        assert.equal(log.range, "A4:B5");
        assert.equal(log.totalsRow, false);
        const empty = tables.find((t) => t.sheet === "Variances");
        assert.ok(empty, "an empty model still gets its table");
        // Excel needs one data row: header, one blank row, totals.
        assert.equal(empty.range, "A4:F6");
        assert.ok(dataRows(await inspect.values("Variances")).every((r) => r.every(blank)));
        assert.equal(new Set(tables.map((t) => t.name.toLowerCase())).size, tables.length, "table names are unique");
      });

      it("puts each replaced sheet's successor in its place in the tab order, and new sheets at the end", async () => {
        const old = (name: string) => ({ name, rows: [[`Old ${name}`], [markerText("2026-11-01 08:00")]] });
        const { port, inspect } = await factory({ sheets: [old("Variances"), { name: "Items", rows: [["Item"]] }, old("Balances"), old("Journal"), userSheet] });
        // Balances is replaced by nothing: it drops out, and the sheets after it close up.
        await port.writeSheets([testModel("Journal"), testModel("Consumption"), testModel("Variances")], ["Journal", "Variances", "Balances"], { minorUnits: 2, marker: MARKER });
        assert.deepEqual(await inspect.sheetNames(), ["Variances", "Items", "Journal", "Notes", "Consumption"]);
        assert.equal((await inspect.cell("Journal", "A1")).value, "Test journal · 2026-11-01 to 2026-11-30", "the sheet in the old place is the new one");
      });

      it("knows its sheets written in another language by their marker, and puts each kind's successor in its place", async () => {
        const swedish = (name: string) => ({ name, rows: [[`Gammal ${name}`], [markerText("2026-11-01 08:00", "sv")]] });
        // The user's own "Förbrukning" has no marker: it is not ours, though it is named like our Swedish Consumption.
        const { port, inspect } = await factory({ sheets: [swedish("Verifikationer"), userSheet, swedish("Avvikelser"), { name: "Förbrukning", rows: [["mine"]] }] });
        assert.deepEqual(await port.listSheets(), [
          { name: "Verifikationer", generated: true },
          { name: "Notes", generated: false },
          { name: "Avvikelser", generated: true },
          { name: "Förbrukning", generated: false },
        ]);
        // A run in English: Journal where Verifikationer was, Variances where Avvikelser was, Consumption new at the end.
        const model = (kind: SheetModel["kind"]): SheetModel => ({ ...testModel(kind), kind });
        await port.writeSheets([model("Journal"), model("Consumption"), model("Variances")], ["Verifikationer", "Avvikelser"], { minorUnits: 2, marker: MARKER, language: "en" });
        assert.deepEqual(await inspect.sheetNames(), ["Journal", "Notes", "Variances", "Förbrukning", "Consumption"]);
        assert.deepEqual(await inspect.values("Förbrukning"), [["mine"]]);
        assert.deepEqual(await inspect.values("Notes"), userSheet.rows);
      });

      it("writes the totals label in the sheet language", async () => {
        const { port, inspect } = await factory({ sheets: [userSheet] });
        await port.writeSheets([testModel("Verifikationer")], [], { minorUnits: 2, marker: markerText("2026-12-01 09:30", "sv"), language: "sv" });
        const values = await inspect.values("Verifikationer");
        assert.equal(values[values.length - 1][0], "Summa");
        assert.ok(isMarker((await inspect.cell("Verifikationer", "A2")).value));
      });

      it("replaces only the sheets named in replace, and leaves the user's sheets as they were", async () => {
        const old = { name: "Journal", rows: [["Old journal"], [markerText("2026-11-01 08:00")], [], ["Entry"], [1]] };
        const { port, inspect } = await factory({ sheets: [userSheet, old, { name: "Journal 2", rows: [["mine"]] }] });
        await port.writeSheets([testModel()], ["Journal"], { minorUnits: 2, marker: MARKER });
        const names = await inspect.sheetNames();
        assert.deepEqual([...names].sort(), ["Journal", "Journal 2", "Notes"]);
        assert.equal((await inspect.cell("Journal", "A1")).value, "Test journal · 2026-11-01 to 2026-11-30");
        assert.equal((await inspect.cell("Journal", "A2")).value, MARKER);
        assert.deepEqual(await inspect.values("Notes"), userSheet.rows);
        assert.deepEqual(await inspect.values("Journal 2"), [["mine"]]);
        assert.deepEqual((await port.listSheets()).find((s) => s.name === "Journal"), { name: "Journal", generated: true });
      });

      it("refuses to replace a sheet without the marker, writing nothing", async () => {
        const { port, inspect } = await factory({ sheets: [userSheet, { name: "Journal", rows: [["My own journal"], ["not a marker"]] }] });
        await rejectsWithoutChange(inspect, () => port.writeSheets([testModel()], ["Journal"], { minorUnits: 2, marker: MARKER }), ["Notes", "Journal"]);
      });

      it("refuses a sheet name that a remaining sheet has, or one Excel forbids, writing nothing", async () => {
        const { port, inspect } = await factory({ sheets: [userSheet] });
        await rejectsWithoutChange(inspect, () => port.writeSheets([testModel("journal"), testModel("NOTES")], [], { minorUnits: 2, marker: MARKER }), ["Notes"]);
        await rejectsWithoutChange(inspect, () => port.writeSheets([testModel("Journal"), testModel("Bad/Name")], [], { minorUnits: 2, marker: MARKER }), ["Notes"]);
      });
    });

    describe("writeInputTables", () => {
      const readme = { name: "Read me", rows: [["Fill in the tables"], ["(nothing yet)"]] };

      it("creates each input as a table named after it, header in row 1, formatted by kind, header frozen", async () => {
        const { port, inspect } = await factory({ sheets: [readme] });
        await port.writeInputTables(inputTables());
        assert.deepEqual(await inspect.sheetNames(), ["Read me", "Items", "Production", "Sales"]);
        const tables = await inspect.tables();
        const byName = new Map(tables.map((t) => [t.name, t]));
        assert.deepEqual(
          ["Items", "Production", "Sales"].map((n) => [byName.get(n)?.sheet, byName.get(n)?.range, byName.get(n)?.totalsRow]),
          [
            ["Items", "A1:C3", false],
            ["Production", "A1:C2", false],
            ["Sales", "A1:C2", false],
          ],
        );
        assert.deepEqual(byName.get("Items")?.columns, ["Item", "Type", "StdPrice"]);
        assert.equal((await inspect.cell("Items", "A2")).numberFormat, "@");
        assert.equal((await inspect.cell("Items", "A3")).value, "0042", "codes with leading zeros stay text");
        assert.equal((await inspect.cell("Production", "A2")).numberFormat, numberFormat("date", 2));
        assert.equal((await inspect.cell("Sales", "A2")).numberFormat, numberFormat("date", 2), "the blank row is formatted, ready to fill");
        for (const s of ["Items", "Production", "Sales"]) assert.equal(await inspect.frozenRows(s), 1, s);

        const items = await port.findTable(["Items"]);
        assert.ok(items);
        assert.equal(items.tableName, "Items");
        assert.equal(items.headerRow, 1);
        assert.deepEqual(items.rows, [
          ["WOOD", "Material", 3],
          ["0042", "Material", 0.05],
        ]);
        const production = await port.findTable(["Production"]);
        assert.equal(isoOf(production?.rows[0][0] ?? null), "2026-11-03");
        const sales = await port.findTable(["Sales"]);
        assert.ok(sales?.rows.every((r) => r.every(isBlank)));
      });

      it("refuses, writing nothing, when a sheet or table name is taken", async () => {
        const { port, inspect } = await factory({ sheets: [readme], tables: [{ name: "Items", sheet: "Read me", range: "A1:A2" }] });
        const [, production, sales] = inputTables();
        await rejectsWithoutChange(inspect, () => port.writeInputTables([production, { ...sales, sheet: "READ ME" }]), ["Read me"]);
        await rejectsWithoutChange(inspect, () => port.writeInputTables([production, { ...sales, table: "Items" }]), ["Read me"]);
      });
    });

    describe("the main job through the port", () => {
      it("writes the five generated sheets for the chair maker, debits equal to credits, COGS 21,780.00", async () => {
        const { port, inspect } = await factory(chairMaker());
        const outcome = await runWorkbookJob(port, { now: NOW });
        assert.ok(outcome.ok, outcome.ok ? "" : problemLines(outcome.problems).join("\n"));
        const names = await inspect.sheetNames();
        for (const kind of GENERATED_KINDS) assert.ok(names.includes(kind), `${kind} in ${names.join(", ")}`);
        const generated = (await port.listSheets()).filter((s) => s.generated).map((s) => s.name);
        assert.deepEqual([...generated].sort(), [...GENERATED_KINDS].sort());
        const journal = await inspect.values("Journal");
        const lines = outcome.result.journal.reduce((n, e) => n + e.lines.length, 0);
        assert.equal(dataRows(journal).length, lines);
        assert.equal(columnTotal(journal, "Debit").toFixed(2), columnTotal(journal, "Credit").toFixed(2));
        const header = journal[SHEET_LAYOUT.headerRow - 1];
        const [role, debit, credit] = ["Role", "Debit", "Credit"].map((h) => header.indexOf(h));
        const cogs = dataRows(journal)
          .filter((r) => r[role] === "COGS")
          .reduce((a, r) => a.plus(new Dec(String(r[debit] ?? 0))).minus(new Dec(String(r[credit] ?? 0))), new Dec(0));
        assert.equal(cogs.toFixed(2), "21780.00");
      });

      it("on a second run replaces its own sheets and keeps a user's sheet named Journal", async () => {
        const mine = { name: "Journal", rows: [["My journal"], ["Dr cash", 100]] };
        const { port, inspect } = await factory(withSheets(chairMaker(), mine));
        const first = await runWorkbookJob(port, { now: NOW });
        assert.ok(first.ok);
        const second = await runWorkbookJob(port, { now: new Date(2026, 11, 2, 10, 0) });
        assert.ok(second.ok);
        const names = await inspect.sheetNames();
        assert.equal(names.length, chairMaker().sheets.length + 1 + GENERATED_KINDS.length, names.join(", "));
        assert.ok(names.includes("Journal (Backflush)"), names.join(", "));
        assert.deepEqual(await inspect.values("Journal"), mine.rows);
        assert.ok(isMarker((await inspect.cell("Journal (Backflush)", "A2")).value));
        assert.match(String((await inspect.cell("Journal (Backflush)", "A2")).value), /2026-12-02 10:00/);
        const log = (await inspect.values("Run Log")).flat().map(String);
        assert.ok(log.some((v) => v.includes('Your sheet "Journal" was left as it is')), "the run log says where the journal went");
      });

      it("keeps every marked sheet that is the user's: a copy of a generated sheet under another name, and a sheet it reads an input table from", async () => {
        const base = chairMaker();
        const items = base.sheets.find((s) => s.name === "Items")!;
        const marker = markerText("2026-11-01 09:00");
        // Last period's Proposed Items, its table renamed Items: the user's Items now, marker and all.
        const proposed = { name: "Proposed Items", rows: [["Proposed items"], [marker], [], ...items.rows] };
        const last = /:([A-Z]+)(\d+)$/.exec(rangeOf(items.rows))!;
        // A generated sheet copied to keep last month (Excel names the copy "Journal (2)").
        const copy = { name: "Journal (2)", rows: [["Journal"], [marker], [], ["Entry", "Debit"], [1, 100]] };
        const { port, inspect } = await factory({ sheets: [...withoutSheet(base, "Items").sheets, proposed, copy], tables: [{ name: "Items", sheet: "Proposed Items", range: `A4:${last[1]}${Number(last[2]) + 3}` }] });
        for (const now of [NOW, new Date(2026, 11, 2, 10, 0)]) {
          const outcome = await runWorkbookJob(port, { now });
          assert.ok(outcome.ok, outcome.ok ? "" : problemLines(outcome.problems).join("\n"));
          assert.equal(outcome.read.layouts.Items?.raw.sheet, "Proposed Items");
          // The inspector ends a row at its last cell holding something.
          const trimmed = proposed.rows.map((r) => {
            let n = r.length;
            while (n > 0 && r[n - 1] === null) n--;
            return r.slice(0, n);
          });
          assert.deepEqual(await inspect.values("Proposed Items"), trimmed);
          assert.deepEqual(await inspect.values("Journal (2)"), copy.rows);
          const names = await inspect.sheetNames();
          assert.ok(names.includes("Proposed Items (Backflush)") && names.includes("Journal"), names.join(", "));
          const log = (await inspect.values("Run Log")).flat().map(String);
          assert.ok(log.some((v) => v.includes('Your sheet "Proposed Items" was left as it is')), log.join(" | "));
        }
      });

      it("writes nothing when the data has a problem, and points at the cell", async () => {
        const { port, inspect } = await factory(setCell(chairMaker(), "Production", "C2", "12,5kg"));
        const names = await inspect.sheetNames();
        const outcome = await runWorkbookJob(port, { now: NOW });
        assert.equal(outcome.ok, false);
        assert.ok(!outcome.ok && problemLines(outcome.problems).includes('Production!C2: Qty "12,5kg" is not a number'));
        assert.deepEqual(await inspect.sheetNames(), names);
      });

      it("refuses data right below an Excel table, at its first cell, but not another table stacked there (Excel does not grow a table for rows a macro wrote)", async () => {
        // Sales is an Excel table over A1:D2; a sale typed in row 3 is outside it.
        const below = editSheet(chairMaker({ asTables: true }), "Sales", (rows) => void rows.push([day("2026-11-26"), "CHAIR", 50, "INV-2"]));
        const { port } = await factory(below);
        const outcome = await runWorkbookJob(port, { now: NOW });
        const lines = outcome.ok ? [] : problemLines(outcome.problems);
        assert.ok(lines.some((l) => l.startsWith("Sales!A3: row 3 holds data right below the Excel table Sales, outside it, so it is not read")), lines.join("\n"));
        // The same row as the header of another table right below: stacked tables, nothing outside either.
        const stacked = editSheet(chairMaker({ asTables: true }), "Sales", (rows) => void rows.push(["Day", "Note"], [day("2026-11-26"), "inventory taken"]));
        const { port: stackedPort } = await factory({ ...stacked, tables: [...stacked.tables!, { name: "Notes", sheet: "Sales", range: "A3:B4" }] });
        const run = await runWorkbookJob(stackedPort, { now: NOW });
        assert.ok(run.ok, run.ok ? "" : problemLines(run.problems).join("\n"));
      });

      it("reads a sheet found by its name as the Excel table its first row heads (Ctrl+T's Table1): the totals row left out, data below it refused", async () => {
        const base = chairMaker();
        const sales = base.sheets.find((s) => s.name === "Sales")!;
        const last = /:([A-Z]+)(\d+)$/.exec(rangeOf(sales.rows))!;
        const totalsAt = Number(last[2]) + 1;
        const withTotals = editSheet(base, "Sales", (rows) => void rows.push(["Total", null, null, null]));
        const fixture = { ...withTotals, tables: [{ name: "Table1", sheet: "Sales", range: `A1:${last[1]}${totalsAt}`, totalsRow: true }] };
        const { port } = await factory(fixture);
        const raw = await port.findTable(["Sales"]);
        assert.equal(raw?.tableName, "Table1");
        assert.equal(raw?.rows.length, sales.rows.length - 1, "the totals row is no sale");
        if (port.locateTable) assert.deepEqual(await port.locateTable(["Sales"]), { sheet: "Sales", tableName: "Table1", rows: sales.rows.length - 1 });
        const outcome = await runWorkbookJob(port, { now: NOW });
        assert.ok(outcome.ok, outcome.ok ? "" : problemLines(outcome.problems).join("\n"));
        // A sale pasted right below the totals row: Excel does not take it into the table.
        const pasted = editSheet(fixture, "Sales", (rows) => void rows.push([day("2026-11-26"), "CHAIR", 50, "INV-2"]));
        const { port: pastedPort } = await factory(pasted);
        const refused = await runWorkbookJob(pastedPort, { now: NOW });
        const lines = refused.ok ? [] : problemLines(refused.problems);
        assert.ok(lines.some((l) => l.startsWith(`Sales!A${totalsAt + 1}: row ${totalsAt + 1} holds data right below the Excel table Table1, outside it`)), lines.join("\n"));
        // A sale a blank row further down: the sheet is the table's, so it is outside it too, never left out in silence.
        const further = editSheet(fixture, "Sales", (rows) => void rows.push([], [day("2026-11-26"), "CHAIR", 40, "INV-9"]));
        const { port: furtherPort } = await factory(further);
        const far = await runWorkbookJob(furtherPort, { now: NOW });
        const farLines = far.ok ? [] : problemLines(far.problems);
        assert.ok(farLines.includes(`Sales!A${totalsAt + 2}: row ${totalsAt + 2} holds data below the Excel table Table1, which this sheet is read as, outside it, so it is not read; resize the table to take it in (Excel: Table Design › Resize Table; LibreOffice: Data › Define Range), or move it away`), farLines.join("\n"));
      });

      it("locates a table whose one row is blank (Excel keeps one when all are deleted) as holding no rows, as a read finds", async () => {
        const empty = { sheets: [{ name: "Items", rows: [["Item", "Type", "StdPrice"], [null, null, null]] }], tables: [{ name: "Items", sheet: "Items", range: "A1:C2" }] };
        const { port } = await factory(empty);
        if (port.locateTable) assert.deepEqual(await port.locateTable(["Items"]), { sheet: "Items", tableName: "Items", rows: 0 });
        const one = { sheets: [{ name: "Items", rows: [["Item", "Type", "StdPrice"], ["WOOD", "Material", 3]] }], tables: [{ name: "Items", sheet: "Items", range: "A1:C2" }] };
        const { port: onePort } = await factory(one);
        if (onePort.locateTable) assert.deepEqual(await onePort.locateTable(["Items"]), { sheet: "Items", tableName: "Items", rows: 1 });
      });

      it("reads a sheet over the columns its headers span: a stray note far right (XFD5000) neither widens nor lengthens it; one far below is one problem for the blank rows above it", async () => {
        const base = chairMaker();
        const sales = base.sheets.find((s) => s.name === "Sales")!;
        const right = editSheet(base, "Sales", (rows) => {
          while (rows.length < 4999) rows.push([]);
          const far: CellValue[] = new Array<CellValue>(16_384).fill(null);
          far[16_383] = "checked AB";
          rows.push(far);
        });
        const { port } = await factory(right);
        const raw = await port.findTable(["Sales"]);
        assert.equal(raw?.rows.length, sales.rows.length - 1);
        assert.equal(raw?.header.length, sales.rows[0].length);
        const outcome = await runWorkbookJob(port, { now: NOW });
        assert.ok(outcome.ok, outcome.ok ? "" : problemLines(outcome.problems).join("\n"));
        // Under a column of the user's own (Note), far below the sales: the rows between are one problem, and row 5000 is named.
        const below = editSheet(base, "Sales", (rows) => {
          rows[0] = [...rows[0], "Note"];
          while (rows.length < 4999) rows.push([]);
          rows.push([null, null, null, null, "checked AB"]);
        });
        const { port: belowPort } = await factory(below);
        const refused = await runWorkbookJob(belowPort, { now: NOW });
        const lines = refused.ok ? [] : problemLines(refused.problems);
        const first = sales.rows.length + 1;
        assert.equal(lines.filter((l) => l.includes("blank inside")).length, 1, lines.slice(0, 5).join("\n"));
        assert.ok(lines.includes(`Sales!${first}:4999: Rows ${first} to 4999 are blank inside the Sales table; delete them`), lines.slice(0, 5).join("\n"));
        assert.ok(lines.some((l) => l.startsWith("Sales!A5000: ")), lines.join("\n"));
      });

      it("tells two sales apart by a column of the user's own or a date's time of day; a row alike in every column is a repeat", async () => {
        const twoSales = (second: CellValue[], extra?: (rows: CellValue[][]) => void) =>
          editSheet(chairMaker(), "Sales", (rows) => {
            rows[0] = [...rows[0], "Customer"];
            rows[1] = [...rows[1], "IKEA"];
            extra?.(rows);
            rows.push(second);
          });
        const sale = chairMaker().sheets.find((s) => s.name === "Sales")!.rows[1];
        const problems = async (fixture: PortFixture) => {
          const { port } = await factory(fixture);
          const outcome = await runWorkbookJob(port, { now: NOW });
          return outcome.ok ? [] : problemLines(outcome.problems);
        };
        assert.deepEqual(await problems(twoSales([...sale, "Jysk"])), [], "another customer's sale");
        assert.deepEqual(await problems(twoSales([...sale, "IKEA"])), ["Sales!A3: This row repeats row 2 in every column; delete it, or give the two rows different Refs if both are real"]);
        // The same day at 09:00 and at 15:00 (an export with times): two sales.
        const at = (hours: number) => new Date((sale[0] as Date).getTime() + hours * 3_600_000);
        const timed = twoSales([at(15), ...sale.slice(1), "IKEA"], (rows) => void (rows[1][0] = at(9)));
        assert.deepEqual(await problems(timed), []);
        // Conversion costs alike but for a note of the user's own: two costs (the run then allocates against both).
        const twoCosts = (notes: [string, string]) =>
          editSheet(chairMaker(), "Conversion", (rows) => {
            rows[0] = [...rows[0], "Note"];
            rows[1] = [...rows[1], notes[0]];
            rows.push([...rows[1].slice(0, 4), notes[1]]);
          });
        assert.deepEqual(await problems(twoCosts(["rent", "power"])), []);
        assert.deepEqual(await problems(twoCosts(["rent", "rent"])), ["Conversion!A3: This row repeats row 2 in every column; delete it, or give the two rows different Refs if both are real"]);
      });

      it("refuses a date cell in a number or text column at its cell (Excel turns 1/2 and 3-4 into dates)", async () => {
        const dated = setCell(setCell(chairMaker(), "Production", "C2", day("2026-01-02")), "Sales", "B2", day("2026-03-04"));
        const { port } = await factory(dated);
        const outcome = await runWorkbookJob(port, { now: NOW });
        assert.equal(outcome.ok, false);
        const lines = outcome.ok ? [] : problemLines(outcome.problems);
        assert.ok(lines.includes("Production!C2: Qty 2026-01-02 is a date, not a number"), lines.join("\n"));
        assert.ok(lines.includes("Sales!B2: Item 2026-03-04 is a date, not text"), lines.join("\n"));
      });
    });
  });
}
