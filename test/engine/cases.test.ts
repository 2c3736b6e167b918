/**
 * Small hand-computed cases, one rule each: scrap, phantoms, BOM versions,
 * opening inventories, proration, over-allocation, negative inventory,
 * rounding and a currency without minor units. Every expected figure is a
 * literal with its derivation beside it.
 */
import { strict as assert } from "node:assert";
import { BackflushDataError, Dec, apportion, minorUnitsOf, checkStructure, explode, runBackflush, standardCosts, effectiveQty, TRIGGER_SEQUENCES } from "../../src/engine";
import type { Settings, TriggerSequence } from "../../src/engine";
import { assembly, buy, chairMaker, chairMakerWithChairsCounted, conv, line, material, move, period, phantom, stock } from "../support/build";
import { ending, endingOf, entriesOf, entryOf, net, opening, unbalancedEntries } from "../support/ledger-views";


const fixed = (d: Dec) => d.toFixed(2);

describe("engine cases: scrap", () => {
  // BRACKET = 2 kg STEEL with 5 % scrap → 2 × 1.05 = 2.1 kg; material 2.1 × 2.00 = 4.20, conversion 1.50.
  // FRAME = 2 BRACKET with 10 % scrap → 2.2 brackets; material 2.2 × 4.20 = 9.24;
  // conversion 2.2 × 1.50 + 0.70 = 4.00; STEEL 2.2 × 2.1 = 4.62 kg.
  const items = [material("STEEL", "2.00", "kg"), assembly("BRACKET", "1.50"), assembly("FRAME", "0.70")];
  const bom = [line("BRACKET", "STEEL", 2, "0.05"), line("FRAME", "BRACKET", 2, "0.10")];

  it("effective quantity is qtyPer × (1 + scrap)", () => {
    assert.equal(effectiveQty(bom[0]).toFixed(), "2.1");
    assert.equal(effectiveQty(bom[1]).toFixed(), "2.2");
  });

  it("rolls scrap into the standard at every level, material and conversion alike", () => {
    const std = new Map(standardCosts(checkStructure(items, bom), items).map((s) => [s.item, s]));
    assert.equal(std.get("BRACKET")!.material.toFixed(), "4.2");
    assert.equal(std.get("BRACKET")!.conversion.toFixed(), "1.5");
    assert.equal(std.get("FRAME")!.material.toFixed(), "9.24");
    assert.equal(std.get("FRAME")!.conversion.toFixed(), "4");
    assert.equal(std.get("FRAME")!.total.toFixed(), "13.24");
  });

  it("explodes with scrap compounded: 10 FRAME → 46.2 kg STEEL", () => {
    const x = explode(checkStructure(items, bom), "FRAME", new Dec(10));
    assert.deepEqual(x.map((m) => [m.material, m.qty.toFixed()]), [["STEEL", "46.2"]]); // 10 × 4.62
  });

  it("backflushes the scrap: 100 BRACKET take 210 kg STEEL out of RIP", () => {
    const r = runBackflush(period({ items, bom, purchases: [buy("2026-11-02", "STEEL", 250, "500.00")], completions: [move("2026-11-10", "BRACKET", 100)] }));
    const e = entryOf(r, "completion");
    assert.equal(net(e, "FG"), "570.00"); // 100 × (4.20 + 1.50)
    assert.equal(net(e, "RIP", "STEEL"), "-420.00"); // 210 kg × 2.00
    assert.equal(net(e, "CONV_ALLOCATED"), "-150.00"); // 100 × 1.50
    assert.equal(e.lines.find((l) => l.role === "RIP")!.qty!.toFixed(), "210");
    assert.equal(r.balances.find((b) => b.role === "RIP" && b.item === "STEEL")!.endingQty.toFixed(), "40"); // 250 − 210
  });
});

describe("engine cases: phantoms", () => {
  // KIT (phantom) = 2 BOLT at 0.10 + 1 NUT at 0.05 → material 0.25. TABLE = 4 LEG at 1.50 + 1 KIT → material 6.25.
  const base = (kitConversion: string) => ({
    items: [material("LEG", "1.50"), material("BOLT", "0.10"), material("NUT", "0.05"), phantom("KIT", kitConversion), assembly("TABLE", "5.00")],
    bom: [line("KIT", "BOLT", 2), line("KIT", "NUT", 1), line("TABLE", "LEG", 4), line("TABLE", "KIT", 1)],
    purchases: [buy("2026-11-02", "LEG", 40, "60.00"), buy("2026-11-02", "BOLT", 20, "2.00"), buy("2026-11-02", "NUT", 10, "0.50")],
    completions: [move("2026-11-10", "TABLE", 10)],
  });

  it("without own conversion: 10 TABLE → Dr FG 112.50; Cr RIP LEG 60, BOLT 2, NUT 0.50, CONV_ALLOCATED 50; no KIT line", () => {
    const r = runBackflush(period(base("0")));
    const e = entryOf(r, "completion");
    assert.equal(net(e, "FG"), "112.50"); // 10 × (6.25 + 5.00)
    assert.equal(net(e, "RIP", "LEG"), "-60.00"); // 40 × 1.50
    assert.equal(net(e, "RIP", "BOLT"), "-2.00"); // 20 × 0.10
    assert.equal(net(e, "RIP", "NUT"), "-0.50"); // 10 × 0.05
    assert.equal(net(e, "CONV_ALLOCATED"), "-50.00"); // 10 × 5.00
    assert.ok(e.lines.every((l) => l.item !== "KIT"), "a phantom is never stocked or flushed itself");
    assert.ok(r.balances.every((b) => b.item !== "KIT"));
  });

  it("with own conversion 0.40: it is added to the parent's conversion (5.40) and allocated", () => {
    const r = runBackflush(period(base("0.40")));
    const std = r.standards.find((s) => s.item === "TABLE")!;
    assert.equal(std.material.toFixed(2), "6.25");
    assert.equal(std.conversion.toFixed(2), "5.40"); // 5.00 + 1 × 0.40
    const e = entryOf(r, "completion");
    assert.equal(net(e, "FG"), "116.50"); // 10 × 11.65
    assert.equal(net(e, "RIP"), "-62.50"); // unchanged material
    assert.equal(net(e, "CONV_ALLOCATED"), "-54.00"); // 10 × 5.40
  });

  it("a sub-assembly is flushed through too: completing CHAIR takes SEAT's materials, never SEAT", () => {
    const e = entryOf(runBackflush(chairMaker()), "completion");
    assert.ok(e.lines.every((l) => l.item !== "SEAT"));
    assert.equal(net(e, "RIP", "FABRIC"), "-2000.00"); // FABRIC only comes through SEAT: 1,000 × 0.5 × 4
  });
});

