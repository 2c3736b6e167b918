/** The Run step's warnings: what the Run Log says, in the pane's language, with the rows they came from. */
import { strict as assert } from "node:assert";
import { runReport } from "../../src/taskpane/job/reports";
import { runWorkbookJob } from "../../src/workbook/job";
import { fakeExcelOf } from "../adapters/office.contract.test";
import { OfficeWorkbook } from "../../src/adapters/office";
import { chairMaker } from "../contract/fixtures";

describe("taskpane: the Run step's warnings", () => {
  it("say what the Run Log says, with the input rows, in each language: the chairs not counted, how many were taken, from which rows", async () => {
    // Purchase, sale: the 100 chairs left (1,000 made, 900 sold) have no Count, so the run takes them at their book quantity.
    const outcome = await runWorkbookJob(new OfficeWorkbook(fakeExcelOf(chairMaker({ asTables: true, triggers: "purchase, sale" }))), { now: new Date(2026, 10, 1) });
    const report = runReport(outcome);
    assert.ok(report.ok);
    const w = report.warnings.find((x) => x.code === "goods-not-counted");
    assert.ok(w, JSON.stringify(report.warnings));
    for (const lang of ["en", "sv", "ms"] as const) {
      assert.match(w.said[lang], /CHAIR/, lang);
      assert.match(w.said[lang], /\b100\b/, `${lang}: the quantity taken`);
      assert.match(w.said[lang], /\(.*Production.*2.*Sales.*2.*\)$/, `${lang}: the rows it was reckoned from`);
    }
    assert.notEqual(w.said.sv, w.said.en);
    assert.notEqual(w.said.ms, w.said.en);
  });
});
