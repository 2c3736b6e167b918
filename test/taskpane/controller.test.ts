/**
 * The wizard's behaviour end to end without a browser: the controller over a
 * browser-mode session (an .xlsx workbook in memory) and the inline runner,
 * from an empty workbook to a downloaded result.
 */
import { strict as assert } from "node:assert";
import { loadXlsx } from "../../src/adapters/xlsx/bytes";
import { newXlsx } from "../../src/adapters/xlsx/bytes";
import { checkWorkbook } from "../../src/workbook/job";
import { DEFAULT_ACCOUNTS } from "../../src/workbook/schema";
import { ACCOUNT_ROLES } from "../../src/engine/types";
import { browserSessionOver, resultFileName } from "../../src/taskpane/session-browser";
import { WORKBOOK_ACCEPT } from "../../src/taskpane/session";
import { WORKBOOK_MEDIA_TYPES } from "../../src/adapters/xlsx/package";
import type { WizardChoices } from "../../src/taskpane/session";
import { InlineRunner, type JobRunner } from "../../src/taskpane/job/runner";
import { EngineWorkerFailed } from "../../src/taskpane/job/protocol";
import { WizardController, scanWorkbook } from "../../src/taskpane/wizard/controller";
import type { WizardState } from "../../src/taskpane/wizard/state";
import { canRun, createStore, problemLink } from "../../src/taskpane/wizard/state";
import { chairMaker, setCell } from "../contract/fixtures";
import type { PortFixture } from "../contract/fixtures";
import { bufferOf, excelWorkbook } from "../adapters/xlsx-fixture";
import { readZip } from "../adapters/xlsx-zip";
import { macroWorkbookWithSample } from "../support/macro-workbook";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FOUR_PROBLEMS, FOUR_PROBLEMS_IN, fourProblemWorkbook } from "../support/four-problems";
import { translator } from "../../src/i18n";
import { problemText } from "../../src/i18n/problems";

interface Delivered {
  bytes: Uint8Array;
  name: string;
  type: string;
}

async function wizard(fixture: PortFixture | Uint8Array | undefined, title = "chairs.xlsx") {
  const delivered: Delivered[] = [];
  const port = fixture instanceof Uint8Array ? await loadXlsx(fixture) : fixture ? await loadXlsx(await bufferOf(excelWorkbook(fixture))) : await newXlsx();
  const session = await browserSessionOver(port, title, (bytes, name, type) => delivered.push({ bytes, name, type }));
  const store = createStore();
  const controller = new WizardController(session, new InlineRunner(), store.dispatch, store.get);
  return { session, store, controller, delivered, state: (): WizardState => store.get() };
}

type Wizard = Awaited<ReturnType<typeof wizard>>;

/** The Check's report after `patch` is chosen in the Method step, which must find problems. */
async function failedCheckWith(w: Wizard, patch: Parameters<WizardController["chooseSettings"]>[0]) {
  await w.controller.chooseSettings(patch);
  await w.controller.check();
  const check = w.state().check;
  assert.ok(check.status === "done" && !check.value.ok, `the Check finds problems after ${JSON.stringify(patch)}`);
  return check.value;
}

function scanOf(state: WizardState) {
  assert.equal(state.scan.status, "done", state.scan.status === "failed" ? state.scan.reason(translator("en")) : state.scan.status);
  return state.scan.status === "done" ? state.scan.value : undefined!;
}