describe("engine cases: validity dates (BOM versions)", () => {
  // WIDGET, conversion 2.00: to 2026-11-15 = 2 PART_A (1.00) → material 2.00;
  // from 2026-11-16 = 1 PART_A + 1 PART_B (3.00) → material 4.00.
  const items = [material("PART_A", "1.00"), material("PART_B", "3.00"), assembly("WIDGET", "2.00")];
  const bom = [
    line("WIDGET", "PART_A", 2, 0, undefined, "2026-11-15"),
    line("WIDGET", "PART_A", 1, 0, "2026-11-16"),
    line("WIDGET", "PART_B", 1, 0, "2026-11-16"),
  ];
  const purchases = [buy("2026-11-01", "PART_A", 100, "100.00"), buy("2026-11-01", "PART_B", 100, "300.00")];

  it("completions before and after the change use their own standard", () => {
    const r = runBackflush(period({ items, bom, purchases, completions: [move("2026-11-10", "WIDGET", 10), move("2026-11-20", "WIDGET", 10)] }));
    const [before, after] = entriesOf(r, "completion");
    assert.equal(net(before, "FG"), "40.00"); // 10 × (2.00 + 2.00)
    assert.equal(net(before, "RIP", "PART_A"), "-20.00"); // 20 × 1.00
    assert.equal(net(before, "RIP", "PART_B"), "0.00");
    assert.equal(net(after, "FG"), "60.00"); // 10 × (4.00 + 2.00)
    assert.equal(net(after, "RIP", "PART_A"), "-10.00"); // 10 × 1.00
    assert.equal(net(after, "RIP", "PART_B"), "-30.00"); // 10 × 3.00
    assert.equal(net(after, "CONV_ALLOCATED"), "-20.00");
  });

  it("names the BOM version in the memo of what it flushed", () => {
    const r = runBackflush(period({ items, bom, purchases, completions: [move("2026-11-10", "WIDGET", 10), move("2026-11-20", "WIDGET", 10)] }));
    const [before, after] = entriesOf(r, "completion");
    const fg = (e: typeof before) => e.lines.find((l) => l.role === "FG")!.memo;
    assert.match(fg(after), /at standard 6 \(material 4, conversion 2; BOM in force from 2026-11-16\)/);
    assert.match(fg(before), /at standard 4 \(material 2, conversion 2\)/);
    assert.doesNotMatch(fg(before), /2026-11-16/);
  });

  it("the Consumption sheet adds up a product's BOM versions material by material", () => {
    // 7 WIDGET on the old BOM (2 PART_A each) and 3 on the new (1 PART_A + 1 PART_B each):
    // PART_A 7 × 2 + 3 × 1 = 17 for all 10 widgets; PART_B 3 × 1 = 3 for the 3 made on the new BOM.
    const r = runBackflush(period({ items, bom, purchases, completions: [move("2026-11-10", "WIDGET", 7), move("2026-11-20", "WIDGET", 3)] }));
    assert.deepEqual(
      r.consumption.map((c) => [c.product, c.productQty.toFixed(), c.material, c.materialQty.toFixed(), c.stdPrice.toFixed(2), c.value.toFixed(2)]),
      [
        ["WIDGET", "10", "PART_A", "17", "1.00", "17.00"],
        ["WIDGET", "3", "PART_B", "3", "3.00", "9.00"],
      ],
    );
  });

  it("both ends are inclusive: 2026-11-15 is the old BOM, 2026-11-16 the new", () => {
    const r = runBackflush(period({ items, bom, purchases, completions: [move("2026-11-15", "WIDGET", 1), move("2026-11-16", "WIDGET", 1)] }));
    const [last, first] = entriesOf(r, "completion");
    assert.equal(net(last, "FG"), "4.00");
    assert.equal(net(first, "FG"), "6.00");
  });

  it("reports period-end standards with the BOM in force on the last day", () => {
    const r = runBackflush(period({ items, bom, purchases, completions: [move("2026-11-10", "WIDGET", 1)] }));
    assert.equal(r.standards.find((s) => s.item === "WIDGET")!.material.toFixed(2), "4.00");
    const model = checkStructure(items, bom);
    assert.equal(standardCosts(model, items, "2026-11-15").find((s) => s.item === "WIDGET")!.material.toFixed(2), "2.00");
    assert.deepEqual(explode(model, "WIDGET", new Dec(5), "2026-11-15").map((m) => [m.material, m.qty.toFixed()]), [["PART_A", "10"]]);
  });

  it("a line valid to 9999-12-31 (Excel's last day, a common 'no end') is simply always in force", () => {
    const forever = [line("WIDGET", "PART_A", 2, 0, undefined, "9999-12-31")];
    const r = runBackflush(period({ items, bom: forever, purchases, completions: [move("2026-11-10", "WIDGET", 10)] }));
    const fg = entryOf(r, "completion").lines.find((l) => l.role === "FG")!;
    assert.equal(fixed(fg.debit), "40.00"); // 10 × (2 × 1.00 + 2.00)
    assert.doesNotMatch(fg.memo, /BOM in force/, "no version starts on a day after 9999-12-31");
  });

  it("goods completed on the old standard are revalued when the new one comes into force, the difference to the revaluation variance", () => {
    // 10 × 4.00 = 40.00 made on 2026-11-10; on 2026-11-16 the 10 on hand are revalued to 10 × 6.00: Dr FG 20.00,
    // Cr revaluation variance 20.00. 10 × 6.00 = 60.00 made on 2026-11-20: FG 120.00. All 20 sold at 6.00: COGS 120.00.
    // The variance, written off, takes COGS for these goods to 120.00 − 20.00 = 100.00, what they were made at.
    const r = runBackflush(period({ items, bom, purchases, completions: [move("2026-11-10", "WIDGET", 10), move("2026-11-20", "WIDGET", 10)], sales: [move("2026-11-25", "WIDGET", 20)] }));
    assert.equal(net(entryOf(r, "revaluation"), "FG"), "20.00");
    assert.equal(net(entryOf(r, "sale"), "COGS"), "120.00");
    assert.equal(ending(r, "FG"), "0.00");
    const writeOff = r.journal.find((e) => e.description === "Revaluation variance written off to COGS")!;
    assert.equal(net(writeOff, "COGS"), "-20.00");
  });
});

