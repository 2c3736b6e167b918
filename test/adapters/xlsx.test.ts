/**
 * The .xlsx adapter beyond the port contract: files as Excel writes them, the
 * XML a save produces, and all-or-nothing saving. Cell values as producers
 * write them are in xlsx-read.test.ts; keeping the user's parts in xlsx-parts.test.ts.
 */
import { strict as assert } from "node:assert";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadXlsx, newXlsx } from "../../src/adapters/xlsx/bytes";
import { uncalculatedFormula } from "../../src/adapters/xlsx/cells";
import { INFLATE_LIMITS, MAX_ZIP_ENTRIES, ZipArchive, writeZip as writeZipPackage } from "../../src/adapters/xlsx/zip";
import { strToU8, zipSync } from "fflate";
import { SaxesParser } from "saxes";
import { PackageError } from "../../src/adapters/xlsx/errors";
import { openXlsx, saveXlsx } from "../../src/adapters/xlsx/file";
import type { XlsxWorkbook } from "../../src/adapters/xlsx/workbook";
import { Dec } from "../../src/engine/money";
import { toDate } from "../../src/workbook/cells";
import { checkWorkbook, problemLines } from "../../src/workbook/job";
import type { SheetModel } from "../../src/workbook/render";
import { CHART_MAX_ROWS, markerText } from "../../src/workbook/render";
import { chairMaker, day, setCell } from "../contract/fixtures";
import { testModel } from "../contract/workbook-port.contract";
import { bufferOf, excelWorkbook, inspectBook, loadBuffer } from "./xlsx-fixture";
import { readZip, sheetXml, writeZip } from "./xlsx-zip";

const MARKER = markerText("2026-12-01 09:30");
const OPTIONS = { minorUnits: 2, marker: MARKER };

const journalModel = (items: readonly string[]): SheetModel => testModel("Journal", items.map((item, i) => [i + 1, "2026-11-03", item, new Dec("0.10").times(i + 1), null, null]));

async function portOf(fixture: Parameters<typeof excelWorkbook>[0]): Promise<XlsxWorkbook> {
  return loadXlsx(await bufferOf(excelWorkbook(fixture)));
}

/** What the port would save, read back through ExcelJS. */
async function savedBook(port: XlsxWorkbook) {
  return inspectBook(await loadBuffer(Buffer.from(port.toBytes())));
}

