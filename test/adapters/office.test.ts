/**
 * The Office adapter beyond the port contract, against the Excel fake: request
 * counts and sizes, text written as text, all-or-nothing writing under
 * injected failures, 200,000-row reads and writes, the Variances chart, the
 * main job end to end, and the pane's helpers (navigation, remembered choices).
 */
import { strict as assert } from "node:assert";
import type { ChartCollectionSubset, ChartSubset, RangeSubset } from "../../src/adapters/office/api";
import { DEFAULT_CHUNK_ROWS, DEFAULT_REQUEST_BYTES, READ_CELL_BUDGET } from "../../src/adapters/office/batch";
import type { OfficeSettingsLike } from "../../src/adapters/office";
import { CHOICES_KEY, OfficeWorkbook, WorkbookWriteError, activateSheet, loadChoices, saveChoices, selectCell, yieldToHost } from "../../src/adapters/office";
import { CHART_MAX_ROWS } from "../../src/adapters/office/write";
import { Dec } from "../../src/engine/money";
import type { TableName } from "../../src/engine/types";
import type { CellValue } from "../../src/workbook/cells";
import { toDate, toDec } from "../../src/workbook/cells";
import { problemLines, runWorkbookJob } from "../../src/workbook/job";
import { writeWords } from "../../src/workbook/names";
import { translator } from "../../src/i18n";
import type { OutColumn, SheetModel } from "../../src/workbook/render";
import { GENERATED_KINDS, SHEET_LAYOUT, markerText, numberFormat } from "../../src/workbook/render";
import { QUANTITY_WHOLE } from "../../src/workbook/layout";
import type { PortFixture } from "../contract/fixtures";
import { chairMaker, day, withSheets } from "../contract/fixtures";
import { testModel } from "../contract/workbook-port.contract";
import type { ExcelApiSubset, RequestContextSubset, SeedCell, WorkbookSnapshot } from "../fakes/excel-fake";
import { FakeExcel, FakeOfficeError, FakeOfficeSettings, OFFICE_LIMITS, createFakeExcel, dumpSheet, snapshotWorkbook } from "../fakes/excel-fake";
import { fakeExcelOf } from "./office.contract.test";

// Compile-time: the real Office.js objects fit what the adapter asks of them outside ExcelApiSubset.
type ChartsFit<T extends ChartCollectionSubset> = T;
type SettingsFit<T extends OfficeSettingsLike> = T;
export type RealChartsFit = ChartsFit<Excel.ChartCollection>;
export type RealSettingsFit = SettingsFit<Office.Settings>;
export type FakeSettingsFit = SettingsFit<FakeOfficeSettings>;

const NOW = new Date(2026, 11, 1, 9, 30);
const MARKER = markerText("2026-12-01 09:30");
const OPTIONS = { minorUnits: 2, marker: MARKER };
const NOTES = { name: "Notes", rows: [["My notes"], ["keep me", 42]] };

/** Syncs that wrote cells or changed sheets: every one must hold calculation and repainting. */
const writingSyncs = (excel: FakeExcel) => excel.stats.perSync.filter((s) => s.cellsWritten > 0);

/** An Excel whose `failAt`-th sync (counted over every run) fails: before sending anything, or after all of it was applied. */
function failingExcel(excel: FakeExcel, failAt: number, when: "before" | "after"): ExcelApiSubset & { syncs: () => number } {
  let syncs = 0;
  return {
    syncs: () => syncs,
    run: (batch) =>
      excel.run((context) => {
        const wrapped: RequestContextSubset = {
          workbook: context.workbook,
          application: context.application,
          async sync() {
            syncs++;
            if (syncs !== failAt) return context.sync();
            if (when === "after") await context.sync();
            throw new Error(`injected failure at sync ${failAt}`);
          },
        };
        return batch(wrapped);
      }),
  };
}

/** A model of `rows` rows: integer, text, money with a total, text (`narrow`: only the text and the money). */
function wideModel(rows: number, name = "Journal", narrow = false): SheetModel {
  const columns: OutColumn[] = [
    { header: "Entry", kind: "integer", width: 7, total: "label" },
    { header: "Item", kind: "text", width: 14, total: narrow ? "label" : undefined },
    { header: "Debit", kind: "money", width: 14, total: "sum" },
    { header: "Memo", kind: "text", width: 40 },
  ];
  const pick = narrow ? [1, 2] : [0, 1, 2, 3];
  return {
    kind: "Journal",
    name,
    title: "Large journal",
    columns: pick.map((j) => columns[j]),
    rows: Array.from({ length: rows }, (_, i) => {
      const row = [i + 1, `ITEM${i % 97}`, new Dec(i).plus("0.25"), `Completion of WO-${i}`];
      return pick.map((j) => row[j]);
    }),
  };
}

/** A sheet of `rows` production rows under a header. */
function productionRows(rows: number): SeedCell[][] {
  const out: SeedCell[][] = [["Date", "Item", "Qty", "Ref"]];
  for (let i = 0; i < rows; i++) out.push([day("2026-11-20"), `ITEM${i % 97}`, i + 1, `WO-${i}`]);
  return out;
}

