/**
 * Standards that change inside the period (issue 18, item 1): goods on hand
 * are revalued at the change date to the standard in force, the difference to
 * the revaluation variance, and the Run Log says so. Hand-computed cases, then
 * a property over random plants with BOM versions.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, ZERO, broughtForwardOf, checkStructure, runBackflush, standardCosts } from "../../src/engine";
import type { BackflushResult, Disposition, PeriodInput, TriggerSequence } from "../../src/engine";
import { assembly, buy, chairMaker, conv, doublingStandard, line, material, move, period, phantom, stock } from "../support/build";
import { reviewStandards } from "../../src/engine/review";
import { ending, endingOf, entryOf, net, unbalancedEntries } from "../support/ledger-views";
import { anyPeriod } from "./plants";

/** M std 1.00. P = 10 M until 11-09, 20 M from 11-10 until 11-19, 25 M from 11-20. Buy 300 M for 300.00. Make 10 P on 11-05, sell 6 on 11-15. */
const twoChanges = (disposition: Disposition = "cogs") =>
  runBackflush(
    period({
      items: [material("M", "1.00"), assembly("P")],
      bom: [line("P", "M", 10, 0, undefined, "2026-11-09"), line("P", "M", 20, 0, "2026-11-10", "2026-11-19"), line("P", "M", 25, 0, "2026-11-20")],
      purchases: [buy("2026-11-02", "M", 300, "300.00")],
      completions: [move("2026-11-05", "P", 10)],
      sales: [move("2026-11-15", "P", 6)],
      settings: { disposition },
    }),
  );

/**
 * M std 1.00. P = 10 M until 2026-11-09, 20 M from 2026-11-10 (standard 10 → 20, no conversion).
 * Buy 300 M for 300.00 (no PPV). Make 10 P on 11-05: FG 100.00. Sell 6 on 11-15.
 */
const makeTenSellSix = (sequence: TriggerSequence, disposition: Disposition) =>
  runBackflush(
    doublingStandard({
      purchases: [buy("2026-11-02", "M", 300, "300.00")],
      completions: [move("2026-11-05", "P", 10)],
      sales: [move("2026-11-15", "P", 6)],
      settings: { sequence, disposition },
    }),
  );

