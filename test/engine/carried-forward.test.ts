/**
 * Goods and materials a previous period carried forward (its Closing, read
 * back as broughtForward): the next period's entries must treat them as
 * what they are, at the value they came with, and never sweep it into a
 * variance of the new period.
 */
import { strict as assert } from "node:assert";
import { broughtForwardOf, runBackflush } from "../../src/engine";
import type { BackflushResult, PeriodInput } from "../../src/engine";
import { assembly, buy, chairMaker, conv, line, material, move, period, stock } from "../support/build";
import { entryOf, net, unbalancedEntries } from "../support/ledger-views";

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
    it(`${sequence}: the shortfall at standard, and only its share of the variance capitalized last period; the rest stays with the goods`, () => {
      // November (prorate) closes 480 kg WOOD at 1,468.05: 1,440.00 at standard and 28.05 of price variance prorated in.
      const november = runBackflush(chairMaker({ sequence, disposition: "prorate" }));
      const role = sequence === "completion-sale" ? "MATERIALS_CLEARING" : "RIP";
      const closed = november.closing.find((c) => c.role === role && c.item === "WOOD")!;
      assert.equal(`${closed.qty.toFixed()} ${closed.value.toFixed(2)}`, "480 1468.05");
      // December moves nothing and counts 479 kg.
      const input = chairMaker({ sequence, disposition: "prorate" });
      const r = runBackflush({ ...period({ items: input.items, bom: input.bom, inventory: [stock("WOOD", undefined, 479)], settings: { sequence, disposition: "prorate", ...december } }), broughtForward: broughtForwardOf(november.closing) });
      // 1 kg × 3.00 at standard, and 28.05 × 1/480 = 0.058 → 0.06 of the capitalized variance: 3.06 (not 31.05, the whole 28.05 swept out).
      assert.equal(net(entryOf(r, "material-count"), "USAGE_VARIANCE", "WOOD"), "3.06");
      const wood = balanceOf(r, role, "WOOD")!;
      assert.equal(`${wood.endingQty.toFixed()} ${wood.endingValue.toFixed(2)}`, "479 1464.99"); // 479 × 3.00 = 1,437.00, and 27.99 capitalized
      assert.deepEqual(unbalancedEntries(r), []);
    });
  }
});