describe("Office adapter: reading", () => {
  it("tells a date from a number by its format, and an error from text that starts with #", async () => {
    const excel = createFakeExcel({
      Sales: [
        ["Date", "Item", "Qty", "Ref"],
        [day("2026-11-05"), "#N/A", { error: "#N/A" }, { value: "#REF!", format: "@" }],
        [day("2026-11-06"), "CHAIR", true, ""],
        [46332, "CHAIR", day("2026-01-02"), null],
      ],
    });
    const t = await new OfficeWorkbook(excel).findTable(["Sales"]);
    assert.ok(t);
    const [r1, r2, r3] = t.rows;
    // Office hands a date over as its serial; its date format makes it a date, as the .xlsx adapter's style does.
    assert.ok(r1[0] instanceof Date, "a date cell comes as a date");
    const d = toDate(r1[0]);
    assert.ok(d.ok && d.value === "2026-11-05");
    assert.equal(r3[0], 46332, "a serial in a General cell stays a number (a Date column reads it as the day)");
    assert.ok(r3[2] instanceof Date, "a date typed into a Qty cell comes as a date, to be refused there");
    assert.deepEqual(toDec(r3[2]).ok, false);
    assert.equal(r1[1], "#N/A", "text that merely looks like an error stays text");
    assert.deepEqual(r1[2], { error: "#N/A" });
    assert.equal(r1[3], "#REF!");
    assert.deepEqual(r2.slice(1), ["CHAIR", true, null]);
    assert.equal(excel.stats.emptyLoads, 0, "every load names its properties");
  });

  it("reads in chunks: requests grow with chunks, not with rows", async () => {
    const syncsFor = async (rows: number, chunkRows: number) => {
      const excel = createFakeExcel({ Production: productionRows(rows) });
      const t = await new OfficeWorkbook(excel, { chunkRows }).findTable(["Production"]);
      assert.equal(t?.rows.length, rows);
      return excel.stats.syncs;
    };
    // The heading rows (sheetTableColumns), then one chunk either way: the same requests for 20 rows as for 900.
    assert.equal(await syncsFor(20, 1000), await syncsFor(900, 1000));
    // The rows below the heading rows in chunks of 1,000: five chunks, four more than one.
    assert.equal((await syncsFor(4999, 1000)) - (await syncsFor(20, 1000)), 4);
  });

  it("reads an Excel table's body in chunks without its header or totals row", async () => {
    const excel = createFakeExcel({ Data: [["Report"], [], ...productionRows(2500), ["Total", null, 0, null]] }, { tables: [{ name: "Production", sheet: "Data", address: "A3:D2503" }] });
    excel.workbook.table("Production")!.bounds.bottom += 1;
    excel.workbook.table("Production")!.showTotals = true;
    const t = await new OfficeWorkbook(excel, { chunkRows: 1000 }).findTable(["production"]);
    assert.ok(t);
    assert.equal(t.tableName, "Production");
    assert.equal(t.headerRow, 3);
    assert.equal(t.rows.length, 2500);
    assert.deepEqual(t.rows[2499].slice(1), ["ITEM74", 2500, "WO-2499"]);
    assert.equal(excel.stats.largestRangeRead, 1000 * 4);
  });

  it("locates an Excel table and a plain sheet and counts their rows without reading a cell, as the Data step asks", async () => {
    // Sales is a plain sheet: a header, 30 rows, then two blank rows and one more row: 33 rows below the header.
    const sales = [...productionRows(30), [], [], ["2026-11-30", "ITEM1", 1, "WO-LAST"]];
    const excel = createFakeExcel({ Data: [["Report"], [], ...productionRows(2500), ["Total", null, 0, null]], Sales: sales }, { tables: [{ name: "Production", sheet: "Data", address: "A3:D2503" }] });
    excel.workbook.table("Production")!.bounds.bottom += 1;
    excel.workbook.table("Production")!.showTotals = true;
    const port = new OfficeWorkbook(excel, { chunkRows: 1000 });
    assert.deepEqual(await port.locateTable(["production"]), { sheet: "Data", tableName: "Production", rows: 2500 });
    assert.equal(excel.stats.perSync.reduce((n, s) => n + s.cellsRead, 0), 0, "no cell read for a table");
    assert.deepEqual(await port.locateTable(["Sales"]), { sheet: "Sales", rows: 33 });
    assert.equal(excel.stats.perSync.reduce((n, s) => n + s.cellsRead, 0), 0, "no cell read for a plain sheet either");
    // The rows the run reads: everything below the header down to the last row holding a value.
    assert.equal((await port.findTable(["Sales"]))?.rows.length, 33);
    assert.equal(await port.locateTable(["Nothing"]), undefined);
    // All three at once, as the Data step asks: the workbook surveyed once, and both sizes asked for in one request.
    const before = excel.stats.syncs;
    assert.deepEqual(await port.locateTables([["production"], ["Sales"], ["Nothing"]]), [{ sheet: "Data", tableName: "Production", rows: 2500 }, { sheet: "Sales", rows: 33 }, undefined]);
    assert.equal(excel.stats.syncs - before, 3);
  });

  it("halves a chunk Excel refuses for its size, and still reads every row", async () => {
    const excel = createFakeExcel({ Production: productionRows(3000) }, { limits: { cellsPerRead: 2000, payloadBytes: 40_000 } });
    const t = await new OfficeWorkbook(excel).findTable(["Production"]);
    assert.ok(t);
    assert.equal(t.rows.length, 3000);
    assert.deepEqual(t.rows[1234].slice(1), ["ITEM70", 1235, "WO-1234"]);
    const failed = excel.stats.perSync.filter((s) => s.failed !== undefined).length;
    const chunks = excel.stats.syncs - failed - 3; // less the lookup's two requests and the used range's
    assert.ok(failed > 0, "the limits were reached");
    assert.ok(failed < chunks, `${failed} refused reads for ${chunks} chunks: later chunks keep the smaller size`);
  });

  it("reads 200,000 rows in chunks within Excel's limits", async () => {
    const rows = 200_000;
    const excel = createFakeExcel({ Production: productionRows(rows) });
    const t = await new OfficeWorkbook(excel).findTable(["Production"]);
    assert.ok(t);
    assert.equal(t.rows.length, rows);
    assert.deepEqual(t.rows[rows - 1].slice(1), [`ITEM${(rows - 1) % 97}`, rows, `WO-${rows - 1}`]);
    const perChunk = Math.min(DEFAULT_CHUNK_ROWS, Math.floor(READ_CELL_BUDGET / 4));
    const stats = excel.stats;
    // One request lists the sheets, one the tables on each (so that a second sheet answering to the name is told of), one finds the used range, then one per chunk (header included).
    assert.equal(stats.syncs, 3 + Math.ceil((rows + 1) / perChunk));
    assert.ok(stats.largestRangeRead <= READ_CELL_BUDGET);
    assert.ok(stats.maxResponseBytes < OFFICE_LIMITS.payloadBytes, `largest response ${stats.maxResponseBytes} bytes`);
    assert.ok(stats.perSync.every((s) => s.failed === undefined));
    assert.deepEqual(toDate(t.rows[rows - 1][0]), { ok: true, value: "2026-11-20" });
  });

  it("looks for its marker on 80 sheets of long notes within Excel's response limit", async () => {
    // Each A2 holds 32,767 characters that JSON writes six bytes each: all 80 in one response would be 15 MB.
    const notes = Array.from({ length: 80 }, (_, i) => ({ name: `Note ${i}`, rows: [["My note"], ["Ä".repeat(32_767)]] }));
    const excel = fakeExcelOf(withSheets(chairMaker(), ...notes));
    const outcome = await runWorkbookJob(new OfficeWorkbook(excel), { now: new Date(2026, 11, 1) });
    assert.ok(outcome.ok, outcome.ok ? "" : problemLines(outcome.problems).join("\n"));
    assert.ok(excel.stats.maxResponseBytes < OFFICE_LIMITS.payloadBytes, `largest response ${excel.stats.maxResponseBytes} bytes`);
  });
});

