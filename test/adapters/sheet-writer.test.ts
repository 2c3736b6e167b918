/**
 * The sheet writer's cells: a decimal is written as the text its double shows
 * (what Excel and LibreOffice read back), whichever way the writer makes it.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { EnoughRead, SheetScanner } from "../../src/adapters/xlsx/sheet-scanner";
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

describe("sheet writer: text cells", () => {
  it("marks xml:space=\"preserve\" where Excel does: white space at an end, a line break, a tab, a double space", () => {
    const marked = (text: string) => cellXml("A1", text, 0, false).includes('xml:space="preserve"');
    for (const text of [" a", "a ", "a\nb", "a\tb", "a  b", "\t"]) assert.equal(marked(text), true, JSON.stringify(text));
    for (const text of ["a", "a b", "Purchase price variance", "å & ä", ""]) assert.equal(marked(text), false, JSON.stringify(text));
  });

  it("reads every text back as written, marked or not", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "\n", "\t", "&", "<", "_x0041_", "å"), maxLength: 12 }), (text) => {
        const xml = cellXml("A1", text, 0, false);
        const found: unknown[] = [];
        const scanner = new SheetScanner({ sharedStrings: [], date1904: false, dateStyles: new Set() }, undefined, (_r, _c, v) => found.push(v));
        try {
          scanner.feed(new TextEncoder().encode(`<worksheet><sheetData><row r="1">${xml}</row></sheetData></worksheet>`));
        } catch (e) {
          if (!(e instanceof EnoughRead)) throw e;
        }
        assert.deepEqual(found, text === "" ? [""] : [text]);
        const edges = /^\s|\s$|[\n\t]| {2}/.test(text);
        assert.equal(xml.includes('xml:space="preserve"'), edges, xml);
      }),
      { numRuns: 500 },
    );
  });
});
