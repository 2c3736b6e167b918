/**
 * The pane's jobs: the worker protocol (run here over a real MessageChannel,
 * which clones messages as a worker's postMessage does), the inline fallback,
 * and the reports they produce, on DOMAIN.md's chair maker.
 */
import { strict as assert } from "node:assert";
import { loadXlsx } from "../../src/adapters/xlsx/bytes";
import { ZERO } from "../../src/engine/money";
import { decFromNumber } from "../../src/workbook/cells";
import type { FromWorker, ToWorker } from "../../src/taskpane/job/protocol";
import { BackflushBug, EngineWorkerFailed, endpointOf, ownCopy } from "../../src/taskpane/job/protocol";
import type { CheckReport, RunPassed, RunReport } from "../../src/taskpane/job/reports";
import { writtenSheetName } from "../../src/taskpane/job/reports";
import { findingText } from "../../src/workbook/suitability-figure";
import type { JobProgress, JobRunner } from "../../src/taskpane/job/runner";
import { ChannelRunner, InlineRunner } from "../../src/taskpane/job/runner";
import { serveJobs } from "../../src/taskpane/job/serve";
import { WizardController, reasonOf } from "../../src/taskpane/wizard/controller";
import { createStore } from "../../src/taskpane/wizard/state";
import { browserSessionOver } from "../../src/taskpane/session-browser";
import { WorkbookWriteError } from "../../src/workbook/names";
import { translator } from "../../src/i18n";
import { problemText } from "../../src/i18n/problems";
import type { RawTable } from "../../src/workbook/parse";
import type { InputTableModel, SheetInfo, WorkbookPort, WriteOptions } from "../../src/workbook/port";
import type { SheetModel } from "../../src/workbook/render";
import { GENERATED_KINDS, SHEET_LAYOUT } from "../../src/workbook/render";
import { chairMaker, editSheet, setCell } from "../contract/fixtures";
import type { PortFixture } from "../contract/fixtures";
import { december, november } from "../support/next-period";
import { bufferOf, excelWorkbook, loadBuffer, sheetValues } from "../adapters/xlsx-fixture";

const chairs = async (fixture: PortFixture = chairMaker()) => loadXlsx(await bufferOf(excelWorkbook(fixture)));
const RUN_AT = new Date(2026, 11, 1, 9, 30);

/** A ChannelRunner and the worker side, joined by a MessageChannel (structured cloning, as with a Worker). */
function channel(): { runner: ChannelRunner; close(): void } {
  const { port1, port2 } = new MessageChannel();
  const stopServing = serveJobs(endpointOf<ToWorker, FromWorker>(port2));
  const runner = new ChannelRunner(endpointOf<FromWorker, ToWorker>(port1));
  return {
    runner,
    close() {
      runner.dispose();
      stopServing();
      port1.close();
      port2.close();
    },
  };
}

function passedRun(report: RunReport): RunPassed {
  assert.ok(report.ok, `the run found problems: ${report.ok ? "" : report.problems.map((p) => `${p.address}: ${p.message}`).join("; ")}`);
  return report;
}

/** A port that fails one method the way an adapter does. */
class FailingPort implements WorkbookPort {
  constructor(
    private readonly inner: WorkbookPort,
    private readonly failure: Error,
  ) {}
  findTable(names: readonly string[]): Promise<RawTable | undefined> {
    return this.inner.findTable(names);
  }
  listSheets(): Promise<SheetInfo[]> {
    return this.inner.listSheets();
  }
  async writeSheets(_models: readonly SheetModel[], _replace: readonly string[], _options: WriteOptions): Promise<void> {
    throw this.failure;
  }
  writeInputTables(tables: readonly InputTableModel[]): Promise<void> {
    return this.inner.writeInputTables(tables);
  }
}

