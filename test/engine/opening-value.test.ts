/**
 * An opening value (issue 18, item 4, in part): the Inventory table's
 * OpeningValue opens goods at what a previous period closed them at, prorated
 * variances included, so a variance capitalized in October leaves with those
 * goods in November instead of vanishing. Hand-computed on the chair maker.
 */
import { strict as assert } from "node:assert";
import { BackflushDataError, Dec, broughtForwardOf, runBackflush } from "../../src/engine";
import type { InventoryRecord, TriggerSequence } from "../../src/engine";
import { assembly, buy, chairMaker, conv, line, material, move, period, stock } from "../support/build";
import { ending, netOfKind, opening } from "../support/ledger-views";

const valued = (item: string, qty: number, value: string): InventoryRecord => ({ ...stock(item, qty), openingValue: new Dec(value) });

/** Nothing bought or made: 50 CHAIR on hand at 1,171.05 (1,165.00 at standard + 6.05 capitalized), WOOD 100 kg at 310.00; `sold` chairs sold. */
function november(sold: number, sequence: TriggerSequence = "purchase-completion-sale") {
  const base = chairMaker({ sequence });
  return runBackflush({ ...base, purchases: [], completions: [], conversion: [], sales: [move("2026-11-25", "CHAIR", sold)], inventory: [valued("CHAIR", 50, "1171.05"), valued("WOOD", 100, "310.00")] });
}

