/**
 * The .xlsx reader on packages written by hand the way real producers write
 * them: shared, inline and rich text, phonetic runs, formulas with and without
 * saved results, errors, booleans, date formats (built-in and custom) in the
 * 1900 and 1904 date systems, cells and rows without `r`, no dimension, a
 * namespace prefix on every element, absolute relationship targets (openpyxl),
 * no styles part, escaped characters; and what it refuses, in plain words.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadXlsx } from "../../src/adapters/xlsx/bytes";
import { checkWorkbook } from "../../src/workbook/job";
import { uncalculatedFormula } from "../../src/adapters/xlsx/cells";
import { PackageError } from "../../src/adapters/xlsx/errors";
import { INFLATE_LIMITS, TEXT_PART_BYTES } from "../../src/adapters/xlsx/zip";
import type { CellValue } from "../../src/workbook/cells";
import { readZip, writeZip } from "./xlsx-zip";
import { bufferOf, excelWorkbook } from "./xlsx-fixture";
import { chairMaker } from "../contract/fixtures";
import { translator } from "../../src/i18n";
import { problemText } from "../../src/i18n/problems";

const SAMPLE = join(__dirname, "../../assets/sample/backflush-sample.xlsx");
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = (t: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${t}`;

interface PackageSpec {
  sheetData: string;
  sharedStrings?: string[] | string;
  styles?: string | null;
  date1904?: boolean;
  /** "x:" writes every SpreadsheetML element with that prefix. */
  prefix?: string;
  absoluteTargets?: boolean;
  sheetName?: string;
}

