/**
 * The shared-strings scanner (src/adapters/xlsx/shared-strings.ts) against a
 * full XML tokenizer (saxes, test/support/saxes-sheet-reader.ts): random parts
 * written every way the format allows, and the parts of the 40 real workbooks.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { PackageError } from "../../src/adapters/xlsx/errors";
import { readPackageIndex } from "../../src/adapters/xlsx/package";
import { readSharedStrings, sharedStringsOf } from "../../src/adapters/xlsx/shared-strings";
import { ZipArchive, writeZip } from "../../src/adapters/xlsx/zip";
import { sharedStringsWithSaxes } from "../support/saxes-sheet-reader";
import { sharedFolder } from "../support/root";

const escapeText = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const encode = (xml: string) => new TextEncoder().encode(xml);

/** One item's XML, written one of the ways producers write it, with `p` the prefix and `q` the quote. */
const itemArb = (p: string, q: string) =>
  fc
    .record({
      kind: fc.constantFrom("plain", "preserve", "rich", "phonetic", "entities", "cdata", "comment", "empty-t", "empty-si", "spaced"),
      text: fc.string({ unit: fc.constantFrom("a", "B", " ", "&", "<", ">", '"', "'", "å", "_x000A_", "_x005F_x0041_", "é", "𝄞", "\r", "\r\n", "\n", "\t", "-"), maxLength: 10 }),
    })
    .map(({ kind, text }) => {
      const t = escapeText(text);
      switch (kind) {
        case "plain":
          return `<${p}si><${p}t>${t}</${p}t></${p}si>`;
        case "preserve":
          return `<${p}si><${p}t xml:space=${q}preserve${q}>${t}</${p}t></${p}si>`;
        case "rich":
          return `<${p}si><${p}r><${p}rPr><${p}b/><${p}sz val=${q}11${q}/></${p}rPr><${p}t>${t}</${p}t></${p}r><${p}r><${p}t xml:space=${q}preserve${q}> !</${p}t></${p}r></${p}si>`;
        case "phonetic":
          return `<${p}si><${p}t>${t}</${p}t><${p}rPh sb=${q}0${q} eb=${q}1${q}><${p}t>ヨミ</${p}t></${p}rPh><${p}phoneticPr fontId=${q}1${q}/></${p}si>`;
        case "entities":
          return `<${p}si><${p}t>&#229;&#x00E4;&amp;&lt;&quot;&apos;${t}</${p}t></${p}si>`;
        case "cdata":
          return `<${p}si><${p}t><![CDATA[${text.replace(/]]>/g, "")}&amp;]]>${t}</${p}t></${p}si>`;
        case "comment":
          return `<!-- before --><${p}si><!-- inside <si><t>no</t></si> --><${p}t>${t}</${p}t><?pi data?></${p}si>`;
        case "empty-t":
          return `<${p}si><${p}t/></${p}si>`;
        case "empty-si":
          return `<${p}si/>`;
        case "spaced":
          return `<${p}si ><${p}t\n>${t}</${p}t ></${p}si\t>`;
      }
      return "";
    });

