/**
 * Goods and materials a previous period carried forward (its Closing, read
 * back as broughtForward): the next period's entries must treat them as
 * what they are, at the value they came with, and never sweep it into a
 * variance of the new period.
 */
import { strict as assert } from "node:assert";
import { Dec, broughtForwardOf, runBackflush } from "../../src/engine";
import type { BackflushResult, PeriodInput } from "../../src/engine";
import { assembly, buy, chairMaker, conv, line, material, move, period, stock } from "../support/build";
import { entryOf, net, netOfKind, unbalancedEntries } from "../support/ledger-views";

const balanceOf = (r: BackflushResult, role: string, item: string) => r.balances.find((b) => b.role === role && b.item === item);
const december = { periodStart: "2026-12-01", periodEnd: "2026-12-31" };

describe("engine: what a previous period carried forward", () => {
  describe("materials clearing carried into completion, sale", () => {
    // WOOD 3.00 a kg; BOX = 1 kg WOOD, conversion 1.00. November buys 15 kg for 45.00 and uses 5: 10 kg = 30.00 stay in clearing.
    const items = [material("WOOD", "3.00", "kg"), assembly("BOX", "1.00")];
    const bom = [line("BOX", "WOOD", 1)];
    const november = runBackflush(period({ items, bom, purchases: [buy("2026-11-02", "WOOD", 15, "45.00")], completions: [move("2026-11-10", "BOX", 5)], sales: [move("2026-11-11", "BOX", 5)], conversion: [conv("2026-11-12", "5.00")], settings: { sequence: "completion-sale" } }));
    const next = (input: Partial<PeriodInput>) => runBackflush({ ...period({ items, bom, ...input, settings: { sequence: "completion-sale", ...december } }), broughtForward: broughtForwardOf(november.closing) });

    it("books December's invoices at standard when as much was flushed as bought: no price variance, the carried 10 kg stay at 30.00", () => {
      assert.equal(balanceOf(november, "MATERIALS_CLEARING", "WOOD")?.endingValue.toFixed(2), "30.00");
      // Buy 5 kg for exactly 15.00 (standard) and use 5.
      const r = next({ purchases: [buy("2026-12-02", "WOOD", 5, "15.00")], completions: [move("2026-12-10", "BOX", 5)], sales: [move("2026-12-11", "BOX", 5)], conversion: [conv("2026-12-12", "5.00")] });
      const invoices = entryOf(r, "invoices");
      assert.equal(net(invoices, "MATERIALS_CLEARING", "WOOD"), "15.00"); // 5 kg × 3.00
      assert.equal(net(invoices, "AP", "WOOD"), "-15.00");
      assert.equal(net(invoices, "PPV", "WOOD"), "0.00");
      const clearing = balanceOf(r, "MATERIALS_CLEARING", "WOOD")!;
      assert.equal(clearing.endingQty.toFixed(), "10");
      assert.equal(clearing.endingValue.toFixed(2), "30.00"); // 30.00 + 15.00 − 15.00
      assert.deepEqual(unbalancedEntries(r), []);
    });

    it("takes clearing to nothing when December uses up what it bought and what November carried", () => {
      // Buy 5 kg for 16.00 and use 15: clearing holds 10 + 5 − 15 = 0 kg, so it must hold 0.00.
      const r = next({ purchases: [buy("2026-12-02", "WOOD", 5, "16.00")], completions: [move("2026-12-10", "BOX", 15)], sales: [move("2026-12-11", "BOX", 15)], conversion: [conv("2026-12-12", "15.00")] });
      const invoices = entryOf(r, "invoices");
      assert.equal(net(invoices, "MATERIALS_CLEARING", "WOOD"), "15.00"); // 45.00 flushed − 30.00 carried
      assert.equal(net(invoices, "PPV", "WOOD"), "1.00"); // 16.00 − 15.00
      const clearing = balanceOf(r, "MATERIALS_CLEARING", "WOOD")!;
      assert.equal(clearing.endingQty.toFixed(), "0");
      assert.equal(clearing.endingValue.toFixed(2), "0.00");
    });
  });
});

