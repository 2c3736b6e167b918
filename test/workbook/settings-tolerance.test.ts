/**
 * The StandardTolerance setting: a fraction (0.05), a percentage (5 %), in any
 * of our languages' names; anything else is reported at its cell.
 */
import { strict as assert } from "node:assert";
import { formatProblem } from "../../src/workbook/parse";
import { readSetting } from "./support";

const read = readSetting;

describe("workbook: the StandardTolerance setting", () => {
  it("reads a fraction, a percentage and the Swedish and Malay names", () => {
    for (const [key, value, want] of [
      ["StandardTolerance", 0.05, "0.05"],
      ["Standard tolerance", "8 %", "0.08"],
      ["Standardtolerans", "2,5%", "0.025"],
      ["Toleransi piawai", 0, "0"],
    ] as const) {
      const r = read(key, value);
      assert.deepEqual(r.problems.map(formatProblem), [], key);
      assert.equal(r.input!.settings.standardTolerance?.toFixed(), want, key);
    }
  });

  it("is absent when not given (the review then uses 5 %)", () => {
    assert.equal(read("Currency", "USD").input!.settings.standardTolerance, undefined);
  });

  it("refuses 5 (500 %), a negative and text at the Value cell", () => {
    const five = read("StandardTolerance", 5).problems;
    assert.equal(five.length, 1);
    assert.equal(five[0].address, "Settings!B2");
    assert.match(five[0].message, /5 means 500 %/);
    assert.equal(read("StandardTolerance", -0.01).problems.length, 1);
    assert.equal(read("StandardTolerance", "wide").problems[0].code, "not-a-number");
  });
});
