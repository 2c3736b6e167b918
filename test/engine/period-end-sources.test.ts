/**
 * Where a period-end line's amount came from: a line that closes a variance
 * or conversion account names the entries that posted to that account, and
 * the line that takes what was closed (written off to COGS, or prorated)
 * names every entry closed beside it; conversion capitalized into goods on
 * hand names the rows those goods were reckoned from. Over random plants in
 * every sequence and both dispositions (fast-check), and said in the
 * Journal's Source cell: no journal line is left without a source.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { runBackflush } from "../../src/engine";
import type { BackflushResult, JournalEntry, JournalLine } from "../../src/engine";
import { journalRows } from "../../src/workbook/render";
import { DEFAULT_ACCOUNTS } from "../../src/workbook/schema";
import { translator } from "../../src/i18n";
import { buy, chairMaker, stock } from "../support/build";
import { anyPeriod } from "./plants";

const CLOSED_ROLES = new Set(["PPV", "USAGE_VARIANCE", "REVALUATION_VARIANCE", "FG_SHRINKAGE", "CONV_ALLOCATED", "CONV_CONTROL"]);
const CLOSING_KINDS = new Set(["variance-disposition", "conversion-close"]);

/** The line's account: conversion's by role (its close takes every category's), the others by role and item. */
const sameAccount = (a: JournalLine, b: JournalLine) => a.role === b.role && (a.role.startsWith("CONV_") || (a.item ?? a.category) === (b.item ?? b.category));

/** The entries before `entry` with a line on `line`'s account. */
function postingsBefore(r: BackflushResult, entry: JournalEntry, line: JournalLine): number[] {
  return r.journal.filter((e) => e.entry < entry.entry && e.lines.some((l) => sameAccount(l, line))).map((e) => e.entry);
}

/** Whether `line` leaves its account at nothing: a line that closes it (a share prorated to a variance account does not). */
function closesItsAccount(r: BackflushResult, entry: JournalEntry, line: JournalLine): boolean {
  const upTo = r.journal.filter((e) => e.entry <= entry.entry).flatMap((e) => e.lines.filter((l) => sameAccount(l, line)));
  return upTo.reduce((s, l) => s.plus(l.debit).minus(l.credit), upTo[0].debit.minus(upTo[0].debit)).isZero();
}

describe("period-end lines say where they came from", () => {
  it("a closing line names exactly the entries that posted to its account; the line taking what was closed names them all", () => {
    fc.assert(
      fc.property(anyPeriod, fc.constantFrom("cogs" as const, "prorate" as const), (input, disposition) => {
        const r = runBackflush({ ...input, settings: { ...input.settings, disposition } });
        for (const e of r.journal.filter((x) => CLOSING_KINDS.has(x.kind))) {
          const closing = e.lines.filter((l) => CLOSED_ROLES.has(l.role) && closesItsAccount(r, e, l));
          assert.ok(closing.length > 0, `entry ${e.entry} closes nothing`);
          for (const l of closing) assert.deepEqual(l.closes, postingsBefore(r, e, l), `entry ${e.entry} ${l.role} ${l.item ?? ""}`);
          const all = [...new Set(closing.flatMap((l) => l.closes ?? []))].sort((a, b) => a - b);
          for (const l of e.lines.filter((x) => !closing.includes(x))) assert.deepEqual(l.closes, all, `entry ${e.entry} ${l.role}`);
        }
        // No other line names entries: the rest came from input rows.
        for (const e of r.journal.filter((x) => !CLOSING_KINDS.has(x.kind))) for (const l of e.lines) assert.equal(l.closes, undefined, `entry ${e.entry} ${e.kind} ${l.role}`);
      }),
      { numRuns: 60 },
    );
  });

  it("leaves no journal line without a source in a period opened from its own tables, in every sequence, with conversion capitalized or not: input rows, or entries closed", () => {
    fc.assert(
      fc.property(anyPeriod, fc.boolean(), (input, capitalizeConversion) => {
        const r = runBackflush({ ...input, settings: { ...input.settings, capitalizeConversion } });
        for (const e of r.journal) {
          for (const l of e.lines) assert.ok(l.sources.some((s) => s.rows.length > 0) || (l.closes?.length ?? 0) > 0, `entry ${e.entry} ${e.kind} ${l.role} ${l.item ?? ""}: ${l.memo}`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("names the rows goods on hand were reckoned from where no FG is kept: their opening, completions and sales, or their count", () => {
    // Sale sequence, conversion capitalized: CHAIR has no count, so its goods on hand are opening 10 + completed 1000 −
    // sold 900 = 110, from its Inventory row and its Production and Sales rows; the COGS line takes them all.
    const base = chairMaker({ sequence: "sale", capitalizeConversion: true });
    const opening = stock("CHAIR", 10);
    const input = { ...base, inventory: [...(base.inventory ?? []), opening] };
    const r = runBackflush(input);
    const entry = r.journal.find((e) => e.kind === "conversion-capitalized")!;
    const rowsOf = (l: JournalLine) => Object.fromEntries(l.sources.map((s) => [s.table, [...s.rows]]));
    const fg = entry.lines.find((l) => l.role === "FG")!;
    const expected = { Inventory: [opening.row], Production: input.completions.map((m) => m.row), Sales: input.sales.map((m) => m.row) };
    assert.deepEqual(rowsOf(fg), expected);
    assert.deepEqual(rowsOf(entry.lines.find((l) => l.role === "COGS")!), expected);
  });

  it("says them in the Journal's Source cell, in the sheet's language, beside the rows a line came from", () => {
    // The chair maker buys wood at a price off standard on 11-02 (entry 1) and again on 11-22 (entry 3, after the completion
    // of 11-20): both price variances are closed at the period's end, to COGS, in one entry.
    const base = chairMaker();
    const input = { ...base, purchases: [...base.purchases, buy("2026-11-22", "WOOD", 10, "31")] };
    const r = runBackflush(input);
    const close = r.journal.find((e) => e.kind === "variance-disposition" && e.lines.some((l) => l.role === "PPV" && l.item === "WOOD"))!;
    const ppv = close.lines.find((l) => l.role === "PPV" && l.item === "WOOD")!;
    assert.deepEqual(postingsBefore(r, close, ppv), [1, 3]);
    const said = (language: "en" | "sv" | "ms") => {
      const rows = journalRows(r, DEFAULT_ACCOUNTS, {}, translator(language));
      const lines = r.journal.flatMap((e) => e.lines);
      return String(rows[lines.indexOf(ppv)][11]);
    };
    assert.equal(said("en"), "Journal entries 1, 3");
    assert.equal(said("sv"), "Verifikationer 1, 3");
    assert.equal(said("ms"), "Catatan jurnal 1, 3");
  });
});