describe("xlsx adapter: cells as ExcelJS writes them", () => {
  it("reads the covered cells of a merged range as blank, as Excel does", async () => {
    const book = excelWorkbook({ sheets: [{ name: "Sales", rows: [["Date", "Item", "Qty"], ["x", null, null]] }] });
    book.getWorksheet("Sales")!.mergeCells("A2:B2");
    const t = await (await loadXlsx(await bufferOf(book))).findTable(["Sales"]);
    assert.deepEqual(t?.rows, [["x", null, null]]);
  });

  it("reports a formula without a saved result at its cell, with what to do", async () => {
    const port = await portOf(setCell(chairMaker(), "Production", "C2", { formula: "B2*2" } as never));
    const outcome = await checkWorkbook(port);
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok);
    assert.deepEqual(problemLines(outcome.problems), [`Production!C2: Qty: the cell holds ${uncalculatedFormula("B2*2")}`]);
  });

  it("reads and writes dates as the same calendar day in any time zone", async () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Stockholm"]) {
        process.env.TZ = tz;
        const port = await portOf({ sheets: [{ name: "Sales", rows: [["Date"], [day("2026-11-03")]] }] });
        const t = await port.findTable(["Sales"]);
        const read = toDate(t?.rows[0][0] ?? null);
        assert.ok(read.ok && read.value === "2026-11-03", `${tz}: ${JSON.stringify(t?.rows[0][0])}`);
        await port.writeSheets([journalModel(["WOOD"])], [], OPTIONS);
        const back = (await savedBook(port)).cell("Journal", "B5").value;
        assert.ok(back instanceof Date && back.toISOString() === "2026-11-03T00:00:00.000Z", `${tz}: wrote ${String(back)}`);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe("xlsx adapter: tables as Excel writes them", () => {
  /** The fixture's bytes with headerRowCount left out of every table, as Excel saves tables. */
  async function asExcelSavesIt(): Promise<Buffer> {
    const zip = readZip(await bufferOf(excelWorkbook(chairMaker({ asTables: true }))));
    for (const [name, xml] of zip) {
      if (/^xl\/tables\/table\d+\.xml$/.test(name)) zip.set(name, Buffer.from(xml.toString("utf8").replace(/ headerRowCount="1"/, "")));
    }
    return writeZip(zip);
  }

  it("reads the header row of a table whose XML leaves headerRowCount out", async () => {
    const data = await asExcelSavesIt();
    assert.ok(![...readZip(data).values()].some((x) => x.toString("utf8").includes("headerRowCount")));
    const port = await loadXlsx(data);
    const t = await port.findTable(["Production"]);
    assert.equal(t?.headerRow, 1);
    assert.deepEqual(t?.header, ["Date", "Item", "Qty", "Ref"]);
    assert.equal(t?.rows.length, 1);
    const outcome = await checkWorkbook(port);
    assert.ok(outcome.ok, outcome.ok ? "" : problemLines(outcome.problems).join("\n"));
  });

  it("keeps those tables' parts byte for byte when it saves", async () => {
    const data = await asExcelSavesIt();
    const port = await loadXlsx(data);
    await port.writeSheets([journalModel(["WOOD"])], [], OPTIONS);
    const before = readZip(data);
    const saved = readZip(Buffer.from(port.toBytes()));
    const theirs = [...before].filter(([n]) => /^xl\/tables\/table\d+\.xml$/.test(n));
    assert.ok(theirs.length > 0);
    for (const [name, xml] of theirs) assert.ok(saved.get(name)?.equals(xml), `${name} changed`);
    assert.equal([...saved.keys()].filter((n) => /^xl\/tables\/.+\.xml$/.test(n)).length, theirs.length + 1);
  });

  it("keeps the user's input tables as they were when it adds its sheets", async () => {
    const port = await portOf(chairMaker({ asTables: true }));
    const before = (await savedBook(port)).tables();
    await port.writeSheets([journalModel(["WOOD"])], [], OPTIONS);
    const after = (await savedBook(port)).tables();
    assert.deepEqual(
      after.filter((t) => t.sheet !== "Journal"),
      before,
    );
  });
});

describe("xlsx adapter: what a save writes", () => {
  const formulaLooking = ['=HYPERLINK("http://example.com","x")', "+1", "-1", "@SUM(A1:A2)", "=1+1"];

  it("refuses to write a package of more entries than a zip holds without zip64, before writing (the count wrapped to 28)", async () => {
    const outputs = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({ name: `x/${i}.bin`, content: new Uint8Array(0) }));
    await assert.rejects(writeZipPackage(outputs), (e: unknown) => e instanceof PackageError && e.problem === "tooManyParts" && /65,536 parts, more than the 65,535/.test(e.message));
  });

  it("drops the calculation chain's relationship and content type with the part, however the producer quoted them", async () => {
    // Apostrophes and spaces around "=", as some producers write: the part went, its relationship stayed, dangling.
    const parts = readZip(await bufferOf(excelWorkbook({ sheets: [{ name: "Notes", rows: [["n"]] }] })));
    const rels = parts.get("xl/_rels/workbook.xml.rels")!.toString("utf8");
    parts.set("xl/_rels/workbook.xml.rels", Buffer.from(rels.replace("</Relationships>", `<Relationship Id = 'rId99' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain' Target='calcChain.xml'/></Relationships>`)));
    const types = parts.get("[Content_Types].xml")!.toString("utf8");
    parts.set("[Content_Types].xml", Buffer.from(types.replace("</Types>", `<Override PartName='/xl/calcChain.xml' ContentType='application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml'/></Types>`)));
    parts.set("xl/calcChain.xml", Buffer.from(`<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A1" i="1"/></calcChain>`));
    const port = await loadXlsx(writeZip(parts));
    await port.writeSheets([journalModel(["WOOD"])], [], OPTIONS);
    await port.writeSheets([journalModel(["SCREW"])], ["Journal"], OPTIONS);
    const out = readZip(Buffer.from(port.toBytes()));
    assert.equal(out.has("xl/calcChain.xml"), false);
    assert.doesNotMatch(out.get("xl/_rels/workbook.xml.rels")!.toString("utf8"), /calcChain/);
    assert.doesNotMatch(out.get("[Content_Types].xml")!.toString("utf8"), /calcChain/);
  });

  it("stamps a kept part with its own time and a new one with Excel's 1980-01-01, so the same run gives the same bytes whatever the clock", async () => {
    // One file, loaded twice: the same input.
    const file = await bufferOf(excelWorkbook({ sheets: [{ name: "Notes", rows: [["n"]] }] }));
    const port = await loadXlsx(file);
    await port.writeSheets([journalModel(["WOOD"])], [], OPTIONS);
    const bytes = Buffer.from(port.toBytes());
    const stamps = new Map<string, [number, number]>();
    // The central directory: each entry's time (offset 12) and date (14) under its name (46).
    let p = bytes.readUInt32LE(bytes.length - 22 + 16);
    while (bytes.readUInt32LE(p) === 0x02014b50) {
      const n = bytes.readUInt16LE(p + 28);
      stamps.set(bytes.subarray(p + 46, p + 46 + n).toString("utf8"), [bytes.readUInt16LE(p + 12), bytes.readUInt16LE(p + 14)]);
      p += 46 + n + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    }
    const journal = [...stamps.keys()].find((k) => k.startsWith("xl/worksheets/") && sheetXml(readZip(bytes), "Journal") === readZip(bytes).get(k)!.toString("utf8"))!;
    assert.deepEqual(stamps.get(journal), [0, (0 << 9) | (1 << 5) | 1], "a new part: 1980-01-01 00:00");
    // The clock an hour on (a zip stamp counts two seconds), rather than a sleep: the same bytes whatever it says.
    const RealDate = Date;
    const later = (): number => RealDate.now() + 3_600_000;
    class LaterDate extends RealDate {
      constructor(...args: unknown[]) {
        super(...((args.length === 0 ? [later()] : args) as [number]));
      }
      static override now(): number {
        return later();
      }
    }
    globalThis.Date = LaterDate as DateConstructor;
    let again: Buffer;
    try {
      assert.ok(new Date().getTime() - RealDate.now() > 3_000_000, "the clock is an hour on");
      const port2 = await loadXlsx(file);
      await port2.writeSheets([journalModel(["WOOD"])], [], OPTIONS);
      again = Buffer.from(port2.toBytes());
    } finally {
      globalThis.Date = RealDate;
    }
    assert.ok(again.equals(bytes), "the same bytes an hour later");
  });

  it("keeps a part whose stamp the writer cannot carry (2105, an hour of 31) and stamps it as a new part, never failing the save", async () => {
    const src = zipSync({ "a.xml": strToU8("<a/>"), "b.xml": strToU8("<b/>") }, { mtime: new Date(2000, 0, 1) });
    const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
    // a.xml dated 2105-06-15, which the format allows and fflate refuses; b.xml at 31:00, which no clock shows.
    let seen = 0;
    for (let p = 0; p + 4 <= src.length; p++) {
      const sig = view.getUint32(p, true);
      if (sig !== 0x04034b50 && sig !== 0x02014b50) continue;
      const [timeAt, dateAt] = sig === 0x04034b50 ? [p + 10, p + 12] : [p + 12, p + 14];
      if (seen % 2 === 0) view.setUint16(dateAt, (125 << 9) | (6 << 5) | 15, true);
      else view.setUint16(timeAt, 31 << 11, true);
      seen++;
    }
    const zip = new ZipArchive(src);
    const out = new ZipArchive(await writeZipPackage(zip.entries.map((entry) => ({ name: entry.name, kept: { archive: zip, entry } }))));
    assert.deepEqual(out.entries.map((e) => [e.name, e.dosDate, e.dosTime]), [["a.xml", 33, 0], ["b.xml", 33, 0]]);
    assert.equal(await out.text(out.entry("b.xml")!), "<b/>");
  });

  it("writes an empty text as a blank cell, as the Office adapter does (ISBLANK and COUNTA read them alike)", async () => {
    const port = await portOf({ sheets: [{ name: "Notes", rows: [["n"]] }] });
    await port.writeSheets([journalModel(["", "WOOD"])], [], OPTIONS);
    const xml = sheetXml(readZip(Buffer.from(port.toBytes())), "Journal");
    assert.match(xml, /<c r="C5"[^>]*\/>/, "C5 is a blank cell");
    assert.doesNotMatch(xml, /<t(?: [^>]*)?><\/t>/, "no empty text is written");
    assert.match(xml, /<c r="C6"[^>]*><is><t>WOOD<\/t><\/is><\/c>/);
  });

  it("writes formula-looking text as inline strings with no <f> element; the only formula is the total", async () => {
    const port = await portOf({ sheets: [{ name: "Notes", rows: [["n"]] }] });
    await port.writeSheets([journalModel(formulaLooking)], [], OPTIONS);
    const zip = readZip(Buffer.from(port.toBytes()));
    const xml = sheetXml(zip, "Journal");
    const cells = [...xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/g)];
    const formulas = cells.filter(([, , , body]) => (body ?? "").includes("<f>")).map(([, address, , body]) => [address, /<f>(.*?)<\/f>/.exec(body)?.[1]]);
    assert.deepEqual(formulas, [["D10", "SUBTOTAL(109,Backflush_Journal[Debit])"]]);
    const escaped = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    formulaLooking.forEach((text, i) => {
      const cell = cells.find(([, address]) => address === `C${5 + i}`);
      assert.ok(cell, `C${5 + i} missing`);
      assert.match(cell[2], /t="inlineStr"/, `C${5 + i} is not a text cell`);
      assert.ok((cell[3] ?? "").includes(`>${escaped(text)}</t>`), `C${5 + i} does not hold ${text}`);
    });
  });

  it("caches each total, so readers that do not calculate see it", async () => {
    const port = await portOf({ sheets: [{ name: "Notes", rows: [["n"]] }] });
    await port.writeSheets([journalModel(["A", "B", "C"])], [], OPTIONS);
    const total = (await savedBook(port)).cell("Journal", "D8");
    assert.equal(total.formula, "=SUBTOTAL(109,Backflush_Journal[Debit])");
    assert.equal(total.value, 0.6);
  });

  it("prints each generated sheet landscape, one page wide, with the header row on every page", async () => {
    const port = await portOf({ sheets: [{ name: "Notes", rows: [["n"]] }] });
    await port.writeSheets([journalModel(["A", "B"])], [], OPTIONS);
    const zip = readZip(Buffer.from(port.toBytes()));
    const xml = sheetXml(zip, "Journal");
    assert.match(xml, /<pageSetup[^>]*orientation="landscape"/);
    assert.match(xml, /<pageSetup[^>]*fitToWidth="1"/);
    assert.match(xml, /<pageSetup[^>]*fitToHeight="0"/);
    assert.match(xml, /<pageSetUpPr[^>]*fitToPage="1"/);
    const workbookXml = zip.get("xl/workbook.xml")?.toString("utf8") ?? "";
    assert.match(workbookXml, /<definedName name="_xlnm\.Print_Titles"[^>]*>(?:&apos;|')?Journal(?:&apos;|')?!\$4:\$4<\/definedName>/);
  });

  it("heads and foots each printed page: company, sheet, period, page n of m; wraps long text and gives its row the height", async () => {
    const port = await portOf({ sheets: [{ name: "Notes", rows: [["n"]] }] });
    const memo = "Purchase price variance on DRAWER-RUNNER: actual 3.8042 vs standard 3.9"; // 71 characters: 3 lines of at most 30
    const model: SheetModel = {
      ...testModel("Journal", [[1, "2026-11-03", "WOOD", new Dec("1.5"), new Dec("3"), null, memo]]),
      columns: [...testModel().columns, { header: "Memo", kind: "text", width: 30, wrap: true }],
    };
    await port.writeSheets([model], [], { ...OPTIONS, page: { company: "Smith & Sons 1890", period: "2026-11-01 to 2026-11-30" } });
    const zip = readZip(Buffer.from(port.toBytes()));
    const xml = sheetXml(zip, "Journal");
    // & is written && inside a header, and XML-escaped once more in the part.
    assert.match(xml, /<oddHeader>&amp;LSmith &amp;&amp; Sons 1890&amp;C&amp;A&amp;RPeriod 2026-11-01 to 2026-11-30<\/oddHeader>/);
    assert.match(xml, /<oddFooter>&amp;LBackflush&amp;RPage &amp;P of &amp;N<\/oddFooter>/);
    assert.match(xml, /<row r="5" ht="45" customHeight="1">/, "three lines of 15 points");
    const memoStyle = Number(/<c r="G5" s="(\d+)"/.exec(xml)?.[1]);
    const styles = zip.get("xl/styles.xml")?.toString("utf8") ?? "";
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "").matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    assert.match(xfs[memoStyle], /<alignment vertical="top" wrapText="1"\/>/);
    const qtyStyle = Number(/<c r="E5" s="(\d+)"/.exec(xml)?.[1]);
    assert.doesNotMatch(xfs[qtyStyle], /wrapText/);

    // Written again, the formats are found, not added twice.
    const before = xfs.length;
    await port.writeSheets([model], ["Journal"], OPTIONS);
    const again = readZip(Buffer.from(port.toBytes())).get("xl/styles.xml")?.toString("utf8") ?? "";
    assert.equal([...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(again)?.[1] ?? "").matchAll(/<xf\b/g)].length, before);
    assert.doesNotMatch(sheetXml(readZip(Buffer.from(port.toBytes())), "Journal"), /<oddHeader>&amp;L[^&]/, "no company without Settings Company");
  });

  it("names each bar by two columns where the chart has a group column: the Variances sheet's kind outside, its item inside", async () => {
    const model: SheetModel = {
      ...testModel("Variances", [[1, "Price", "WOOD", new Dec(5), null, null], [2, "Usage", "WOOD", new Dec(-3), null, null]]),
      kind: "Variances",
      chart: { title: "Variances by item", categoryColumn: 2, groupColumn: 1, valueColumn: 3 },
    };
    const port = await portOf({ sheets: [{ name: "Notes", rows: [["n"]] }] });
    await port.writeSheets([model], [], OPTIONS);
    const chart = readZip(Buffer.from(port.toBytes())).get("xl/charts/chart1.xml")!.toString("utf8");
    // The inner level (the items) first, then the outer (the kinds), as ECMA-376 lists a multi-level cache.
    assert.match(chart, /<c:cat><c:multiLvlStrRef><c:f>'Variances'!\$B\$5:\$C\$6<\/c:f><c:multiLvlStrCache><c:ptCount val="2"\/><c:lvl><c:pt idx="0"><c:v>WOOD<\/c:v><\/c:pt><c:pt idx="1"><c:v>WOOD<\/c:v><\/c:pt><\/c:lvl><c:lvl><c:pt idx="0"><c:v>Price<\/c:v><\/c:pt><c:pt idx="1"><c:v>Usage<\/c:v><\/c:pt><\/c:lvl>/);
  });

  it("draws the Variances chart as parts of its own, under the table, and takes them away with the sheet", async () => {
    const variances = (rows: number): SheetModel => ({
      ...testModel("Variances", Array.from({ length: rows }, (_, i) => [i + 1, "2026-11-30", `ITEM${i}`, new Dec(i - 2), null, null])),
      kind: "Variances",
      chart: { title: "Variances by item", categoryColumn: 2, valueColumn: 3 },
    });
    const port = await portOf({ sheets: [{ name: "Notes", rows: [["n"]] }] });
    await port.writeSheets([variances(3), testModel()], [], OPTIONS);
    let zip = readZip(Buffer.from(port.toBytes()));
    const parts = () => [...zip.keys()].filter((k) => /drawing|chart/.test(k)).sort();
    assert.deepEqual(parts(), ["xl/charts/chart1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/drawings/drawing1.xml"], "one chart, for the one model with a chart");
    const xml = sheetXml(zip, "Variances");
    // The chart starts a printed page of its own: a manual break above its first row (0-based 9), before the drawing.
    assert.match(xml, /<\/headerFooter><rowBreaks count="1" manualBreakCount="1"><brk id="9" max="16383" man="1"\/><\/rowBreaks><drawing r:id="rId2"\/><tableParts/);
    assert.doesNotMatch(sheetXml(zip, "Journal"), /rowBreaks/, "no break in a sheet without a chart");
    const chart = zip.get("xl/charts/chart1.xml")!.toString("utf8");
    assert.match(chart, /<c:f>'Variances'!\$C\$5:\$C\$7<\/c:f>/);
    assert.match(chart, /<c:f>'Variances'!\$D\$5:\$D\$7<\/c:f>/);
    assert.match(chart, /<c:cat><c:strRef>/, "one level of names without a group column");
    // Values cached as written: −2, −1, 0; the two negative (favorable) bars coloured apart.
    assert.match(chart, /<c:numCache><c:formatCode>#,##0\.00_\);\(#,##0\.00\)<\/c:formatCode><c:ptCount val="3"\/><c:pt idx="0"><c:v>-2<\/c:v><\/c:pt><c:pt idx="1"><c:v>-1<\/c:v><\/c:pt><c:pt idx="2"><c:v>0<\/c:v>/);
    assert.equal((chart.match(/<c:dPt>/g) ?? []).length, 2);
    assert.match(chart, /<a:t>Variances by item<\/a:t>/);
    // Under the table: header in row 4, data in rows 5-7, totals in row 8, row 9 blank; the chart from row 10 (0-based 9).
    assert.match(zip.get("xl/drawings/drawing1.xml")!.toString("utf8"), /<xdr:from><xdr:col>0<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>9<\/xdr:row>/);
    const types = zip.get("[Content_Types].xml")!.toString("utf8");
    assert.match(types, /PartName="\/xl\/drawings\/drawing1\.xml" ContentType="application\/vnd\.openxmlformats-officedocument\.drawing\+xml"/);
    assert.match(types, /PartName="\/xl\/charts\/chart1\.xml" ContentType="application\/vnd\.openxmlformats-officedocument\.drawingml\.chart\+xml"/);

    // The next run replaces the sheet: its chart goes with it, and the new one takes the freed names.
    await port.writeSheets([variances(4)], ["Variances", "Journal"], { ...OPTIONS, marker: markerText("2026-12-02 10:00") });
    zip = readZip(Buffer.from(port.toBytes()));
    assert.deepEqual(parts(), ["xl/charts/chart1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/drawings/drawing1.xml"]);
    assert.match(zip.get("xl/charts/chart1.xml")!.toString("utf8"), /<c:ptCount val="4"\/>/);
    assert.equal((zip.get("[Content_Types].xml")!.toString("utf8").match(/charts\/chart/g) ?? []).length, 1);

    // No chart for no rows, nor for more bars than a picture holds.
    await port.writeSheets([variances(0)], ["Variances"], OPTIONS);
    zip = readZip(Buffer.from(port.toBytes()));
    assert.deepEqual(parts(), []);
    await port.writeSheets([variances(CHART_MAX_ROWS + 1)], ["Variances"], OPTIONS);
    zip = readZip(Buffer.from(port.toBytes()));
    assert.deepEqual(parts(), []);
  });

  it("names its tables apart from the user's", async () => {
    const port = await portOf({ sheets: [{ name: "Mine", rows: [["Entry"], [1]] }], tables: [{ name: "Backflush_Journal", sheet: "Mine", range: "A1:A2" }] });
    await port.writeSheets([journalModel(["A"])], [], OPTIONS);
    const names = (await savedBook(port)).tables().map((t) => `${t.sheet}:${t.name}`);
    assert.deepEqual(names, ["Mine:Backflush_Journal", "Journal:Backflush_Journal_2"]);
  });
});

