/** The CapitalizeConversion setting: yes or no in any of our languages, or Excel's TRUE / FALSE; anything else at its cell. */
import { strict as assert } from "node:assert";
import { formatProblem } from "../../src/workbook/parse";
import { readSetting } from "./support";

describe("workbook: the CapitalizeConversion setting", () => {
  const read = readSetting;

  it("reads yes and no in our languages, and Excel's TRUE and FALSE", () => {
    for (const [key, value, want] of [
      ["CapitalizeConversion", "yes", true],
      ["Capitalise conversion", "no", false],
      ["Förädling i lager", "ja", true],
      ["Modalkan penukaran", "tidak", false],
      ["CapitalizeConversion", true, true],
    ] as const) {
      const r = read(key, value);
      assert.deepEqual(r.problems.map(formatProblem), [], key);
      assert.equal(r.input!.settings.capitalizeConversion, want, key);
    }
    assert.equal(read("Currency", "USD").input!.settings.capitalizeConversion, undefined);
  });

  it("refuses anything else at its Value cell", () => {
    const p = read("CapitalizeConversion", "maybe").problems;
    assert.equal(p.length, 1);
    assert.equal(p[0].address, "Settings!B2");
    assert.match(p[0].message, /"maybe" is not yes or no/);
  });
});