describe("Office adapter: writing", () => {
  it("packs writes into requests: they grow with chunks, not with rows", async () => {
    const syncsFor = async (rows: number, chunkRows: number) => {
      const excel = createFakeExcel({ Notes: NOTES.rows });
      await new OfficeWorkbook(excel, { chunkRows }).writeSheets([wideModel(rows)], [], OPTIONS);
      return excel.stats.syncs;
    };
    assert.equal(await syncsFor(3, 500), await syncsFor(300, 500));
    // 2,000 rows in requests of at most 500 rows: three requests more than 300 rows need.
    assert.equal((await syncsFor(2000, 500)) - (await syncsFor(300, 500)), 3);
  });

  it("suspends calculation and screen updating in every request that writes", async () => {
    const excel = createFakeExcel({ Notes: NOTES.rows });
    await new OfficeWorkbook(excel, { chunkRows: 100 }).writeSheets([wideModel(450), testModel("Consumption")], [], OPTIONS);
    const writes = writingSyncs(excel);
    assert.ok(writes.length >= 5);
    for (const s of writes) assert.ok(s.calculationSuspended && s.screenUpdatingSuspended, JSON.stringify(s));
    // Held, recalculation is ours to ask for: once, after the last writing request, so totals and formulas show their values.
    const all = excel.stats.perSync;
    const asked = all.map((s, i) => [s.calculated, i] as const).filter(([c]) => c !== undefined);
    assert.deepEqual(asked.map(([c]) => c), ["Recalculate"]);
    assert.ok(asked[0][1] > all.map((s, i) => (s.cellsWritten > 0 ? i : -1)).reduce((a, b) => Math.max(a, b)), "after every writing request");
  });

  it("writes user text as text everywhere: title, headers and cells; only our totals are formulas", async () => {
    const excel = createFakeExcel({ Notes: NOTES.rows });
    const tricky = ["=1+1", "+1", "-1", "@SUM(A1)", "00123", "TRUE", "#N/A", "'quoted", "=cmd|' /C calc'!A0"];
    const model: SheetModel = {
      ...testModel(
        "Journal",
        tricky.map((text, i) => [i + 1, "2026-11-03", text, new Dec(1), null, null]),
      ),
      title: "=HYPERLINK(\"http://example.com\",\"title\")",
      columns: testModel().columns.map((c, j) => (j === 2 ? { ...c, header: "=Item" } : c)),
    };
    await new OfficeWorkbook(excel).writeSheets([model], [], OPTIONS);
    const dump = dumpSheet(excel.workbook, "Journal");
    assert.equal(dump.values[0][0], model.title);
    assert.equal(dump.values[SHEET_LAYOUT.headerRow - 1][2], "=Item");
    tricky.forEach((text, i) => {
      const r = SHEET_LAYOUT.headerRow + i;
      assert.equal(dump.values[r][2], text, `row ${r + 1}`);
      assert.equal(dump.numberFormat[r][2], "@");
    });
    const formulas = dump.formulas.flatMap((row, r) => row.map((f, c) => ({ f, r, c })).filter((x) => x.f !== dump.values[x.r][x.c]));
    const totalsRow = SHEET_LAYOUT.headerRow + tricky.length;
    assert.deepEqual(
      formulas.map((x) => [x.r, x.c, x.f]),
      [[totalsRow, 3, "=SUBTOTAL(109,[Debit])"]],
    );
  });

  it("lays out the table: header bold, widths in points, frozen header, formats per column, canonical table names on a rerun", async () => {
    const excel = createFakeExcel({ Notes: NOTES.rows });
    const port = new OfficeWorkbook(excel);
    await port.writeSheets([testModel(), testModel("Run Log")], [], OPTIONS);
    await port.writeSheets([testModel(), testModel("Run Log")], ["Journal", "Run Log"], { ...OPTIONS, marker: markerText("2026-12-02 10:00") });
    const snap = snapshotWorkbook(excel.workbook);
    assert.deepEqual(
      snap.sheets.map((s) => s.name),
      ["Notes", "Journal", "Run Log"],
    );
    assert.deepEqual(
      snap.tables.map((t) => [t.name, t.sheet, t.address, t.showTotals]),
      [
        ["Backflush_Journal", "Journal", "Journal!A4:F8", true],
        ["Backflush_Journal_2", "Run Log", "'Run Log'!A4:F8", true],
      ],
    );
    const journal = snap.sheets[1];
    assert.equal(journal.frozenRows, SHEET_LAYOUT.headerRow);
    assert.equal(journal.columnWidths.A, 40.5, "7 characters");
    assert.equal(journal.columnWidths.C, 87.75, "16 characters");
    assert.equal(journal.cells.A1.bold, true);
    assert.ok(["A4", "B4", "F4"].every((a) => journal.cells[a].bold));
    assert.match(String(journal.cells.A2.value), /2026-12-02 10:00/);
    assert.equal(journal.cells.D5.format, numberFormat("money", 2));
    assert.equal(journal.cells.B5.format, numberFormat("date", 2));
  });

  it("reports progress in rows after each request, ending at the total", async () => {
    const excel = createFakeExcel({ Notes: NOTES.rows });
    const seen: [number, number][] = [];
    await new OfficeWorkbook(excel, { chunkRows: 100, onProgress: (done, total) => seen.push([done, total]) }).writeSheets([wideModel(250), wideModel(120, "Balances")], [], OPTIONS);
    assert.ok(seen.length >= 4);
    assert.ok(seen.every(([, total]) => total === 370));
    assert.ok(seen.every(([done], i) => i === 0 || done >= seen[i - 1][0]));
    assert.deepEqual(seen[seen.length - 1], [370, 370]);
  });

  it("writes 200,000 rows in requests far below Excel's payload limit", async () => {
    const rows = 200_000;
    const excel = createFakeExcel({ Notes: NOTES.rows });
    // Two columns keep the fake's own work (it stores every cell twice: format, then value) modest.
    await new OfficeWorkbook(excel).writeSheets([wideModel(rows, "Journal", true)], [], OPTIONS);
    const stats = excel.stats;
    assert.ok(stats.perSync.every((s) => s.failed === undefined));
    assert.ok(stats.maxRequestBytes <= DEFAULT_REQUEST_BYTES, `largest request ${stats.maxRequestBytes} bytes`);
    assert.ok(stats.maxRequestBytes < OFFICE_LIMITS.payloadBytes);
    // Requests are packed at least half full, and each holds at most DEFAULT_CHUNK_ROWS rows.
    const sent = stats.perSync.reduce((n, s) => n + s.requestBytes, 0);
    const bound = 2 + Math.ceil(sent / (DEFAULT_REQUEST_BYTES / 2)) + Math.ceil(rows / DEFAULT_CHUNK_ROWS) + 3;
    assert.ok(stats.syncs <= bound, `${stats.syncs} requests, bound ${bound}`);
    assert.ok(writingSyncs(excel).every((s) => s.calculationSuspended && s.screenUpdatingSuspended));

    const table = excel.workbook.table("Backflush_Journal");
    assert.ok(table);
    const header = SHEET_LAYOUT.headerRow;
    assert.equal(excel.workbook.tableAddress(table), `Journal!A${header}:B${header + rows + 1}`);
    const sheet = excel.workbook.requireSheet("Journal");
    for (const i of [0, 123_456, rows - 1]) {
      const r = header + i;
      assert.deepEqual(
        [0, 1].map((c) => [sheet.cell(r, c)?.value, sheet.cell(r, c)?.format]),
        [
          [`ITEM${i % 97}`, "@"],
          [i + 0.25, numberFormat("money", 2)],
        ],
      );
    }
    assert.deepEqual(
      [0, 1].map((c) => sheet.cell(header + rows, c)?.formula ?? sheet.cell(header + rows, c)?.value),
      ["Total", "=SUBTOTAL(109,[Debit])"],
    );
  });

  it("refuses before writing anything: a replaced sheet without the marker, a bad name", async () => {
    const excel = createFakeExcel({ Notes: NOTES.rows, Journal: [["mine"], ["not a marker"]] });
    const before = snapshotWorkbook(excel.workbook);
    const port = new OfficeWorkbook(excel);
    await assert.rejects(port.writeSheets([testModel()], ["Journal"], OPTIONS), WorkbookWriteError);
    await assert.rejects(port.writeSheets([testModel("Journal 2"), testModel("journal 2")], [], OPTIONS), /given twice/);
    await assert.rejects(port.writeInputTables([{ table: "1Items" as TableName, sheet: "Items", columns: [{ header: "Item", kind: "text", width: 9 }], rows: [] }]), /table name/);
    assert.deepEqual(snapshotWorkbook(excel.workbook), before);
    assert.equal(writingSyncs(excel).length, 0);
  });
});