describe("engine cases: opening inventories", () => {
  // Chair maker standards; opening WOOD 100 kg (300.00) and 50 CHAIR (50 × 23.30 = 1,165.00:
  // material 665.00, conversion 500.00). In the period: 50 chairs sold, conversion 500 incurred,
  // WOOD counted 100 at the end. Nothing bought, nothing completed.
  const run = (sequence: TriggerSequence, disposition: Settings["disposition"] = "cogs", language: "en" | "sv" | "ms" = "en") => {
    const base = chairMaker();
    return runBackflush({
      ...base,
      language,
      purchases: [],
      completions: [],
      sales: [move("2026-11-25", "CHAIR", 50)],
      conversion: [conv("2026-11-30", "500.00")],
      inventory: [stock("WOOD", 100, 100), stock("CHAIR", 50)],
      settings: { ...base.settings, sequence, disposition },
    });
  };

  it("are balances brought forward, not journal entries", () => {
    for (const seq of TRIGGER_SEQUENCES) {
      const r = run(seq);
      assert.ok(r.journal.every((e) => e.kind !== "purchase" && e.kind !== "completion"), seq);
      assert.equal(r.journal[0].kind, "sale", seq);
    }
  });

  it("purchase, completion, sale: RIP WOOD 300 and FG 1,165; the sale empties FG", () => {
    const r = run("purchase-completion-sale");
    assert.equal(opening(r, "RIP"), "300.00"); // 100 × 3
    assert.equal(opening(r, "FG"), "1165.00"); // 50 × 23.30
    assert.equal(net(entryOf(r, "sale"), "COGS"), "1165.00");
    assert.equal(ending(r, "FG"), "0.00");
    assert.equal(ending(r, "RIP"), "300.00");
    assert.equal(ending(r, "COGS"), "1665.00"); // 1,165 + 500 under-allocated (nothing was allocated this period)
    assert.equal(r.variances.filter((v) => v.kind === "usage").length, 0);
  });

  it("purchase, sale: opening chairs are exploded into RIP materials (965) and the sale consumes them", () => {
    const r = run("purchase-sale");
    // WOOD 100 + 50 × 3.5 = 275 kg → 300 + 525; SCREW 50 × 16 = 800 → 40; FABRIC 50 × 0.5 = 25 m → 100.
    assert.equal(opening(r, "RIP"), "965.00");
    assert.equal(opening(r, "FG"), "0.00");
    const wood = r.balances.find((b) => b.role === "RIP" && b.item === "WOOD")!;
    assert.equal(wood.openingQty.toFixed(), "275");
    assert.equal(fixed(wood.openingValue), "825.00");
    const e = entryOf(r, "sale");
    assert.equal(net(e, "COGS"), "1165.00"); // 50 × 23.30
    assert.equal(net(e, "RIP"), "-665.00"); // 525 + 40 + 100
    assert.equal(net(e, "CONV_ALLOCATED"), "-500.00"); // 50 × 10
    assert.equal(ending(r, "RIP"), "300.00"); // the loose 100 kg WOOD
    assert.equal(ending(r, "COGS"), "1165.00"); // conversion allocated 500 = incurred 500
    assert.equal(r.warnings.filter((w) => w.code === "negative-inventory").length, 0);
    assert.equal(r.variances.filter((v) => v.kind === "usage").length, 0, "book WOOD 275 − 175 = 100 = counted");
  });

  it("completion, sale: FG 1,165 is booked; opening materials are not, with a warning naming the row", () => {
    const r = run("completion-sale");
    assert.equal(opening(r, "FG"), "1165.00");
    assert.equal(opening(r, "RIP"), "0.00");
    const w = r.warnings.filter((x) => x.code === "opening-not-booked");
    assert.deepEqual(w.map((x) => x.item), ["WOOD"]);
    assert.equal(w[0].sources![0].table, "Inventory");
    // The trigger points in words, as Settings Triggers takes them, in the run's language (not the code "completion-sale").
    assert.equal(w[0].message, 'Opening 100 of material "WOOD" is not booked: with triggers "completion, sale" materials are not on the books');
    assert.match(run("completion-sale", "cogs", "sv").warnings.find((x) => x.code === "opening-not-booked")!.message, /med triggerpunkterna "färdigställande, försäljning"/);
    assert.match(run("completion-sale", "cogs", "ms").warnings.find((x) => x.code === "opening-not-booked")!.message, /dengan titik pencetus "penyiapan, jualan"/);
    assert.equal(ending(r, "COGS"), "1665.00"); // 1,165 + 500 under-allocated
    assert.equal(r.variances.filter((v) => v.kind === "usage").length, 0, "book WOOD = opening 100 = counted");
  });

  it("sale: nothing is booked, both openings are warned; opening chairs still count in the materials' book", () => {
    const r = run("sale");
    assert.deepEqual(r.warnings.filter((x) => x.code === "opening-not-booked").map((x) => x.item).sort(), ["CHAIR", "WOOD"]);
    assert.equal(r.balances.filter((b) => !b.openingValue.isZero()).length, 0);
    const e = entryOf(r, "sale");
    assert.equal(net(e, "COGS"), "1165.00");
    assert.equal(net(e, "MATERIALS_CLEARING"), "-665.00"); // the chairs' standard material, flushed at sale
    assert.equal(ending(r, "AP"), "0.00"); // nothing invoiced
    // WOOD book = 100 loose + 175 in opening chairs − 175 flushed = 100 = counted: no usage variance.
    assert.equal(r.variances.filter((v) => v.kind === "usage").length, 0);
  });

  it("opening RIP counts as material content when variances are prorated", () => {
    // Worked example (pcs) plus 1,000 kg WOOD on hand at the start (3,000) and counted 1,480.
    // Material bought sits in RIP 2,040 + 3,000 = 5,040, FG 100 × 13.30 = 1,330, COGS 900 × 13.30 = 11,970 and the
    // usage variance 60: 18,400. PPV 300: RIP 300 × 5,040 / 18,400 = 82.1739…, FG 21.6847…, COGS 195.1630…, usage 0.9782…;
    // floors 82.17 + 21.68 + 195.16 + 0.97 = 299.98, the cents to the largest remainders (usage .0082, FG .0047).
    const base = chairMaker({ disposition: "prorate" });
    const r = runBackflush({ ...base, inventory: [stock("WOOD", 1000, 1480), stock("SCREW", undefined, 4000), stock("FABRIC", undefined, 100)] });
    const [price, usage] = entriesOf(r, "variance-disposition");
    assert.equal(net(price, "RIP"), "82.17");
    assert.equal(net(price, "FG"), "21.69");
    assert.equal(net(price, "COGS"), "195.16");
    assert.equal(net(price, "USAGE_VARIANCE"), "0.98");
    // Usage 60 + 0.98 = 60.98 over FG 1,330 / COGS 11,970: 6.098, 54.882 → 6.09 + 54.88 = 60.97, the cent to FG (.008).
    assert.equal(net(usage, "FG"), "6.10");
    assert.equal(net(usage, "COGS"), "54.88");
    assert.equal(net(usage, "RIP"), "0.00");
  });
});

