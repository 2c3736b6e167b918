/**
 * An opening value (issue 18, item 4, in part): the Inventory table's
 * OpeningValue opens goods at what a previous period closed them at, prorated
 * variances included, so a variance capitalized in October leaves with those
 * goods in November instead of vanishing. Hand-computed on the chair maker.
 */
import { strict as assert } from "node:assert";
import { BackflushDataError, Dec, runBackflush } from "../../src/engine";
import type { InventoryRecord, TriggerSequence } from "../../src/engine";
import { chairMaker, move, stock } from "../support/build";
import { ending, entryOf, net, opening } from "../support/ledger-views";

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
    assert.equal(net(entryOf(r, "sale"), "COGS"), "1171.05");
    assert.equal(ending(r, "FG"), "0.00");
  });

  it("a partial sale relieves at standard and takes the goods' share of the capitalized variance with them; the rest stays with the goods on hand", () => {
    // 30 × 23.30 = 699.00 at standard, and 6.05 × 30/50 = 3.63 of the capitalized variance: COGS 702.63;
    // FG 1,171.05 − 702.63 = 468.42 for 20 chairs (466.00 at standard + 2.42).
    const r = november(30);
    const sale = entryOf(r, "sale");
    assert.equal(net(sale, "COGS"), "702.63");
    assert.equal(ending(r, "FG"), "468.42");
    // The share is a line of its own, outside the standard content: COGS holds 699.00 of content, as proration by cost element reads it.
    const share = sale.lines.filter((l) => l.memo.startsWith("The share of what CHAIR opened at"));
    assert.deepEqual(share.map((l) => `${l.role} ${l.debit.toFixed(2)} ${l.credit.toFixed(2)}`), ["FG 0.00 3.63", "COGS 3.63 0.00"]);
  });

  it("goods opened well below standard keep a value of their quantity's sign as they are sold (DOMAIN: never value and quantity of opposite signs)", () => {
    // 50 chairs opened at 500.00 (standard 1,165.00: a favorable variance of 665.00 capitalized). Selling 45 at standard alone
    // would credit 1,048.50 and leave FG at −548.50 for 5 chairs; with the share (−665.00 × 45/50 = −598.50), 450.00 leaves, 50.00 stays.
    const base = chairMaker();
    const r = runBackflush({ ...base, purchases: [], completions: [], conversion: [], sales: [move("2026-11-25", "CHAIR", 45)], inventory: [valued("CHAIR", 50, "500.00")] });
    const fg = r.balances.find((b) => b.role === "FG" && b.item === "CHAIR")!;
    assert.equal(`${fg.endingQty.toFixed()} ${fg.endingValue.toFixed(2)}`, "5 50.00");
    assert.equal(net(entryOf(r, "sale"), "COGS"), "450.00");
  });

  it("a sale of more than is held takes all the goods held beyond standard with it; the goods sold before they were made carry none", () => {
    // 50 chairs opened at 2,000.00 (1,165.00 at standard, 835.00 beyond); 60 sold: 60 × 23.30 = 1,398.00 + 835.00 = 2,233.00 to COGS,
    // and FG at −10 chairs × 23.30 = −233.00.
    const base = chairMaker();
    const r = runBackflush({ ...base, purchases: [], completions: [], conversion: [], sales: [move("2026-11-25", "CHAIR", 60)], inventory: [valued("CHAIR", 50, "2000.00")] });
    assert.equal(net(entryOf(r, "sale"), "COGS"), "2233.00");
    const fg = r.balances.find((b) => b.role === "FG" && b.item === "CHAIR")!;
    assert.equal(`${fg.endingQty.toFixed()} ${fg.endingValue.toFixed(2)}`, "-10 -233.00");
  });

  it("a count of finished goods short takes their share of what FG holds beyond standard, as a sale does", () => {
    // 50 chairs opened at 500.00 (−665.00 beyond standard), counted 5: the 45 short are 1,048.50 at standard and −598.50 beyond: shrinkage 450.00.
    const base = chairMaker();
    const r = runBackflush({ ...base, purchases: [], completions: [], conversion: [], sales: [], inventory: [{ ...valued("CHAIR", 50, "500.00"), count: new Dec(5) }] });
    const fg = r.balances.find((b) => b.role === "FG" && b.item === "CHAIR")!;
    assert.equal(`${fg.endingQty.toFixed()} ${fg.endingValue.toFixed(2)}`, "5 50.00");
    assert.equal(r.variances.find((v) => v.kind === "shrinkage")!.amount.toFixed(2), "450.00");
  });

  it("opens given goods at their standard content, what the value holds beyond it apart: the Closing shows it as variance", () => {
    // 50 chairs at 1,171.05, 30 sold: 20 left at 468.42, of which 266.00 material and 200.00 conversion at standard, 2.42 beyond.
    const r = november(30);
    const chair = r.closing.find((c) => c.role === "FG" && c.item === "CHAIR")!;
    assert.deepEqual([chair.value, chair.material, chair.conversion, chair.variance].map((d) => d.toFixed(2)), ["468.42", "266.00", "200.00", "2.42"]);
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
  });
});