describe("xlsx adapter: locating a table without reading it", () => {
  it("gives each input table's sheet, table name and data rows as findTable does, for Excel tables and plain sheets", async () => {
    for (const asTables of [true, false]) {
      const port = await portOf(chairMaker({ asTables }));
      for (const s of chairMaker().sheets) {
        const raw = await port.findTable([s.name]);
        assert.ok(raw, s.name);
        assert.deepEqual(await port.locateTable([s.name]), { sheet: raw.sheet, tableName: raw.tableName, rows: raw.rows.length }, `${s.name} (tables: ${asTables})`);
      }
      assert.equal(await port.locateTable(["Nothing"]), undefined);
    }
  });

  it("reads none of an Excel table's cells: a table whose sheet part is damaged is still located", async () => {
    const parts = readZip(await bufferOf(excelWorkbook(chairMaker({ asTables: true }))));
    const index = await (await loadXlsx(writeZip(parts))).locateTable(["Production"]);
    assert.ok(index);
    for (const [name] of parts) if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) parts.set(name, Buffer.from("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</row>"));
    const damaged = await loadXlsx(writeZip(parts));
    assert.deepEqual(await damaged.locateTable(["Production"]), index);
    await assert.rejects(damaged.findTable(["Production"]), /could not be read/);
  });
});

