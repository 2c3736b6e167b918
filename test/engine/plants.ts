/**
 * Random plants and periods for property tests (fast-check): BOMs as DAGs of
 * 1–4 levels, phantoms, scrap, BOM versions, prices in cents or fractions of
 * a cent, and movements, counts and openings anywhere, in every sequence.
 */
import fc from "fast-check";
import { Dec, ZERO, TRIGGER_SEQUENCES } from "../../src/engine";
import type { BomLineRecord, InventoryRecord, ItemRecord, MovementRecord, PeriodInput, PurchaseRecord, Settings, TriggerSequence } from "../../src/engine";

export const PERIOD = { periodStart: "2026-11-01", periodEnd: "2026-11-30" } as const;
export const day = (d: number) => `2026-11-${String(d).padStart(2, "0")}`;

// ------------------------------------------------------------------ plants

export interface Plant {
  items: ItemRecord[];
  bom: BomLineRecord[];
  materials: string[];
  /** Assemblies (not phantoms): what can be completed, sold and stocked. */
  products: string[];
}

export const cents = (max: number) => fc.integer({ min: 1, max }).map((n) => new Dec(n).dividedBy(100));
/** Standard prices: in cents, or in fractions of a cent (four decimals). */
const priceArb = fc.oneof(cents(5000), fc.integer({ min: 1, max: 200_000 }).map((n) => new Dec(n).dividedBy(10_000)));
const lineArb = fc.record({
  pick: fc.nat(),
  qtyPer: fc.oneof(fc.integer({ min: 1, max: 12 }).map((n) => new Dec(n)), fc.integer({ min: 1, max: 40 }).map((n) => new Dec(n).dividedBy(8))),
  scrap: fc.oneof(fc.constant(ZERO), fc.integer({ min: 1, max: 25 }).map((n) => new Dec(n).dividedBy(100))),
});
const parentArb = fc.record({
  phantom: fc.boolean(),
  conversion: fc.oneof(fc.constant(ZERO), cents(2000)),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
  /** A second BOM version from `split` on, when present. */
  later: fc.option(fc.array(lineArb, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  split: fc.integer({ min: 2, max: 29 }),
});

/** A DAG by construction: an item of level L only uses materials and items of lower levels. */
export function plantArb(opts: { versions: boolean }): fc.Arbitrary<Plant> {
  return fc
    .record({
      prices: fc.array(priceArb, { minLength: 1, maxLength: 4 }),
      levels: fc.array(fc.array(parentArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }),
    })
    .map(({ prices, levels }) => {
      let row = 2;
      const materials = prices.map((_, i) => `M${i}`);
      const items: ItemRecord[] = prices.map((p, i) => ({ item: materials[i], type: "material", stdPrice: p, row: row++ }));
      const bom: BomLineRecord[] = [];
      const below = [...materials];
      const products: string[] = [];
      levels.forEach((level, L) => {
        const made: string[] = [];
        level.forEach((x, j) => {
          const id = `A${L + 1}${String.fromCharCode(97 + j)}`;
          // The top level is always made (phantoms are never stocked, so they cannot be the products).
          const phantom = x.phantom && L < levels.length - 1;
          items.push({ item: id, type: phantom ? "phantom" : "assembly", stdConversion: x.conversion, row: row++ });
          const addLines = (lines: typeof x.lines, validFrom?: string, validTo?: string) => {
            const used = new Set<string>();
            for (const l of lines) {
              const component = below[l.pick % below.length];
              if (used.has(component)) continue; // one line per (parent, component) in a version
              used.add(component);
              bom.push({ parent: id, component, qtyPer: l.qtyPer, scrap: l.scrap, validFrom, validTo, row: row++ });
            }
          };
          if (opts.versions && x.later) {
            addLines(x.lines, undefined, day(x.split - 1));
            addLines(x.later, day(x.split));
          } else addLines(x.lines);
          if (!phantom) products.push(id);
          made.push(id);
        });
        below.push(...made);
      });
      return { items, bom, materials, products };
    });
}

// ------------------------------------------------------------------ periods

export const qtyArb = fc.oneof(fc.integer({ min: 1, max: 60 }).map((n) => new Dec(n)), fc.integer({ min: 1, max: 40 }).map((n) => new Dec(n).dividedBy(4)));
const movementArb = fc.record({ pick: fc.nat(), day: fc.integer({ min: 1, max: 30 }), qty: qtyArb });
const settingsArb = fc.record({
  sequence: fc.constantFrom<TriggerSequence>(...TRIGGER_SEQUENCES),
  disposition: fc.constantFrom<Settings["disposition"]>("cogs", "prorate"),
  currency: fc.constantFrom("USD", "USD", "JPY", "BHD"),
});

/** Any period over a plant: movements in any order, counts and openings anywhere. */
export function periodArb(plant: Plant): fc.Arbitrary<PeriodInput> {
  return fc
    .record({
      completions: fc.array(movementArb, { maxLength: 6 }),
      sales: fc.array(movementArb, { maxLength: 6 }),
      purchases: fc.array(fc.record({ pick: fc.nat(), day: fc.integer({ min: 1, max: 30 }), qty: qtyArb, amount: cents(500_000) }), { maxLength: 6 }),
      conversion: fc.array(fc.record({ day: fc.integer({ min: 1, max: 30 }), amount: cents(300_000), category: fc.constantFrom("Labor", "Overhead", undefined) }), { maxLength: 3 }),
      stock: fc.array(fc.record({ opening: fc.option(qtyArb, { nil: undefined }), count: fc.option(fc.oneof(fc.constant(ZERO), qtyArb), { nil: undefined }) }), { minLength: plant.materials.length + plant.products.length, maxLength: plant.materials.length + plant.products.length }),
      settings: settingsArb,
    })
    .map((x) => {
      let row = 1000;
      const mv = (list: typeof x.completions, from: string[]): MovementRecord[] => list.map((m, i) => ({ date: day(m.day), item: from[m.pick % from.length], qty: m.qty, ref: `R${i}`, row: row++ }));
      const stockable = [...plant.materials, ...plant.products];
      return {
        items: plant.items,
        bom: plant.bom,
        completions: mv(x.completions, plant.products),
        sales: mv(x.sales, plant.products),
        purchases: x.purchases.map((p, i): PurchaseRecord => ({ date: day(p.day), item: plant.materials[p.pick % plant.materials.length], qty: p.qty, amount: p.amount, ref: `P${i}`, row: row++ })),
        conversion: x.conversion.map((c, i) => ({ date: day(c.day), amount: c.amount, category: c.category, ref: `C${i}`, row: row++ })),
        inventory: x.stock.map((s, i): InventoryRecord => ({ item: stockable[i], opening: s.opening, count: s.count, row: row++ })).filter((s) => s.opening || s.count),
        settings: { ...PERIOD, ...x.settings },
      };
    });
}

export const anyPeriod = plantArb({ versions: true }).chain((plant) => periodArb(plant));

