/**
 * Excel's own limits on what we write: no cell longer than 32,767 characters
 * (a memo that names a long unit or category is cut with an ellipsis), and
 * sheet and table names that Excel takes.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { runBackflush } from "../../src/engine";
import { journalTable } from "../../src/functions/core";
import { planSheetNames, runContext } from "../../src/workbook/job";
import { NamePool, generatedTableBase, sheetNameProblem, tableNameProblem } from "../../src/workbook/names";
import { readInput } from "../../src/workbook/parse";
import { GENERATED_KINDS, MAX_CELL_TEXT, fitCell, renderSheets } from "../../src/workbook/render";
import { chairMaker, setCell, withSheets, type PortFixture } from "../contract/fixtures";
import { rawTablesOf } from "./support";

const LONG = "x".repeat(32_760);

/** The chair maker with a 32,760-character conversion category, unit of WOOD and account name: each is a cell Excel holds. */
function longTexts(): PortFixture {
  let f = setCell(chairMaker(), "Conversion", "C2", `Labor ${LONG}`.slice(0, MAX_CELL_TEXT));
  f = setCell(f, "Items", "E2", LONG);
  f = withSheets(f, { name: "Accounts", rows: [["Role", "Account", "Name"], ["PPV", "5100", LONG]] });
  return f;
}