describe("audit, item 4 (in part): goods open at a value brought forward", () => {
  it("FG and RIP open at the values given, not quantity × standard", () => {
    const r = november(50);
    assert.equal(opening(r, "FG"), "1171.05");
    assert.equal(opening(r, "RIP"), "310.00");
    const fg = r.balances.find((b) => b.role === "FG" && b.item === "CHAIR")!;
    assert.equal(fg.openingQty.toFixed(), "50");
  });

  it("the capitalized 6.05 leaves with the goods: selling all 50 takes 1,171.05 to COGS", () => {
    const r = november(50);
    assert.equal(netOfKind(r, "sale", "COGS"), "1171.05");
    assert.equal(ending(r, "FG"), "0.00");
  });

  it("a partial sale takes its share of the value beyond standard with it, the rest stays with the goods on hand", () => {
    // 30 of 50 sold: 30 × 23.30 = 699.00 at standard and 6.05 × 30 / 50 = 3.63 of the 6.05 opened beyond it: COGS 702.63;
    // FG 1,171.05 − 702.63 = 468.42 for 20 chairs (466.00 at standard + the 2.42 left). Leaving it all with the goods on
    // hand made a variance capitalized last period stay on the goods made after them as long as FG never emptied.
    const r = november(30);
    assert.equal(netOfKind(r, "sale", "COGS"), "702.63");
    assert.equal(ending(r, "FG"), "468.42");
    const fg = r.closing.find((l) => l.role === "FG" && l.item === "CHAIR")!;
    assert.deepEqual([fg.material, fg.conversion, fg.variance].map((d) => d.toFixed(2)), ["266.00", "200.00", "2.42"], "content at standard, what is left beyond it as variance");
  });

  it("a sale of more than is held takes all FG holds, a value brought forward included, and the rest at standard", () => {
    // 50 chairs opened at 2,000.00; 60 sold: the 50 held take 2,000.00, the 10 more 10 × 23.30 = 233.00: COGS 2,233.00, FG −10 at −233.00.
    const base = chairMaker();
    const r = runBackflush({ ...base, purchases: [], completions: [], conversion: [], sales: [move("2026-11-25", "CHAIR", 60)], inventory: [valued("CHAIR", 50, "2000.00")] });
    assert.equal(netOfKind(r, "sale", "COGS"), "2233.00");
    const fg = r.balances.find((b) => b.role === "FG" && b.item === "CHAIR")!;
    assert.equal(`${fg.endingQty.toFixed()} ${fg.endingValue.toFixed(2)}`, "-10 -233.00");
  });

  it("a count of finished goods to nothing takes what FG holds: the shrinkage at standard, what they opened at beyond it to COGS, and its Variances row adds up", () => {
    // 50 chairs opened at 1,171.05, counted 0: shrinkage 50 × 23.30 = 1,165.00, listed as 1,165.00 − 0.00; the 6.05 beyond
    // standard leaves for COGS on a line pair of its own, in an entry before the count's.
    const base = chairMaker();
    const r = runBackflush({ ...base, purchases: [], completions: [], conversion: [], sales: [], inventory: [{ ...valued("CHAIR", 50, "1171.05"), count: new Dec(0) }] });
    const row = r.variances.find((v) => v.kind === "shrinkage" && v.item === "CHAIR")!;
    assert.deepEqual([row.standard, row.actual, row.amount].map((d) => d.toFixed(2)), ["1165.00", "0.00", "1165.00"]);
    assert.equal(netOfKind(r, "finished-goods-count", "COGS", "CHAIR"), "6.05");
    assert.equal(r.balances.find((b) => b.role === "FG" && b.item === "CHAIR")?.endingValue.toFixed(2), "0.00");
  });

  it("purchase, sale: goods open as their materials, the value shared by their standard value", () => {
    // 50 chairs: WOOD 175 kg (525.00), SCREW 800 (40.00), FABRIC 25 m (100.00): 665.00 at standard, given 671.05 →
    // 671.05 × 525 / 665 = 529.7763…, × 40 / 665 = 40.3639…, × 100 / 665 = 100.9097…: floors 529.77 + 40.36 + 100.90 = 671.03,
    // the two cents to the largest remainders, FABRIC (.0097) and WOOD (.0063; SCREW's is .0039) → 529.78, 40.36, 100.91.
    const base = chairMaker({ sequence: "purchase-sale" });
    const r = runBackflush({ ...base, purchases: [], completions: [], sales: [], conversion: [], inventory: [valued("CHAIR", 50, "671.05")] });
    const open = (m: string) => r.balances.find((b) => b.role === "RIP" && b.item === m)!.openingValue.toFixed(2);
    assert.deepEqual([open("WOOD"), open("SCREW"), open("FABRIC")], ["529.78", "40.36", "100.91"]);
    assert.equal(opening(r, "RIP"), "671.05");
  });

  it("purchase, sale: a value given for goods whose materials all stand at nothing is shared by quantity, not dropped", () => {
    // M at a standard of 0; P = 2 M + 1 N, N at 0 too: 10 P open at 50.00 → 20 M and 10 N, 50.00 shared 2 : 1 = 33.33 and 16.67.
    const r = runBackflush(period({ items: [material("M", "0"), material("N", "0"), assembly("P", "5.00")], bom: [line("P", "M", 2), line("P", "N", 1)], inventory: [valued("P", 10, "50.00")], settings: { sequence: "purchase-sale" } }));
    const open = (m: string) => r.balances.find((b) => b.role === "RIP" && b.item === m)!.openingValue.toFixed(2);
    assert.deepEqual([open("M"), open("N")], ["33.33", "16.67"]);
    assert.equal(opening(r, "RIP"), "50.00");
  });

  it("refuses a value without an opening quantity, and a negative one, at their cells", () => {
    const base = chairMaker();
    const refused = (inv: InventoryRecord) => {
      try {
        runBackflush({ ...base, inventory: [inv] });
      } catch (e) {
        assert.ok(e instanceof BackflushDataError);
        return e.issues.map((i) => `${i.code} ${i.at?.field}`);
      }
      return [];
    };
    assert.deepEqual(refused({ ...stock("CHAIR", undefined, 5), openingValue: new Dec(10) }), ["not-positive Opening"]);
    assert.deepEqual(refused(valued("CHAIR", 5, "-1")), ["negative OpeningValue"]);
    // A value of nothing beside no quantity says nothing (an empty cell some Excel builds pass to a function as 0).
    assert.deepEqual(refused({ ...stock("CHAIR", undefined, 5), openingValue: new Dec(0) }), []);
  });
});

