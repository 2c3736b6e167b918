/**
 * Exact arithmetic for money and quantities, and THE rounding rule.
 *
 * Every amount and quantity in Backflush is a `Dec` (a decimal.js clone with
 * 40 significant digits), never a JavaScript float. Unit costs and quantities
 * keep full precision; money is rounded exactly once, when a journal line is
 * made, by `roundMoney`. See docs/rounding.md for the rule in words.
 */
import Decimal from "decimal.js";

/** The project's decimal type: 40 significant digits, half-up rounding. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

export const ZERO: Dec = new Dec(0);
export const ONE: Dec = new Dec(1);

/** Accepts what callers hold (a Dec, a decimal string, or an exact JS number) and makes a Dec. */
export function dec(value: Dec | string | number): Dec {
  return value instanceof Dec ? value : new Dec(value);
}

/**
 * The rounding rule, written once: an amount is rounded to the currency's
 * minor unit, half away from zero (2.345 → 2.35, −2.345 → −2.35).
 */
export function roundMoney(amount: Dec, minorUnits: number): Dec {
  return amount.toDecimalPlaces(minorUnits, Dec.ROUND_HALF_UP);
}

/**
 * Sums many decimals exactly, cheaply when values repeat: equal instances
 * (adapters share one Dec per distinct cell value) are counted, and each
 * distinct value is multiplied by its count once at the end.
 */
export class DecTally {
  // A group holds few distinct values: a short array scan beats a Map, and allocates nothing per add.
  private readonly values: Dec[] = [];
  private readonly counts: number[] = [];
  private overflow?: Map<Dec, number>;
  add(value: Dec): void {
    if (this.overflow) {
      this.overflow.set(value, (this.overflow.get(value) ?? 0) + 1);
      return;
    }
    const i = this.values.indexOf(value);
    if (i >= 0) this.counts[i]++;
    else if (this.values.length < 16) {
      this.values.push(value);
      this.counts.push(1);
    } else {
      this.overflow = new Map(this.values.map((v, k) => [v, this.counts[k]]));
      this.overflow.set(value, 1);
    }
  }
  total(): Dec {
    let t = ZERO;
    const pairs: Iterable<[Dec, number]> = this.overflow ?? this.values.map((v, k): [Dec, number] => [v, this.counts[k]]);
    for (const [value, n] of pairs) t = t.plus(n === 1 ? value : value.times(n));
    return t;
  }
}

/** Sum of a list of decimals. */
export function sum(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/**
 * Splits `total` (already in minor units) over `weights` so that the shares
 * add up to `total` exactly: each share is rounded down to the minor unit and
 * the left-over minor units go to the largest remainders (ties: earlier first).
 * Zero or empty weights yield all-zero shares except when total is zero.
 */
export function apportion(total: Dec, weights: readonly Dec[], minorUnits: number): Dec[] {
  const weightSum = sum(weights);
  if (weights.length === 0) return [];
  if (weightSum.isZero()) return weights.map(() => ZERO);
  const unit = new Dec(1).dividedBy(new Dec(10).pow(minorUnits));
  const sign = total.isNegative() ? -1 : 1;
  const abs = total.abs();
  const exact = weights.map((w) => abs.times(w).dividedBy(weightSum));
  const floors = exact.map((x) => x.toDecimalPlaces(minorUnits, Dec.ROUND_DOWN));
  let leftover = abs.minus(sum(floors)).dividedBy(unit).round().toNumber();
  const order = exact
    .map((x, i) => ({ i, rem: x.minus(floors[i]) }))
    .sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
  const shares = floors.slice();
  for (let k = 0; leftover > 0 && k < order.length; k++, leftover--) {
    shares[order[k].i] = shares[order[k].i].plus(unit);
  }
  return shares.map((s) => (sign < 0 ? s.negated() : s));
}

/** Minor units of an ISO 4217 currency (2 when unknown), from the JS runtime's own tables. */
export function minorUnitsOf(currency: string): number {
  try {
    const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
    return typeof digits === "number" ? digits : 2;
  } catch {
    return 2;
  }
}
