import { strict as assert } from "node:assert";
import { runBackflush, TRIGGER_SEQUENCES, type BackflushResult, type TableName, type TriggerSequence } from "../../src/engine";
import type { CellValue } from "../../src/workbook/cells";
import { readInput } from "../../src/workbook/parse";
import type { InputTableModel } from "../../src/workbook/port";
import { TABLES, TABLE_ORDER } from "../../src/workbook/schema";
import { DEFAULT_PLANT_OPTIONS, generatePlant, generatePlantGrids, gridsOf, Prng, rawTablesOf, type PlantOptions } from "../../src/sample";

const tableOf = (models: readonly InputTableModel[], name: TableName) => {
  const t = models.find((m) => m.table === name);
  assert.ok(t, `no ${name} table`);
  return t;
};
/** A column's values, by its schema key. */
const column = (models: readonly InputTableModel[], name: TableName, key: string): CellValue[] => {
  const t = tableOf(models, name);
  const i = t.columns.findIndex((c) => c.header === key);
  assert.ok(i >= 0, `${name} has no ${key}`);
  return t.rows.map((r) => r[i]);
};
const itemTypes = (models: readonly InputTableModel[]) => new Map(tableOf(models, "Items").rows.map((r) => [r[0] as string, String(r[1]).toLowerCase()]));

function readAndRun(models: readonly InputTableModel[]): BackflushResult {
  const read = readInput(rawTablesOf(models));
  assert.deepEqual(read.problems.map((p) => `${p.address}: ${p.message}`), []);
  assert.ok(read.input);
  return runBackflush(read.input);
}

const SIZES: Record<string, Partial<PlantOptions>> = {
  tiny: { seed: 11, materials: 6, assemblies: 3, bomDepth: 2, bomWidth: 3, completionRows: 40, salesRows: 25, purchaseRows: 12, conversionRows: 4, periodDays: 7 },
  default: {},
  deep: { seed: 5, materials: 120, assemblies: 60, bomDepth: 5, bomWidth: 8, completionRows: 1500, salesRows: 500, purchaseRows: 400, conversionRows: 30, periodStart: "2027-02-01", periodDays: 28 },
};

