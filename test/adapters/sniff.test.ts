/**
 * sniffFileKind: every kind it names, from files made byte by byte
 * (file-kind-fixtures.ts) and from real workbooks; damage; and, for any bytes
 * at all, an answer instead of an exception.
 */
import { strict as assert } from "node:assert";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import fc from "fast-check";
import type { FileKind } from "../../src/adapters/xlsx/sniff";
import { bytesSource, sniffFileKind } from "../../src/adapters/xlsx/sniff";
import { chairMaker } from "../contract/fixtures";
import { DOCX, DOC_ENTRIES, ENCRYPTED_ENTRIES, ODS, ODT, PLAIN_ZIP, XLSB, XLSM, XLS_ENTRIES, compoundFile, compoundFileWithDifat, withComment, zip64Of, zipOf } from "./file-kind-fixtures";
import { bufferOf, excelWorkbook } from "./xlsx-fixture";

const ROOT = resolve(__dirname, "../..");
const kindOf = (data: Uint8Array): FileKind => sniffFileKind(bytesSource(data));
const ALL_KINDS: readonly FileKind[] = ["xlsx", "xlsm", "xlsb", "encrypted", "xls", "ods", "text", "zip", "empty", "damaged", "unknown"];

describe("sniff: what kind of file", () => {
  it("an .xlsx written by ExcelJS (deflated parts), and the bundled sample workbook", async () => {
    assert.equal(kindOf(await bufferOf(excelWorkbook(chairMaker()))), "xlsx");
    assert.equal(kindOf(await readFile(join(ROOT, "assets", "sample", "backflush-sample.xlsx"))), "xlsx");
  });

  it("an .xlsm (a vbaProject part) and an .xlsb (a binary workbook part)", () => {
    assert.equal(kindOf(XLSM), "xlsm");
    assert.equal(kindOf(XLSB), "xlsb");
  });

  it("an .xlsx whose zip has a comment, or zip64 end records (as large or streamed packages have)", async () => {
    const xlsx = await bufferOf(excelWorkbook(chairMaker()));
    assert.equal(kindOf(withComment(xlsx, "made by a tool")), "xlsx");
    assert.equal(kindOf(zip64Of(xlsx)), "xlsx");
  });

  it("a password-protected workbook: a compound file with EncryptionInfo and EncryptedPackage", () => {
    assert.equal(kindOf(compoundFile(ENCRYPTED_ENTRIES)), "encrypted");
    assert.equal(kindOf(compoundFile(ENCRYPTED_ENTRIES, 12)), "encrypted", "4096-byte sectors");
    assert.equal(kindOf(compoundFile(ENCRYPTED_ENTRIES.filter((e) => e.name !== "EncryptedPackage"))), "unknown", "one of the two is not enough");
  });

  it("an Excel 97–2003 .xls (a Workbook stream) and an Excel 5 one (a Book stream)", () => {
    assert.equal(kindOf(compoundFile(XLS_ENTRIES)), "xls");
    assert.equal(kindOf(compoundFile([{ name: "Book", type: 2 }])), "xls");
  });

  it("follows the directory across sectors, and the FAT past the header's 109 sectors (DIFAT)", () => {
    const many = [...Array.from({ length: 9 }, (_, i) => ({ name: `Stream ${i}`, type: 2 as const })), ...XLS_ENTRIES];
    assert.equal(kindOf(compoundFile(many)), "xls", "a directory of three 512-byte sectors");
    assert.equal(kindOf(compoundFileWithDifat(ENCRYPTED_ENTRIES)), "encrypted");
  });

  it("an .xls and an .ods as LibreOffice writes them (file-kinds/README.md)", async () => {
    assert.equal(kindOf(await readFile(join(__dirname, "file-kinds", "plant-libreoffice.xls"))), "xls");
    assert.equal(kindOf(await readFile(join(__dirname, "file-kinds", "plant-libreoffice.ods"))), "ods");
  });

  it("an OpenDocument spreadsheet, but not an OpenDocument text", () => {
    assert.equal(kindOf(ODS), "ods");
    assert.equal(kindOf(ODT), "zip");
  });

  it("a zip that is no workbook: plain, a Word document, an empty zip", () => {
    assert.equal(kindOf(PLAIN_ZIP), "zip");
    assert.equal(kindOf(DOCX), "zip");
    assert.equal(kindOf(zipOf({})), "zip");
  });

  it("a Word 97–2003 document is not called a workbook", () => {
    assert.equal(kindOf(compoundFile(DOC_ENTRIES)), "unknown");
  });

  it("text: CSV in UTF-8 (with and without BOM), Windows-1252, UTF-16 with BOM, HTML saved as .xls", () => {
    const texts = [
      Buffer.from("Date;Item;Qty\r\n2026-11-02;CHAIR;12\r\n"),
      Buffer.from("\ufeffDatum,Artikel,Antal\n2026-11-02,STOL-ÅÄÖ,12\n"),
      Buffer.from("Artikel;Antal\r\n\xc5tta;3\r\n", "latin1"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Item\tQty\r\nCHAIR\t12\r\n", "utf16le")]),
      Buffer.from("<html><body><table><tr><td>CHAIR</td></tr></table></body></html>"),
    ];
    for (const t of texts) assert.equal(kindOf(t), "text", t.toString("latin1"));
  });

  it("empty, and what it cannot place", () => {
    assert.equal(kindOf(new Uint8Array(0)), "empty");
    assert.equal(kindOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), "unknown", "a PNG");
  });

  it("damaged: a workbook cut off (no central directory), a compound file cut off after its header", async () => {
    const xlsx = await bufferOf(excelWorkbook(chairMaker()));
    assert.equal(kindOf(xlsx.subarray(0, xlsx.length - 100)), "damaged");
    assert.equal(kindOf(xlsx.subarray(0, Math.floor(xlsx.length / 2))), "damaged");
    assert.equal(kindOf(compoundFile(XLS_ENTRIES).subarray(0, 512)), "damaged");
    assert.equal(kindOf(compoundFile(XLS_ENTRIES).subarray(0, 300)), "damaged");
  });

  it("answers for any bytes, and for any bytes after a zip's or a compound file's signature, without throwing", () => {
    const signatures = [[], [0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]];
    fc.assert(
      fc.property(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 2048 }), (signature, rest) => {
        assert.ok(ALL_KINDS.includes(kindOf(Uint8Array.from([...signature, ...rest]))));
      }),
      { numRuns: 500 },
    );
  });

  it("answers for a real workbook with random bytes overwritten anywhere, without throwing", async () => {
    const xlsx = await bufferOf(excelWorkbook(chairMaker()));
    fc.assert(
      fc.property(fc.nat({ max: xlsx.length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 64 }), (at, bytes) => {
        const copy = Buffer.from(xlsx);
        copy.set(bytes.subarray(0, copy.length - at), at);
        assert.ok(ALL_KINDS.includes(kindOf(copy)));
      }),
      { numRuns: 300 },
    );
  });
});
