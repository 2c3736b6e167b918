/**
 * The sheet writer's cells: a decimal is written as the text its double shows
 * (what Excel and LibreOffice read back), whichever way the writer makes it;
 * a column's cell writer writes what one template per cell wrote.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { serialFromIso } from "../../src/adapters/xlsx/cells";
import { EnoughRead, SheetScanner } from "../../src/adapters/xlsx/sheet-scanner";
import type { OutCellSpec } from "../../src/adapters/xlsx/sheet-writer";
import { ColumnCells } from "../../src/adapters/xlsx/sheet-writer";
import { escapeCellText, escapeXml } from "../../src/adapters/xlsx/xml";
import { Dec } from "../../src/engine/money";
import { columnLetter } from "../../src/workbook/cells";
import { readSheetXmlWithSaxes } from "../support/saxes-sheet-reader";

const decimalArb = fc.oneof(
  // Money and quantities: up to 15 digits, 0–6 places.
  fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 })).map(([units, places]) => new Dec(units.toString()).dividedBy(new Dec(10).pow(places))),
  // Rates and long quotients: many digits, tiny and huge values.
  fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 40 })).map(([units, places]) => new Dec(units.toString()).dividedBy(new Dec(10).pow(places))),
  fc.constantFrom("0", "-0", "1e-7", "-0.0000001", "0.000001", "1e20", "1e21", "123456789012345", "0.1", "-12.5").map((t) => new Dec(t)),
);

/** A cell as the writer wrote it before it wrote column by column: one template per cell (kept here as the reference). */
function templateCellXml(ref: string, v: OutCellSpec["value"], style: number, date1904: boolean): string {
  const keepsSpace = (text: string): boolean => {
    if (text === "") return false;
    const first = text.charCodeAt(0);
    const last = text.charCodeAt(text.length - 1);
    return first <= 32 || last <= 32 || text.includes("\n") || text.includes("\t") || text.includes("  ");
  };
  const decimalText = (d: Dec): string => {
    const text = d.toString();
    return text.length <= 15 && !text.includes(".000000") ? text : String(d.toNumber());
  };
  const s = style > 0 ? ` s="${style}"` : "";
  if (v === null) return style > 0 ? `<c r="${ref}"${s}/>` : "";
  if (typeof v === "string") return `<c r="${ref}"${s} t="inlineStr"><is>${keepsSpace(v) ? '<t xml:space="preserve">' : "<t>"}${escapeCellText(v)}</t></is></c>`;
  if (typeof v === "number") return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v instanceof Dec) return `<c r="${ref}"${s}><v>${decimalText(v)}</v></c>`;
  if ("date" in v) return `<c r="${ref}"${s}><v>${serialFromIso(v.date, date1904)}</v></c>`;
  if ("error" in v) return `<c r="${ref}"${s} t="e"><v>${escapeXml(v.error)}</v></c>`;
  return `<c r="${ref}"${s}><f>${escapeXml(v.formula)}</f><v>${v.result}</v></c>`;
}

/** One cell through a fresh column writer. */
const cellXml = (column: string, row: number, v: OutCellSpec["value"], style: number, date1904 = false): string => new ColumnCells(column, date1904).cell(String(row), v, style);