describe("audit, item 1: a standard that changes with goods on hand", () => {
  for (const sequence of ["purchase-completion-sale", "completion-sale"] as const) {
    describe(sequence, () => {
      const r = makeTenSellSix(sequence, "cogs");

      it("revalues FG at the change date: Dr FG 100.00, Cr revaluation variance 100.00", () => {
        // 10 on hand × (20 − 10) = 100.00.
        const e = entryOf(r, "revaluation");
        assert.equal(e.date, "2026-11-10");
        assert.equal(net(e, "FG", "P"), "100.00");
        assert.equal(net(e, "REVALUATION_VARIANCE", "P"), "-100.00");
      });

      it("relieves the sale at the new standard: COGS 120.00, FG 80.00 for the 4 left", () => {
        // 6 × 20 = 120.00; FG 100 + 100 − 120 = 80.00 = 4 × 20.
        assert.equal(net(entryOf(r, "sale"), "COGS"), "120.00");
        assert.equal(endingOf(r, "FG", "P"), "80.00");
        const fg = r.balances.find((b) => b.role === "FG" && b.item === "P")!;
        assert.equal(fg.endingQty.toFixed(), "4");
      });

      it("lists the revaluation variance, writes it off to COGS and warns in the Run Log", () => {
        // Actual (as made) 100.00 against 200.00 at the new standard: 100.00 F. COGS 120 − 100 = 20.00.
        const v = r.variances.find((x) => x.kind === "revaluation")!;
        assert.equal(v.item, "P");
        assert.equal(v.qty!.toFixed(), "10");
        assert.equal(v.standard.toFixed(2), "200.00");
        assert.equal(v.actual.toFixed(2), "100.00");
        assert.equal(v.amount.toFixed(2), "-100.00");
        assert.ok(v.favorable);
        assert.equal(ending(r, "COGS"), "20.00");
        assert.equal(ending(r, "REVALUATION_VARIANCE"), "0.00");
        const w = r.warnings.find((x) => x.code === "standard-changed")!;
        assert.equal(w.item, "P");
        assert.equal(w.date, "2026-11-10");
        assert.deepEqual(unbalancedEntries(r), []);
      });
    });
  }

  it("prorated over the goods made, the revaluation gives what layers give: COGS 60.00, FG 40.00", () => {
    // −100.00 over FG (4 × 20 = 80) and COGS (6 × 20 = 120): FG −40.00, COGS −60.00.
    // FG 80 − 40 = 40.00 = 4 × 10 (the layer left); COGS 120 − 60 = 60.00 = 6 × 10.
    const r = makeTenSellSix("purchase-completion-sale", "prorate");
    assert.equal(ending(r, "FG"), "40.00");
    assert.equal(ending(r, "COGS"), "60.00");
    assert.equal(entryOf(r, "variance-disposition").description, "Revaluation variance prorated over FG and COGS");
  });

  describe("prorated, the revaluation stays with the units on hand at the change, first made first sold", () => {
    /** P (10 M, then 20 M from 11-10; M at 1.00, 300 bought for 300.00) made and sold as given, prorated. */
    const pDoubled = (sequence: TriggerSequence, completions: PeriodInput["completions"], sales: PeriodInput["sales"], extra: Partial<PeriodInput> = {}) =>
      runBackflush(
        doublingStandard({
          purchases: [buy("2026-11-02", "M", 300, "300.00")],
          completions,
          sales,
          ...extra,
          settings: { sequence, disposition: "prorate" },
        }),
      );

    for (const sequence of ["purchase-completion-sale", "completion-sale"] as const) {
      it(`${sequence}: none of it goes to another product's goods (P revalued and all sold, Q's standard never changed)`, () => {
        // 10 P and 10 Q made at 10; P's standard becomes 20 on 11-10 (+100 F); all 10 P sold on 11-20 at 20.
        // Q is 10 × 10 = 100.00 and holds none of P's gain; COGS 200 − 100 = 100.00 = what the 10 P cost (100 M left in RIP).
        const r = pDoubled(sequence, [move("2026-11-05", "P", 10), move("2026-11-05", "Q", 10)], [move("2026-11-20", "P", 10)], {
          items: [material("M", "1.00"), assembly("P"), assembly("Q")],
          bom: [line("P", "M", 10, 0, undefined, "2026-11-09"), line("P", "M", 20, 0, "2026-11-10"), line("Q", "M", 10)],
        });
        assert.equal(endingOf(r, "FG", "Q"), "100.00");
        assert.equal(ending(r, "FG"), "100.00");
        assert.equal(ending(r, "COGS"), "100.00");
        const q = r.closing.find((c) => c.role === "FG" && c.item === "Q")!;
        assert.equal(q.variance.toFixed(2), "0.00");
        assert.deepEqual(unbalancedEntries(r), []);
      });

      it(`${sequence}: goods made after the change are at their own standard (10 made at 10, revalued, sold; 10 made at 20 on hand)`, () => {
        // The 10 on hand were made on 11-25 at 20: FG 200.00. The 10 sold were the revalued ones: COGS 10 × 10 = 100.00.
        const r = pDoubled(sequence, [move("2026-11-05", "P", 10), move("2026-11-25", "P", 10)], [move("2026-11-20", "P", 10)]);
        assert.equal(ending(r, "FG"), "200.00");
        assert.equal(ending(r, "COGS"), "100.00");
        const memo = entryOf(r, "variance-disposition").lines.find((l) => l.role === "COGS")!.memo;
        assert.match(memo, /share of the goods revalued that were sold or lost/);
      });

      it(`${sequence}: a loss on goods below zero at the change is the goods already sold's (COGS), not the ones made later`, () => {
        // 8 P sold on 11-05 with none made (FG −8 at −80); standard 10 → 20 on 11-10: 80.00 U; 10 made on 11-20 at 20.
        // FG ends at 2 × 20 = 40.00; COGS 8 × 10 + 80 = 160.00, as written off.
        const r = pDoubled(sequence, [move("2026-11-20", "P", 10)], [move("2026-11-05", "P", 8)]);
        assert.equal(ending(r, "FG"), "40.00");
        assert.equal(ending(r, "COGS"), "160.00");
        assert.deepEqual(unbalancedEntries(r), []);
      });
    }

    it("goods a count finds are none a change found: 10 made at 10, 5 sold, 5 made at 20, 12 counted: FG 190.00", () => {
      // First in, first out: 5 old at 10 (50) + 5 new at 20 (100) + 2 found, at standard by the count (40) = 190.00; the entry
      // names FG and COGS (not "written off"). Counted 8, the oldest are lost first: 3 × 10 + 5 × 20 = 130.00.
      const counted = (count: number) =>
        runBackflush(
          doublingStandard({
            purchases: [buy("2026-11-02", "M", 300, "300.00")],
            completions: [move("2026-11-05", "P", 10), move("2026-11-20", "P", 5)],
            sales: [move("2026-11-15", "P", 5)],
            inventory: [stock("P", undefined, count)],
            settings: { disposition: "prorate" },
          }),
        );
      assert.equal(endingOf(counted(12), "FG", "P"), "190.00");
      assert.equal(endingOf(counted(8), "FG", "P"), "130.00");
      assert.equal(entryOf(counted(12), "variance-disposition").description, "Revaluation variance prorated over FG and COGS");
    });

    it("all of it on goods still on hand is said to be prorated over FG, not written off to COGS", () => {
      // 10 made at 10, the standard becomes 20, none sold: the 100.00 F stays on them.
      const r = pDoubled("purchase-completion-sale", [move("2026-11-05", "P", 10)], []);
      const e = entryOf(r, "variance-disposition");
      assert.equal(e.description, "Revaluation variance prorated over FG");
      assert.equal(ending(r, "FG"), "100.00");
    });

    it("two changes: each goes with what is left of the units it found (10 made at 10; → 20 on 11-10, 6 sold; → 25 on 11-20)", () => {
      // First change: 10 found, 4 left at the end → FG takes 4/10 of −100.00 = −40.00. Second: 4 found, 4 left → −20.00.
      // FG 4 × 25 = 100 − 40 − 20 = 40.00 = 4 × 10, what they were made at; COGS 6 × 20 − 60 = 60.00 = 6 × 10.
      const r = twoChanges("prorate");
      assert.equal(ending(r, "FG"), "40.00");
      assert.equal(ending(r, "COGS"), "60.00");
      const fg = entryOf(r, "variance-disposition").lines.find((l) => l.role === "FG")!;
      assert.match(fg.memo, /4 of the units on hand when its standard changed are still on hand/);
    });
  });

  it("two changes of one product in a period are two Variances lines, each of what its entry booked", () => {
    // 10 P made at 10; from 11-10 P = 20 M (standard 20): 10 × 10 = +100. 6 sold on 11-15; from 11-20 P = 25 M: 4 × 5 = +20.
    const r = twoChanges();
    const lines = r.variances.filter((v) => v.kind === "revaluation").map((v) => [v.qty!.toFixed(), v.actual.toFixed(2), v.standard.toFixed(2), v.amount.toFixed(2)]);
    assert.deepEqual(lines, [
      ["10", "100.00", "200.00", "-100.00"],
      ["4", "80.00", "100.00", "-20.00"],
    ]);
    // Together, what the revaluation variance account took: −120.00, written off to COGS.
    assert.equal(r.journal.filter((e) => e.kind === "revaluation").reduce((a, e) => a.plus(net(e, "REVALUATION_VARIANCE", "P")), ZERO).toFixed(2), "-120.00");
  });

  it("a change after the last movement still revalues the goods on hand, on its first day", () => {
    // Make 10 at 10 on 11-05; the BOM changes on 11-20 and nothing moves after: 10 × (20 − 10) = 100.00, FG ends 200.00.
    const r = runBackflush(
      period({
        items: [material("M", "1.00"), assembly("P")],
        bom: [line("P", "M", 10, 0, undefined, "2026-11-19"), line("P", "M", 20, 0, "2026-11-20")],
        purchases: [buy("2026-11-02", "M", 100, "100.00")],
        completions: [move("2026-11-05", "P", 10)],
      }),
    );
    const e = entryOf(r, "revaluation");
    assert.equal(e.date, "2026-11-20");
    assert.equal(net(e, "FG", "P"), "100.00");
    assert.equal(endingOf(r, "FG", "P"), "200.00");
  });

  it("a change dates its revaluation on its own first day, though another version follows before the next movement", () => {
    // P = 10 M; from 11-15 12 M (standard 10 → 12); from 11-18 6 M and 6 N, both at 1.00 (no change of standard). Nothing
    // moves from 11-06 to 11-24: the revaluation is of 11-15, not of 11-18, the day the next version came in.
    for (const last of [undefined, "2026-11-25"] as const) {
      const r = runBackflush(
        period({
          items: [material("M", "1.00"), material("N", "1.00"), assembly("P")],
          bom: [line("P", "M", 10, 0, undefined, "2026-11-14"), line("P", "M", 12, 0, "2026-11-15", "2026-11-17"), line("P", "M", 6, 0, "2026-11-18"), line("P", "N", 6, 0, "2026-11-18")],
          purchases: [buy("2026-11-02", "M", 100, "100.00")],
          completions: [move("2026-11-05", "P", 5)],
          sales: last ? [move(last, "P", 1)] : [],
        }),
      );
      const revaluations = r.journal.filter((e) => e.kind === "revaluation");
      assert.deepEqual(revaluations.map((e) => [e.date, net(e, "FG", "P")]), [["2026-11-15", "10.00"]], last ?? "no movement after");
      assert.ok(r.warnings.some((w) => w.code === "standard-changed" && w.message.includes("2026-11-15")));
    }
  });

  it("does nothing where no FG is kept or nothing is on hand", () => {
    assert.equal(makeTenSellSix("purchase-sale", "cogs").journal.filter((e) => e.kind === "revaluation").length, 0);
    const none = runBackflush(
      doublingStandard({
        completions: [move("2026-11-12", "P", 1)],
      }),
    );
    assert.equal(none.journal.filter((e) => e.kind === "revaluation").length, 0);
    assert.equal(none.warnings.filter((w) => w.code === "standard-changed").length, 0);
  });

  it("JPY, a mid-month change of material and conversion: revalued element by element, to the yen", () => {
    // M ¥37; P = 3 M + conversion ¥50 until 11-15 (¥111 + ¥50 = ¥161); from 11-16, 4 M + R (R = phantom, 1 M, conversion ¥25),
    // conversion ¥50: material 5 × 37 = ¥185, conversion 50 + 25 = ¥75, total ¥260.
    // Make 7 on 11-03: FG 7 × 161 = ¥1,127 (material 777, conversion 350). Revalue on 11-16: 7 × 260 = ¥1,820
    // (material 1,295, conversion 525): Dr FG ¥693, Cr revaluation ¥693. Sell 5 on 11-20: COGS 5 × 260 = ¥1,300; FG ¥520.
    const r = runBackflush(
      period({
        items: [material("M", "37"), assembly("P", "50"), { item: "R", type: "phantom", stdConversion: new Dec(25), row: 900 }],
        bom: [line("P", "M", 3, 0, undefined, "2026-11-15"), line("P", "M", 4, 0, "2026-11-16"), line("P", "R", 1, 0, "2026-11-16"), line("R", "M", 1)],
        completions: [move("2026-11-03", "P", 7)],
        sales: [move("2026-11-20", "P", 5)],
        settings: { currency: "JPY" },
      }),
    );
    const e = entryOf(r, "revaluation");
    assert.equal(e.date, "2026-11-16");
    const fg = e.lines.find((l) => l.role === "FG")!;
    assert.equal(fg.debit.toFixed(0), "693");
    assert.equal(fg.element!.material.toFixed(0), "518"); // 1,295 − 777
    assert.equal(fg.element!.conversion.toFixed(0), "175"); // 525 − 350
    assert.equal(net(entryOf(r, "sale"), "COGS"), "1300.00");
    assert.equal(ending(r, "FG"), "520.00");
  });
});

