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

/** `units` × 10^−scale as a Dec, canonical as Dec arithmetic leaves it, every digit kept (callers that must match Dec arithmetic check for 40 digits first). */
export function fromUnits(units: bigint, scale: number): Dec {
  return new Dec(scale === 0 ? units.toString() : `${units}e-${scale}`);
}