describe("engine: suitability of a period opened from a previous one", () => {
  it("measures the inventory's change from what clearing opened at, as from RIP: completion, sale and purchase, completion, sale judge alike", () => {
    // November leaves 10 kg WOOD (30.00) on hand: in RIP, or in clearing. December buys 6 kg at standard and uses 5: 11 kg = 33.00 at the end.
    const items = [material("WOOD", "3.00", "kg"), assembly("BOX", "1.00")];
    const bom = [line("BOX", "WOOD", 1)];
    const change = (sequence: "purchase-completion-sale" | "completion-sale") => {
      const november = runBackflush(period({ items, bom, purchases: [buy("2026-11-02", "WOOD", 15, "45.00")], completions: [move("2026-11-10", "BOX", 5)], sales: [move("2026-11-11", "BOX", 5)], conversion: [conv("2026-11-12", "5.00")], settings: { sequence } }));
      const r = runBackflush({ ...period({ items, bom, purchases: [buy("2026-12-02", "WOOD", 6, "18.00")], completions: [move("2026-12-10", "BOX", 5)], sales: [move("2026-12-11", "BOX", 5)], conversion: [conv("2026-12-12", "5.00")], settings: { sequence, ...december } }), broughtForward: broughtForwardOf(november.closing) });
      return r.suitability.checks.find((c) => c.id === "inventory-change")!;
    };
    // |33.00 − 30.00| ÷ COGS 20.00 (5 boxes × 4.00) = 15 %.
    for (const sequence of ["purchase-completion-sale", "completion-sale"] as const) assert.equal(change(sequence).value.toFixed(2), "0.15", sequence);
  });
});

describe("engine: a count of materials that opened at a value of their own", () => {
  for (const sequence of ["purchase-completion-sale", "completion-sale"] as const) {
    it(`${sequence}: the shortfall at standard to the usage variance, and only its share of the variance capitalized last period, to COGS; the rest stays with the goods`, () => {
      // November (prorate) closes 480 kg WOOD at 1,468.05: 1,440.00 at standard and 28.05 of price variance prorated in.
      const november = runBackflush(chairMaker({ sequence, disposition: "prorate" }));
      const role = sequence === "completion-sale" ? "MATERIALS_CLEARING" : "RIP";
      const closed = november.closing.find((c) => c.role === role && c.item === "WOOD")!;
      assert.equal(`${closed.qty.toFixed()} ${closed.value.toFixed(2)}`, "480 1468.05");
      // December moves nothing and counts 479 kg.
      const input = chairMaker({ sequence, disposition: "prorate" });
      const r = runBackflush({ ...period({ items: input.items, bom: input.bom, inventory: [stock("WOOD", undefined, 479)], settings: { sequence, disposition: "prorate", ...december } }), broughtForward: broughtForwardOf(november.closing) });
      // 1 kg × 3.00 at standard is the usage variance, book − counted at standard as the Variances sheet shows it; 28.05 × 1/480
      // = 0.058 → 0.06 of the capitalized variance leaves with the kilogram lost, to COGS (not the whole 28.05 swept out).
      assert.equal(netOfKind(r, "material-count", "USAGE_VARIANCE", "WOOD"), "3.00");
      assert.equal(netOfKind(r, "material-count", "COGS", "WOOD"), "0.06");
      const usage = r.variances.find((v) => v.kind === "usage" && v.item === "WOOD")!;
      assert.deepEqual([usage.standard, usage.actual, usage.amount].map((d) => d.toFixed(2)), ["1440.00", "1437.00", "3.00"]);
      const wood = balanceOf(r, role, "WOOD")!;
      assert.equal(`${wood.endingQty.toFixed()} ${wood.endingValue.toFixed(2)}`, "479 1464.99"); // 479 × 3.00 = 1,437.00, and 27.99 capitalized
      assert.deepEqual(unbalancedEntries(r), []);
    });
  }
});