/** FG per item, day by day, from the journal: each day's end, after that day's entries (period-end entries apart). */
function fgDayEnds(r: BackflushResult, check: (day: string, item: string, qty: Dec, value: Dec, lines: number) => void): void {
  const held = new Map<string, { qty: Dec; value: Dec; lines: number }>();
  for (const b of r.balances) if (b.role === "FG" && b.item) held.set(b.item, { qty: b.openingQty, value: b.openingValue, lines: 0 });
  const days = [...new Set(r.journal.filter((e) => e.trigger !== "period-end").map((e) => e.date))].sort();
  for (const day of days) {
    for (const e of r.journal) {
      if (e.date !== day || e.trigger === "period-end") continue;
      for (const l of e.lines) {
        if (l.role !== "FG" || !l.item) continue;
        const h = held.get(l.item) ?? { qty: ZERO, value: ZERO, lines: 0 };
        const qty = l.qty ?? ZERO;
        // The side, not the amount: goods worth less than a cent are booked at 0.00 and still move.
        held.set(l.item, { qty: h.qty.plus(l.side === "credit" ? qty.negated() : qty), value: h.value.plus(l.debit).minus(l.credit), lines: h.lines + 1 });
      }
    }
    for (const [item, h] of held) check(day, item, h.qty, h.value, h.lines);
  }
}

