/**
 * The ledger files of a pane run: made in the job (in the worker, here over a
 * real MessageChannel that clones them as a worker's postMessage does) only
 * when the browser mode asks, and read back by the test-side readers.
 */
import type { LedgerFiles } from "../../src/workbook/ledger-files";
import { strict as assert } from "node:assert";
import { loadXlsx } from "../../src/adapters/xlsx/bytes";
import { Dec, ZERO } from "../../src/engine/money";
import type { FromWorker, ToWorker } from "../../src/taskpane/job/protocol";
import { endpointOf } from "../../src/taskpane/job/protocol";
import type { RunPassed, RunReport } from "../../src/taskpane/job/reports";
import { ChannelRunner } from "../../src/taskpane/job/runner";
import { serveJobs } from "../../src/taskpane/job/serve";
import { ledgerFileStem } from "../../src/taskpane/wizard/LedgerDownloads";
import { chairMaker, editSheet } from "../contract/fixtures";
import type { PortFixture } from "../contract/fixtures";
import { bufferOf, excelWorkbook } from "../adapters/xlsx-fixture";
import { csvNets, nonZeroNets, readCsv, readSie, sieNets } from "../support/ledger-files";

const RUN_AT = new Date(2026, 11, 1, 9, 30);
const withCompany = (posting?: string): PortFixture =>
  editSheet(chairMaker(), "Settings", (rows) => {
    rows.push(["Company", "Möbelfabriken i Småland AB"]);
    if (posting) rows.push(["Posting", posting]);
  });

async function runOverChannel(fixture: PortFixture, ledgerFiles: boolean): Promise<RunPassed> {
  const { port1, port2 } = new MessageChannel();
  const stop = serveJobs(endpointOf<ToWorker, FromWorker>(port2));
  const runner = new ChannelRunner(endpointOf<FromWorker, ToWorker>(port1));
  try {
    // The files follow the report: the run's result is shown while they are made.
    let arrived: (files: LedgerFiles | undefined) => void = () => undefined;
    const later = new Promise<LedgerFiles | undefined>((resolve) => (arrived = resolve));
    const report: RunReport = await runner.run(await loadXlsx(await bufferOf(excelWorkbook(fixture))), { now: RUN_AT, ledgerFiles }, undefined, arrived);
    assert.ok(report.ok);
    assert.equal(report.ledgerFiles, undefined, "not in the report itself");
    assert.equal(report.ledgerFilesPending ?? false, ledgerFiles);
    return ledgerFiles ? { ...report, ledgerFiles: await later } : report;
  } finally {
    runner.dispose();
    stop();
    port1.close();
    port2.close();
  }
}

describe("taskpane: the ledger files of a run", () => {
  it("come back from the worker as SIE and CSV bytes when asked, balanced and agreeing per account with the pane's totals", async () => {
    const report = await runOverChannel(withCompany(), true);
    const files = report.ledgerFiles;
    assert.ok(files?.sie && files.csv);
    assert.equal(files.summary, false);
    const sie = readSie(files.sie);
    assert.ok(sie.records.some((r) => r[0] === "#GEN" && r[1] === "20261201"), "#GEN is the run's day");
    for (const v of sie.vers) assert.ok(v.trans.reduce((a, t) => a.plus(t.amount), ZERO).isZero(), `#VER ${v.number} balances`);
    const csv = readCsv(new TextDecoder().decode(files.csv).replace(/^\uFEFF/, ""));
    assert.deepEqual(csvNets(csv), sieNets(sie));
    // The pane's own totals per account (one role per account in the default chart) net to the same.
    const totals = nonZeroNets(new Map(report.accounts.map((a) => [a.account, new Dec(a.debit).minus(a.credit)])));
    assert.deepEqual(sieNets(sie), totals);
  });

  it("carry one summary entry with Posting = summary", async () => {
    const files = (await runOverChannel(withCompany("summary"), true)).ledgerFiles;
    assert.ok(files?.sie);
    assert.equal(files.summary, true);
    assert.equal(readSie(files.sie).vers.length, 1);
  });

  it("are not made unless asked (Excel), and hold no SIE file without a Company setting", async () => {
    assert.equal((await runOverChannel(withCompany(), false)).ledgerFiles, undefined);
    const files = (await runOverChannel(chairMaker(), true)).ledgerFiles;
    assert.ok(files);
    assert.equal(files.sie, undefined);
    assert.ok(files.csv.length > 0);
  });

  it("are named after the workbook", () => {
    assert.equal(ledgerFileStem("plant.xlsx"), "plant-journal");
    assert.equal(ledgerFileStem(undefined), "workbook-journal");
    // Every workbook extension goes, as in the result's name (resultFileName).
    assert.equal(ledgerFileStem("real-57181.xlsm"), "real-57181-journal");
    assert.equal(ledgerFileStem("Plan.XLTM"), "Plan-journal");
  });
});