describe("engine: a variance capitalized last period leaves with its goods, whichever way they go", () => {
  // WOOD 3.00 a kg; BOX = 1 kg WOOD, conversion 1.00. November (prorate) buys 15 kg for 15.00 (1.00 a kg) and uses 5:
  // it closes 10 kg at 10.00, that is 30.00 at standard and −20.00 of price variance capitalized.
  const items = [material("WOOD", "3.00", "kg"), assembly("BOX", "1.00")];
  const bom = [line("BOX", "WOOD", 1)];
  const SEQUENCES = ["purchase-completion-sale", "completion-sale", "purchase-sale", "sale"] as const;
  const novemberOf = (sequence: (typeof SEQUENCES)[number], amount = "15.00") =>
    runBackflush(period({ items, bom, purchases: [buy("2026-11-02", "WOOD", 15, amount)], completions: [move("2026-11-10", "BOX", 5)], sales: [move("2026-11-11", "BOX", 5)], conversion: [conv("2026-11-12", "5.00")], settings: { sequence, disposition: "prorate" } }));
  const woodOf = (r: BackflushResult) => r.balances.filter((b) => b.item === "WOOD" && (b.role === "RIP" || b.role === "MATERIALS_CLEARING")).map((b) => `${b.endingQty.toFixed()} ${b.endingValue.toFixed(2)}`);

  for (const sequence of SEQUENCES) {
    it(`${sequence}: materials backflushed take their share; the 1 kg left keeps 1.00 (not −17.00)`, () => {
      const november = novemberOf(sequence);
      // December uses 9 kg (9 boxes) and counts 1.
      const r = runBackflush({ ...period({ items, bom, completions: [move("2026-12-10", "BOX", 9)], sales: [move("2026-12-11", "BOX", 9)], conversion: [conv("2026-12-12", "9.00")], inventory: [stock("WOOD", undefined, 1)], settings: { sequence, disposition: "cogs", ...december } }), broughtForward: broughtForwardOf(november.closing) });
      // 9 kg × 3.00 = 27.00 at standard, and 9/10 of −20.00 = −18.00 with them; 1 kg stays at 3.00 − 2.00 = 1.00.
      assert.deepEqual(woodOf(r), ["1 1.00"]);
      assert.deepEqual(unbalancedEntries(r), []);
      // All ten gone leaves nothing behind, in clearing too.
      const all = runBackflush({ ...period({ items, bom, completions: [move("2026-12-10", "BOX", 10)], sales: [move("2026-12-11", "BOX", 10)], conversion: [conv("2026-12-12", "10.00")], settings: { sequence, disposition: "cogs", ...december } }), broughtForward: broughtForwardOf(november.closing) });
      assert.ok(woodOf(all).every((w) => w === "0 0.00"), `${sequence}: ${woodOf(all).join(", ")}`);
    });
  }

  it("completion, sale: materials carried at 3.10 and all used books no price variance on December's invoice at standard, as purchase, completion, sale", () => {
    const cogs = SEQUENCES.slice(0, 2).map((sequence) => {
      const r = runBackflush({ ...period({ items, bom, purchases: [buy("2026-12-02", "WOOD", 5, "15.00")], completions: [move("2026-12-10", "BOX", 15)], sales: [move("2026-12-11", "BOX", 15)], conversion: [conv("2026-12-12", "15.00")], settings: { sequence, disposition: "cogs", ...december } }), broughtForward: broughtForwardOf(novemberOf(sequence, "46.50").closing) });
      assert.equal(r.variances.find((v) => v.kind === "price" && v.item === "WOOD")?.amount.toFixed(2) ?? "0.00", "0.00", sequence);
      return r.balances.filter((b) => b.role === "COGS").reduce((a, b) => a.plus(b.endingValue), new Dec(0)).toFixed(2);
    });
    // 15 boxes × 4.00 = 60.00, and the 1.00 capitalized in November's 10 kg (10 × 0.10) going with them.
    assert.deepEqual(cogs, ["61.00", "61.00"]);
  });

  it("three periods: a count keeps the counted goods' share, and the next Closing carries it again as variance", () => {
    const chairs = chairMaker({ disposition: "prorate" });
    const november = runBackflush(chairs);
    const count = (previous: BackflushResult, qty: number, periodStart: string, periodEnd: string) => runBackflush({ ...period({ items: chairs.items, bom: chairs.bom, inventory: [stock("WOOD", undefined, qty)], settings: { disposition: "prorate", periodStart, periodEnd } }), broughtForward: broughtForwardOf(previous.closing) });
    const december = count(november, 479, "2026-12-01", "2026-12-31");
    const january = count(december, 478, "2027-01-01", "2027-01-31");
    const wood = (r: BackflushResult) => r.closing.find((c) => c.role === "RIP" && c.item === "WOOD")!;
    // 480 kg at 1,468.05 (28.05 capitalized) → 479 keep 27.99 → 478 keep 27.99 × 478/479 = 27.93; each count's kilogram takes 3.00
    // to the usage variance and 0.06 to COGS.
    const taken = (r: BackflushResult) => `${netOfKind(r, "material-count", "USAGE_VARIANCE", "WOOD")} ${netOfKind(r, "material-count", "COGS", "WOOD")}`;
    assert.deepEqual([december, january].map((r) => `${wood(r).value.toFixed(2)} ${wood(r).variance.toFixed(2)} ${taken(r)}`), ["1464.99 27.99 3.00 0.06", "1461.93 27.93 3.00 0.06"]);
  });
});