describe("audit, item 1: at every day's end FG is quantity × the standard in force", () => {
  it("value and quantity have the same sign, and the value is quantity × the standard in force to the rounding", () => {
    fc.assert(
      fc.property(anyPeriod, (input) => {
        const r = runBackflush(input);
        const { minorUnits } = r.settings;
        const unit = new Dec(1).dividedBy(new Dec(10).pow(minorUnits));
        const materials = input.items.filter((i) => i.type === "material").length;
        // Goods sold before they were made (FG below zero, warned) and then made back to exactly zero can keep the cent their
        // completion and sale rounded differently: a known limit (docs/engine.md), so such items are checked from that day on only for size.
        const wentNegative = new Set(r.warnings.filter((w) => w.code === "negative-inventory").map((w) => w.item));
        fgDayEnds(r, (day, item, qty, value, lines) => {
          if (qty.isZero() && wentNegative.has(item)) {
            assert.ok(value.abs().lte(unit.times(lines * (materials + 2) + 1)), `${day} ${item}: ${value} with nothing on hand`);
            return;
          }
          if (qty.isZero()) {
            assert.ok(value.isZero(), `${day} ${item}: ${value} with nothing on hand`);
            return;
          }
          const std = standardOn(input, item, day);
          // Each line rounds once; a flush's balancing line also takes its materials' rounding.
          const tolerance = unit.times(lines * (materials + 2) + 1);
          // The sign is the quantity's wherever the rounding cannot reach zero: in BHD, 5 held, 15 made and 20.25 sold of an
          // item whose standard is a few fils leaves −0.25 worth less than a fil, which the lines' own roundings left at +0.001.
          const exact = qty.times(std);
          if (exact.abs().gt(tolerance)) assert.ok(value.isNegative() === qty.isNegative() && !value.isZero(), `${day} ${item}: ${value} for ${qty}`);
          assert.ok(value.minus(exact).abs().lte(tolerance), `${day} ${item}: ${value} vs ${qty} × ${std}`);
        });
      }),
      { numRuns: 80 },
    );
  });
});