describe("Office adapter: all or nothing", () => {
  const SECOND_RUN = new Date(2026, 11, 2, 10, 0);

  /** The chair maker after one run: the second run replaces its five sheets. */
  async function afterFirstRun(fixture: PortFixture = chairMaker()): Promise<FakeExcel> {
    const excel = fakeExcelOf(fixture);
    const first = await runWorkbookJob(new OfficeWorkbook(excel), { now: NOW });
    assert.ok(first.ok);
    excel.resetStats();
    return excel;
  }

  let reference: WorkbookSnapshot;
  let jobSyncs: number;
  before(async () => {
    const excel = await afterFirstRun();
    const counting = failingExcel(excel, Number.POSITIVE_INFINITY, "before");
    const second = await runWorkbookJob(new OfficeWorkbook(counting), { now: SECOND_RUN });
    assert.ok(second.ok);
    reference = snapshotWorkbook(excel.workbook);
    jobSyncs = counting.syncs();
  });

  for (const when of ["before", "after"] as const) {
    it(`leaves the workbook as it was, or finishes the write, whichever sync fails (${when} it is applied)`, async () => {
      let undone = 0;
      let finished = 0;
      let lastFinished = 0;
      for (let n = 1; n <= jobSyncs; n++) {
        const excel = await afterFirstRun();
        const before = snapshotWorkbook(excel.workbook);
        let failed = false;
        try {
          await runWorkbookJob(new OfficeWorkbook(failingExcel(excel, n, when)), { now: SECOND_RUN });
        } catch (error) {
          failed = true;
          assert.match(String(error), new RegExp(`injected failure at sync ${n}`));
        }
        const after = snapshotWorkbook(excel.workbook);
        if (failed) {
          assert.deepEqual(after, before, `sync ${n} failed ${when}: the workbook changed`);
          undone++;
        } else {
          assert.deepEqual(after, reference, `sync ${n} failed ${when}: the write was not finished`);
          finished++;
          lastFinished = n;
        }
      }
      // Only the drop cannot be undone: a failure there is finished instead; the recalculation asked for after it cannot
      // fail the write, which is done.
      assert.deepEqual([undone, finished], [jobSyncs - 2, 2]);
      assert.equal(lastFinished, jobSyncs);
    });
  }

  it("undoes a rename or a sheet add that fails part-way through a request", async () => {
    const failAt = { renameSheet: [1, 5, 6, 10], renameTable: [1, 5, 6, 11, 15], addSheet: [1, 5], addTable: [1, 5], setShowTotals: [1, 4], write: [1, 7, 20] } as const;
    for (const method of Object.keys(failAt) as (keyof typeof failAt)[]) {
      for (const k of failAt[method]) {
        const excel = await afterFirstRun();
        const before = snapshotWorkbook(excel.workbook);
        const model = excel.workbook;
        const original = model[method].bind(model) as (...args: unknown[]) => unknown;
        let calls = 0;
        (model as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
          if (++calls === k) throw new FakeOfficeError("InvalidOperation", `injected ${method} failure`);
          return original(...args);
        };
        await assert.rejects(runWorkbookJob(new OfficeWorkbook(excel), { now: SECOND_RUN }), new RegExp(`injected ${method} failure`));
        (model as unknown as Record<string, unknown>)[method] = original;
        assert.deepEqual(snapshotWorkbook(excel.workbook), before, `${method} failing at call ${k}`);
      }
    }
  });

  it("finishes a drop that fails once, and says so when the replaced sheets cannot be deleted at all", async () => {
    const once = await afterFirstRun();
    const deleteSheet = once.workbook.deleteSheet.bind(once.workbook);
    let calls = 0;
    once.workbook.deleteSheet = (sheet) => {
      if (++calls === 2) throw new FakeOfficeError("InvalidOperation", "injected delete failure");
      deleteSheet(sheet);
    };
    const outcome = await runWorkbookJob(new OfficeWorkbook(once), { now: SECOND_RUN });
    assert.ok(outcome.ok);
    assert.deepEqual(snapshotWorkbook(once.workbook), reference);

    const never = await afterFirstRun();
    never.workbook.deleteSheet = () => {
      throw new FakeOfficeError("InvalidOperation", "this workbook deletes nothing");
    };
    await assert.rejects(runWorkbookJob(new OfficeWorkbook(never), { now: SECOND_RUN }), /wrote its sheets, but could not delete the sheets they replace/);
    const names = never.workbook.sheets.map((s) => s.name);
    assert.deepEqual(names.filter((n) => n.startsWith("~Backflush old")).length, GENERATED_KINDS.length, names.join(", "));
  });

  it("keeps a replaced sheet's place in the tab order when its drop fails and is finished", async () => {
    const excel = createFakeExcel({ Journal: [["Old"], [MARKER]], Notes: NOTES.rows });
    const deleteSheet = excel.workbook.deleteSheet.bind(excel.workbook);
    let calls = 0;
    excel.workbook.deleteSheet = (sheet) => {
      if (++calls === 1) throw new FakeOfficeError("InvalidOperation", "injected delete failure");
      deleteSheet(sheet);
    };
    await new OfficeWorkbook(excel).writeSheets([testModel()], ["Journal"], OPTIONS);
    assert.equal(calls, 2, "the drop failed once and was finished");
    assert.deepEqual(excel.workbook.sheets.map((s) => s.name), ["Journal", "Notes"]);
  });

  it("says what is left to clean up when undoing fails too", async () => {
    const excel = createFakeExcel({ Notes: NOTES.rows, Journal: [["Old"], [MARKER]] });
    excel.workbook.deleteSheet = () => {
      throw new FakeOfficeError("InvalidOperation", "this workbook deletes nothing");
    };
    // Two requests survey the workbook, the third builds the new sheet, the fourth stashes the old one.
    const failing = failingExcel(excel, 4, "after");
    await assert.rejects(new OfficeWorkbook(failing).writeSheets([testModel()], ["Journal"], OPTIONS), (e: unknown) => {
      assert.ok(e instanceof WorkbookWriteError);
      assert.match(e.message, /nor undo what it had begun .*"~Backflush new …" and rename these back by hand: "~Backflush old" → "Journal"/);
      // In the pane's language too.
      assert.match(writeWords(translator("sv"), e.problem), /byt tillbaka dessa namn för hand: "~Backflush old" → "Journal"/);
      return true;
    });
    assert.equal(failing.syncs(), 7, "the undo was tried (a lookup and a request), then a recalculation asked for");
    // The writing requests held recalculation: asked for after an undo too, not only after a write.
    assert.equal(excel.stats.perSync.at(-1)?.calculated, "Recalculate");
  });

  it("asks to rename back only what it had moved aside: a failure while building moved nothing", async () => {
    const excel = createFakeExcel({ Notes: NOTES.rows, Journal: [["Old"], [MARKER]] });
    excel.workbook.deleteSheet = () => {
      throw new FakeOfficeError("InvalidOperation", "this workbook deletes nothing");
    };
    // The third request builds the new sheet: nothing of the user's was renamed yet.
    const failing = failingExcel(excel, 3, "after");
    await assert.rejects(new OfficeWorkbook(failing).writeSheets([testModel()], ["Journal"], OPTIONS), (e: unknown) => e instanceof WorkbookWriteError && e.problem.key === "write.undoFailed" && !/rename/.test(e.message));
  });

  it("writes input tables all or nothing too", async () => {
    const tables = [
      { table: "Items" as const, sheet: "Items", columns: [{ header: "Item", kind: "text" as const, width: 12 }], rows: [["0042"], ["=x"]] },
      { table: "Sales" as const, sheet: "Sales", columns: [{ header: "Date", kind: "date" as const, width: 11 }], rows: [[day("2026-11-03")]] },
    ];
    const base = () => createFakeExcel({ "Read me": [["Fill in the tables"]] });
    const counting = failingExcel(base(), Number.POSITIVE_INFINITY, "before");
    await new OfficeWorkbook(counting).writeInputTables(tables);
    // Nothing is replaced, so there is no drop: a failure anywhere is undone, but in the recalculation asked for once the
    // tables are written (the last sync), which cannot fail the write.
    for (let n = 1; n < counting.syncs(); n++) {
      const excel = base();
      const before = snapshotWorkbook(excel.workbook);
      await assert.rejects(new OfficeWorkbook(failingExcel(excel, n, "before")).writeInputTables(tables), /injected failure/);
      assert.deepEqual(snapshotWorkbook(excel.workbook), before, `sync ${n}`);
    }
    const excel = base();
    await new OfficeWorkbook(excel).writeInputTables(tables);
    const items = dumpSheet(excel.workbook, "Items");
    assert.deepEqual(items.formulas, [["Item"], ["0042"], ["=x"]], "text stays text, formula-looking text too");
    const sales = excel.workbook.requireSheet("Sales").cell(1, 0);
    assert.equal(sales?.format, numberFormat("date", 0));
    assert.deepEqual(toDate((sales?.value ?? null) as CellValue), { ok: true, value: "2026-11-03" });
  });
});