const partArb = fc
  .record({ prefix: fc.constantFrom("", "x:"), quote: fc.constantFrom('"', "'"), bom: fc.boolean() })
  .chain(({ prefix, quote, bom }) =>
    fc.array(itemArb(prefix, quote), { maxLength: 20 }).map((items) => {
      const ns = prefix ? `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"` : `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
      return `${bom ? "\ufeff" : ""}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${prefix}sst ${ns} count="${items.length}" uniqueCount="${items.length}">${items.join("\n")}</${prefix}sst>`;
    }),
  );

/** A one-part package holding `part` as its shared strings, for readSharedStrings. */
async function packageWith(part: Uint8Array): Promise<ZipArchive> {
  return new ZipArchive(await writeZip([{ name: "xl/sharedStrings.xml", content: part }]));
}

describe("shared strings: read from their bytes as a full XML tokenizer reads them", () => {
  it("on random parts written every way the format allows", () => {
    fc.assert(
      fc.property(partArb, (xml) => {
        assert.deepEqual(sharedStringsOf(encode(xml)), sharedStringsWithSaxes(xml));
      }),
      { numRuns: 1500 },
    );
  });

  it("joins rich-text runs, leaves phonetic runs out, decodes entities, CDATA and _xHHHH_ escapes, reads CR LF as LF", () => {
    const xml =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      "<si><t>CHAIR</t></si>" +
      '<si><r><rPr><b/></rPr><t>Ek</t></r><r><t xml:space="preserve"> &amp; bok</t></r></si>' +
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></si>' +
      "<si><t><![CDATA[a<b & c]]>_x000D_</t></si>" +
      "<si><t>line\r\nbreak</t></si>" +
      "<si/>" +
      "</sst>";
    assert.deepEqual(sharedStringsOf(encode(xml)), ["CHAIR", "Ek & bok", "漢字", "a<b & c\r", "line\nbreak", ""]);
  });

  it("reads a part written in UTF-16, as OPC allows", async () => {
    const xml = '\ufeff<?xml version="1.0" encoding="UTF-16"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Råvara</t></si></sst>';
    const utf16 = new Uint8Array(xml.length * 2);
    for (let i = 0; i < xml.length; i++) {
      utf16[2 * i] = xml.charCodeAt(i) & 0xff;
      utf16[2 * i + 1] = xml.charCodeAt(i) >> 8;
    }
    assert.deepEqual(await readSharedStrings(await packageWith(utf16), "xl/sharedStrings.xml"), ["Råvara"]);
  });

  it("names the part as damaged for a text past 64 MB, plain or in rich-text runs, instead of failing on a string too long to make", async () => {
    const long = "x".repeat((64 << 20) + 1);
    const half = "x".repeat((32 << 20) + 1);
    for (const xml of [`<sst><si><t>${long}</t></si></sst>`, `<sst><si><r><t>${half}</t></r><r><t>${half}</t></r></si></sst>`]) {
      await assert.rejects(readSharedStrings(await packageWith(encode(xml)), "xl/sharedStrings.xml"), (e: unknown) => e instanceof PackageError && e.problem === "damaged" && e.params.part === "xl/sharedStrings.xml");
    }
    assert.deepEqual(sharedStringsOf(encode(`<sst><si><t>${half}</t></si></sst>`)).map((t) => t.length), [half.length], "32 MB is read");
  });

  for (const [what, xml] of [
    ["an item left open", "<sst><si><t>a</t>"],
    ["a tag cut off", "<sst><si><t>a</t></si><si"],
    ["a comment left open", "<sst><!-- <si><t>a</t></si></sst>"],
    ["an item inside an item", "<sst><si><si><t>a</t></si></si></sst>"],
  ] as const) {
    it(`names the part as damaged for ${what}`, async () => {
      await assert.rejects(readSharedStrings(await packageWith(encode(xml)), "xl/sharedStrings.xml"), (e: unknown) => e instanceof PackageError && e.problem === "badXml" && e.params.part === "xl/sharedStrings.xml");
    });
  }
});

describe("shared strings: the 40 real workbooks' parts read as saxes reads them", function () {
  this.timeout(60_000);
  const folder = sharedFolder("real-workbooks");
  const files = existsSync(folder) ? readdirSync(folder).filter((n) => /\.xls[xm]$/i.test(n)) : [];
  it("finds the 40 workbooks, most with shared strings", async () => {
    assert.ok(files.length >= 40, `found ${files.length} in ${folder}`);
    let withStrings = 0;
    for (const file of files) if ((await readPackageIndex(new ZipArchive(readFileSync(join(folder, file))))).sharedStringsPart) withStrings++;
    assert.ok(withStrings >= 20, `only ${withStrings} have shared strings`);
  });
  for (const file of files) {
    it(file, async () => {
      const zip = new ZipArchive(readFileSync(join(folder, file)));
      const part = (await readPackageIndex(zip)).sharedStringsPart;
      if (part === undefined) return;
      assert.deepEqual(await readSharedStrings(zip, part), sharedStringsWithSaxes(await zip.text(zip.entry(part)!)));
    });
  }
});