describe("an opening value where purchases are not booked (completion, sale; sale)", () => {
  it("comes off the books as given and leaves with the goods as purchase, completion, sale's does in RIP: COGS 12.00 then 8.00 in every sequence", () => {
    // WOOD at 3.00, 10 kg opened at 20.00 (2.00 a kg); CHAIR = 1 WOOD. October makes and sells 6: 18.00 at standard less 6.00 of
    // the 10.00 the wood held below it. November makes and sells the last 4, and counts none: 12.00 less the 4.00 left.
    const items = [material("WOOD", "3"), assembly("CHAIR", "0")];
    const bom = [line("CHAIR", "WOOD", 1)];
    const cogs = (r: ReturnType<typeof runBackflush>) => r.balances.filter((b) => b.role === "COGS").reduce((a, b) => a.plus(b.endingValue), new Dec(0)).toFixed(2);
    for (const sequence of ["purchase-completion-sale", "completion-sale", "purchase-sale", "sale"] as const) {
      const at = (k: number) => ({ sequence, periodStart: k === 0 ? "2026-10-01" : "2026-11-01", periodEnd: k === 0 ? "2026-10-31" : "2026-11-30" });
      const october = runBackflush(period({ items, bom, inventory: [valued("WOOD", 10, "20.00")], completions: [move("2026-10-05", "CHAIR", 6)], sales: [move("2026-10-06", "CHAIR", 6)], settings: at(0) }));
      const november = runBackflush({ ...period({ items, bom, inventory: [stock("WOOD", undefined, 0)], completions: [move("2026-11-05", "CHAIR", 4)], sales: [move("2026-11-06", "CHAIR", 4)], settings: at(1) }), broughtForward: broughtForwardOf(october.closing) });
      assert.deepEqual([cogs(october), cogs(november)], ["12.00", "8.00"], sequence);
    }
  });
});

describe("a sale that takes all FG holds, when the goods held a value beyond standard", () => {
  // CHAIR: 1 WOOD at 10.00 + 5.00 conversion = 15.00. 4 open at 68.00: 60.00 at standard (40.00 material, 20.00
  // conversion) and 8.00 beyond it. All 4 are sold on the 2nd, 5 made on the 5th.
  const items = [material("WOOD", "10"), assembly("CHAIR", "5")];
  const bom = [line("CHAIR", "WOOD", 1)];
  const chairs = (counted: number | undefined, disposition: "cogs" | "prorate", incurred: string) =>
    runBackflush(
      period({
        items,
        bom,
        purchases: [buy("2026-11-01", "WOOD", 5, "50.00")],
        sales: [move("2026-11-02", "CHAIR", 4)],
        completions: [move("2026-11-05", "CHAIR", 5)],
        conversion: [conv("2026-11-30", incurred)],
        inventory: [{ ...valued("CHAIR", 4, "68.00"), ...(counted === undefined ? {} : { count: new Dec(counted) }) }],
        settings: { sequence: "purchase-completion-sale", disposition },
      }),
    );

  it("takes the 8.00 to COGS on a line pair of its own and leaves FG empty at standard content, so the goods made after it count at standard", () => {
    // Sale: COGS 60.00 at standard + 8.00 released = 68.00. Made: FG 5 × 15.00 = 75.00 (50.00 material, 25.00 conversion).
    // Counted 4 of 5: shrinkage 1 × 15.00 = 15.00, FG 60.00, COGS 68.00 + 15.00 = 83.00; nothing beyond standard is left.
    // Before, the sale's emptying line took the 8.00 as conversion content: FG was left at −8.00 of conversion with no
    // goods, and the count booked a shrinkage of 7.00.
    const r = chairs(4, "cogs", "25.00");
    assert.equal(netOfKind(r, "sale", "COGS"), "68.00");
    const shrinkage = r.variances.find((v) => v.kind === "shrinkage")!;
    assert.equal(shrinkage.amount.toFixed(2), "15.00");
    assert.equal(ending(r, "FG"), "60.00");
    assert.equal(ending(r, "COGS"), "83.00");
    const fg = r.closing.find((l) => l.role === "FG" && l.item === "CHAIR")!;
    assert.deepEqual([fg.qty, fg.material, fg.conversion, fg.variance].map((d) => d.toFixed(2)), ["4.00", "40.00", "20.00", "0.00"]);
  });

  it("prorates the conversion variance by the conversion the goods hold at standard, nothing of the 8.00 among it", () => {
    // Conversion incurred 35.00 against 5 × 5.00 = 25.00 allocated: 10.00 U, over conversion content FG 5 × 5.00 = 25.00
    // and COGS 4 × 5.00 = 20.00: FG 10.00 × 25 / 45 = 5.56, COGS 4.44 (the 8.00 weighed as conversion gave 3.78 / 6.22).
    const r = chairs(undefined, "prorate", "35.00");
    const fg = r.closing.find((l) => l.role === "FG" && l.item === "CHAIR")!;
    assert.equal(fg.variance.toFixed(2), "5.56");
    assert.equal(ending(r, "COGS"), new Dec("68.00").plus("4.44").toFixed(2));
  });
});
