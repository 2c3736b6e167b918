/**
 * Exact integer arithmetic on decimals, for what a run repeats millions of
 * times (summing a full sheet of quantities, exploding demand through the BOM,
 * rolling up standards, posting and keeping balances): a decimal is carried as
 * a BigInt count of 10^−scale units (`Scaled`), so 2.5 at scale 3 is 2500n.
 *
 * Values come in as `Dec` and go out as `Dec`, converted exactly through their
 * digits; products and quotients round as decimal.js's would. A BigInt is an
 * integer, never a float, so no digit is lost on the way (docs/rounding.md).
 */
import { DEC_DIGITS, DEC_EXACT_BELOW, Dec, MAX_EXACT, SMALL_POWERS, exactDigitCount, fromUnitsByText, pow10, roundUnits, toUnits } from "./money";

// Defined with the rounding rule, which needs them; used from here by the integer kernels.
export { fromUnitsByText, pow10, toUnits };

/** decimal.js keeps a value as sign `s`, exponent `e` and digits `d` in words of 7 decimal digits (its documented instance properties). */
const WORD_DIGITS = 7;

/**
 * `units` × 10^−scale as a Dec, canonical as Dec arithmetic leaves it, every
 * digit kept (callers that must match Dec arithmetic check for 40 digits
 * first). Built straight from the digits into decimal.js's documented form —
 * parsing a text costs a microsecond, and a full sheet makes hundreds of
 * thousands of these; `fromUnitsByText` is the reference it is tested against.
 */
export function fromUnits(units: bigint, scale: number): Dec {
  if (units === 0n) return new Dec(0);
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  if (magnitude <= MAX_EXACT) return fromSafeUnits(Number(units), scale);
  const text = magnitude.toString();
  const e = text.length - 1 - scale;
  if (e > Dec.maxE || e < Dec.minE) return fromUnitsByText(units, scale);
  return withParts(negative ? -1 : 1, e, wordsOfText(text, e));
}

/** `fromUnits` for a count held as an exact JS integer (at most 2^53 − 1 in size), as the ledger's minor units are: no BigInt made. */
export function fromSafeUnits(units: number, scale: number): Dec {
  if (units === 0) return new Dec(0);
  const n = units < 0 ? -units : units;
  const length = exactDigitCount(n);
  const e = length - 1 - scale;
  if (e > Dec.maxE || e < Dec.minE) return fromUnitsByText(BigInt(units), scale);
  return withParts(units < 0 ? -1 : 1, e, wordsOfExact(n, length, e));
}

/** decimal.js's documented instance properties (sign, exponent, digit words). */
interface DecParts {
  s: number;
  e: number;
  d: number[];
}

/**
 * A Dec of these parts: an instance of decimal.js's own making (its
 * constructor's fast path for 0), given these digits before anyone holds it.
 * Not Object.create(Dec.prototype): V8 gives such objects another hidden
 * class, and decimal.js's code, meeting two, ran the whole engine ≈ 10 %
 * slower (measured both ways on the full sheet).
 */
function withParts(s: number, e: number, d: number[]): Dec {
  const x = new Dec(0) as unknown as DecParts;
  x.s = s;
  x.e = e;
  x.d = d;
  return x as unknown as Dec;
}


/** Digits in the first word, for a value whose leading digit has exponent `e`: words are aligned on the decimal point. */
function firstWordDigits(e: number): number {
  const i = (e + 1) % WORD_DIGITS;
  return i <= 0 ? i + WORD_DIGITS : i;
}

/** The words of a positive exact integer n of `length` digits whose leading digit has exponent e. */
function wordsOfExact(n: number, length: number, e: number): number[] {
  const first = firstWordDigits(e);
  const rest = length - first;
  if (rest <= 0) return [n * SMALL_POWERS[-rest]];
  // n shifted left by `pad` digits fills whole words after the first; the lowest word is taken first.
  const count = Math.ceil(rest / WORD_DIGITS);
  const pad = count * WORD_DIGITS - rest;
  const words = new Array<number>(count + 1);
  const low = SMALL_POWERS[WORD_DIGITS - pad];
  words[count] = (n % low) * SMALL_POWERS[pad];
  let high = Math.floor(n / low);
  for (let k = count - 1; k >= 1; k--) {
    words[k] = high % 1e7;
    high = Math.floor(high / 1e7);
  }
  words[0] = high;
  // Trailing zeros are not kept: a zero word at the end goes.
  while (words[words.length - 1] === 0) words.pop(); // pop, not a length set: that is a call into the runtime
  return words;
}

/** The words of the integer `text` (without sign or leading zeros) whose leading digit has exponent e. */
function wordsOfText(text: string, e: number): number[] {
  let len = text.length;
  while (text.charCodeAt(len - 1) === 48) len--; // trailing zeros are not kept
  const words: number[] = [];
  let i = firstWordDigits(e);
  if (i > len) words.push(Number(text.slice(0, len)) * 10 ** (i - len));
  else {
    words.push(Number(text.slice(0, i)));
    for (; i + WORD_DIGITS <= len; i += WORD_DIGITS) words.push(Number(text.slice(i, i + WORD_DIGITS)));
    if (i < len) words.push(Number(text.slice(i, len)) * 10 ** (WORD_DIGITS - (len - i)));
  }
  return words;
}

/** An exact decimal as `units` × 10^−`scale` (scale ≥ 0), for posting: amounts and quantities between Dec in and Dec out. */
export interface Scaled {
  readonly units: bigint;
  readonly scale: number;
}

export const SCALED_ZERO: Scaled = { units: 0n, scale: 0 };

/**
 * A finite Dec as scaled units, exactly (scale: its decimal places, at least
 * 0), read straight from its digit words: no text is made.
 */