describe("sheet writer: cells", () => {
  it("writes a decimal as the text of its double", () => {
    fc.assert(
      fc.property(decimalArb, (d) => {
        assert.equal(cellXml("B", 7, d, 3), `<c r="B7" s="3"><v>${String(d.toNumber())}</v></c>`);
      }),
      { numRuns: 2000 },
    );
  });

  // Texts of the pieces that need something: white space, line breaks, what XML escapes or cannot hold, _xHHHH_ and what resembles it, surrogate pairs and lone halves.
  const textArb = fc.string({ unit: fc.constantFrom("a", "Z", " ", "\n", "\r", "\t", "&", "<", ">", '"', "'", "_", "x", "_x000D_", "_x", "_X0041_", "\u0000", "\u0001", "\u000b", "\u001f", "\u007f", "\ufffe", "\uffff", "å", "€", "😀", "\ud83d", "\ude00", "0"), maxLength: 14 });
  const dateArb = fc.date({ min: new Date(Date.UTC(1900, 2, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const valueArb: fc.Arbitrary<OutCellSpec["value"]> = fc.oneof(
    fc.constant(null),
    textArb,
    fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 1e21, 1e-7, 0.1 + 0.2, Number.MAX_SAFE_INTEGER)),
    fc.boolean(),
    decimalArb,
    dateArb.map((date) => ({ date })),
    fc.constantFrom("#N/A", "#DIV/0!", "#REF!", "#VALUE!").map((error) => ({ error })),
    fc.tuple(textArb, fc.double()).map(([formula, result]) => ({ formula, result })),
  );

  it("writes every value as the one template per cell wrote it, in any column and row, with any style, a column's cells one after another", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16383 }), fc.boolean(), fc.array(fc.tuple(fc.integer({ min: 1, max: 1_048_576 }), valueArb, fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 12 }), (j, date1904, cells) => {
        const column = columnLetter(j);
        const writer = new ColumnCells(column, date1904);
        for (const [row, v, style] of cells) assert.equal(writer.cell(String(row), v, style), templateCellXml(`${column}${row}`, v, style, date1904), JSON.stringify({ row, v, style }));
      }),
      { numRuns: 3000 },
    );
  });

  it("writes a run of dates, each its own serial, through one column's writer (which keeps the last one's serial)", () => {
    const writer = new ColumnCells("B", false);
    // 2026-01-31 is day 46053 of the 1900 system (Excel's 2026-01-01 is 46023, +30 days).
    assert.equal(writer.date("5", "2026-01-31", 2), '<c r="B5" s="2"><v>46053</v></c>');
    assert.equal(writer.date("6", "2026-01-31", 2), '<c r="B6" s="2"><v>46053</v></c>');
    assert.equal(writer.date("7", "2026-02-01", 2), '<c r="B7" s="2"><v>46054</v></c>');
    assert.equal(writer.date("8", "2026-01-31", 0), '<c r="B8"><v>46053</v></c>');
  });
});

describe("sheet writer: text cells", () => {
  it("marks xml:space=\"preserve\" where Excel does: white space at an end, a line break, a tab, a double space", () => {
    const marked = (text: string) => cellXml("A", 1, text, 0).includes('xml:space="preserve"');
    for (const text of [" a", "a ", "a\nb", "a\tb", "a  b", "\t"]) assert.equal(marked(text), true, JSON.stringify(text));
    for (const text of ["a", "a b", "Purchase price variance", "å & ä", "", "a\rb"]) assert.equal(marked(text), false, JSON.stringify(text));
  });

  it("escapes what XML escapes and what it cannot hold or would change (a carriage return), and a literal _xHHHH_, and nothing else", () => {
    assert.equal(cellXml("A", 1, 'a&b<c>"d', 0), '<c r="A1" t="inlineStr"><is><t>a&amp;b&lt;c&gt;&quot;d</t></is></c>');
    assert.equal(cellXml("A", 1, "x_x000D_\u0001y", 0), '<c r="A1" t="inlineStr"><is><t>x_x005F_x000D__x0001_y</t></is></c>');
    // A carriage return as Excel writes it: raw, any XML reader would give it back as a line feed.
    assert.equal(cellXml("A", 1, "a\r\nb", 0), '<c r="A1" t="inlineStr"><is><t xml:space="preserve">a_x000D_\nb</t></is></c>');
    assert.equal(cellXml("A", 1, "REVALUATION_VARIANCE _x 😀", 4), '<c r="A1" s="4" t="inlineStr"><is><t>REVALUATION_VARIANCE _x 😀</t></is></c>');
  });

  it("reads every text back as written, marked or not, by our scanner and by a conforming XML reader (which turns a raw carriage return into a line feed)", () => {
    const ctx = { sharedStrings: [], date1904: false, dateStyles: new Set<number>() };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "\n", "\r", "\r\n", "\t", "&", "<", "_x0041_", "å"), maxLength: 12 }), (text) => {
        const xml = cellXml("A", 1, text, 0);
        const sheet = `<worksheet><sheetData><row r="1">${xml}</row></sheetData></worksheet>`;
        const found: unknown[] = [];
        const scanner = new SheetScanner(ctx, undefined, (_r, _c, v) => found.push(v));
        try {
          scanner.feed(new TextEncoder().encode(sheet));
        } catch (e) {
          if (!(e instanceof EnoughRead)) throw e;
        }
        assert.deepEqual(found, text === "" ? [""] : [text]);
        const bySaxes: unknown[] = [];
        readSheetXmlWithSaxes(sheet, ctx, undefined, (_r, _c, v) => bySaxes.push(v));
        assert.deepEqual(bySaxes, text === "" ? [""] : [text], JSON.stringify(xml));
        const edges = /^\s|\s$|[\n\t]| {2}/.test(text);
        assert.equal(xml.includes('xml:space="preserve"'), edges, xml);
      }),
      { numRuns: 500 },
    );
  });
});