describe("engine cases: proration", () => {
  it("apportion splits exactly, the left-over minor units going to the largest remainders (ties: first)", () => {
    const s = (xs: Dec[]) => xs.map((x) => x.toFixed(2));
    assert.deepEqual(s(apportion(new Dec("1.00"), [1, 1, 1].map((w) => new Dec(w)), 2)), ["0.34", "0.33", "0.33"]);
    assert.deepEqual(s(apportion(new Dec("-1.00"), [1, 1, 1].map((w) => new Dec(w)), 2)), ["-0.34", "-0.33", "-0.33"]);
    // 10 over 1:2:4 → 1.4285…, 2.8571…, 5.7142… → floors 1.42 + 2.85 + 5.71 = 9.98; remainders .0086, .0071, .0043 → first, second.
    assert.deepEqual(s(apportion(new Dec(10), [1, 2, 4].map((w) => new Dec(w)), 2)), ["1.43", "2.86", "5.71"]);
    assert.deepEqual(s(apportion(new Dec(5), [0, 0].map((w) => new Dec(w)), 2)), ["0.00", "0.00"]);
    assert.deepEqual(apportion(new Dec(100), [1, 1, 1].map((w) => new Dec(w)), 0).map((x) => x.toFixed()), ["34", "33", "33"]);
  });

  // By cost element (Horngren): PPV 300 over the material bought wherever it sits, then usage over the output.
  // PCS_PPV_SHARES: PPV 300 over RIP 2,040 / FG 1,330 / COGS 11,970 / usage 60 (15,400): 39.7402…, 25.9090…, 233.1818…, 1.1688….

  it("purchase, completion, sale: the price variance over RIP, FG, COGS and the usage variance; usage over FG and COGS", () => {
    // PCS_PPV_SHARES: floors 39.74 + 25.90 + 233.18 + 1.16 = 299.98; the cents to FG (.0090) and usage (.0088).
    const r = runBackflush(chairMaker({ disposition: "prorate" }));
    const [price, usage] = entriesOf(r, "variance-disposition");
    assert.equal(price.description, "Price variance prorated over RIP, FG, COGS and USAGE_VARIANCE");
    assert.equal(net(price, "RIP"), "39.74");
    assert.equal(net(price, "FG"), "25.91");
    assert.equal(net(price, "COGS"), "233.18");
    assert.equal(net(price, "USAGE_VARIANCE"), "1.17");
    assert.match(price.lines.find((l) => l.role === "RIP" && !l.item)!.memo, /RIP holds 13\.25 % of standard material cost/); // 2,040 / 15,400
    // Usage 60 + 1.17 = 61.17 over FG 1,330 / COGS 11,970 (13,300): 6.117, 55.053 → 6.11 + 55.05 = 61.16, the cent to FG (.007).
    assert.equal(usage.description, "Usage variance prorated over FG and COGS");
    assert.equal(net(usage, "FG"), "6.12");
    assert.equal(net(usage, "COGS"), "55.05");
    assert.equal(net(usage, "USAGE_VARIANCE"), "-61.17");
    // Conversion 450 over conversion content: RIP 0, FG 100 × 10 = 1,000, COGS 900 × 10 = 9,000 → 45 / 405.
    const c = entryOf(r, "conversion-close");
    assert.equal(net(c, "FG"), "45.00");
    assert.equal(net(c, "COGS"), "405.00");
    assert.equal(net(c, "RIP"), "0.00");
    // RIP 2,040 + 39.74; FG 2,330 + 25.91 + 6.12 + 45; COGS 20,970 + 233.18 + 55.05 + 405 + 0 (sum 26,150).
    assert.deepEqual([ending(r, "RIP"), ending(r, "FG"), ending(r, "COGS")], ["2079.74", "2407.03", "21663.23"]);
    assert.ok(r.variances.every((v) => v.disposition === "prorate"));
  });

  it("purchase, sale: over RIP, COGS and the usage variance (no FG); RIP 3,370 holds the unsold chairs' material; usage all to COGS", () => {
    // PPV 300 over RIP 3,370 / COGS 11,970 / usage 60 (15,400): 65.6493…, 233.1818…, 1.1688… → 65.64 + 233.18 + 1.16 = 299.98;
    // the cents to RIP (.0093) and usage (.0088). Usage 61.17: COGS is the only output. Conversion 1,450: all to COGS.
    const r = runBackflush(chairMakerWithChairsCounted({ sequence: "purchase-sale", disposition: "prorate" }));
    const [price, usage] = entriesOf(r, "variance-disposition");
    assert.equal(net(price, "RIP"), "65.65");
    assert.equal(net(price, "COGS"), "233.18");
    assert.equal(net(price, "USAGE_VARIANCE"), "1.17");
    assert.equal(net(price, "FG"), "0.00");
    assert.equal(net(usage, "COGS"), "61.17");
    assert.equal(net(entryOf(r, "conversion-close"), "COGS"), "1450.00");
    assert.equal(ending(r, "RIP"), "3435.65");
  });

  it("completion, sale: as purchase, completion, sale, with materials clearing 2,040 in RIP's place", () => {
    // The invoices leave clearing with the materials on hand at standard: 15,400 − 13,300 − 60 = 2,040. PCS_PPV_SHARES.
    const r = runBackflush(chairMaker({ sequence: "completion-sale", disposition: "prorate" }));
    const [price, usage] = entriesOf(r, "variance-disposition");
    assert.equal(net(price, "MATERIALS_CLEARING"), "39.74");
    assert.equal(net(price, "FG"), "25.91");
    assert.equal(net(price, "COGS"), "233.18");
    assert.equal(net(price, "USAGE_VARIANCE"), "1.17");
    assert.equal(price.description, "Price variance prorated over MATERIALS_CLEARING, FG, COGS and USAGE_VARIANCE");
    assert.equal(net(usage, "FG"), "6.12");
    assert.equal(net(usage, "COGS"), "55.05");
  });

  it("completion, sale with 100 kg of WOOD opened off the books: prorated as purchase, completion, sale, the off-books wood weighing in clearing as in RIP", () => {
    const withOpening = (sequence: "purchase-completion-sale" | "completion-sale") => {
      const base = chairMaker({ sequence, disposition: "prorate" });
      return runBackflush({ ...base, inventory: [stock("WOOD", 100, 580), stock("SCREW", undefined, 4000), stock("FABRIC", undefined, 100)] });
    };
    const shares = (sequence: "purchase-completion-sale" | "completion-sale") => {
      const [price, usage] = entriesOf(withOpening(sequence), "variance-disposition");
      const materials = sequence === "completion-sale" ? "MATERIALS_CLEARING" : "RIP";
      return [net(price, materials), net(price, "FG"), net(price, "COGS"), net(usage, "FG"), net(usage, "COGS")];
    };
    assert.deepEqual(shares("completion-sale"), shares("purchase-completion-sale"));
    assert.deepEqual(shares("completion-sale"), ["44.71", "25.41", "228.73", "6.12", "55.03"]);
  });

  it("sale: over materials clearing 3,370, COGS and the usage variance, as purchase, sale", () => {
    const r = runBackflush(chairMakerWithChairsCounted({ sequence: "sale", disposition: "prorate" }));
    const [price, usage] = entriesOf(r, "variance-disposition");
    assert.equal(net(price, "MATERIALS_CLEARING"), "65.65");
    assert.equal(net(price, "COGS"), "233.18");
    assert.equal(net(usage, "COGS"), "61.17");
    assert.equal(net(entryOf(r, "conversion-close"), "COGS"), "1450.00");
  });
});

