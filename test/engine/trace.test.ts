import { strict as assert } from "node:assert";
import fc from "fast-check";
import { describe, it } from "mocha";
import { runBackflush } from "../../src/engine";
import { DayUsers, GroupsTrace, LISTED_ROWS, RowsTrace, UsersTrace } from "../../src/engine/trace";
import { formatSources, sourceWords } from "../../src/workbook/sources";
import { translator } from "../../src/i18n";
import { assembly, line, material, move, period } from "../support/build";

describe("engine: source traces", () => {
  it("reads its rows from their holder only when asked, and lists itself as a plain trace", () => {
    let reads = 0;
    const holder = {
      get rows() {
        reads++;
        return [4, 7, 9];
      },
    };
    const trace = new RowsTrace("Production", holder);
    assert.equal(reads, 0);
    assert.deepEqual(trace.rows, [4, 7, 9]);
    assert.equal(reads, 1);
    assert.deepEqual(trace.toJSON(), { table: "Production", rows: [4, 7, 9] });
    assert.equal(JSON.stringify(trace), JSON.stringify({ table: "Production", rows: [4, 7, 9] }));
  });

  it("a trace over several holders gives their rows merged in order, and says a long list by its scope without reading it", () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.integer({ min: 2, max: 5000 }), { maxLength: 60 }), { maxLength: 15 }), (lists) => {
        // Rows unique across holders, as a sheet's are; each holder's ascending.
        const seen = new Set<number>();
        const holders = lists.map((l) => {
          const rows = l.filter((r) => !seen.has(r) && seen.add(r)).sort((a, b) => a - b);
          return { rows, rowCount: rows.length };
        });
        const trace = new GroupsTrace("Production", holders);
        assert.deepEqual(trace.rows, [...seen].sort((a, b) => a - b));
        assert.equal(trace.rowCount, seen.size);
      }),
    );
    let reads = 0;
    const big = { get rows() { reads++; return Array.from({ length: 100 }, (_, i) => i + 2); }, rowCount: 100 };
    assert.equal(formatSources([new GroupsTrace("Sales", [big], { item: "CHAIR" })], {}), "Sales: 100 rows of item CHAIR");
    assert.equal(reads, 0, "the rows are not read where the scope says them");
    // Counts grouped as each language groups figures, as every other figure in the sheets.
    const many = { rows: Array.from({ length: 1500 }, (_, i) => i + 2), rowCount: 1500 };
    const said = (lang: "en" | "sv" | "ms") => formatSources([new GroupsTrace("Sales", [many], { date: "2026-11-21" })], {}, undefined, sourceWords(translator(lang)));
    assert.equal(said("en"), "Sales: 1,500 rows dated 2026-11-21");
    assert.match(said("sv"), /^Sales: 1\s500 rader /u);
    assert.match(said("ms"), /^Sales: 1,500 baris /);
  });

  it("a material's trace is the rows of the groups whose BOM holds it, merged in order, whatever their sizes", () => {
    const groupArb = fc.uniqueArray(fc.integer({ min: 2, max: 400 }), { maxLength: 30 }).map((rows) => rows.sort((a, b) => a - b));
    fc.assert(
      fc.property(fc.array(fc.tuple(groupArb, fc.boolean()), { maxLength: 12 }), (spec) => {
        // Rows unique across groups, as a sheet's are.
        const seen = new Set<number>();
        const groups = spec.map(([rows, uses], k) => ({ item: `P${k}`, uses, rows: rows.filter((r) => !seen.has(r) && seen.add(r)) })).map((g) => ({ ...g, rowCount: g.rows.length }));
        const day = { rows: groups.flatMap((g) => g.rows).sort((a, b) => a - b) };
        // Used by many of the day's rows (walked) or by few (merged): both ways, the same rows.
        const users = new DayUsers("2026-11-05", groups, day, (item) => (groups.find((g) => g.item === item)!.uses ? ["WOOD"] : ["SCREW"]));
        for (const [material, uses] of [["WOOD", true], ["SCREW", false]] as const) {
          const trace = new UsersTrace("Production", users, material);
          const expected = groups.filter((g) => g.uses === uses).flatMap((g) => g.rows).sort((a, b) => a - b);
          assert.deepEqual(trace.rows, expected);
          // Listed as the rows are; on a day of more than LISTED_ROWS, said by what finds them all.
          const text = day.rows.length > LISTED_ROWS ? "Production: rows dated 2026-11-05, of the goods whose BOM holds the line's item" : formatSources([{ table: "Production", rows: expected }], {});
          assert.equal(formatSources([trace], {}), text);
        }
      }),
    );
  });
});

describe("engine: a backflushed material's line names the rows of the goods that used it", () => {
  it("not every row of the day: DESK's drawer runners come from DESK's row alone", () => {
    // Three products completed on one day; only DESK holds RUNNER, and WOOD is in CHAIR and DESK.
    const r = runBackflush(
      period({
        items: [material("WOOD", "3.00"), material("RUNNER", "2.00"), material("FELT", "0.10"), assembly("CHAIR", "1"), assembly("DESK", "1"), assembly("STOOL", "1")],
        bom: [line("CHAIR", "WOOD", 2), line("DESK", "WOOD", 5), line("DESK", "RUNNER", 2), line("STOOL", "FELT", 4)],
        completions: [move("2026-11-05", "CHAIR", 1), move("2026-11-05", "STOOL", 3), move("2026-11-05", "DESK", 2), move("2026-11-05", "CHAIR", 4)],
      }),
    );
    const flush = r.journal.find((e) => e.kind === "completion")!;
    const rowsOf = (item: string) => flush.lines.find((l) => l.role === "RIP" && l.item === item)!.sources!.flatMap((s) => s.rows);
    const movementRows = (item: string) => flush.lines.filter((l) => l.role === "FG" && l.item === item).flatMap((l) => l.sources!.flatMap((s) => s.rows));
    assert.deepEqual(rowsOf("RUNNER"), movementRows("DESK"));
    assert.deepEqual(rowsOf("WOOD"), [...movementRows("CHAIR"), ...movementRows("DESK")].sort((a, b) => a - b));
    assert.deepEqual(rowsOf("FELT"), movementRows("STOOL"));
    // The conversion allocated is every product's: the day's rows.
    assert.equal(flush.lines.find((l) => l.role === "CONV_ALLOCATED")!.sources![0].rows.length, 4);
  });
});

describe("engine: a trace named by its material", () => {
  it("says the material on a day of many rows, for a line whose own item is another (a carried share's COGS line)", () => {
    const groups = Array.from({ length: 50 }, (_, k) => ({ item: k % 2 ? "A" : "B", rows: [k + 2], rowCount: 1 }));
    const users = new DayUsers("2026-11-05", groups, { rows: groups.map((g) => g.rows[0]) }, (item) => (item === "A" ? ["WOOD"] : ["SCREW"]));
    assert.equal(formatSources([new UsersTrace("Production", users, "WOOD", true)], {}), "Production: rows dated 2026-11-05, of the goods whose BOM holds WOOD");
    assert.equal(formatSources([new UsersTrace("Production", users, "WOOD")], {}), "Production: rows dated 2026-11-05, of the goods whose BOM holds the line's item");
  });
});
