import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { openXlsx } from "../../src/adapters/xlsx";
import { runBackflush, type BackflushResult, type TableName } from "../../src/engine";
import type { CellValue } from "../../src/workbook/cells";
import { findTables } from "../../src/workbook/job";
import { readInput } from "../../src/workbook/parse";
import type { InputTableModel } from "../../src/workbook/port";
import { TABLE_ORDER } from "../../src/workbook/schema";
import { buildSampleTables, rawTablesOf, SAMPLE_BOM_CHANGE, SAMPLE_PERIOD } from "../../src/sample";
import { plainBook } from "../support/books";

const rowsOf = (models: readonly InputTableModel[], name: TableName): readonly (readonly CellValue[])[] => models.find((m) => m.table === name)!.rows;

describe("sample: the furniture maker's workbook", () => {
  const models = buildSampleTables();
  const read = readInput(rawTablesOf(models));
  const types = new Map(rowsOf(models, "Items").map((r) => [r[0] as string, String(r[1]).toLowerCase()]));
  const bom = rowsOf(models, "BOM");
  let result: BackflushResult;
  before(() => {
    assert.ok(read.input, "the sample does not read");
    result = runBackflush(read.input);
  });

  it("is the same every time it is built", () => {
    assert.deepEqual(buildSampleTables(), models);
  });

  it("reads without a problem and runs without an error or a warning but the revaluation at its BOM change", () => {
    assert.deepEqual(read.problems.map((p) => `${p.address}: ${p.message}`), []);
    assert.deepEqual(result.warnings.filter((w) => w.code !== "standard-changed").map((w) => w.message), []);
    // The mid-month BOM change finds finished goods on hand: they are revalued on its first day.
    const changed = result.warnings.filter((w) => w.code === "standard-changed");
    assert.ok(changed.length > 0);
    assert.ok(changed.every((w) => w.date === SAMPLE_BOM_CHANGE), changed.map((w) => w.date).join(", "));
    assert.equal(result.settings.sequence, "purchase-completion-sale");
    assert.equal(result.settings.currency, "USD");
    assert.equal(result.settings.disposition, "cogs");
    assert.equal(result.settings.periodStart, SAMPLE_PERIOD.start);
    assert.equal(result.settings.periodEnd, SAMPLE_PERIOD.end);
  });

  it("speaks furniture: named items, a few dozen of them, and suppliers' invoice numbers", () => {
    for (const item of ["OAK-BOARD", "STEEL-SCREW", "FOAM", "FABRIC-GREY", "SEAT-ASSY", "CHAIR-CLASSIC", "TABLE-OAK", "STOOL"]) assert.ok(types.has(item), item);
    assert.equal(types.get("LEG-SET"), "phantom");
    assert.ok(types.size >= 24 && types.size <= 48, `${types.size} items`);
    assert.ok(rowsOf(models, "Purchases").every((r) => /^INV-\d{4,5}$/.test(r[4] as string)));
    const categories = new Set(rowsOf(models, "Conversion").map((r) => r[2]));
    for (const c of ["Direct labor", "Machine overhead", "Factory rent"]) assert.ok(categories.has(c), c);
  });

  it("has a three-level BOM: product → sub-assembly → sub-assembly → material", () => {
    const depth = (item: string): number => {
      const lines = bom.filter((r) => r[0] === item);
      return lines.length === 0 ? 0 : 1 + Math.max(...lines.map((r) => depth(r[1] as string)));
    };
    assert.equal(Math.max(...[...types.keys()].map(depth)), 3);
  });

  it("shows purchase price variances both ways", () => {
    const ppv = result.variances.filter((v) => v.kind === "price" && !v.amount.isZero());
    assert.ok(ppv.some((v) => v.favorable && v.amount.isNegative()), "no favorable PPV");
    assert.ok(ppv.some((v) => !v.favorable && v.amount.isPositive()), "no unfavorable PPV");
  });

  it("shows a usage variance from the counts, on a couple of materials", () => {
    const usage = result.variances.filter((v) => v.kind === "usage" && !v.amount.isZero());
    assert.ok(usage.length >= 2 && usage.length <= 4, `${usage.length} usage variances`);
    assert.ok(usage.every((v) => types.get(v.item!) === "material"));
    assert.ok(result.journal.some((e) => e.kind === "material-count"));
  });

  it("shows a conversion variance", () => {
    const conv = result.variances.find((v) => v.kind === "conversion");
    assert.ok(conv && !conv.amount.isZero());
  });

  it("explodes phantoms into their parents: their materials are flushed, the phantom never is", () => {
    const phantoms = [...types].filter(([, t]) => t === "phantom").map(([i]) => i);
    assert.ok(phantoms.length >= 1);
    for (const ph of phantoms) {
      assert.ok(!result.journal.some((e) => e.lines.some((l) => l.item === ph)), `${ph} is on a journal line`);
      assert.ok(!result.consumption.some((c) => c.product === ph || c.material === ph));
    }
    // FELT-PAD reaches CHAIR-CLASSIC only through the phantom LEG-SET.
    const direct = bom.filter((r) => r[0] === "CHAIR-CLASSIC").map((r) => r[1]);
    assert.ok(direct.includes("LEG-SET") && !direct.includes("FELT-PAD"));
    assert.ok(bom.some((r) => r[0] === "LEG-SET" && r[1] === "FELT-PAD"));
    assert.ok(result.consumption.some((c) => c.product === "CHAIR-CLASSIC" && c.material === "FELT-PAD" && c.materialQty.isPositive()));
  });

  it("flushes scrap allowances: oak per chair is the BOM's quantities with their scrap", () => {
    const line = (parent: string, component: string) => bom.find((r) => r[0] === parent && r[1] === component)!;
    const withScrap = (r: readonly CellValue[]) => (r[2] as number) * (1 + ((r[3] as number | null) ?? 0));
    assert.ok((line("BACKREST", "OAK-BOARD")[3] as number) > 0);
    // CHAIR-CLASSIC takes one BACKREST and one LEG-SET; both hold oak.
    assert.equal(withScrap(line("CHAIR-CLASSIC", "BACKREST")), 1);
    assert.equal(withScrap(line("CHAIR-CLASSIC", "LEG-SET")), 1);
    const expected = withScrap(line("BACKREST", "OAK-BOARD")) + withScrap(line("LEG-SET", "OAK-BOARD"));
    const c = result.consumption.find((x) => x.product === "CHAIR-CLASSIC" && x.material === "OAK-BOARD")!;
    assert.ok(Math.abs(c.materialQty.dividedBy(c.productQty).toNumber() - expected) < 1e-9);
  });

  it("changes a BOM line mid-month: chairs completed before and after cost differently", () => {
    const dated = bom.filter((r) => r[4] instanceof Date || r[5] instanceof Date);
    assert.ok(dated.length >= 2);
    const perUnit = (before: boolean) => {
      const lines = result.journal
        .filter((e) => e.kind === "completion" && (before ? e.date < SAMPLE_BOM_CHANGE : e.date >= SAMPLE_BOM_CHANGE))
        .flatMap((e) => e.lines.filter((l) => l.role === "FG" && l.item === "CHAIR-CLASSIC"));
      assert.ok(lines.length > 0);
      return new Set(lines.map((l) => l.debit.dividedBy(l.qty!).toFixed(2)));
    };
    const before = perUnit(true);
    const after = perUnit(false);
    assert.equal(before.size, 1);
    assert.equal(after.size, 1);
    assert.notDeepEqual([...before], [...after]);
    assert.ok(result.journal.some((e) => e.lines.some((l) => l.memo.includes(`BOM in force from ${SAMPLE_BOM_CHANGE}`))));
  });

  it("starts with opening inventory of materials and finished goods", () => {
    for (const role of ["RIP", "FG"] as const) {
      assert.ok(result.balances.some((b) => b.role === role && b.openingValue.isPositive() && !b.openingValue.isZero()), role);
    }
  });

  it("never sells a phantom or a material, and buys only materials", () => {
    for (const r of rowsOf(models, "Production").concat(rowsOf(models, "Sales"))) assert.equal(types.get(r[1] as string), "assembly");
    for (const r of rowsOf(models, "Purchases")) assert.equal(types.get(r[1] as string), "material");
  });

  const asset = resolve(__dirname, "..", "..", "assets", "sample", "backflush-sample.xlsx");
  it("is what assets/sample/backflush-sample.xlsx holds (run scripts/make-sample.ts after changing it)", async function () {
    assert.ok(existsSync(asset), `${asset} is missing; run npx tsx scripts/make-sample.ts`);
    const fromFile = readInput(await findTables(await openXlsx(asset)));
    assert.deepEqual(fromFile.problems, []);
    // Movement books are compared by what they hold (their days and rows set aside), not by their insides.
    const held = (input: typeof read.input) => input && { ...input, completions: plainBook(input.completions), sales: plainBook(input.sales), purchases: plainBook(input.purchases) };
    assert.deepEqual(held(fromFile.input), held(read.input));
    assert.deepEqual(Object.keys(fromFile.layouts).sort(), [...TABLE_ORDER].sort());
    assert.deepEqual(fromFile.accounts, read.accounts);
  });
});