describe("engine cases: conversion over-allocated", () => {
  it("incurred 9,700 against 10,000 allocated: Cr COGS 300, favorable", () => {
    const base = chairMaker();
    const r = runBackflush({ ...base, conversion: [conv("2026-11-30", "9700.00")] });
    const e = entryOf(r, "conversion-close");
    assert.equal(net(e, "CONV_ALLOCATED"), "10000.00");
    assert.equal(net(e, "CONV_CONTROL"), "-9700.00");
    assert.equal(net(e, "COGS"), "-300.00");
    assert.match(e.lines.find((l) => l.role === "COGS")!.memo, /Over-allocated/);
    const v = r.variances.find((x) => x.kind === "conversion")!;
    assert.equal(fixed(v.amount), "-300.00");
    assert.equal(v.favorable, true);
    assert.equal(ending(r, "COGS"), "21030.00"); // 20,970 − 300 + 360
  });

  it("no conversion recorded: the whole 10,000 is over-allocated, with a warning", () => {
    const r = runBackflush({ ...chairMaker(), conversion: [] });
    assert.equal(net(entryOf(r, "conversion-close"), "COGS"), "-10000.00");
    assert.ok(r.warnings.some((w) => w.code === "no-conversion-costs"));
  });
});

describe("engine cases: negative inventory", () => {
  it("warns once per item, naming the item, the date and the rows that took it below zero", () => {
    const base = chairMaker();
    const first = move("2026-11-20", "CHAIR", 1000);
    const second = move("2026-11-21", "CHAIR", 10);
    // 3,000 kg WOOD bought; 1,000 chairs need 3,500 → −500 kg on 2026-11-20, further down on the 21st (no second warning).
    const r = runBackflush({ ...base, purchases: [buy("2026-11-02", "WOOD", 3000, "9000.00"), ...base.purchases.slice(1)], completions: [first, second] });
    const w = r.warnings.filter((x) => x.code === "negative-inventory");
    assert.equal(w.length, 1);
    assert.equal(w[0].item, "WOOD");
    assert.equal(w[0].date, "2026-11-20");
    assert.deepEqual(w[0].sources, [{ table: "Production", rows: [first.row] }]);
    assert.match(w[0].message, /On 2026-11-20 backflushing took the book quantity of "WOOD" in RIP below zero \(-500\)/);
    assert.equal(r.suitability.checks.find((c) => c.id === "negative-inventory")!.status, "caution");
  });

  it("warns when sales exceed what FG holds", () => {
    const base = chairMaker();
    const sale = move("2026-11-25", "CHAIR", 1100);
    const r = runBackflush({ ...base, sales: [sale] });
    const w = r.warnings.find((x) => x.code === "negative-inventory")!;
    assert.equal(w.item, "CHAIR");
    assert.deepEqual(w.sources, [{ table: "Sales", rows: [sale.row] }]);
    assert.match(w.message, /FG below zero \(-100\)/);
  });

  it("where materials are off the books (completion, sale; sale), warns from their book: on hand at the start + bought to the day − backflushed", () => {
    for (const sequence of ["completion-sale", "sale"] as const) {
      const base = chairMaker({ sequence });
      // Nothing bought and nothing on hand: the first flush takes every material below zero, once each.
      const r = runBackflush({ ...base, purchases: [] });
      const w = r.warnings.filter((x) => x.code === "negative-inventory");
      assert.deepEqual(w.map((x) => x.item).sort(), ["FABRIC", "SCREW", "WOOD"], sequence);
      const wood = w.find((x) => x.item === "WOOD")!;
      // completion, sale: 1,000 chairs completed on 2026-11-20 need 3,500 kg; sale: the 900 sold on 2026-11-25, 3,150 kg.
      const [day, qty] = sequence === "completion-sale" ? ["2026-11-20", "-3500"] : ["2026-11-25", "-3150"];
      assert.equal(wood.date, day, sequence);
      assert.equal(wood.message, `On ${day} backflushing took the book quantity of "WOOD" below zero (${qty}: on hand at the start, plus bought up to that day, less backflushed); check the purchases, BOM, completions and sales up to that day`);
      assert.equal(r.suitability.checks.find((c) => c.id === "negative-inventory")!.status, "caution", sequence);
      // The chair maker's purchases, bought before the flushes, cover them: no warning.
      assert.equal(runBackflush(base).warnings.filter((x) => x.code === "negative-inventory").length, 0, sequence);
    }
  });

  it("where materials are off the books, counts purchases only up to the day of the flush", () => {
    // WOOD bought on 2026-11-25, after the completion of 2026-11-20 that needs it: below zero on the 20th, whatever comes later.
    const base = chairMaker({ sequence: "completion-sale" });
    const r = runBackflush({ ...base, purchases: base.purchases.map((p) => (p.item === "WOOD" ? { ...p, date: "2026-11-25" } : p)) });
    assert.deepEqual(r.warnings.filter((x) => x.code === "negative-inventory").map((x) => `${x.item} ${x.date}`), ["WOOD 2026-11-20"]);
  });
});

