/** The wizard's reducer: the rules of the wizard, without a browser. */
import { strict as assert } from "node:assert";
import { said } from "../../src/engine/errors";
import { translator } from "../../src/i18n";
import { DEFAULT_ACCOUNTS } from "../../src/workbook/schema";
import type { CheckPassed, CheckReport, RunPassed, RunReport } from "../../src/taskpane/job/reports";
import type { WizardAction, WizardState, WorkbookScan } from "../../src/taskpane/wizard/state";
import { canRun, createStore, effectiveSequence, initialState, isRequired, periodChoiceProblems, problemLink, progressFraction, reduce, runBlocker, shownAddressText, tableAsNamed, workbookIsEmpty } from "../../src/taskpane/wizard/state";

const scan = (settings: WorkbookScan["settings"] = {}): WorkbookScan => ({
  tables: { Items: { sheet: "Items", tableName: "Items", rows: 5 } },
  sources: ["Items"],
  settings,
  accounts: { ...DEFAULT_ACCOUNTS },
  defaulted: [],
});

const passed: CheckPassed = {
  ok: true,
  settings: { sequence: "purchase-completion-sale", periodStart: "2026-11-01", periodEnd: "2026-11-30", currency: "USD", disposition: "cogs", minorUnits: 2 },
  suitability: { verdict: "suitable", checks: [] },
  entries: 7,
  lines: 20,
};
const ran: RunPassed = {
  ok: true,
  settings: passed.settings,
  suitability: passed.suitability,
  debit: "100.00",
  credit: "100.00",
  balanced: true,
  accounts: [],
  varianceTotals: [],
  variances: [],
  warnings: [],
  sheets: [{ kind: "Journal", name: "Journal" }],
  notes: [],
  review: { tolerancePct: "5", rows: [], thin: 0, revaluation: "0.00" },
};
const problems: CheckReport = { ok: false, problems: [{ code: "not-a-number", table: "Purchases", sheet: "Purchases", row: 3, column: "C", address: "Purchases!C3", ...said("problem.notANumber", { field: "Qty", value: '"12,5kg"' }) }], total: 1 };

const apply = (state: WizardState, ...actions: WizardAction[]) => actions.reduce(reduce, state);
const checked = (report: CheckReport = passed) => apply(initialState(), { type: "scan-done", scan: scan() }, { type: "check-started" }, { type: "check-done", report });

