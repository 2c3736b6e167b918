/**
 * Period after period (issue 18, items 4 and 5): a run's closing per item and
 * account, and the next period opening at it, prorated variances and
 * capitalized conversion included. DOMAIN.md's chair maker, by hand.
 */
import { strict as assert } from "node:assert";
import { Dec, ZERO, broughtForwardOf, reviewStandards, runBackflush } from "../../src/engine";
import type { BackflushResult, ClosingLine, PeriodInput, TriggerSequence } from "../../src/engine";
import { assembly, buy, chairMaker, chairMakerWithChairsCounted, conv, line as bomLine, material, move, period, stock } from "../support/build";
import { ending, entryOf, net, netOfKind, opening, unbalancedEntries } from "../support/ledger-views";

const line = (r: BackflushResult, role: ClosingLine["role"], item?: string) => r.closing.find((l) => l.role === role && l.item === item);
const figures = (l: ClosingLine | undefined) => l && [l.kind, l.qty.toFixed(), l.value.toFixed(2), l.material.toFixed(2), l.conversion.toFixed(2), l.variance.toFixed(2), l.carried];

/** November after `october`: nothing bought, made or incurred; `sold` chairs sold on the 25th. */
function november(october: BackflushResult, base: PeriodInput, sold: number): BackflushResult {
  return runBackflush({
    ...base,
    purchases: [],
    completions: [],
    conversion: [],
    sales: [move("2026-12-15", "CHAIR", sold)],
    inventory: [],
    broughtForward: broughtForwardOf(october.closing),
    settings: { ...base.settings, periodStart: "2026-12-01", periodEnd: "2026-12-31" },
  });
}

describe("audit, item 4: the closing per item and account", () => {
  // Prorated by cost element (DOMAIN.md's chairs: PPV 300 U, usage 60 U, conversion 450 U):
  //  price 300 over material bought: RIP 2,040, FG 1,330, COGS 11,970, usage variance 60 (15,400):
  //    39.7403 / 25.9091 / 233.1818 / 1.1688 → floors 299.98, the cents to FG (.0091) and usage (.0088): 39.74, 25.91, 233.18, 1.17
  //  usage 60 + 1.17 = 61.17 over output material FG 1,330, COGS 11,970: 6.117 / 55.053 → 6.12, 55.05
  //  conversion 450 over output conversion FG 1,000, COGS 9,000: 45.00, 405.00
  // FG's own account holds 25.91 + 6.12 + 45.00 = 77.03; RIP's 39.74.
  const october = runBackflush(chairMaker({ disposition: "prorate" }));

  it("FG CHAIR closes at 2,330.00 at standard + 77.03 prorated: 2,407.03 for 100 chairs", () => {
    assert.deepEqual(figures(line(october, "FG", "CHAIR")), ["goods", "100", "2407.03", "1330.00", "1000.00", "77.03", true]);
    // Nothing is left on FG's own account: every cent is with an item.
    assert.equal(line(october, "FG"), undefined);
  });

  it("RIP's 39.74 is shared over the materials by their value at standard", () => {
    // 39.74 × 1,440 / 2,040 = 28.0517, × 200 / 2,040 = 3.8961, × 400 / 2,040 = 7.7922: floors 39.73, the cent to SCREW (.0061).
    assert.deepEqual(figures(line(october, "RIP", "WOOD")), ["goods", "480", "1468.05", "1440.00", "0.00", "28.05", true]);
    assert.deepEqual(figures(line(october, "RIP", "SCREW")), ["goods", "4000", "203.90", "200.00", "0.00", "3.90", true]);
    assert.deepEqual(figures(line(october, "RIP", "FABRIC")), ["goods", "100", "407.79", "400.00", "0.00", "7.79", true]);
  });

  it("every inventory item closes at its ending balance plus its share; accounts at their balance; COGS is not carried", () => {
    const inventory = october.closing.filter((l) => l.role === "RIP" || l.role === "FG").reduce((a, l) => a.plus(l.value), ZERO);
    assert.equal(inventory.toFixed(2), new Dec(ending(october, "RIP")).plus(ending(october, "FG")).toFixed(2));
    assert.equal(line(october, "AP", "WOOD")!.value.toFixed(2), "-12400.00");
    assert.equal(line(october, "CONV_SOURCE", "Labor and overhead")!.value.toFixed(2), "-10450.00");
    assert.ok(october.closing.filter((l) => l.role === "COGS").every((l) => !l.carried));
  });

  it("the next period opens at it: the 77.03 leaves with the chairs, and AP carries on", () => {
    const dec = november(october, chairMaker({ disposition: "prorate" }), 100);
    // RIP 1,468.05 + 203.90 + 407.79 = 2,079.74; FG 2,407.03.
    assert.equal(opening(dec, "RIP"), "2079.74");
    assert.equal(opening(dec, "FG"), "2407.03");
    assert.equal(opening(dec, "AP"), "-15700.00");
    assert.equal(opening(dec, "COGS"), "0.00");
    // Selling all 100 empties FG: COGS takes the whole 2,407.03, not 100 × 23.30 = 2,330.00.
    assert.equal(netOfKind(dec, "sale", "COGS"), "2407.03");
    assert.equal(ending(dec, "FG"), "0.00");
  });

  it("a partial sale takes its share of the 77.03 with it, where before it stayed until FG emptied", () => {
    // 30 of the 100 chairs sold: 30 × 23.30 = 699.00 and 77.03 × 30 / 100 = 23.11, COGS 722.11; the 70 left keep 53.92.
    const dec = november(october, chairMaker({ disposition: "prorate" }), 30);
    assert.equal(netOfKind(dec, "sale", "COGS"), "722.11");
    const fg = dec.closing.find((l) => l.role === "FG" && l.item === "CHAIR")!;
    assert.equal(fg.variance.toFixed(2), "53.92");
  });
});

