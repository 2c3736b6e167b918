/**
 * The sheet scanner against a full XML tokenizer (saxes, test/support/saxes-sheet-reader.ts):
 * the same cells, in the same order, from random sheets written every way the
 * format allows and fed in random pieces, and from every worksheet of the 40 real workbooks.
 */
import { sharedFolder } from "../support/root";
import { strict as assert } from "node:assert";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { readPackageIndex, readXmlPart } from "../../src/adapters/xlsx/package";
import { readSharedStrings } from "../../src/adapters/xlsx/shared-strings";
import { readSheetCells } from "../../src/adapters/xlsx/sheet-reader";
import { EnoughRead, MalformedSheet, SheetScanner, type SheetWindow } from "../../src/adapters/xlsx/sheet-scanner";
import { textOf } from "../../src/adapters/xlsx/xml-bytes";
import { dateStylesOf } from "../../src/adapters/xlsx/styles";
import { ZipArchive } from "../../src/adapters/xlsx/zip";
import type { CellValue } from "../../src/workbook/cells";
import { dateFromSerial } from "../../src/workbook/cells";
import { readSheetXmlWithSaxes } from "../support/saxes-sheet-reader";

type Found = [number, number, CellValue];
const CTX = { sharedStrings: ["zero", "one & two", "three"], date1904: false, dateStyles: new Set([1]) };

/** The scanner's cells from the sheet's UTF-8 bytes, fed in pieces cut at the byte offsets `cuts` (inside a character too). */
function scan(xml: string, cuts: readonly number[], window?: SheetWindow): Found[] {
  return scanBytes(new TextEncoder().encode(xml), cuts, window);
}

function scanBytes(bytes: Uint8Array, cuts: readonly number[], window?: SheetWindow): Found[] {
  const found: Found[] = [];
  const scanner = new SheetScanner(CTX, window, (r, c, v) => found.push([r, c, v]));
  let from = 0;
  try {
    for (const cut of [...cuts].map((c) => c % (bytes.length + 1)).sort((a, b) => a - b)) {
      scanner.feed(bytes.subarray(from, cut));
      from = cut;
    }
    scanner.feed(bytes.subarray(from));
    scanner.end();
  } catch (e) {
    if (!(e instanceof EnoughRead)) throw e;
  }
  return found;
}

function oracle(xml: string, window?: SheetWindow): Found[] {
  const found: Found[] = [];
  readSheetXmlWithSaxes(xml, CTX, window, (r, c, v) => found.push([r, c, v]));
  return found;
}

const escapeText = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One cell's XML, written one of the ways producers write it. */
const cellArb = (p: string, q: string) =>
  fc
    .record({
      kind: fc.constantFrom("n", "s", "styled-s", "str", "inline", "styled-inline", "rich", "b", "e", "formula-no-value", "empty", "date", "cdata", "charref"),
      num: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
      text: fc.string({ unit: fc.constantFrom("a", "B", " ", "&", "<", ">", "\"", "'", "å", "_x000A_", "é", "x", "\r", "\r\n", "\n"), maxLength: 8 }),
      withRef: fc.boolean(),
      comment: fc.boolean(),
    })
    .map(({ kind, num, text, withRef, comment }) => ({ kind, num, text, withRef, comment, p, q }));

type CellSpec = ReturnType<typeof cellArb> extends fc.Arbitrary<infer T> ? T : never;