describe("engine: materials that opened beyond standard, emptied by a flush or weighed for proration", () => {
  // WOOD 3.00 a kg; CHAIR = 1 kg WOOD, no conversion. 10 kg open at 40.00: 30.00 at standard and 10.00 beyond.
  const items = [material("WOOD", "3.00", "kg"), assembly("CHAIR", "0")];
  const bom = [line("CHAIR", "WOOD", 1)];
  const opened = { role: "RIP" as const, item: "WOOD", kind: "goods" as const, qty: new Dec(10), value: new Dec("40.00"), material: new Dec("30.00"), conversion: new Dec(0), unitMaterial: new Dec(3), unitConversion: new Dec(0), row: 8 };

  const cogsOf = (r: BackflushResult) => r.balances.filter((b) => b.role === "COGS").reduce((a, b) => a.plus(b.endingValue), new Dec(0)).toFixed(2);

  for (const sequence of ["purchase-completion-sale", "completion-sale"] as const) {
    it(`${sequence}: a flush at completion takes the 10.00 beyond into the chairs made, held in FG beyond their standard, not to COGS while they are on hand`, () => {
      const role = sequence === "completion-sale" ? "MATERIALS_CLEARING" : "RIP";
      const r = runBackflush({ ...period({ items, bom, completions: [move("2026-11-10", "CHAIR", 10)], settings: { sequence, disposition: "cogs" } }), broughtForward: [{ ...opened, role }] });
      const chair = r.closing.find((c) => c.role === "FG" && c.item === "CHAIR")!;
      // Their standard content stays 30.00 (proration weighs it); the 10.00 is the variance in them, carried to the next period.
      assert.deepEqual([chair.value, chair.material, chair.variance].map((d) => d.toFixed(2)), ["40.00", "30.00", "10.00"]);
      assert.deepEqual(woodIn(r), ["0 0.00"]);
      assert.equal(cogsOf(r), "0.00");
      assert.deepEqual(unbalancedEntries(r), []);
      // Sold, the chairs take their share with them: 4 of 10 take 4.00 beside 12.00 at standard; a count that finds one short takes 1.00 to COGS.
      const sold = runBackflush({ ...period({ items, bom, completions: [move("2026-11-10", "CHAIR", 10)], sales: [move("2026-11-20", "CHAIR", 4)], inventory: [stock("CHAIR", undefined, 5)], settings: { sequence, disposition: "cogs" } }), broughtForward: [{ ...opened, role }] });
      assert.equal(cogsOf(sold), "20.00"); // 12.00 + 4.00 sold, 3.00 shrinkage written off, 1.00 with the chair lost
      assert.equal(netOfKind(sold, "finished-goods-count", "FG_SHRINKAGE", "CHAIR"), "3.00");
      const left = sold.closing.find((c) => c.role === "FG" && c.item === "CHAIR")!;
      assert.deepEqual([left.qty.toFixed(), left.value.toFixed(2), left.variance.toFixed(2)], ["5", "20.00", "5.00"]);
      assert.deepEqual(unbalancedEntries(sold), []);
    });
  }

  for (const sequence of ["purchase-completion-sale", "purchase-sale"] as const) {
    it(`${sequence}: a count of none of them takes the 10.00 beyond to COGS once, the usage variance at standard, and leaves RIP at nothing`, () => {
      const r = runBackflush({ ...period({ items, bom, inventory: [stock("WOOD", undefined, 0)], settings: { sequence, disposition: "cogs" } }), broughtForward: [opened] });
      assert.deepEqual(woodIn(r), ["0 0.00"]);
      // Usage 30.00 (10 kg at 3.00) written off, and the 10.00 beyond: COGS 40.00, all RIP held.
      assert.equal(r.variances.find((v) => v.kind === "usage" && v.item === "WOOD")?.amount.toFixed(2), "30.00");
      assert.equal(cogsOf(r), "40.00");
      assert.deepEqual(unbalancedEntries(r), []);
    });
  }

  it("a count of none of the chairs made of them takes what they hold beyond standard to COGS, the shrinkage at standard", () => {
    const r = runBackflush({ ...period({ items, bom, completions: [move("2026-11-10", "CHAIR", 10)], inventory: [stock("CHAIR", undefined, 0)], settings: { disposition: "cogs" } }), broughtForward: [opened] });
    assert.equal(netOfKind(r, "finished-goods-count", "FG_SHRINKAGE", "CHAIR"), "30.00");
    assert.equal(netOfKind(r, "finished-goods-count", "COGS", "CHAIR"), "10.00");
    assert.equal(r.balances.find((b) => b.role === "FG" && b.item === "CHAIR")?.endingValue.toFixed(2), "0.00");
    assert.deepEqual(unbalancedEntries(r), []);
  });

  it("chairs made to refill FG from below zero take their part of the 10.00 to COGS with the chairs sold before: none stays in FG without goods", () => {
    // 4 chairs sold on the 5th (FG −4), 10 made on the 10th: 4 of them replace the chairs sold, 6 stay.
    const r = runBackflush({ ...period({ items, bom, sales: [move("2026-11-05", "CHAIR", 4)], completions: [move("2026-11-10", "CHAIR", 10)], settings: { disposition: "cogs" } }), broughtForward: [opened] });
    const chair = r.closing.find((c) => c.role === "FG" && c.item === "CHAIR")!;
    assert.deepEqual([chair.qty.toFixed(), chair.value.toFixed(2), chair.variance.toFixed(2)], ["6", "24.00", "6.00"]);
    assert.equal(cogsOf(r), "16.00"); // 4 × 3.00 at standard and their 4.00
    // Exactly refilled to nothing: all of it to COGS, FG empty.
    const even = runBackflush({ ...period({ items, bom, sales: [move("2026-11-05", "CHAIR", 10)], completions: [move("2026-11-10", "CHAIR", 10)], settings: { disposition: "cogs" } }), broughtForward: [opened] });
    assert.equal(even.balances.find((b) => b.role === "FG" && b.item === "CHAIR")?.endingValue.toFixed(2) ?? "0.00", "0.00");
    assert.equal(cogsOf(even), "40.00");
    assert.deepEqual(unbalancedEntries(r), []);
  });

  it("purchase, sale: a flush at sale takes the 10.00 beyond to cost of goods sold with the goods", () => {
    const r = runBackflush({ ...period({ items, bom, completions: [move("2026-11-10", "CHAIR", 10)], sales: [move("2026-11-11", "CHAIR", 10)], settings: { sequence: "purchase-sale", disposition: "cogs" } }), broughtForward: [opened] });
    assert.deepEqual(woodIn(r), ["0 0.00"]);
    assert.equal(cogsOf(r), "40.00");
  });

  it("proration weighs what RIP holds at standard, not what it carries beyond it", () => {
    // 100 kg open at 400.00 (100.00 beyond standard); 10 kg bought at 4.00 (a price variance of 10.00); 30 chairs made and sold.
    // 80 kg left: 240.00 at standard (and 72.73 of the 100.00 beyond still held); COGS 90.00. By standard material, RIP takes
    // 10.00 × 240/330 = 7.27 and COGS 2.73; weighed with what RIP carries beyond standard (312.73 : 90) it would take 7.76.
    const r = runBackflush({
      ...period({ items, bom, purchases: [buy("2026-11-02", "WOOD", 10, "40.00")], completions: [move("2026-11-10", "CHAIR", 30)], sales: [move("2026-11-11", "CHAIR", 30)], settings: { disposition: "prorate" } }),
      broughtForward: [{ ...opened, qty: new Dec(100), value: new Dec("400.00"), material: new Dec("300.00") }],
    });
    const disposition = r.journal.find((e) => e.kind === "variance-disposition")!;
    assert.equal(net(disposition, "RIP"), "7.27");
    assert.equal(net(disposition, "COGS"), "2.73");
  });
});

