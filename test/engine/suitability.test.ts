/**
 * The custom-work check counts products built once (one row, at most one
 * unit). It sums a product's quantities only while they can still matter;
 * here it is held to the full Dec sum it replaced.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec } from "../../src/engine";
import type { IsoDate } from "../../src/engine/dates";
import type { DailyGroups, MovementGroup } from "../../src/engine/prepare";
import { judgeSuitability } from "../../src/engine/suitability";

const ZERO = new Dec(0);

/** The ratio as the full sums give it: every product's quantity and rows over the period. */
function referenceRatio(completions: DailyGroups): Dec | undefined {
  const totals = new Map<string, { qty: Dec; times: number }>();
  for (const groups of completions.values()) {
    for (const g of groups) {
      const t = totals.get(g.item) ?? { qty: ZERO, times: 0 };
      totals.set(g.item, { qty: t.qty.plus(g.qty), times: t.times + g.rows.length });
    }
  }
  if (totals.size === 0) return undefined;
  const oneOff = [...totals.values()].filter((t) => t.times === 1 && t.qty.lessThanOrEqualTo(1)).length;
  return new Dec(oneOff).dividedBy(totals.size);
}

const groupArb = fc.record({
  item: fc.constantFrom("A", "B", "C", "D"),
  qty: fc.integer({ min: -300, max: 300 }).map((n) => new Dec(n).dividedBy(100)),
  rows: fc.array(fc.nat(1000), { minLength: 0, maxLength: 3 }),
});

describe("judgeSuitability: custom work", () => {
  it("finds the one-off share the full sums give", () => {
    fc.assert(
      fc.property(fc.array(fc.array(groupArb, { maxLength: 5 }), { maxLength: 6 }), (days) => {
        const completions: DailyGroups = new Map(days.map((gs, i) => [`2024-01-${String(i + 1).padStart(2, "0")}` as IsoDate, gs.map((g): MovementGroup => ({ ...g, amount: ZERO, rowCount: g.rows.length }))]));
        const report = judgeSuitability({
          settings: { sequence: "purchase-completion-sale", currency: "USD", disposition: "cogs", periodStart: "2024-01-01" as IsoDate, periodEnd: "2024-01-31" as IsoDate, minorUnits: 2 },
          balances: [],
          variances: [],
          completions,
          negativeItems: 0, conversionOnHand: ZERO,
        });
        const check = report.checks.find((c) => c.id === "custom-work");
        const expected = referenceRatio(completions);
        if (expected === undefined) assert.equal(check, undefined);
        else assert.ok(check !== undefined && check.value.equals(expected), `${check?.value.toString()} vs ${expected.toString()}`);
      }),
      { numRuns: 1000 },
    );
  });
});
