/**
 * Counts of finished goods where FG is kept (issue 18, item 6): book − counted
 * at standard leaves FG for the finished-goods shrinkage variance, as counts
 * of materials give the usage variance. DOMAIN.md's chair maker, by hand.
 */
import { strict as assert } from "node:assert";
import { runBackflush } from "../../src/engine";
import type { BackflushResult, Settings } from "../../src/engine";
import { assembly, buy, chairMaker, conv, line, material, move, period, stock } from "../support/build";
import { ending, endingOf, entryOf, net, unbalancedEntries } from "../support/ledger-views";

/** The chair maker (1,000 made, 900 sold: 100 CHAIR in FG at 23.30 = 2,330.00) with the chairs counted. */
function chairsCounted(count: number, over: Partial<Settings> = {}): BackflushResult {
  const base = chairMaker(over);
  return runBackflush({ ...base, inventory: [...(base.inventory ?? []), stock("CHAIR", undefined, count)] });
}

const shrinkage = (r: BackflushResult) => r.variances.find((v) => v.kind === "shrinkage");

describe("audit, item 6: counts of finished goods give a finished-goods shrinkage variance", () => {
  for (const sequence of ["purchase-completion-sale", "completion-sale"] as const) {
    it(`${sequence}: 95 counted against 100 on the books: 5 × 23.30 = 116.50 U, out of FG, written off to COGS`, () => {
      const r = chairsCounted(95, { sequence });
      const e = entryOf(r, "finished-goods-count");
      assert.equal(net(e, "FG", "CHAIR"), "-116.50");
      assert.equal(net(e, "FG_SHRINKAGE", "CHAIR"), "116.50");
      const fg = e.lines.find((l) => l.role === "FG")!;
      assert.equal(fg.qty!.toFixed(), "5"); // 5 out, on the credit side
      assert.equal(fg.element!.material.toFixed(2), "66.50"); // 5 × 13.30
      const v = shrinkage(r)!;
      assert.equal(v.item, "CHAIR");
      assert.equal(v.qty!.toFixed(), "5");
      assert.equal(v.standard.toFixed(2), "2330.00"); // 100 × 23.30
      assert.equal(v.actual.toFixed(2), "2213.50"); // 95 × 23.30
      assert.equal(v.amount.toFixed(2), "116.50");
      assert.equal(v.favorable, false);
      // FG 2,330 − 116.50; COGS 21,780 (DOMAIN.md's, as both sequences end) + 116.50.
      assert.equal(endingOf(r, "FG", "CHAIR"), "2213.50");
      assert.equal(ending(r, "COGS"), "21896.50");
      assert.equal(ending(r, "FG_SHRINKAGE"), "0.00");
      assert.equal(r.balances.find((b) => b.role === "FG" && b.item === "CHAIR")!.endingQty.toFixed(), "95");
      assert.deepEqual(unbalancedEntries(r), []);
    });
  }

  it("a count above the book is favorable: 102 counted, 2 × 23.30 = 46.60 F into FG", () => {
    const r = chairsCounted(102);
    assert.equal(net(entryOf(r, "finished-goods-count"), "FG"), "46.60");
    assert.equal(shrinkage(r)!.amount.toFixed(2), "-46.60");
    assert.ok(shrinkage(r)!.favorable);
    assert.equal(ending(r, "FG"), "2376.60"); // 102 × 23.30
  });

  it("a count of nothing empties FG, value and content", () => {
    const r = chairsCounted(0);
    assert.equal(net(entryOf(r, "finished-goods-count"), "FG_SHRINKAGE"), "2330.00");
    assert.equal(ending(r, "FG"), "0.00");
  });

  it("prorated or not, goes to COGS: a loss of the period is not cost of the goods still on hand", () => {
    // Prorated over FG and COGS by standard cost, FG would take 116.50 × 2,213.50 / 23,183.50 = 11.12: the 95 chairs left
    // would close above their standard for chairs that were lost (IAS 2.16(a) keeps abnormal waste out of inventory).
    const r = chairsCounted(95, { disposition: "prorate" });
    const d = r.journal.find((e) => e.kind === "variance-disposition" && e.lines.some((l) => l.role === "FG_SHRINKAGE"))!;
    assert.equal(d.description, "Finished goods shrinkage written off to COGS");
    assert.equal(net(d, "COGS"), "116.50");
    assert.equal(net(d, "FG_SHRINKAGE"), "-116.50");
    assert.equal(d.lines.some((l) => l.role === "FG"), false);
    assert.equal(shrinkage(r)!.disposition, "cogs");
    assert.deepEqual(unbalancedEntries(r), []);
  });

  it("prorated, a favorable count goes to COGS too: found goods come in at standard", () => {
    const r = chairsCounted(102, { disposition: "prorate" });
    const d = r.journal.find((e) => e.kind === "variance-disposition" && e.lines.some((l) => l.role === "FG_SHRINKAGE"))!;
    assert.equal(net(d, "COGS"), "-46.60"); // 2 × 23.30 F
    assert.equal(d.lines.some((l) => l.role === "FG"), false);
    assert.equal(shrinkage(r)!.disposition, "cogs");
  });

  it("a count of nothing empties FG of a value left where the book quantity is already nothing (a refill to zero's rounding)", () => {
    // P = 1 M at 0.333: three sales of one before any is made (−0.33 each, −0.99), then three made at once (+1.00): the book
    // says nothing on hand, worth 0.01. Counted at nothing, that cent goes too: no value without quantity.
    // Bought for `paid`; sold three before made; counted at nothing.
    const refilledToZero = (paid: string, over: Partial<Settings> = {}) =>
      runBackflush(
        period({
          items: [material("M", "0.333"), assembly("P", 0)],
          bom: [line("P", "M", 1)],
          purchases: [buy("2026-11-01", "M", 3, paid)],
          sales: [move("2026-11-02", "P", 1), move("2026-11-03", "P", 1), move("2026-11-04", "P", 1)],
          completions: [move("2026-11-05", "P", 3)],
          inventory: [stock("P", undefined, 0)],
          settings: over,
        }),
      );
    const r = refilledToZero("0.99");
    assert.equal(endingOf(r, "FG", "P"), "0.00");
    assert.deepEqual(unbalancedEntries(r), []);
    assert.equal(shrinkage(r)?.amount.toFixed(2), "0.01");
    // Its content goes with it: none is left to draw a share of a price variance prorated after it (the account holds no
    // quantity, which once hid its content from the count, and FG took 1.00 of a 100.00 variance with nothing on hand).
    const prorated = refilledToZero("100.99", { disposition: "prorate" });
    assert.equal(ending(prorated, "FG"), "0.00");
  });

  it("no count, or a count that matches, makes no entry and no variance", () => {
    const r = chairsCounted(100);
    assert.equal(r.journal.filter((e) => e.kind === "finished-goods-count").length, 0);
    assert.equal(shrinkage(r), undefined);
  });
});

