/**
 * The posting's integer arithmetic against the Dec arithmetic it replaces:
 * each must give the very number (and text) decimal.js gives.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, roundMoney } from "../../src/engine/money";
import { decOf, plus, quotient, roundedDec, scaledOf, textOf, times } from "../../src/engine/scaled";
import { rateText } from "../../src/engine/run";

/** A decimal of up to `digits` digits and `places` decimals, either sign, as text. */
const decimal = (digits: number, places: number) =>
  fc.tuple(fc.bigInt({ min: -(10n ** BigInt(digits)) + 1n, max: 10n ** BigInt(digits) - 1n }), fc.integer({ min: 0, max: places })).map(([u, s]) => new Dec(`${u}e-${s}`));
const quantity = decimal(18, 12);
const price = decimal(12, 8);
/** Wide enough for a product past 40 digits, where Dec rounds it. */
const wide = decimal(30, 20);
const RUNS = { numRuns: 400 };

/** The rule as it was written on Dec before it moved to integers. */
const decRule = (x: Dec, places: number) => x.toDecimalPlaces(places, Dec.ROUND_HALF_UP);

describe("engine: posting in scaled integers", () => {
  it("scaledOf reads a Dec exactly; decOf and textOf give it back as Dec writes it", () => {
    fc.assert(
      fc.property(fc.oneof(quantity, wide), (x) => {
        const s = scaledOf(x);
        assert.ok(decOf(s).equals(x), x.toString());
        assert.equal(s.scale, Math.max(0, x.decimalPlaces()));
        assert.equal(textOf(s), x.toFixed());
      }),
      RUNS,
    );
  });

  it("times is Dec's times, rounding to 40 significant digits included", () => {
    fc.assert(
      fc.property(fc.oneof(quantity, wide), fc.oneof(price, wide), (a, b) => {
        assert.ok(decOf(times(scaledOf(a), scaledOf(b))).equals(a.times(b)), `${a} × ${b}`);
      }),
      RUNS,
    );
    const big = new Dec("123456789012345678901234567.5");
    const odd = new Dec("9876543210987.654321");
    assert.ok(decOf(times(scaledOf(big), scaledOf(odd))).equals(big.times(odd)));
  });

  it("quotient is Dec's dividedBy (correctly rounded to 40 digits)", () => {
    fc.assert(
      fc.property(fc.oneof(price, wide), fc.oneof(quantity, wide).filter((q) => !q.isZero()), (a, b) => {
        assert.ok(decOf(quotient(scaledOf(a), scaledOf(b))).equals(a.dividedBy(b)), `${a} ÷ ${b}`);
      }),
      RUNS,
    );
    for (const [a, b] of [["2", "3"], ["1", "7"], ["-10", "3"], ["0.5", "0.0000003"]]) assert.ok(decOf(quotient(scaledOf(new Dec(a)), scaledOf(new Dec(b)))).equals(new Dec(a).dividedBy(b)), `${a} ÷ ${b}`);
  });

  it("rateText shows a price that differs from the standard with as many decimals as it takes to tell them apart (up to 10)", () => {
    const rate = (a: string, q: string, std: string) => rateText(scaledOf(new Dec(a)), scaledOf(new Dec(q)), scaledOf(new Dec(std)));
    assert.equal(rate("200.36", "20000", "0.01"), "0.01002"); // 0.010018 to the first decimal that tells it from 0.01, not "0.01" beside a variance of 0.36
    assert.equal(rate("200.00", "20000", "0.01"), "0.01"); // the standard itself
    assert.equal(rate("2.2", "1", "2.1"), "2.2");
    assert.equal(rate("1.00000000001", "1", "1"), "1"); // past 10 decimals, as the standard
  });

  it("rateText writes amount ÷ qty to at most 4 decimals, as Dec did", () => {
    fc.assert(
      fc.property(price, quantity.filter((q) => !q.isZero()), (a, q) => {
        assert.equal(rateText(scaledOf(a), scaledOf(q)), a.dividedBy(q).toDecimalPlaces(4).toFixed(), `${a} ÷ ${q}`);
      }),
      RUNS,
    );
  });

  it("the rounding rule on integers is the rule on Dec: roundMoney and roundedDec agree with it", () => {
    fc.assert(
      fc.property(fc.oneof(quantity, wide), fc.integer({ min: 0, max: 4 }), (x, places) => {
        const expected = decRule(x, places);
        assert.ok(roundMoney(x, places).equals(expected), `${x} to ${places}`);
        // The same sign, except that nothing is 0, never −0 (Dec's rule keeps −0).
        assert.equal(roundMoney(x, places).isNegative(), expected.isNegative() && !expected.isZero(), `${x} to ${places}: sign`);
        assert.ok(roundedDec(scaledOf(x), places).equals(expected), `${x} to ${places}`);
      }),
      RUNS,
    );
    for (const [x, r] of [["2.345", "2.35"], ["-2.345", "-2.35"], ["2.344", "2.34"], ["-0.005", "-0.01"], ["0.0049", "0"]]) assert.equal(roundMoney(new Dec(x), 2).toString(), r);
  });

  it("qty × price rounded to minor units is the same number as roundMoney(qty.times(price))", () => {
    fc.assert(
      fc.property(quantity, price, fc.integer({ min: 0, max: 3 }), (q, p, mu) => {
        assert.ok(roundedDec(times(scaledOf(q), scaledOf(p)), mu).equals(roundMoney(q.times(p), mu)), `${q} × ${p}`);
      }),
      RUNS,
    );
  });

  it("plus is Dec's plus while the sum fits in 40 digits", () => {
    fc.assert(
      fc.property(quantity, fc.oneof(quantity, price), (a, b) => {
        assert.ok(decOf(plus(scaledOf(a), scaledOf(b))).equals(a.plus(b)), `${a} + ${b}`);
      }),
      RUNS,
    );
  });
});