/** The standard total of an item on a day, by the engine's own rollup. */
function standardOn(input: PeriodInput, item: string, day: string): Dec {
  const model = checkStructure(input.items, input.bom);
  return standardCosts(model, input.items, day).find((s) => s.item === item)!.total;
}

describe("a product whose BOM has ended (discontinued) with goods on hand", () => {
  // The chair maker's CHAIR lines end on 2026-11-15: its standard stays 23.30 (13.30 material, 10.00 conversion) for the
  // goods made before. 100 made on 11-10; 60 sold on 11-20, after the end; 38 counted at the month's end.
  const base = chairMaker();
  const ended = base.bom.map((l) => (l.parent === "CHAIR" ? { ...l, validTo: "2026-11-15" } : l));
  const input = { ...base, bom: ended, completions: [move("2026-11-10", "CHAIR", 100)], sales: [move("2026-11-20", "CHAIR", 60)], inventory: [...(base.inventory ?? []), stock("CHAIR", undefined, 38)] };

  it("is sold and counted at the standard it is held at, and closes at it", () => {
    const r = runBackflush(input);
    assert.equal(net(entryOf(r, "sale"), "COGS", "CHAIR"), "1398.00"); // 60 × 23.30
    assert.equal(net(entryOf(r, "finished-goods-count"), "FG_SHRINKAGE", "CHAIR"), "46.60"); // 2 × 23.30
    const chair = r.closing.find((c) => c.role === "FG" && c.item === "CHAIR")!;
    assert.deepEqual([chair.qty, chair.value, chair.unitMaterial, chair.unitConversion].map((d) => d!.toFixed()), ["38", "885.4", "13.3", "10"]);
    assert.deepEqual(r.standards.find((s) => s.item === "CHAIR")!.total.toFixed(), "23.3");
    assert.deepEqual(unbalancedEntries(r), []);
  });

  it("its standards review proposes what the next period books: its last BOM at the proposed prices, and its count there is at that standard", () => {
    // WOOD bought at 3.20 against 3.00 is flagged: CHAIR, held at its last BOM (3.5 kg of wood), would stand at 24.00.
    // Only the chairs counted (no usage is measured) and conversion as allocated (100 × 10.00): the price is the one proposal.
    const dearer = { ...input, inventory: [stock("CHAIR", undefined, 38)], conversion: [conv("2026-11-30", "1000.00")], purchases: input.purchases.map((p) => (p.item === "WOOD" ? { ...p, amount: new Dec("12800.00") } : p)) };
    const r = runBackflush(dearer);
    const review = reviewStandards(dearer, r);
    const chair = review.rollup.find((x) => x.item === "CHAIR")!;
    assert.deepEqual([chair.standard.total.toFixed(), chair.proposed.total.toFixed()], ["23.3", "24"]);
    assert.equal(review.revaluation.find((x) => x.item === "CHAIR")!.revaluation.toFixed(2), "26.60"); // 38 × 24.00 − 885.40
    // December adopts the proposals and counts 37: the chairs are revalued by what the review said, and the one missing
    // goes at 24.00 (not at 24.00 against goods still held at 23.30, a favorable shrinkage for a chair lost).
    const december = runBackflush({
      ...period({ items: review.proposedItems, bom: review.proposedBom, inventory: [stock("CHAIR", undefined, 37)], settings: { periodStart: "2026-12-01", periodEnd: "2026-12-31" } }),
      broughtForward: broughtForwardOf(r.closing),
    });
    assert.equal(net(entryOf(december, "revaluation"), "FG", "CHAIR"), "26.60");
    assert.equal(net(entryOf(december, "finished-goods-count"), "FG_SHRINKAGE", "CHAIR"), "24.00");
    assert.equal(endingOf(december, "FG", "CHAIR"), "888.00"); // 37 × 24.00
  });

  it("an assembly with no BOM line up to the period's end has no standard to roll up", () => {
    const later = { ...input, items: [...input.items, assembly("STOOL", "4.00")], bom: [...ended, line("STOOL", "WOOD", 1, 0, "2026-12-01")] };
    const r = runBackflush(later);
    assert.equal(r.standards.some((s) => s.item === "STOOL"), false);
    assert.equal(reviewStandards(later, r).rollup.some((x) => x.item === "STOOL"), false);
  });
});