describe("Office adapter: the Variances chart", () => {
  interface ChartMade {
    type: string;
    source: RangeSubset;
    xValues?: RangeSubset;
    chart: ChartSubset;
    position: [unknown, unknown?];
  }

  /** The fake, with worksheets.add giving sheets a chart collection that records what the adapter asks for. */
  function withCharts(excel: FakeExcel, made: ChartMade[], breaks: string[] = []): ExcelApiSubset {
    return {
      run: (batch) =>
        excel.run((context) => {
          const sheets = context.workbook.worksheets;
          const add = sheets.add.bind(sheets);
          sheets.add = (name?: string) => {
            const sheet = add(name);
            const charts: ChartCollectionSubset = {
              add(type, source) {
                source.load("address");
                const record: ChartMade = {
                  type,
                  source,
                  position: [undefined],
                  chart: {
                    title: { text: "" },
                    legend: { visible: true },
                    series: {
                      getItemAt: () => ({
                        setXAxisValues: (range) => {
                          record.xValues = range.load("address");
                        },
                      }),
                    },
                    setPosition: (start, end) => {
                      record.position = [start, end];
                    },
                  },
                };
                made.push(record);
                return record.chart;
              },
            };
            Object.defineProperty(sheet, "charts", { value: charts });
            // Manual page breaks as Excel (ExcelApi 1.9) takes them: the range the break goes above.
            Object.defineProperty(sheet, "horizontalPageBreaks", { value: { add: (range: string) => void breaks.push(range) } });
            return sheet;
          };
          return batch(context);
        }),
    };
  }

  const variances = (rows: number): SheetModel => ({
    ...testModel(
      "Variances",
      Array.from({ length: rows }, (_, i) => [i + 1, "2026-11-30", `ITEM${i}`, new Dec(i - 2), null, null]),
    ),
    kind: "Variances",
    chart: { title: "Variances by item", categoryColumn: 2, valueColumn: 3 },
  });

  it("draws a bar chart of the value column by the category column under the table, where the .xlsx adapter puts it", async () => {
    const made: ChartMade[] = [];
    const breaks: string[] = [];
    await new OfficeWorkbook(withCharts(createFakeExcel({ Notes: NOTES.rows }), made, breaks)).writeSheets([variances(3), testModel()], [], OPTIONS);
    assert.equal(made.length, 1, "only the model with a chart gets one");
    // The chart starts a printed page of its own, as in the .xlsx adapter's file: one break, above its first row.
    assert.deepEqual(breaks, ["A10"]);
    const [c] = made;
    assert.equal(c.type, "BarClustered");
    assert.match(c.source.address, /!D4:D7$/);
    assert.match(c.xValues?.address ?? "", /!C5:C7$/);
    assert.equal(c.chart.title.text, "Variances by item");
    assert.equal(c.chart.legend.visible, false);
    // Data in rows 5–7, totals in 8, a blank row, then the chart from A10, 14 rows at least, as wide as the table's 6 columns.
    assert.deepEqual(c.position, ["A10", "F23"]);
  });

  it("names each bar by two columns where the chart has a group column, the group outside", async () => {
    const made: ChartMade[] = [];
    await new OfficeWorkbook(withCharts(createFakeExcel({ Notes: NOTES.rows }), made)).writeSheets([{ ...variances(3), chart: { title: "Variances by item", categoryColumn: 2, groupColumn: 1, valueColumn: 3 } }], [], OPTIONS);
    assert.match(made[0].xValues?.address ?? "", /!B5:C7$/);
  });

  it("leaves the chart out when the host has none, or when it would have too many bars", async () => {
    const made: ChartMade[] = [];
    await new OfficeWorkbook(withCharts(createFakeExcel({ Notes: NOTES.rows }), made)).writeSheets([variances(CHART_MAX_ROWS + 1)], [], OPTIONS);
    assert.equal(made.length, 0);
    const excel = createFakeExcel({ Notes: NOTES.rows });
    await new OfficeWorkbook(excel).writeSheets([variances(3)], [], OPTIONS);
    assert.ok(excel.workbook.table("Backflush_Variances"));
  });
});

