/**
 * The command line's summary (src/cli/summary.ts): its Journal line counts
 * entries and lines in the plural form each count takes.
 */
import { strict as assert } from "node:assert";
import { runBackflush } from "../../src/engine";
import { translator } from "../../src/i18n";
import { summaryLines } from "../../src/cli/summary";
import { buildSampleTables, rawTablesOf } from "../../src/sample";
import { readInput } from "../../src/workbook/parse";

describe("command-line summary: the Journal line", () => {
  const read = readInput(rawTablesOf(buildSampleTables()));
  const full = runBackflush(read.input!);
  const journalLine = (result: typeof full, lang: "en" | "sv" | "ms") => summaryLines("plant.xlsx", result, { sheets: [], notes: [] }, translator(lang))[1];

  it("says a count of one in the singular", () => {
    const first = full.journal[0];
    const one = { ...full, journal: [{ ...first, lines: first.lines.slice(0, 1) }] };
    assert.match(journalLine(one, "en"), /Journal\s+1 entry, 1 line;/);
    assert.match(journalLine(one, "sv"), /1 verifikation, 1 rad;/);
    assert.match(journalLine(one, "ms"), /1 catatan, 1 baris;/);
  });

  it("says the sample's 70 entries and 954 lines in the plural, as the README shows", () => {
    assert.match(journalLine(full, "en"), /Journal\s+70 entries, 954 lines; debits 648,168\.30 = credits 648,168\.30/);
    assert.match(journalLine(full, "sv"), /70 verifikationer, 954 rader;/);
  });
});