describe("a finished-goods count takes FG to the counted value at standard, the completions' rounding swept with the shortfall", () => {
  // GEAR at 0.333; BOX = 1 GEAR, no conversion: standard 0.333. Three boxes made one a day hold 0.33 each: 0.99, where
  // the counted two at standard are 0.67 (2 × 0.333 = 0.666), not 0.99 − 0.33 = 0.66.
  const items = [material("GEAR", "0.333"), assembly("BOX", "0")];
  const bom = [line("BOX", "GEAR", 1)];
  for (const [count, counted, credit, amount] of [[2, "0.67", "-0.32", "0.32"], [4, "1.33", "0.34", "-0.34"]] as const) {
    it(`counted ${count} of 3: FG ends at ${count} × 0.333 rounded, the Variances' Counted at standard; shrinkage ${amount}`, () => {
      const r = runBackflush(
        period({
          items,
          bom,
          purchases: [buy("2026-11-01", "GEAR", 10, "3.33")],
          completions: [move("2026-11-02", "BOX", 1), move("2026-11-03", "BOX", 1), move("2026-11-04", "BOX", 1)],
          inventory: [stock("BOX", undefined, count)],
        }),
      );
      assert.equal(net(entryOf(r, "finished-goods-count"), "FG", "BOX"), credit);
      assert.equal(endingOf(r, "FG", "BOX"), counted);
      const v = shrinkage(r)!;
      assert.deepEqual([v.actual.toFixed(2), v.amount.toFixed(2), v.standard.toFixed(2)], [counted, amount, "0.99"]);
      const box = r.closing.find((c) => c.role === "FG" && c.item === "BOX")!;
      assert.deepEqual([box.value, box.material, box.variance].map((d) => d.toFixed(2)), [counted, counted, "0.00"]);
      assert.deepEqual(unbalancedEntries(r), []);
    });
  }
});