describe("Office adapter: the sheets on screen and in print", () => {
  it("wraps the header and the wrapping columns, fits the rows, and prints landscape one page wide with header, footer and title rows", async () => {
    const excel = createFakeExcel({ Notes: NOTES.rows });
    const model: SheetModel = {
      ...testModel("Journal", [[1, "2026-11-03", "WOOD", new Dec("1.5"), new Dec("3"), new Dec("0.25"), "A memo long enough to wrap over two lines or more"]]),
      columns: [...testModel().columns, { header: "Memo", kind: "text", width: 20, wrap: true }],
    };
    await new OfficeWorkbook(excel).writeSheets([model], [], { ...OPTIONS, page: { company: "R&D AB", period: "2026-11-01 to 2026-11-30" } });
    const sheet = excel.workbook.requireSheet("Journal");
    const wraps = (cell: string) => {
      const m = /^([A-Z])(\d+)$/.exec(cell)!;
      return excel.workbook.wrapsAt(sheet, Number(m[2]) - 1, m[1].charCodeAt(0) - 65);
    };
    assert.deepEqual(["A4", "G4", "G5", "C5", "A2"].map(wraps), [true, true, true, false, false], "header and Memo wrap; Item and the marker do not");
    assert.deepEqual(sheet.autofitRows, [{ top: 3, left: 0, bottom: 4, right: 6 }]);
    assert.equal(sheet.cell(4, 4)?.format, QUANTITY_WHOLE, "3 shows without decimals");
    assert.deepEqual(sheet.pageLayout, {
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      leftMargin: 21.6, // 0.3 inch × 72
      rightMargin: 21.6,
      topMargin: 54,
      bottomMargin: 54,
      headerMargin: 21.6,
      footerMargin: 21.6,
      "headersFooters.leftHeader": "R&&D AB",
      "headersFooters.centerHeader": "&A",
      "headersFooters.rightHeader": "Period 2026-11-01 to 2026-11-30",
      "headersFooters.leftFooter": "Backflush",
      "headersFooters.rightFooter": "Page &P of &N",
      printTitleRows: "$4:$4",
    });
  });
});