describe("xlsx adapter: names and limits at the edges", () => {
  it("keeps a sheet whose name holds a > written as it is (legal XML), in its place", async () => {
    const parts = readZip(await bufferOf(excelWorkbook(chairMaker({ asTables: true }))));
    const wb = parts.get("xl/workbook.xml")!.toString("utf8");
    const first = /<sheet [^>]*name="([^"]*)"/.exec(wb)![1];
    parts.set("xl/workbook.xml", Buffer.from(wb.replace(`name="${first}"`, 'name="P>L"')));
    const port = await loadXlsx(writeZip(parts));
    const before = port.sheetsAndTables().map((x) => x.sheet);
    assert.equal(before[0], "P>L");
    await port.writeSheets([journalModel(["WOOD"])], [], OPTIONS);
    assert.deepEqual(
      port.sheetsAndTables().map((x) => x.sheet),
      [...before, "Journal"],
    );
  });

  it("counts a part read twice, or read in part, once against the file's limit", async () => {
    const data = await bufferOf(excelWorkbook(chairMaker({ asTables: true })));
    const unpacked = [...readZip(data).values()].reduce((n, b) => n + b.length, 0);
    const limits = INFLATE_LIMITS as { fileBytes: number };
    const saved = limits.fileBytes;
    limits.fileBytes = unpacked;
    try {
      const port = await loadXlsx(data);
      // The job reads every input sheet, then each sheet's A2 (listSheets), twice over here.
      const outcome = await checkWorkbook(port);
      assert.ok(outcome.ok);
      await port.listSheets();
      await port.listSheets();
      await port.findTable(["Production"]);
    } finally {
      limits.fileBytes = saved;
    }
  });
});

