/**
 * Purchases per material over the period (quantity, amount paid, sheet rows),
 * for the period-end price variance and counts.
 *
 * Added up in exact scaled integers. Dec's sums round only past 40
 * significant digits; every quantity is above zero and every amount at least
 * zero (validation), so each partial sum is at most its total, and a total
 * below 10^40 units at its scale means the Dec sums were exact. Past that
 * (absurd data), the Dec arithmetic answers.
 */
import type { Dec } from "./money";
import type { MovementGroup } from "./prepare";
import { decOf, fitsDec, plus, scaledOf, type Scaled } from "./scaled";

export interface PurchaseTotal {
  qty: Dec;
  amount: Dec;
  /** In sheet order. */
  rows: number[];
}

/** Purchases per material, identical to `purchaseTotalsDec` (same values, same map order); `days` holds each day's groups. */
export function purchaseTotals(days: Iterable<readonly MovementGroup[]>): Map<string, PurchaseTotal> {
  const list = [...days];
  const out = purchaseTotalsScaled(list) ?? purchaseTotalsDec(list);
  for (const b of out.values()) b.rows.sort((x, y) => x - y);
  return out;
}

/** In exact integers; undefined when they cannot vouch for the Dec result (a figure below zero, −0 included, or a total past 40 digits). */
export function purchaseTotalsScaled(days: Iterable<readonly MovementGroup[]>): Map<string, PurchaseTotal> | undefined {
  const sums = new Map<string, { qty: Scaled; amount: Scaled; rows: number[] }>();
  for (const groups of days) {
    for (const g of groups) {
      if (g.qty.isNegative() || g.amount.isNegative()) return undefined;
      const b = sums.get(g.item);
      if (b) {
        b.qty = plus(b.qty, scaledOf(g.qty));
        b.amount = plus(b.amount, scaledOf(g.amount));
        for (const r of g.rows) b.rows.push(r); // not push(...rows): a day's rows of one item can pass the engine's argument limit
      } else sums.set(g.item, { qty: scaledOf(g.qty), amount: scaledOf(g.amount), rows: [...g.rows] });
    }
  }
  const out = new Map<string, PurchaseTotal>();
  for (const [item, { qty, amount, rows }] of sums) {
    // Every term was at least 0: each partial sum was at most this total.
    if (!fitsDec(qty) || !fitsDec(amount)) return undefined;
    out.set(item, { qty: decOf(qty), amount: decOf(amount), rows });
  }
  return out;
}

/** In Dec, group by group: the reference the integers must match, and their fallback (rows unsorted). */
export function purchaseTotalsDec(days: Iterable<readonly MovementGroup[]>): Map<string, PurchaseTotal> {
  const out = new Map<string, PurchaseTotal>();
  for (const groups of days) {
    for (const g of groups) {
      const b = out.get(g.item);
      if (b) {
        b.qty = b.qty.plus(g.qty);
        b.amount = b.amount.plus(g.amount);
        for (const r of g.rows) b.rows.push(r); // not push(...rows): a day's rows of one item can pass the engine's argument limit
      } else out.set(g.item, { qty: g.qty, amount: g.amount, rows: [...g.rows] });
    }
  }
  return out;
}