describe("audit, item 4: standards that changed between the periods", () => {
  // November (DOMAIN.md's chairs, to COGS) closes WOOD 480 kg at 3.00 (1,440.00) and CHAIR 100 at 23.30 (2,330.00).
  // December's WOOD is 3.10: CHAIR takes 3.5 kg (2.5 + SEAT's 1), so its standard is 13.30 + 0.35 = 13.65 material + 10.00 conversion = 23.65.
  const base = chairMaker();
  const november = runBackflush(base);
  const dearer = base.items.map((i) => (i.item === "WOOD" ? { ...i, stdPrice: new Dec("3.10") } : i));
  const december = runBackflush({ ...base, items: dearer, purchases: [], completions: [], conversion: [], inventory: [], sales: [move("2026-12-15", "CHAIR", 100)], broughtForward: broughtForwardOf(november.closing), settings: { ...base.settings, periodStart: "2026-12-01", periodEnd: "2026-12-31" } });

  it("the closing says the standard per unit each item is held at", () => {
    const chair = line(november, "FG", "CHAIR")!;
    assert.deepEqual([chair.unitMaterial?.toFixed(), chair.unitConversion?.toFixed()], ["13.3", "10"]);
    assert.deepEqual([line(november, "RIP", "WOOD")!.unitMaterial?.toFixed(), line(november, "RIP", "WOOD")!.unitConversion?.toFixed()], ["3", "0"]);
  });

  it("goods brought forward are revalued on the first day: CHAIR +35.00 (100 × 0.35), WOOD +48.00 (480 × 0.10)", () => {
    const e = entryOf(december, "revaluation");
    assert.equal(e.date, "2026-12-01");
    assert.equal(net(e, "FG", "CHAIR"), "35.00");
    assert.equal(net(e, "RIP", "WOOD"), "48.00");
    assert.equal(net(e, "REVALUATION_VARIANCE"), "-83.00");
    assert.ok(december.warnings.some((w) => w.code === "standard-changed" && w.item === "CHAIR"));
  });

  it("a standard read back from a workbook, alike to Excel's 15 significant digits, is no change", () => {
    // 13.3 as a double keeps 15 digits; a closing read back as 13.30000000000000071 (its binary value) is the same standard.
    const readBack = broughtForwardOf(november.closing).map((l) => (l.item === "CHAIR" ? { ...l, unitMaterial: new Dec("13.30000000000000071") } : l));
    const same = runBackflush({ ...base, purchases: [], completions: [], conversion: [], inventory: [], sales: [move("2026-12-15", "CHAIR", 100)], broughtForward: readBack, settings: { ...base.settings, periodStart: "2026-12-01", periodEnd: "2026-12-31" } });
    assert.equal(same.journal.filter((e) => e.kind === "revaluation").length, 0);
    assert.equal(net(entryOf(same, "sale"), "COGS"), "2330.00");
  });

  it("prorated, a revaluation stays with the units it found that are still on hand: a period that moves nothing ends where the last one closed", () => {
    // December moves nothing. All 480 kg of WOOD revalued are still in RIP: its 48.00 F stays there, on WOOD, beyond its
    // standard; all 100 CHAIRs are still in FG: their 35.00 F stays on them. RIP and FG end at November's 2,040.00 and 2,330.00.
    // (Over RIP's and FG's material content, 18.97 of the gain on wood still in RIP went into the chairs.)
    const quiet = runBackflush({ ...base, items: dearer, purchases: [], completions: [], conversion: [], inventory: [], sales: [], broughtForward: broughtForwardOf(november.closing), settings: { ...base.settings, disposition: "prorate", periodStart: "2026-12-01", periodEnd: "2026-12-31" } });
    const disposed = quiet.journal.filter((e) => e.kind === "variance-disposition");
    assert.deepEqual(disposed.map((e) => [net(e, "REVALUATION_VARIANCE"), net(e, "RIP"), net(e, "FG")]), [["48.00", "-48.00", "0.00"], ["35.00", "0.00", "-35.00"]]);
    assert.equal(ending(quiet, "RIP"), ending(november, "RIP"));
    assert.equal(ending(quiet, "FG"), ending(november, "FG"));
    const wood = quiet.closing.find((l) => l.role === "RIP" && l.item === "WOOD")!;
    assert.deepEqual([wood.value.toFixed(2), wood.material.toFixed(2), wood.variance.toFixed(2)], ["1440.00", "1488.00", "-48.00"], "WOOD at 3.10 with the gain beside its standard");
  });

  for (const sequence of ["purchase-completion-sale", "completion-sale"] as const) {
    it(`${sequence}: prorated, a period that moves nothing ends where the last one closed, materials held in RIP or in clearing`, () => {
      // October: 100 WOOD bought at 3.00, 50 P (1 WOOD, conversion 1.00) made and kept. November: WOOD at 3.30, nothing moves.
      const items = (wood: string) => [material("WOOD", wood), assembly("P", "1.00")];
      const bom = [bomLine("P", "WOOD", 1)];
      const oct = runBackflush(period({ items: items("3.00"), bom, purchases: [buy("2026-10-02", "WOOD", 100, "300.00")], completions: [move("2026-10-05", "P", 50)], settings: { sequence, disposition: "prorate", periodStart: "2026-10-01", periodEnd: "2026-10-31" } }));
      const nov = runBackflush({ ...period({ items: items("3.30"), bom, settings: { sequence, disposition: "prorate" } }), broughtForward: broughtForwardOf(oct.closing) });
      const value = (r: BackflushResult, item: string) => r.closing.find((l) => l.item === item && l.kind === "goods")!.value.toFixed(2);
      assert.deepEqual([value(nov, "WOOD"), value(nov, "P")], [value(oct, "WOOD"), value(oct, "P")]);
      assert.deepEqual(unbalancedEntries(nov), []);
    });
  }

  it("prorated, a material's revaluation on a book below zero is the goods already sold's: to COGS, none into other goods", () => {
    // October: 10 P (1 WOOD each) made and sold with no wood bought: WOOD −10 kg at 3.00. November: WOOD at 3.10 (−10 kg
    // revalued −30.00 → −31.00: 1.00 U); 10 kg bought at 3.10; 100 Q (of SCREW only) made and kept. Q stays at 100.00.
    const items = (wood: string) => [material("WOOD", wood), material("SCREW", "1.00"), assembly("P"), assembly("Q")];
    const bom = [bomLine("P", "WOOD", 1), bomLine("Q", "SCREW", 1)];
    const oct = runBackflush(period({ items: items("3.00"), bom, purchases: [buy("2026-10-02", "SCREW", 100, "100.00")], completions: [move("2026-10-05", "P", 10)], sales: [move("2026-10-06", "P", 10)], settings: { disposition: "prorate", periodStart: "2026-10-01", periodEnd: "2026-10-31" } }));
    const nov = runBackflush({ ...period({ items: items("3.10"), bom, purchases: [buy("2026-11-02", "WOOD", 10, "31.00")], completions: [move("2026-11-05", "Q", 100)], settings: { disposition: "prorate" } }), broughtForward: broughtForwardOf(oct.closing) });
    assert.equal(ending(nov, "FG"), "100.00");
    assert.equal(ending(nov, "COGS"), "1.00");
  });

  it("prorated, the part of a material's revaluation on the units used goes where material went; the rest stays in RIP", () => {
    // December makes 96 chairs (3.5 kg WOOD each: 336 kg of the 480 revalued), buys none, and sells them with November's 100.
    // 144 kg stay in RIP: 48.00 × 144 / 480 = 14.40 F stays on WOOD; 33.60 F goes over FG (none left), COGS and the usage
    // variance (none counted): all to COGS.
    const used = runBackflush({ ...base, items: dearer, purchases: [], completions: [move("2026-12-03", "CHAIR", 96)], conversion: [], inventory: [], sales: [move("2026-12-04", "CHAIR", 196)], broughtForward: broughtForwardOf(november.closing), settings: { ...base.settings, disposition: "prorate", periodStart: "2026-12-01", periodEnd: "2026-12-31" } });
    const [materials] = used.journal.filter((e) => e.kind === "variance-disposition");
    assert.equal(net(materials, "REVALUATION_VARIANCE"), "48.00");
    assert.equal(net(materials, "RIP", "WOOD"), "-14.40");
    assert.equal(net(materials, "COGS"), "-33.60");
    const wood = used.closing.find((l) => l.role === "RIP" && l.item === "WOOD")!;
    assert.deepEqual([wood.qty.toFixed(), wood.value.toFixed(2), wood.variance.toFixed(2)], ["144", "432.00", "-14.40"], "144 kg at the 3.00 they cost");
    assert.deepEqual(unbalancedEntries(used), []);
  });

  it("so the sale relieves what the chairs hold, and the gain goes to COGS: 2,365.00 − 83.00 = 2,282.00", () => {
    assert.equal(net(entryOf(december, "sale"), "COGS"), "2365.00");
    assert.equal(ending(december, "FG"), "0.00");
    assert.equal(ending(december, "COGS"), "2282.00");
    // RIP at December's prices: WOOD 1,488.00 + SCREW 200.00 + FABRIC 400.00.
    assert.equal(ending(december, "RIP"), "2088.00");
  });
});

