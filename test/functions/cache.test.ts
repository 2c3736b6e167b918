/**
 * Parse once, answer many: ranges are recognised by content (Excel passes a
 * fresh copy every call), the cache stays within its bounds, and a change to
 * any cell is seen. Counts, never timings (timings belong to the benchmark).
 */
import { strict as assert } from "node:assert";
import { TABLE_CACHE_SIZE, cacheStats, contentKey, resetCache } from "../../src/functions/cache";
import { FunctionError } from "../../src/functions/errors";
import { explode, journal, rollup, stdCost } from "../../src/functions/functions";
import { generatePlantGrids } from "../../src/sample";
import { chairMaker } from "../support/build";
import { asArgument, copyOf, gridsOf } from "./support";

describe("functions: the range cache", () => {
  beforeEach(resetCache);
  const g = gridsOf(chairMaker());

  it("reads Items and BOM once for 1,000 STDCOST calls, each with its own copy of the ranges", () => {
    const codes = ["CHAIR", "SEAT", "WOOD", "SCREW", "FABRIC"];
    const totals = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const code = codes[i % codes.length];
      const value = stdCost(copyOf(g.Items), copyOf(g.BOM), code);
      if (totals.has(code)) assert.equal(value, totals.get(code));
      else totals.set(code, value);
    }
    assert.equal(totals.get("CHAIR"), 23.3);
    assert.deepEqual(cacheStats(), { lookups: 2000, hits: 1998, misses: 2, parses: 2, models: 1, evictions: 0 });
  });

  it("reads a 10,000-line BOM once for 1,000 STDCOST cells over it", function () {
    this.timeout(120_000);
    const plant = generatePlantGrids({ materials: 1000, assemblies: 1000, bomDepth: 5, bomWidth: 10, completionRows: 10, salesRows: 5, purchaseRows: 5, conversionRows: 2 });
    const items = asArgument(plant.Items);
    const bom = asArgument(plant.BOM);
    assert.ok(bom.length > 10_000, `${bom.length - 1} BOM lines`);
    const codes = items.slice(1).map((r) => r[0] as string);
    for (let i = 0; i < 1000; i++) stdCost(items, bom, codes[(i * 7) % codes.length]);
    const s = cacheStats();
    assert.equal(s.parses, 2);
    assert.equal(s.models, 1);
    assert.equal(s.hits, 1998);
  });

  it("reads again only the range that changed, and knows the old content when it comes back", () => {
    stdCost(g.Items, g.BOM, "CHAIR");
    const items = copyOf(g.Items);
    items[1][2] = 3.5; // WOOD's standard price: 3.00 → 3.50
    assert.equal(stdCost(items, copyOf(g.BOM), "CHAIR"), 25.05); // 3.5 kg more per chair at 0.50
    assert.deepEqual([cacheStats().parses, cacheStats().models], [3, 2]);
    assert.equal(stdCost(copyOf(g.Items), copyOf(g.BOM), "CHAIR"), 23.3);
    assert.deepEqual([cacheStats().parses, cacheStats().models], [3, 2]);
  });

  it("shares one read between functions: ROLLUP, EXPLODE and JOURNAL reuse what STDCOST read", () => {
    stdCost(g.Items, g.BOM, "CHAIR");
    rollup(copyOf(g.Items), copyOf(g.BOM));
    explode(copyOf(g.BOM), "CHAIR", 1);
    assert.equal(cacheStats().parses, 2);
    journal(g.Items, g.BOM, g.Production, g.Sales, g.Purchases, g.Conversion, undefined, g.Inventory);
    journal(copyOf(g.Items), copyOf(g.BOM), copyOf(g.Production), copyOf(g.Sales), copyOf(g.Purchases), copyOf(g.Conversion), undefined, copyOf(g.Inventory));
    assert.equal(cacheStats().parses, 7); // + Production, Sales, Purchases, Conversion, Inventory, once each
  });

  it("keeps a failed read too: a broken BOM is read once however many cells report it", () => {
    const bom = copyOf(g.BOM);
    bom[2][2] = "two";
    const messages = new Set<string>();
    for (let i = 0; i < 100; i++) {
      try {
        stdCost(g.Items, copyOf(bom), "CHAIR");
        assert.fail("a broken BOM gave a number");
      } catch (e) {
        assert.ok(e instanceof FunctionError);
        messages.add(e.message);
      }
    }
    assert.deepEqual([...messages], ['bom!C3: QtyPer "two" is not a number']);
    assert.equal(cacheStats().parses, 2);
  });

  it("stays within its bound: the oldest range goes, and is read again when it comes back", () => {
    const variants = Array.from({ length: TABLE_CACHE_SIZE + 5 }, (_, i) => {
      const bom = copyOf(g.BOM);
      bom[1][2] = 0.5 + i; // SEAT's FABRIC quantity
      return bom;
    });
    for (const bom of variants) stdCost(g.Items, bom, "SEAT");
    const s = cacheStats();
    assert.equal(s.parses, 1 + variants.length);
    assert.equal(s.evictions, s.parses - TABLE_CACHE_SIZE);
    stdCost(g.Items, variants[0], "SEAT");
    assert.equal(cacheStats().parses, s.parses + 1);
    stdCost(g.Items, variants[variants.length - 1], "SEAT");
    assert.equal(cacheStats().parses, s.parses + 1);
  });

  it("keys on every cell's type and value, and on the shape", () => {
    const key = (grid: unknown[][]) => contentKey(grid);
    const base: unknown[][] = [
      ["SEAT", "WOOD", 1, null],
      ["SEAT", "SCREW", 4, 0.05],
    ];
    assert.equal(key(base), key(copyOf(base)));
    const variants: unknown[][][] = [
      [["SEAT", "WOOD", "1", null], base[1]],
      [["SEAT", "WOOD", 1, ""], base[1]],
      [["SEAT", "WOOD", 1, 0], base[1]],
      [["SEAT", "WOOD", 1, false], base[1]],
      [["SEAT", "WOOD", 1, null], ["SEAT", "SCREW", 4, 0.05000000000000001]],
      [["SEAT", "WOOD ", 1, null], base[1]],
      [["SEAT", "SCREW", 1, null], ["SEAT", "WOOD", 4, 0.05]],
      [["SEAT", "WOOD", 1], [null, "SEAT", "SCREW", 4, 0.05]],
      [base[0]],
      [base[1], base[0]],
    ];
    const keys = new Set([key(base), ...variants.map(key)]);
    assert.equal(keys.size, variants.length + 1);
  });

  it("never keys a number like a short text whose words its bits spell (a stale #VALUE! for a fixed price)", () => {
    // "ab" hashes as its type and length (0x30000002), then its two units (0x00620061): a double with those words as its
    // low and high word must still key differently, and a STDCOST over it must not answer with the text's cached error.
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    for (const high of [0x00620061, 0x20620061]) {
      words[0] = 0x30000002;
      words[1] = high;
      assert.notEqual(contentKey([["W", "Material", "ab"]]), contentKey([["W", "Material", bits[0]]]));
    }
  });
});