describe("xlsx adapter: index parts that quote their attributes with apostrophes", () => {
  it("writes a workbook part that is XML, with the calculation, defined names and views its sheets need", async () => {
    const entries = readZip(await bufferOf(excelWorkbook(chairMaker())));
    const apostrophes = (xml: string) => xml.replace(/(\s[\w:]+)="([^"']*)"/g, "$1='$2'");
    let workbook = apostrophes(entries.get("xl/workbook.xml")!.toString("utf8"));
    // A view on the second tab, a defined name local to the first sheet, and full calculation on load switched off.
    workbook = workbook.replace("<sheets>", "<bookViews><workbookView activeTab='1'/></bookViews><sheets>");
    workbook = workbook.replace(/<calcPr\b[^>]*\/>/, "").replace("</workbook>", "<definedNames><definedName name='Mine' localSheetId='0'>Items!$A$1</definedName></definedNames><calcPr calcId='191029' fullCalcOnLoad='0'/></workbook>");
    entries.set("xl/workbook.xml", Buffer.from(workbook));
    entries.set("xl/styles.xml", Buffer.from(apostrophes(entries.get("xl/styles.xml")!.toString("utf8"))));
    const port = await loadXlsx(writeZip(entries));
    await port.writeSheets([journalModel(["WOOD"])], [], OPTIONS);
    const out = readZip(Buffer.from(port.toBytes()));
    const parsed = new SaxesParser();
    const attrs: Record<string, Record<string, string>[]> = {};
    parsed.on("opentag", (t) => (attrs[t.name] ??= []).push({ ...(t.attributes as Record<string, string>) }));
    parsed.write(out.get("xl/workbook.xml")!.toString("utf8")).close(); // a second attribute of one name would throw here
    assert.deepEqual(attrs.calcPr, [{ calcId: "191029", fullCalcOnLoad: "1" }]);
    assert.equal(attrs.workbookView?.[0].activeTab, "1");
    assert.deepEqual(attrs.definedName?.filter((d) => d.name === "Mine"), [{ name: "Mine", localSheetId: "0" }]);
    // The added sheet's relationship is named with the prefix the workbook already declares, without declaring it again.
    assert.ok(attrs.sheet?.every((s) => s["r:id"] !== undefined && s["xmlns:r"] === undefined), JSON.stringify(attrs.sheet));
    const styles = new SaxesParser();
    styles.write(out.get("xl/styles.xml")!.toString("utf8")).close();
    const names = (await (await loadXlsx(port.toBytes())).listSheets()).map((x) => x.name);
    assert.equal(names.at(-1), "Journal", names.join(", "));
  });
});

describe("xlsx adapter: index parts other producers leave", () => {
  /** The chair maker's package, its parts edited by `change`, with the Journal written into it; the output's parts. */
  async function written(change: (entries: Map<string, Buffer>) => void): Promise<Map<string, Buffer>> {
    const entries = readZip(await bufferOf(excelWorkbook(chairMaker())));
    change(entries);
    const port = await loadXlsx(writeZip(entries));
    await port.writeSheets([journalModel(["WOOD"])], [], OPTIONS);
    return readZip(Buffer.from(port.toBytes()));
  }
  // What a reader sees: comments are no part of it.
  const uncommented = (xml: string) => xml.replace(/<!--[\s\S]*?-->/g, "");
  const overridesOf = (ct: string) => [...uncommented(ct).matchAll(/<Override PartName="([^"]+)" ContentType="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]);
  const journalPart = (out: Map<string, Buffer>) => {
    const rels = uncommented(out.get("xl/_rels/workbook.xml.rels")!.toString("utf8"));
    const id = /<sheet name="Journal" sheetId="\d+" r:id="(rId\d+)"/.exec(out.get("xl/workbook.xml")!.toString("utf8"))![1];
    return `xl/${new RegExp(`Id="${id}" [^>]*Target="([^"]+)"`).exec(rels)![1]}`;
  };

  it("gives a new part its own content type where a tool left an Override behind for a part of that name", async () => {
    // The next free sheet name is typed a chart sheet, and the next table name plain XML, though neither part exists.
    const out = await written((entries) => {
      const n = [...entries.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k)).length + 1;
      const stale = `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/>`;
      entries.set("[Content_Types].xml", Buffer.from(entries.get("[Content_Types].xml")!.toString("utf8").replace("</Types>", `${stale}</Types>`)));
    });
    const part = `/${journalPart(out)}`;
    const types = overridesOf(out.get("[Content_Types].xml")!.toString("utf8")).filter(([name]) => name === part);
    assert.deepEqual(types, [[part, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"]]);
  });

  it("reads content types and relationships with a comment after their root, and in UTF-16", async () => {
    const out = await written((entries) => {
      // Comments after the root that quote its closing tag, and one that quotes an Override of the part we are about to add.
      for (const [name, root] of [["[Content_Types].xml", "Types"], ["xl/_rels/workbook.xml.rels", "Relationships"]]) entries.set(name, Buffer.from(`${entries.get(name)!.toString("utf8")}<!-- was: </${root}> -->\n`));
      const n = [...entries.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k)).length + 1;
      entries.set("[Content_Types].xml", Buffer.from(entries.get("[Content_Types].xml")!.toString("utf8").replace("</Types>", `<!-- <Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="x"/> --></Types>`)));
      const ct = entries.get("[Content_Types].xml")!.toString("utf8").replace(/encoding="UTF-8"/, 'encoding="UTF-16"');
      entries.set("[Content_Types].xml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ct, "utf16le")]));
    });
    const ct = out.get("[Content_Types].xml")!.toString("utf8");
    assert.match(ct, /^<\?xml[^>]*encoding="UTF-8"/);
    assert.ok(overridesOf(ct).some(([name]) => name === `/${journalPart(out)}`));
    const names = (await (await loadXlsx(writeZip(out))).listSheets()).map((x) => x.name);
    assert.equal(names.at(-1), "Journal");
  });

  it("finds a part whose name holds a percent sign as its relationship writes it", async () => {
    // The Sales sheet's part renamed "sheet%201.xml", its relationship's Target written the same.
    const out = await written((entries) => {
      const rels = entries.get("xl/_rels/workbook.xml.rels")!.toString("utf8");
      const sales = /<sheet [^>]*name="Sales"[^>]*r:id="(rId\d+)"/.exec(entries.get("xl/workbook.xml")!.toString("utf8"))![1];
      const target = new RegExp(`Id="${sales}" [^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${sales}"`).exec(rels)![1];
      const from = `xl/${target.replace(/^\/xl\//, "")}`;
      const to = from.replace(/[^/]+$/, "sheet%201.xml");
      entries.set(to, entries.get(from)!);
      entries.delete(from);
      if (entries.has(from.replace(/([^/]+)$/, "_rels/$1.rels"))) {
        entries.set(to.replace(/([^/]+)$/, "_rels/$1.rels"), entries.get(from.replace(/([^/]+)$/, "_rels/$1.rels"))!);
        entries.delete(from.replace(/([^/]+)$/, "_rels/$1.rels"));
      }
      entries.set("xl/_rels/workbook.xml.rels", Buffer.from(rels.replace(`Target="${target}"`, `Target="${target.replace(/[^/]+$/, "sheet%201.xml")}"`)));
      entries.set("[Content_Types].xml", Buffer.from(entries.get("[Content_Types].xml")!.toString("utf8").replace(`/${from}"`, `/${to}"`)));
    });
    assert.equal((await (await loadXlsx(writeZip(out))).findTable(["Sales"]))?.rows.length, 1);
  });
});