describe("Office adapter: the main job end to end", () => {
  it("runs the chair maker: the Journal's totals balance, and the balances are DOMAIN's", async () => {
    const excel = fakeExcelOf(chairMaker({ asTables: true }));
    const outcome = await runWorkbookJob(new OfficeWorkbook(excel), { now: NOW });
    assert.ok(outcome.ok, outcome.ok ? "" : problemLines(outcome.problems).join("\n"));
    const dump = dumpSheet(excel.workbook, "Journal");
    const header = dump.values[SHEET_LAYOUT.headerRow - 1].map(String);
    const col = (h: string) => header.indexOf(h);
    const lines = outcome.result.journal.reduce((n, e) => n + e.lines.length, 0);
    const body = dump.values.slice(SHEET_LAYOUT.headerRow, SHEET_LAYOUT.headerRow + lines);
    const total = (h: string, rows = body) => rows.reduce((a, r) => (typeof r[col(h)] === "number" ? a.plus(new Dec(String(r[col(h)]))) : a), new Dec(0));
    assert.equal(total("Debit").toFixed(2), total("Credit").toFixed(2));
    assert.equal(total("Debit").toFixed(2), outcome.result.totals.debit.toFixed(2));

    const totalsRow = dump.formulas[SHEET_LAYOUT.headerRow + lines];
    assert.equal(totalsRow[0], "Total");
    assert.equal(totalsRow[col("Debit")], "=SUBTOTAL(109,[Debit])");
    assert.equal(totalsRow[col("Credit")], "=SUBTOTAL(109,[Credit])");

    const net = (role: string) => {
      const rows = body.filter((r) => r[col("Role")] === role);
      return total("Debit", rows).minus(total("Credit", rows)).toFixed(2);
    };
    assert.deepEqual(
      ["RIP", "FG", "COGS"].map(net),
      ["2040.00", "2330.00", "21780.00"],
    );
    assert.deepEqual(
      excel.workbook.tables.filter((t) => t.name.startsWith("Backflush_")).map((t) => t.name),
      ["Backflush_Journal", "Backflush_Consumption", "Backflush_Variances", "Backflush_Balances", "Backflush_RunLog", "Backflush_Closing", "Backflush_StandardsReview", "Backflush_ProposedItems"],
    );
  });
});