function woodIn(r: BackflushResult): string[] {
  return r.balances.filter((b) => b.item === "WOOD" && (b.role === "RIP" || b.role === "MATERIALS_CLEARING")).map((b) => `${b.endingQty.toFixed()} ${b.endingValue.toFixed(2)}`);
}

describe("engine: finished goods that opened beyond standard, weighed for proration", () => {
  // WOOD 3.00 a kg; CHAIR = 2 kg WOOD, conversion 5.00: standard 11.00 (material 6.00). Ten chairs open at 610.00: 110.00
  // at standard (60.00 material, 50.00 conversion) and 500.00 of a conversion variance prorated into them last period.
  const items = [material("WOOD", "3.00", "kg"), assembly("CHAIR", "5.00")];
  const bom = [line("CHAIR", "WOOD", 2)];
  const opened = { role: "FG" as const, item: "CHAIR", kind: "goods" as const, qty: new Dec(10), value: new Dec("610.00"), material: new Dec("60.00"), conversion: new Dec("50.00"), unitMaterial: new Dec(6), unitConversion: new Dec(5), row: 8 };
  const content = (r: BackflushResult, role: string) => r.closing.filter((c) => c.role === role && c.item === "CHAIR").map((c) => `${c.qty.toFixed()} ${c.value.toFixed(2)} m ${c.material.toFixed(2)} c ${c.conversion.toFixed(2)} v ${c.variance.toFixed(2)}`);

  it("a sale's share of what they carry goes to COGS outside its standard content: the next variance is prorated by standard conversion alone", () => {
    // Ten made (the WOOD opened beside them, at standard) and ten sold: 250.00 of the 500.00 leaves with them. Conversion
    // 100.00 incurred against 50.00 allocated: 50.00 U, prorated by standard conversion, FG 50.00 against COGS 50.00.
    const r = runBackflush({
      ...period({ items, bom, completions: [move("2026-11-05", "CHAIR", 10)], sales: [move("2026-11-20", "CHAIR", 10)], conversion: [conv("2026-11-30", "100.00")], settings: { disposition: "prorate" } }),
      broughtForward: [opened, { role: "RIP", item: "WOOD", kind: "goods", qty: new Dec(20), value: new Dec("60.00"), material: new Dec("60.00"), conversion: new Dec(0), unitMaterial: new Dec(3), unitConversion: new Dec(0), row: 9 }],
    });
    const close = entryOf(r, "conversion-close");
    assert.equal(net(close, "FG"), "25.00");
    assert.equal(net(close, "COGS"), "25.00");
    // Ten chairs at standard (110.00), the 250.00 still carried and the 25.00 prorated in: 385.00, 275.00 beyond standard.
    assert.deepEqual(content(r, "FG"), ["10 385.00 m 60.00 c 50.00 v 275.00"]);
    assert.deepEqual(unbalancedEntries(r), []);
  });

  it("a revaluation at a standard change takes them to quantity × the new standard, content and all: what they carried goes to the revaluation variance, none of it into conversion content", () => {
    // WOOD's standard rises to 3.50 on 1 November: CHAIR's standard is 12.00 (7.00 material, 5.00 conversion). Nothing else moves.
    const dearer = [material("WOOD", "3.50", "kg"), assembly("CHAIR", "5.00")];
    const r = runBackflush({ ...period({ items: dearer, bom, settings: { disposition: "cogs" } }), broughtForward: [opened] });
    // 10 × 12.00 = 120.00: 70.00 material and 50.00 conversion (not 50.00 − 500.00 + 10.00 − 10.00 = −450.00 of conversion).
    assert.deepEqual(content(r, "FG"), ["10 120.00 m 70.00 c 50.00 v 0.00"]);
    // Prorated, the revaluation variance comes back into the goods (they are all it can go to), beyond their content.
    const prorated = runBackflush({ ...period({ items: dearer, bom, settings: { disposition: "prorate" } }), broughtForward: [opened] });
    assert.deepEqual(content(prorated, "FG"), ["10 610.00 m 70.00 c 50.00 v 490.00"]);
    const revaluation = entryOf(r, "revaluation");
    assert.equal(net(revaluation, "FG", "CHAIR"), "-490.00");
    assert.equal(net(revaluation, "REVALUATION_VARIANCE", "CHAIR"), "490.00");
    assert.deepEqual(unbalancedEntries(r), []);
  });
});

