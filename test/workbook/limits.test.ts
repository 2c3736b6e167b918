/**
 * The limits docs/workbook.md sets ("Limits"): every figure in a cell is
 * below 10^15, and so is every journal line made from them. A figure at the
 * limit is refused with its cell; one just below it is read; figures that
 * multiply past it are refused as data, never as an internal error.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { CellValue } from "../../src/workbook/cells";
import { chairMaker, setCell, type PortFixture } from "../contract/fixtures";
import { checked } from "./support";

const base = chairMaker();

/** Every number cell of the chair maker's first data row that holds a figure a run takes. */
const FIGURE_CELLS: readonly [string, string, string][] = [
  ["Items", "C2", "StdPrice"],
  ["Items", "D5", "StdConversion"],
  ["BOM", "C2", "QtyPer"],
  ["Production", "C2", "Qty"],
  ["Sales", "C2", "Qty"],
  ["Purchases", "C2", "Qty"],
  ["Purchases", "D2", "Amount"],
  ["Conversion", "B2", "Amount"],
  ["Inventory", "B2", "Opening"],
  ["Inventory", "C2", "Count"],
];

describe("workbook: the limit on figures", () => {
  it("refuses 10^15 and more, as a number or as text, in every number column, with its cell", () => {
    for (const [sheet, cell, field] of FIGURE_CELLS) {
      for (const v of [1e15, 1e38, -1e15, "1 000 000 000 000 000", "1,000,000,000,000,000.00", 999999999999999.9]) {
        const r = checked(setCell(base, sheet, cell, v));
        assert.ok(r.problems, `${sheet}!${cell} = ${v} ran`);
        const mine = r.problems.filter((p) => p.startsWith(`${sheet}!${cell}: `));
        assert.equal(mine.length, 1, `${sheet}!${cell} = ${v}: ${r.problems.join("; ")}`);
        assert.match(mine[0], new RegExp(`^${sheet}!${cell}: ${field} -?10{15,} is too large; every figure must be below 1,000,000,000,000,000 \\(10\\^15\\), the most Backflush carries exactly$`));
      }
    }
  });

  it("reads 999,999,999,999,999 in every number column: what refuses it then is a journal line it makes, not the cell", () => {
    for (const [sheet, cell] of FIGURE_CELLS) {
      const r = checked(setCell(base, sheet, cell, 999999999999999));
      for (const p of r.problems ?? []) assert.match(p, /: (A \w+ line( for "[^"]+")? comes to|An amount of) [\d,.]+,? (too large|is too large): every amount must be below/, `${sheet}!${cell}: ${p}`);
    }
    // An amount paid is a journal line of its own. A cell keeps 15 digits, so in USD, to the cent, one just below 10^13 is
    // posted and 10^13 is refused; in JPY, with no decimals, 999,999,999,999,999 is posted.
    for (const [sheet, cell] of [["Purchases", "D2"], ["Conversion", "B2"]]) {
      const below = checked(setCell(base, sheet, cell, 9999999999999.99));
      assert.ok(below.result, `${sheet}!${cell}: ${below.problems?.join("; ")}`);
      assert.ok(below.result.totals.debit.equals(below.result.totals.credit));
      const at = checked(setCell(base, sheet, cell, 1e13));
      // At the Amount cell itself, as an amount: no quantities or prices behind it.
      assert.ok(at.problems?.includes(`${sheet}!${cell}: An amount of 10,000,000,000,000 is too large: every amount must be below 10,000,000,000,000, the most a workbook cell keeps to the currency's smallest unit (15 digits in all)`), `${sheet}!${cell}: ${at.problems?.join("; ")}`);
      const yen = checked(setCell(setCell(base, "Settings", "B5", "JPY"), sheet, cell, 999999999999999));
      assert.ok(yen.result, `${sheet}!${cell} in JPY: ${yen.problems?.join("; ")}`);
    }
  });

  it("never ends in an internal error, whatever figures up to 10^38 the cells hold", () => {
    const figure = fc.constantFrom<CellValue>(1e38, 1e20, 1e15, 999999999999999, 123456789012345, 1e12, 1e9, 0.001, 1e-30, "999 999 999 999 999");
    const cells = fc.array(fc.tuple(fc.constantFrom(...FIGURE_CELLS), figure), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(cells, (changes) => {
        let f: PortFixture = base;
        for (const [[sheet, cell], v] of changes) f = setCell(f, sheet, cell, v);
        const r = checked(f); // throws on anything but a data problem
        if (r.result) assert.ok(r.result.totals.debit.equals(r.result.totals.credit));
        else for (const p of r.problems) assert.doesNotMatch(p, /Internal error/);
      }),
      { numRuns: 300 },
    );
  });
});
