/**
 * Every BACKFLUSH.* function at the edges of what Excel can pass it: ranges
 * of any shape, blanks as "" and null, error values, huge and tiny numbers,
 * text where numbers belong. A function gives a finite number, a spilled
 * table of finite numbers and text, or #VALUE!, #NUM! or #N/A with a message;
 * it never throws anything else and never returns NaN or ±Infinity.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { chairMaker } from "../support/build";
import { resetCache } from "../../src/functions/cache";
import { FunctionError } from "../../src/functions/errors";
import { convVar, cost, explode, journal, priceVar, rollup, stdCost, usageVar } from "../../src/functions/functions";
import { failure, gridsOf, type Grid } from "./support";

const HUGE = [1e308, -1e308, Number.MAX_VALUE, 1e300, 1e38, 1e15, 999999999999999, -1e15, 1e20];
const TINY = [Number.MIN_VALUE, 5e-324, 1e-300, -1e-300, 1e-15];
const ERRORS = [{ type: "Error", basicValue: "#N/A" }, { error: "#REF!" }, { type: "Error", basicValue: "#DIV/0!" }, { code: "#VALUE!" }];

/** One value as Excel may pass it. */
const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>("", null, undefined, " ", "x", "1.234", "1,5", "CHAIR", "WOOD", "SEAT", "total", "material", "2026-11-20", true, false, 0, -0, 1, 2.5, -3, 46346, NaN, Infinity, -Infinity),
  fc.constantFrom<unknown>(...HUGE, ...TINY, ...ERRORS),
  fc.double(),
  fc.string({ maxLength: 6 }),
);

const base = gridsOf(chairMaker());
type TableKey = keyof typeof base;

/** A BOM of `levels` lines, each `qtyPer` of the next: L0 → L1 → … → WOOD (whose Items row says it is a material at 3.00). */
const chainOf = (levels: number, qtyPer: number): { items: Grid; bom: Grid } => ({
  items: [["Item", "Type", "StdPrice", "StdConversion"], ...Array.from({ length: levels }, (_, i) => [`L${i}`, "Assembly", null, 0.01]), ["WOOD", "Material", 3, null]],
  bom: [["Parent", "Component", "QtyPer"], ...Array.from({ length: levels }, (_, i) => [`L${i}`, i + 1 < levels ? `L${i + 1}` : "WOOD", qtyPer])],
});

/** A range: the chair maker's table with some cells changed, cut or padded, or a grid of any shape. */
function range(table: TableKey): fc.Arbitrary<unknown> {
  const edited = fc.tuple(fc.array(fc.tuple(fc.nat(8), fc.nat(6), scalar), { maxLength: 4 }), fc.integer({ min: -1, max: 8 })).map(([edits, keep]) => {
    const g: Grid = base[table].map((r) => [...r]);
    for (const [r, c, v] of edits) if (g[r % g.length]) g[r % g.length][c % g[r % g.length].length] = v;
    return keep < 0 ? g : g.slice(0, Math.max(1, keep));
  });
  const any = fc.array(fc.array(scalar, { minLength: 0, maxLength: 5 }), { minLength: 0, maxLength: 4 });
  return fc.oneof({ arbitrary: edited, weight: 4 }, { arbitrary: any, weight: 1 }, { arbitrary: scalar, weight: 1 });
}

/** What a call may do: give a finite number, a table of finite numbers and text, or fail with a FunctionError that carries a message. */
function check(name: string, call: () => unknown): void {
  let value: unknown;
  try {
    value = call();
  } catch (e) {
    assert.ok(e instanceof FunctionError, `${name} threw ${String(e)}`);
    assert.ok(["#VALUE!", "#NUM!", "#N/A"].includes(e.code), `${name}: ${e.code}`);
    assert.ok(e.message.length > 0, `${name}: no message`);
    assert.doesNotMatch(e.message, /could not compute|Internal error|Maximum call stack/, `${name}: ${e.message}`);
    return;
  }
  const cells = Array.isArray(value) ? (value as unknown[][]).flat() : [value];
  for (const c of cells) {
    // Finite, and within what the engine carries exactly (a larger result is #NUM!).
    if (typeof c === "number") assert.ok(Number.isFinite(c) && Math.abs(c) < 1e15 && !Object.is(c, -0), `${name} returned ${Object.is(c, -0) ? "-0" : c}`);
    else assert.equal(typeof c, "string", `${name} returned ${String(c)}`);
  }
}