describe("engine: goods carried beyond standard whose value is the new standard's", () => {
  it("are still revalued: their content moves to the new standard and what was beyond it is released (a sale took 7.50 beyond 25.00 before)", () => {
    // P = 3 M + 0.50 conversion (3.50); ten open at 50.00: 30.00 material, 5.00 conversion, 15.00 beyond. The new standard,
    // conversion 2.00, puts them at 5.00 each: 50.00, the very value they hold.
    const items = [material("M", "1.00"), assembly("P", "2.00")];
    const bom = [line("P", "M", 3)];
    const opened = { role: "FG" as const, item: "P", kind: "goods" as const, qty: new Dec(10), value: new Dec("50.00"), material: new Dec("30.00"), conversion: new Dec("5.00"), unitMaterial: new Dec(3), unitConversion: new Dec("0.5"), row: 8 };
    const r = runBackflush({ ...period({ items, bom, sales: [move("2026-11-20", "P", 5)], settings: { disposition: "cogs" } }), broughtForward: [opened] });
    const revaluation = entryOf(r, "revaluation");
    assert.equal(net(revaluation, "FG", "P"), "0.00");
    assert.ok(r.warnings.some((w) => w.code === "standard-changed" && w.item === "P"));
    assert.equal(net(entryOf(r, "sale"), "COGS", "P"), "25.00"); // 5 × 5.00, nothing beyond
    const p = r.closing.find((c) => c.role === "FG" && c.item === "P")!;
    assert.deepEqual([p.value, p.material, p.conversion, p.variance].map((d) => d.toFixed(2)), ["25.00", "15.00", "10.00", "0.00"]);
  });
});
