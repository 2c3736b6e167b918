/**
 * An Items table without rows: one problem at the table says so, instead of
 * one "… is not in Items" per row of every other table (the bundled sample
 * gave 529 of them, none saying why).
 */
import { strict as assert } from "node:assert";
import { translator } from "../../src/i18n";
import { problemText } from "../../src/i18n/problems";
import { buildSampleTables, rawTablesOf } from "../../src/sample";
import { checkInput } from "../../src/workbook/check";
import { formatProblem, readInput } from "../../src/workbook/parse";
import { chairMaker, editSheet } from "../contract/fixtures";
import { checked } from "./support";

describe("workbook: an empty Items table", () => {
  it("the bundled sample with its Items rows taken out: one problem, at the Items table, in English, Swedish and Malay", () => {
    const tables = rawTablesOf(buildSampleTables());
    const items = tables.Items!;
    assert.ok(items.rows.length > 0);
    const c = checkInput(readInput({ ...tables, Items: { ...items, rows: [] } }));
    assert.ok(!c.ok);
    assert.deepEqual(c.problems.map(formatProblem), [`${items.sheet}: The Items table has no rows: list in it every material and assembly the other tables name, with its Type and standard cost`]);
    const [p] = c.problems;
    assert.equal(p.code, "no-items");
    assert.equal(p.table, "Items");
    assert.equal(problemText(translator("sv"), p.key, p.params), "Tabellen Items har inga rader: lista i den varje material och sammansättning som de andra tabellerna nämner, med typ och standardkostnad");
    assert.equal(problemText(translator("ms"), p.key, p.params), "Jadual Items tiada baris: senaraikan di dalamnya setiap bahan dan pemasangan yang dinamakan oleh jadual lain, dengan Jenis dan kos piawainya");
  });

  it("with a bad cell elsewhere, both are listed; an item missing from a non-empty Items is still named", () => {
    const noItems = editSheet(chairMaker(), "Items", (rows) => [rows[0]]);
    const r = checked(editSheet(noItems, "Sales", (rows) => rows.map((row, i) => (i === 1 ? [row[0], row[1], "many"] : row))));
    assert.ok(r.problems);
    assert.equal(r.problems.filter((x) => /not in Items/.test(x)).length, 0, r.problems.join("\n"));
    assert.equal(r.problems.filter((x) => /^Items: The Items table has no rows/.test(x)).length, 1, r.problems.join("\n"));
    assert.ok(r.problems.some((x) => /^Sales!C2: /.test(x)), r.problems.join("\n"));
    // A bad cell on a BOM line leaves its Parent unsettled, but no Items row was left unread: Items is still empty.
    const bomBad = checked(editSheet(noItems, "BOM", (rows) => rows.map((row, i) => (i === 1 ? [row[0], row[1], "two", row[3]] : row))));
    assert.ok(bomBad.problems);
    assert.deepEqual(bomBad.problems, ["Items: The Items table has no rows: list in it every material and assembly the other tables name, with its Type and standard cost", 'BOM!C2: QtyPer "two" is not a number']);
    // Items rows whose cells are bad are rows all the same: only their cells are named, not an empty table.
    const badOnly = checked(editSheet(chairMaker(), "Items", (rows) => [rows[0], rows[1].map((v, i) => (i === 0 ? v : i === rows[0].indexOf("StdPrice") ? "cheap" : v))]));
    assert.ok(badOnly.problems);
    assert.deepEqual(badOnly.problems.filter((x) => /no rows/.test(x)), [], badOnly.problems.join("\n"));
    assert.ok(badOnly.problems.some((x) => /^Items!\w+2: .*cheap/.test(x)), badOnly.problems.join("\n"));
    const one = checked(editSheet(chairMaker(), "Items", (rows) => rows.filter((row) => row[0] !== "SCREW")));
    assert.ok(one.problems?.some((x) => /"SCREW" is not in Items/.test(x)), one.problems?.join("\n"));
  });
});
