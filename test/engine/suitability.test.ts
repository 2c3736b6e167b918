/**
 * The custom-work check counts products built once (one row, at most one
 * unit). It sums a product's quantities only while they can still matter;
 * here it is held to the full Dec sum it replaced.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, broughtForwardOf, runBackflush } from "../../src/engine";
import { translator } from "../../src/i18n";
import { findingOf, findingText } from "../../src/workbook/suitability-figure";
import { assembly, buy, chairMaker, conv, doublingStandard, line, material, move, period, stock } from "../support/build";
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
          negativeItems: 0, conversionOnHand: ZERO, materialsOffBooks: ZERO,
          flushedFromRip: ZERO,
          soldFromFg: ZERO,
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

describe("suitability: a ratio to nothing", () => {
  // M 1.00; P = 1 M, conversion 1.00. 10 M bought at standard, 5 P made with the conversion they were allocated, nothing sold:
  // no cost of goods sold, no variance, inventory 15.00 (RIP 5.00, FG 10.00).
  const r = runBackflush(period({ items: [material("M", "1.00"), assembly("P", "1.00")], bom: [line("P", "M", 1)], purchases: [buy("2026-11-02", "M", 10, "10.00")], completions: [move("2026-11-10", "P", 5)], conversion: [conv("2026-11-12", "5.00")] }));
  const check = (id: string) => r.suitability.checks.find((c) => c.id === id)!;

  it("is judged past its limits and said in words, never as a huge figure, in the run and in the pane's and command line's words", () => {
    for (const [id, engine, pane] of [
      ["inventory-share", "There is ending inventory but no cost of goods sold in the period: inventories are material, so balances at standard may not fairly state cost under GAAP", "Det finns ett utgående lager men ingen kostnad för sålda varor under perioden: lagren är väsentliga, så saldon till standardkostnad ger kanske inte en rättvisande bild enligt god redovisningssed."],
      ["inventory-change", "Inventory moved with no cost of goods sold in the period: not steady, so costs shift between periods", "Lagret ändrades utan någon kostnad för sålda varor under perioden: inte stabilt, så kostnader flyttas mellan perioder."],
      ["finished-days", "Finished goods are on hand but none were sold in the period: goods wait long between completion and sale", "Det finns färdigvaror i lager men inga såldes under perioden: varorna väntar länge mellan färdigställande och försäljning."],
    ] as const) {
      const c = check(id);
      assert.equal(c.status, "fail", id);
      assert.ok(!c.value.isFinite(), id);
      assert.equal(c.message, engine);
      assert.equal(findingText(translator("sv"), findingOf(c, 2)), pane);
    }
    // Variances of nothing against nothing: 0, ok, a figure as usual.
    assert.equal(check("variance-share").status, "ok");
    assert.equal(check("variance-share").value.toFixed(), "0");
    assert.ok(r.suitability.checks.every((c) => !/\d{7}/.test(c.message)), "no placeholder figure reaches a message");
  });
});

describe("suitability: days of stock are measured by use and sales only", () => {
  // P = 2 A (2.00) + conversion 3.00 = 7.00. 6 made, 3 sold (21.00 at standard over 30 days: 0.70 a day), 2 counted of 3 on the books.
  const r = runBackflush(
    period({
      items: [material("A", "2.00"), assembly("P", "3.00")],
      bom: [line("P", "A", 2)],
      purchases: [buy("2026-11-02", "A", 20, "40.00")],
      conversion: [conv("2026-11-10", "18.00")],
      completions: [move("2026-11-05", "P", 6)],
      sales: [move("2026-11-06", "P", 3)],
      inventory: [stock("P", undefined, 2), stock("A", undefined, 6)],
    }),
  );
  const check = (id: string) => r.suitability.checks.find((c) => c.id === id)!;

  it("finished-days: FG 14.00 over sales of 0.70 a day is 20 days, not the 15 that counting the shrinkage as sales gave", () => {
    assert.equal(check("finished-days").value.toFixed(1), "20.0");
    assert.equal(check("finished-days").status, "caution");
  });

  it("raw-days: RIP over what completions flushed (24.00 over 30 days: 0.80 a day), not the count's credit besides", () => {
    // 20 A bought, 12 flushed, 6 counted of 8: RIP 12.00 at the end, 2 A (4.00) to the usage variance.
    assert.equal(check("raw-days").value.toFixed(1), "15.0");
  });
});

describe("suitability: a cost of goods sold below zero", () => {
  it("is measured by its size: variances of several times it fail, never 'the standards hold' at a negative share", () => {
    // The chair maker's materials bought for next to nothing: favorable price variances written off take COGS below zero.
    const base = chairMaker();
    const r = runBackflush({ ...base, purchases: [buy("2026-11-02", "WOOD", 4000, "1.00"), buy("2026-11-02", "SCREW", 20000, "1.00"), buy("2026-11-02", "FABRIC", 600, "1.00")], conversion: [conv("2026-11-30", "10.00")] });
    const cogs = r.balances.filter((b) => b.role === "COGS").reduce((a, b) => a.plus(b.endingValue), new Dec(0));
    assert.ok(cogs.isNegative(), cogs.toString());
    const check = (id: string) => r.suitability.checks.find((c) => c.id === id)!;
    assert.ok(r.suitability.checks.every((c) => !c.value.isNegative()), "no negative share or day count");
    assert.equal(check("variance-share").status, "fail");
    assert.notEqual(r.suitability.verdict, "suitable");
  });
});

describe("suitability: days of materials over what the flushes took at standard", () => {
  it("leaves out the share of a prorated variance carried in the materials that leaves with them (no use of material)", () => {
    // The chair maker prorated in purchase, sale: November's materials close with their share of the price variance; in
    // December the sale flush takes each material's share to COGS beside the flush itself.
    const november = runBackflush(chairMaker({ sequence: "purchase-sale", disposition: "prorate" }));
    const decemberInput = chairMaker({ sequence: "purchase-sale", disposition: "prorate", periodStart: "2026-12-01", periodEnd: "2026-12-31" });
    const shift = (d: string) => d.replace("2026-11-", "2026-12-");
    const december = runBackflush({
      ...decemberInput,
      purchases: decemberInput.purchases.map((p) => ({ ...p, date: shift(p.date) })),
      completions: decemberInput.completions.map((c) => ({ ...c, date: shift(c.date) })),
      sales: decemberInput.sales.map((s) => ({ ...s, date: shift(s.date) })),
      conversion: decemberInput.conversion.map((c) => ({ ...c, date: shift(c.date) })),
      inventory: [],
      broughtForward: broughtForwardOf(november.closing),
    });
    const carried = december.journal.filter((e) => e.kind === "sale" && e.lines.some((l) => l.memo.startsWith("The share of what")));
    assert.ok(carried.length > 0, "the sale flush carries shares to COGS");
    const flushed = december.journal
      .filter((e) => e.kind === "sale" && !carried.includes(e))
      .flatMap((e) => e.lines.filter((l) => l.role === "RIP"))
      .reduce((a, l) => a.plus(l.credit).minus(l.debit), new Dec(0));
    const ending = december.balances.filter((b) => b.role === "RIP").reduce((a, b) => a.plus(b.endingValue), new Dec(0));
    const expected = ending.dividedBy(flushed.dividedBy(31));
    assert.equal(december.suitability.checks.find((c) => c.id === "raw-days")!.value.toFixed(6), expected.toFixed(6));
  });
});

describe("suitability: materials on hand off the books", () => {
  it("count in the inventory's share: the sale sequence judges the same plant as purchase, sale does", () => {
    // The chair maker opening with materials on hand (off the books where purchases are not booked: clearing's balance
    // leaves them out, and the flushes take it below zero).
    const input = (sequence: "purchase-sale" | "sale") => {
      const base = chairMaker({ sequence });
      return { ...base, inventory: [stock("WOOD", 2000, 480), stock("SCREW", 10000, 4000), stock("FABRIC", 300, 100)] };
    };
    const share = (r: ReturnType<typeof runBackflush>) => r.suitability.checks.find((c) => c.id === "inventory-share")!.value.toFixed(6);
    const [purchaseSale, sale] = [runBackflush(input("purchase-sale")), runBackflush(input("sale"))];
    // Purchase, sale: RIP ends at 3,370.00 (830 kg WOOD, 5,600 SCREW, 150 m FABRIC at standard), 11.06 % of COGS 30,480.00.
    // Sale: clearing ends at −4,330.00 beside the 7,700.00 of materials off the books: the same 3,370.00 (it read 14.21 %).
    assert.equal(share(purchaseSale), "0.110564");
    assert.equal(share(sale), share(purchaseSale));
  });
});

describe("suitability: a standard changed on purpose is no inaccurate standard", () => {
  it("leaves the revaluation variance out of the variances' share of COGS (a period that adopted new standards and sold its goods)", () => {
    // 10 P made at 10 (M 1.00, P = 10 M); from 11-10 P = 20 M: 100.00 F on the 10 on hand; all 10 sold at 20 (COGS 200 − 100).
    const r = runBackflush(
      doublingStandard({
        purchases: [buy("2026-11-02", "M", 100, "100.00")],
        completions: [move("2026-11-05", "P", 10)],
        sales: [move("2026-11-20", "P", 10)],
      }),
    );
    assert.ok(r.variances.some((v) => v.kind === "revaluation" && !v.amount.isZero()), "a revaluation was booked");
    const share = r.suitability.checks.find((c) => c.id === "variance-share")!;
    assert.equal(share.value.toFixed(), "0");
    assert.equal(share.status, "ok");
  });
});
