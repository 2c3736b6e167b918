/**
 * JOURNAL spills the rows of the Journal sheet: the test runs the real job
 * (the one the task pane runs) on the sample workbook through the .xlsx
 * port, passes the tables it reads to JOURNAL as Excel would, and compares
 * cell by cell. Then DOMAIN.md's chair maker, the trigger override, and
 * bad input.
 */
import { strict as assert } from "node:assert";
import { newXlsx } from "../../src/adapters/xlsx";
import { Dec, runBackflush, sum, type TableName } from "../../src/engine";
import { excelSerialFromIso } from "../../src/engine/dates";
import { resetCache } from "../../src/functions/cache";
import { journal } from "../../src/functions/functions";
import { buildSampleTables } from "../../src/sample";
import { runWorkbookJob } from "../../src/workbook/job";
import { DEFAULT_ACCOUNTS, TABLE_ORDER } from "../../src/workbook/schema";
import { JOURNAL_COLUMNS, journalRows, type OutCell, type SheetModel } from "../../src/workbook/render";
import { chairMaker } from "../support/build";
import { asArgument, failure, type Grid, gridsOf } from "./support";


const column = (header: string): number => JOURNAL_COLUMNS.findIndex((c) => c.header === header);

/** A spilled cell against the sheet's cell: the same text, the same date, the same amount to the cent, the same quantity. */
function sameCell(spilled: string | number, cell: OutCell, kind: string, where: string): void {
  if (cell === null) return assert.equal(spilled, "", where);
  switch (kind) {
    case "date":
      return assert.equal(spilled, excelSerialFromIso(cell as string), where);
    case "money":
      assert.equal(typeof spilled, "number", where);
      return assert.ok(new Dec(spilled).equals(cell as Dec), `${where}: ${spilled} vs ${(cell as Dec).toFixed()}`);
    case "quantity":
      return assert.equal(spilled, (cell as Dec).toNumber(), where);
    default:
      return assert.equal(spilled, cell, where);
  }
}