describe("taskpane: the wizard's controller over a browser session", () => {
  it("finds the chair maker's tables, its settings and its accounts", async () => {
    const w = await wizard(chairMaker());
    await w.controller.start();
    const scan = scanOf(w.state());
    assert.deepEqual(Object.keys(scan.tables).sort(), ["BOM", "Conversion", "Inventory", "Items", "Production", "Purchases", "Sales", "Settings"]);
    assert.deepEqual(scan.tables.Items, { sheet: "Items", tableName: undefined, rows: 5 });
    assert.equal(scan.settings.sequence, "purchase-completion-sale");
    assert.equal(scan.settings.periodStart, "2026-11-01");
    assert.deepEqual(scan.accounts, DEFAULT_ACCOUNTS, "no Accounts table: the defaults");
    assert.deepEqual(scan.defaulted, ACCOUNT_ROLES, "no Accounts table: every role's account a placeholder");
    // In the pane's Swedish, the defaults as a Swedish run names them.
    const sv = await scanWorkbook(w.session, {}, "sv");
    assert.deepEqual(sv.accounts.PPV, { account: "5100", name: "Prisavvikelse vid inköp" });
    assert.ok(scan.sources.includes("Purchases"));
  });

  it("names the default accounts again in a language picked after the tables were looked for, as the run will name them", async () => {
    const delivered: Delivered[] = [];
    const session = await browserSessionOver(await loadXlsx(await bufferOf(excelWorkbook(chairMaker()))), "chairs.xlsx", (bytes, name, type) => delivered.push({ bytes, name, type }));
    const store = createStore();
    let language: "en" | "sv" = "en";
    const controller = new WizardController(session, new InlineRunner(), store.dispatch, store.get, () => language);
    await controller.start();
    assert.equal(scanOf(store.get()).accounts.PPV.name, DEFAULT_ACCOUNTS.PPV.name);
    await controller.followLanguage();
    assert.equal(scanOf(store.get()).accounts.PPV.name, DEFAULT_ACCOUNTS.PPV.name, "the same language: not looked for again");
    language = "sv";
    await controller.followLanguage();
    assert.equal(scanOf(store.get()).accounts.PPV.name, "Prisavvikelse vid inköp");
  });

  it("starts a wizard made anew on the same session with its previous result, as the same file opened again after a fix", async () => {
    const w = await wizard(chairMaker());
    await w.controller.start();
    const opening = { file: "november-result.xlsx", bytes: new ArrayBuffer(8) };
    w.controller.chooseOpening(opening);
    assert.equal(w.session.opening, opening);
    const store = createStore();
    await new WizardController(w.session, new InlineRunner(), store.dispatch, store.get).start();
    assert.equal(store.get().opening, opening);
    w.controller.chooseOpening(undefined);
    assert.equal(w.session.opening, undefined);
  });

  it("refuses one table picked for two inputs at the Data step, which would book its rows twice", async () => {
    const w = await wizard(chairMaker());
    await w.controller.start();
    await w.controller.chooseTable("Production", "Sales");
    await w.controller.check();
    const check = w.state().check;
    assert.ok(check.status === "done" && !check.value.ok, "the check refuses");
    const twice = check.status === "done" && !check.value.ok ? check.value.problems.filter((p) => p.code === "found-twice") : [];
    // The input picked wrongly is named: Production, whose names do not name the sheet Sales.
    assert.deepEqual(twice.map((p) => [p.address, p.table, p.message]), [["Sales!1:1", "Production", "the sheet Sales is read both as the Production table and as the Sales table, so its rows would be booked twice; give Production a table of its own (rename the table or sheet, or pick the right one at the task pane's Data step)"]]);
    assert.deepEqual(problemLink(twice[0]), { step: "data" });
    // Reference tables may share a sheet: Inventory read from the Items sheet, whose counts stand beside the items, is no booking twice.
    await w.controller.chooseTable("Production", undefined);
    await w.controller.chooseTable("Inventory", "Items");
    await w.controller.check();
    const shared = w.state().check;
    assert.ok(shared.status === "done" && (shared.value.ok || !shared.value.problems.some((p) => p.code === "found-twice")), "Items and Inventory on one sheet are not refused as read twice");
  });

  it("leaves the tables as they are while a check reads them: a pick made meanwhile is not taken, remembered or looked for", async () => {
    const w = await wizard(chairMaker());
    await w.controller.start();
    let saved = 0;
    const save = w.session.saveChoices.bind(w.session);
    w.session.saveChoices = async (choices) => {
      saved++;
      await save(choices);
    };
    const checking = w.controller.check();
    assert.equal(w.state().check.status, "busy");
    // Looking for the tables again lists the workbook's sources: nothing is looked for while the check reads them.
    let looked = 0;
    const list = w.session.listSources.bind(w.session);
    w.session.listSources = async () => {
      looked++;
      return list();
    };
    const before = saved;
    await w.controller.chooseTable("Sales", "Production");
    assert.equal(saved, before, "the pick is not remembered while the check runs");
    assert.equal(looked, 0, "the tables are not looked for again while the check runs");
    await checking;
    assert.equal(w.state().choices.tableNames?.Sales, undefined, "the pick made during the check is not taken");
    assert.deepEqual(scanOf(w.state()).tables.Sales, { sheet: "Sales", tableName: undefined, rows: 1 });
  });

  it("saves the choices only when one changed: checking again writes nothing (inside Excel a save marks the workbook changed)", async () => {
    const w = await wizard(chairMaker());
    let saved = 0;
    const save = w.session.saveChoices.bind(w.session);
    w.session.saveChoices = async (choices) => {
      saved++;
      await save(choices);
    };
    await w.controller.start();
    await w.controller.check();
    await w.controller.check();
    assert.equal(saved, 0, "nothing chosen, nothing saved");
    await w.controller.chooseSettings({ disposition: "prorate" });
    await w.controller.check();
    assert.equal(saved, 1, "a choice is saved once");
  });

  it("says why a check failed in the pane's language when it is shown: a language picked later says it in its own words", async () => {
    const port = await loadXlsx(await bufferOf(excelWorkbook(chairMaker())));
    const session = await browserSessionOver(port, "chairs.xlsx", () => undefined);
    const store = createStore();
    const broken: JobRunner = { check: () => Promise.reject(new EngineWorkerFailed()), run: () => Promise.reject(new EngineWorkerFailed()), dispose: () => undefined };
    const controller = new WizardController(session, broken, store.dispatch, store.get, () => "en");
    await controller.start();
    await controller.check();
    const check = store.get().check;
    assert.ok(check.status === "failed");
    assert.equal(check.reason(translator("en")), translator("en").t("failure.worker"));
    assert.equal(check.reason(translator("ms")), translator("ms").t("failure.worker"));
  });

  it("inserts the template into an empty workbook, and refuses to insert over existing tables", async () => {
    const w = await wizard(undefined, "new.xlsx");
    await w.controller.start();
    assert.deepEqual(scanOf(w.state()).tables, {});
    await w.controller.insert("template");
    // No grid in the browser to fill them in: the workbook is downloaded under a name of its own, and the notice says so.
    assert.deepEqual(w.state().notice, { kind: "inserted", what: "template", downloaded: "new-template.xlsx" });
    assert.deepEqual(w.delivered.map((d) => d.name), ["new-template.xlsx"]);
    const saved = await loadXlsx(w.delivered[0].bytes);
    assert.deepEqual((await saved.findTable(["Items"]))?.tableName, "Items");
    const scan = scanOf(w.state());
    assert.equal(Object.keys(scan.tables).length, 9);
    assert.equal(scan.tables.Items?.tableName, "Items");
    await w.controller.insert("sample");
    assert.equal(w.state().notice?.kind, "insert-failed");
    assert.equal(w.state().inserting, false);
  });

  it("goes from an empty workbook with the sample data to a downloaded result that balances", async () => {
    const w = await wizard(undefined, "try.xlsx");
    await w.controller.start();
    await w.controller.insert("sample");
    // The sample's Accounts table maps every role but three (clearing and shrinkage, which its sequence and counts never post,
    // and the revaluation variance): the Method step says those are placeholders.
    assert.deepEqual(scanOf(w.state()).defaulted, ["MATERIALS_CLEARING", "REVALUATION_VARIANCE", "FG_SHRINKAGE"]);
    await w.controller.check();
    const check = w.state().check;
    assert.ok(check.status === "done" && check.value.ok, JSON.stringify(check));
    assert.ok(canRun(w.state()));
    await w.controller.run();
    const run = w.state().run;
    assert.ok(run.status === "done" && run.value.ok);
    assert.equal(run.value.debit, run.value.credit);

    await w.session.download();
    assert.equal(w.delivered.length, 1);
    assert.equal(w.delivered[0].name, "try-result.xlsx");
    assert.equal(w.delivered[0].type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    // The downloaded file is a workbook in its own right: the same check gives the same journal.
    const reopened = await loadXlsx(w.delivered[0].bytes);
    assert.ok(reopened.sheetsAndTables().some((s) => s.sheet === "Journal"));
    const again = await checkWorkbook(reopened);
    assert.ok(again.ok);
    assert.equal(again.result.totals.debit.toFixed(2), run.value.debit);
    // Opened again, the result's own tables are not offered as inputs in the Data step; its sheets and input tables are.
    const second = await wizard(w.delivered[0].bytes, w.delivered[0].name);
    await second.controller.start();
    const { sources } = scanOf(second.state());
    assert.ok(reopened.sheetsAndTables().some((s) => s.tables.includes("Backflush_Journal")), "the result has its Journal table");
    assert.deepEqual(sources.filter((n) => /^Backflush_/i.test(n)), []);
    assert.ok(sources.includes("Production") && sources.includes("Journal"), sources.join(", "));
  });

  it("checks with the picked table and the method choices, and remembers them for the session", async () => {
    const renamed: PortFixture = { sheets: chairMaker().sheets.map((s) => (s.name === "Sales" ? { ...s, name: "Shipments" } : s)) };
    const w = await wizard(renamed);
    await w.controller.start();
    assert.equal(scanOf(w.state()).tables.Sales, undefined);
    await w.controller.chooseTable("Sales", "Shipments");
    assert.equal(scanOf(w.state()).tables.Sales?.sheet, "Shipments");
    await w.controller.chooseSettings({ disposition: "prorate" });
    await w.controller.check();
    const check = w.state().check;
    assert.ok(check.status === "done" && check.value.ok);
    assert.equal(check.value.settings.disposition, "prorate");
    const remembered: WizardChoices = await w.session.loadChoices();
    assert.deepEqual(remembered, { tableNames: { Sales: "Shipments" }, overrides: { disposition: "prorate" } });
  });

  it("shows the tables of the last pick when an earlier pick's scan ends after it (arrow presses on a table picker)", async () => {
    const renamed: PortFixture = { sheets: chairMaker().sheets.map((s) => (s.name === "Sales" ? { ...s, name: "Shipments" } : s)) };
    const w = await wizard(renamed);
    await w.controller.start();
    // The first pick's scan is held at its end (listing the sources) until the second pick's scan is done.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const list = w.session.listSources.bind(w.session);
    let calls = 0;
    let firstHeld = (): void => undefined;
    const firstScanAtItsEnd = new Promise<void>((resolve) => (firstHeld = resolve));
    w.session.listSources = async () => {
      if (++calls === 1) {
        firstHeld();
        await held;
      }
      return list();
    };
    const first = w.controller.chooseTable("Sales", "Nowhere");
    await firstScanAtItsEnd;
    await w.controller.chooseTable("Sales", "Shipments");
    assert.equal(scanOf(w.state()).tables.Sales?.sheet, "Shipments");
    release();
    await first;
    assert.equal(scanOf(w.state()).tables.Sales?.sheet, "Shipments", "the earlier pick's late scan is not shown");
    assert.equal(w.state().rescanning, false);
  });

  it("lists problems with their cells, shows the address when asked (no grid), and does not run", async () => {
    const w = await wizard(setCell(chairMaker(), "Purchases", "C3", "12,5kg"));
    await w.controller.start();
    await w.controller.check();
    const check = w.state().check;
    assert.ok(check.status === "done" && !check.value.ok);
    assert.deepEqual(
      check.value.problems.map((p) => p.address),
      ["Purchases!C3"],
    );
    await w.controller.selectProblem("Purchases!C3");
    assert.deepEqual(w.state().notice, { kind: "cell", address: "Purchases!C3", selected: false });
    await w.controller.run();
    assert.equal(w.state().run.status, "idle", "no run without a clean check");
    assert.equal(w.delivered.length, 0);
    assert.equal(
      w.session.port.sheetsAndTables().some((s) => s.sheet === "Journal"),
      false,
    );
  });

  it("lists a bad number, a BOM loop, a missing price and an unknown item in one check (issue 20's sample), each with its cell", async () => {
    const w = await wizard(await fourProblemWorkbook(), "sample.xlsx");
    await w.controller.start();
    await w.controller.check();
    const check = w.state().check;
    assert.ok(check.status === "done" && !check.value.ok, JSON.stringify(check));
    assert.equal(check.value.total, 4);
    assert.deepEqual(
      check.value.problems.map((p) => `${p.address}: ${p.message}`),
      FOUR_PROBLEMS,
    );
    assert.deepEqual(
      check.value.problems.map((p) => p.code),
      ["no-price", "bom-loop", "not-a-number", "unknown-item"],
    );
    // As the pane lists them in Swedish and Malay (ProblemList: problemText in the pane's language).
    for (const lang of ["sv", "ms"] as const) {
      assert.deepEqual(
        check.value.problems.map((p) => `${p.address}: ${problemText(translator(lang), p.key, p.params)}`),
        FOUR_PROBLEMS_IN[lang],
      );
    }
    assert.equal(canRun(w.state()), false);
  });

  it("takes a trigger sequence chosen in the Method step in place of a Settings cell it cannot read, which it no longer refuses", async () => {
    const w = await wizard(setCell(chairMaker(), "Settings", "B2", "purchase, banana"));
    await w.controller.start();
    await w.controller.check();
    const refused = w.state().check;
    assert.ok(refused.status === "done" && !refused.value.ok && refused.value.problems.some((p) => p.address === "Settings!B2"), "the cell alone is refused");
    await w.controller.chooseSettings({ sequence: "purchase-completion-sale" });
    await w.controller.check();
    const check = w.state().check;
    assert.ok(check.status === "done" && check.value.ok, check.status === "done" && !check.value.ok ? check.value.problems.map((p) => p.message).join("; ") : check.status);
  });

  it("names a problem caused by a period chosen in the Method step as that choice, not as the Settings cell, and goes back to it", async () => {
    const w = await wizard(chairMaker());
    await w.controller.start();
    w.store.dispatch({ type: "go", step: "check" });
    // The workbook's Settings say 2026-11-01 to 2026-11-30 (PeriodEnd on Settings!B4); the pane's First day is after that.
    const check = await failedCheckWith(w, { periodStart: "2026-12-01" });
    assert.deepEqual(
      check.problems.map(({ code, address, choice, message }) => ({ code, address, choice, message })),
      [{ code: "date-order", address: "Method step", choice: "periodStart", message: "First day (Method step) 2026-12-01 is after PeriodEnd 2026-11-30 (Settings!B4)" }],
    );
    // The pane shows it in its own language, the choice named by the Method step's label.
    const [chosen] = check.problems;
    assert.equal(problemText(translator("sv"), chosen.key, chosen.params), "Första dag (metodsteget) 2026-12-01 är efter PeriodEnd 2026-11-30 (i Settings!B4)");
    assert.equal(problemText(translator("ms"), chosen.key, chosen.params), "Hari pertama (langkah Kaedah) 2026-12-01 adalah selepas PeriodEnd 2026-11-30 (di Settings!B4)");
    w.controller.showStep("method");
    assert.equal(w.state().step, "method");

    const both = await failedCheckWith(w, { periodEnd: "2026-11-15" });
    assert.deepEqual(
      both.problems.map((p) => `${p.address}: ${p.message}`),
      ["Method step: First day (Method step) 2026-12-01 is after Last day (Method step) 2026-11-15"],
    );

    // A Last day chosen before the data's last dates: one problem, at the choice, counting the rows it leaves out and naming the first.
    await w.controller.resetSettings();
    const short = await failedCheckWith(w, { periodEnd: "2026-11-22" });
    assert.deepEqual(
      short.problems.map((p) => `${p.address} (${p.choice}): ${p.message}`),
      ["Method step (periodEnd): 2 rows are dated outside the period 2026-11-01 to 2026-11-22, whose Last day is chosen in the Method step; the first: 2026-11-25 at Sales!A2"],
    );
    assert.equal(problemText(translator("sv"), short.problems[0].key, short.problems[0].params), "2 rader har datum utanför perioden 2026-11-01 till 2026-11-22, vars Sista dag är vald i metodsteget; den första: 2026-11-25 i Sales!A2");

    // A lone row outside the chosen period keeps its own problem at its cell: its date is the likelier mistake.
    const lone = await failedCheckWith(w, { periodEnd: "2026-11-29" });
    assert.deepEqual(
      lone.problems.map((p) => `${p.address}: ${p.message}`),
      ["Conversion!A2: Date 2026-11-30 is outside the period 2026-11-01 to 2026-11-29, whose Last day is chosen in the Method step"],
    );

    await w.controller.resetSettings();
    await w.controller.check();
    const clean = w.state().check;
    assert.ok(clean.status === "done" && clean.value.ok, "the workbook's own period is in order");
  });

  it("gathers the sample's 378 rows cut off by a Last day typed in the Method step into one problem that leads back to it", async () => {
    const w = await wizard(new Uint8Array(readFileSync(join(__dirname, "../../assets/sample/backflush-sample.xlsx"))), "backflush-sample.xlsx");
    await w.controller.start();
    const check = await failedCheckWith(w, { periodEnd: "2026-10-01" });
    assert.equal(check.total, 1);
    const [problem] = check.problems;
    assert.deepEqual([problem.address, problem.choice, problemLink(problem)], ["Method step", "periodEnd", { step: "method" }]);
    assert.match(problem.message, /^378 rows are dated outside the period 2026-10-01 to 2026-10-01, whose Last day is chosen in the Method step; the first: 2026-10-02 at Production!A6$/);
  });

  it("offers .xlsx and .xlsm workbooks in the file pickers, by extension and by the media type the adapter gives each", () => {
    const offered = WORKBOOK_ACCEPT.split(",");
    for (const extension of [".xlsx", ".xlsm"] as const) {
      assert.ok(offered.includes(extension), `${extension} is not offered`);
      assert.ok(offered.includes(WORKBOOK_MEDIA_TYPES[extension]), `${extension}'s media type is not offered`);
    }
  });

  it("names the download after the opened file, never the file itself, with the extension its content calls for", () => {
    assert.equal(resultFileName("plant.xlsx", ".xlsx"), "plant-result.xlsx");
    assert.equal(resultFileName("Plant.XLSX", ".xlsx"), "Plant-result.xlsx");
    assert.equal(resultFileName(".xlsx", ".xlsx"), "workbook-result.xlsx");
    assert.equal(resultFileName("plant.xlsm", ".xlsm"), "plant-result.xlsm");
    // Macros in a file named .xlsx (picked through "All files"): the content decides.
    assert.equal(resultFileName("plant.xlsx", ".xlsm"), "plant-result.xlsm");
    assert.equal(resultFileName("Plan.XLTM", ".xltm"), "Plan-result.xltm");
    assert.equal(resultFileName("plant", ".xlsx"), "plant-result.xlsx");
    // In the pane's language: the word its catalog gives.
    assert.equal(resultFileName("plant.xlsx", ".xlsx", translator("sv").t("file.result")), "plant-resultat.xlsx");
    assert.equal(resultFileName("plant.xlsx", ".xlsx", translator("ms").t("file.result")), "plant-hasil.xlsx");
    // A result run again is numbered, never suffixed again, whatever language named it, and never the opened file's name.
    assert.equal(resultFileName("plant-result.xlsx", ".xlsx"), "plant-result-2.xlsx");
    assert.equal(resultFileName("plant-result-2.xlsx", ".xlsx"), "plant-result-3.xlsx");
    assert.equal(resultFileName("plant-Resultat.xlsx", ".xlsx", translator("ms").t("file.result")), "plant-hasil-2.xlsx");
    assert.equal(resultFileName("result.xlsx", ".xlsx"), "result-result.xlsx");
    assert.equal(resultFileName("plant-results.xlsx", ".xlsx"), "plant-results-result.xlsx");
    assert.equal(resultFileName("plant-result (1).xlsx", ".xlsx"), "plant-result-2.xlsx"); // a browser's second download
    assert.equal(resultFileName("sales-result-2026.xlsx", ".xlsx"), "sales-result-2026-result.xlsx"); // the user's year
  });

  it("downloads a run on a real .xlsm as .xlsm, under the macro-enabled media type, its macros kept", async () => {
    const { original, withInputs } = await macroWorkbookWithSample();
    const w = await wizard(withInputs, "57181.xlsm");
    await w.controller.start();
    await w.controller.check();
    await w.controller.run();
    const run = w.state().run;
    assert.ok(run.status === "done" && run.value.ok, JSON.stringify(run).slice(0, 300));

    assert.equal(w.session.downloadExtension, ".xlsm", "what the download button says");
    await w.session.download();
    assert.deepEqual(
      w.delivered.map((d) => [d.name, d.type]),
      [["57181-result.xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12"]],
    );
    const reopened = await loadXlsx(w.delivered[0].bytes);
    assert.equal(await reopened.fileExtension(), ".xlsm");
    const macros = readZip(original).get("xl/vbaProject.bin");
    assert.ok(macros, "57181.xlsm has no xl/vbaProject.bin");
    assert.ok(readZip(Buffer.from(w.delivered[0].bytes)).get("xl/vbaProject.bin")?.equals(macros), "the macros did not come back");
  });
});

describe("taskpane: the controller and ledger files that follow a run", () => {
  it("keeps files that come before the report is taken, and shows them with it", async () => {
    const files = { csv: new Uint8Array([65]), summary: false, placeholders: [] };
    for (const when of ["before the report", "after the report"] as const) {
      const inline = new InlineRunner();
      // A runner whose files come while the page still loads the new package, or after.
      const runner = {
        check: inline.check.bind(inline),
        dispose: () => undefined,
        async run(...args: Parameters<JobRunner["run"]>) {
          const [port, request, onProgress, onLedgerFiles] = args;
          const report = await inline.run(port, { ...request, ledgerFiles: false }, onProgress);
          if (!report.ok) return report;
          if (when === "before the report") onLedgerFiles?.(files);
          else setTimeout(() => onLedgerFiles?.(files), 0);
          return { ...report, ledgerFilesPending: true };
        },
      };
      const port = await loadXlsx(await bufferOf(excelWorkbook(chairMaker())));
      const store = createStore();
      const controller = new WizardController(await browserSessionOver(port, "chairs.xlsx", () => undefined), runner, store.dispatch, store.get);
      await controller.start();
      await controller.check();
      await controller.run();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const run = store.get().run;
      assert.ok(run.status === "done" && run.value.ok, when);
      assert.equal(run.value.ledgerFiles, files, when);
      assert.equal(run.value.ledgerFilesPending, false, when);
    }
  });
});
