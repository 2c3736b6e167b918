import { strict as assert } from "node:assert";
import { runBackflush } from "../../src/engine";
import { DEFAULT_ACCOUNTS } from "../../src/workbook/schema";
import { JOURNAL_COLUMNS, journalRows } from "../../src/workbook/render";
import { chairMaker } from "../support/build";

describe("workbook: journal rows", () => {
  const result = runBackflush(chairMaker());
  const rows = journalRows(result, DEFAULT_ACCOUNTS, { Production: "Production" });
  const debit = JOURNAL_COLUMNS.findIndex((c) => c.header === "Debit");
  const credit = JOURNAL_COLUMNS.findIndex((c) => c.header === "Credit");

  it("shows each amount on its own side only: the other side is blank, never 0.00", () => {
    assert.equal(rows.length, result.journal.reduce((n, e) => n + e.lines.length, 0));
    for (const row of rows) assert.ok(row[debit] === null || row[credit] === null, `both sides filled: ${JSON.stringify(row)}`);
    const fg = rows.find((r) => r[5] === "FG" && r[2] === "completion")!;
    assert.equal((fg[debit] as { toFixed(n: number): string }).toFixed(2), "23300.00");
    assert.equal(fg[credit], null);
  });
});
