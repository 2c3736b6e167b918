/**
 * A BOM of thousands of levels in the custom functions: each function
 * answers #VALUE! with the engine's message (how deep, the path, the limit),
 * never "Maximum call stack size exceeded".
 */
import { strict as assert } from "node:assert";
import { cost, explode, journal, rollup, stdCost } from "../../src/functions/functions";
import { resetCache } from "../../src/functions/cache";
import { failure } from "./support";

/** Items and BOM ranges of a chain L0 → L1 → … → WOOD, `levels` lines long. */
function chain(levels: number): { items: unknown[][]; bom: unknown[][] } {
  const items: unknown[][] = [["Item", "Type", "StdPrice", "StdConversion"], ...Array.from({ length: levels }, (_, i) => [`L${i}`, "Assembly", null, 0.01]), ["WOOD", "Material", 3, null]];
  const bom: unknown[][] = [["Parent", "Component", "QtyPer"], ...Array.from({ length: levels }, (_, i) => [`L${i}`, i + 1 < levels ? `L${i + 1}` : "WOOD", 1])];
  return { items, bom };
}

describe("functions: deep BOMs", () => {
  beforeEach(() => resetCache());

  it("answer a BOM of 500 levels", () => {
    const { items, bom } = chain(500);
    // 3.00 of WOOD + 500 levels × 0.01 of conversion.
    assert.equal(stdCost(items, bom, "L0"), 8);
    assert.deepEqual(explode(bom, "L0", 2), [["Material", "Qty"], ["WOOD", 2]]);
  });

  it("answer #VALUE! naming the depth and the path for a BOM of 3,000 levels, in every function that reads the BOM", () => {
    const { items, bom } = chain(3000);
    const want = "bom!B502: The BOM is 3,000 levels deep (L0 → L1 → L2 → … → L2999 → WOOD); Backflush takes at most 500 levels: make the structure shallower";
    const empty = (header: string[]) => [header];
    const calls: [string, () => unknown][] = [
      ["STDCOST", () => stdCost(items, bom, "L0")],
      ["ROLLUP", () => rollup(items, bom)],
      ["EXPLODE", () => explode(bom, "L0", 1)],
      ["COST", () => cost(items, bom, "L0", 1)],
      ["JOURNAL", () => journal(items, bom, [["Date", "Item", "Qty"], [46336, "L0", 1]], [["Date", "Item", "Qty"], [46340, "L0", 1]], empty(["Date", "Item", "Qty", "Amount"]), empty(["Date", "Amount"]), "completion, sale")],
    ];
    for (const [name, call] of calls) {
      const e = failure(call);
      assert.equal(e.code, "#VALUE!", name);
      assert.equal(e.message, want, name);
    }
  });
});