describe("workbook: Excel's limits on what is written", () => {
  it("writes no cell longer than 32,767 characters: memos built from long texts are cut with an ellipsis", () => {
    const read = readInput(rawTablesOf(longTexts()));
    assert.ok(read.input, read.problems.map((p) => p.message).join("; "));
    const result = runBackflush(read.input);
    const sheets = renderSheets(result, runContext(read, "2026-12-01 09:30", []));
    let cut = 0;
    for (const s of sheets) {
      for (const row of s.rows) {
        for (const cell of row) {
          if (typeof cell !== "string") continue;
          assert.ok(cell.length <= MAX_CELL_TEXT, `${s.kind}: a cell of ${cell.length} characters`);
          if (cell.endsWith("…") && cell.length === MAX_CELL_TEXT) cut++;
        }
      }
    }
    assert.ok(cut > 0, "no memo was long enough to cut");
    const journal = sheets.find((s) => s.kind === "Journal")!;
    const memo = journal.rows.map((r) => r[10] as string).find((m) => m.startsWith("Conversion cost incurred: Labor xxx"));
    assert.ok(memo && memo.length === MAX_CELL_TEXT && memo.endsWith("x…"), memo?.slice(-10));
  });

  it("JOURNAL spills no text longer than 32,767 characters either", () => {
    const grid = (sheet: string) => longTexts().sheets.find((s) => s.name === sheet)!.rows.map((r) => r.map((v) => (v instanceof Date ? Math.round(v.getTime() / 86_400_000) + 25_569 : v)));
    const spill = journalTable({ items: grid("Items"), bom: grid("BOM"), production: grid("Production"), sales: grid("Sales"), purchases: grid("Purchases"), conversion: grid("Conversion"), settings: grid("Settings") });
    for (const row of spill) for (const cell of row) if (typeof cell === "string") assert.ok(cell.length <= MAX_CELL_TEXT, `${cell.length}`);
  });

  it("fits any text to a cell: unchanged when it fits, else cut to 32,767 with an ellipsis and no half character", () => {
    const text = fc.tuple(fc.nat(40_000), fc.constantFrom("a", "é", "😀", "字")).map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
    fc.assert(
      fc.property(text, (t) => {
        const f = fitCell(t);
        if (t.length <= MAX_CELL_TEXT) return assert.equal(f, t);
        assert.ok(f.length <= MAX_CELL_TEXT && f.endsWith("…"));
        const kept = f.slice(0, -1);
        assert.ok(t.startsWith(kept));
        const last = kept.charCodeAt(kept.length - 1);
        assert.ok(!(last >= 0xd800 && last <= 0xdbff), "a half character before the ellipsis");
      }),
      { numRuns: 200 },
    );
  });

  it("never hands out a table name longer than 255 characters, or a sheet name longer than 31, however long the name it starts from", () => {
    const long = `T${"x".repeat(260)}`;
    const tables = new NamePool([long.slice(0, 255)]);
    const claimed = [tables.claim(long), tables.claim(long), tables.claim(`${long}_old`)];
    for (const t of claimed) assert.equal(tableNameProblem(t), undefined, `${t.length} characters`);
    assert.equal(new Set(claimed.map((t) => t.toLowerCase())).size, 3);
    const sheets = new NamePool(["~Backflush new"], 31);
    const names = Array.from({ length: 3 }, () => sheets.claim(`~Backflush new${"!".repeat(30)}`, " "));
    for (const n of names) assert.equal(sheetNameProblem(n), undefined, n);
  });

  it("gives the generated sheets and tables names Excel takes, never one taken, whatever the workbook holds", () => {
    const name = fc.oneof(
      fc.constantFrom(...GENERATED_KINDS).chain((k) => fc.tuple(fc.constant(k), fc.nat(12), fc.constantFrom("", "_", " ")).map(([kind, n, sep]) => (n === 0 ? kind : n === 1 ? `${kind} (Backflush)` : `${kind}${sep}(Backflush ${n})`))),
      fc.string({ maxLength: 31 }).filter((s) => sheetNameProblem(s) === undefined),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.boolean()), { maxLength: 25 }), fc.array(fc.constantFrom(...GENERATED_KINDS).map(generatedTableBase).chain((b) => fc.nat(5).map((n) => (n < 2 ? b : `${b}_${n}`))), { maxLength: 10 }), (sheets, tables) => {
        const existing = sheets.filter(([n], i) => sheets.findIndex(([m]) => m.toLowerCase() === n.toLowerCase()) === i).map(([n, generated]) => ({ name: n, generated }));
        const plan = planSheetNames(existing);
        const staying = existing.filter((s) => !s.generated).map((s) => s.name.toLowerCase());
        const planned = Object.values(plan.names);
        for (const n of planned) {
          assert.equal(sheetNameProblem(n), undefined, n);
          assert.ok(!staying.includes(n.toLowerCase()), `${n} is a sheet that stays`);
        }
        assert.equal(new Set(planned.map((n) => n.toLowerCase())).size, planned.length);
        const pool = new NamePool(tables);
        for (const kind of GENERATED_KINDS) {
          const t = pool.claim(generatedTableBase(kind));
          assert.equal(tableNameProblem(t), undefined, t);
          assert.ok(t.length <= 255);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("workbook: a Source names the table where two input tables share a sheet", () => {
  it("Production and Sales as Excel tables on one sheet: their rows are told apart by the table's name, a table alone on its sheet is not", () => {
    const raw = rawTablesOf(chairMaker());
    // Both on sheet "Movements", side by side from row 1: a completion and a sale in sheet row 2 each.
    raw.Production = { ...raw.Production!, sheet: "Movements", tableName: "Made" };
    raw.Sales = { ...raw.Sales!, sheet: "Movements", tableName: "Sold", firstColumn: 6 };
    raw.Purchases = { ...raw.Purchases!, tableName: "Bought" };
    const read = readInput(raw);
    assert.ok(read.input, read.problems.map((p) => p.message).join("; "));
    const context = runContext(read, "2026-12-01 09:30", []);
    assert.equal(context.sheets.Production, "Movements (Made)");
    assert.equal(context.sheets.Sales, "Movements (Sold)");
    assert.equal(context.sheets.Purchases, "Purchases");
    const journal = renderSheets(runBackflush(read.input), context).find((s) => s.kind === "Journal")!;
    const source = journal.columns.findIndex((c) => c.header === "Source");
    const sources = journal.rows.map((r) => String(r[source] ?? ""));
    assert.ok(sources.some((t) => t.startsWith("Movements (Made) row")), sources.slice(0, 12).join(" | "));
    assert.ok(sources.some((t) => t.startsWith("Movements (Sold) row")));
    assert.ok(!sources.some((t) => /^Movements row/.test(t)), "no row said by the sheet alone");
  });
});
