/**
 * The Closing sheet read back (issue 18, item 4): over random plants and
 * periods in every sequence, the closing written by the .xlsx adapter and read
 * back by workbook/opening.ts is the very opening the engine takes from the
 * result itself (broughtForwardOf), line for line: money to the digit, and
 * quantities and standards to the 15 significant digits a workbook keeps.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { loadXlsx, newXlsx, xlsxBytes } from "../../src/adapters/xlsx/bytes";
import { Dec, broughtForwardOf, runBackflush } from "../../src/engine";
import type { BroughtForwardLine } from "../../src/engine";
import { readPreviousClosing } from "../../src/workbook/opening";
import { markerText } from "../../src/workbook/render";
import { closingSheet } from "../../src/workbook/render-closing";
import { anyPeriod } from "../engine/plants";

// A workbook keeps a number to 15 significant digits, as Excel does: a quantity or a standard of more (109.0537943359375) comes back
// within one part in 10¹⁴ of it (the next period compares standards so, run.ts sameStandard). Money is in minor units: exact.
const exact = (l: BroughtForwardLine) => [l.role, l.item ?? "", l.kind, l.value.toFixed(), l.material.toFixed(), l.conversion.toFixed(), l.row].join(" ");
const near = (a: Dec | undefined, b: Dec | undefined) => (a === undefined || b === undefined ? a === b : a.minus(b).abs().lte(Dec.max(a.abs(), b.abs()).times("1e-14")));

describe("workbook: the Closing sheet read back", () => {
  it("gives the engine's own opening, line for line, in every sequence and language", async () => {
    await fc.assert(
      fc.asyncProperty(anyPeriod, fc.constantFrom("en" as const, "sv" as const, "ms" as const), async (input, language) => {
        const result = runBackflush(input);
        const book = await newXlsx();
        await book.writeSheets([closingSheet(result, language)], [], { minorUnits: result.settings.minorUnits, marker: markerText("2026-12-01 09:30") });
        const read = await readPreviousClosing(await loadXlsx(xlsxBytes(book)), "previous.xlsx");
        // The sheet's rows: the title, the marker, a blank row, the header, then the six settings and the two control totals
        // (CarriedTotal, CarriedUnits) before the lines.
        const firstLine = 4 + 6 + 2 + 1;
        const expected = broughtForwardOf(result.closing, firstLine);
        assert.deepEqual(read.lines.map(exact), expected.map(exact));
        read.lines.forEach((l, i) => {
          const e = expected[i];
          for (const [got, want] of [[l.qty, e.qty], [l.unitMaterial, e.unitMaterial], [l.unitConversion, e.unitConversion]] as const) assert.ok(near(got, want), `${exact(l)}: ${got?.toFixed()} for ${want?.toFixed()}`);
        });
        assert.deepEqual([read.sequence, read.currency, read.periodEnd], [result.settings.sequence, result.settings.currency, result.settings.periodEnd]);
      }),
      { numRuns: 60 },
    );
  });
});

describe("workbook: a Closing sheet in words an earlier version wrote", () => {
  it("is read as one written now (Swedish 'Avvikelse i det' for the variance in it)", async () => {
    const input = fc.sample(anyPeriod, { numRuns: 1, seed: 7 })[0];
    const result = runBackflush(input);
    const book = await newXlsx();
    await book.writeSheets([closingSheet(result, "sv")], [], { minorUnits: result.settings.minorUnits, marker: markerText("2026-12-01 09:30") });
    const now = xlsxBytes(book);
    // The same package with the header as it was written before: in the sheet's cell and in the table's column.
    const parts = unzipSync(now);
    let renamed = 0;
    for (const [name, bytes] of Object.entries(parts)) {
      const text = strFromU8(bytes);
      if (!text.includes("Varav avvikelse")) continue;
      parts[name] = strToU8(text.split("Varav avvikelse").join("Avvikelse i det"));
      renamed++;
    }
    assert.equal(renamed, 2, "the header is in the sheet and in its table");
    const earlier = await readPreviousClosing(await loadXlsx(zipSync(parts)), "previous.xlsx");
    const current = await readPreviousClosing(await loadXlsx(now), "previous.xlsx");
    assert.ok(current.lines.length > 0);
    assert.deepEqual(earlier.lines.map(exact), current.lines.map(exact));
  });
});
