/**
 * Exact integer arithmetic on decimals, for the two places where a run does
 * millions of additions and multiplications (summing a full sheet of
 * quantities, exploding every day's demand through the BOM): a decimal is
 * carried as a BigInt count of 10^−scale units, so 2.5 at scale 3 is 2500n.
 *
 * This is not a second number type: values come in as `Dec` and go out as
 * `Dec`, converted exactly through their decimal digits. A BigInt is an
 * integer, never a float, so no digit is lost on the way (docs/rounding.md).
 */
import { Dec } from "./money";

const powers: bigint[] = [1n];

/** 10^n as a BigInt (memoized). */
export function pow10(n: number): bigint {
  while (powers.length <= n) powers.push(powers[powers.length - 1] * 10n);
  return powers[n];
}

/** `value` × 10^scale as an integer; exact when `scale` is at least value.decimalPlaces(). */
export function toUnits(value: Dec, scale: number): bigint {
  // toString is plain (no exponent) from 1e-30 to 1e40 in this Dec, and several times faster than toFixed.
  let digits = value.toString();
  if (digits.includes("e")) digits = value.toFixed(value.decimalPlaces());
  const point = digits.indexOf(".");
  if (point < 0) return BigInt(digits) * pow10(scale);
  return BigInt(digits.slice(0, point) + digits.slice(point + 1)) * pow10(scale - (digits.length - point - 1));
}

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
  const d = magnitude <= MAX_EXACT ? wordsOfExact(Number(magnitude), scale) : wordsOfText(magnitude.toString(), scale);
  if (d === undefined) return fromUnitsByText(units, scale);
  // A fresh instance (of decimal.js's own making, so of its own shape) given these digits; nothing else holds it yet.
  const x = new Dec(0);
  const parts = x as unknown as { s: number; e: number; d: number[] };
  parts.s = negative ? -1 : 1;
  parts.e = d.e;
  parts.d = d.words;
  return x;
}

/** Integers up to 2^53 − 1 are exact as JS numbers, and split into words by integer division alone. */
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
const POW10: readonly number[] = Array.from({ length: 17 }, (_, k) => 10 ** k);

/** Digits in the first word, for a value whose leading digit has exponent `e`: words are aligned on the decimal point. */
function firstWordDigits(e: number): number {
  const i = (e + 1) % WORD_DIGITS;
  return i <= 0 ? i + WORD_DIGITS : i;
}

/** The words of n × 10^−scale, n a positive exact integer; undefined past decimal.js's exponent limits. */
function wordsOfExact(n: number, scale: number): { e: number; words: number[] } | undefined {
  let length = 1;
  while (length < 16 && n >= POW10[length]) length++;
  const e = length - 1 - scale;
  if (e > Dec.maxE || e < Dec.minE) return undefined;
  const first = firstWordDigits(e);
  const rest = length - first;
  if (rest <= 0) return { e, words: [n * POW10[-rest]] };
  // n shifted left by `pad` digits fills whole words after the first; the lowest word is taken first.
  const count = Math.ceil(rest / WORD_DIGITS);
  const pad = count * WORD_DIGITS - rest;
  const words = new Array<number>(count + 1);
  const low = POW10[WORD_DIGITS - pad];
  words[count] = (n % low) * POW10[pad];
  let high = Math.floor(n / low);
  for (let k = count - 1; k >= 1; k--) {
    words[k] = high % 1e7;
    high = Math.floor(high / 1e7);
  }
  words[0] = high;
  // Trailing zeros are not kept: a zero word at the end goes.
  let end = words.length;
  while (words[end - 1] === 0) end--;
  words.length = end;
  return { e, words };
}

/** The words of the integer `text` × 10^−scale (text without sign or leading zeros). */
function wordsOfText(text: string, scale: number): { e: number; words: number[] } | undefined {
  let len = text.length;
  while (text.charCodeAt(len - 1) === 48) len--; // trailing zeros are not kept
  const e = text.length - 1 - scale;
  if (e > Dec.maxE || e < Dec.minE) return undefined;
  const words: number[] = [];
  let i = firstWordDigits(e);
  if (i > len) words.push(Number(text.slice(0, len)) * 10 ** (i - len));
  else {
    words.push(Number(text.slice(0, i)));
    for (; i + WORD_DIGITS <= len; i += WORD_DIGITS) words.push(Number(text.slice(i, i + WORD_DIGITS)));
    if (i < len) words.push(Number(text.slice(i, len)) * 10 ** (WORD_DIGITS - (len - i)));
  }
  return { e, words };
}

/** The same Dec as `fromUnits`, by decimal.js's own parsing of the text. */
export function fromUnitsByText(units: bigint, scale: number): Dec {
  return new Dec(scale === 0 ? units.toString() : `${units}e-${scale}`);
}
