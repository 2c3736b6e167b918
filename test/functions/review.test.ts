/**
 * REVIEW spills the rows of the Standards Review sheet: the test runs the real
 * job on the sample workbook through the .xlsx port, passes the tables it
 * reads to REVIEW as Excel would, and compares cell by cell. Then DOMAIN.md's
 * chair maker with WOOD bought 10 % over its standard, the languages, and
 * bad input.
 */
import { strict as assert } from "node:assert";
import { newXlsx } from "../../src/adapters/xlsx";
import { Dec, type TableName } from "../../src/engine";
import { excelSerialFromIso } from "../../src/engine/dates";
import { resetCache } from "../../src/functions/cache";
import { review } from "../../src/functions/functions";
import { buildSampleTables } from "../../src/sample";
import { runWorkbookJob } from "../../src/workbook/job";
import type { SheetModel } from "../../src/workbook/render";
import { TABLE_ORDER } from "../../src/workbook/schema";
import { buy, chairMaker } from "../support/build";
import { asArgument, failure, type Grid, gridsOf } from "./support";

describe("functions: REVIEW", () => {
  beforeEach(resetCache);

  it("spills the sample workbook's Standards Review sheet, header and every row, with the same values", async function () {
    this.timeout(60_000);
    const port = await newXlsx();
    await port.writeInputTables(buildSampleTables());
    const outcome = await runWorkbookJob(port, { now: new Date(2026, 10, 1, 9, 0) });
    assert.ok(outcome.ok, "the sample does not run");
    const sheet: SheetModel = outcome.sheets.find((s) => s.kind === "Standards Review")!;
    const a: Partial<Record<TableName, Grid>> = {};
    for (const name of TABLE_ORDER) {
      const raw = await port.findTable([name]);
      assert.ok(raw, `no ${name} table`);
      a[name] = asArgument([raw.header, ...raw.rows]);
    }
    const spilled = review(a.Items!, a.BOM!, a.Purchases!, a.Production!, a.Inventory!, a.Sales, a.Conversion, undefined, a.Settings);
    assert.deepEqual(spilled[0], sheet.columns.map((c) => c.header));
    assert.equal(spilled.length - 1, sheet.rows.length);
    assert.ok(sheet.rows.length > 10, `only ${sheet.rows.length} rows`);
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const where = `row ${r + 1}, ${sheet.columns[c].header}`;
        if (cell === null) assert.equal(spilled[r + 1][c], "", where);
        else if (cell instanceof Dec) assert.equal(spilled[r + 1][c], cell.toNumber(), where);
        else assert.equal(spilled[r + 1][c], cell, where);
      }),
    );
  });

  describe("DOMAIN.md's chair maker, WOOD bought at 3.30/kg against 3.00", () => {
    const g = gridsOf({ ...chairMaker(), purchases: [buy("2026-11-02", "WOOD", 4000, "13200.00"), buy("2026-11-02", "SCREW", 20000, "960.00"), buy("2026-11-02", "FABRIC", 600, "2340.00")] });
    const spill = (language?: string, conversion: Grid | null = g.Conversion) => review(g.Items, g.BOM, g.Purchases, g.Production, g.Inventory, g.Sales, conversion ?? undefined, undefined, undefined, language);

    it("flags WOOD and proposes 3.30; CHAIR rolls up to 24.35; the revaluation sums to 249.00", () => {
      const rows = spill();
      const col = (h: string) => rows[0].indexOf(h);
      const wood = rows.find((r) => r[col("Kind")] === "price" && r[col("Item")] === "WOOD")!;
      assert.deepEqual([wood[col("Standard")], wood[col("Actual")], wood[col("Deviation")], wood[col("Flagged")], wood[col("Proposed")]], [3, 3.3, 0.1, "yes", 3.3]); // 13,200 / 4,000; +10 %
      const chair = rows.find((r) => r[col("Kind")] === "rollup" && r[col("Item")] === "CHAIR")!;
      assert.deepEqual([chair[col("Standard")], chair[col("Proposed")]], [23.3, 24.35]); // 13.30 + 10.00 → 14.35 + 10.00
      const total = rows.slice(1).reduce((s, r) => s.plus(typeof r[col("Revaluation")] === "number" ? (r[col("Revaluation")] as number) : 0), new Dec(0));
      assert.equal(total.toFixed(2), "249.00"); // 480 kg × 0.30 + 100 chairs × 1.05
    });

    it("speaks Swedish and Malay", () => {
      assert.deepEqual(spill("sv")[0].slice(0, 3), ["Slag", "Artikel", "Standard"]);
      assert.ok(spill("ms").some((r) => r[0] === "harga" && r[1] === "WOOD"));
    });

    it("without Conversion, the conversion rates are too thin to judge", () => {
      const rows = spill("en", null); // an argument left out
      const chair = rows.find((r) => r[0] === "conversion" && r[1] === "CHAIR")!;
      assert.deepEqual([chair[5], chair[6], chair[13]], ["", "", "Too thin to judge: no conversion cost was recorded as incurred."]);
    });

    it("refuses a language it does not speak, and points bad data at its cell", () => {
      assert.deepEqual([failure(() => spill("de")).code, failure(() => spill("de")).message], ["#VALUE!", 'language "de" must be en, sv or ms']);
      const purchases: Grid = [...g.Purchases, [excelSerialFromIso("2026-11-03"), "GLUE", 1, 5, null]];
      const e = failure(() => review(g.Items, g.BOM, purchases, g.Production, g.Inventory, g.Sales, g.Conversion));
      assert.deepEqual([e.code, e.message], ["#VALUE!", 'purchases!B5: Item "GLUE" is not in Items']);
    });
  });
});
