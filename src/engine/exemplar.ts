/**
 * A plant of a few rows that takes most paths of a run: two materials, a
 * phantom, two assemblies one above the other, scrap, a BOM change in the
 * period, purchases, completions, sales, conversion costs in two categories,
 * opening stock and counts. A run keeps one run of it alive afterwards, so
 * that the shapes of the run's objects outlive the run (shapes.ts says why).
 */
import { Dec } from "./money";
import type { PeriodInput, Settings } from "./types";

const d = (text: string): Dec => new Dec(text);

/** The exemplar plant, with the trigger sequence, currency and disposition of `settings` (its own period). */
export function exemplarInput(settings: Settings): PeriodInput {
  const { sequence, currency, disposition } = settings;
  return {
    settings: { sequence, currency, disposition, periodStart: "2000-01-01", periodEnd: "2000-01-31" },
    items: [
      { item: "M1", type: "material", stdPrice: d("2.35"), row: 2 },
      { item: "M2", type: "material", stdPrice: d("0.125"), row: 3 },
      { item: "P1", type: "phantom", stdConversion: d("0.5"), row: 4 },
      { item: "A1", type: "assembly", stdConversion: d("10.25"), row: 5 },
      { item: "B1", type: "assembly", stdConversion: d("4"), row: 6 },
    ],
    bom: [
      { parent: "A1", component: "P1", qtyPer: d("2"), scrap: d("0"), row: 2 },
      { parent: "P1", component: "M1", qtyPer: d("1.5"), scrap: d("0.05"), row: 3 },
      { parent: "A1", component: "M2", qtyPer: d("3"), scrap: d("0"), validTo: "2000-01-15", row: 4 },
      { parent: "A1", component: "M2", qtyPer: d("3.5"), scrap: d("0.02"), validFrom: "2000-01-16", row: 5 },
      { parent: "B1", component: "A1", qtyPer: d("1"), scrap: d("0"), row: 6 },
      { parent: "B1", component: "M1", qtyPer: d("0.25"), scrap: d("0"), row: 7 },
    ],
    purchases: [
      { date: "2000-01-03", item: "M1", qty: d("400"), amount: d("950.4"), ref: "PO-1", row: 2 },
      { date: "2000-01-03", item: "M2", qty: d("1200.5"), amount: d("160"), ref: "PO-2", row: 3 },
      { date: "2000-01-20", item: "M1", qty: d("250"), amount: d("600"), ref: "PO-3", row: 4 },
    ],
    completions: [
      { date: "2000-01-05", item: "A1", qty: d("10"), ref: "WO-1", row: 2 },
      { date: "2000-01-05", item: "A1", qty: d("2.5"), ref: "WO-2", row: 3 },
      { date: "2000-01-05", item: "B1", qty: d("4"), ref: "WO-3", row: 4 },
      { date: "2000-01-20", item: "A1", qty: d("6"), ref: "WO-4", row: 5 },
      { date: "2000-01-20", item: "B1", qty: d("3"), ref: "WO-5", row: 6 },
    ],
    sales: [
      { date: "2000-01-06", item: "A1", qty: d("8"), ref: "SO-1", row: 2 },
      { date: "2000-01-21", item: "B1", qty: d("5"), ref: "SO-2", row: 3 },
      { date: "2000-01-21", item: "A1", qty: d("1.5"), ref: "SO-3", row: 4 },
    ],
    conversion: [
      { date: "2000-01-31", amount: d("250"), category: "Labour", ref: "C-1", row: 2 },
      { date: "2000-01-31", amount: d("120.5"), category: "Overhead", ref: "C-2", row: 3 },
    ],
    inventory: [
      { item: "M1", opening: d("100"), count: d("150"), row: 2 },
      { item: "M2", opening: d("50"), count: d("40"), row: 3 },
      { item: "A1", opening: d("3"), count: d("2"), row: 4 },
      { item: "B1", opening: d("2"), count: d("1"), row: 5 },
    ],
  };
}