describe("audit, item 4: a prorated variance in yen does not vanish", () => {
  // BEAN 12.5 JPY/kg; TOFU = 0.3 kg BEAN, conversion 30.4: material 3.75, total 34.15. Buy 100 kg for ¥1,300, make 300, sell 200.
  //  RIP: 1,250 − 90 kg × 12.5 = 1,125 → 125 (10 kg); FG: 300 × 34.15 = 10,245 − 200 × 34.15 = 6,830 → 3,415 (material 375, conversion 3,040).
  //  Conversion 10,000 − 9,120 allocated = 880 U over output conversion FG 3,040, COGS 6,080: 293.33 / 586.67 → 293, 587 (the yen to .67).
  //  Price 50 U over material bought RIP 125, FG 375, COGS 750: 5, 15, 30.
  // FG's own account: 293 + 15 = 308; TOFU closes at 3,415 + 308 = ¥3,723. RIP's: 5; BEAN closes at ¥130.
  const base = period({
    items: [material("BEAN", "12.5", "kg"), assembly("TOFU", "30.4")],
    bom: [bomLine("TOFU", "BEAN", "0.3")],
    purchases: [buy("2026-11-02", "BEAN", 100, 1300)],
    completions: [move("2026-11-10", "TOFU", 300)],
    sales: [move("2026-11-20", "TOFU", 200)],
    conversion: [conv("2026-11-30", 10000)],
    settings: { currency: "JPY", disposition: "prorate" },
  });
  const november = runBackflush(base);

  it("TOFU closes at ¥3,723, the ¥308 prorated into it included; BEAN at ¥130", () => {
    assert.deepEqual(figures(line(november, "FG", "TOFU")), ["goods", "100", "3723.00", "375.00", "3040.00", "308.00", true]);
    assert.deepEqual(figures(line(november, "RIP", "BEAN")), ["goods", "10", "130.00", "125.00", "0.00", "5.00", true]);
  });

  it("selling the 100 in December takes the whole ¥3,723 to COGS", () => {
    const december = runBackflush({ ...base, purchases: [], completions: [], conversion: [], sales: [move("2026-12-10", "TOFU", 100)], broughtForward: broughtForwardOf(november.closing), settings: { ...base.settings, periodStart: "2026-12-01", periodEnd: "2026-12-31" } });
    assert.equal(netOfKind(december, "sale", "COGS"), "3723.00");
    assert.equal(ending(december, "FG"), "0.00");
    assert.equal(ending(december, "RIP"), "130.00");
  });
});

