/**
 * The main job hands its language to the engine: a run in Swedish writes the
 * Journal's descriptions and memos in Swedish; without one, in English.
 */
import { strict as assert } from "node:assert";
import { OfficeWorkbook } from "../../src/adapters/office";
import { checkWorkbook, runWorkbookJob } from "../../src/workbook/job";
import { fakeExcelOf } from "../adapters/office.contract.test";
import { chairMaker } from "../contract/fixtures";
import type { SheetModel } from "../../src/workbook/render";

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

describe("workbook job: the default accounts' names in the sheets' language", () => {
  const accountNames = (sheets: readonly SheetModel[]) => {
    // The Journal's columns E (Account name) and F (Role).
    const journal = sheets.find((s) => s.kind === "Journal")!;
    return new Map(journal.rows.map((r) => [String(r[5]), String(r[4])]));
  };

  it("names the roles the workbook has no Accounts row for in Swedish and Malay, in the sheets and the read the exports use", async () => {
    for (const [language, ppv, rip] of [
      ["sv", "Prisavvikelse vid inköp", "Råvaror och produkter i arbete"],
      ["ms", "Varians harga belian", "Inventori bahan mentah dan dalam proses"],
      ["en", "Purchase price variance", "Raw and in-process inventory"],
    ] as const) {
      const outcome = await runWorkbookJob(chairs(), { now: new Date(2026, 10, 1), language });
      assert.ok(outcome.ok);
      const names = accountNames(outcome.sheets);
      assert.equal(names.get("PPV"), ppv, language);
      assert.equal(names.get("RIP"), rip, language);
      assert.equal(outcome.read.accounts.PPV.name, ppv, language);
      assert.equal(outcome.read.accounts.PPV.account, "5100", language);
    }
  });

  it("keeps a name the Accounts table gives, in every language", async () => {
    const fixture = chairMaker({ asTables: true });
    const withAccounts = { ...fixture, sheets: [...fixture.sheets, { name: "Accounts", rows: [["Role", "Account", "Name"], ["PPV", "4010", "Price differences"]] }], tables: [...(fixture.tables ?? []), { name: "Accounts", sheet: "Accounts", range: "A1:C2" }] };
    const outcome = await runWorkbookJob(new OfficeWorkbook(fakeExcelOf(withAccounts)), { now: new Date(2026, 10, 1), language: "sv" });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.read.accounts.PPV, { account: "4010", name: "Price differences" });
    assert.equal(outcome.read.accounts.COGS.name, "Kostnad sålda varor");
  });

  it("names in the sheet language a role the Accounts table names with the English default (as the template writes it) or leaves without a name, keeping its number", async () => {
    const fixture = chairMaker({ asTables: true });
    const rows = [["Role", "Account", "Name"], ["PPV", "4010", "Purchase price variance"], ["RIP", "1410", null]];
    const withAccounts = { ...fixture, sheets: [...fixture.sheets, { name: "Accounts", rows }], tables: [...(fixture.tables ?? []), { name: "Accounts", sheet: "Accounts", range: "A1:C3" }] };
    const outcome = await runWorkbookJob(new OfficeWorkbook(fakeExcelOf(withAccounts)), { now: new Date(2026, 10, 1), language: "ms" });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.read.accounts.PPV, { account: "4010", name: "Varians harga belian" });
    assert.deepEqual(outcome.read.accounts.RIP, { account: "1410", name: "Inventori bahan mentah dan dalam proses" });
  });
});