describe("xlsx adapter: large tables", () => {
  it("writes and reads back an input table of 150,000 rows (no call takes the rows as arguments)", async function () {
    this.timeout(60_000);
    const port = await newXlsx();
    const rows = Array.from({ length: 150_000 }, (_, i) => [`ITEM-${i % 7}`, i + 0.5]);
    await port.writeInputTables([{ table: "Sales", sheet: "Sales", columns: [{ header: "Item", kind: "text", width: 10 }, { header: "Qty", kind: "number", width: 8 }], rows }]);
    const back = await (await loadXlsx(port.toBytes())).findTable(["Sales"]);
    assert.equal(back?.rows.length, 150_000);
    assert.deepEqual(back?.rows[149_999], ["ITEM-3", 149_999.5]); // 149,999 = 7 × 21,428 + 3
  });
});

describe("xlsx adapter: files", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "backflush-xlsx-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("saves over an existing file through a temporary file, and asks Excel to recalculate on opening", async () => {
    const path = join(dir, "out.xlsx");
    await writeFile(path, "old");
    const written = await portOf(chairMaker());
    await written.writeSheets([journalModel(["WOOD"])], [], OPTIONS);
    await saveXlsx(written, path);
    assert.deepEqual(await readdir(dir), ["out.xlsx"]);
    const zip = readZip(await readFile(path));
    assert.match(zip.get("xl/workbook.xml")?.toString("utf8") ?? "", /<calcPr[^>]*fullCalcOnLoad="1"/);
    const port = await openXlsx(path);
    assert.equal((await port.findTable(["Sales"]))?.rows.length, 1);
  });

  it("leaves the target as it was when the workbook cannot be written", async () => {
    const path = join(dir, "out.xlsx");
    await writeFile(path, "precious");
    const port = await portOf(chairMaker());
    port.toBytes = () => {
      throw new Error("disk full");
    };
    await assert.rejects(saveXlsx(port, path), /disk full/);
    assert.equal(await readFile(path, "utf8"), "precious");
    assert.deepEqual(await readdir(dir), ["out.xlsx"]);
  });

  it("leaves nothing behind when the file cannot be put in place", async () => {
    const path = join(dir, "taken");
    await mkdir(path);
    await writeFile(join(path, "inside"), "x");
    await assert.rejects(saveXlsx(await newXlsx(), path));
    assert.deepEqual(await readdir(dir), ["taken"]);
    await assert.rejects(saveXlsx(await portOf(chairMaker()), join(dir, "no-such-folder", "out.xlsx")));
    assert.deepEqual(await readdir(dir), ["taken"]);
  });

  it("refuses a file that is not an .xlsx workbook", async () => {
    const path = join(dir, "notes.xlsx");
    await writeFile(path, "Item,Qty\nWOOD,1\n");
    await assert.rejects(openXlsx(path));
  });
});