describe("audit, item 5: conversion capitalized at a period end is reversed when the next opens", () => {
  for (const sequence of ["purchase-sale", "sale"] as const satisfies readonly TriggerSequence[]) {
    it(`${sequence}: October capitalizes 1,000.00 on 100 chairs; December reverses it, and selling them costs their full 2,330.00`, () => {
      const base = chairMakerWithChairsCounted({ sequence, capitalizeConversion: true });
      const october = runBackflush(base);
      // 100 CHAIR on hand at standard conversion 10.00 (SEAT 2.00 + CHAIR 8.00): 1,000.00.
      assert.deepEqual(figures(line(october, "FG", "CHAIR")), ["units", "100", "1000.00", "0.00", "1000.00", "0.00", true]);
      const dec = november(october, base, 100);
      const reversal = entryOf(dec, "conversion-capitalized-reversed");
      assert.equal(reversal.date, "2026-12-01");
      assert.equal(net(reversal, "COGS"), "1000.00");
      assert.equal(net(reversal, "FG"), "-1000.00");
      // COGS: reversal 1,000.00 + sale at standard 100 × 23.30 = 2,330.00 − conversion over-allocated 1,000.00 (allocated at
      // the sale, none incurred in December) = 2,330.00: the chairs' full cost, 100 × (13.30 + 10.00).
      assert.equal(ending(dec, "COGS"), "2330.00");
      assert.equal(ending(dec, "FG"), "0.00");
      // Materials left: October's 3,370.00 (loose and in the chairs) − the chairs' 1,330.00 = 2,040.00.
      assert.equal(ending(dec, sequence === "sale" ? "MATERIALS_CLEARING" : "RIP"), "2040.00");
      // Nothing left on hand: nothing to capitalize at December's end.
      assert.equal(dec.journal.filter((e) => e.kind === "conversion-capitalized").length, 0);
    });
  }

  it("materials off the books keep the price they came off at: a later standard change revalues what is on hand, as where purchases are booked", () => {
    // A at 2.00, P = 1 A (conversion 1.00). October: 10 A opened with no value, 4 P made and sold, 6 A counted. November: A
    // costs 2.50; nothing moves; 6 A counted. The 6 kg on hand gain 6 × 0.50 = 3.00, whether the 10 kg were booked or not.
    const withPrice = (price: string) => [material("A", price), assembly("P", "1.00")];
    const bom = [bomLine("P", "A", 1)];
    const run = (sequence: TriggerSequence) => {
      const october = runBackflush(period({ items: withPrice("2.00"), bom, completions: [move("2026-10-05", "P", 4)], sales: [move("2026-10-06", "P", 4)], conversion: [conv("2026-10-31", "4.00")], inventory: [stock("A", 10, 6)], settings: { sequence, periodStart: "2026-10-01", periodEnd: "2026-10-31" } }));
      return runBackflush({ ...period({ items: withPrice("2.50"), bom, inventory: [stock("A", undefined, 6)], settings: { sequence, periodStart: "2026-11-01", periodEnd: "2026-11-30" } }), broughtForward: broughtForwardOf(october.closing) });
    };
    for (const sequence of ["purchase-completion-sale", "completion-sale", "purchase-sale", "sale"] as const) {
      const november = run(sequence);
      const revaluation = november.variances.filter((v) => v.kind === "revaluation");
      assert.deepEqual(revaluation.map((v) => [v.item, v.qty?.toFixed(), v.amount.toFixed(2)]), [["A", "6", "-3.00"]], sequence);
      assert.deepEqual(november.variances.filter((v) => v.kind === "usage" && !v.amount.isZero()), [], `${sequence}: the count finds nothing`);
      assert.equal(ending(november, "COGS"), "-3.00", sequence);
    }
  });

  it("prorated, clearing's share of a variance is held for the materials off the books too, and leaves with them: every period's COGS as purchase, completion, sale's", () => {
    // WOOD at 3.00; CHAIR = 1 WOOD. P1: 10 kg opened off the books, 10 bought for 40.00 (PPV 10.00 U), 15 chairs made and sold:
    // PPV over the 5 kg on hand (15.00) and COGS (45.00): 2.50 and 7.50, COGS 52.50. P2: the last 5 kg made and sold, COGS
    // 15.00 + the 2.50 held for them = 17.50. P3: counted to nothing, nothing left to book.
    const items = [material("WOOD", "3"), assembly("CHAIR", "0")];
    const bom = [bomLine("CHAIR", "WOOD", 1)];
    const cogs = (r: BackflushResult) => r.balances.filter((b) => b.role === "COGS").reduce((a, b) => a.plus(b.endingValue), ZERO).toFixed(2);
    for (const sequence of ["purchase-completion-sale", "completion-sale", "purchase-sale", "sale"] as const) {
      const at = (k: number) => ({ sequence, disposition: "prorate" as const, periodStart: ["2026-10-01", "2026-11-01", "2026-12-01"][k], periodEnd: ["2026-10-31", "2026-11-30", "2026-12-31"][k] });
      const p1 = runBackflush(period({ items, bom, inventory: [stock("WOOD", 10)], purchases: [buy("2026-10-02", "WOOD", 10, "40.00")], completions: [move("2026-10-05", "CHAIR", 15)], sales: [move("2026-10-06", "CHAIR", 15)], settings: at(0) }));
      const p2 = runBackflush({ ...period({ items, bom, completions: [move("2026-11-05", "CHAIR", 5)], sales: [move("2026-11-06", "CHAIR", 5)], settings: at(1) }), broughtForward: broughtForwardOf(p1.closing) });
      const p3 = runBackflush({ ...period({ items, bom, inventory: [stock("WOOD", undefined, 0)], settings: at(2) }), broughtForward: broughtForwardOf(p2.closing) });
      assert.deepEqual([p1, p2, p3].map(cogs), ["52.50", "17.50", "0.00"], sequence);
    }
  });

  it("the standards review revalues what clearing and the materials off the books hold together, as the next period books it", () => {
    // WOOD at 3.00, 10 kg opened off the books, 50 bought for 200.00 (a proposed price of 4.00), 40 used: 20 kg on hand, +20.00.
    const items = [material("WOOD", "3"), assembly("CHAIR", "0")];
    const bom = [bomLine("CHAIR", "WOOD", 1)];
    for (const sequence of ["purchase-completion-sale", "completion-sale"] as const) {
      const input = period({ items, bom, inventory: [stock("WOOD", 10)], purchases: [buy("2026-11-02", "WOOD", 50, "200")], completions: [move("2026-11-05", "CHAIR", 40)], sales: [move("2026-11-06", "CHAIR", 40)], settings: { sequence } });
      const result = runBackflush(input);
      const review = reviewStandards(input, result);
      assert.equal(review.revaluationTotal.toFixed(2), "20.00", sequence);
      const next = runBackflush({ ...period({ items: review.proposedItems, bom, settings: { sequence, periodStart: "2026-12-01", periodEnd: "2026-12-31" } }), broughtForward: broughtForwardOf(result.closing) });
      assert.deepEqual(next.variances.filter((v) => v.kind === "revaluation").map((v) => v.amount.negated().toFixed(2)), ["20.00"], sequence);
    }
  });

  it("the standards review's revaluation is what the next period books, variances written off or prorated, in every sequence", () => {
    // WOOD at 3.00, 20 kg bought for 80.00 (a proposed 4.00), 10 chairs made, 5 sold. Written off, the 10 kg and 5 chairs on hand
    // gain 15.00; prorated, the price variance already holds them at 4.00, and nothing is left to book.
    const items = [material("WOOD", "3"), assembly("CHAIR", "0")];
    const bom = [bomLine("CHAIR", "WOOD", 1)];
    for (const disposition of ["cogs", "prorate"] as const) {
      for (const sequence of ["purchase-completion-sale", "completion-sale", "purchase-sale", "sale"] as const) {
        const input = period({ items, bom, purchases: [buy("2026-11-02", "WOOD", 20, "80.00")], completions: [move("2026-11-03", "CHAIR", 10)], sales: [move("2026-11-04", "CHAIR", 5)], settings: { sequence, disposition } });
        const result = runBackflush(input);
        const review = reviewStandards(input, result);
        const next = runBackflush({ ...period({ items: review.proposedItems, bom, settings: { sequence, disposition, periodStart: "2026-12-01", periodEnd: "2026-12-31" } }), broughtForward: broughtForwardOf(result.closing) });
        const booked = next.variances.filter((v) => v.kind === "revaluation").reduce((a, v) => a.minus(v.amount), ZERO);
        assert.equal(review.revaluationTotal.toFixed(2), booked.toFixed(2), `${sequence}, ${disposition}`);
        assert.equal(review.revaluationTotal.toFixed(2), disposition === "cogs" ? "15.00" : "0.00", `${sequence}, ${disposition}`);
      }
    }
  });

  it("two lines of one material off the books (a hand-edited Closing) keep their own prices", () => {
    // 6 kg came off the books at 2.00 and 4 kg at 5.00 (32.00); at 3.00 the 10 kg are 30.00: a loss of 2.00, and a count of all ten finds nothing.
    const items = [material("WOOD", "3"), assembly("CHAIR", "0")];
    const line = (qty: number, price: string, row: number) => ({ role: "MATERIALS_CLEARING" as const, item: "WOOD", kind: "units" as const, qty: new Dec(qty), value: ZERO, material: ZERO, conversion: ZERO, unitMaterial: new Dec(price), unitConversion: ZERO, row });
    const r = runBackflush({ ...period({ items, bom: [bomLine("CHAIR", "WOOD", 1)], inventory: [stock("WOOD", undefined, 10)], settings: { sequence: "completion-sale" } }), broughtForward: [line(6, "2", 1), line(4, "5", 2)] });
    assert.deepEqual(r.variances.filter((v) => v.amount.isZero() === false).map((v) => [v.kind, v.amount.toFixed(2)]), [["revaluation", "2.00"]]);
  });

  it("goods sold beyond what was made are carried below zero, so the next period's completions fill the gap before any are on hand", () => {
    // M at 1.00; P = 1 M, conversion 1.00. October makes 10 and sells 15; November makes 5: none on hand, nothing capitalized.
    const items = [material("M", "1.00"), assembly("P", "1.00")];
    const bom = [bomLine("P", "M", 1)];
    for (const sequence of ["purchase-sale", "sale"] as const) {
      const base = period({ items, bom, settings: { sequence, capitalizeConversion: true, periodStart: "2026-10-01", periodEnd: "2026-10-31" } });
      const october = runBackflush({ ...base, purchases: [buy("2026-10-01", "M", 100, "100.00")], completions: [move("2026-10-02", "P", 10)], sales: [move("2026-10-03", "P", 15)], conversion: [conv("2026-10-31", "10.00")] });
      assert.deepEqual(figures(line(october, "FG", "P")), ["units", "-5", "0.00", "0.00", "0.00", "0.00", true], sequence);
      assert.deepEqual(october.warnings.filter((w) => w.code === "negative-inventory").map((w) => w.item), ["P"], `${sequence}: the shortfall is warned`);
      const nov = period({ items, bom, settings: { sequence, capitalizeConversion: true, periodStart: "2026-11-01", periodEnd: "2026-11-30" } });
      const november = runBackflush({ ...nov, completions: [move("2026-11-02", "P", 5)], conversion: [conv("2026-11-30", "5.00")], broughtForward: broughtForwardOf(october.closing) });
      assert.equal(november.journal.filter((e) => e.kind === "conversion-capitalized").length, 0, `${sequence}: nothing on hand to capitalize`);
      assert.equal(line(november, "FG", "P"), undefined, `${sequence}: the gap filled, nothing carried`);
    }
  });

  it("without CapitalizeConversion nothing is reversed, and the goods still carry their units forward", () => {
    const base = chairMakerWithChairsCounted({ sequence: "purchase-sale" });
    const october = runBackflush(base);
    assert.deepEqual(figures(line(october, "FG", "CHAIR")), ["units", "100", "0.00", "0.00", "0.00", "0.00", true]);
    const dec = november(october, base, 40);
    assert.equal(dec.journal.filter((e) => e.kind === "conversion-capitalized-reversed").length, 0);
    // 100 brought forward − 40 sold = 60 on hand: 60 × 10.00 = 600.00 left out of inventory, stated by the suitability report.
    const check = dec.suitability.checks.find((c) => c.id === "conversion-in-inventory")!;
    assert.equal(check.value.toFixed(2), "600.00");
  });
});