function cellXml(c: CellSpec, ref: string): string {
  const { p, q } = c;
  const r = c.withRef ? ` r=${q}${ref}${q}` : "";
  const pre = c.comment ? "<!-- a comment -->" : "";
  switch (c.kind) {
    case "n":
      return `${pre}<${p}c${r}><${p}v>${c.num}</${p}v></${p}c>`;
    case "date":
      return `<${p}c${r} s=${q}1${q}><${p}v>46329</${p}v></${p}c>`;
    case "s":
      return `<${p}c${r} t=${q}s${q}><${p}v>${Math.abs(Math.round(c.num)) % 3}</${p}v></${p}c>`;
    // Style and type together, in the order Excel writes them (the scanner's one-match form).
    case "styled-s":
      return `<${p}c${r} s=${q}2${q} t=${q}s${q}><${p}v>${Math.abs(Math.round(c.num)) % 3}</${p}v></${p}c>`;
    case "styled-inline":
      return `<${p}c${r} s=${q}1${q} t=${q}inlineStr${q}><${p}is><${p}t>${escapeText(c.text)}</${p}t></${p}is></${p}c>`;
    case "str":
      return `<${p}c${r} t=${q}str${q}><${p}f>A1&amp;"x"</${p}f><${p}v>${escapeText(c.text)}</${p}v></${p}c>`;
    case "inline":
      return `<${p}c${r} t=${q}inlineStr${q}><${p}is><${p}t xml:space="preserve">${escapeText(c.text)}</${p}t></${p}is></${p}c>`;
    case "rich":
      return `<${p}c${r} t=${q}inlineStr${q}><${p}is><${p}r><${p}t>${escapeText(c.text)}</${p}t></${p}r><${p}r><${p}rPr><${p}b/></${p}rPr><${p}t>!</${p}t></${p}r><${p}rPh sb="0" eb="1"><${p}t>ヨミ</${p}t></${p}rPh></${p}is></${p}c>`;
    case "cdata":
      return `<${p}c${r} t=${q}inlineStr${q}><${p}is><${p}t><![CDATA[${c.text.replace(/]]>/g, "")}&amp;]]></${p}t></${p}is></${p}c>`;
    case "charref":
      return `<${p}c${r} t=${q}inlineStr${q}><${p}is><${p}t>&#229;&#x00E4;${escapeText(c.text)}</${p}t></${p}is></${p}c>`;
    case "b":
      return `<${p}c${r} t=${q}b${q}><${p}v>${c.num > 0 ? 1 : 0}</${p}v></${p}c>`;
    case "e":
      return `<${p}c${r} t=${q}e${q}><${p}v>#N/A</${p}v></${p}c>`;
    case "formula-no-value":
      return `<${p}c${r}><${p}f>SUM(A1:A2)</${p}f></${p}c>`;
    case "empty":
      return `<${p}c${r} s=${q}2${q}/>`;
  }
  return "";
}

const sheetArb = fc
  .record({ prefix: fc.constantFrom("", "x:"), quote: fc.constantFrom('"', "'"), rowRefs: fc.boolean(), gaps: fc.boolean() })
  .chain(({ prefix, quote, rowRefs, gaps }) =>
    fc.array(fc.array(cellArb(prefix, quote), { maxLength: 6 }), { maxLength: 12 }).map((rows) => {
      const p = prefix;
      const ns = p ? `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"` : `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
      let rowNumber = 0;
      const body = rows
        .map((cells) => {
          rowNumber += gaps && rowNumber % 3 === 2 ? 2 : 1;
          const r = rowRefs ? ` r=${quote}${rowNumber}${quote}` : "";
          const xml = cells.map((c, j) => cellXml({ ...c, withRef: c.withRef && rowRefs }, `${String.fromCharCode(65 + j)}${rowNumber}`)).join("");
          // An attribute value may hold a ">" (legal in XML): the tag does not end there.
          const note = gaps ? ` note=${quote}a>b${quote}` : "";
          return `<${p}row${r} spans="1:6"${note}>${xml}</${p}row>`;
        })
        .join("\n");
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns}><${p}dimension ref="A1"/><${p}sheetData>${body}</${p}sheetData><${p}pageMargins left="0.7"/></${p}worksheet>`;
    }),
  );

