/**
 * The Closing sheet read back (issue 18, item 4): over random plants and
 * periods in every sequence, the closing written by the .xlsx adapter and read
 * back by workbook/opening.ts is the very opening the engine takes from the
 * result itself (broughtForwardOf), line for line, to the digit.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { loadXlsx, newXlsx, xlsxBytes } from "../../src/adapters/xlsx/bytes";
import { broughtForwardOf, runBackflush } from "../../src/engine";
import type { BroughtForwardLine } from "../../src/engine";
import { readPreviousClosing } from "../../src/workbook/opening";
import { markerText } from "../../src/workbook/render";
import { closingSheet } from "../../src/workbook/render-closing";
import { anyPeriod } from "../engine/plants";

const text = (l: BroughtForwardLine) =>
  [l.role, l.item ?? "", l.kind, l.qty.toFixed(), l.value.toFixed(), l.material.toFixed(), l.conversion.toFixed(), l.unitMaterial?.toFixed() ?? "", l.unitConversion?.toFixed() ?? "", l.row].join(" ");

describe("workbook: the Closing sheet read back", () => {
  it("gives the engine's own opening, line for line, in every sequence and language", async () => {
    await fc.assert(
      fc.asyncProperty(anyPeriod, fc.constantFrom("en" as const, "sv" as const, "ms" as const), async (input, language) => {
        const result = runBackflush(input);
        const book = await newXlsx();
        await book.writeSheets([closingSheet(result, language)], [], { minorUnits: result.settings.minorUnits, marker: markerText("2026-12-01 09:30") });
        const read = await readPreviousClosing(await loadXlsx(xlsxBytes(book)), "previous.xlsx");
        // The sheet's rows: the title, the marker, a blank row, the header, then the settings before the lines.
        const firstLine = 4 + 6 + 1;
        assert.deepEqual(read.lines.map(text), broughtForwardOf(result.closing, firstLine).map(text));
        assert.deepEqual([read.sequence, read.currency, read.periodEnd], [result.settings.sequence, result.settings.currency, result.settings.periodEnd]);
      }),
      { numRuns: 60 },
    );
  });
});