describe("engine cases: a count where materials are off the books ends as RIP's does", () => {
  it("takes materials clearing to the counted value, the flushes' rounding with it, to the cent of purchase, completion, sale", () => {
    // GEAR 0.333; 3 bought for 1.00; 1 BOX (1 GEAR) completed on each of two days, each flush rounded to 0.33; 0.5 counted = 0.17 (0.1665).
    const ending = (sequence: "purchase-completion-sale" | "completion-sale") => {
      const r = runBackflush(period({ items: [material("GEAR", "0.333"), assembly("BOX", "0.10")], bom: [line("BOX", "GEAR", 1)], purchases: [buy("2026-11-02", "GEAR", 3, "1.00")], completions: [move("2026-11-10", "BOX", 1), move("2026-11-11", "BOX", 1)], inventory: [stock("GEAR", undefined, "0.5")], settings: { sequence } }));
      const held = r.balances.find((b) => b.item === "GEAR" && (b.role === "RIP" || b.role === "MATERIALS_CLEARING"))!;
      return `${held.endingValue.toFixed(2)} usage ${r.variances.find((v) => v.kind === "usage")!.amount.toFixed(2)}`;
    };
    // RIP: 1.00 at standard (0.999) − 0.33 − 0.33 = 0.34, counted at 0.17: usage 0.17, RIP 0.17.
    assert.equal(ending("purchase-completion-sale"), "0.17 usage 0.17");
    assert.equal(ending("completion-sale"), "0.17 usage 0.17");
  });
});

describe("engine cases: the price variance line as the journal booked it", () => {
  it("shows what AP was credited and RIP debited, when invoices finer than the minor unit were rounded one by one", () => {
    // M 3.00; two invoices of 3.005 on two days: each booked as 3.01 (AP) against 3.00 (RIP), 0.01 of variance each.
    const r = runBackflush(period({ items: [material("M", "3.00"), assembly("P", "1")], bom: [line("P", "M", 1)], purchases: [buy("2026-11-02", "M", 1, "3.005"), buy("2026-11-03", "M", 1, "3.005")] }));
    const v = r.variances.find((x) => x.kind === "price" && x.item === "M")!;
    assert.deepEqual([v.standard, v.actual, v.amount].map((d) => d.toFixed(2)), ["6.00", "6.02", "0.02"]);
  });
});