describe("sheet scanner: the same cells as a full XML tokenizer", () => {
  it("on random sheets written every way the format allows, fed in pieces cut at random bytes", () => {
    fc.assert(
      fc.property(sheetArb, fc.array(fc.nat(), { maxLength: 20 }), (xml, cuts) => {
        const expected = oracle(xml);
        assert.deepEqual(scan(xml, cuts), expected);
      }),
      { numRuns: 400 },
    );
  });

  it("inside a window of rows and columns, stopping after its last row", () => {
    fc.assert(
      fc.property(sheetArb, fc.nat(6), fc.nat(6), fc.nat(3), fc.nat(3), (xml, top, height, left, width) => {
        const window = { top: top + 1, bottom: top + 1 + height, left: left + 1, right: left + 1 + width };
        assert.deepEqual(scan(xml, [], window), oracle(xml, window));
      }),
      { numRuns: 200 },
    );
  });

  it("reads a number written any way xsd:double allows (spaces around it collapsed) to the double Number() makes of its text, in and out of a date format; 0x10 and 0b11 are text", () => {
    // The scanner reads most numbers by their digits (Clinger's fast path) and hands the rest to Number(): both must agree bit for bit.
    // Number() also reads hexadecimal, binary, padded and "Infinity" texts, which no spreadsheet program writes as a number.
    const written = fc.oneof(
      fc.double({ noNaN: true }).map(String),
      fc.stringMatching(/^-?[0-9]{0,20}(\.[0-9]{0,25})?$/),
      fc.constantFrom("-0", "0.1", "0.30000000000000004", "9007199254740993", "1.", ".5", "-", "1e5", "1E-7", " 5", "+3", "0x10", "0b11", "0o7", "1_0", "Infinity"),
    );
    fc.assert(
      fc.property(written, fc.boolean(), (text, dated) => {
        const xml = `<worksheet><sheetData><row r="1"><c r="A1"${dated ? ' s="1"' : ""}><v>${text}</v></c></row></sheetData></worksheet>`;
        const n = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
        // A date is compared by its time: two invalid Dates (a serial past year 275760) are never deep-equal.
        const comparable = (v: CellValue) => (v instanceof Date ? ["date", v.getTime()] : v);
        const expected = text === "" ? [] : [[1, 1, Number.isFinite(n) ? (dated ? ["date", dateFromSerial(n, false).getTime()] : n) : text]];
        const got = scan(xml, []);
        assert.deepEqual(got.map(([r, c, v]) => [r, c, comparable(v)]), expected, text);
        if (got.length === 1 && typeof got[0][2] === "number") assert.ok(Object.is(got[0][2], n), `${text} read as ${String(got[0][2])}`);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses what is not a sheet: a cell left open, a tag cut off", () => {
    const sheet = (data: string) => `<worksheet><sheetData>${data}</sheetData></worksheet>`;
    assert.throws(() => scan(sheet('<row r="1"><c r="A1"><v>1</v></row>'), []), MalformedSheet);
    assert.throws(() => scan(sheet('<row r="1"><c r="A1"><v>1</v><c r="B1"/></c></row>'), []), MalformedSheet);
    assert.throws(() => scan('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c', []), MalformedSheet);
    assert.throws(() => scan(sheet('<row r="x"/>'), []), MalformedSheet);
    // A type SpreadsheetML has not (read as a number before), and an error cell that names no error (read as a blank).
    assert.throws(() => scan(sheet('<row r="1"><c r="A1" t="zz"><v>5</v></c></row>'), []), MalformedSheet);
    assert.throws(() => scan(sheet('<row r="1"><c r="A1" t="e"/></row>'), []), MalformedSheet);
    // A shared-string index past the shared strings (CTX holds three) is damage, in the plain form and tag by tag.
    assert.throws(() => scan(sheet('<row r="1"><c r="A1" t="s"><v>3</v></c></row>'), []), MalformedSheet);
    assert.throws(() => scan(sheet('<row r="1"><c r="A1" t="s"><v> 1</v></c></row>'), []), MalformedSheet);
  });

  it("reads past a comment, a long attribute or a long text run of megabytes in linear work, and the cells after it", () => {
    // 256 kB pieces, as zlib hands them over: joining the carry to every piece made a 32 MB comment cost 6.8 s, and 1 GB hours.
    const big = 12 << 20;
    for (const [label, filler] of [
      ["comment", `<!--${"x".repeat(big)}-->`],
      ["attribute", `<sheetPr codeName="${"y".repeat(big)}"/>`],
      ["processing instruction", `<?pi ${"z".repeat(big)}?>`],
    ] as const) {
      const bytes = new TextEncoder().encode(`<worksheet>${filler}<sheetData><row r="1"><c r="A1"><v>7</v></c></row></sheetData></worksheet>`);
      const found: Found[] = [];
      const scanner = new SheetScanner(CTX, undefined, (r, c, v) => found.push([r, c, v]));
      try {
        for (let at = 0; at < bytes.length; at += 1 << 18) scanner.feed(bytes.subarray(at, at + (1 << 18)));
        scanner.end();
      } catch (e) {
        if (!(e instanceof EnoughRead)) throw e;
      }
      assert.deepEqual(found, [[1, 1, 7]], label);
      assert.ok(scanner.joined <= 4 * bytes.length, `${label}: ${scanner.joined} bytes joined for ${bytes.length}`);
    }
    // One that never ends is refused, held pieces and all.
    for (const unended of [`<worksheet><sheetData><!--${"x".repeat(3 << 20)}  `, `<worksheet><sheetPr codeName="${"y".repeat(3 << 20)}`]) {
      const open = new TextEncoder().encode(unended);
      const scanner = new SheetScanner(CTX, undefined, () => undefined);
      assert.throws(() => {
        for (let at = 0; at < open.length; at += 1 << 18) scanner.feed(open.subarray(at, at + (1 << 18)));
        scanner.end();
      }, MalformedSheet);
      assert.ok(scanner.joined <= 4 * open.length, `${scanner.joined} bytes joined for ${open.length}`);
    }
  });

  it("names the last cell read when a row's number is not a row's (not 'ANaN')", () => {
    for (const bad of ['r="x"', 'r="1.5"', 'r="0"', 'r="-1"']) {
      const scanner = new SheetScanner(CTX, undefined, () => undefined);
      const xml = `<worksheet><sheetData><row r="4" spans="1:2"><c r="B4"><v>1</v></c></row><row ${bad}/></sheetData></worksheet>`;
      assert.throws(() => scanner.feed(new TextEncoder().encode(xml)), MalformedSheet, bad);
      assert.equal(scanner.where(), "B4", bad);
    }
  });

  it("refuses a row numbered at or above one before it as damaged, inside a window too: rows read past as out of it were lost", () => {
    // Row 500 (below a window ending at 20) ahead of row 21 stopped the reading there: rows 21 on were dropped unsaid.
    for (const [rows, window] of [
      ['<row r="2"><c r="A2"><v>1</v></c></row><row r="500"><c r="A500"><v>5</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>', undefined],
      ['<row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>', undefined],
      ['<row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="1"><c r="A1"><v>9</v></c></row>', { top: 1, bottom: 2, left: 1, right: 1 }],
      // A table's window read to the end: the row below it passed over, the one out of order after it refused.
      ['<row r="2"><c r="A2"><v>1</v></c></row><row r="500"><c r="A500"><v>5</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>', { top: 1, bottom: 3, left: 1, right: 1, toEnd: true }],
    ] as const) {
      const scanner = new SheetScanner(CTX, window, () => undefined);
      const toEnd = window !== undefined && "toEnd" in window;
      assert.throws(() => scanner.feed(new TextEncoder().encode(`<worksheet><sheetData>${rows}</sheetData></worksheet>`)), (e: unknown) => e instanceof MalformedSheet || (!toEnd && e instanceof EnoughRead), rows);
      if (window === undefined) assert.ok(["A500", "A2"].includes(String(scanner.where())), scanner.where());
    }
  });

  it("read to the end past its window, takes no cell below it", () => {
    const xml = '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="9"><c r="A9"><v>9</v></c><c r="B9"><v>9</v></c></row></sheetData></worksheet>';
    assert.deepEqual(scan(xml, [], { top: 1, bottom: 2, left: 1, right: 2, toEnd: true }), [[1, 1, 1], [2, 1, 2]]);
  });

  it("reads an inline string as text whatever its t says, and a shared string by its index", () => {
    const sheet = (data: string) => `<worksheet><sheetData><row r="1">${data}</row></sheetData></worksheet>`;
    for (const cell of ['<c r="A1" t="s"><is><t>1</t></is></c>', '<c r="A1" t="s"><v>1</v></c>', '<c r="A1" s="2" t="s"><v>2</v></c>', '<c r="A1" t="n"><v>7</v></c>']) {
      assert.deepEqual(scan(sheet(cell), []), oracle(sheet(cell)), cell);
    }
    assert.deepEqual(scan(sheet('<c r="A1" t="s"><v>1</v></c>'), []), [[1, 1, "one & two"]]);
  });

  it("decodes text as the whole part decoded would: bytes that are not UTF-8 become U+FFFD, a byte-order mark opening the part is dropped, wherever the pieces are cut", () => {
    const encoder = new TextEncoder();
    const part = (inline: Uint8Array) =>
      Uint8Array.from([
        ...[0xef, 0xbb, 0xbf],
        ...encoder.encode('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'),
        ...inline,
        ...encoder.encode('</t></is></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>'),
      ]);
    // A lone continuation byte, a three-byte character cut short, a stray lead byte, and whole characters around them.
    const text = Uint8Array.from([0x61, 0x80, 0x62, 0xe2, 0x82, 0xc3, 0xa5, 0xff, ...encoder.encode("€ヨ")]);
    const bytes = part(text);
    const expected = [[1, 1, new TextDecoder().decode(text)], [1, 2, 2]];
    for (let cut = 0; cut <= bytes.length; cut++) assert.deepEqual(scanBytes(bytes, [cut]), expected, `cut at byte ${cut}`);
  });

  it("makes any bytes the text a UTF-8 decoder makes of them, with an XML reader's line ends (CR LF and CR become LF)", () => {
    const ascii = fc.uint8Array({ min: 0, max: 127, maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(ascii, fc.uint8Array({ maxLength: 30 })), fc.nat(5), (bytes, skip) => {
        const from = Math.min(skip, bytes.length);
        assert.equal(textOf(bytes, from, bytes.length), new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(from)).replace(/\r\n?/g, "\n"));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("sheet scanner: every worksheet of the 40 real workbooks reads as saxes reads it", function () {
  this.timeout(120_000);
  const folder = sharedFolder("real-workbooks");
  const files = existsSync(folder) ? readdirSync(folder).filter((n) => /\.xls[xm]$/i.test(n)) : [];
  it("finds the 40 workbooks", () => assert.ok(files.length >= 40, `found ${files.length} in ${folder}`));
  for (const file of files) {
    it(file, async () => {
      const zip = new ZipArchive(readFileSync(join(folder, file)));
      const index = await readPackageIndex(zip);
      const ctx = {
        sharedStrings: index.sharedStringsPart ? await readSharedStrings(zip, index.sharedStringsPart) : [],
        date1904: index.date1904,
        dateStyles: dateStylesOf(index.stylesPart ? await readXmlPart(zip, index.stylesPart) : undefined),
      };
      for (const s of index.sheets.filter((x) => x.isWorksheet && x.part)) {
        const scanned: Found[] = [];
        const expected: Found[] = [];
        await readSheetCells(zip, s.part!, s.name, ctx, undefined, (r, c, v) => scanned.push([r, c, v]));
        readSheetXmlWithSaxes(await zip.text(zip.entry(s.part!)!), ctx, undefined, (r, c, v) => expected.push([r, c, v]));
        assert.deepEqual(scanned, expected, `${file} ${s.name}`);
      }
    });
  }
});