export function scaledOf(x: Dec): Scaled {
  if (!x.isFinite()) throw new RangeError(`Internal error: ${x.toString()} has no exact units`);
  if (x.isZero()) return SCALED_ZERO;
  const d = x.d;
  const n = d.length;
  // The last word is never zero (decimal.js drops zero words); its trailing zeros are not decimals.
  let last = d[n - 1];
  let zeros = 0;
  while (last !== 0 && last % 10 === 0) {
    last /= 10;
    zeros++;
  }
  // d[0] stands for 10^(7·floor(e / 7)), each later word 10^7 below the one before.
  const exponent = WORD_DIGITS * (Math.floor(x.e / WORD_DIGITS) - n + 1) + zeros;
  let units: bigint;
  if (n === 1) units = BigInt(last);
  else if (n === 2) units = BigInt(d[0] * SMALL_POWERS[WORD_DIGITS - zeros] + last); // below 10^14: exact as a number
  else {
    let high = BigInt(d[0]);
    for (let k = 1; k < n - 1; k++) high = high * 10_000_000n + BigInt(d[k]);
    units = high * BigInt(SMALL_POWERS[WORD_DIGITS - zeros]) + BigInt(last);
  }
  if (x.s < 0) units = -units;
  return exponent >= 0 ? { units: units * pow10(exponent), scale: 0 } : { units, scale: -exponent };
}

/** x as a count of 10^−scale units, at a scale of at least its own (exact). */
export function unitsAt(x: Scaled, scale: number): bigint {
  return x.units * pow10(scale - x.scale);
}

/** a + b exactly, every digit kept (decimal.js would round past 40 significant digits: docs/rounding.md says where that can differ). */
export function plus(a: Scaled, b: Scaled): Scaled {
  if (a.scale === b.scale) return { units: a.units + b.units, scale: a.scale };
  const scale = Math.max(a.scale, b.scale);
  return { units: unitsAt(a, scale) + unitsAt(b, scale), scale };
}

/** −x. */
export function negated(x: Scaled): Scaled {
  return { units: -x.units, scale: x.scale };
}

/** Whether a and b are the same number. */
export function sameValue(a: Scaled, b: Scaled): boolean {
  const scale = Math.max(a.scale, b.scale);
  return unitsAt(a, scale) === unitsAt(b, scale);
}

/**
 * a × b as Dec's `times` gives it: the exact product, rounded half up to 40
 * significant digits (which only a product of 10^40 units or more needs).
 */
export function times(a: Scaled, b: Scaled): Scaled {
  const product = a.units * b.units;
  const scale = a.scale + b.scale;
  if ((product < 0n ? -product : product) < DEC_EXACT_BELOW) return { units: product, scale };
  const excess = digitCount(product) - DEC_DIGITS;
  return { units: roundUnits(product, excess, 0) * pow10(excess), scale };
}

/**
 * a ÷ b as Dec's `dividedBy` gives it: correctly rounded half up to 40
 * significant digits, worked out by one integer division. b must not be zero.
 */
export function quotient(a: Scaled, b: Scaled): Scaled {
  if (b.units === 0n) throw new RangeError("Internal error: division by zero");
  if (a.units === 0n) return SCALED_ZERO;
  const negative = a.units < 0n !== b.units < 0n;
  const num = a.units < 0n ? -a.units : a.units;
  const den = b.units < 0n ? -b.units : b.units;
  // num·10^shift / den has 40 or 41 digits before its point.
  const shift = DEC_DIGITS + digitCount(den) - digitCount(num);
  const n = shift >= 0 ? num * pow10(shift) : num;
  const m = shift >= 0 ? den : den * pow10(-shift);
  let q = n / m;
  let scale = shift + a.scale - b.scale;
  if (q >= DEC_EXACT_BELOW) {
    // 41 digits: the last one and the remainder go; the remainder only adds to a 5, which rounds up anyway.
    q = roundUnits(q, 1, 0);
    scale -= 1;
  } else if (2n * (n - q * m) >= m) q += 1n;
  if (negative) q = -q;
  return scale >= 0 ? { units: q, scale } : { units: q * pow10(-scale), scale: 0 };
}

/** Whether Dec holds x exactly (at most DEC_DIGITS digits). */
export function fitsDec(x: Scaled): boolean {
  return (x.units < 0n ? -x.units : x.units) < DEC_EXACT_BELOW;
}

/** Digits of |n| (n ≠ 0). */
export function digitCount(n: bigint): number {
  const m = n < 0n ? -n : n;
  // Below 2^53 the count is read off a table of powers of ten (no text made); 10^15 < 2^53 < 10^16.
  if (m <= MAX_EXACT) return exactDigitCount(Number(m));
  return m.toString().length;
}

/** x rounded by the rounding rule to `places` decimals, as a Dec. */
export function roundedDec(x: Scaled, places: number): Dec {
  return fromUnits(roundUnits(x.units, x.scale, places), places);
}

/** x as a Dec (every digit kept). */
export function decOf(x: Scaled): Dec {
  return fromUnits(x.units, x.scale);
}

/** x in plain notation, as Dec's toFixed() writes it (no exponent, no trailing zeros). */
export function textOf(x: Scaled): string {
  let digits = (x.units < 0n ? -x.units : x.units).toString();
  const sign = x.units < 0n ? "-" : "";
  if (x.scale === 0) return sign + digits;
  if (digits.length <= x.scale) digits = "0".repeat(x.scale - digits.length + 1) + digits;
  let end = digits.length;
  const point = end - x.scale;
  while (end > point && digits.charCodeAt(end - 1) === 48) end--;
  return sign + (end === point ? digits.slice(0, point) : `${digits.slice(0, point)}.${digits.slice(point, end)}`);
}