describe("taskpane: the wizard's state", () => {
  it("starts on the Data step with nothing checked or run", () => {
    const s = initialState();
    assert.equal(s.step, "data");
    assert.deepEqual([s.scan.status, s.check.status, s.run.status], ["idle", "idle", "idle"]);
    assert.equal(canRun(s), false);
  });

  it("keeps the last scan shown while the workbook is looked at again (the Data step stays in the page, the focus on its control)", () => {
    const first = apply(initialState(), { type: "scan-started" });
    assert.equal(first.scan.status, "busy", "nothing to show before the first scan");
    const shown = apply(first, { type: "scan-done", scan: scan() });
    const again = apply(shown, { type: "choose-table", table: "Items", name: "Parts" }, { type: "scan-started" });
    assert.equal(again.scan.status, "done");
    assert.equal(again.rescanning, true);
    const found = { ...scan(), sources: ["Items", "Parts"] };
    const after = apply(again, { type: "scan-done", scan: found });
    assert.deepEqual([after.scan.status === "done" && after.scan.value, after.rescanning], [found, false]);
    assert.equal(apply(again, { type: "scan-failed", reason: () => "gone" }).rescanning, false);
  });

  it("links a table not found to the Data step, a pane choice to the Method step, and any other problem to its cell", () => {
    // broken.xlsx's missing Conversion table: its address is the table's name, which is no cell.
    assert.deepEqual(problemLink({ code: "missing-table", address: "Conversion" }), { step: "data" });
    // An input found twice is fixed by picking one at the Data step too, whatever cell the problem names.
    assert.deepEqual(problemLink({ code: "found-twice", address: "Sales!1:1" }), { step: "data" });
    assert.deepEqual(problemLink({ code: "date-order", address: "Method step", choice: "periodStart" }), { step: "method" });
    assert.deepEqual(problemLink(problems.ok ? { code: "not-a-number", address: "" } : problems.problems[0]), { cell: "Purchases!C3" });
  });

  it("names a table as the workbook has it (the Swedish pane says Settings, not Inställningar), else by the name it is given", () => {
    const sv = translator("sv");
    const found = apply(initialState(), { type: "scan-done", scan: { ...scan(), tables: { Settings: { sheet: "Settings", tableName: "Settings", rows: 4 }, Inventory: { sheet: "Lager 2026", rows: 3 } } } });
    assert.equal(tableAsNamed(found, "Settings", sv.t), "Settings");
    assert.equal(tableAsNamed(found, "Inventory", sv.t), "Lager 2026", "a sheet without an Excel table: the sheet's name");
    assert.equal(tableAsNamed(initialState(), "Settings", sv.t), "Inställningar", "not looked at yet");
    assert.equal(sv.t("run.sieNeedsCompany", { table: tableAsNamed(found, "Settings", sv.t) }), "En SIE-fil anger företaget: lägg till raden Company (Företag) med företagets namn i tabellen Settings och kör igen.");
  });

  it("says why the Run step cannot run: never checked, checking, the problems the check found (with their count), or a check that stopped", () => {
    assert.deepEqual(runBlocker(apply(initialState(), { type: "scan-done", scan: scan() })), { kind: "unchecked" });
    assert.deepEqual(runBlocker(apply(initialState(), { type: "check-started" })), { kind: "checking" });
    // broken.xlsx: checked, 4 problems; the Run step must not ask for a check that has been made.
    const four: CheckReport = { ok: false, problems: problems.ok ? [] : problems.problems, total: 4 };
    assert.deepEqual(runBlocker(checked(four)), { kind: "problems", count: 4 });
    assert.deepEqual(runBlocker(apply(initialState(), { type: "check-started" }, { type: "check-failed", reason: () => "not a zip" })), { kind: "check-failed" });
    assert.equal(runBlocker(checked()), undefined, "a clean check: nothing in the way");
    assert.equal(translator("en").tn("run.fixProblems", 4), "Fix the 4 problems found in the Check step; the workbook can run once there are none.");
  });

  it("allows a run only after a check of the current choices found no problem", () => {
    assert.equal(canRun(checked()), true);
    assert.equal(canRun(checked(problems)), false);
    assert.equal(apply(checked(problems), { type: "run-started" }).run.status, "idle", "a run-started without a clean check is ignored");
    assert.equal(canRun(apply(checked(), { type: "check-started" })), false, "not while checking again");
  });

  it("takes the ledger files that follow a run's report into that run, and only while they are awaited", () => {
    const files = { csv: new Uint8Array([1, 2]), summary: false, placeholders: [] };
    const pending = apply(checked(), { type: "run-started" }, { type: "run-done", report: { ...(ran as RunPassed), ledgerFilesPending: true } });
    const arrived = reduce(pending, { type: "ledger-files", files });
    assert.ok(arrived.run.status === "done" && arrived.run.value.ok);
    assert.equal(arrived.run.value.ledgerFiles, files);
    assert.equal(arrived.run.value.ledgerFilesPending, false);
    assert.equal(reduce(arrived, { type: "ledger-files", files: undefined }), arrived, "once taken, a late second delivery changes nothing");
    const restarted = apply(pending, { type: "check-started" });
    assert.equal(reduce(restarted, { type: "ledger-files", files }), restarted, "files for a run no longer shown are dropped");
  });

  it("drops a check and a run made under other choices, and keeps only the choices given", () => {
    const done = apply(checked(), { type: "run-started" }, { type: "run-done", report: ran });
    assert.equal(done.run.status, "done");
    for (const change of [
      { type: "choose-settings", patch: { sequence: "purchase-sale" } },
      { type: "choose-table", table: "Sales", name: "Verkäufe" },
      { type: "reset-settings" },
      { type: "insert-done", what: "sample" },
      { type: "choose-opening", opening: { file: "october-result.xlsx", bytes: new ArrayBuffer(1) } },
    ] as WizardAction[]) {
      const s = reduce(done, change);
      assert.deepEqual([s.check.status, s.run.status], ["idle", "idle"], change.type);
      assert.equal(canRun(s), false, change.type);
    }
    let s = apply(initialState(), { type: "choose-table", table: "Sales", name: "  Verkäufe " }, { type: "choose-settings", patch: { periodStart: "2026-11-01", disposition: "prorate" } });
    assert.deepEqual(s.choices, { tableNames: { Sales: "Verkäufe" }, overrides: { periodStart: "2026-11-01", disposition: "prorate" } });
    s = apply(s, { type: "choose-table", table: "Sales", name: undefined }, { type: "choose-settings", patch: { periodStart: undefined } });
    assert.deepEqual(s.choices, { tableNames: {}, overrides: { disposition: "prorate" } });
    assert.deepEqual(reduce(s, { type: "reset-settings" }).choices.overrides, {});
    // A previous result to open at is the session's, never a remembered choice (its bytes are not a setting).
    const opened = reduce(s, { type: "choose-opening", opening: { file: "october-result.xlsx", bytes: new ArrayBuffer(1) } });
    assert.equal(opened.opening?.file, "october-result.xlsx");
    assert.deepEqual(opened.choices, s.choices);
    assert.equal(reduce(opened, { type: "choose-opening", opening: undefined }).opening, undefined);
  });

  it("ignores choices while a check or a run is under way", () => {
    const busy = apply(checked(), { type: "run-started" });
    assert.equal(reduce(busy, { type: "choose-settings", patch: { sequence: "sale" } }), busy);
    assert.equal(reduce(busy, { type: "choose-opening", opening: undefined }), busy);
    assert.equal(reduce(busy, { type: "check-started" }), busy);
  });

  it("takes the trigger points from the pane, else the workbook's Settings, else the default, and requires tables by them", () => {
    const s = apply(initialState(), { type: "scan-done", scan: scan({ sequence: "completion-sale" }) });
    assert.equal(effectiveSequence(initialState()), "purchase-completion-sale");
    assert.equal(effectiveSequence(s), "completion-sale");
    assert.equal(isRequired(s, "Purchases"), false);
    assert.equal(isRequired(s, "Production"), true);
    const chosen = reduce(s, { type: "choose-settings", patch: { sequence: "purchase-sale" } });
    assert.equal(effectiveSequence(chosen), "purchase-sale");
    assert.equal(isRequired(chosen, "Purchases"), true);
    assert.equal(isRequired(chosen, "Production"), false);
    assert.equal(isRequired(chosen, "Inventory"), false);
  });

  it("moves the progress bar forward only, phase by phase and row by row", () => {
    assert.ok(progressFraction({ phase: "read", name: "Items", done: 0, of: 9 }) < progressFraction({ phase: "read", name: "BOM", done: 1, of: 9 }));
    assert.ok(progressFraction({ phase: "read", name: "Accounts", done: 8, of: 9 }, { done: 1, total: 1 }) <= progressFraction({ phase: "compute" }));
    assert.equal(progressFraction({ phase: "write" }, { done: 50, total: 100 }), 0.875);
    assert.equal(progressFraction({ phase: "done" }), 1);
    let s = apply(checked(), { type: "run-started" }, { type: "progress", at: { phase: "write" } }, { type: "rows", done: 50, total: 100 });
    assert.equal(s.progress?.fraction, 0.875);
    s = reduce(s, { type: "progress", at: { phase: "compute" } });
    assert.equal(s.progress?.fraction, 0.875, "never backwards");
    const locked = () => "the workbook is locked";
    s = reduce(s, { type: "run-failed", reason: locked });
    assert.equal(s.progress, undefined);
    assert.deepEqual(s.run, { status: "failed", reason: locked });
  });

  it("shows the problems a run found as the check's result too, so the run cannot be repeated blindly", () => {
    const s = apply(checked(), { type: "run-started" }, { type: "run-done", report: problems as RunReport });
    assert.equal(s.check.status === "done" && s.check.value.ok, false);
    assert.equal(canRun(s), false);
  });

  it("keeps a notice until the next step, and knows an empty workbook", () => {
    const s = apply(initialState(), { type: "cell", address: "Purchases!C3", selected: false });
    assert.deepEqual(s.notice, { kind: "cell", address: "Purchases!C3", selected: false });
    assert.equal(reduce(s, { type: "go", step: "run" }).notice, undefined);
    assert.equal(workbookIsEmpty({ ...scan(), tables: {} }), true);
    assert.equal(workbookIsEmpty(scan()), false);
  });

  it("notifies subscribers of its store on each change, and not when nothing changed", () => {
    const store = createStore();
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.dispatch({ type: "go", step: "method" });
    store.dispatch({ type: "progress", at: { phase: "compute" } }); // no run under way: no change
    assert.equal(calls, 1);
    assert.equal(store.get().step, "method");
    stop();
    store.dispatch({ type: "go", step: "check" });
    assert.equal(calls, 1);
  });

  it("flags a period day chosen out of order with the other day in force, the pane's or the workbook's, and only a chosen one", () => {
    const own = apply(initialState(), { type: "scan-done", scan: scan({ periodStart: "2026-11-01", periodEnd: "2026-11-30" }) });
    assert.deepEqual(periodChoiceProblems(own), [], "the workbook's own period is the check's to judge");
    const late = apply(own, { type: "choose-settings", patch: { periodStart: "2026-12-01" } });
    assert.deepEqual(periodChoiceProblems(late), [{ field: "periodStart", other: "2026-11-30" }]);
    const both = apply(late, { type: "choose-settings", patch: { periodEnd: "2026-11-15" } });
    assert.deepEqual(periodChoiceProblems(both), [
      { field: "periodStart", other: "2026-11-15" },
      { field: "periodEnd", other: "2026-12-01" },
    ]);
    const early = apply(own, { type: "choose-settings", patch: { periodEnd: "2026-10-31" } });
    assert.deepEqual(periodChoiceProblems(early), [{ field: "periodEnd", other: "2026-11-01" }]);
    assert.deepEqual(periodChoiceProblems(apply(early, { type: "choose-settings", patch: { periodEnd: "2026-11-01" } })), [], "one day is a period");
    const noPeriod = apply(initialState(), { type: "scan-done", scan: scan() }, { type: "choose-settings", patch: { periodStart: "2026-12-01" } });
    assert.deepEqual(periodChoiceProblems(noPeriod), [], "no last day to be after");
  });
});

