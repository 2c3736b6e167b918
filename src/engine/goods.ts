/**
 * Leaf materials inside goods on hand: the Inventory rows of assemblies
 * (their opening or their count) exploded to materials and added up per
 * material, for the period-end counts where no FG is kept.
 *
 * Worked in exact scaled integers (scaled.ts). Dec's products round as
 * `times` does, and its sums only round past 40 significant digits: every
 * term is positive (Opening and Count are never negative, zero rows are
 * left out), so each partial sum is at most its material's total, and a
 * total below 10^40 units at its scale means every Dec sum was exact. Past
 * that (absurd data), the Dec arithmetic answers.
 */
import type { Explosion } from "./bom";
import type { Dec } from "./money";
import { decOf, fitsDec, plus, scaledOf, times, type Scaled } from "./scaled";

/** One Inventory row of an assembly: its units (above zero) and its sheet row. */
export interface GoodsRow {
  item: string;
  units: Dec;
  row: number;
}

/** Material → quantity inside the goods, and the sheet rows it comes from (in row-list order). */
export type MaterialsInGoods = Map<string, { qty: Dec; rows: number[] }>;

/** The materials in `goods`, identical to `materialsInGoodsDec` (same values, same map order). */
export function materialsInGoods(goods: readonly GoodsRow[], explodeScaled: (item: string) => ReadonlyMap<string, Scaled>, explode: (item: string) => Explosion): MaterialsInGoods {
  return materialsInGoodsScaled(goods, explodeScaled) ?? materialsInGoodsDec(goods, explode);
}

/** In exact integers; undefined when they cannot vouch for the Dec result (a term below zero, a total past 40 digits). */
export function materialsInGoodsScaled(goods: readonly GoodsRow[], explodeScaled: (item: string) => ReadonlyMap<string, Scaled>): MaterialsInGoods | undefined {
  const sums = new Map<string, { qty: Scaled; rows: number[] }>();
  for (const g of goods) {
    const units = scaledOf(g.units);
    if (units.units <= 0n) return undefined;
    for (const [m, per] of explodeScaled(g.item)) {
      if (per.units < 0n) return undefined;
      const q = times(units, per);
      const x = sums.get(m);
      if (x) {
        x.qty = plus(x.qty, q);
        x.rows.push(g.row);
      } else sums.set(m, { qty: q, rows: [g.row] });
    }
  }
  const out: MaterialsInGoods = new Map();
  for (const [m, { qty, rows }] of sums) {
    // Every term was at least 0: each partial sum was at most this total.
    if (!fitsDec(qty)) return undefined;
    out.set(m, { qty: decOf(qty), rows });
  }
  return out;
}

/** In Dec, row by row: the reference the integers must match, and their fallback. */
export function materialsInGoodsDec(goods: readonly GoodsRow[], explode: (item: string) => Explosion): MaterialsInGoods {
  const out: MaterialsInGoods = new Map();
  for (const g of goods) {
    for (const [m, per] of explode(g.item)) {
      const q = g.units.times(per);
      const x = out.get(m);
      if (x) {
        x.qty = x.qty.plus(q);
        x.rows.push(g.row);
      } else out.set(m, { qty: q, rows: [g.row] });
    }
  }
  return out;
}
