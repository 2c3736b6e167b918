/**
 * The styles part as producers write it, extended with the generated sheets'
 * styles (styles.ts, withCellStyles): a part with comments, one written
 * empty, one quoting its attributes with apostrophes, and one that is no
 * stylesheet at all.
 */
import { strict as assert } from "node:assert";
import { SaxesParser } from "saxes";
import { PackageError } from "../../src/adapters/xlsx/errors";
import { withCellStyles, type CellStyle } from "../../src/adapters/xlsx/styles";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const WANTED: CellStyle[] = [{ numberFormat: "#,##0.00_);(#,##0.00)" }, { numberFormat: "yyyy-mm-dd" }];

/** The part parses as XML, and its cellXfs count is the number of xf in it. */
function wellFormed(xml: string): { xfs: number; count: number; numFmtIds: number[] } {
  const parser = new SaxesParser();
  let inXfs = false;
  let xfs = 0;
  let count = -1;
  const numFmtIds: number[] = [];
  parser.on("opentag", (t) => {
    if (t.name === "cellXfs") {
      inXfs = true;
      count = Number(t.attributes.count);
    } else if (t.name === "xf" && inXfs) xfs++;
    else if (t.name === "numFmt") numFmtIds.push(Number(t.attributes.numFmtId));
  });
  parser.on("closetag", (t) => {
    if (t.name === "cellXfs") inXfs = false;
  });
  parser.write(xml).close();
  return { xfs, count, numFmtIds };
}

describe("xlsx styles: the user's styles part extended with ours", () => {
  it("leaves a comment that quotes a tag alone, and adds to the real element (the styles went into the comment)", () => {
    const xml = `<?xml version="1.0"?><styleSheet ${NS}><!-- <cellXfs count="9"> --><fonts count="1"><font><name val="Calibri"/></font></fonts><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
    const { xml: out, indexes } = withCellStyles(xml, WANTED);
    const parsed = wellFormed(out);
    assert.equal(parsed.count, parsed.xfs);
    assert.ok(indexes.every((i) => i >= 1 && i < parsed.xfs), `${indexes} within ${parsed.xfs}`);
  });

  it("opens a stylesheet written empty, so that what it adds is inside it", () => {
    const { xml: out, indexes } = withCellStyles(`<?xml version="1.0"?><styleSheet ${NS}/>`, WANTED);
    const parsed = wellFormed(out);
    assert.equal(parsed.count, parsed.xfs);
    assert.ok(indexes.every((i) => i < parsed.xfs));
  });

  it("gives a new number format an id no existing one has, however its attributes are quoted", () => {
    const xml = `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId='170' formatCode='0.000'/></numFmts><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
    const ids = wellFormed(withCellStyles(xml, WANTED).xml).numFmtIds;
    assert.equal(new Set(ids).size, ids.length, `${ids}`);
    assert.ok(ids.filter((id) => id !== 170).every((id) => id > 170));
  });

  it("does not reuse a format a conditional format (dxf) alone declares: a cell's id must be in numFmts, or its dates show as serial numbers", () => {
    const dxf = `<dxfs count="1"><dxf><numFmt numFmtId="170" formatCode="yyyy-mm-dd"/></dxf></dxfs>`;
    const xml = `<styleSheet ${NS}><fonts count="1"><font><name val="Calibri"/></font></fonts><cellXfs count="1"><xf numFmtId="0"/></cellXfs>${dxf}</styleSheet>`;
    const { xml: out, indexes } = withCellStyles(xml, WANTED);
    const main = /<numFmts[^>]*>([\s\S]*?)<\/numFmts>/.exec(out)?.[1] ?? "";
    const declared = new Set([...main.matchAll(/numFmtId="(\d+)"/g)].map((m) => Number(m[1])));
    const xfs = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(out)![1].matchAll(/<xf numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    for (const i of indexes) assert.ok(declared.has(xfs[i]), `xf ${i} uses numFmtId ${xfs[i]}, which numFmts does not declare (${[...declared]})`);
    assert.ok(xfs.every((id) => id !== 170), "the dxf's id is not taken for a new format either");
    assert.ok(out.includes(dxf), "the conditional format is left as it was");
  });

  it("counts what it adds into a count quoted with apostrophes, and keeps a font face so quoted (a second count attribute made the part no XML)", () => {
    const xml = `<styleSheet ${NS}><fonts count='1'><font><sz val='10'/><name val='Arial'/></font></fonts><cellXfs count='1'><xf numFmtId='0'/></cellXfs></styleSheet>`;
    const { xml: out, indexes } = withCellStyles(xml, [...WANTED, { numberFormat: "@", font: "title" }]);
    const parsed = wellFormed(out);
    assert.equal(parsed.count, parsed.xfs);
    assert.ok(indexes.every((i) => i >= 1 && i < parsed.xfs), `${indexes} within ${parsed.xfs}`);
    assert.match(out, /<font><b\/><sz val="14"\/><name val="Arial"\/><\/font>/);
  });

  it("reads counts and ids written with spaces around them, as the schema allows (a second count attribute; an id given twice)", () => {
    const xml = `<styleSheet ${NS}><numFmts count=" 2 "><numFmt numFmtId=" 164" formatCode="0.0"/><numFmt formatCode="[>=100]0" numFmtId="166"/></numFmts><cellXfs count=" 1 "><xf numFmtId="0"/></cellXfs></styleSheet>`;
    const out = withCellStyles(xml, WANTED).xml;
    const parsed = wellFormed(out);
    assert.equal(parsed.count, parsed.xfs);
    // The user's 164 and 166 keep their codes: ours take ids above both.
    assert.equal(new Set(parsed.numFmtIds).size, parsed.numFmtIds.length, `${parsed.numFmtIds}`);
    assert.ok(parsed.numFmtIds.slice(2).every((id) => id > 166), `${parsed.numFmtIds}`);
  });

  it("refuses a part that is no stylesheet as damage at its part, in the package's words", () => {
    assert.throws(
      () => withCellStyles(`<worksheet ${NS}/>`, WANTED, "xl/styles.xml"),
      (e: unknown) => e instanceof PackageError && e.problem === "damaged" && e.params.part === "xl/styles.xml",
    );
  });
});
