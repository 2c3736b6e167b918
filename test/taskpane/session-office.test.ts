/**
 * The session inside Excel, over the in-memory Excel fake (test/fakes): the
 * wizard's whole path through the Office adapter, the grid selection of a
 * problem, the sheet links, and choices remembered in the workbook's settings.
 */
import { strict as assert } from "node:assert";
import type { SeedCell } from "../fakes/excel-fake";
import { FakeExcel, FakeOfficeSettings, fakeWorkbook, snapshotWorkbook } from "../fakes/excel-fake";
import { ChannelRunner } from "../../src/taskpane/job/runner";
import type { FromWorker, ToWorker } from "../../src/taskpane/job/protocol";
import { endpointOf } from "../../src/taskpane/job/protocol";
import { serveJobs } from "../../src/taskpane/job/serve";
import { OfficeSession } from "../../src/taskpane/session-office";
import { WizardController } from "../../src/taskpane/wizard/controller";
import { createStore } from "../../src/taskpane/wizard/state";
import { GENERATED_KINDS } from "../../src/workbook/render";
import type { PortFixture } from "../contract/fixtures";
import { chairMaker, setCell } from "../contract/fixtures";

function officeWizard(fixture?: PortFixture) {
  const sheets: Record<string, SeedCell[][]> = {};
  for (const s of fixture?.sheets ?? [{ name: "Sheet1", rows: [] }]) sheets[s.name] = s.rows.map((r) => [...r] as SeedCell[]);
  const model = fakeWorkbook(sheets);
  const excel = new FakeExcel(model);
  const settings = new FakeOfficeSettings(model);
  const session = new OfficeSession(excel, settings);
  const { port1, port2 } = new MessageChannel();
  const stop = serveJobs(endpointOf<ToWorker, FromWorker>(port2));
  const runner = new ChannelRunner(endpointOf<FromWorker, ToWorker>(port1));
  const store = createStore();
  const controller = new WizardController(session, runner, store.dispatch, store.get);
  return {
    model,
    settings,
    session,
    store,
    controller,
    close() {
      runner.dispose();
      stop();
      port1.close();
      port2.close();
    },
  };
}

describe("taskpane: the Office session over the Excel fake", () => {
  it("checks and runs the chair maker in Excel: sheets written, each one activated from its link, with row progress", async () => {
    const w = officeWizard(chairMaker());
    try {
      await w.controller.start();
      assert.equal(w.store.get().scan.status, "done");
      await w.controller.check();
      const check = w.store.get().check;
      assert.ok(check.status === "done" && check.value.ok, JSON.stringify(check));
      const fractions: number[] = [];
      const stop = w.store.subscribe(() => {
        const p = w.store.get().progress;
        if (p) fractions.push(p.fraction);
      });
      await w.controller.run();
      stop();
      const run = w.store.get().run;
      assert.ok(run.status === "done" && run.value.ok);
      assert.deepEqual(
        run.value.sheets.map((s) => s.name),
        [...GENERATED_KINDS],
      );
      for (const kind of GENERATED_KINDS) assert.ok(w.model.sheets.some((s) => s.name === kind), `${kind} written`);
      assert.ok(fractions.length > 5 && fractions.every((f, i) => i === 0 || f >= fractions[i - 1]), `progress went ${fractions.join(", ")}`);
      await w.session.activate("Variances");
      assert.equal(snapshotWorkbook(w.model).activeSheet, "Variances");
      // A sheet gone since the run (renamed, deleted): the link's activation fails, which the Run step says (run.sheetGone).
      await assert.rejects(w.session.activate("No such sheet"));
    } finally {
      w.close();
    }
  });

  it("selects a problem's cell in the grid", async () => {
    const w = officeWizard(setCell(chairMaker(), "Purchases", "C3", "12,5kg"));
    try {
      await w.controller.start();
      await w.controller.check();
      const check = w.store.get().check;
      assert.ok(check.status === "done" && !check.value.ok);
      await w.controller.selectProblem(check.value.problems[0].address);
      assert.deepEqual(w.store.get().notice, { kind: "cell", address: "Purchases!C3", selected: true });
      const shot = snapshotWorkbook(w.model);
      assert.equal(shot.activeSheet, "Purchases");
      assert.match(String(shot.selection), /Purchases!\$?C\$?3$/);
      // A missing table's "address" is its name: nothing to select, the address is shown instead.
      await w.controller.selectProblem("Sales2");
      assert.deepEqual(w.store.get().notice, { kind: "cell", address: "Sales2", selected: false });
    } finally {
      w.close();
    }
  });

  it("inserts the template into an empty workbook, and lists its tables and sheets to pick from", async () => {
    const w = officeWizard();
    try {
      await w.controller.start();
      await w.controller.insert("template");
      assert.deepEqual(w.store.get().notice, { kind: "inserted", what: "template" });
      const scan = w.store.get().scan;
      assert.ok(scan.status === "done");
      assert.equal(Object.keys(scan.value.tables).length, 9);
      const sources = await w.session.listSources();
      assert.ok(sources.includes("Items") && sources.includes("Sheet1"), sources.join(", "));
    } finally {
      w.close();
    }
  });

  it("remembers the choices in the workbook's settings, and a new pane on the same workbook starts from them", async () => {
    const w = officeWizard(chairMaker());
    try {
      await w.controller.start();
      w.store.dispatch({ type: "choose-language", language: "sv" });
      await w.controller.chooseSettings({ sequence: "purchase-sale", periodEnd: "2026-11-30" });
      assert.equal(w.settings.saves, 1, "a method choice is saved at once");
      await w.controller.chooseTable("Sales", "Sales");
      assert.equal(w.settings.saves, 2);
      const reopened = new OfficeSession(new FakeExcel(w.model), new FakeOfficeSettings(w.model));
      assert.deepEqual(await reopened.loadChoices(), { tableNames: { Sales: "Sales" }, overrides: { sequence: "purchase-sale", periodEnd: "2026-11-30" }, language: "sv" });
    } finally {
      w.close();
    }
  });
});