describe("taskpane: where to fix a problem the pane cannot select, in words", () => {
  it("names a cell as a cell, and a range of whole rows (blank rows, a header row) as rows of their sheet, in three languages", () => {
    const [en, sv, ms] = (["en", "sv", "ms"] as const).map((l) => translator(l));
    assert.equal(shownAddressText(en, "Sales!C4"), "Cell Sales!C4. Fix it in the workbook, then open the file again.");
    assert.equal(shownAddressText(en, "Sales!10:11"), "Rows 10 to 11 of sheet Sales. Fix them in the workbook, then open the file again.");
    assert.equal(shownAddressText(en, "Purchases!1:1"), "Row 1 of sheet Purchases. Fix it in the workbook, then open the file again.");
    assert.equal(shownAddressText(en, "'Sales ''26'!3:4"), "Rows 3 to 4 of sheet Sales '26. Fix them in the workbook, then open the file again.");
    assert.equal(shownAddressText(sv, "Sales!10:11"), "Raderna 10 till 11 på bladet Sales. Rätta dem i arbetsboken och öppna sedan filen igen.");
    assert.equal(shownAddressText(ms, "Sales!10:11"), "Baris 10 hingga 11 pada helaian Sales. Betulkannya dalam buku kerja, kemudian buka fail itu semula.");
  });
});