describe("functions: JOURNAL", () => {
  beforeEach(resetCache);

  describe("the sample workbook: JOURNAL and the Journal sheet agree cell by cell", () => {
    let sheet: SheetModel;
    const args: Partial<Record<TableName, Grid>> = {};
    before(async function () {
      this.timeout(60_000);
      const port = await newXlsx();
      await port.writeInputTables(buildSampleTables());
      const outcome = await runWorkbookJob(port, { now: new Date(2026, 10, 1, 9, 0) });
      assert.ok(outcome.ok, "the sample does not run");
      sheet = outcome.sheets.find((s) => s.kind === "Journal")!;
      // The tables as the workbook holds them, passed as Items[#All] etc. would be.
      for (const name of TABLE_ORDER) {
        const raw = await port.findTable([name]);
        assert.ok(raw, `no ${name} table`);
        args[name] = asArgument([raw.header, ...raw.rows]);
      }
    });

    it("spills the header and every journal line of the sheet, with the same values", () => {
      const a = args as Record<TableName, Grid>;
      const spilled = journal(a.Items, a.BOM, a.Production, a.Sales, a.Purchases, a.Conversion, undefined, a.Inventory, a.Settings, a.Accounts);
      assert.deepEqual(spilled[0], JOURNAL_COLUMNS.map((c) => c.header));
      assert.equal(spilled.length - 1, sheet.rows.length);
      assert.ok(sheet.rows.length > 500, `only ${sheet.rows.length} journal lines`);
      sheet.rows.forEach((row, r) => row.forEach((cell, c) => sameCell(spilled[r + 1][c], cell, sheet.columns[c].kind, `row ${r + 1}, ${sheet.columns[c].header}`)));
      // The sample's own chart of accounts is used, not the default one.
      assert.ok(spilled.slice(1).some((r) => r[column("Account")] === "1310"));
      assert.ok(!spilled.slice(1).some((r) => r[column("Account")] === DEFAULT_ACCOUNTS.RIP.account));
    });

    it("balances: the debit column sums to the credit column", () => {
      const a = args as Record<TableName, Grid>;
      const spilled = journal(a.Items, a.BOM, a.Production, a.Sales, a.Purchases, a.Conversion, undefined, a.Inventory, a.Settings, a.Accounts).slice(1);
      // Each amount is on its own side; the other side is blank ("").
      const total = (header: string) => sum(spilled.map((r) => r[column(header)]).filter((v): v is number => v !== "").map((v) => new Dec(v)));
      assert.ok(total("Debit").equals(total("Credit")));
      assert.ok(total("Debit").greaterThan(100_000));
    });
  });

  describe("DOMAIN.md's chair maker", () => {
    const input = chairMaker();
    const g = gridsOf(input);
    const spill = (triggers?: string, grids = g) => journal(grids.Items, grids.BOM, grids.Production, grids.Sales, grids.Purchases, grids.Conversion, triggers, grids.Inventory);
    const lines = (rows: (string | number)[][], role: string, trigger: string) => rows.slice(1).filter((r) => r[column("Role")] === role && r[column("Trigger")] === trigger);

    it("posts the worked example: FG 23,300.00 at completion, COGS 20,970.00 at sale, usage variance 60.00", () => {
      const rows = spill();
      assert.deepEqual(lines(rows, "FG", "completion").map((r) => r[column("Debit")]), [23300]);
      assert.deepEqual(lines(rows, "COGS", "sale").map((r) => r[column("Debit")]), [20970]);
      const usage = lines(rows, "USAGE_VARIANCE", "period-end").filter((r) => r[column("Debit")] !== "");
      assert.deepEqual(usage.map((r) => [r[column("Item")], r[column("Debit")]]), [["WOOD", 60]]);
      assert.deepEqual(lines(rows, "FG", "completion")[0].slice(0, 3), [2, excelSerialFromIso("2026-11-20"), "completion"]);
      assert.equal(lines(rows, "FG", "completion")[0][column("Source")], "Production row 2");
    });

    it("is the engine's journal, with the default accounts and no settings table", () => {
      const rows = spill();
      // The grids put each table's records on rows 2, 3, …; so must the engine's input for the sources to match.
      const at = <T extends { row: number }>(records: readonly T[] | undefined): T[] => (records ?? []).map((r, i) => ({ ...r, row: i + 2 }));
      const renumbered = { items: at(input.items), bom: at(input.bom), completions: at(input.completions), sales: at(input.sales), purchases: at(input.purchases), conversion: at(input.conversion), inventory: at(input.inventory) };
      const expected = journalRows(runBackflush({ ...renumbered, settings: { ...input.settings, periodStart: undefined, periodEnd: undefined } }), DEFAULT_ACCOUNTS, {});
      assert.equal(rows.length - 1, expected.length);
      expected.forEach((row, r) => row.forEach((cell, c) => sameCell(rows[r + 1][c], cell, JOURNAL_COLUMNS[c].kind, `row ${r + 1}`)));
      // Optional arguments left out arrive as null or undefined alike.
      const none = null as unknown as undefined;
      assert.deepEqual(journal(g.Items, g.BOM, g.Production, g.Sales, g.Purchases, g.Conversion, none, g.Inventory, none, none), rows);
    });

    it("recalculates when a quantity changes: 800 chairs sold cost 18,640.00", () => {
      const sales = g.Sales.map((r) => [...r]);
      sales[1][2] = 800;
      assert.deepEqual(lines(spill(undefined, { ...g, Sales: sales }), "COGS", "sale").map((r) => r[column("Debit")]), [18640]);
    });

    it("takes the trigger points from `triggers`: completion, sale credits materials clearing, not RIP, at completion", () => {
      const rows = spill("completion, sale");
      assert.equal(lines(rows, "RIP", "purchase").length, 0);
      assert.deepEqual(lines(rows, "MATERIALS_CLEARING", "completion").map((r) => r[column("Item")]).sort(), ["FABRIC", "SCREW", "WOOD"]);
      assert.equal(lines(rows, "AP", "completion").length, 0);
    });
  });

  describe("bad input", () => {
    const g = gridsOf(chairMaker());

    it("points an unknown item in Sales at its cell", () => {
      const sales: Grid = [...g.Sales, [excelSerialFromIso("2026-11-26"), "STOOL", 3, null]];
      const e = failure(() => journal(g.Items, g.BOM, g.Production, sales, g.Purchases, g.Conversion));
      assert.deepEqual([e.code, e.message], ["#VALUE!", 'sales!B3: Item "STOOL" is not in Items']);
    });

    it("refuses triggers that name no sequence", () => {
      assert.equal(failure(() => journal(g.Items, g.BOM, g.Production, g.Sales, g.Purchases, g.Conversion, "purchase, shipping")).message, 'triggers "purchase, shipping" is not a trigger sequence; write purchase, completion, sale — or purchase, sale — or completion, sale — or sale');
    });

    it("points a date outside the Settings period at its cell, and a bad setting at the settings range", () => {
      const settings: Grid = [
        ["Setting", "Value"],
        ["PeriodStart", "2026-11-01"],
        ["PeriodEnd", "2026-11-24"],
      ];
      const e = failure(() => journal(g.Items, g.BOM, g.Production, g.Sales, g.Purchases, g.Conversion, undefined, undefined, settings));
      assert.equal(e.message, "sales!A2: Date 2026-11-25 is outside the period 2026-11-01 to 2026-11-24; conversion!A2: Date 2026-11-30 is outside the period 2026-11-01 to 2026-11-24");
      const badCurrency: Grid = [["Setting", "Value"], ["Currency", "dollars"]];
      assert.equal(failure(() => journal(g.Items, g.BOM, g.Production, g.Sales, g.Purchases, g.Conversion, undefined, undefined, badCurrency)).message, 'settings!B2: Currency "dollars" is not a currency code such as USD, SEK or MYR');
    });
  });
});
