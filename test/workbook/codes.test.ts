/**
 * Item codes as people paste them: in Unicode's decomposed form ("Å" as A
 * and a combining ring, as some Mac programs paste it) a code is the code
 * typed; a code holding a character nobody sees (a zero-width space, a byte
 * order mark, a control character) is refused with its cell; and a code is at
 * most MAX_CODE_LENGTH characters long (docs/workbook.md, "Limits").
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { standardCostOf } from "../../src/functions/core";
import { MAX_CODE_LENGTH } from "../../src/workbook/cells";
import { chairMaker, setCell, type PortFixture } from "../contract/fixtures";
import { failure } from "../functions/support";
import { checked, rawTablesOf } from "./support";

const base = chairMaker();

/** The fixture with every cell equal to `from` replaced by `to` (per sheet: where `where` says). */
function recode(fixture: PortFixture, from: string, to: (sheet: string, row: number) => string): PortFixture {
  return { ...fixture, sheets: fixture.sheets.map((s) => ({ ...s, rows: s.rows.map((r, i) => r.map((v) => (v === from ? to(s.name, i) : v))) })) };
}

/** A run's journal as comparable lines. */
function journalOf(fixture: PortFixture): string[] {
  const r = checked(fixture);
  assert.ok(r.result, r.problems?.join("\n"));
  return r.result.journal.flatMap((e) => e.lines.map((l) => `${e.entry} ${l.role} ${l.item ?? ""} ${l.debit.toFixed(2)} ${l.credit.toFixed(2)} ${l.memo}`)).sort();
}

const STOOL = "STOL-ÅÄÖ".normalize("NFC");
const STOOL_NFD = STOOL.normalize("NFD");

describe("workbook: item codes", () => {
  it("takes a code pasted in decomposed form as the code typed in composed form", () => {
    assert.notEqual(STOOL, STOOL_NFD);
    const composed = recode(base, "CHAIR", () => STOOL);
    // Items keeps the composed code; the BOM, Production and Sales have it decomposed.
    const mixed = recode(base, "CHAIR", (sheet) => (sheet === "Items" ? STOOL : STOOL_NFD));
    assert.deepEqual(journalOf(mixed), journalOf(composed));
    assert.ok(journalOf(mixed).some((l) => l.includes(` ${STOOL} `)), "the journal shows the composed code");
  });

  it("takes codes in any normalization form as one code (property)", () => {
    const letter = fc.constantFrom("A", "Å", "Ä", "Ö", "é", "ñ", "ç", "Ş", "ự", "ǻ", "1", "-", " ");
    const code = fc.array(letter, { minLength: 1, maxLength: 8 }).map((l) => `X${l.join("")}Z`.normalize("NFC"));
    const form = fc.constantFrom("NFC", "NFD", "NFKC", "NFKD") as fc.Arbitrary<"NFC" | "NFD" | "NFKC" | "NFKD">;
    fc.assert(
      fc.property(code, fc.array(form, { minLength: 12, maxLength: 12 }), (c, forms) => {
        fc.pre(c === c.normalize("NFKC")); // compatibility forms may change a letter itself; only those that do not
        let k = 0;
        const mixed = recode(base, "SEAT", () => c.normalize(forms[k++ % forms.length]));
        assert.deepEqual(journalOf(mixed), journalOf(recode(base, "SEAT", () => c)));
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a code holding an invisible character, naming the character, in every column that holds codes", () => {
    const cases: [string, string, string, string][] = [
      ["Items", "A2", "WOOD\u200b", 'Items!A2: Item "WOOD[U+200B]" holds an invisible character, U+200B (zero-width space); delete it, or type the code again'],
      ["BOM", "A2", "SE\ufeffAT", 'BOM!A2: Parent "SE[U+FEFF]AT" holds an invisible character, U+FEFF (byte order mark); delete it, or type the code again'],
      ["BOM", "B3", "WO\u00adOD", 'BOM!B3: Component "WO[U+00AD]OD" holds an invisible character, U+00AD (soft hyphen); delete it, or type the code again'],
      ["Production", "B2", "CH\u0007AIR", 'Production!B2: Item "CH[U+0007]AIR" holds an invisible character, U+0007 (control character); delete it, or type the code again'],
      ["Sales", "B2", "CHA\u200dIR\u200b", 'Sales!B2: Item "CHA[U+200D]IR[U+200B]" holds 2 invisible characters, U+200D (zero-width joiner), U+200B (zero-width space); delete them, or type the code again'],
      ["Purchases", "B2", "WOOD\u2060", 'Purchases!B2: Item "WOOD[U+2060]" holds an invisible character, U+2060 (word joiner); delete it, or type the code again'],
      ["Inventory", "A2", "WO\tOD", 'Inventory!A2: Item "WO[U+0009]OD" holds an invisible character, U+0009 (tab); delete it, or type the code again'],
    ];
    for (const [sheet, cell, code, line] of cases) {
      const r = checked(setCell(base, sheet, cell, code));
      assert.deepEqual(r.problems, [line], `${sheet}!${cell}`);
    }
    // Spaces and a byte order mark at either end are trimmed, as any text is.
    assert.ok(checked(setCell(base, "Sales", "B2", "\ufeff CHAIR\u00a0")).result);
  });

  it(`refuses a code longer than ${MAX_CODE_LENGTH} characters, with its cell, and takes one of ${MAX_CODE_LENGTH}`, () => {
    const longest = "C".repeat(MAX_CODE_LENGTH);
    assert.ok(checked(recode(base, "CHAIR", () => longest)).result);
    const tooLong = "C".repeat(32_760);
    const r = checked(recode(base, "CHAIR", (sheet, row) => (sheet === "Sales" && row === 1 ? tooLong : "CHAIR")));
    assert.deepEqual(r.problems, [`Sales!B2: Item "CCCCCCCCCCCCCCCCCCCC…" is 32,760 characters long; a code may have at most ${MAX_CODE_LENGTH}: shorten it`]);
  });

  it("STDCOST finds an item named in decomposed form, and refuses one with an invisible character", () => {
    const tables = rawTablesOf(recode(base, "CHAIR", () => STOOL));
    const grid = (t: "Items" | "BOM") => [tables[t]!.header, ...tables[t]!.rows] as unknown[][];
    // 2.5 WOOD × 3 + 12 SCREW × 0.05 + SEAT (0.5 × 4 + 3 + 4 × 0.05 + 2 = 7.2) + 8 = 23.3
    assert.equal(standardCostOf(grid("Items"), grid("BOM"), STOOL_NFD), 23.3);
    const e = failure(() => standardCostOf(grid("Items"), grid("BOM"), `${STOOL}\u200b`));
    assert.equal(e.code, "#VALUE!");
    assert.match(e.message, /^item "STOL-ÅÄÖ\[U\+200B\]" holds an invisible character/);
  });
});
