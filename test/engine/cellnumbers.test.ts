/**
 * A cell's number and the 15-significant-digit decimal it stands for: the
 * Dec, and the nearest double and places the movement book keys values by,
 * against the number's 15-digit text.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec } from "../../src/engine";
import { cellDecimal, decOfCellNumber, shortPlaces } from "../../src/engine/cellnumbers";

/** Cells' numbers as sheets hold them: cents with binary noise, sums of them, whole numbers past 2^53, tiny and huge ones. */
const cellNumber = fc.oneof(
  fc.constantFrom(0.1 + 0.2, 0.3, 1.0000000000000002, 2 ** 53, 2 ** 53 + 2, 1e15, 999999999999999.9, 123456789012345.6, 1e-7, 1e-320, Number.MIN_VALUE, 1e21, 1e300, Number.MAX_VALUE, 0, -0, -1.5),
  fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(1, 100, 1e4)).map(([units, per]) => units / per),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

describe("engine: cell numbers", () => {
  it("reads a cell's number as its 15-digit decimal, whole numbers below 10^15 as they are", () => {
    assert.equal(decOfCellNumber(0.1 + 0.2).toString(), "0.3");
    assert.equal(decOfCellNumber(3270006.3000000003).toString(), "3270006.3");
    assert.equal(decOfCellNumber(2 ** 53).toFixed(), "9007199254740990");
    assert.equal(decOfCellNumber(123456789012345).toFixed(), "123456789012345");
    assert.ok(decOfCellNumber(-0).isNegative(), "−0 is kept");
    fc.assert(
      fc.property(cellNumber, (n) => {
        assert.ok(decOfCellNumber(n).equals(new Dec(n.toPrecision(15))), `${n}`);
      }),
      { numRuns: 3000 },
    );
  });

  it("gives the decimal of a number above zero as its nearest double and places, which read back as the same Dec", () => {
    assert.deepEqual(cellDecimal(0.1 + 0.2), { nearest: 0.3, places: 1 });
    assert.deepEqual(cellDecimal(3270006.3), { nearest: 3270006.3, places: 1 });
    assert.deepEqual(cellDecimal(1e21), { nearest: 1e21, places: -1 });
    fc.assert(
      fc.property(cellNumber, (n) => {
        fc.pre(n > 0);
        const { nearest, places } = cellDecimal(n);
        const want = decOfCellNumber(n);
        assert.equal(nearest, Number(n.toPrecision(15)), `${n}`);
        if (nearest >= 1e-300 && nearest < 1e301) assert.ok(decOfCellNumber(nearest).equals(want), `${n}: ${nearest} reads as another decimal`);
        if (places >= 0) assert.equal(places, want.decimalPlaces(), `${n}`);
      }),
      { numRuns: 3000 },
    );
  });

  it("finds a number's decimal places without a text only when its 15-digit text reads back as itself, with those places", () => {
    assert.equal(shortPlaces(3270006.3), 1);
    assert.equal(shortPlaces(6610154.24), 2);
    assert.equal(shortPlaces(19), 0);
    assert.equal(shortPlaces(0.001), 3);
    assert.equal(shortPlaces(0.1 + 0.2), -1);
    assert.equal(shortPlaces(1e15), -1);
    assert.equal(shortPlaces(1e-7), 7); // its text has an exponent: "1.00000000000000e-7"
    const decimals = fc.tuple(fc.stringMatching(/^[1-9][0-9]{0,14}$/), fc.integer({ min: 0, max: 20 })).map(([digits, places]) => Number(digits) / 10 ** places);
    fc.assert(
      fc.property(fc.oneof(decimals, fc.double({ min: 1e-20, max: 1e16, noNaN: true })), (n) => {
        fc.pre(n > 0);
        const places = shortPlaces(n);
        const short = Number(n.toPrecision(15)) === n && n < 1e15;
        if (places >= 0) {
          assert.ok(short, `${n} is not its own 15-digit text`);
          assert.equal(places, new Dec(n.toPrecision(15)).decimalPlaces(), `${n}`);
        } else if (n >= 1) assert.ok(!short, `${n} was missed`); // below 1, past 15 places, the text route takes over
      }),
      { numRuns: 5000 },
    );
  });
});
