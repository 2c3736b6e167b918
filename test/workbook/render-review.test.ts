/**
 * The Standards Review and Proposed Items sheets, and the review's part of
 * --json, on the chair maker with WOOD bought at 3.30/kg, 10 % over its
 * standard 3.00 (test/engine/review.test.ts works the figures out by hand).
 */
import { strict as assert } from "node:assert";
import { Dec, reviewStandards, runBackflush } from "../../src/engine";
import type { PeriodInput, TableName } from "../../src/engine";
import type { CellValue } from "../../src/workbook/cells";
import { formatProblem, readInput, type RawTable } from "../../src/workbook/parse";
import { GENERATED_KINDS, renderSheets, type SheetModel } from "../../src/workbook/render";
import { reviewJson, reviewSheets } from "../../src/workbook/render-review";
import { DEFAULT_ACCOUNTS, TABLES, requiredTables } from "../../src/workbook/schema";
import { buy, chairMaker, stock } from "../support/build";

const input: PeriodInput = { ...chairMaker(), purchases: [buy("2026-11-02", "WOOD", 4000, "13200.00"), buy("2026-11-02", "SCREW", 20000, "960.00"), buy("2026-11-02", "FABRIC", 600, "2340.00")] };
const result = runBackflush(input);
const review = reviewStandards(input, result);
const ctx = { when: "2026-12-01 09:30", accounts: DEFAULT_ACCOUNTS, sheets: {}, inputs: [], notes: [], version: "test" };

/** A sheet's rows as records by header, cells as text (Dec as its decimal). */
function records(sheet: SheetModel): Record<string, string | null>[] {
  return sheet.rows.map((r) => Object.fromEntries(sheet.columns.map((c, i) => [c.header, r[i] === null ? null : String(r[i] instanceof Dec ? (r[i] as Dec).toFixed() : r[i])])));
}

