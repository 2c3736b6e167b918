/**
 * Object's own property names as data: "constructor", "__proto__",
 * "toString", "hasOwnProperty" and "valueOf" typed in any cell of any table
 * (a Setting key, a Triggers list, a Disposition, an item type, an item code)
 * mean exactly what any other unknown word means there. Every lookup keyed
 * by user text is a Map, so a built-in name never finds Object's properties.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { BackflushResult, TableName } from "../../src/engine";
import { journalTable } from "../../src/functions/core";
import type { CellValue } from "../../src/workbook/cells";
import { columnLetter } from "../../src/workbook/cells";
import { TABLES, dispositionOf, itemTypeOf, sequenceOf, settingKeyOf } from "../../src/workbook/schema";
import { chairMaker, editSheet, withSheets, type PortFixture } from "../contract/fixtures";
import { failure } from "../functions/support";
import { checked } from "./support";

const BUILT_IN = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"] as const;
/** A word that means nothing anywhere in the contract: what a built-in name must behave like. */
const PLAIN_WORD = "Xyzzy";

/** The chair maker with every optional table and column present, so that every column of the contract has a cell to hold a word. */
function fullWorkbook(): PortFixture {
  let fixture = withSheets(chairMaker(), { name: "Accounts", rows: [["Role", "Account", "Name"], ["RIP", "1310", "Raw materials"]] });
  for (const s of fixture.sheets) {
    const def = TABLES[s.name as TableName];
    const missing = def.columns.filter((c) => !s.rows[0].includes(c.key));
    if (missing.length > 0) fixture = editSheet(fixture, s.name, (rows) => rows.map((r, i) => [...r, ...missing.map((c) => (i === 0 ? c.key : null))]));
  }
  return fixture;
}

/** The fixture with one cell of a sheet (0-based row and column of its rows) set. */
function withCell(fixture: PortFixture, sheet: string, row: number, column: number, value: CellValue): PortFixture {
  return editSheet(fixture, sheet, (rows) => {
    rows[row][column] = value;
  });
}

/** A run's journal as plain lines, comparable across runs. */
function journalLines(result: BackflushResult): string[] {
  return result.journal.flatMap((e) => e.lines.map((l) => `${e.entry} ${e.date} ${l.role} ${l.item ?? l.category ?? ""} ${l.debit.toFixed(2)} ${l.credit.toFixed(2)} ${l.memo}`));
}

/** What a workbook comes to, with `word` written as `as` (so that a built-in name's outcome compares with the plain word's). */
function outcome(fixture: PortFixture, word: string, as: string): string[] {
  const r = checked(fixture);
  const lines = r.result ? ["ran", ...journalLines(r.result)] : ["refused", ...r.problems];
  return lines.map((l) => l.split(word).join(as));
}

describe("workbook: built-in names as data", () => {
  const base = fullWorkbook();

  it("finds no meaning for a built-in name in the contract's word lists", () => {
    for (const w of BUILT_IN) {
      for (const v of [w, w.toUpperCase(), ` ${w} `]) {
        assert.equal(settingKeyOf(v), undefined, v);
        assert.equal(itemTypeOf(v), undefined, v);
        assert.equal(dispositionOf(v), undefined, v);
        assert.equal(sequenceOf(v), undefined, v);
        assert.equal(sequenceOf(`purchase, completion, sale, ${v}`), undefined, v);
      }
    }
  });

  it("reads a built-in name in every cell of every table as it reads any other unknown word", () => {
    for (const sheet of base.sheets) {
      const header = sheet.rows[0];
      for (let column = 0; column < header.length; column++) {
        for (const word of BUILT_IN) {
          const control = outcome(withCell(base, sheet.name, 1, column, PLAIN_WORD), PLAIN_WORD, "#");
          const got = outcome(withCell(base, sheet.name, 1, column, word), word, "#");
          assert.deepEqual(got, control, `${sheet.name}!${columnLetter(column)}2 = ${word}`);
          for (const line of got) assert.doesNotMatch(line, /native code|function |\[object /, line);
        }
      }
    }
  });

  it("reads a built-in name as a Setting key, a Triggers word or a setting value as it reads any other unknown word", () => {
    const settingsRow = (key: string) => base.sheets.find((s) => s.name === "Settings")!.rows.findIndex((r) => r[0] === key);
    const variant = fc.tuple(fc.constantFrom(...BUILT_IN), fc.constantFrom("", " "), fc.boolean());
    const place = fc.constantFrom("key", "trigger", "Triggers", "Currency", "Disposition", "PeriodStart", "type");
    fc.assert(
      fc.property(variant, place, ([w, pad, upper], where) => {
        const bare = upper ? w.toUpperCase() : w;
        const at = (text: string): PortFixture => {
          if (where === "key") return withCell(base, "Settings", settingsRow("Disposition"), 0, text);
          if (where === "trigger") return withCell(base, "Settings", settingsRow("Triggers"), 1, `purchase, completion, sale, ${text}`);
          if (where === "type") return withCell(base, "Items", 1, 1, text);
          return withCell(base, "Settings", settingsRow(where), 1, text);
        };
        const control = outcome(at(`${pad}${PLAIN_WORD}${pad}`), PLAIN_WORD, "#");
        assert.deepEqual(outcome(at(`${pad}${bare}${pad}`), bare, "#"), control, `${where}: ${JSON.stringify(bare)}`);
        assert.equal(control[0], "refused");
      }),
      { numRuns: 300 },
    );
  });

  it("costs an item whose code is a built-in name as it costs the item under its own code", () => {
    const rename = (fixture: PortFixture, from: string, to: string): PortFixture => ({ ...fixture, sheets: fixture.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => r.map((v) => (v === from ? to : v))) })) });
    // Lines within an entry come in item order, which a new code may change: compared as sets.
    for (const item of ["WOOD", "SEAT", "CHAIR"]) {
      const want = outcome(base, item, "#").sort();
      assert.ok(want.includes("ran"));
      for (const word of BUILT_IN) assert.deepEqual(outcome(rename(base, item, word), word, "#").sort(), want, `${item} as ${word}`);
    }
  });

  it("JOURNAL refuses a Disposition of constructor with #VALUE! naming the word, not Object's code", () => {
    const grid = (sheet: string) => base.sheets.find((s) => s.name === sheet)!.rows as unknown[][];
    const settings = grid("Settings").map((r) => (r[0] === "Disposition" ? ["Disposition", "constructor"] : r));
    const e = failure(() => journalTable({ items: grid("Items"), bom: grid("BOM"), production: grid("Production"), sales: grid("Sales"), purchases: grid("Purchases"), conversion: grid("Conversion"), settings }));
    assert.equal(e.code, "#VALUE!");
    assert.match(e.message, /Disposition "constructor" is not cogs or prorate/);
  });
});
