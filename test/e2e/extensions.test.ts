/**
 * A result is saved only under the extension its content calls for: Excel
 * refuses to open an .xlsm's macros named .xlsx, or a plain workbook named
 * .xlsm. The extension comes from the package's workbook content type, not
 * from the input's name; a wrong one is a usage error (exit 2) before
 * anything is written, in the user's language. The ledger exports keep any name.
 */
import { strict as assert } from "node:assert";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadXlsx } from "../../src/adapters/xlsx/bytes";
import { bufferOf, excelWorkbook } from "../adapters/xlsx-fixture";
import { readZip, writeZip } from "../adapters/xlsx-zip";
import type { PortFixture } from "../contract/fixtures";
import { chairMaker, editSheet } from "../contract/fixtures";
import { cli, sha256, tempFolder, workbookFile } from "./support";

const PLAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const MACROS = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
const TEMPLATE = "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml";
/** Stands for a VBA project: only its bytes coming back unchanged matter here. */
const VBA_PROJECT = Buffer.from("\u00d0\u00cf\u0011\u00e0 a VBA project", "latin1");

/** The chair maker with its workbook part given another content type (and, for macros, a VBA project), as Excel saves an .xlsm or .xltx. */
async function chairMakerAs(contentType: string, fixture: PortFixture = chairMaker()): Promise<Buffer> {
  const parts = readZip(await bufferOf(excelWorkbook(fixture)));
  let types = parts.get("[Content_Types].xml")!.toString("utf8");
  assert.ok(types.includes(`ContentType="${PLAIN}"`));
  types = types.replace(`ContentType="${PLAIN}"`, `ContentType="${contentType}"`);
  if (contentType === MACROS) {
    parts.set("xl/vbaProject.bin", VBA_PROJECT);
    types = types.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
    const rels = parts.get("xl/_rels/workbook.xml.rels")!.toString("utf8");
    parts.set("xl/_rels/workbook.xml.rels", Buffer.from(rels.replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')));
  }
  parts.set("[Content_Types].xml", Buffer.from(types));
  return writeZip(parts);
}

describe("e2e: the result's name must match its content", () => {
  const folder = tempFolder();

  it("refuses a plain workbook's result named .xlsm, .txt or with no extension, writing nothing", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    for (const name of ["out.xlsm", "out.txt", "out"]) {
      const run = await cli(folder.path, ["run", "chairs.xlsx", "-o", name]);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, "");
      assert.equal(
        run.stderr,
        `backflush: cannot write ${name}: the workbook is a plain Excel workbook, without macros, so its name must end in .xlsx (out.xlsx): Excel does not open a workbook whose name does not match its content; nothing was written\n`,
      );
    }
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"]);
    // Upper-case is the same extension to Excel.
    const upper = await cli(folder.path, ["run", "chairs.xlsx", "-o", "OUT.XLSX"]);
    assert.equal(upper.code, 0, upper.stderr);
  });

  it("says it in Swedish and Malay", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    const sv = await cli(folder.path, ["run", "chairs.xlsx", "-o", "ut.xlsm", "--lang", "sv"]);
    assert.equal(sv.code, 2);
    assert.equal(sv.stderr, "backflush: kan inte skriva ut.xlsm: arbetsboken är en vanlig Excel-arbetsbok, utan makron, så namnet måste sluta på .xlsx (ut.xlsx): Excel öppnar inte en arbetsbok vars namn inte stämmer med innehållet; inget skrevs\n");
    await writeFile(join(folder.path, "m.xlsm"), await chairMakerAs(MACROS));
    const ms = await cli(folder.path, ["run", "m.xlsm", "-o", "hasil.xlsx", "--lang", "ms"]);
    assert.equal(ms.code, 2);
    assert.equal(ms.stderr, "backflush: tidak dapat menulis hasil.xlsx: buku kerja ini mempunyai makro, jadi namanya mesti berakhir dengan .xlsm (hasil.xlsm): Excel tidak membuka buku kerja yang namanya tidak sepadan dengan kandungannya; tiada apa ditulis\n");
    assert.deepEqual((await readdir(folder.path)).sort(), ["chairs.xlsx", "m.xlsm"]);
  });

  it("refuses a workbook with macros saved as .xlsx, and saves it as .xlsm with its macros and content type", async () => {
    await writeFile(join(folder.path, "plant.xlsm"), await chairMakerAs(MACROS));
    const refused = await cli(folder.path, ["run", "plant.xlsm", "-o", "out.xlsx"]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /^backflush: cannot write out\.xlsx: the workbook has macros, so its name must end in \.xlsm \(out\.xlsm\)/);
    assert.deepEqual(await readdir(folder.path), ["plant.xlsm"]);
    const saved = await cli(folder.path, ["run", "plant.xlsm", "-o", "out.xlsm"]);
    assert.equal(saved.code, 0, saved.stderr);
    const out = readZip(await readFile(join(folder.path, "out.xlsm")));
    assert.deepEqual(out.get("xl/vbaProject.bin"), VBA_PROJECT);
    assert.ok(out.get("[Content_Types].xml")!.toString("utf8").includes(`ContentType="${MACROS}"`));
  });

  it("decides by the content, not the input's name: a workbook with macros named .xlsx is not written in place", async () => {
    const input = join(folder.path, "plant.xlsx");
    await writeFile(input, await chairMakerAs(MACROS));
    const before = await sha256(input);
    const run = await cli(folder.path, ["run", "plant.xlsx", "--in-place"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^backflush: cannot write plant\.xlsx: the workbook has macros, so its name must end in \.xlsm \(plant\.xlsm\)/);
    assert.equal(await sha256(input), before);
    assert.deepEqual(await readdir(folder.path), ["plant.xlsx"], "no backup");
    // Named for its content, it is written in place as before.
    await writeFile(join(folder.path, "plant.xlsm"), await chairMakerAs(MACROS));
    const inPlace = await cli(folder.path, ["run", "plant.xlsm", "--in-place"]);
    assert.equal(inPlace.code, 0, inPlace.stderr);
  });

  it("asks an Excel template for .xltx", async () => {
    await writeFile(join(folder.path, "plant.xltx"), await chairMakerAs(TEMPLATE));
    const run = await cli(folder.path, ["run", "plant.xltx", "-o", "out.xlsx"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^backflush: cannot write out\.xlsx: the workbook is an Excel template, so its name must end in \.xltx \(out\.xltx\)/);
    assert.equal((await cli(folder.path, ["run", "plant.xltx", "-o", "out.xltx"])).code, 0);
  });

  it("refuses template and demo files named other than .xlsx", async () => {
    for (const name of ["t.xlsm", "t.csv"]) {
      const run = await cli(folder.path, ["template", name]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`^backflush: cannot write ${name.replace(".", "\\.")}: the workbook is a plain Excel workbook, without macros, so its name must end in \\.xlsx \\(t\\.xlsx\\)`));
    }
    const demo = await cli(folder.path, ["demo", "-o", "d.xlsm"]);
    assert.equal(demo.code, 2, demo.stderr);
    assert.match(demo.stderr, /^backflush: cannot write d\.xlsm: .* must end in \.xlsx \(d\.xlsx\)/);
    assert.deepEqual(await readdir(folder.path), []);
  });

  it("leaves the ledger exports' names to the user", async () => {
    await workbookFile(folder.path, "chairs.xlsx", editSheet(chairMaker(), "Settings", (rows) => void rows.push(["Company", "Stolfabriken AB"])));
    const run = await cli(folder.path, ["run", "chairs.xlsx", "-o", "out.xlsx", "--sie", "journal.txt", "--csv", "journal.xlsm"]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((await readdir(folder.path)).sort(), ["chairs.xlsx", "journal.txt", "journal.xlsm", "out.xlsx"]);
  });
});

describe("xlsx adapter: the extension a package's content calls for", () => {
  it("reads the workbook part's Override, else the Default for .xml; a type no workbook has gives none", async () => {
    assert.equal(await (await loadXlsx(await chairMakerAs(MACROS))).fileExtension(), ".xlsm");
    assert.equal(await (await loadXlsx(await chairMakerAs(PLAIN))).fileExtension(), ".xlsx");
    // Without an Override, the Default for the part's extension decides (here the generic application/xml: no workbook type).
    const parts = readZip(await chairMakerAs(PLAIN));
    const types = parts.get("[Content_Types].xml")!.toString("utf8");
    const withoutOverride = types.replace(/<Override PartName="\/xl\/workbook\.xml"[^>]*\/>/, "");
    parts.set("[Content_Types].xml", Buffer.from(withoutOverride));
    assert.equal(await (await loadXlsx(writeZip(parts))).fileExtension(), undefined);
    parts.set("[Content_Types].xml", Buffer.from(withoutOverride.replace('ContentType="application/xml"', `ContentType="${TEMPLATE}"`)));
    assert.equal(await (await loadXlsx(writeZip(parts))).fileExtension(), ".xltx");
  });
});