describe("prorated variances weigh the goods lost at a count with COGS, where the shrinkage took them", () => {
  // M at 1.00; P = 1 M + 1.00 conversion. 100 P made, none sold, 10 counted: 90 lost to the shrinkage (written off to COGS).
  // The period's variances belong to all 100 made, so the 10 on hand take a tenth of each, not all of it.
  const made = (over: { bought?: [number, string]; counts?: ReturnType<typeof stock>[]; incurred?: string; stdConversion?: number }, sequence: Settings["sequence"]) =>
    runBackflush(
      period({
        items: [material("M", "1.00"), assembly("P", over.stdConversion ?? 0)],
        bom: [line("P", "M", 1)],
        purchases: [buy("2026-11-02", "M", ...(over.bought ?? [100, "100.00"]))],
        completions: [move("2026-11-05", "P", 100)],
        inventory: [...(over.counts ?? []), stock("P", undefined, 10)],
        conversion: [conv("2026-11-30", over.incurred ?? "0.00")],
        settings: { sequence, disposition: "prorate" },
      }),
    );
  for (const sequence of ["purchase-completion-sale", "completion-sale"] as const) {
    it(`${sequence}: a conversion variance of 50.00 U leaves 5.00 on the 10 on hand: FG 10 × 2.00 + 5.00 = 25.00`, () => {
      const r = made({ stdConversion: 1, incurred: "150.00" }, sequence); // 100 allocated, 150 incurred
      assert.equal(ending(r, "FG"), "25.00");
      // The Closing carries it with the product: 10 units at 25.00, 5.00 of it beyond standard.
      const p = r.closing.find((c) => c.role === "FG" && c.item === "P")!;
      assert.deepEqual([p.qty.toFixed(), p.value.toFixed(2), p.variance.toFixed(2)], ["10", "25.00", "5.00"]);
      assert.deepEqual(unbalancedEntries(r), []);
    });
    it(`${sequence}: a price variance of 20.00 F takes 2.00 off the 10 on hand: FG 10.00 − 2.00 = 8.00, never below nothing`, () => {
      const r = made({ bought: [100, "80.00"] }, sequence); // 100 M at standard 1.00 bought for 80.00, all of it in the goods made
      assert.equal(ending(r, "FG"), "8.00");
      assert.deepEqual(unbalancedEntries(r), []);
    });
    it(`${sequence}: goods found at a count take their share in FG and leave COGS's: 50 sold, 80 counted of 50 on the books`, () => {
      // 100 made, 50 sold, 80 counted (30 found). The conversion variance 50.00 U goes over FG's 80 units and COGS's 50 by
      // standard conversion: FG 50 × 80/130 = 30.77, COGS 19.23; FG ends at 80 × 2.00 + 30.77 = 190.77.
      const r = runBackflush(
        period({
          items: [material("M", "1.00"), assembly("P", 1)],
          bom: [line("P", "M", 1)],
          purchases: [buy("2026-11-02", "M", 100, "100.00")],
          completions: [move("2026-11-05", "P", 100)],
          sales: [move("2026-11-20", "P", 50)],
          inventory: [stock("P", undefined, 80)],
          conversion: [conv("2026-11-30", "150.00")],
          settings: { sequence, disposition: "prorate" },
        }),
      );
      assert.equal(ending(r, "FG"), "190.77");
      const close = r.journal.find((e) => e.kind === "conversion-close")!;
      assert.equal(net(close, "COGS"), "19.23");
      assert.deepEqual(unbalancedEntries(r), []);
    });
    it(`${sequence}: a usage variance of 10.00 U adds 1.00 to the 10 on hand: FG 10.00 + 1.00 = 11.00`, () => {
      const r = made({ bought: [110, "110.00"], counts: [stock("M", undefined, 0)] }, sequence); // 110 M bought, 100 in goods, none left
      assert.equal(ending(r, "FG"), "11.00");
      assert.deepEqual(unbalancedEntries(r), []);
    });
  }
});
