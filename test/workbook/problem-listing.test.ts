/**
 * A long problem list stays useful: a column headed twice is one problem, not
 * one per row, and a capped list shows every table's first problems.
 */
import { strict as assert } from "node:assert";
import { problemLines } from "../../src/workbook/job";
import { problemsShown } from "../../src/workbook/problems-shown";
import { checkInput } from "../../src/workbook/check";
import type { CellValue } from "../../src/workbook/cells";
import { readInput } from "../../src/workbook/parse";
import { chairMaker, editSheet } from "../contract/fixtures";
import { checked, rawTablesOf } from "./support";

describe("workbook: a column headed twice", () => {
  // Sales with its Item header typed over as Qty (many sales rows), and one bad amount in Purchases.
  const fixture = editSheet(
    editSheet(chairMaker(), "Sales", (rows) => {
      rows[0][1] = "Qty";
      for (let i = 0; i < 150; i++) rows.push([rows[1][0], "CHAIR", 1, `INV-${i + 2}`]);
    }),
    "Purchases",
    (rows) => void (rows[2][3] = "12,5kg"),
  );

  it("is read from neither column: one problem at its header, no bad value for every row, and the other tables' problems listed", () => {
    const { problems } = checked(fixture);
    assert.ok(problems, "the check refuses the workbook");
    assert.deepEqual(
      problems.filter((p) => p.startsWith("Sales!")),
      ["Sales!1:1: Sales has no column Item (or Item code, Artikel, Artikelnummer)", 'Sales!C1: column "Qty" is Qty again (also column B)'],
    );
    assert.ok(problems.some((p) => p.startsWith("Purchases!D3:")), problems.join("\n"));
  });

  it("an optional one in Items (StdPrice and Std price) is one problem, not every material 'without a standard price'", () => {
    const { problems } = checked(
      editSheet(chairMaker(), "Items", (rows) => {
        rows[0].push("Std price");
        for (const r of rows.slice(1)) r.push(null);
      }),
    );
    assert.deepEqual(problems, ['Items!F1: column "Std price" is StdPrice again (also column C)']);
  });

  it("in Settings (Setting and Key) leaves the trigger points unknown: no table a default sequence would need is missed", () => {
    // Sale triggers need no Production table; read by the default sequence's rules, its absence would be a problem.
    const fixture = editSheet(chairMaker({ triggers: "sale" }), "Settings", (rows) => {
      rows[0].push("Key");
      for (const r of rows.slice(1)) r.push(r[0]);
    });
    const { problems } = checked({ ...fixture, sheets: fixture.sheets.filter((s) => s.name !== "Production") });
    assert.deepEqual(problems, ['Settings!C1: column "Key" is Setting again (also column A)']);
  });

  it("trigger points refused (a typo) are unknown too; a Settings table with no Value column keeps the default's tables", () => {
    const sale = chairMaker({ triggers: "sael" });
    const noMovements = { ...sale, sheets: sale.sheets.filter((s) => s.name !== "Production" && s.name !== "Purchases") };
    const { problems } = checked(noMovements);
    assert.ok(problems && problems.length === 1 && problems[0].startsWith("Settings!B2:"), JSON.stringify(problems));
    // Without values the settings are the defaults, purchase-completion-sale's tables among them: their absence is said.
    const noValues = editSheet(noMovements, "Settings", (rows) => rows.map((r) => [r[0]]));
    const missing = checked(noValues).problems ?? [];
    assert.ok(missing.some((p) => p.startsWith("Production:")) && missing.some((p) => p.startsWith("Purchases:")), JSON.stringify(missing));
  });

  it("in Items (Type headed Item) leaves the structure to its fix: no 'not in Items' for every row of the other tables", () => {
    const { problems } = checked(editSheet(chairMaker(), "Items", (rows) => void (rows[0][1] = "Item")));
    assert.deepEqual(problems, ["Items!1:1: Items has no column Type (or Item type, Typ, Jenis)", 'Items!B1: column "Item" is Item again (also column A)']);
  });
});

describe("workbook: a capped problem list", () => {
  // 150 bad quantities in Production, then one bad amount in Purchases: the table order lists Purchases after Production.
  const fixture = editSheet(
    editSheet(chairMaker(), "Production", (rows) => {
      for (let i = 0; i < 150; i++) rows.push([rows[1][0], "CHAIR", "many", `WO-${i + 2}`]);
    }),
    "Purchases",
    (rows) => void (rows[2][3] = "12,5kg"),
  );
  const all = checkInput(readInput(rawTablesOf(fixture)));

  it("shows every table's first problems: the one in Purchases among the first 100, with 99 of Production's", () => {
    assert.equal(all.ok, false);
    if (all.ok) return;
    assert.equal(all.problems.length, 151);
    const lines = problemLines(all.problems, 100);
    assert.equal(lines.length, 101); // 100 and the count of the rest
    assert.ok(lines.some((l) => l.startsWith("Purchases!D3:")), lines.slice(-3).join("\n"));
    assert.equal(lines.filter((l) => l.startsWith("Production!")).length, 99);
    assert.match(lines[100], /and 51 more \(151 problems in all\)/);
  });

  it("shares the cap equally, a table with fewer leaving the rest of its share, in the list's order", () => {
    const list = [...Array(70)].map((_, i) => ({ table: "A", n: i })).concat([...Array(5)].map((_, i) => ({ table: "B", n: i })), [...Array(70)].map((_, i) => ({ table: "C", n: i })));
    const shown = problemsShown(list, 40);
    assert.deepEqual(
      ["A", "B", "C"].map((t) => shown.filter((p) => p.table === t).length),
      [17, 5, 18],
    );
    assert.deepEqual(shown.map((p) => p.table).join(""), "A".repeat(17) + "B".repeat(5) + "C".repeat(18));
    assert.equal(problemsShown(list.slice(0, 30), 40).length, 30);
  });
});

describe("workbook: a time of day, as a date cell's or after a date written as text", () => {
  const sales = (dates: CellValue[]) =>
    checked(
      editSheet(chairMaker(), "Sales", (rows) => {
        const header = rows[0];
        return [header, ...dates.map((d) => [d, "CHAIR", 450, "INV-1"])];
      }),
    );
  it("tells rows apart the same way: a cell at 09:00 and the text '… 09:00' are one row twice; 08:30:00.1 and 08:30:00.9 are two", () => {
    const twice = sales([new Date("2026-11-25T09:00:00.000Z"), "2026-11-25 09:00"]);
    assert.deepEqual(twice.problems, ["Sales!A3: This row repeats row 2 in every column; delete it, or give the two rows different Refs if both are real"]);
    assert.equal(sales(["2026-11-25 08:30:00.1", "2026-11-25 08:30:00.9"]).problems, undefined);
  });
});
