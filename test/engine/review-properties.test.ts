/**
 * Properties of the standards review over random plants (fast-check): seeded
 * plants from the sample generator, read from their cells as a workbook is,
 * with their standard prices knocked off by up to ±25 % so that some are
 * proved wrong, in every trigger sequence.
 *
 * Figures compared across a run carry the rounding the one rule allows: half
 * a minor unit per journal line of the item (each rounded on its own), and
 * half a unit in the proposal's last place per unit bought (a proposal is
 * rounded to the minor unit + PROPOSAL_EXTRA_PLACES decimals).
 */
import { strict as assert } from "node:assert";
import { SEQUENCE_RULES } from "../../src/engine/sequences";
import fc from "fast-check";
import { Dec, PROPOSAL_EXTRA_PLACES, TRIGGER_SEQUENCES, USAGE_PLACES, reviewStandards, runBackflush } from "../../src/engine";
import type { BackflushResult, GroupedPeriodInput, ReviewRow } from "../../src/engine";
import { generatePlant, rawTablesOf } from "../../src/sample";
import { readInput } from "../../src/workbook/parse";
import { renderSheets } from "../../src/workbook/render";
import { DEFAULT_ACCOUNTS } from "../../src/workbook/schema";

const RUNS = { numRuns: 25 };
const SKEWS = ["0.75", "0.9", "0.97", "1", "1.04", "1.1", "1.25"].map((s) => new Dec(s));

const plantArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  sequence: fc.constantFrom(...TRIGGER_SEQUENCES),
  skews: fc.array(fc.nat({ max: SKEWS.length - 1 }), { minLength: 8, maxLength: 8 }),
});

type PlantChoice = typeof plantArb extends fc.Arbitrary<infer T> ? T : never;

/** A small generated plant with some standard prices moved off what it pays. */
function plantOf({ seed, sequence, skews }: PlantChoice): GroupedPeriodInput {
  const read = readInput(
    rawTablesOf(generatePlant({ seed, sequence, materials: 8, assemblies: 5, bomDepth: 2, bomWidth: 3, completionRows: 60, salesRows: 20, purchaseRows: 24, conversionRows: 4, periodDays: 12 })),
  );
  assert.ok(read.input, read.problems.map((p) => p.message).join("; "));
  // Tiny generated plants can sell more than was made and count the goods below zero (src/sample/generator.ts): such a plant is no period.
  fc.pre(!read.input.inventory?.some((r) => r.count?.isNegative()));
  let m = 0;
  const items = read.input.items.map((it) => (it.type === "material" && it.stdPrice ? { ...it, stdPrice: it.stdPrice.times(SKEWS[skews[m++ % skews.length]]).toDecimalPlaces(4) } : it));
  return { ...read.input, items };
}

/** Half a minor unit per journal line naming the item, plus one for a figure rounded outside the journal. */
function lineRounding(result: BackflushResult, item: string): Dec {
  const lines = result.journal.reduce((n, e) => n + e.lines.filter((l) => l.item === item).length, 0);
  return new Dec(lines + 1).times(half(result.settings.minorUnits));
}
const half = (places: number) => new Dec(5).times(new Dec(10).pow(-places - 1));
const within = (a: Dec, b: Dec, bound: Dec, what: string) => assert.ok(a.minus(b).abs().lessThanOrEqualTo(bound), `${what}: ${a} vs ${b}, bound ${bound}`);