describe("workbook: the standards review sheets", () => {
  const sheets = renderSheets(result, { ...ctx, review });
  const sheet = sheets.find((s) => s.kind === "Standards Review")!;
  const items = sheets.find((s) => s.kind === "Proposed Items")!;

  it("follow the other sheets when the run has a review, and are the last of GENERATED_KINDS", () => {
    assert.deepEqual(sheets.map((s) => s.kind), [...GENERATED_KINDS]);
    assert.equal(renderSheets(result, ctx).length, GENERATED_KINDS.length - 2);
  });

  it("Standards Review: the flagged price, each assembly's rollup now and proposed, the revaluation per item", () => {
    const rows = records(sheet);
    const wood = rows.find((r) => r.Kind === "price" && r.Item === "WOOD")!;
    assert.deepEqual([wood.Standard, wood.Actual, wood.Deviation, wood.Flagged, wood.Proposed], ["3", "3.3", "0.1", "yes", "3.3"]); // 10 % as a ratio
    const chair = rows.find((r) => r.Kind === "rollup" && r.Item === "CHAIR")!;
    // 13.30 + 10.00 = 23.30 now; 14.35 + 10.00 = 24.35 proposed
    assert.deepEqual([chair.Standard, chair.Proposed, chair["Material now"], chair["Conversion now"], chair["Material proposed"], chair["Conversion proposed"]], ["23.3", "24.35", "13.3", "10", "14.35", "10"]);
    // (24.35 − 23.30) ÷ 23.30 = 0.0450643…: 4.51 %, rounded to two places as every other row's deviation, so 0.0451.
    assert.equal(chair.Deviation, "0.0451");
    for (const r of rows.filter((r) => r.Deviation !== null)) assert.ok(new Dec(r.Deviation!).decimalPlaces() <= 4, `${r.Kind} ${r.Item}: ${r.Deviation}`);
    const fg = rows.find((r) => r.Kind === "revaluation" && r.Item === "CHAIR")!;
    assert.deepEqual([fg["Ending qty"], fg.Revaluation], ["100", "105"]); // 100 × (24.35 − 23.30)
    const total = sheet.rows.reduce((a, r) => a.plus((r[12] as Dec | null) ?? 0), new Dec(0));
    assert.equal(total.toFixed(2), "249.00"); // 144 + 105: what the totals row sums
    assert.equal(sheet.columns[12].total, "sum");
    assert.match(sheet.title, /2026-11-01 to 2026-11-30 · flagged past 5 %/);
  });

  it("a usage row proposes a BOM scale in its Note only where it is flagged", () => {
    // WOOD counted 300 of a book 500: 3,500 + 200 kg used by 1,000 chairs, 3.7 a chair against 3.5, 5.7 % over: flagged.
    const short: PeriodInput = { ...input, inventory: [stock("WOOD", undefined, 300), ...(input.inventory ?? []).slice(1)] };
    const usage = records(reviewSheets(reviewStandards(short, runBackflush(short)), result.settings)[0]).filter((r) => r.Kind === "usage");
    assert.ok(usage.some((r) => r.Flagged === "yes") && usage.some((r) => r.Flagged === ""), JSON.stringify(usage));
    for (const r of usage) {
      if (r.Flagged === "yes") assert.match(r.Note!, /^Per unit of the [\d,]+ units made with it; to adopt, scale its BOM lines by [\d.]+\.$/);
      else assert.match(r.Note!, /^Per unit of the [\d,]+ units made with it\.$/);
    }
  });

  it("a thin row carries its reason in the Note", () => {
    // FABRIC: one purchase of 20 m while the period used 500 m (no counts: the book goes below zero, which only warns).
    const thinInput: PeriodInput = { ...input, purchases: [...input.purchases.slice(0, 2), buy("2026-11-03", "FABRIC", 20, "100.00")], inventory: [] };
    const thin = reviewStandards(thinInput, runBackflush(thinInput));
    const fabric = records(reviewSheets(thin, result.settings)[0]).find((r) => r.Kind === "price" && r.Item === "FABRIC")!;
    assert.equal(fabric.Proposed, null);
    assert.equal(fabric.Note, "Too thin to judge: the 20 bought is 4 % of the 500 used, under 10 %."); // 20 / 500
  });

  it("speaks Swedish and Malay when the run does", () => {
    const [sv] = reviewSheets(review, result.settings, "sv");
    assert.deepEqual(sv.columns.slice(0, 7).map((c) => c.header), ["Slag", "Artikel", "Standard", "Utfall", "Avvikelse", "Flaggad", "Förslag"]);
    assert.equal(sv.rows.find((r) => r[1] === "WOOD")![0], "pris");
    const [ms] = reviewSheets(review, result.settings, "ms");
    assert.equal(ms.columns[6].header, "Cadangan");
    assert.equal(ms.rows.find((r) => r[1] === "WOOD")![5], "ya");
  });

  it("Proposed Items has the Items layout and reads back as next period's Items", () => {
    assert.deepEqual(items.columns.map((c) => c.header), TABLES.Items.columns.map((c) => c.key));
    // Read it as the Items table, as pasted: a cell holds a number, as Excel keeps it.
    const tables: Partial<Record<TableName, RawTable>> = {};
    for (const name of requiredTables("purchase-completion-sale")) tables[name] = { sheet: name, headerRow: 1, firstColumn: 0, header: TABLES[name].columns.map((c) => c.key), rows: [] };
    const cells = items.rows.map((r) => r.map((c): CellValue => (c instanceof Dec ? c.toNumber() : c)));
    tables.Items = { sheet: "Items", headerRow: 1, firstColumn: 0, header: items.columns.map((c) => c.header), rows: cells };
    const read = readInput(tables);
    assert.deepEqual(read.problems.map(formatProblem), []);
    const prices = Object.fromEntries(read.input!.items.map((it) => [it.item, (it.stdPrice ?? it.stdConversion)!.toFixed()]));
    assert.deepEqual(prices, { WOOD: "3.3", SCREW: "0.05", FABRIC: "4", SEAT: "2", CHAIR: "8" }); // WOOD's proposal in, the rest as they were
  });

  it("--json: standardsReview and proposedRollup in the issue's shape, numbers as decimal strings", () => {
    const doc = reviewJson(review);
    assert.deepEqual(doc.standardsReview.find((r) => r.item === "WOOD" && r.kind === "price"), { item: "WOOD", kind: "price", standard: "3", actual: "3.3", deviationPct: "10.00", flagged: true, proposed: "3.3" });
    assert.deepEqual(doc.proposedRollup.find((r) => r.item === "SEAT"), { item: "SEAT", standard: { material: "5.2", conversion: "2", total: "7.2" }, proposed: { material: "5.5", conversion: "2", total: "7.5" } }); // 5.20 + 0.30 on 1 kg WOOD
    assert.deepEqual(JSON.parse(JSON.stringify(doc)), doc, "plain JSON: strings, booleans and nulls");
  });
});
