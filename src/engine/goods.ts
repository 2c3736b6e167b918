/**
 * Leaf materials inside goods on hand: the Inventory rows of assemblies
 * (their opening or their count) exploded to materials and added up per
 * material, for the period-end counts where no FG is kept.
 *
 * The Dec way (the reference) multiplies each row's units by its item's
 * explosion and adds up row by row. The integer way pushes the rows' units,
 * added up per item, down the BOM at once (BomModel.explodeDemandExact): the
 * exact same totals, in a pass over the BOM lines instead of a BigInt product
 * and sum per row and material. They are the Dec figures because every term
 * is positive (Opening, Count and quantities per are above zero) and, at the
 * kernel's scale for a material (the demand's decimals + the material's
 * offset, at least those of any row's term), its total is below 10^40 units:
 * so every Dec product and partial sum had at most 40 significant digits and
 * was exact. Where the kernel cannot say so, the Dec way answers.
 */
import { DEC_DIGITS, type Dec } from "./money";
import type { Explosion } from "./bom";
import { SCALED_ZERO, decOf, digitCount, plus, scaledOf, type Scaled } from "./scaled";

/** Goods of an assembly: its units (above zero) and its Inventory row (none for goods known from the movements alone). */
export interface GoodsRow {
  item: string;
  units: Dec;
  row?: number;
}

/** Material → quantity inside the goods, and the sheet rows it comes from (in row-list order). */
export type MaterialsInGoods = Map<string, { qty: Dec; rows: number[] }>;

/** How goods are exploded, in one BOM version. */
export interface GoodsBom {
  /** One unit of an item in leaf materials, as Decs (the reference's). */
  explode(item: string): Explosion;
  /** The same materials in the same order (only its keys are read here). */
  explodeScaled(item: string): ReadonlyMap<string, Scaled>;
  /** A whole demand down the BOM in exact integers; undefined where they cannot vouch for the Dec result. */
  explodeDemandExact(demand: ReadonlyMap<string, Dec>): Map<string, Scaled> | undefined;
}

/** The materials in `goods`, identical to `materialsInGoodsDec` (same values, same map order, same rows). */
export function materialsInGoods(goods: readonly GoodsRow[], bom: GoodsBom): MaterialsInGoods {
  return materialsInGoodsScaled(goods, bom) ?? materialsInGoodsDec(goods, bom);
}

/** In exact integers; undefined when they cannot vouch for the Dec result (units not above zero, a figure past 40 digits). */
export function materialsInGoodsScaled(goods: readonly GoodsRow[], bom: GoodsBom): MaterialsInGoods | undefined {
  const units = new Map<string, Scaled>();
  // Rows per material, materials in the order of their first row: the Dec way's order.
  const rowsOf = new Map<string, number[]>();
  // Per material, the most decimals a row's term has (its units' and its explosion's): the Dec way adds at that scale.
  const termScale = new Map<string, number>();
  for (const g of goods) {
    const u = scaledOf(g.units);
    if (u.units <= 0n) return undefined;
    units.set(g.item, plus(units.get(g.item) ?? SCALED_ZERO, u));
    for (const [m, per] of bom.explodeScaled(g.item)) {
      const rows = rowsOf.get(m);
      if (!rows) rowsOf.set(m, g.row === undefined ? [] : [g.row]);
      else if (g.row !== undefined) rows.push(g.row);
      termScale.set(m, Math.max(termScale.get(m) ?? 0, u.scale + per.scale));
    }
  }
  const out: MaterialsInGoods = new Map();
  if (rowsOf.size === 0) return out;
  const demand = new Map<string, Dec>();
  for (const [item, u] of units) demand.set(item, decOf(u));
  const totals = bom.explodeDemandExact(demand);
  if (!totals) return undefined;
  for (const [m, rows] of rowsOf) {
    const qty = totals.get(m);
    if (qty === undefined) return undefined; // the same BOM reaches the same materials; never here
    // The demand adds rows up before the BOM, and a sum can lose decimals (0.5 + 0.5 = 1): the total must also be
    // under 10^40 at the rows' own scale, or a Dec partial sum had more than 40 digits and was rounded.
    if (digitCount(qty.units) + Math.max(0, termScale.get(m)! - qty.scale) > DEC_DIGITS) return undefined;
    out.set(m, { qty: decOf(qty), rows });
  }
  return out;
}

/**
 * `row` and `rows` in ascending order, as [row, ...rows].sort() by number
 * gives them. The rows of goods come ascending when the Inventory is read in
 * sheet order: then the row is put in its place, without sorting hundreds.
 */
export function withRow(row: number, rows: readonly number[]): number[] {
  for (let k = 1; k < rows.length; k++) if (rows[k - 1] > rows[k]) return [row, ...rows].sort((a, b) => a - b);
  let at = 0;
  while (at < rows.length && rows[at] < row) at++;
  const out = rows.slice();
  out.splice(at, 0, row);
  return out;
}

/** In Dec, row by row: the reference the integers must match, and their fallback. */
export function materialsInGoodsDec(goods: readonly GoodsRow[], bom: Pick<GoodsBom, "explode">): MaterialsInGoods {
  const out: MaterialsInGoods = new Map();
  for (const g of goods) {
    for (const [m, per] of bom.explode(g.item)) {
      const q = g.units.times(per);
      const x = out.get(m);
      if (x) {
        x.qty = x.qty.plus(q);
        if (g.row !== undefined) x.rows.push(g.row);
      } else out.set(m, { qty: q, rows: g.row === undefined ? [] : [g.row] });
    }
  }
  return out;
}