describe("a component whose lines stop and start again inside the period", () => {
  it("is warned, naming the days, the parent and both lines: goods made then are costed without it", () => {
    // CHAIR's WOOD line valid to 11-10, the next from 11-16 (a date typed wrong, most likely): 11-11 to 11-15 without wood.
    const base = chairMaker();
    const cut = base.bom.flatMap((l) => (l.parent === "CHAIR" && l.component === "WOOD" ? [{ ...l, validTo: "2026-11-10", row: 90 }, { ...l, validFrom: "2026-11-16", row: 91 }] : [l]));
    const r = runBackflush({ ...base, bom: cut });
    const gaps = r.warnings.filter((w) => w.code === "bom-gap");
    assert.deepEqual(gaps.map((w) => [w.item, w.date, w.sources?.[0].rows]), [["CHAIR", "2026-11-11", [90, 91]]]);
    assert.match(gaps[0].message, /^CHAIR's BOM has no WOOD line from 2026-11-11 to 2026-11-15, though the lines before and after have it/);
    assert.match(runBackflush({ ...base, bom: cut, language: "sv" }).warnings.find((w) => w.code === "bom-gap")!.message, /^Strukturen för CHAIR har ingen rad för WOOD från 2026-11-11 till 2026-11-15/);
    // A line ended for good, or a gap outside the period, is no such case.
    const ended = base.bom.map((l) => (l.parent === "CHAIR" && l.component === "WOOD" ? { ...l, validTo: "2026-11-10" } : l));
    assert.equal(runBackflush({ ...base, bom: [...ended, line("CHAIR", "FABRIC", 1, 0, "2026-11-11")] }).warnings.some((w) => w.code === "bom-gap"), false);
    const before = base.bom.flatMap((l) => (l.parent === "CHAIR" && l.component === "WOOD" ? [{ ...l, validTo: "2026-10-10" }, { ...l, validFrom: "2026-10-16" }] : [l]));
    assert.equal(runBackflush({ ...base, bom: before }).warnings.some((w) => w.code === "bom-gap"), false);
    // A product withdrawn for some days (no line at all then, so nothing of it can be made) is no component left out.
    const withdrawn = [...base.bom.filter((l) => l.parent !== "STOOL"), line("STOOL", "WOOD", 1, 0, undefined, "2026-11-10"), line("STOOL", "WOOD", 1, 0, "2026-11-20")];
    const stools = { ...base, items: [...base.items, assembly("STOOL", "1")], bom: withdrawn };
    assert.equal(runBackflush(stools).warnings.some((w) => w.code === "bom-gap"), false);
  });
});

describe("a revaluation names the BOM lines that changed the standard", () => {
  it("at any level of the product's tree: a seat's wood line changing revalues the chairs, naming the seat's two lines", () => {
    const base = chairMaker();
    const bom = base.bom.flatMap((l) => (l.parent === "SEAT" && l.component === "WOOD" ? [{ ...l, validTo: "2026-11-14", row: 80 }, { ...l, qtyPer: new Dec(2), validFrom: "2026-11-15", row: 81 }] : [l]));
    const r = runBackflush({ ...base, bom, completions: [move("2026-11-10", "CHAIR", 100)], sales: [move("2026-11-20", "CHAIR", 10)] });
    const e = entryOf(r, "revaluation");
    assert.equal(e.date, "2026-11-15");
    assert.deepEqual(e.lines.map((l) => l.sources?.flatMap((s) => `${s.table} ${s.rows.join(",")}`)), [["BOM 80,81"], ["BOM 80,81"]]);
    assert.deepEqual(r.warnings.find((w) => w.code === "standard-changed")!.sources, [{ table: "BOM", rows: [80, 81] }]);
  });
});

describe("a completion's memo names the day its product's own BOM came into force", () => {
  it("not the newest version of the table: another product's change leaves it as it was", () => {
    // P's line changes on 11-15; Q's on 11-22. On 11-25 P's memo says 11-15, and Q's 11-22; R's, never changed, says none.
    const r = runBackflush(
      period({
        items: [material("M", "1.00"), assembly("P"), assembly("Q"), assembly("R")],
        bom: [line("P", "M", 1, 0, undefined, "2026-11-14"), line("P", "M", 2, 0, "2026-11-15"), line("Q", "M", 1, 0, undefined, "2026-11-21"), line("Q", "M", 3, 0, "2026-11-22"), line("R", "M", 1)],
        purchases: [buy("2026-11-02", "M", 100, "100.00")],
        completions: [move("2026-11-25", "P", 1), move("2026-11-25", "Q", 1), move("2026-11-25", "R", 1)],
      }),
    );
    const memo = (item: string) => entryOf(r, "completion").lines.find((l) => l.role === "FG" && l.item === item)!.memo;
    assert.match(memo("P"), /BOM in force from 2026-11-15/);
    assert.match(memo("Q"), /BOM in force from 2026-11-22/);
    assert.doesNotMatch(memo("R"), /BOM in force/);
  });
});

describe("a new standard that leaves the value held as it was", () => {
  it("holds materials that opened beyond the old standard at the new one: nothing stays beyond it (100 kg at 400.00, the standard raised from 3.00 to 4.00)", () => {
    // November: 100 kg of WOOD bought for 400.00 at a standard of 3.00, prorated into RIP: it closes at 400.00, 100.00 of it
    // beyond standard. December's standard is 4.00: 100 × 4.00 = 400.00, nothing to revalue, and nothing is beyond standard
    // any more. 50 CHAIR (1 kg each, no conversion) made and sold: COGS 50 × 4.00 = 200.00, RIP 200.00. Before, the 100.00
    // stayed beyond standard and went out with the wood: COGS 250.00, RIP 150.00, the Closing showing 50.00 of variance.
    const items = (price: string) => [material("WOOD", price), assembly("CHAIR", "0")];
    const bom = [line("CHAIR", "WOOD", 1)];
    const november = runBackflush(period({ items: items("3"), bom, purchases: [buy("2026-11-02", "WOOD", 100, "400.00")], settings: { disposition: "prorate" } }));
    const december = runBackflush({
      ...period({ items: items("4"), bom, completions: [move("2026-12-03", "CHAIR", 50)], sales: [move("2026-12-04", "CHAIR", 50)], settings: { disposition: "prorate", periodStart: "2026-12-01", periodEnd: "2026-12-31" } }),
      broughtForward: broughtForwardOf(november.closing),
    });
    assert.equal(ending(december, "COGS"), "200.00");
    assert.equal(ending(december, "RIP"), "200.00");
    const wood = december.closing.find((l) => l.role === "RIP" && l.item === "WOOD")!;
    assert.equal(wood.variance.toFixed(2), "0.00");
  });

  it("restates goods' content to the new standard's split where the total stays (12 + 3 → 15 + 0), and says so in the Run Log", () => {
    // CHAIR: WOOD 10.00 + LEG (a phantom: 2 PINE at 1.00 + 3.00 conversion) = 12.00 material + 3.00 conversion until the 9th;
    // from the 10th WOOD + LEGBUY (5.00) = 15.00 material. 10 made on the 2nd (120.00 + 30.00), 5 sold on the 15th.
    // The 5 left hold 75.00 of material and nothing of conversion: the 10.00 conversion variance (40.00 incurred, 30.00
    // allocated) finds no conversion in FG and goes to COGS: FG 75.00, COGS 5 × 15.00 + 10.00 = 85.00. Before, the goods
    // kept 45.00 + 30.00 and took all 10.00: FG 85.00, COGS 75.00.
    const items = [material("WOOD", "10"), material("PINE", "1"), material("LEGBUY", "5"), phantom("LEG", "3"), assembly("CHAIR", "0")];
    const bom = [line("CHAIR", "WOOD", 1), line("LEG", "PINE", 2), line("CHAIR", "LEG", 1, 0, undefined, "2026-11-09"), line("CHAIR", "LEGBUY", 1, 0, "2026-11-10")];
    const r = runBackflush(period({ items, bom, completions: [move("2026-11-02", "CHAIR", 10)], sales: [move("2026-11-15", "CHAIR", 5)], conversion: [conv("2026-11-30", "40.00")], settings: { disposition: "prorate" } }));
    const chair = r.closing.find((l) => l.role === "FG" && l.item === "CHAIR")!;
    assert.deepEqual([chair.value, chair.material, chair.conversion].map((d) => d.toFixed(2)), ["75.00", "75.00", "0.00"]);
    assert.equal(ending(r, "COGS"), "85.00");
    assert.equal(r.journal.filter((e) => e.kind === "revaluation").length, 0, "no money moved");
    const said = r.warnings.filter((x) => x.code === "standard-changed" && x.item === "CHAIR").map((x) => x.message);
    assert.deepEqual(said, ['The standard of "CHAIR" changed on 2026-11-10 with 10 on hand, to the same total: their value stays 150.00, its content restated to the new standard\'s, 150.00 of material and 0.00 of conversion']);
  });
});