describe("the closing's shares of a prorated variance", () => {
  it("go only to items with goods on hand: FG refilled from below zero to nothing keeps its rounding residue, no share", () => {
    // CHAIR (0.335 of WOOD, no conversion): 2 sold on the 2nd (−0.67), 1 made on the 3rd and 1 on the 4th (0.34 each):
    // quantity 0, 0.01 left by the rounding. STOOL (1 NAIL at 0.00 + 1.00 conversion): 1 made. Conversion 101.00 incurred
    // against 1.00 allocated: 100.00 prorated, over FG's conversion content (STOOL's 1.00) and COGS's (none): all 100.00 to
    // FG. STOOL closes at 1.00 + 100.00 = 101.00, CHAIR at its 0.01. Before, CHAIR's 0.01 of content weighed beside STOOL's
    // 1.00: it took 1.00 of the 100.00, a value with no goods to carry it.
    const items = [material("WOOD", "0.335"), material("NAIL", "0"), assembly("CHAIR", "0"), assembly("STOOL", "1")];
    const bom = [bomLine("CHAIR", "WOOD", 1), bomLine("STOOL", "NAIL", 1)];
    const r = runBackflush(period({ items, bom, sales: [move("2026-11-02", "CHAIR", 2)], completions: [move("2026-11-03", "CHAIR", 1), move("2026-11-04", "CHAIR", 1), move("2026-11-05", "STOOL", 1)], conversion: [conv("2026-11-30", "101.00")], settings: { disposition: "prorate" } }));
    const value = (item: string) => r.closing.find((l) => l.role === "FG" && l.item === item)!.value.toFixed(2);
    assert.equal(value("CHAIR"), "0.01");
    assert.equal(value("STOOL"), "101.00");
  });
});