describe("engine cases: a component completed as well as its parent", () => {
  it("warns where completions are flushed, naming the component, its parents and its rows: the parent's completion backflushes the component's materials again", () => {
    for (const sequence of ["purchase-completion-sale", "completion-sale"] as const) {
      const base = chairMaker({ sequence });
      const seats = move("2026-11-19", "SEAT", 1000);
      const r = runBackflush({ ...base, completions: [seats, ...base.completions] });
      const w = r.warnings.filter((x) => x.code === "subassembly-completed");
      assert.equal(w.length, 1, sequence);
      assert.equal(w[0].item, "SEAT");
      assert.deepEqual(w[0].sources, [{ table: "Production", rows: [seats.row] }]);
      assert.match(w[0].message, /^SEAT is completed into finished goods and is also a component of CHAIR, whose completions backflush SEAT's own materials/);
      // The chair maker as it is completes chairs only: no warning.
      assert.equal(runBackflush(base).warnings.filter((x) => x.code === "subassembly-completed").length, 0, sequence);
    }
    // Where the flush is at sale, completions are not flushed: nothing to warn.
    const atSale = chairMaker({ sequence: "purchase-sale" });
    assert.equal(runBackflush({ ...atSale, completions: [move("2026-11-19", "SEAT", 1000), ...atSale.completions] }).warnings.filter((x) => x.code === "subassembly-completed").length, 0);
  });
});

describe("engine cases: rounding", () => {
  // GEAR std 0.333; BOX = 1 GEAR, conversion 0.10 → standard 0.433.
  const items = [material("GEAR", "0.333"), assembly("BOX", "0.10")];
  const bom = [line("BOX", "GEAR", 1)];
  const r = runBackflush(
    period({
      items,
      bom,
      purchases: [buy("2026-11-02", "GEAR", 3, "1.00")],
      completions: [move("2026-11-03", "BOX", 1), move("2026-11-04", "BOX", 1), move("2026-11-05", "BOX", 1)],
      sales: [move("2026-11-06", "BOX", 3)],
      conversion: [conv("2026-11-06", "0.30")],
    }),
  );

  it("purchase: 3 × 0.333 = 0.999 → Dr RIP 1.00, Cr AP 1.00, no PPV line (difference 0.00)", () => {
    const e = entryOf(r, "purchase");
    assert.equal(net(e, "RIP"), "1.00");
    assert.equal(net(e, "AP"), "-1.00");
    assert.equal(e.lines.filter((l) => l.role === "PPV").length, 0);
  });

  it("each completion rounds its lines; the third takes RIP to zero and with it the remaining 0.34", () => {
    const [a, b, c] = entriesOf(r, "completion");
    for (const e of [a, b]) {
      assert.equal(net(e, "FG"), "0.43"); // balancing: RIP 0.33 + conversion 0.10
      assert.equal(net(e, "RIP"), "-0.33"); // 0.333
      assert.equal(net(e, "CONV_ALLOCATED"), "-0.10"); // 1 × 0.10, rounded on its own
    }
    // The residue stays material: FG takes the material RIP gave up, conversion is allocated at standard.
    assert.equal(net(c, "FG"), "0.44"); // balancing: 0.34 + 0.10
    assert.equal(net(c, "RIP"), "-0.34"); // 1.00 − 0.33 − 0.33: no value without quantity
    assert.equal(net(c, "CONV_ALLOCATED"), "-0.10"); // 1 × 0.10
  });

  it("the sale empties FG: COGS 1.30 (the three completions 0.43 + 0.43 + 0.44)", () => {
    const e = entryOf(r, "sale");
    assert.equal(net(e, "COGS"), "1.30");
    assert.equal(net(e, "FG"), "-1.30");
  });

  it("every entry balances and nothing is left without quantity", () => {
    assert.deepEqual(unbalancedEntries(r), []);
    assert.equal(ending(r, "RIP"), "0.00");
    assert.equal(ending(r, "FG"), "0.00");
    // Allocated 3 × 0.10 = 0.30 against 0.30 incurred: no conversion variance. COGS = AP 1.00 + conversion 0.30.
    assert.equal(net(entryOf(r, "conversion-close"), "COGS"), "0.00");
    assert.equal(ending(r, "COGS"), "1.30");
  });

  it("an emptied FG account gives up its cost content with its value, so proration puts nothing back there", () => {
    // M 2.9783; P = 0.125 M → 0.3722875 (no conversion). Complete 0.25 P: FG 0.0930719 → 0.09 (material 0.09).
    // Sell 0.125 twice: 0.0465359 → FG Cr 0.05 (material 0.05); the second empties FG: 0.04, content material 0.04.
    // Conversion 0.01 incurred, none allocated: 0.01 U; no account holds conversion content, so it goes to COGS.
    // (Rounded at standard the second sale's content would be material 0.05, conversion −0.01, leaving FG with
    // conversion content 0.01 and drawing the variance into an FG of zero quantity.)
    const x = runBackflush(
      period({
        items: [material("M", "2.9783"), assembly("P")],
        bom: [line("P", "M", "0.125")],
        purchases: [buy("2026-11-01", "M", "0.03125", "0.09")],
        completions: [move("2026-11-06", "P", "0.25")],
        sales: [move("2026-11-16", "P", "0.125"), move("2026-11-17", "P", "0.125")],
        conversion: [conv("2026-11-01", "0.01")],
        settings: { disposition: "prorate" },
      }),
    );
    const last = entriesOf(x, "sale")[1].lines.find((l) => l.role === "FG")!;
    assert.equal(fixed(last.credit), "0.04");
    assert.deepEqual([fixed(last.element!.material), fixed(last.element!.conversion)], ["0.04", "0.00"]);
    assert.equal(net(entryOf(x, "conversion-close"), "FG"), "0.00");
    assert.equal(ending(x, "FG"), "0.00");
    assert.equal(ending(x, "COGS"), "0.10"); // paid 0.09 + 0.01
  });

  it("a count difference worth less than half a cent still moves the quantity: RIP ends at the count", () => {
    // Book 0, counted 1 at 0.0001: (0 − 1) × 0.0001 = −0.0001 rounds to 0.00; the line moves 1 unit for nothing.
    const x = runBackflush(period({ items: [material("DUST", "0.0001"), assembly("A")], bom: [line("A", "DUST", 1)], inventory: [stock("DUST", undefined, 1)] }));
    const rip = x.balances.find((b) => b.role === "RIP" && b.item === "DUST")!;
    assert.equal(rip.endingQty.toFixed(), "1");
    assert.equal(fixed(rip.endingValue), "0.00");
  });

  it("rounds half away from zero at the line: 7 × 0.335 = 2.345 → 2.35", () => {
    const x = runBackflush(period({ items: [material("M", "0.335"), assembly("A")], bom: [line("A", "M", 1)], purchases: [buy("2026-11-02", "M", 7, "2.40")] }));
    const e = entryOf(x, "purchase");
    assert.equal(net(e, "RIP"), "2.35");
    assert.equal(net(e, "PPV"), "0.05"); // balancing: 2.40 − 2.35 (the exact variance is 0.055)
  });
});

describe("engine cases: a currency without minor units (JPY)", () => {
  // BEAN 12.5 JPY/kg; TOFU = 0.3 kg BEAN, conversion 30.4 → material 3.75, total 34.15.
  const r = runBackflush(
    period({
      items: [material("BEAN", "12.5", "kg"), assembly("TOFU", "30.4")],
      bom: [line("TOFU", "BEAN", "0.3")],
      purchases: [buy("2026-11-02", "BEAN", 100, 1300)],
      completions: [move("2026-11-10", "TOFU", 333)],
      sales: [move("2026-11-20", "TOFU", 333)],
      conversion: [conv("2026-11-30", 10000)],
      inventory: [stock("BEAN", undefined, 0)],
      settings: { currency: "JPY" },
    }),
  );

  it("resolves 0 minor units and rounds every line to whole yen", () => {
    assert.equal(r.settings.minorUnits, 0);
    for (const e of r.journal) for (const l of e.lines) assert.ok(l.debit.isInteger() && l.credit.isInteger(), `${e.description} ${l.role} ${l.debit}/${l.credit}`);
    assert.deepEqual(unbalancedEntries(r), []);
  });

  it("journals the hand-computed yen", () => {
    const p = entryOf(r, "purchase");
    assert.equal(net(p, "RIP"), "1250.00"); // 100 × 12.5
    assert.equal(net(p, "PPV"), "50.00"); // 1,300 − 1,250
    const c = entryOf(r, "completion");
    assert.equal(net(c, "FG"), "11372.00"); // 333 × 34.15 = 11,371.95
    assert.equal(net(c, "RIP"), "-1249.00"); // 99.9 kg × 12.5 = 1,248.75
    assert.equal(net(c, "CONV_ALLOCATED"), "-10123.00"); // balancing: 11,372 − 1,249 (exactly 333 × 30.4 = 10,123.2)
    assert.equal(net(entryOf(r, "sale"), "COGS"), "11372.00");
    assert.equal(net(entryOf(r, "conversion-close"), "COGS"), "-123.00"); // 10,000 − 10,123: over-allocated
    // Count 0 against a book of 0.1 kg: the credit takes RIP to zero, so it takes the remaining 1 yen (1,250 − 1,249).
    assert.equal(net(entryOf(r, "material-count"), "USAGE_VARIANCE"), "1.00");
    assert.equal(net(entryOf(r, "variance-disposition"), "COGS"), "51.00"); // 50 + 1
    assert.equal(endingOf(r, "COGS"), "-72.00"); // role-level variance lines: −123 + 51
    assert.equal(ending(r, "COGS"), "11300.00"); // = AP 1,300 + conversion 10,000
    assert.equal(ending(r, "RIP"), "0.00");
  });
});

describe("engine cases: minor units from ISO 4217, not from the runtime", () => {
  // M 3.00; P = 1 M. One M bought for an invoice in the currency's minor unit: AP must be the invoice, to its last decimal.
  const bought = (currency: string, amount: string) => runBackflush(period({ items: [material("M", "3.00"), assembly("P", "1")], bom: [line("P", "M", 1)], purchases: [buy("2026-11-02", "M", 1, amount)], settings: { currency } }));

  it("books a forint invoice of 1,234.56 as 1,234.56 (ISO gives HUF 2 decimals; ICU's cash digits give 0)", () => {
    const r = bought("HUF", "1234.56");
    assert.equal(r.settings.minorUnits, 2);
    const p = entryOf(r, "purchase");
    assert.equal(net(p, "AP"), "-1234.56");
    assert.equal(net(p, "PPV"), "1231.56"); // 1,234.56 − 3.00
  });

  it("books an Iraqi dinar invoice of 1.234 as 1.234 (ISO gives IQD 3 decimals; ICU gives 0)", () => {
    const r = bought("IQD", "1.234");
    assert.equal(r.settings.minorUnits, 3);
    const ap = entryOf(r, "purchase").lines.find((l) => l.role === "AP")!;
    assert.equal(ap.credit.toFixed(), "1.234");
  });

  it("gives each currency ISO's minor units, whichever way ICU has it, and 2 to a code ISO does not know", () => {
    const expected: [string, number][] = [["USD", 2], ["SEK", 2], ["MYR", 2], ["HUF", 2], ["COP", 2], ["IDR", 2], ["RSD", 2], ["LBP", 2], ["JPY", 0], ["ISK", 0], ["KRW", 0], ["XOF", 0], ["BHD", 3], ["IQD", 3], ["KWD", 3], ["TND", 3], ["CLF", 4], ["UYW", 4], ["XYZ", 2]];
    for (const [code, minor] of expected) assert.equal(minorUnitsOf(code), minor, code);
  });
});

describe("engine: memos and double entries across days", () => {
  it("shows an average price in a memo to 4 decimals, while the amounts stay exact", () => {
    const input = chairMaker();
    const r = runBackflush({ ...input, purchases: [buy("2026-11-02", "SCREW", 1100, "1764.77")], inventory: [] });
    const purchase = r.journal.find((e) => e.kind === "purchase")!;
    const ap = purchase.lines.find((l) => l.role === "AP")!;
    assert.equal(ap.credit.toFixed(2), "1764.77");
    // Written when read (the average is a division made for nobody else): the same text every time.
    assert.equal(ap.memo, "SCREW invoiced 1764.77 (1.6043 per unit)");
    assert.equal(ap.memo, "SCREW invoiced 1764.77 (1.6043 per unit)");
    assert.equal(purchase.lines.find((l) => l.role === "PPV")!.memo, "Purchase price variance on SCREW: actual 1.6043 vs standard 0.05");
  });

  it("takes the same Ref on different days as two events, and the same row twice as a double entry", () => {
    const input = chairMaker();
    const ok = runBackflush({ ...input, completions: [move("2026-11-20", "CHAIR", 500, "WO-1"), move("2026-11-21", "CHAIR", 500, "WO-1")] });
    assert.equal(ok.consumption.find((c) => c.material === "WOOD")!.materialQty.toFixed(), "3500");
    const once = move("2026-11-20", "CHAIR", 500, "WO-1");
    const twice = move("2026-11-20", "CHAIR", 500, "WO-1");
    assert.throws(
      () => runBackflush({ ...input, completions: [once, twice] }),
      (e: unknown) => e instanceof BackflushDataError && e.issues.length === 1 && e.issues[0].code === "duplicate-row" && e.issues[0].at?.row === twice.row,
    );
  });
});

describe("engine cases: a period taken from the data", () => {
  it("warns when it runs past a quarter (a sale typed 2062 for 2026), naming both ends and saying which came from the tables; not for a month, nor for a period Settings gives", () => {
    const month = runBackflush(chairMaker({ periodStart: undefined, periodEnd: undefined }));
    assert.equal(month.settings.periodStart, "2026-11-02");
    assert.ok(!month.warnings.some((w) => w.code === "long-period"));
    const typo = chairMaker({ periodStart: undefined, periodEnd: undefined });
    typo.sales = [move("2062-11-25", "CHAIR", 900)];
    const long = runBackflush(typo);
    const w = long.warnings.filter((x) => x.code === "long-period");
    assert.equal(w.length, 1);
    assert.equal(w[0].date, "2062-11-25");
    assert.match(w[0].message, /taken from the dates in the tables.*: 2026-11-02 to 2062-11-25, 13,?173 days/);
    const startGiven = chairMaker({ periodStart: "2026-11-01", periodEnd: undefined });
    startGiven.sales = [move("2062-11-25", "CHAIR", 900)];
    const [endOnly] = runBackflush(startGiven).warnings.filter((x) => x.code === "long-period");
    assert.match(endOnly.message, /period's end was taken from the latest date in the tables, as Settings gives no PeriodEnd: 2026-11-01 to 2062-11-25/, "a start Settings or a previous Closing gives is not said to come from the tables");
    const endGiven = chairMaker({ periodStart: undefined, periodEnd: "2062-12-31" });
    endGiven.sales = [move("2062-11-25", "CHAIR", 900)];
    const [startOnly] = runBackflush(endGiven).warnings.filter((x) => x.code === "long-period");
    assert.match(startOnly.message, /period's start was taken from the earliest date in the tables, as Settings gives no PeriodStart: 2026-11-02 to 2062-12-31/);
    const given = chairMaker({ periodStart: "2026-01-01", periodEnd: "2026-12-31" });
    assert.ok(!runBackflush(given).warnings.some((x) => x.code === "long-period"), "a year Settings gives is the user's");
  });
});
