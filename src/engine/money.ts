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
  // Nothing to round (sums of rounded amounts, prices in cents): the amount itself, without the copy.
  return amount.decimalPlaces() <= minorUnits ? amount : amount.toDecimalPlaces(minorUnits, Dec.ROUND_HALF_UP);
}

/**
 * Distinct decimals, each with a small index; equal values share one, whatever
 * their instance. Looked up by a hash of the value's digits (an integer key,
 * no text built), and confirmed digit by digit.
 */
export class DecIndex {
  private readonly values: Dec[] = [];
  private readonly byHash = new Map<number, number>();
  /** Values whose hash another value already holds (rare): by their text. */
  private collided?: Map<string, number>;

  indexOf(value: Dec): number {
    // NaN and infinities never equal anything here (validation keeps them out of sums).
    if (!value.isFinite()) return this.values.push(value) - 1;
    const h = decHash(value);
    const held = this.byHash.get(h);
    if (held === undefined) {
      this.byHash.set(h, this.values.length);
      return this.values.push(value) - 1;
    }
    if (sameDec(this.values[held], value)) return held;
    const text = value.toString();
    const other = (this.collided ??= new Map()).get(text);
    if (other !== undefined) return other;
    this.collided.set(text, this.values.length);
    return this.values.push(value) - 1;
  }

  valueAt(index: number): Dec {
    return this.values[index];
  }

  /** Distinct values so far. */
  get size(): number {
    return this.values.length;
  }
}

/**
 * Equality of two finite decimals by their parts. decimal.js keeps values
 * normalised (no leading or trailing zero limbs), so equal values have equal
 * sign, exponent and digits; only zero has two signs.
 */
function sameDec(a: Dec, b: Dec): boolean {
  if (a === b) return true;
  if (a.e !== b.e || a.d.length !== b.d.length) return false;
  if (a.isZero()) return b.isZero();
  if (a.s !== b.s) return false;
  for (let k = 0; k < a.d.length; k++) if (a.d[k] !== b.d[k]) return false;
  return true;
}

/** A hash of a finite decimal's value, consistent with sameDec. */
function decHash(v: Dec): number {
  if (v.isZero()) return 0;
  let h = v.s * 31 + v.e;
  for (const limb of v.d) h = (h * 31 + limb) | 0;
  return h;
}

/** Finite and within 5 limbs (35 digits), so inside the 40-digit precision: 0 ± x is exactly ±x. */
function withinPrecision(x: Dec): boolean {
  return x.isFinite() && x.d.length <= 5;
}

/**
 * sum + x as decimal.js computes it, without the work when x is zero: a sum
 * (at most 40 digits) plus zero is the sum itself, save that a zero sum is −0
 * only when both zeros are.
 */
export function plusToSum(sum: Dec, x: Dec): Dec {
  if (!x.isZero()) return sum.plus(x);
  return sum.isZero() && sum.isNegative() !== x.isNegative() ? ZERO : sum;
}

/**
 * 0 + x as decimal.js computes it: x rounded to the 40-digit precision, and
 * +0 for either zero. That is x itself whenever x fits in 5 limbs (35 digits),
 * which spares the copy a sum makes.
 */
export function plusZero(x: Dec): Dec {
  if (x.isZero()) return ZERO;
  return withinPrecision(x) ? x : ZERO.plus(x);
}

/** total + x as decimal.js sums it, no total yet counting as zero. */
export function addTo(total: Dec | undefined, x: Dec): Dec {
  return total === undefined ? plusZero(x) : total.plus(x);
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