describe("Office adapter: the pane's helpers", () => {
  const book = () => createFakeExcel({ Production: [["Date"]], "My Sheet": [["x"]] });

  it("selectCell shows the sheet of a problem's address and selects its cell or rows", async () => {
    const excel = book();
    await selectCell(excel, "'My Sheet'!B2");
    assert.equal(snapshotWorkbook(excel.workbook).selection, "'My Sheet'!B2");
    assert.equal(excel.workbook.activeSheet?.name, "My Sheet");
    await selectCell(excel, "Production!4:4");
    assert.equal(snapshotWorkbook(excel.workbook).selection, "Production!4:4");
    await selectCell(excel, "Production!C17");
    assert.equal(snapshotWorkbook(excel.workbook).selection, "Production!C17");
    await selectCell(excel, "'My Sheet'");
    assert.equal(excel.workbook.activeSheet?.name, "My Sheet");
    await assert.rejects(selectCell(excel, "Purchases!A2"), /no sheet named "Purchases"/);
  });

  it("activateSheet shows a sheet, and rejects one that is not there", async () => {
    const excel = book();
    await activateSheet(excel, "my sheet");
    assert.equal(excel.workbook.activeSheet?.name, "My Sheet");
    await assert.rejects(activateSheet(excel, "Nope"), /no sheet named "Nope"/);
  });

  it("remembers the wizard's choices in the workbook's settings", async () => {
    const excel = book();
    const settings = new FakeOfficeSettings(excel.workbook);
    assert.equal(loadChoices(settings), undefined);
    const choices = { tableNames: { Production: "Tillverkning" }, overrides: { sequence: "completion-sale" as const, periodStart: "2026-11-01", currency: "SEK" }, language: "sv" as const };
    await saveChoices(settings, choices);
    assert.equal(settings.saves, 1);
    // A new session reads the settings the document was saved with.
    assert.deepEqual(loadChoices(new FakeOfficeSettings(excel.workbook)), choices);
  });

  it("reads back only what is valid, and rejects when the document does not save", async () => {
    const excel = book();
    const settings = new FakeOfficeSettings(excel.workbook);
    settings.set(CHOICES_KEY, {
      version: 1,
      tableNames: { Production: "Tillverkning", Nonsense: "x", Sales: 3 },
      overrides: { sequence: "backwards", periodEnd: "2026-02-30", disposition: "prorate", currency: "XXQ" },
      language: "fr",
    });
    assert.deepEqual(loadChoices(settings), { tableNames: { Production: "Tillverkning" }, overrides: { disposition: "prorate" } });
    settings.set(CHOICES_KEY, { version: 99, language: "en" });
    assert.equal(loadChoices(settings), undefined);
    settings.failNextSave = "disk full";
    await assert.rejects(saveChoices(settings, { language: "en" }), /disk full/);
  });

  it("yieldToHost lets timers already due run first", async () => {
    let ran = false;
    setTimeout(() => {
      ran = true;
    }, 0);
    await yieldToHost();
    assert.ok(ran);
  });
});