describe("the closing shares FG's prorated variances by the cost element each was prorated by", () => {
  it("the conversion variance to the goods that hold conversion: 100.00 to the kits, none to the chairs", () => {
    // CHAIR: WOOD 10.00, no conversion; KIT: SCREW 0.01 + 10.00 conversion. 10 of each made, none sold; conversion 200.00
    // incurred against 10 × 10.00 = 100.00 allocated: 100.00 U, all to FG (COGS holds no conversion). FG's conversion is
    // the kits' 100.00, so the kits close at 100.10 + 100.00 = 200.10 and the chairs at 100.00. Sold in December, the chairs
    // cost 100.00. Before, FG's share went over the items by their whole content (100.00 against 100.10): 49.98 onto the
    // chairs, and December's COGS was 149.98.
    const items = [material("WOOD", "10"), material("SCREW", "0.01"), assembly("CHAIR", "0"), assembly("KIT", "10")];
    const bom = [bomLine("CHAIR", "WOOD", 1), bomLine("KIT", "SCREW", 1)];
    const november = runBackflush(period({ items, bom, completions: [move("2026-11-02", "CHAIR", 10), move("2026-11-02", "KIT", 10)], conversion: [conv("2026-11-30", "200.00")], settings: { disposition: "prorate" } }));
    const value = (item: string) => november.closing.find((l) => l.role === "FG" && l.item === item)!.value.toFixed(2);
    assert.deepEqual([value("CHAIR"), value("KIT")], ["100.00", "200.10"]);
    const december = runBackflush({ ...period({ items, bom, sales: [move("2026-12-05", "CHAIR", 10)], settings: { disposition: "prorate", periodStart: "2026-12-01", periodEnd: "2026-12-31" } }), broughtForward: broughtForwardOf(november.closing) });
    assert.equal(ending(december, "COGS"), "100.00");
  });
});