/** A one-sheet package, built part by part. */
function pkg(spec: PackageSpec): Buffer {
  const p = spec.prefix ?? "";
  const ns = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
  const t = (path: string) => (spec.absoluteTargets ? `/xl/${path}` : path);
  const parts = new Map<string, Buffer>();
  const put = (name: string, text: string) => parts.set(name, Buffer.from(text, "utf8"));
  put(
    "[Content_Types].xml",
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  put("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL("officeDocument")}" Target="${spec.absoluteTargets ? "/xl/workbook.xml" : "xl/workbook.xml"}"/></Relationships>`);
  put(
    "xl/workbook.xml",
    `<${p}workbook ${ns} xmlns:r="${RELNS}"><${p}workbookPr${spec.date1904 ? ' date1904="1"' : ""}/><${p}sheets><${p}sheet name="${spec.sheetName ?? "Sales"}" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
  );
  let rels = `<Relationship Id="rId1" Type="${REL("worksheet")}" Target="${t("worksheets/sheet1.xml")}"/>`;
  if (spec.sharedStrings !== undefined) {
    const sst = typeof spec.sharedStrings === "string" ? spec.sharedStrings : spec.sharedStrings.map((s) => `<${p}si><${p}t>${s}</${p}t></${p}si>`).join("");
    put("xl/sharedStrings.xml", `<${p}sst ${ns}>${sst}</${p}sst>`);
    rels += `<Relationship Id="rId2" Type="${REL("sharedStrings")}" Target="${t("sharedStrings.xml")}"/>`;
  }
  if (spec.styles !== null) {
    put(
      "xl/styles.xml",
      spec.styles ??
        `<${p}styleSheet ${ns}><${p}numFmts count="1"><${p}numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></${p}numFmts><${p}cellXfs count="4"><${p}xf numFmtId="0"/><${p}xf numFmtId="14"/><${p}xf numFmtId="164"/><${p}xf numFmtId="4"/></${p}cellXfs></${p}styleSheet>`,
    );
    rels += `<Relationship Id="rId3" Type="${REL("styles")}" Target="${t("styles.xml")}"/>`;
  }
  put("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`);
  put("xl/worksheets/sheet1.xml", `<${p}worksheet ${ns}><${p}sheetData>${spec.sheetData.replace(/<(\/?)(?=[a-z])/g, `<$1${p}`)}</${p}sheetData></${p}worksheet>`);
  return writeZip(parts);
}

async function rowsOf(spec: PackageSpec): Promise<{ header: readonly CellValue[]; rows: readonly (readonly CellValue[])[] }> {
  const t = await (await loadXlsx(pkg(spec))).findTable([spec.sheetName ?? "Sales"]);
  assert.ok(t, "no table");
  return { header: t.header, rows: t.rows };
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe("xlsx reader: cells as producers write them", () => {
  it("reads shared, inline and rich text, leaving phonetic runs out, and decodes _xHHHH_", async () => {
    const { header, rows } = await rowsOf({
      sharedStrings: '<si><t>Item</t></si><si><r><t>CH</t></r><r><rPr><b/></rPr><t>AIR</t></r><rPh sb="0" eb="1"><t>チ</t></rPh></si><si><t>line_x000A_two</t></si>',
      sheetData:
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Note</t></is></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><r><t>WO</t></r><r><t>OD</t></r></is></c></row>' +
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="inlineStr"><is><t xml:space="preserve"> a &amp; b </t></is></c></row>',
    });
    assert.deepEqual(header, ["Item", "Note"]);
    assert.deepEqual(rows, [
      ["CHAIR", "WOOD"],
      ["line\ntwo", " a & b "],
    ]);
  });

  it("reads numbers, booleans, errors, formulas' saved results, and flags a formula without one", async () => {
    const { rows } = await rowsOf({
      sheetData:
        '<row r="1"><c r="A1" t="inlineStr"><is><t>A</t></is></c><c r="B1" t="inlineStr"><is><t>B</t></is></c><c r="C1" t="inlineStr"><is><t>C</t></is></c><c r="D1" t="inlineStr"><is><t>D</t></is></c></row>' +
        '<row r="2"><c r="A2"><v>12.5</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#N/A</v></c><c r="D2"><f>B2*2</f><v>24</v></c></row>' +
        '<row r="3"><c r="A3" t="str"><f>UPPER("wood")</f><v>WOOD</v></c><c r="B3"><f t="shared" ref="B3:B4" si="0">A2*2</f><v>25</v></c><c r="C3"><f>B2*2</f></c><c r="D3" t="e"><f>NA()</f><v>#N/A</v></c></row>' +
        '<row r="4"><c r="A4"><v>-1.5E-3</v></c><c r="B4"><f t="shared" si="0"/><v>7</v></c></row>',
    });
    assert.deepEqual(rows, [
      [12.5, true, { error: "#N/A" }, 24],
      ["WOOD", 25, { error: uncalculatedFormula("B2*2") }, { error: "#N/A" }],
      [-0.0015, 7, null, null],
    ]);
  });

  for (const date1904 of [false, true]) {
    it(`reads numbers in built-in and custom date formats as dates in the ${date1904 ? "1904" : "1900"} date system, and plain numbers as numbers`, async () => {
      // 2026-11-03 is serial 46329 from 1900 (as Excel counts) and 44867 from 1904 (1,462 days fewer).
      const serial = date1904 ? 44867 : 46329;
      const { rows } = await rowsOf({
        date1904,
        sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Custom</t></is></c><c r="C1" t="inlineStr"><is><t>Money</t></is></c><c r="D1" t="inlineStr"><is><t>ISO</t></is></c></row><row r="2"><c r="A2" s="1"><v>${serial}</v></c><c r="B2" s="2"><v>${serial}</v></c><c r="C2" s="3"><v>${serial}</v></c><c r="D2" t="d"><v>2026-11-03T00:00:00</v></c></row>`,
      });
      assert.deepEqual(rows, [[day("2026-11-03"), day("2026-11-03"), serial, day("2026-11-03")]]);
    });
  }

  it("reads cells and rows without r attributes, and sheets without a dimension", async () => {
    const { header, rows } = await rowsOf({
      sheetData: '<row><c t="inlineStr"><is><t>Item</t></is></c><c t="inlineStr"><is><t>Qty</t></is></c></row><row><c t="inlineStr"><is><t>WOOD</t></is></c><c><v>3</v></c></row><row r="4"><c r="B4"><v>5</v></c></row>',
    });
    assert.deepEqual(header, ["Item", "Qty"]);
    assert.deepEqual(rows, [
      ["WOOD", 3],
      [null, null],
      [null, 5],
    ]);
  });

  it("reads a package whose every element carries a prefix, with absolute relationship targets (as openpyxl writes them)", async () => {
    const { header, rows } = await rowsOf({
      prefix: "x:",
      absoluteTargets: true,
      sharedStrings: ["Item", "WOOD"],
      sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>',
    });
    assert.deepEqual(header, ["Item"]);
    assert.deepEqual(rows, [["WOOD"]]);
  });

  it("reads a package with no styles part (numbers stay numbers)", async () => {
    const { rows } = await rowsOf({ styles: null, sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>N</t></is></c></row><row r="2"><c r="A2" s="1"><v>46329</v></c></row>' });
    assert.deepEqual(rows, [[46329]]);
  });
});

describe("xlsx reader: what it refuses, in its own words", () => {
  const refusal = async (data: Uint8Array, problem: PackageError["problem"], words: RegExp) => {
    await assert.rejects(loadXlsx(data).then((p) => p.findTable(["Sales"])), (e: unknown) => {
      assert.ok(e instanceof PackageError, `not a PackageError: ${String(e)}`);
      assert.equal(e.problem, problem);
      assert.match(e.message, words);
      assert.doesNotMatch(e.message, /https?:|zip file \?|undefined|Cannot read/i, "a library's words reached the user");
      return true;
    });
  };

  it("a file that is not a zip package", () => refusal(Buffer.from("Item,Qty\nWOOD,1\n"), "notZip", /not an \.xlsx workbook/));

  it("a zip that holds no workbook", () => refusal(writeZip(new Map([["readme.txt", Buffer.from("hello")]])), "notWorkbook", /no Excel workbook/));

  it("a part in the file twice (names differ only in case, which part names ignore): damaged at that part, not one copy costed at random", async () => {
    const sample = readZip(readFileSync(SAMPLE));
    const sheet = [...sample.keys()].find((k) => k.startsWith("xl/worksheets/sheet"))!;
    const twice = new Map([...sample, [sheet.toUpperCase(), sample.get(sheet)!]]);
    await refusal(writeZip(twice), "duplicatePart", new RegExp(`part ${sheet.toUpperCase().replace(/[.]/g, "\\.")} is in it twice`, "i"));
  });

  it("a sheet whose XML is broken, naming the sheet and the cell near the damage", async () => {
    const data = pkg({ sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>Item</t></is></c></row><row r="2"><c r="B2"><v>1</v></c><c r="C2"><v>2</v></row>' });
    await refusal(data, "badSheet", /sheet Sales, near cell C2,/);
  });

  // XML that is not well formed, which a reader that only looks for its own tags would read on as a blank or a cut value
  // (the count in C2 dropped, "STO" costed for "STOOL"): refused at the cell, as Excel refuses the file.
  for (const [what, cell] of [
    ["a tag inside a tag, hiding the value", '<c r="C2"><x<v>200</v></c>'],
    ["a value with a < in it", '<c r="C2"><v>1<2</v></c>'],
    ["an inline string with a < in it", '<c r="C2" t="inlineStr"><is><t>STO<OL</t></is></c>'],
    ["an entity cut short", '<c r="C2" t="inlineStr"><is><t>A&amp2B</t></is></c>'],
    ["an entity XML does not define", '<c r="C2" t="inlineStr"><is><t>A&nbsp;B</t></is></c>'],
    ["an end tag too many", '<c r="C2"><v>2</v></c></c>'],
    ["a value closed by the formula's end tag", '<c r="C2"><v>2</f></c>'],
    ["a cell closed with its value open", '<c r="C2"><v>2</c>'],
    ["a < in an attribute's value", '<c r="C2" s="1<"><v>2</v></c>'],
    ["an inline string's text closed twice", '<c r="C2" t="inlineStr"><is><t>STO</t>OL</t></is></c>'],
    ["an inline string left open", '<c r="C2" t="inlineStr"><is><t>STO</t></c>'],
    ["an inline string closed twice", '<c r="C2" t="inlineStr"><is><t>STO</t></is></is></c>'],
    ["a phonetic run closed twice", '<c r="C2" t="inlineStr"><is><t>STO</t><rPh sb="0" eb="1"><t>s</t></rPh></rPh></is></c>'],
    ["a row closed twice", '<c r="C2"><v>2</v></c></row></row><row r="3"><c r="C3"><v>3</v></c>'],
    ["a row inside a row", '<c r="C2"><v>2</v></c><row r="3"><c r="C3"><v>3</v></c></row>'],
    ["a phonetic run left open", '<c r="C2" t="inlineStr"><is><t>a</t><rPh sb="0" eb="1"><t>b</t></is></c>'],
  ] as const) {
    it(`a sheet with ${what}: damaged, at the cell, never read on`, async () => {
      const data = pkg({ sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>Item</t></is></c></row><row r="2"><c r="B2"><v>1</v></c>${cell}</row>` });
      // Near: a tag refused before its cell's address is read names the cell before it.
      await refusal(data, "badSheet", /sheet Sales, near cell [BC]2,/);
    });
  }

  it("shared strings with a < in a text, or a tag inside a tag: damaged, naming the part, never a string cut short", async () => {
    for (const broken of [["Item", "STO<OL"], ["Item", "<x"], ["Item", "STO</t>OL"], ["Item", "STO</t><rPh><t>s</t></rPh></rPh><t>"], ["Item", "a</t><rPh><t>b</t><t>"]]) {
      const data = pkg({ sharedStrings: broken, sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>' });
      await refusal(data, "badXml", /sharedStrings\.xml/);
    }
  });

  it("a shared-string index the shared strings do not hold: damaged, at the cell, never a blank cell", async () => {
    const data = pkg({
      sharedStrings: ["Item", "WOOD"],
      sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>7</v></c></row>',
    });
    await refusal(data, "badSheet", /it is damaged: sheet Sales, near cell A3, could not be read/);
    // The same cell by the tag-by-tag path (a formula's cached shared string is not a plain cell).
    await refusal(pkg({ sharedStrings: ["Item"], sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="s"><f>A1</f><v>3</v></c></row>' }), "badSheet", /near cell B2,/);
  });

  // Number() would read "" and "-0" as 0 and "1.0" or " 1" as 1: a shared string the cell never named.
  for (const index of ["", "-0", "1.0", "+1", " 1", "1e0", "0x1"]) {
    it(`a shared-string index that is not plain digits (<v>${index}</v>): damaged, at the cell, never shared string 0 or 1`, async () => {
      const sharedStrings = ["Item", "WOOD"];
      await refusal(pkg({ sharedStrings, sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>${index}</v></c></row>` }), "badSheet", /near cell A2,/);
      // And by the tag-by-tag path (a formula's cached value).
      await refusal(pkg({ sharedStrings, sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="s"><f>A1</f><v>${index}</v></c></row>` }), "badSheet", /near cell B2,/);
    });
  }

  it("a sheet the workbook names whose part is missing: damaged, naming the part, not an absent table", async () => {
    const parts = readZip(pkg({ sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>Item</t></is></c></row>' }));
    parts.delete("xl/worksheets/sheet1.xml");
    await refusal(writeZip(parts), "damaged", /it is damaged: part xl\/worksheets\/sheet1\.xml could not be read/);
  });

  it("the sample with its Sales sheet's part taken out (its table still named): damaged at that part; a sheet without a relationship too", async () => {
    const sample = readZip(readFileSync(SAMPLE));
    const rels = sample.get("xl/_rels/workbook.xml.rels")!.toString("utf8");
    const wb = sample.get("xl/workbook.xml")!.toString("utf8");
    const relId = /<sheet [^>]*name="Sales"[^>]*r:id="([^"]+)"/.exec(wb)![1];
    const target = new RegExp(`<Relationship [^>]*Id="${relId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${relId}"`).exec(rels)![1];
    const part = `xl/${target.replace(/^\/?xl\//, "")}`;
    assert.ok(sample.has(part), part);
    const noPart = new Map(sample);
    noPart.delete(part);
    const opened = await loadXlsx(writeZip(noPart));
    assert.ok(await opened.findTable(["Items"]), "the other sheets still read");
    await assert.rejects(opened.findTable(["Sales"]), (e: unknown) => e instanceof PackageError && e.problem === "damaged" && e.params.part === part);
    const noRel = new Map(sample);
    noRel.set("xl/_rels/workbook.xml.rels", Buffer.from(rels.replace(new RegExp(`<Relationship [^>]*Id="${relId}"[^>]*/>`), ""), "utf8"));
    await assert.rejects((await loadXlsx(writeZip(noRel))).findTable(["Sales"]), (e: unknown) => e instanceof PackageError && e.problem === "damaged" && e.params.part === "xl/_rels/workbook.xml.rels");
  });

  /** Sets the size an entry says it inflates to, in the central directory. */
  function declareSize(data: Buffer, part: string, size: number): void {
    const name = Buffer.from(part);
    const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let p = data.readUInt32LE(eocd + 16);
    for (;;) {
      const n = data.readUInt16LE(p + 28);
      if (data.subarray(p + 46, p + 46 + n).equals(name)) break;
      p += 46 + n + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    }
    data.writeUInt32LE(size, p + 24);
  }

  it("a part that says it inflates past the limit, before inflating it", async () => {
    const data = pkg({ sheetData: '<row r="1"><c r="A1"><v>1</v></c></row>' });
    declareSize(data, "xl/worksheets/sheet1.xml", INFLATE_LIMITS.partBytes + 1);
    await refusal(data, "partTooLarge", /more than 1,024 MB once unpacked/);
  });

  it("an index part read whole (styles, workbook, content types) past 256 MB, before it becomes a string too long to make", async () => {
    // A 600 MB styles part crashed with JavaScript's own words (exit 3); it says it is too large, at its part.
    const data = pkg({ sheetData: '<row r="1"><c r="A1"><v>1</v></c></row>' });
    declareSize(data, "xl/workbook.xml", TEXT_PART_BYTES + 1);
    await refusal(data, "partTooLarge", /part xl\/workbook\.xml would take more than 256 MB once unpacked/);
  });

  it("a part that inflates past the limit while it inflates (its stated size lied), stopping there", async () => {
    // A real bomb would be 1 GB of XML; the same check, with the limit lowered to 1 MB for the test.
    const limits = INFLATE_LIMITS as { partBytes: number };
    const saved = limits.partBytes;
    limits.partBytes = 1 << 20;
    try {
      const data = pkg({ sheetData: `<row r="1"><c r="A1"><v>1</v></c></row>${" ".repeat(2 << 20)}` });
      declareSize(data, "xl/worksheets/sheet1.xml", 100);
      await refusal(data, "partTooLarge", /more than 1 MB once unpacked/);
    } finally {
      limits.partBytes = saved;
    }
  });
});

describe("xlsx reader: data typed right below an Excel table", () => {
  /** The sample with each named table's range ending `rows` rows higher (the rows stay on the sheet, under the table). */
  function shrunk(rows: Readonly<Record<string, number>>): Buffer {
    const parts = readZip(readFileSync(SAMPLE));
    for (const [name, data] of parts) {
      if (!name.startsWith("xl/tables/")) continue;
      const xml = data.toString("utf8");
      const table = /<table [^>]*name="([^"]+)"/.exec(xml)?.[1];
      if (table === undefined || rows[table] === undefined) continue;
      parts.set(name, Buffer.from(xml.replace(/ref="([A-Z]+\d+:[A-Z]+)(\d+)"/g, (_m, head: string, bottom: string) => `ref="${head}${Number(bottom) - rows[table]}"`), "utf8"));
    }
    return writeZip(parts);
  }

  it("is reported at its first cell, naming the table, and nothing is costed (LibreOffice and openpyxl do not grow a table as Excel does)", async () => {
    // Sales is A1:D242 in the sample: ending at row 241, it leaves row 242 (a sale) below it; Settings A1:B6 ending at 5 leaves B6's row.
    const port = await loadXlsx(shrunk({ Sales: 1, Settings: 1 }));
    const outcome = await checkWorkbook(port);
    assert.equal(outcome.ok, false);
    const below = outcome.ok ? [] : outcome.problems.filter((p) => p.code === "outside-table");
    assert.deepEqual(
      below.map((p) => `${p.address}: ${p.message}`),
      [
        "Sales!A242: row 242 holds data right below the Excel table Sales, outside it, so it is not read; resize the table to take it in (Excel: Table Design › Resize Table; LibreOffice: Data › Define Range), or move it away",
        "Settings!A6: row 6 holds data right below the Excel table Settings, outside it, so it is not read; resize the table to take it in (Excel: Table Design › Resize Table; LibreOffice: Data › Define Range), or move it away",
      ],
    );
    const raw = await port.findTable(["Sales"]);
    assert.equal(raw?.rows.length, 240, "the table's own rows are read as they are");
  });

  it("is looked for below a table's totals row too (Excel takes no row typed there either), but not where another table starts right below", async () => {
    const parts = readZip(shrunk({ Sales: 1, Settings: 1 }));
    // Sales A1:D241 with a totals row: data to row 240, its totals in 241; the sale in row 242 is below the totals, outside.
    const salesPart = [...parts.keys()].find((k) => k.startsWith("xl/tables/") && parts.get(k)!.toString("utf8").includes('name="Sales"'))!;
    parts.set(salesPart, Buffer.from(parts.get(salesPart)!.toString("utf8").replace("<table ", '<table totalsRowCount="1" '), "utf8"));
    // A second table on the Settings sheet, A6:B7, right below Settings (now A1:B5): its header row is not Settings' stray data.
    parts.set("xl/tables/table10.xml", Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><table xmlns="${MAIN}" id="10" name="Extra" displayName="Extra" ref="A6:B7"><tableColumns count="2"><tableColumn id="1" name="Setting"/><tableColumn id="2" name="Value"/></tableColumns></table>`, "utf8"));
    const rels = "xl/worksheets/_rels/sheet8.xml.rels";
    parts.set(rels, Buffer.from(parts.get(rels)!.toString("utf8").replace("</Relationships>", `<Relationship Id="rId9" Type="${REL("table")}" Target="../tables/table10.xml"/></Relationships>`), "utf8"));
    parts.set("xl/worksheets/sheet8.xml", Buffer.from(parts.get("xl/worksheets/sheet8.xml")!.toString("utf8").replace(/<tableParts count="1"><tablePart r:id="rId1"\/><\/tableParts>/, '<tableParts count="2"><tablePart r:id="rId1"/><tablePart r:id="rId9"/></tableParts>'), "utf8"));
    const types = "[Content_Types].xml";
    parts.set(types, Buffer.from(parts.get(types)!.toString("utf8").replace("</Types>", '<Override PartName="/xl/tables/table10.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>'), "utf8"));
    const outcome = await checkWorkbook(await loadXlsx(writeZip(parts)));
    const below = outcome.ok ? [] : outcome.problems.filter((p) => p.code === "outside-table").map((p) => p.address);
    assert.deepEqual(below, ["Sales!A242"]);
    // The whole sample, as made: every table ends at its last row, and nothing stands below any.
    assert.ok((await checkWorkbook(await loadXlsx(readFileSync(SAMPLE)))).ok);
  });
});

describe("xlsx reader: one input table found on two sheets", () => {
  it("is refused at the first one's header row, naming every sheet, in English, Swedish and Malay; nothing is costed", async () => {
    // The chair maker's sheets, and a second Sales under its Swedish name: a stale copy, or the real one?
    const fixture = chairMaker();
    const sales = fixture.sheets.find((s) => s.name === "Sales")!;
    const port = await loadXlsx(await bufferOf(excelWorkbook({ ...fixture, sheets: [...fixture.sheets, { name: "Försäljning", rows: [sales.rows[0], [day("2026-11-26"), "CHAIR", 50]] }] })));
    const outcome = await checkWorkbook(port);
    assert.equal(outcome.ok, false);
    const twice = outcome.ok ? [] : outcome.problems.filter((p) => p.code === "found-twice");
    assert.deepEqual(
      twice.map((p) => `${p.address}: ${p.message}`),
      ["Sales!1:1: the Sales table is found more than once (the sheet Sales, the sheet 'Försäljning'); rename or delete the ones that are not your Sales table, so that none is read by mistake; the task pane can also pick one at its Data step"],
    );
    assert.equal(problemText(translator("sv"), twice[0].key, twice[0].params), "tabellen Sales finns mer än en gång (bladet Sales, bladet 'Försäljning'); byt namn på eller ta bort de som inte är din Sales-tabell, så att ingen läses av misstag; i aktivitetsfönstret kan du också välja en i steget Data");
    assert.match(problemText(translator("ms"), twice[0].key, twice[0].params), /^jadual Sales ditemui lebih daripada sekali \(helaian Sales, helaian 'Försäljning'\);/);
    // Picked by name (the pane's Data step), the one sheet is read alone.
    assert.ok((await checkWorkbook(port, { tableNames: { Sales: "Försäljning" } })).ok);
  });

  it("names two Excel tables by table and sheet, and passes over a sheet that only shares a name where a table answers", async () => {
    const fixture = chairMaker({ asTables: true });
    const sales = fixture.sheets.find((s) => s.name === "Sales")!;
    // A second table, Jualan (Malay for Sales), beside a sheet Stock of share prices: Stock is a name of Inventory, which is a table.
    const sheets = [...fixture.sheets, { name: "Other", rows: [sales.rows[0], sales.rows[1]] }, { name: "Stock", rows: [["Ticker", "Price"], ["ABC", 12.5]] }];
    const port = await loadXlsx(await bufferOf(excelWorkbook({ sheets, tables: [...(fixture.tables ?? []), { name: "Jualan", sheet: "Other", range: "A1:D2" }] })));
    const outcome = await checkWorkbook(port);
    const twice = outcome.ok ? [] : outcome.problems.filter((p) => p.code === "found-twice");
    assert.deepEqual(twice.map((p) => p.message), ["the Sales table is found more than once (the table Sales on Sales, the table Jualan on Other); rename or delete the ones that are not your Sales table, so that none is read by mistake; the task pane can also pick one at its Data step"]);
  });
});
