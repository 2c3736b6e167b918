/**
 * The workbook part as producers write it, edited for a run (workbook.ts,
 * editWorkbook): defined names self-closed or with spaces in their sheet
 * index, SpreadsheetML prefixed on some elements and not others, and comments
 * that quote tags. Each case parses the result and checks what it says.
 */
import { strict as assert } from "node:assert";
import { SaxesParser } from "saxes";
import { editWorkbook, type NewEntry, type Placed } from "../../src/adapters/xlsx/workbook";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const sheets = (names: readonly string[]) => `<sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>`;
const JOURNAL: NewEntry = { name: "Journal", relId: "rId9", sheetId: 9, part: "xl/worksheets/sheet9.xml", printTitles: 4 };

/** Every element of the part in document order, its local name with its attributes; the part must be XML. */
function elements(xml: string): { name: string; attrs: Record<string, string>; text: string }[] {
  const out: { name: string; attrs: Record<string, string>; text: string }[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on("opentag", (t) => out.push({ name: t.local, attrs: Object.fromEntries(Object.values(t.attributes).map((a) => [a.local, a.value])), text: "" }));
  parser.on("text", (x) => {
    if (out.length > 0) out[out.length - 1].text += x;
  });
  parser.write(xml).close();
  return out;
}

describe("xlsx adapter: the workbook part edited for a run", () => {
  // Sheets A, B, C; B goes without a successor, so C moves from index 2 to 1.
  const dropB: Placed[] = [{ old: 0 }, { old: 2 }];

  it("follows a local name to its sheet past a self-closed one before it, and reads an index written with spaces", () => {
    const xml = `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${sheets(["A", "B", "C"])}<definedNames><definedName name="E" localSheetId="0"/><definedName name="OnC" localSheetId="2">C!$A$1</definedName><definedName name="OnB" localSheetId="1">B!$A$1</definedName><definedName name="Spaced" localSheetId=" 2 ">C!$B$1</definedName></definedNames><calcPr calcId="1"/></workbook>`;
    const names = elements(editWorkbook(xml, "xl/workbook.xml", 3, dropB)).filter((e) => e.name === "definedName");
    // E stays on A (0); OnC and Spaced follow C to 1; OnB goes with B.
    assert.deepEqual(
      names.map((n) => [n.attrs.name, n.attrs.localSheetId]),
      [
        ["E", "0"],
        ["OnC", "1"],
        ["Spaced", "1"],
      ],
    );
  });

  it("finds the defined names and the calculation whatever their prefix, and writes one of each", () => {
    const xml = `<workbook xmlns="${MAIN}" xmlns:x="${MAIN}" xmlns:r="${REL}">${sheets(["A"])}<x:definedNames><x:definedName name="Mine">A!$A$1</x:definedName></x:definedNames><x:calcPr calcId="1"/></workbook>`;
    const out = elements(editWorkbook(xml, "xl/workbook.xml", 1, [{ old: 0 }, { added: JOURNAL }]));
    assert.deepEqual(
      out.filter((e) => e.name === "definedNames" || e.name === "calcPr").map((e) => e.name),
      ["definedNames", "calcPr"],
    );
    assert.equal(out.find((e) => e.name === "calcPr")?.attrs.fullCalcOnLoad, "1");
    assert.deepEqual(
      out.filter((e) => e.name === "definedName").map((e) => [e.attrs.name, e.attrs.localSheetId ?? null]),
      [
        ["Mine", null],
        ["_xlnm.Print_Titles", "1"],
      ],
    );
  });

  it("takes no tag quoted in a comment for an element: print titles and full calculation go where they count", () => {
    const xml = `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><!-- <definedNames/> <calcPr/> -->${sheets(["A"]).replace("</sheets>", '<!-- <sheet name="Old" sheetId="7" r:id="rId7"/> --></sheets>')}<calcPr calcId="1"/></workbook>`;
    const out = elements(editWorkbook(xml, "xl/workbook.xml", 1, [{ old: 0 }, { added: JOURNAL }]));
    assert.deepEqual(
      out.filter((e) => e.name === "sheet").map((e) => e.attrs.name),
      ["A", "Journal"],
    );
    assert.equal(out.find((e) => e.name === "calcPr")?.attrs.fullCalcOnLoad, "1");
    assert.equal(out.find((e) => e.name === "definedName")?.text, "'Journal'!$4:$4");
  });
});