describe("the closing's shares by cost element, when FG's own balance nets to nothing", () => {
  it("still moves value between the items: a favorable price variance by material, an unfavorable conversion one by conversion", () => {
    // WOOD 10.00 (10 bought for 70.00: PPV 30.00 F), SCREW 1.00 (10 for 10.00); CHAIR = 1 WOOD, KIT = 1 SCREW + 10.00
    // conversion; 10 of each made, none sold; conversion 130.00 against 100.00: 30.00 U. Both all to FG: FG's own account nets
    // to 0.00, but the −30.00 goes by material (CHAIR 100 : KIT 10: −27.27 / −2.73) and the +30.00 by conversion (all KIT):
    // CHAIR 100.00 − 27.27 = 72.73, KIT 110.00 − 2.73 + 30.00 = 137.27. Before, both stayed at standard.
    const items = [material("WOOD", "10"), material("SCREW", "1"), assembly("CHAIR", "0"), assembly("KIT", "10")];
    const bom = [bomLine("CHAIR", "WOOD", 1), bomLine("KIT", "SCREW", 1)];
    const r = runBackflush(period({ items, bom, purchases: [buy("2026-11-01", "WOOD", 10, "70.00"), buy("2026-11-01", "SCREW", 10, "10.00")], completions: [move("2026-11-02", "CHAIR", 10), move("2026-11-02", "KIT", 10)], conversion: [conv("2026-11-30", "130.00")], settings: { disposition: "prorate" } }));
    const value = (item: string) => r.closing.find((l) => l.role === "FG" && l.item === item)!.value.toFixed(2);
    assert.deepEqual([value("CHAIR"), value("KIT")], ["72.73", "137.27"]);
  });
});
