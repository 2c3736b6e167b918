import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, DecIndex, addMinor, minorOf, roundToMinor, roundUnits, type Minor } from "../../src/engine/money";

// Dec's own rounding (ROUND_HALF_UP, half away from zero) is the reference: small values take the rule's JS-integer path, large ones its BigInt path.
const byDec = (units: bigint, scale: number, places: number): bigint =>
  BigInt(new Dec(`${units}e-${scale}`).toDecimalPlaces(places).times(new Dec(10).pow(places)).toFixed());

describe("engine: roundUnits (the rounding rule on integers)", () => {

  it("rounds half away from zero on both sides of 2^53 and at every shift", () => {
    const edges = [0n, 1n, 4n, 5n, 6n, 15n, 25n, 49n, 50n, 51n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 10n ** 15n * 5n, 10n ** 16n - 1n];
    for (const u of edges) {
      for (const units of [u, -u]) {
        for (let scale = 0; scale <= 20; scale++) {
          for (const places of [0, 2, 3]) assert.equal(roundUnits(units, scale, places), byDec(units, scale, places), `${units} × 10^-${scale} to ${places}`);
        }
      }
    }
  });

  it("agrees with Dec's rounding for any integer, scale and places", () => {
    const units = fc.oneof(fc.bigInt({ min: -(2n ** 54n), max: 2n ** 54n }), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }));
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 4 }), (u, scale, places) => roundUnits(u, scale, places) === byDec(u, scale, places)),
      { numRuns: 3000 },
    );
  });
});

describe("engine: Minor (minor units as JS numbers while exact, BigInts past 2^53)", () => {
  const LIMIT = 2n ** 53n - 1n;
  /** Canonical: a number exactly when the value is within ±(2^53 − 1). */
  const canonical = (m: Minor, value: bigint): void => {
    assert.equal(BigInt(m), value);
    assert.equal(typeof m, value <= LIMIT && value >= -LIMIT ? "number" : "bigint", `${value}`);
  };
  const near = fc.oneof(
    fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
    fc.bigInt({ min: -16n, max: 16n }).chain((d) => fc.constantFrom(LIMIT + d, -LIMIT + d, 2n * LIMIT + d, -2n * LIMIT + d)),
    fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  );

  it("adds and negates exactly on both sides of 2^53, always in canonical form", () => {
    fc.assert(
      fc.property(near, near, (a, b) => {
        canonical(minorOf(a), a);
        canonical(addMinor(minorOf(a), minorOf(b)), a + b);
        canonical(-minorOf(a), -a);
      }),
      { numRuns: 3000 },
    );
  });

  it("rounds as Dec rounds, in canonical form", () => {
    fc.assert(
      fc.property(near, fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 4 }), (u, scale, places) => canonical(roundToMinor(u, scale, places), byDec(u, scale, places))),
      { numRuns: 3000 },
    );
  });
});

describe("engine: DecIndex (distinct values, by value)", () => {
  it("gives equal values one index, whatever their instance or how they were made", () => {
    const index = new DecIndex();
    const a = index.indexOf(new Dec("2.50"));
    const b = index.indexOf(new Dec("3"));
    assert.equal(index.indexOf(new Dec("2.5")), a);
    assert.equal(index.indexOf(new Dec("1.25").times(2)), a);
    assert.equal(index.indexOf(new Dec("0.3").plus("2.7")), b);
    assert.equal(index.indexOf(new Dec(0)), index.indexOf(new Dec("-0")), "zero has one index whatever its sign");
    assert.notEqual(a, b);
    assert.equal(index.size, 3);
    assert.equal(index.valueAt(a).toString(), "2.5");
  });

  it("keeps values apart that differ in sign, exponent or any digit", () => {
    const index = new DecIndex();
    const texts = ["1", "-1", "10", "0.1", "1.0000001", "1.00000001", "12345678.9", "12345679.8", "-0.1"];
    const seen = texts.map((t) => index.indexOf(new Dec(t)));
    assert.equal(new Set(seen).size, texts.length);
    texts.forEach((t, i) => assert.equal(index.indexOf(new Dec(t)), seen[i], t));
  });

  it("keeps apart values whose digit hashes collide", () => {
    // 20000001 and 10000032 are stored as limbs [2, 1] and [1, 32]: the same hash.
    const index = new DecIndex();
    const a = index.indexOf(new Dec("20000001"));
    const b = index.indexOf(new Dec("10000032"));
    assert.notEqual(a, b);
    assert.equal(index.indexOf(new Dec("10000032.0")), b);
    assert.equal(index.indexOf(new Dec("20000001")), a);
    assert.equal(index.size, 2);
  });

  it("agrees with Dec#equals on many values made in different ways", () => {
    const index = new DecIndex();
    const byText = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const units = (i * 7919) % 100_003;
      const scale = i % 9;
      const ways = [new Dec(units).dividedBy(new Dec(10).pow(scale)), new Dec(`${units}e-${scale}`), new Dec(units).times(`1e-${scale}`).plus("0.125").minus("0.125")];
      for (const v of ways) {
        const k = index.indexOf(v);
        const text = v.toString();
        if (byText.has(text)) assert.equal(k, byText.get(text), text);
        else byText.set(text, k);
      }
    }
    assert.equal(index.size, byText.size);
  });
});
