/**
 * The command line's summary (src/cli/summary.ts): its Journal line counts
 * entries and lines in the plural form each count takes, and its Variances
 * line says how each kind was disposed of.
 */
import { strict as assert } from "node:assert";
import { runBackflush } from "../../src/engine";
import { translator } from "../../src/i18n";
import { summaryLines } from "../../src/cli/summary";
import { buildSampleTables, rawTablesOf } from "../../src/sample";
import { chairMaker, stock } from "../support/build";
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

describe("command-line summary: the Variances line", () => {
  const variancesLine = (result: ReturnType<typeof runBackflush>, lang: "en" | "sv" | "ms" = "en") => summaryLines("plant.xlsx", result, { sheets: [], notes: [] }, translator(lang))[3];
  // The chair maker with 95 of its 100 unsold chairs counted: finished goods short, where FG is kept.
  const chairsShort = (disposition: "cogs" | "prorate") => {
    const base = chairMaker({ disposition });
    return runBackflush({ ...base, inventory: [...(base.inventory ?? []), stock("CHAIR", undefined, 95)] });
  };

  it("says a finished-goods shrinkage was written off when the other variances were prorated, as the journal books it", () => {
    const r = chairsShort("prorate");
    assert.equal(r.variances.find((v) => v.kind === "shrinkage")?.disposition, "cogs");
    const line = variancesLine(r);
    assert.match(line, /Variances\s+Purchase price 300\.00 U \(3 lines\) · Material usage [\d,.]+ U · Conversion 450\.00 U \(prorated by cost element\); Finished goods shrinkage [\d,.]+ U \(written off to COGS\)$/);
    assert.match(variancesLine(r, "sv"), /\(proportionellt fördelade [^)]*\); [^(]+\(kostnadsförda mot kostnad sålda varor\)$/);
  });

  it("says the disposition once when every kind had the same", () => {
    const line = variancesLine(chairsShort("cogs"));
    assert.equal((line.match(/\(written off to COGS\)/g) ?? []).length, 1);
    assert.match(line, /Finished goods shrinkage [\d,.]+ U \(written off to COGS\)$/);
  });
});
