/**
 * Exact arithmetic for money and quantities, and THE rounding rule.
 *
 * Every amount and quantity in Backflush is a `Dec` (a decimal.js clone with
 * 40 significant digits), never a JavaScript float. Unit costs and quantities
 * keep full precision; money is rounded exactly once, when a journal line is
 * made, by the rounding rule (`roundToMinor`; `roundMoney` for a Dec). See
 * docs/rounding.md for the rule in words.
 */
import Decimal from "decimal.js";

/** The project's decimal type: 40 significant digits, half-up rounding. */
/** Significant digits of every Dec: products, quotients and sums round past them. */
export const DEC_DIGITS = 40;

export const Dec = Decimal.clone({ precision: DEC_DIGITS, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

export const ZERO: Dec = new Dec(0);

/**
 * Every figure a run takes (a quantity, an amount, a price, a QtyPer) and
 * every journal line it makes is below 10^15 in size: Excel keeps 15 digits,
 * and sums of a few million such lines, in minor units, stay far inside the
 * 40 digits the engine carries exactly (docs/workbook.md, "Limits").
 */
export const MAX_FIGURE = 1e15;
const MAX_FIGURE_DEC = new Dec(MAX_FIGURE);

/**
 * The size no journal line reaches in a currency of `minorUnits` decimals: a
 * workbook cell keeps 15 significant digits, so a line written to the Journal
 * and read back (the Closing, by the next period's --opening) keeps its last
 * minor unit only below 10^13 dollars and cents, 10^12 dinars and fils,
 * 10^15 yen.
 */
export function maxMoneyFor(minorUnits: number): number {
  return Math.min(MAX_FIGURE, 10 ** (15 - minorUnits));
}

/** Whether a figure is too large to be taken (|x| ≥ 10^15). */
export function beyondMaxFigure(x: Dec): boolean {
  return x.gte(MAX_FIGURE_DEC) || x.lte(MAX_FIGURE_DEC.negated());
}
export const ONE: Dec = new Dec(1);

/** How near, relative to their size, two figures a workbook kept must be to be the same: a cell keeps 15 significant digits. */
export const WORKBOOK_PRECISION = new Dec("1e-14");

/** Accepts what callers hold (a Dec, a decimal string, or an exact JS number) and makes a Dec. */
export function dec(value: Dec | string | number): Dec {
  return value instanceof Dec ? value : new Dec(value);
}

/**
 * The rounding rule, written once: an amount is rounded to the currency's
 * minor unit, half away from zero (2.345 → 2.35, −2.345 → −2.35). The rule
 * itself is `roundToMinor`, on exact integers; this is it for a Dec.
 */
export function roundMoney(amount: Dec, minorUnits: number): Dec {
  const places = amount.decimalPlaces();
  // Nothing to round (sums of rounded amounts, prices in cents), or nothing a rule applies to (NaN, infinities): the amount itself.
  if (places <= minorUnits || !amount.isFinite()) return unsignedZero(amount);
  const rounded = roundUnits(toUnits(amount, places), places, minorUnits);
  // An amount rounded to nothing is 0, never −0: nothing is neither favorable nor unfavorable, and a sheet must not print "-0".
  return rounded === 0n ? ZERO : fromUnitsByText(rounded, minorUnits);
}

/** x, with −0 made 0 (decimal.js keeps the sign of a zero, as in −1 × 0). */
export function unsignedZero(x: Dec): Dec {
  return x.isZero() ? ZERO : x;
}

/** `roundToMinor`, the count as a BigInt. */
export function roundUnits(units: bigint, scale: number, places: number): bigint {
  const r = roundToMinor(units, scale, places);
  return typeof r === "bigint" ? r : BigInt(r);
}

/**
 * The rounding rule on integers: `units` × 10^−scale rounded to `places`
 * decimals, half away from zero, as a count of 10^−places; the count is a
 * `Minor` (a JS number while it is exact as one), so that sums of them can
 * stay in numbers. decimal.js's ROUND_HALF_UP is the same rule, so this also
 * stands for Dec's own rounding to 40 significant digits wherever integers
 * replace Dec arithmetic.
 */
export function roundToMinor(units: bigint, scale: number, places: number): Minor {
  if (scale <= places) return minorOf(units * pow10(places - scale));
  const shift = scale - places;
  // Most lines are small: the same rule on exact JS integers (below 2^53, % and a division that leaves no remainder are exact), no BigInt made.
  if (shift < SMALL_POWERS.length && units <= MAX_EXACT && units >= -MAX_EXACT) {
    const n = Number(units);
    const abs = n < 0 ? -n : n;
    const small = SMALL_POWERS[shift];
    const dropped = abs % small;
    const kept = (abs - dropped) / small + (2 * dropped < small ? 0 : 1);
    return n < 0 ? -kept : kept;
  }
  const unit = pow10(shift);
  const kept = units / unit; // towards zero
  const dropped = units - kept * unit; // the sign of units
  if (2n * (dropped < 0n ? -dropped : dropped) < unit) return minorOf(kept);
  return minorOf(units < 0n ? kept - 1n : kept + 1n);
}

/**
 * A whole number of minor units, exact: a JS number while it is a safe
 * integer (|n| ≤ 2^53 − 1), a BigInt past that. Money sums are almost always
 * far below 2^53 cents, and JS numbers add without making an object each
 * time; the form is canonical (a BigInt only past the limit), so zero is
 * always the number 0 and equal values are equal; `-x` keeps the form (same
 * magnitude). −0 may appear and means 0.
 */
export type Minor = number | bigint;

/** A BigInt count of units as a `Minor`. */
export function minorOf(n: bigint): Minor {
  return n <= MAX_EXACT && n >= -MAX_EXACT ? Number(n) : n;
}

/** a + b, exactly. */
export function addMinor(a: Minor, b: Minor): Minor {
  if (typeof a === "number" && typeof b === "number") {
    // Both are safe integers: a sum that is still within ±(2^53 − 1) is exact, and one that is not comes out past it.
    const sum = a + b;
    if (sum <= Number.MAX_SAFE_INTEGER && sum >= -Number.MAX_SAFE_INTEGER) return sum;
  }
  return minorOf(BigInt(a) + BigInt(b));
}

/** Integers up to 2^53 − 1 are exact as JS numbers. */
export const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
/** 10^0 … 10^15, exact as JS numbers (10^15 < 2^53). */
export const SMALL_POWERS: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Digits of a whole number from 1 to 2^53 − 1, read off SMALL_POWERS (no text made). */
export function exactDigitCount(n: number): number {
  let k = 1;
  while (k < SMALL_POWERS.length && n >= SMALL_POWERS[k]) k++;
  return k;
}

/** Powers kept for reuse; beyond, absurd inputs (a Qty of 1e40000) must not leave huge numbers held. */
const KEPT_POWERS = 400;
const powers: bigint[] = [1n];

/** 10^n as a BigInt. */
export function pow10(n: number): bigint {
  if (n > KEPT_POWERS) return 10n ** BigInt(n);
  while (powers.length <= n) powers.push(powers[powers.length - 1] * 10n);
  return powers[n];
}

/** 10^40: a whole number below it has at most DEC_DIGITS digits, so Dec holds it exactly. */
export const DEC_EXACT_BELOW = pow10(DEC_DIGITS);

/** `value` × 10^scale as an integer; exact when `scale` is at least value.decimalPlaces(). */
export function toUnits(value: Dec, scale: number): bigint {
  // toString is plain (no exponent) from 1e-30 to 1e40 in this Dec, and several times faster than toFixed.
  let digits = value.toString();
  if (digits.includes("e")) digits = value.toFixed(value.decimalPlaces());
  const point = digits.indexOf(".");
  if (point < 0) return BigInt(digits) * pow10(scale);
  return BigInt(digits.slice(0, point) + digits.slice(point + 1)) * pow10(scale - (digits.length - point - 1));
}

/** `units` × 10^−scale as a Dec, by decimal.js's own parsing (scaled.ts's fromUnits is the fast way to the same instance). */
export function fromUnitsByText(units: bigint, scale: number): Dec {
  return new Dec(scale === 0 ? units.toString() : `${units}e-${scale}`);
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
  return shares.map((s) => (sign < 0 ? unsignedZero(s.negated()) : s));
}

/**
 * The currencies whose minor unit is not 2, as ISO 4217 (List One) gives
 * them. Written down here rather than asked of the runtime: the ICU data of
 * browsers, Excel hosts and Node give some currencies the decimals people use
 * in cash (HUF, COP, IDR 0; IQD 0) where ISO, and the suppliers' invoices the
 * ledger must match, have 2 or 3, and they differ between versions, so the
 * task pane and the command line could book one workbook differently.
 */
const ISO_MINOR_UNITS: ReadonlyMap<string, number> = new Map([
  ...["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"].map((c) => [c, 0] as const),
  ...["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"].map((c) => [c, 3] as const),
  ...["CLF", "UYW"].map((c) => [c, 4] as const),
]);

/** Minor units of an ISO 4217 currency (ISO_MINOR_UNITS; 2 for every other code, and for a code ISO does not know). */
export function minorUnitsOf(currency: string): number {
  return ISO_MINOR_UNITS.get(currency.toUpperCase()) ?? 2;
}
