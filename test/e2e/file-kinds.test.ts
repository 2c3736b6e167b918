/**
 * An input that is not an .xlsx workbook Backflush can read is named in plain
 * words, with what to do; exit 2, nothing written, the input untouched, and
 * no library's text or URL in what the user reads.
 */
import { strict as assert } from "node:assert";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DOCX, ENCRYPTED_ENTRIES, ODS, PLAIN_ZIP, XLSB, XLS_ENTRIES, compoundFile } from "../adapters/file-kind-fixtures";
import { bufferOf, excelWorkbook } from "../adapters/xlsx-fixture";
import { readZip, writeZip } from "../adapters/xlsx-zip";
import { chairMaker } from "../contract/fixtures";
import { cli, sha256, tempFolder } from "./support";

/** What a library says when it fails, none of which may reach the user. */
const LIBRARY_TEXT = /https?:|jszip|exceljs|Cannot read properties|is this a zip file|end of central directory|Invalid string length|\bat \S+ \(/i;

describe("e2e: files that are not .xlsx workbooks are named in plain words", () => {
  const folder = tempFolder();

  const cases: readonly { what: string; name: string; bytes: () => Promise<Buffer> | Buffer; message: string }[] = [
    {
      what: "a password-protected workbook",
      name: "plant.xlsx",
      bytes: () => compoundFile(ENCRYPTED_ENTRIES),
      message: "plant.xlsx is password-protected: remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password, then clear it) and save it again",
    },
    { what: "an Excel 97–2003 workbook", name: "plant.xls", bytes: () => compoundFile(XLS_ENTRIES), message: "plant.xls is an Excel 97–2003 .xls workbook: open it in Excel and save it as an Excel Workbook (.xlsx)" },
    { what: "an .xls given an .xlsx name", name: "plant.xlsx", bytes: () => compoundFile(XLS_ENTRIES), message: "plant.xlsx is an Excel 97–2003 .xls workbook: open it in Excel and save it as an Excel Workbook (.xlsx)" },
    { what: "an Excel binary workbook", name: "plant.xlsb", bytes: () => XLSB, message: "plant.xlsb is an Excel binary workbook (.xlsb): open it in Excel and save it as an Excel Workbook (.xlsx)" },
    { what: "an OpenDocument spreadsheet", name: "plant.ods", bytes: () => ODS, message: "plant.ods is an OpenDocument spreadsheet (.ods): open it in LibreOffice Calc or Excel and save it as .xlsx" },
    { what: "a CSV file", name: "plant.csv", bytes: () => Buffer.from("Date;Item;Qty\n2026-11-02;CHAIR;12\n"), message: "plant.csv is a text file (such as .csv), not a workbook: open it in Excel and save it as an Excel Workbook (.xlsx)" },
    { what: "a zip archive", name: "plant.zip", bytes: () => PLAIN_ZIP, message: "plant.zip is a zip archive, not an Excel workbook" },
    { what: "a Word document named .xlsx", name: "plant.xlsx", bytes: () => DOCX, message: "plant.xlsx is a zip archive, not an Excel workbook" },
    { what: "an empty file", name: "plant.xlsx", bytes: () => Buffer.alloc(0), message: "plant.xlsx is empty (0 bytes)" },
    {
      what: "a workbook cut off (a download that stopped)",
      name: "plant.xlsx",
      bytes: async () => (await bufferOf(excelWorkbook(chairMaker()))).subarray(0, 5000),
      message: "plant.xlsx is damaged: its contents are cut off or broken. If Excel opens it, save it again as .xlsx; otherwise use an earlier copy",
    },
    { what: "a picture", name: "plant.xlsx", bytes: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), message: "plant.xlsx is not an Excel workbook (.xlsx), nor a kind of file Backflush recognizes" },
  ];

  for (const { what, name, bytes, message } of cases) {
    it(`${what}: ${message}`, async () => {
      const input = join(folder.path, name);
      await writeFile(input, await bytes());
      const before = await sha256(input);
      for (const args of [["run", name, "-o", "out.xlsx"], ["run", name, "--in-place", "--json"]]) {
        const run = await cli(folder.path, args);
        assert.equal(run.code, 2, run.stderr);
        assert.equal(run.stdout, "");
        assert.equal(run.stderr, `backflush: ${message}\n`);
        assert.doesNotMatch(run.stderr, LIBRARY_TEXT);
      }
      assert.equal(await sha256(input), before);
      assert.deepEqual(await readdir(folder.path), [name], "nothing written, no backup");
    });
  }

  it("a workbook whose parts cannot be read (a part that is not XML) names the part, without the reader's words", async () => {
    const parts = readZip(await bufferOf(excelWorkbook(chairMaker())));
    parts.set("xl/workbook.xml", Buffer.from("\u0000not xml at all <<<"));
    await writeFile(join(folder.path, "plant.xlsx"), writeZip(parts));
    const run = await cli(folder.path, ["run", "plant.xlsx"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "backflush: cannot read plant.xlsx: it is damaged: part xl/workbook.xml is not well-formed; open it in Excel (which may repair it) and save it again\n");
    assert.doesNotMatch(run.stderr, LIBRARY_TEXT);
  });

  it("an index part too large to read whole is refused at its part, also where -o asks what kind of workbook it is (it was exit 3)", async () => {
    // 300 MB of white space inside [Content_Types].xml packs into a few hundred kilobytes.
    const parts = readZip(await bufferOf(excelWorkbook(chairMaker())));
    const types = parts.get("[Content_Types].xml")!.toString("utf8");
    parts.set("[Content_Types].xml", Buffer.concat([Buffer.from(types.replace("</Types>", "")), Buffer.alloc(300 << 20, 0x20), Buffer.from("</Types>")]));
    await writeFile(join(folder.path, "padded.xlsx"), writeZip(parts));
    const run = await cli(folder.path, ["run", "padded.xlsx", "-o", "out.xlsx"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^backflush: cannot read padded\.xlsx: part \[Content_Types\]\.xml would take more than 256 MB once unpacked/);
    assert.doesNotMatch(run.stderr, LIBRARY_TEXT);
    assert.ok(!(await readdir(folder.path)).includes("out.xlsx"));
  });
});
