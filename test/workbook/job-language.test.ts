/**
 * The main job hands its language to the engine: a run in Swedish writes the
 * Journal's descriptions and memos in Swedish; without one, in English.
 */
import { strict as assert } from "node:assert";
import { OfficeWorkbook } from "../../src/adapters/office";
import { checkWorkbook, runWorkbookJob } from "../../src/workbook/job";
import { fakeExcelOf } from "../adapters/office.contract.test";
import { chairMaker } from "../contract/fixtures";

const chairs = () => new OfficeWorkbook(fakeExcelOf(chairMaker({ asTables: true })));

describe("workbook job: the engine writes in the job's language", () => {
  it("Swedish when the job is run in Swedish, on the Journal sheet too", async () => {
    const outcome = await runWorkbookJob(chairs(), { now: new Date(2026, 10, 1), language: "sv" });
    assert.ok(outcome.ok);
    const purchase = outcome.result.journal.find((e) => e.kind === "purchase")!;
    assert.match(purchase.description, /^Materialinköp /);
    // 4,000 kg WOOD at the standard 3: the quantity grouped with a no-break space.
    assert.ok(purchase.lines.some((l) => l.memo === "4\u00a0000 kg WOOD till standardpris 3"));
    const journal = outcome.sheets.find((s) => s.kind === "Journal")!;
    assert.ok(JSON.stringify(journal).includes("4\u00a0000 kg WOOD till standardpris 3"), "the Journal sheet carries the engine's memo");
  });

  it("English when the job names no language", async () => {
    const outcome = await checkWorkbook(chairs());
    assert.ok(outcome.ok);
    const purchase = outcome.result.journal.find((e) => e.kind === "purchase")!;
    assert.match(purchase.description, /^Materials purchased /);
    assert.ok(purchase.lines.some((l) => l.memo === "4000 kg WOOD at standard 3"));
  });
});