describe("sample: seeded plant generator", () => {
  it("the PRNG repeats itself for a seed and differs between seeds", () => {
    const draw = (seed: number) => {
      const r = new Prng(seed);
      return Array.from({ length: 20 }, () => r.next());
    };
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
    assert.ok(draw(42).every((x) => x >= 0 && x < 1));
  });

  it("makes the same tables for the same seed, and other tables for another seed", () => {
    const a = generatePlant(SIZES.tiny);
    const b = generatePlant(SIZES.tiny);
    const c = generatePlant({ ...SIZES.tiny, seed: 12 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(tableOf(a, "Production").rows, tableOf(c, "Production").rows);
    assert.notDeepEqual(tableOf(a, "Items").rows, tableOf(c, "Items").rows);
  });

  for (const [size, options] of Object.entries(SIZES)) {
    for (const sequence of TRIGGER_SEQUENCES) {
      it(`${size} plant, ${sequence}: reads without a problem and runs without an error`, () => {
        const o = { ...DEFAULT_PLANT_OPTIONS, ...options, sequence };
        const models = generatePlant(o);
        assert.deepEqual(models.map((m) => m.table), TABLE_ORDER);
        assert.equal(tableOf(models, "Production").rows.length, o.completionRows);
        assert.equal(tableOf(models, "Sales").rows.length, o.salesRows);
        assert.equal(tableOf(models, "Purchases").rows.length, o.purchaseRows);
        assert.equal(tableOf(models, "Conversion").rows.length, o.conversionRows);
        const result = readAndRun(models);
        assert.equal(result.settings.sequence, sequence);
        // Plausible stock: nothing is ever flushed or sold below zero.
        assert.deepEqual(result.warnings.filter((w) => w.code === "negative-inventory").map((w) => w.message), []);
        // The counts are short of book on some materials: a usage variance shows.
        assert.ok(result.variances.some((v) => v.kind === "usage" && v.amount.isPositive() && !v.amount.isZero()), "no unfavorable usage variance");
        // Actual conversion cost is within a few percent of what standard allocates.
        const conv = result.variances.find((v) => v.kind === "conversion");
        assert.ok(conv && !conv.standard.isZero());
        assert.ok(conv.amount.abs().dividedBy(conv.standard).lessThanOrEqualTo(0.05), `conversion variance ${conv.amount} of ${conv.standard}`);
      });
    }
  }

  describe("plant structure (deep plant)", () => {
    const o = { ...DEFAULT_PLANT_OPTIONS, ...SIZES.deep };
    const models = generatePlant(o);
    const types = itemTypes(models);
    const order = new Map(tableOf(models, "Items").rows.map((r, i) => [r[0] as string, i]));
    const bom = tableOf(models, "BOM").rows;

    it("has the items asked for, phantoms among the sub-assemblies", () => {
      const count = (t: string) => [...types.values()].filter((x) => x === t).length;
      assert.equal(count("material"), o.materials);
      assert.equal(count("assembly") + count("phantom"), o.assemblies);
      assert.ok(count("phantom") > 0);
    });

    it("takes components only from lower levels, as deep as asked, with scrap on some lines", () => {
      for (const [parent, component] of bom) assert.ok(order.get(component as string)! < order.get(parent as string)!, `${parent} → ${component}`);
      const depth = new Map<string, number>();
      for (const [item, type] of types) if (type === "material") depth.set(item, 0);
      // Items are listed bottom-up, so one pass in Items order settles every depth.
      for (const item of order.keys()) {
        const lines = bom.filter((r) => r[0] === item);
        if (lines.length) depth.set(item, 1 + Math.max(...lines.map((r) => depth.get(r[1] as string)!)));
      }
      assert.equal(Math.max(...depth.values()), o.bomDepth);
      assert.ok(bom.some((r) => typeof r[3] === "number" && r[3] > 0 && r[3] < 1));
      assert.ok(bom.every((r) => typeof r[2] === "number" && r[2] > 0));
    });

    it("gives every assembly and phantom BOM lines, and no parent a component twice", () => {
      const parents = new Set(bom.map((r) => r[0]));
      for (const [item, type] of types) if (type !== "material") assert.ok(parents.has(item), `${item} has no BOM`);
      const pairs = bom.map((r) => `${r[0]}>${r[1]}`);
      assert.equal(new Set(pairs).size, pairs.length);
    });

    it("completes, sells and stocks no phantom; completes and sells assemblies; buys materials", () => {
      const phantoms = new Set([...types].filter(([, t]) => t === "phantom").map(([i]) => i));
      assert.ok(bom.some((r) => phantoms.has(r[1] as string)), "no phantom is used");
      for (const table of ["Production", "Sales", "Inventory"] as const) {
        for (const item of column(models, table, "Item")) assert.ok(!phantoms.has(item as string), `${table} holds phantom ${item}`);
      }
      for (const table of ["Production", "Sales"] as const) for (const item of column(models, table, "Item")) assert.equal(types.get(item as string), "assembly");
      for (const item of column(models, "Purchases", "Item")) assert.equal(types.get(item as string), "material");
    });

    it("dates every movement inside the period, as UTC midnight", () => {
      const first = Date.UTC(2027, 1, 1);
      const last = Date.UTC(2027, 1, 28);
      for (const table of ["Production", "Sales", "Purchases", "Conversion"] as const) {
        for (const d of column(models, table, "Date")) {
          assert.ok(d instanceof Date, `${table} date ${String(d)}`);
          assert.ok(d.getTime() >= first && d.getTime() <= last && d.getTime() % 86_400_000 === 0, `${table} date ${d.toISOString()}`);
        }
      }
    });

    it("writes prices in cents, positive quantities, and amounts of qty × standard within a few percent", () => {
      const inCents = (x: CellValue) => typeof x === "number" && Math.abs(x * 100 - Math.round(x * 100)) < 1e-6;
      const std = new Map(tableOf(models, "Items").rows.filter((r) => r[1] === "Material").map((r) => [r[0] as string, r[2] as number]));
      for (const p of std.values()) assert.ok(inCents(p) && p > 0);
      for (const r of tableOf(models, "Items").rows) if (r[3] !== null) assert.ok(inCents(r[3]));
      for (const table of ["Production", "Sales"] as const) for (const q of column(models, table, "Qty")) assert.ok(typeof q === "number" && q > 0);
      for (const [, item, qty, amount] of tableOf(models, "Purchases").rows) {
        assert.ok(typeof qty === "number" && qty > 0 && inCents(amount));
        const ratio = (amount as number) / (qty * std.get(item as string)!);
        assert.ok(ratio > 0.94 && ratio < 1.06, `${item}: ${amount} for ${qty}`);
      }
      for (const a of column(models, "Conversion", "Amount")) assert.ok(inCents(a) && (a as number) > 0);
    });

    it("buys a little more of each material than it uses, at prices above and below standard", () => {
      const result = readAndRun(models);
      const usedBy = new Map<string, number>();
      for (const c of result.consumption) usedBy.set(c.material, (usedBy.get(c.material) ?? 0) + c.materialQty.toNumber());
      const boughtBy = new Map<string, number>();
      for (const [, item, qty] of tableOf(models, "Purchases").rows) boughtBy.set(item as string, (boughtBy.get(item as string) ?? 0) + (qty as number));
      let checked = 0;
      for (const [material, used] of usedBy) {
        if (used < 100) continue; // small lots are dominated by rounding up to whole units
        const ratio = (boughtBy.get(material) ?? 0) / used;
        assert.ok(ratio >= 1 && ratio <= 1.05, `${material}: bought ${boughtBy.get(material)} for ${used} used`);
        checked++;
      }
      assert.ok(checked > o.materials / 2, `only ${checked} materials checked`);
      assert.ok(result.variances.some((v) => v.kind === "price" && v.favorable) && result.variances.some((v) => v.kind === "price" && !v.favorable));
    });
  });

  it("hands over the 2-D grids Excel would: the header row, then the very rows of the tables", () => {
    const models = generatePlant(SIZES.tiny);
    const grids = generatePlantGrids(SIZES.tiny);
    for (const m of models) {
      const grid = grids[m.table];
      assert.deepEqual(grid[0], TABLES[m.table].columns.map((c) => c.key));
      assert.deepEqual(grid.slice(1), m.rows);
    }
    const shared = gridsOf(models);
    assert.equal(shared.Production[1], tableOf(models, "Production").rows[0]);
  });

  it("refuses options that make no plant", () => {
    assert.throws(() => generatePlant({ assemblies: 2, bomDepth: 3 }), RangeError);
    assert.throws(() => generatePlant({ periodStart: "2026-13-01" }), RangeError);
    assert.throws(() => generatePlant({ completionRows: -1 }), RangeError);
  });

  it("generates and reads a plant of 200,000 completion rows", () => {
    const o = { seed: 3, materials: 200, assemblies: 100, bomDepth: 4, bomWidth: 10, completionRows: 200_000, salesRows: 40_000, purchaseRows: 5_000, conversionRows: 100 };
    const models = generatePlant(o);
    const read = readInput(rawTablesOf(models));
    assert.equal(read.problems.length, 0);
    assert.equal(read.input!.completions.rowCount, 200_000);
    assert.equal(read.input!.sales.rowCount, 40_000);
    assert.equal(read.input!.purchases.rowCount, 5_000);
    const production = models.find((m) => m.table === "Production")!;
    const refAt = production.columns.findIndex((c) => c.header === "Ref");
    assert.equal(new Set(production.rows.map((r) => r[refAt])).size, 200_000);
  });

  it("spreads a period of any length and start (2028 is a leap year)", () => {
    const sequence: TriggerSequence = "purchase-completion-sale";
    const o = { ...SIZES.tiny, sequence, periodStart: "2028-02-27", periodDays: 4 };
    const result = readAndRun(generatePlant(o));
    assert.equal(result.settings.periodStart, "2028-02-27");
    assert.equal(result.settings.periodEnd, "2028-03-01");
  });
});
