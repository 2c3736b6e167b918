/**
 * The sheet writer's cells: a decimal is written as the text its double shows
 * (what Excel and LibreOffice read back), whichever way the writer makes it.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { cellXml } from "../../src/adapters/xlsx/sheet-writer";
import { Dec } from "../../src/engine/money";

const decimalArb = fc.oneof(
  // Money and quantities: up to 15 digits, 0–6 places.
  fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 })).map(([units, places]) => new Dec(units.toString()).dividedBy(new Dec(10).pow(places))),
  // Rates and long quotients: many digits, tiny and huge values.
  fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 40 })).map(([units, places]) => new Dec(units.toString()).dividedBy(new Dec(10).pow(places))),
  fc.constantFrom("0", "-0", "1e-7", "-0.0000001", "0.000001", "1e20", "1e21", "123456789012345", "0.1", "-12.5").map((t) => new Dec(t)),
);

describe("sheet writer: cells", () => {
  it("writes a decimal as the text of its double", () => {
    fc.assert(
      fc.property(decimalArb, (d) => {
        assert.equal(cellXml("B7", d, 3, false), `<c r="B7" s="3"><v>${String(d.toNumber())}</v></c>`);
      }),
      { numRuns: 2000 },
    );
  });
});
