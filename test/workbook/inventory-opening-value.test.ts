/** Inventory's OpeningValue column: read under its names in our languages, optional, a number like the others. */
import { strict as assert } from "node:assert";
import type { TableName } from "../../src/engine";
import { formatProblem, readInput, type RawTable } from "../../src/workbook/parse";
import { TABLES, requiredTables } from "../../src/workbook/schema";
import { chairMaker, editSheet } from "../contract/fixtures";
import { checked, rawTablesOf } from "./support";

function withInventory(header: string[], rows: (string | number | null)[][]) {
  const out: Partial<Record<TableName, RawTable>> = {};
  for (const name of requiredTables("purchase-completion-sale")) out[name] = { sheet: name, headerRow: 1, firstColumn: 0, header: TABLES[name].columns.map((c) => c.key), rows: [] };
  out.Inventory = { sheet: "Inventory", headerRow: 1, firstColumn: 0, header, rows };
  return readInput(out);
}

describe("workbook: Inventory's opening value", () => {
  it("reads OpeningValue under its English, Swedish and Malay names, and leaves it out when blank", () => {
    for (const name of ["OpeningValue", "Opening value", "Ingående värde", "Nilai awal"]) {
      const r = withInventory(["Item", "Opening", "Count", name], [["CHAIR", 50, null, 1171.05], ["WOOD", 100, 90, null]]);
      assert.deepEqual(r.problems.map(formatProblem), [], name);
      assert.equal(r.input!.inventory![0].openingValue?.toFixed(), "1171.05", name);
      assert.equal(r.input!.inventory![1].openingValue, undefined, name);
    }
  });

  it("reports text where the value should be at its cell", () => {
    const r = withInventory(["Item", "Opening", "OpeningValue"], [["CHAIR", 50, "lots"]]);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].address, "Inventory!C2");
  });

  it("blames an unreadable Opening once, not again for the OpeningValue beside it", () => {
    const plant = editSheet(chairMaker(), "Inventory", () => [["Item", "Opening", "Count", "OpeningValue"], ["WOOD", "lots", 480, 1500], ["SCREW", null, 4000, null]]);
    assert.deepEqual(checked(plant).problems?.map((p) => p.split(":")[0]), ["Inventory!B2"]);
  });

  it("lists a row's problems left to right, a cell rule's and a meaning rule's alike", () => {
    // GLUE is not in Items (a meaning rule, column A); the count is text (a cell rule, column C).
    const plant = editSheet(chairMaker(), "Inventory", (rows) => [...rows, ["GLUE", null, "many"]]);
    assert.deepEqual(checked(plant).problems?.map((p) => p.split(":")[0]), ["Inventory!A5", "Inventory!C5"]);
  });
});

describe("workbook: one table read as two booked inputs", () => {
  it("is refused where the rows are one range, whether found as a table or as a sheet (a sheet named Sales holding the table Production)", () => {
    const tables = rawTablesOf(chairMaker());
    const production = tables.Production!;
    // The sheet Sales is the range of the table Production: read by the table's name for Production, by the sheet's for Sales.
    const read = readInput({ ...tables, Production: { ...production, sheet: "Sales", tableName: "Production" }, Sales: { ...production, sheet: "Sales" } });
    assert.deepEqual(
      read.problems.filter((p) => p.code === "found-twice").map((p) => [p.address, p.table]),
      [["Sales!1:1", "Production"]],
    );
    // Items and Inventory on one sheet are reference tables, read side by side: not refused.
    const shared = readInput({ ...tables, Inventory: { ...tables.Items!, header: ["Item", "Opening", "Count"] } });
    assert.deepEqual(shared.problems.filter((p) => p.code === "found-twice"), []);
  });
});
