/**
 * The auditor's smaller findings (issue 18, item 7), each as a hand-computed
 * case: a completion's rounding residue stays in its own cost element, no −0
 * in any result, memos name only the accounts that get a share, and the usage
 * variance's Actual is the counted quantity at standard, rounded on its own.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, apportion, runBackflush } from "../../src/engine";
import type { BackflushResult } from "../../src/engine";
import { assembly, buy, chairMaker, conv, line, material, move, period, stock } from "../support/build";
import { entryOf, net, unbalancedEntries } from "../support/ledger-views";

const isMinusZero = (d: Dec) => d.isZero() && d.isNegative();

/** Every Dec a result holds that a sheet prints. */
function printedFigures(r: BackflushResult): Dec[] {
  const out: Dec[] = [r.totals.debit, r.totals.credit];
  for (const s of r.standards) out.push(s.material, s.conversion, s.total);
  for (const e of r.journal) for (const l of e.lines) out.push(l.debit, l.credit, ...(l.qty ? [l.qty] : []), ...(l.element ? [l.element.material, l.element.conversion] : []));
  for (const c of r.consumption) out.push(c.productQty, c.materialQty, c.stdPrice, c.value);
  for (const v of r.variances) out.push(v.standard, v.actual, v.amount, ...(v.qty ? [v.qty] : []));
  for (const b of r.balances) out.push(b.openingQty, b.openingValue, b.debit, b.credit, b.endingValue, b.endingQty);
  for (const c of r.suitability.checks) out.push(c.value, c.threshold);
  return out;
}

describe("audit, item 7: a completion's rounding residue stays in its cost element", () => {
  // A 0.335, B 0.335; P = 1 A + 1 B, conversion 0.10: standard material 0.67, conversion 0.10.
  // Complete 1 P. Cr RIP A 0.335 → 0.34, Cr RIP B 0.34 (each rounded on its own): 0.68 material credited.
  // Conversion allocated at its own standard, 1 × 0.10 = 0.10 (before, it took the balance: 0.77 − 0.68 = 0.09).
  // FG takes the balance: 0.68 + 0.10 = 0.78, material content 0.68, conversion 0.10.
  const r = runBackflush(
    period({
      items: [material("A", "0.335"), material("B", "0.335"), assembly("P", "0.10")],
      bom: [line("P", "A", 1), line("P", "B", 1)],
      purchases: [buy("2026-11-02", "A", 10, "3.35"), buy("2026-11-02", "B", 10, "3.35")],
      completions: [move("2026-11-03", "P", 1)],
      conversion: [conv("2026-11-03", "0.10")],
    }),
  );

  it("allocates conversion at exactly its standard and puts the material residue in FG", () => {
    const e = entryOf(r, "completion");
    assert.equal(net(e, "CONV_ALLOCATED"), "-0.10");
    assert.equal(net(e, "RIP"), "-0.68");
    assert.equal(net(e, "FG"), "0.78");
    const fg = e.lines.find((l) => l.role === "FG")!;
    assert.equal(fg.element!.material.toFixed(2), "0.68");
    assert.equal(fg.element!.conversion.toFixed(2), "0.10");
    assert.deepEqual(unbalancedEntries(r), []);
  });

  it("leaves no conversion variance when conversion incurred equals its standard", () => {
    // Incurred 0.10, allocated 0.10.
    const v = r.variances.find((x) => x.kind === "conversion")!;
    assert.equal(v.amount.toFixed(2), "0.00");
    assert.equal(v.standard.toFixed(2), "0.10");
  });

  it("lists the product lines first, in item order, even the one that balances the entry", () => {
    // Two products, the second (Q, more material) balances: FG P, FG Q, then the materials, then conversion.
    const two = runBackflush(
      period({
        items: [material("A", "0.335"), material("B", "0.335"), assembly("P", "0.10"), assembly("Q", "0.05")],
        bom: [line("P", "A", 1), line("Q", "A", 1), line("Q", "B", 2)],
        completions: [move("2026-11-03", "P", 1), move("2026-11-03", "Q", 1)],
        purchases: [buy("2026-11-02", "A", 10, "3.35"), buy("2026-11-02", "B", 10, "3.35")],
      }),
    );
    const e = entryOf(two, "completion");
    assert.deepEqual(
      e.lines.map((l) => `${l.role} ${l.item ?? ""}`.trim()),
      ["FG P", "FG Q", "RIP A", "RIP B", "CONV_ALLOCATED"],
    );
    // P: 0.335 → 0.34 + 0.10 = 0.44. A: 2 × 0.335 = 0.67; B: 2 × 0.335 = 0.67; conversion 0.10 + 0.05 = 0.15.
    // Q balances: 0.67 + 0.67 + 0.15 − 0.44 = 1.05 (its standard 3 × 0.335 + 0.05 = 1.055).
    assert.equal(net(e, "FG", "P"), "0.44");
    assert.equal(net(e, "FG", "Q"), "1.05");
    assert.equal(net(e, "CONV_ALLOCATED"), "-0.15");
  });
});

