/**
 * Every sequence keeps the suppliers' books (issue 18, item 2): AP ends at the
 * Purchases amounts, and every variance on the Variances sheet is in the
 * journal, in all four sequences, over random plants and periods.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, runBackflush, sum, TRIGGER_SEQUENCES } from "../../src/engine";
import type { AccountRole, BackflushResult, VarianceKind } from "../../src/engine";
import { anyPeriod } from "./plants";

const VARIANCE_ROLE: Readonly<Record<Exclude<VarianceKind, "conversion">, AccountRole>> = { price: "PPV", usage: "USAGE_VARIANCE", revaluation: "REVALUATION_VARIANCE", shrinkage: "FG_SHRINKAGE" };

/** Net debit of a role's item account over the journal, the entries that close variances left out. */
function postedBeforeClosing(r: BackflushResult, role: AccountRole, item: string | undefined): Dec {
  return sum(r.journal.filter((e) => e.kind !== "variance-disposition").flatMap((e) => e.lines.filter((l) => l.role === role && l.item === item).map((l) => l.debit.minus(l.credit))));
}

describe("audit, item 2: every sequence keeps the suppliers' books", () => {
  it("AP ends at the sum of the Purchases amounts, to the rounding of amounts finer than the currency", () => {
    fc.assert(
      fc.property(anyPeriod, (input) => {
        for (const sequence of TRIGGER_SEQUENCES) {
          const r = runBackflush({ ...input, settings: { ...input.settings, sequence } });
          const ap = sum(r.balances.filter((b) => b.role === "AP").map((b) => b.endingValue));
          const invoiced = sum(input.purchases.map((p) => p.amount));
          const unit = new Dec(1).dividedBy(new Dec(10).pow(r.settings.minorUnits));
          // Amounts in minor units add up exactly; finer ones are rounded once per group (half a unit each at most).
          const exact = input.purchases.every((p) => p.amount.decimalPlaces() <= r.settings.minorUnits);
          const off = ap.plus(invoiced).abs();
          if (exact) assert.ok(off.isZero(), `${sequence}: AP ${ap} vs invoices ${invoiced}`);
          else assert.ok(off.lte(unit.times(input.purchases.length)), `${sequence}: AP ${ap} vs invoices ${invoiced}`);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("every variance on the Variances sheet is in the journal, and every variance journaled is on the sheet", () => {
    fc.assert(
      fc.property(anyPeriod, (input) => {
        for (const sequence of TRIGGER_SEQUENCES) {
          const r = runBackflush({ ...input, settings: { ...input.settings, sequence } });
          const where = `${sequence}`;
          for (const v of r.variances) {
            // Finished goods' shrinkage goes to COGS whatever the setting (docs/engine.md, Counts).
            const expected = v.kind === "shrinkage" ? "cogs" : input.settings.disposition;
            assert.equal(v.disposition, expected, `${where}: ${v.kind} ${v.item ?? ""} is disposed of as the setting says`);
            if (v.kind === "conversion") {
              const close = r.journal.find((e) => e.kind === "conversion-close")!;
              const incurred = sum(close.lines.filter((l) => l.role === "CONV_CONTROL").map((l) => l.credit.minus(l.debit)));
              const allocated = sum(close.lines.filter((l) => l.role === "CONV_ALLOCATED").map((l) => l.debit.minus(l.credit)));
              assert.equal(incurred.minus(allocated).toFixed(), v.amount.toFixed(), `${where}: conversion`);
              continue;
            }
            // An item's lines of one kind (two standard changes in a period are two revaluation lines) add up to its account.
            const listed = sum(r.variances.filter((x) => x.kind === v.kind && x.item === v.item).map((x) => x.amount));
            assert.equal(postedBeforeClosing(r, VARIANCE_ROLE[v.kind], v.item).toFixed(), listed.toFixed(), `${where}: ${v.kind} ${v.item}`);
          }
          // The other way: each variance account journaled is listed, and all of them are closed at the end.
          for (const [kind, role] of Object.entries(VARIANCE_ROLE)) {
            const items = new Set(r.journal.flatMap((e) => e.lines.filter((l) => l.role === role).map((l) => l.item)));
            for (const item of items) {
              const posted = postedBeforeClosing(r, role, item);
              if (posted.isZero()) continue;
              assert.ok(
                r.variances.some((v) => v.kind === kind && v.item === item),
                `${where}: ${role} ${item} journaled ${posted} but not listed`,
              );
            }
            assert.ok(sum(r.balances.filter((b) => b.role === role).map((b) => b.endingValue)).isZero(), `${where}: ${role} closed`);
          }
          assert.ok(r.totals.debit.equals(r.totals.credit), where);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("completion, sale: materials clearing ends at the counted materials at standard, when nothing was on hand at the start", () => {
    // Clearing = invoices at standard − flushed − (book − counted) at standard = counted at standard, to the rounding of its lines.
    fc.assert(
      fc.property(anyPeriod, (input) => {
        if ((input.inventory ?? []).some((i) => i.opening !== undefined)) return;
        const r = runBackflush({ ...input, settings: { ...input.settings, sequence: "completion-sale" } });
        const unit = new Dec(1).dividedBy(new Dec(10).pow(r.settings.minorUnits));
        assert.equal(r.balances.filter((b) => b.role === "RIP").length, 0);
        assert.ok(!r.journal.some((e) => e.kind !== "invoices" && e.lines.some((l) => l.role === "AP")), "AP only from invoices");
        for (const inv of input.inventory ?? []) {
          const item = input.items.find((i) => i.item === inv.item)!;
          if (inv.count === undefined || item.type !== "material") continue;
          const lines = r.journal.flatMap((e) => e.lines.filter((l) => l.role === "MATERIALS_CLEARING" && l.item === inv.item)).length;
          const held = sum(r.balances.filter((b) => b.role === "MATERIALS_CLEARING" && b.item === inv.item).map((b) => b.endingValue));
          const atStandard = inv.count.times(item.stdPrice!);
          assert.ok(held.minus(atStandard).abs().lte(unit.times(lines + 1)), `${inv.item}: clearing ${held} vs counted ${inv.count} × ${item.stdPrice}`);
        }
      }),
      { numRuns: 60 },
    );
  });
});