describe("engine: standards review, properties", function () {
  this.timeout(120_000);

  it("adopting every proposal and rerunning the period leaves no price variance on any flagged material", () => {
    let flaggedSeen = 0;
    fc.assert(
      fc.property(plantArb, (p) => {
        const input = plantOf(p);
        const result = runBackflush(input);
        const review = reviewStandards(input, result);
        const flagged = review.rows.filter((r) => r.kind === "price" && r.flagged);
        flaggedSeen += flagged.length;
        const adopted = { ...input, items: review.proposedItems, bom: review.proposedBom };
        const rerun = runBackflush(adopted);
        const mu = rerun.settings.minorUnits;
        for (const row of flagged) {
          const ppv = rerun.variances.find((v) => v.kind === "price" && v.item === row.item);
          const amount = ppv?.amount ?? new Dec(0);
          // What is left is the rounding of the rule only: per line, and the proposal's own last place.
          within(amount, new Dec(0), lineRounding(rerun, row.item).plus(row.basis.times(half(mu + PROPOSAL_EXTRA_PLACES))), `PPV on ${row.item} after adopting ${row.proposed}`);
          // And the rerun's review finds the new price right.
          const again = reviewStandards(adopted, rerun).rows.find((r) => r.kind === "price" && r.item === row.item)!;
          assert.equal(again.flagged, false, `${row.item} still flagged at ${again.standard}`);
        }
      }),
      RUNS,
    );
    assert.ok(flaggedSeen > 0, "some plant had a flagged price");
  });

  it("the review's figures agree with the Variances sheet", () => {
    fc.assert(
      fc.property(plantArb, (p) => {
        const input = plantOf(p);
        const result = runBackflush(input);
        const review = reviewStandards(input, result);
        const mu = result.settings.minorUnits;
        const sheet = renderSheets(result, { when: "now", accounts: DEFAULT_ACCOUNTS, sheets: {}, inputs: [], notes: [], version: "test" }).find((s) => s.kind === "Variances")!;
        const header = (name: string) => sheet.columns.findIndex((c) => c.header === name);
        const [KIND, ITEM, QTY, STD, ACTUAL, BOOK, COUNTED, ALLOCATED, INCURRED] = ["Kind", "Item", "Priced qty", "At standard price", "At actual price", "Book qty", "Counted qty", "Allocated", "Incurred"].map(header);
        const sheetRow = (kind: string, item: string) => sheet.rows.find((r) => r[KIND] === kind && r[ITEM] === item);
        const byKind = (kind: ReviewRow["kind"]) => review.rows.filter((r) => r.kind === kind);

        for (const row of byKind("price")) {
          const line = sheetRow("price", row.item);
          if (!line) continue; // a sequence that books no purchases lists what it flushed; nothing of this was
          const qty = line[QTY] as Dec;
          const last = half(mu + PROPOSAL_EXTRA_PLACES).times(qty);
          // Paid: the sheet's actual is the average price the review shows, times the quantity.
          within(line[ACTUAL] as Dec, row.actual!.times(qty), half(mu).plus(last), `paid for ${row.item}`);
          within(line[STD] as Dec, row.standard!.times(qty), lineRounding(result, row.item), `${row.item} at standard`);
        }
        // Flushed at sale, use is measured by the goods Production made: the loose material that left (opening + bought −
        // counted, from the tables themselves), not the sheet's book − counted, which is reckoned against the sales' flush.
        const atSale = SEQUENCE_RULES[result.settings.sequence].flushAt === "sale";
        const bought = new Map<string, Dec>();
        for (const d of input.purchases.days()) for (const g of d.groups) bought.set(g.item, (bought.get(g.item) ?? new Dec(0)).plus(g.qty.toString()));
        for (const row of byKind("usage")) {
          if (row.thin) continue;
          const bound = row.basis.times(half(USAGE_PLACES)).times(2);
          if (atSale) {
            const inv = input.inventory!.find((r) => r.item === row.item)!;
            const left = (inv.opening ?? new Dec(0)).plus(bought.get(row.item) ?? new Dec(0)).minus(inv.count!);
            within(row.actual!.times(row.basis), left, bound, `use of ${row.item}`);
            continue;
          }
          const line = sheetRow("usage", row.item);
          // Book − counted, spread over the output: (actual − standard) per unit × units of output.
          const shortfall = line ? (line[BOOK] as Dec).minus(line[COUNTED] as Dec) : new Dec(0);
          within(row.actual!.minus(row.standard!).times(row.basis), shortfall, bound, `usage of ${row.item}`);
        }
        const conversion = sheetRow("conversion", "(all)");
        for (const row of byKind("conversion")) {
          assert.ok(conversion, "a conversion row on the sheet");
          const incurred = conversion[INCURRED] as Dec;
          // Allocated at completion, the basis is what the sheet says was allocated; allocated at sale (the goods sold's), it is
          // the standard conversion of the goods completed, which the review measures the incurred against (or none: thin).
          const atSale = SEQUENCE_RULES[result.settings.sequence].flushAt === "sale";
          const allocated = atSale ? row.basis : (conversion[ALLOCATED] as Dec);
          if (!atSale) assert.ok(row.basis.equals(allocated), `basis ${row.basis} = allocated ${allocated}`);
          if (row.thin) continue;
          within(row.actual!.times(allocated), row.standard!.times(incurred), allocated.times(half(mu + PROPOSAL_EXTRA_PLACES)), `rate of ${row.item}`);
          if (row.deviationPct) assert.equal(row.deviationPct.toFixed(2), incurred.minus(allocated).dividedBy(allocated).times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2));
        }
        // Every variance on the sheet that a standard explains is reviewed.
        for (const r of sheet.rows) {
          if (r[KIND] === "conversion") continue;
          assert.ok(review.rows.some((x) => x.kind === r[KIND] && x.item === r[ITEM]), `${String(r[KIND])} ${String(r[ITEM])} reviewed`);
        }
      }),
      RUNS,
    );
  });
});
