import { strict as assert } from "node:assert";
import { BackflushDataError, runBackflush } from "../../src/engine";
import { ACCOUNT_ROLES } from "../../src/engine/types";
import { readInput } from "../../src/workbook/parse";
import { DEFAULT_ACCOUNTS, TABLES, TABLE_ORDER } from "../../src/workbook/schema";
import { rawTablesOf, templateTables } from "../../src/sample";

describe("sample: the empty input template", () => {
  const models = templateTables();

  it("has every input table on a sheet of its name, with schema.ts's English headers, kinds and room for them", () => {
    assert.deepEqual(models.map((m) => m.table), TABLE_ORDER);
    for (const m of models) {
      assert.equal(m.sheet, m.table);
      assert.deepEqual(m.columns.map((c) => c.header), TABLES[m.table].columns.map((c) => c.key));
      assert.deepEqual(m.columns.map((c) => c.kind), TABLES[m.table].columns.map((c) => c.kind));
      for (const c of m.columns) assert.ok(c.width >= c.header.length + 1, `${m.table}.${c.header} is ${c.width} wide`);
    }
  });

  it("holds no data but the Settings and the default chart of accounts", () => {
    for (const m of models) if (m.table !== "Settings" && m.table !== "Accounts") assert.equal(m.rows.length, 0, m.table);
    const accounts = models.find((m) => m.table === "Accounts")!.rows;
    assert.deepEqual(accounts, ACCOUNT_ROLES.map((r) => [r, DEFAULT_ACCOUNTS[r].account, DEFAULT_ACCOUNTS[r].name]));
  });

  it("reads without a problem into the default settings; running it says there is nothing to cost yet", () => {
    const read = readInput(rawTablesOf(models));
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.input!.settings, { sequence: "purchase-completion-sale", currency: "USD", disposition: "cogs" });
    assert.deepEqual(read.accounts, DEFAULT_ACCOUNTS);
    const keys = models.find((m) => m.table === "Settings")!.rows.map((r) => r[0]);
    assert.deepEqual(keys, ["Triggers", "PeriodStart", "PeriodEnd", "Currency", "Disposition"]);
    assert.throws(() => runBackflush(read.input!), (e: unknown) => e instanceof BackflushDataError && e.issues.length === 1 && e.issues[0].code === "nothing-to-cost");
  });
});