describe("functions: at the edges of what Excel passes", () => {
  beforeEach(() => resetCache());

  it("never throw anything but #VALUE!, #NUM! or #N/A with a message, and never return NaN or ±Infinity (property)", () => {
    const arg = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    fc.assert(
      fc.property(range("Items"), range("BOM"), scalar, scalar, arg(scalar), arg(scalar), (items, bom, item, qty, part, asOf) => {
        check("STDCOST", () => stdCost(items as Grid, bom as Grid, item as string, part as string, asOf as number));
        check("ROLLUP", () => rollup(items as Grid, bom as Grid, asOf as number));
        check("EXPLODE", () => explode(bom as Grid, item as string, qty as number, asOf as number));
        check("COST", () => cost(items as Grid, bom as Grid, item as string, qty as number, part as string, asOf as number));
      }),
      { numRuns: 400 },
    );
    // Figures each within the limit that multiply, level by level, past any number a double holds.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.constantFrom(1e14, 1e10, 1000, 2, 1e-10, 1e-14), scalar, (levels, qtyPer, qty) => {
        const { items, bom } = chainOf(levels, qtyPer);
        check("STDCOST", () => stdCost(items, bom, "L0"));
        check("ROLLUP", () => rollup(items, bom));
        check("EXPLODE", () => explode(bom, "L0", qty as number));
        check("COST", () => cost(items, bom, "L0", qty as number));
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(scalar, scalar, scalar, (a, b, c) => {
        check("PRICEVAR", () => priceVar(a as number, b as number, c as number));
        check("USAGEVAR", () => usageVar(a as number, b as number, c as number));
        check("CONVVAR", () => convVar(a as number, b as number));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(range("Items"), range("BOM"), range("Production"), range("Sales"), range("Purchases"), range("Conversion"), arg(scalar), arg(range("Inventory")), (items, bom, production, sales, purchases, conversion, triggers, inventory) => {
        check("JOURNAL", () => journal(items as Grid, bom as Grid, production as Grid, sales as Grid, purchases as Grid, conversion as Grid, triggers as string, inventory as Grid));
      }),
      { numRuns: 150 },
    );
  });

  it("never answer −0: a material's conversion cost for a negative quantity is 0", () => {
    const base = gridsOf(chairMaker());
    const answer = cost(base.Items, base.BOM, "WOOD", -5, "conversion");
    assert.ok(Object.is(answer, 0), `answered ${Object.is(answer, -0) ? "-0" : String(answer)}`);
  });

  it("answer #NUM! for a figure of 10^15 or more, and for a result as large", () => {
    for (const huge of [1e308, -1e308, 1e15]) {
      const e = failure(() => priceVar(huge, 1, 1));
      assert.equal(e.code, "#NUM!");
      assert.match(e.message, /^actualAmount -?(10{15,}|1e\+308|1\.79769313486232e\+308) is too large; every figure must be below 1,000,000,000,000,000 \(10\^15\)/);
    }
    // 999,999,999,999,999 × 999,999,999,999,999 is about 10^30: a figure each, a result too large.
    const e = failure(() => usageVar(999999999999999, 0, 999999999999999));
    assert.deepEqual([e.code, e.message], ["#NUM!", "The result, 999999999999998000000000000001, is too large; Backflush gives results below 1,000,000,000,000,000 (10^15), the most it carries exactly"]);
    assert.equal(failure(() => cost(base.Items, base.BOM, "CHAIR", 1e14)).code, "#NUM!");
    // A tiny figure is no error but a formula's crumbs: read as 0, as Excel shows it.
    assert.equal(convVar(1e-300, 0), 0);
  });

  it("JOURNAL answers #NUM! or #VALUE! with the cell for a figure of 1e308, not an internal error", () => {
    const purchases = base.Purchases.map((r, i) => (i === 1 ? [r[0], r[1], 1e308, r[3], r[4]] : r));
    const e = failure(() => journal(base.Items, base.BOM, base.Production, base.Sales, purchases, base.Conversion));
    assert.match(e.message, /^purchases!C2: Qty 1e\+308 is too large; every figure must be below 1,000,000,000,000,000 \(10\^15\)/);
  });
});
