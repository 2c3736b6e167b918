/**
 * Scaled integers back to Dec: `fromUnits` builds decimal.js's digit words
 * itself, and must give exactly the instance decimal.js's own parsing gives
 * (sign, exponent, words), so that everything after it computes the same.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec } from "../../src/engine";
import { digitCount, fromSafeUnits, fromUnits, fromUnitsByText, pow10, scaledOf, toUnits, unitsAt } from "../../src/engine/scaled";

function assertSameInstance(units: bigint, scale: number): void {
  const fast = fromUnits(units, scale);
  const parsed = fromUnitsByText(units, scale);
  const what = `${units} × 10^-${scale}`;
  assert.equal(fast.s, parsed.s, `${what}: sign`);
  assert.equal(fast.e, parsed.e, `${what}: exponent`);
  assert.deepEqual(fast.d, parsed.d, `${what}: digits`);
  // Its digits set after decimal.js made it: still a Dec of the same kind, its own properties in the same order.
  assert.ok(fast instanceof Dec && fast.constructor === Dec, `${what}: a Dec`);
  assert.deepEqual(Object.keys(fast), Object.keys(parsed), `${what}: properties`);
  assert.ok(fast.plus(new Dec("0.5")).equals(parsed.plus(new Dec("0.5"))), `${what}: arithmetic`);
  // A count that is an exact JS integer gives the same instance without a BigInt (the ledger's minor units).
  if (units <= 2n ** 53n - 1n && units >= -(2n ** 53n - 1n)) {
    const safe = fromSafeUnits(Number(units), scale);
    assert.ok(safe.s === parsed.s && safe.e === parsed.e && safe.constructor === Dec, `${what}: from a JS integer`);
    assert.deepEqual(safe.d, parsed.d, `${what}: digits from a JS integer`);
  }
}

describe("fromUnits", () => {
  it("matches decimal.js's parsing around word boundaries, zeros and the exact-integer limit", () => {
    const edges = [1n, 9n, 10n, 9_999_999n, 10_000_000n, 10_000_001n, 1_234_567_000n, 5_000_000_000_000n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 10n ** 40n, 10n ** 40n + 7n, 123_456_789_012_345_678_901_234_567_890_123_456_789n];
    for (const u of edges) for (const scale of [0, 1, 2, 6, 7, 8, 13, 14, 15, 21, 40, 47]) for (const sign of [1n, -1n]) assertSameInstance(sign * u, scale);
  });

  it("gives +0 for zero at any scale", () => {
    for (const scale of [0, 2, 30]) {
      const z = fromUnits(0n, scale);
      assert.ok(z.isZero() && !z.isNegative());
    }
  });

  it("matches decimal.js's parsing for any integer and scale", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 50n), max: 10n ** 50n }), fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 12 }), (u, scale, zeros) => {
        assertSameInstance(u * 10n ** BigInt(zeros), scale);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("digitCount", () => {
  it("counts the digits of |n| as its decimal text does, on both sides of 2^53", () => {
    const edges = [1n, 9n, 10n, 999_999_999_999_999n, 10n ** 15n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 10n ** 16n - 1n, 10n ** 16n, 10n ** 40n];
    for (const n of edges) for (const x of [n, -n]) assert.equal(digitCount(x), n.toString().length, String(x));
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }).filter((n) => n !== 0n), (n) => digitCount(n) === (n < 0n ? -n : n).toString().length),
      { numRuns: 2000 },
    );
  });
});

describe("pow10", () => {
  it("gives 10^n exactly, also past the powers it keeps (absurd inputs such as a Qty of 1e40000 leave no huge numbers held)", () => {
    for (const n of [0, 1, 7, 40, 399, 400, 401, 1_000]) assert.equal(pow10(n), 10n ** BigInt(n), `10^${n}`);
    assert.equal(pow10(401), pow10(401));
  });
});

describe("scaledOf and unitsAt", () => {
  it("read a Dec's units from its digit words as toUnits reads its text, negatives and a stray zero word included", () => {
    assert.equal(unitsAt(scaledOf(new Dec("12.345")), 3), 12345n);
    assert.equal(unitsAt(scaledOf(new Dec("1200")), 2), 120000n);
    assert.equal(unitsAt(scaledOf(new Dec("0.00000001")), 9), 10n);
    assert.equal(unitsAt(scaledOf(new Dec("-12.345")), 4), -123450n);
    // A last digit word of zero (decimal.js never leaves one) ends the count of trailing zeros instead of looping on it.
    const unnormalised = Object.assign(new Dec("10000000.5"), { d: [1, 0] as number[], e: 7 });
    assert.equal(unitsAt(scaledOf(unnormalised), 1), 100000000n);
    const digits = fc.stringMatching(/^[1-9][0-9]{0,45}$/);
    fc.assert(
      fc.property(digits, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 6 }), fc.boolean(), (text, places, extra, negative) => {
        const value = new Dec(negative ? `-${text}` : text).dividedBy(new Dec(10).pow(places));
        const scale = value.decimalPlaces() + extra;
        assert.equal(unitsAt(scaledOf(value), scale), toUnits(value, scale), `${value} at ${scale}`);
      }),
      { numRuns: 2000 },
    );
  });
});