describe("taskpane: jobs in the engine worker and inline", () => {
  let worker: ReturnType<typeof channel>;
  beforeEach(() => {
    worker = channel();
  });
  afterEach(() => worker.close());

  const runners = (): [string, JobRunner][] => [
    ["engine worker", worker.runner],
    ["inline", new InlineRunner()],
  ];

  it("checks the chair maker the same way in the worker and inline: no problem, the period's journal, a suitability report", async () => {
    const reports: CheckReport[] = [];
    for (const [, runner] of runners()) reports.push(await runner.check(await chairs(), {}));
    assert.deepEqual(reports[0], reports[1]);
    const [report] = reports;
    assert.ok(report.ok);
    assert.deepEqual(report.settings, { sequence: "purchase-completion-sale", periodStart: "2026-11-01", periodEnd: "2026-11-30", currency: "USD", disposition: "cogs", minorUnits: 2 });
    assert.equal(report.entries, 7, "DOMAIN.md's seven entries");
    assert.ok(["suitable", "caution", "unsuitable"].includes(report.suitability.verdict));
    const share = report.suitability.checks.find((c) => c.id === "inventory-share");
    // Ending inventory RIP 2,040.00 + FG 2,330.00 against COGS 21,780.00.
    assert.equal(share?.figure, "20.1");
  });

  it("runs the chair maker: DOMAIN.md's totals per account and variances, and the same report either way", async () => {
    const [workerReport, inlineReport] = [passedRun(await worker.runner.run(await chairs(), { now: RUN_AT })), passedRun(await new InlineRunner().run(await chairs(), { now: RUN_AT }))];
    assert.deepEqual(workerReport, inlineReport);
    const r = workerReport;
    assert.equal(r.debit, r.credit);
    assert.equal(r.balanced, true);
    const account = (role: string) => r.accounts.find((a) => a.role === role);
    assert.deepEqual(account("COGS"), { role: "COGS", account: "5000", name: "Cost of goods sold", debit: "21780.00", credit: "0.00" });
    assert.deepEqual([account("FG")?.debit, account("FG")?.credit], ["23300.00", "20970.00"]);
    assert.deepEqual([account("CONV_CONTROL")?.debit, account("CONV_CONTROL")?.credit], ["10450.00", "10450.00"]);
    assert.deepEqual([account("AP")?.credit], ["15700.00"]);
    // RIP: bought 15,400.00 at standard; relieved 13,300.00 at completion and 60.00 by the count.
    assert.deepEqual([account("RIP")?.debit, account("RIP")?.credit], ["15400.00", "13360.00"]);
    const variance = (kind: string, item?: string) => r.variances.filter((v) => v.kind === kind && v.item === item).map((v) => `${v.amount} ${v.side}`);
    assert.deepEqual(variance("price", "WOOD"), ["400.00 U"]);
    assert.deepEqual(variance("price", "SCREW"), ["40.00 F"]);
    assert.deepEqual(variance("price", "FABRIC"), ["60.00 F"]);
    assert.deepEqual(variance("usage", "WOOD"), ["60.00 U"]);
    assert.deepEqual(variance("conversion"), ["450.00 U"]);
    // DOMAIN.md: PPV 300.00 net (400.00 U, 40.00 F, 60.00 F), usage 60.00 U, conversion 450.00 U.
    assert.deepEqual(
      r.varianceTotals.map((v) => `${v.kind} ${v.amount} ${v.side}`),
      ["price 300.00 U", "usage 60.00 U", "conversion 450.00 U"],
    );
    assert.deepEqual(
      r.variances.map((v) => `${v.kind} ${v.item ?? "-"} ${v.amount}`),
      ["conversion - 450.00", "price WOOD 400.00", "price FABRIC 60.00", "usage WOOD 60.00", "price SCREW 40.00"],
      "largest first; equal amounts keep the engine's order",
    );
    assert.deepEqual(
      r.sheets.map((s) => s.name),
      [...GENERATED_KINDS],
    );
    assert.equal(r.chartSheet, "Variances");
    assert.deepEqual(r.warnings, []);
  });

  it("sends an .xlsx package to the worker, which reads and writes it there: the page's port is never asked for a table", async () => {
    const book = await chairs();
    const sent = book.toBytes().length;
    book.findTable = () => Promise.reject(new Error("the page read a table"));
    book.writeSheets = () => Promise.reject(new Error("the page wrote the sheets"));
    const seen: string[] = [];
    const report = passedRun(await worker.runner.run(book, { now: RUN_AT }, (p) => seen.push(p.phase)));
    assert.ok(report.ok);
    assert.ok(book.toBytes().length > sent, "the page holds the package the worker wrote");
    assert.deepEqual([...new Set(seen)], ["read", "compute", "write", "done"], "progress still comes from the worker");
    assert.ok(book.sheetsAndTables().some((s) => s.sheet === "Journal"));
  });

  it("runs on the Check's reading and costing when the workbook and the choices are the same, and writes what a run alone writes", async () => {
    // One file, opened twice: two files made a second apart differ in their creation time.
    const file = await bufferOf(excelWorkbook(chairMaker()));
    const alone = await loadXlsx(file);
    passedRun(await worker.runner.run(alone, { now: RUN_AT }));
    const book = await loadXlsx(file);
    assert.ok((await worker.runner.check(book, { now: RUN_AT })).ok);
    const seen: string[] = [];
    passedRun(await worker.runner.run(book, { now: RUN_AT }, (p) => seen.push(p.phase)));
    assert.ok(!seen.includes("read"), `the run read the tables again: ${seen.join(", ")}`);
    assert.deepEqual(Buffer.from(book.toBytes()), Buffer.from(alone.toBytes()), "the same package as a run without a Check");
  });

  it("reads and costs again when a choice changed after the Check", async () => {
    const book = await chairs();
    assert.ok((await worker.runner.check(book, { now: RUN_AT })).ok);
    const seen: string[] = [];
    passedRun(await worker.runner.run(book, { now: RUN_AT, overrides: { disposition: "cogs" } }, (p) => seen.push(p.phase)));
    assert.ok(seen.includes("read"), "a changed choice is read and costed anew");
  });

  it("writes what the worker rendered into the page's workbook, amounts intact after crossing as text", async () => {
    const book = await chairs();
    const report = passedRun(await worker.runner.run(book, { now: RUN_AT }));
    assert.deepEqual(
      book.sheetsAndTables().map((s) => s.sheet).slice(-GENERATED_KINDS.length),
      [...GENERATED_KINDS],
    );
    const rows = sheetValues((await loadBuffer(Buffer.from(book.toBytes()))).getWorksheet("Journal")!).slice(SHEET_LAYOUT.headerRow - 1);
    const header = rows[0] as string[];
    const [debit, credit] = [header.indexOf("Debit"), header.indexOf("Credit")];
    const data = rows.slice(1, -1); // the last row is the totals row
    const total = (i: number) => data.reduce((sum, row) => (typeof row[i] === "number" ? sum.plus(decFromNumber(row[i] as number)) : sum), ZERO);
    assert.equal(total(debit).toFixed(2), total(credit).toFixed(2));
    assert.equal(total(debit).toFixed(2), report.debit);
    assert.ok(data.some((row) => row[debit] === 23300), "the completion's 23,300.00 to FG");
  });

  it("reports the standards review as plain text: the chair maker's standards all within 5 %", async () => {
    const report = passedRun(await new InlineRunner().run(await chairs(), { now: RUN_AT }));
    assert.deepEqual([report.review.tolerancePct, report.review.thin, report.review.revaluation], ["5", 0, "0.00"]);
    // WOOD: 12,400 / 4,000 = 3.10 against 3.00, +3.33 %; kept at 3.
    assert.deepEqual(report.review.rows.find((r) => r.kind === "price" && r.item === "WOOD"), { item: "WOOD", kind: "price", standard: "3", actual: "3.1", deviationPct: "3.33", flagged: false, proposed: "3" });
    assert.equal(report.review.rows.filter((r) => r.flagged).length, 0);
  });

  it("says the conversion cost on hand as the engine (and the CLI) does: left out or included, with its cents, in three languages", async () => {
    const conversionOf = async (capitalizeConversion: boolean) => {
      const report = await new InlineRunner().check(await chairs(), { overrides: { sequence: "sale", capitalizeConversion } });
      assert.ok(report.ok);
      const check = report.suitability.checks.find((c) => c.id === "conversion-in-inventory");
      assert.ok(check, "a sale-only run states the conversion cost on hand");
      return check;
    };
    const left = await conversionOf(false);
    // 1,000 chairs made, 900 sold: 100 on hand at standard conversion 10 each (CHAIR's own 8 + its SEAT's 2) = 1,000.00.
    assert.equal(left.figure, "1000.00", "the amount with its cents");
    assert.equal(left.included, false);
    // The engine's message (what the CLI prints) and the pane's finding name the same amount, left out.
    assert.ok(left.message.startsWith(`Ending inventory excludes ${left.figure} of conversion cost`), left.message);
    const en = translator("en");
    assert.ok(findingText(en, left).startsWith(`Ending inventory excludes ${en.num(left.figure)} of conversion cost, expensed in cost of goods sold`), findingText(en, left));
    assert.ok(findingText(translator("sv"), left).startsWith(`Utgående lager saknar ${translator("sv").num(left.figure)} i förädlingskostnad`));
    assert.ok(findingText(translator("ms"), left).startsWith(`Inventori akhir tidak termasuk ${translator("ms").num(left.figure)} kos penukaran`));
    const kept = await conversionOf(true);
    assert.deepEqual([kept.status, kept.included, kept.figure], ["ok", true, left.figure]);
    assert.ok(findingText(en, kept).startsWith(`Ending inventory includes ${en.num(kept.figure)} of conversion cost`), findingText(en, kept));
  });

  it("names the review sheets as the run wrote them: a workbook whose Settings say Language = en, run from a Swedish pane", async () => {
    const english = editSheet(chairMaker(), "Settings", (rows) => void rows.push(["Language", "en"]));
    const report = passedRun(await new InlineRunner().run(await chairs(english), { now: RUN_AT, language: "sv" }));
    const sheets = { review: writtenSheetName(report, "Standards Review", "sv"), proposed: writtenSheetName(report, "Proposed Items", "sv") };
    assert.deepEqual(sheets, { review: "Standards Review", proposed: "Proposed Items" });
    assert.match(translator("sv").t("review.pane.sheets", sheets), /^Bladet Standards Review visar .*; Proposed Items är klart/);
    // A sheet the run did not write (Posting, without Posting = summary) is named in the pane's language.
    assert.equal(writtenSheetName(report, "Posting", "sv"), translator("sv").t("sheet.name.posting"));
  });

  it("writes the Standards Review in the pane's language, on a sheet named in it", async () => {
    const book = await chairs();
    passedRun(await worker.runner.run(book, { now: RUN_AT, language: "sv" }));
    const rows = sheetValues((await loadBuffer(Buffer.from(book.toBytes()))).getWorksheet("Standardgranskning")!).slice(SHEET_LAYOUT.headerRow - 1);
    assert.deepEqual(rows[0].slice(0, 3), ["Slag", "Artikel", "Standard"]);
    assert.ok(rows.some((r) => r[0] === "pris" && r[1] === "WOOD"), "WOOD's price row, in Swedish");
  });

  it("opens the period at a previous result the pane chose, read in the worker; the inline runner says it cannot", async () => {
    const novemberBook = await chairs(november());
    passedRun(await worker.runner.run(novemberBook, { now: RUN_AT }));
    const opening = { file: "november-result.xlsx", bytes: ownCopy(novemberBook.toBytes()) };
    const r = passedRun(await worker.runner.run(await chairs(december()), { now: RUN_AT, opening }));
    // test/engine/closing.test.ts: the 100 chairs closed November at 2,407.03 (77.03 prorated into them); December sells them all.
    assert.deepEqual(r.accounts.find((a) => a.role === "COGS")?.debit, "2407.03");
    await assert.rejects(new InlineRunner().check(await chairs(december()), { opening }), /background worker/);
    // Trigger points chosen in the Method step that differ from the previous result's are that choice's problem, not the Settings cell's (which agrees).
    const chose = await worker.runner.check(await chairs(december()), { opening, overrides: { sequence: "purchase-sale" }, language: "sv" });
    assert.ok(!chose.ok);
    const [mismatch] = chose.problems;
    assert.deepEqual([mismatch.code, mismatch.address, mismatch.choice], ["previous-mismatch", "Method step", "sequence"]);
    assert.match(problemText(translator("sv"), mismatch.key, mismatch.params), /använde triggerpunkterna \(Inköp, färdigställande, försäljning\), denna arbetsbok \(Inköp, försäljning\)/);
    // A file with no Closing sheet fails the check, in words that name it.
    await assert.rejects(worker.runner.check(await chairs(december()), { opening: { file: "plain.xlsx", bytes: ownCopy((await chairs()).toBytes()) } }), /plain\.xlsx has no Closing sheet written by Backflush/);
    // A previous result that is no workbook at all is named: the user's own workbook is not the one at fault.
    const csv = new TextEncoder().encode("Item,Qty\nCHAIR,1\n");
    await assert.rejects(
      worker.runner.check(await chairs(december()), { opening: { file: "november.csv", bytes: csv.buffer }, language: "sv" }),
      // The words it gets when opened as the workbook (open.kind.text), not the zip reader's.
      /^OpeningError: november\.csv är en textfil \(till exempel \.csv\), inte en arbetsbok: öppna den i Excel/,
    );
  });

  it("stops the check at a .csv chosen as the previous result with the words a .csv opened as the workbook gets, and leads back to the Method step", async () => {
    const session = await browserSessionOver(await chairs(december()), "december.xlsx", () => undefined);
    for (const runner of [worker.runner, new InlineRunner()]) {
      const store = createStore();
      const controller = new WizardController(session, runner, store.dispatch, store.get, () => "en");
      controller.chooseOpening({ file: "november.csv", bytes: new TextEncoder().encode("Item,Qty\nCHAIR,1\n").buffer });
      await controller.check();
      const check = store.get().check;
      assert.ok(check.status === "failed", check.status);
      assert.equal(check.fixIn, "method", "the Check step links to where the file was chosen");
      // The worker reads the file: its words are open.kind.text's; the inline runner says it cannot read one at all.
      if (runner === worker.runner) assert.match(check.reason(translator("en")), /^november\.csv is a text file \(such as \.csv\), not a workbook/);
      else assert.equal(check.reason(translator("en")), translator("en").t("closing.pane.needsWorker"));
    }
  });

  it("reports progress: each input table read, then costing, then writing, then done", async () => {
    const seen: JobProgress[] = [];
    passedRun(await worker.runner.run(await chairs(), { now: RUN_AT }, (p) => seen.push(p)));
    const phases = seen.map((p) => (p.phase === "read" ? `read ${p.done}/${p.of} ${p.name}` : p.phase));
    assert.deepEqual(phases, [
      "read 0/9 Items",
      "read 1/9 BOM",
      "read 2/9 Production",
      "read 3/9 Sales",
      "read 4/9 Purchases",
      "read 5/9 Conversion",
      "read 6/9 Inventory",
      "read 7/9 Settings",
      "read 8/9 Accounts",
      "compute",
      "write",
      "done",
    ]);
  });

  it("finds the tables the user picked under other names", async () => {
    const renamed = { ...chairMaker(), sheets: chairMaker().sheets.map((s) => (s.name === "Sales" ? { ...s, name: "Shipments" } : s)) };
    const missing = await worker.runner.check(await chairs(renamed), {});
    assert.ok(!missing.ok);
    assert.deepEqual(
      missing.problems.map((p) => [p.code, p.address]),
      [["missing-table", "Sales"]],
    );
    const found = await worker.runner.check(await chairs(renamed), { tableNames: { Sales: "Shipments" } });
    assert.ok(found.ok);
  });

  it("applies the pane's method choices over the Settings table", async () => {
    const report = await worker.runner.check(await chairs(), { overrides: { sequence: "purchase-sale", disposition: "prorate" } });
    assert.ok(report.ok);
    assert.equal(report.settings.sequence, "purchase-sale");
    assert.equal(report.settings.disposition, "prorate");
  });

  it("reports every problem at its cell and writes nothing", async () => {
    const broken = setCell(setCell(chairMaker(), "Purchases", "C3", "12,5kg"), "Sales", "B2", "SOFA");
    const book = await chairs(broken);
    const before = book.sheetsAndTables().map((s) => s.sheet);
    const check = await worker.runner.check(book, {});
    assert.ok(!check.ok);
    assert.deepEqual(
      check.problems.map((p) => [p.code, p.address]),
      [
        ["unknown-item", "Sales!B2"],
        ["not-a-number", "Purchases!C3"],
      ],
      "a bad cell does not hide the engine's findings on the rows that passed; listed sheet by sheet",
    );
    assert.match(check.problems[1].message, /12,5kg/);
    const run = await worker.runner.run(book, {});
    assert.ok(!run.ok);
    assert.equal(run.total, 2);
    assert.deepEqual(
      book.sheetsAndTables().map((s) => s.sheet),
      before,
    );
    const unknown = await worker.runner.check(await chairs(setCell(chairMaker(), "Sales", "B2", "SOFA")), {});
    assert.ok(!unknown.ok);
    assert.deepEqual(
      unknown.problems.map((p) => [p.code, p.address]),
      [["unknown-item", "Sales!B2"]],
    );
  });

  it("over a port the page keeps (Office), says a bug of ours in the worker as one, and passes Excel's own words back as they came", async () => {
    const inner = await chairs();
    /** A port that is no package holder, so the worker calls it on the page, as it does Office.js. */
    const onPage = (findTable: WorkbookPort["findTable"]): WorkbookPort => ({ findTable, listSheets: () => inner.listSheets(), writeSheets: (m, r, o) => inner.writeSheets(m, r, o), writeInputTables: (t) => inner.writeInputTables(t) });
    // A table the job cannot read (rows: null) makes it throw inside the worker: a bug, not "Cannot read properties of null".
    const broken = onPage(async () => ({ sheet: "Items", headerRow: 1, firstColumn: 0, header: [], rows: null as unknown as [] }));
    await assert.rejects(worker.runner.check(broken, {}), (e: Error) => e instanceof BackflushBug && reasonOf(e, translator("sv")) === translator("sv").t("failure.bug"));
    const excelSaid = Object.assign(new Error("Excel is in cell-editing mode."), { name: "RichApi.Error", code: "InvalidOperationInCellEditMode" });
    const busy = onPage(async () => {
      throw excelSaid;
    });
    // Excel's code crosses to the worker and back: the pane says what to do, in its language.
    await assert.rejects(worker.runner.check(busy, {}), (e: Error) => e.message === "Excel is in cell-editing mode." && reasonOf(e, translator("sv")) === translator("sv").t("failure.excel.cellEdit"));
    const denied = Object.assign(new Error("The workbook is protected."), { name: "RichApi.Error", code: "AccessDenied" });
    assert.equal(reasonOf(denied, translator("en")), "Excel refused the change: the workbook or a sheet may be protected (Review › Unprotect Workbook or Unprotect Sheet), or open read-only; then try again. Excel said: The workbook is protected.");
  });

  it("passes a port's failure back as it was thrown, name and message", async () => {
    const failure = new Error("Sheet \"Journal\" does not carry the Backflush marker in A2; it is not replaced");
    failure.name = "WorkbookWriteError";
    for (const [label, runner] of runners()) {
      await assert.rejects(runner.run(new FailingPort(await chairs(), failure), {}), (e: Error) => {
        assert.equal(e.name, "WorkbookWriteError", label);
        assert.equal(e.message, failure.message, label);
        return true;
      });
    }
  });

  it("carries a refused write across the worker as its problem, which the pane says in its language", async () => {
    const failure = new WorkbookWriteError({ key: "write.notOurs", params: { name: "Journal" } });
    for (const [label, runner] of runners()) {
      await assert.rejects(runner.run(new FailingPort(await chairs(), failure), {}), (e: Error) => {
        assert.ok(e instanceof WorkbookWriteError, label);
        assert.equal(e.message, 'Sheet "Journal" does not carry the Backflush marker in A2; it is not replaced', label);
        assert.equal(reasonOf(e, translator("sv")), 'Bladet "Journal" saknar Backflush-markeringen i A2; det ersätts inte', label);
        assert.equal(reasonOf(e, translator("ms")), 'Helaian "Journal" tidak membawa penanda Backflush di A2; ia tidak diganti', label);
        return true;
      });
    }
  });

  /** A runner whose worker never answers, and the hook that tells it the worker failed (`started`: it had answered). */
  function silentRunner(): { silent: ChannelRunner; breakWorker: (started: boolean) => void } {
    let breakWorker: (started: boolean) => void = () => undefined;
    const silent = new ChannelRunner({ post: () => undefined, listen: () => () => undefined }, (watch) => (breakWorker = watch));
    return { silent, breakWorker: (started) => breakWorker(started) };
  }

  it("fails the job under way when the worker itself breaks, and every later one at once, in the page's words", async () => {
    const { silent, breakWorker } = silentRunner();
    const pending = silent.check(await chairs(), {});
    breakWorker(false);
    await assert.rejects(pending, EngineWorkerFailed);
    assert.ok(silent.broken);
    // A later job never waits for a worker that is gone (the pane said "Checking…" for ever).
    await assert.rejects(silent.check(await chairs(), {}), EngineWorkerFailed);
    assert.equal(reasonOf(new EngineWorkerFailed(), translator("sv")), translator("sv").t("failure.worker"));
    assert.doesNotMatch(translator("sv").t("failure.worker"), /worker|engine/i, "no English in the Swedish words");
  });

  it("fails only the job under way, as a bug of ours, when an error escapes a worker that ran, and goes on with it", async () => {
    const { silent, breakWorker } = silentRunner();
    const pending = silent.check(await chairs(), {});
    breakWorker(true);
    await assert.rejects(pending, BackflushBug);
    assert.equal(silent.broken, false, "the worker takes the next job");
  });
});