describe("audit, item 7: no −0 anywhere", () => {
  it("apportion(−0.01, [1, 1], 2) is [−0.01, 0]", () => {
    const shares = apportion(new Dec("-0.01"), [new Dec(1), new Dec(1)], 2);
    assert.deepEqual(shares.map((s) => s.toString()), ["-0.01", "0"]);
    assert.ok(!shares.some(isMinusZero));
  });

  it("apportion never gives −0, whatever the signs", () => {
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 500 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }), (cents, ws) => {
        const shares = apportion(new Dec(cents).dividedBy(100), ws.map((w) => new Dec(w)), 2);
        assert.ok(!shares.some(isMinusZero), shares.join(", "));
      }),
    );
  });

  it("a conversion variance with nothing allocated has a standard of 0, not −0", () => {
    // Conversion 5.00 incurred, nothing completed: allocated 0, variance 5.00 U.
    const r = runBackflush(period({ items: [material("A", "1")], purchases: [buy("2026-11-02", "A", 1, "1.00")], conversion: [conv("2026-11-03", "5.00")] }));
    const v = r.variances.find((x) => x.kind === "conversion")!;
    assert.equal(v.standard.toString(), "0");
    assert.ok(!isMinusZero(v.standard));
    assert.equal(v.amount.toFixed(2), "5.00");
  });

  it("the chair maker prints no −0 in any sequence or disposition", () => {
    for (const sequence of ["purchase-completion-sale", "purchase-sale", "completion-sale", "sale"] as const) {
      for (const disposition of ["cogs", "prorate"] as const) {
        const r = runBackflush(chairMaker({ sequence, disposition }));
        assert.ok(!printedFigures(r).some(isMinusZero), `${sequence}, ${disposition}`);
      }
    }
  });
});

describe("audit, item 7: the disposition memo names only the accounts that get a share", () => {
  /** Buy 10 A (std 1.00) for 12.00: PPV 2.00 U. Make 10 P (= 1 A), sell some, prorate. RIP ends empty. */
  const makeAndSell = (sold: number) =>
    runBackflush(
      period({
        items: [material("A", "1"), assembly("P")],
        bom: [line("P", "A", 1)],
        purchases: [buy("2026-11-02", "A", 10, "12.00")],
        completions: [move("2026-11-03", "P", 10)],
        sales: [move("2026-11-04", "P", sold)],
        settings: { disposition: "prorate" },
      }),
    );

  it("with nothing left in RIP or FG, the variance goes over COGS alone and says so", () => {
    // All 10 sold: COGS holds all the material content.
    const e = entryOf(makeAndSell(10), "variance-disposition");
    assert.equal(e.description, "Price variance prorated over COGS");
    assert.equal(net(e, "COGS"), "2.00");
  });

  it("with goods in FG and COGS only, it names FG and COGS", () => {
    // 5 sold: FG material 5.00, COGS material 5.00: 2.00 is 1.00 each.
    const e = entryOf(makeAndSell(5), "variance-disposition");
    assert.equal(e.description, "Price variance prorated over FG and COGS");
    assert.equal(net(e, "FG"), "1.00");
    assert.equal(net(e, "COGS"), "1.00");
  });
});

describe("audit, item 7: the usage variance's Actual is the count at standard, rounded on its own", () => {
  it("69 × 0.0425 = 2.9325 → 2.933 (BHD), not standard − variance = 2.932", () => {
    // Buy 100 M at standard 0.0425 for 4.250; count 69. Book 100: standard 100 × 0.0425 = 4.250.
    // Actual 69 × 0.0425 = 2.9325 → 2.933, rounded on its own; the count brings RIP from 4.250 to 2.933,
    // so the variance is 4.250 − 2.933 = 1.317 U ((100 − 69) × 0.0425 = 1.3175 unrounded): RIP ends at the counted value.
    const r = runBackflush(
      period({
        items: [material("M", "0.0425")],
        purchases: [buy("2026-11-02", "M", 100, "4.250")],
        inventory: [stock("M", undefined, 69)],
        settings: { currency: "BHD" },
      }),
    );
    const v = r.variances.find((x) => x.kind === "usage")!;
    assert.equal(v.standard.toFixed(3), "4.250");
    assert.equal(v.amount.toFixed(3), "1.317");
    assert.equal(v.actual.toFixed(3), "2.933");
    assert.equal(r.balances.find((b) => b.role === "RIP" && b.item === "M")!.endingValue.toFixed(3), "2.933");
  });
});
