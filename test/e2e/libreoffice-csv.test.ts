/**
 * The CSV export opened by LibreOffice headless, as a spreadsheet user would
 * open it: LibreOffice converts it to .xlsx and the cells are read back. Runs
 * only where `soffice` (or the program $SOFFICE names) is on the machine;
 * elsewhere it is skipped with the reason printed.
 */
import { strict as assert } from "node:assert";
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Dec, ZERO } from "../../src/engine/money";
import { runBackflush } from "../../src/engine/run";
import { csvText } from "../../src/workbook/posting";
import { DEFAULT_ACCOUNTS } from "../../src/workbook/schema";
import type { Accounts } from "../../src/workbook/render";
import { loadBuffer, sheetValues } from "../adapters/xlsx-fixture";
import { chairMaker } from "../support/build";
import { nonZeroNets } from "../support/ledger-files";

const SOFFICE = process.env.SOFFICE ?? "soffice";

/** Whether LibreOffice answers `--version`; the reason when it does not. */
function libreOffice(): { ok: true } | { ok: false; why: string } {
  const r = spawnSync(SOFFICE, ["--version"], { encoding: "utf8", timeout: 60_000 });
  if (r.error) return { ok: false, why: `${SOFFICE} is not on this machine (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})` };
  if (r.status !== 0) return { ok: false, why: `${SOFFICE} --version failed: ${r.stderr}` };
  return { ok: true };
}

const ACCOUNTS: Accounts = {
  ...DEFAULT_ACCOUNTS,
  RIP: { account: "1410", name: "Råvarulager" },
  FG: { account: "1460", name: "Färdigvarulager, egen tillverkning" },
  COGS: { account: "4010", name: 'Kostnad sålda varor "KSV"' },
  PPV: { account: "4960", name: '=HYPERLINK("http://example.invalid","prisavvikelse")' },
};

describe("e2e: the CSV export in LibreOffice", function () {
  this.timeout(180_000);
  let folder = "";

  before(function () {
    const found = libreOffice();
    if (!found.ok) {
      console.log(`    (skipped: ${found.why}; install LibreOffice, or set SOFFICE, to run it)`);
      this.skip();
    }
  });
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "backflush-lo-"));
  });
  afterEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it("opens with one row per journal line, å, ä and ö intact, amounts as numbers, and no formula run", async () => {
    const result = runBackflush(chairMaker({ currency: "SEK" }));
    const csv = join(folder, "journal.csv");
    await writeFile(csv, csvText(result, ACCOUNTS, { posting: "detail" }), "utf8");
    // Comma-separated, " quotes, UTF-8 (76), from line 1, English number reading (1033).
    await promisify(execFile)(
      SOFFICE,
      ["--headless", "--norestore", `-env:UserInstallation=${pathToFileURL(join(folder, "profile")).href}`, "--infilter=CSV:44,34,76,1,,1033", "--convert-to", "xlsx", "--outdir", folder, csv],
      { timeout: 150_000 },
    );
    const book = await loadBuffer(await readFile(join(folder, "journal.xlsx")));
    const ws = book.worksheets[0];
    const rows = sheetValues(ws);
    assert.deepEqual(rows[0], ["Date", "Entry", "Account", "Account name", "Debit", "Credit", "Memo", "Source rows"]);
    const lines = result.journal.flatMap((e) => e.lines);
    assert.equal(rows.length - 1, lines.length);
    assert.ok(rows.some((r) => r[3] === "Råvarulager"));
    assert.ok(rows.some((r) => r[3] === "Färdigvarulager, egen tillverkning"), "a quoted comma stays in its field");
    assert.ok(rows.some((r) => r[3] === 'Kostnad sålda varor "KSV"'), "a doubled quote reads as one");

    // The would-be formula is text in the cell, not a formula (and so no link).
    const hyperlinkRows = rows.map((r, i) => ({ r, i })).filter(({ r }) => typeof r[3] === "string" && (r[3] as string).includes("HYPERLINK"));
    assert.ok(hyperlinkRows.length > 0, "the PPV account's lines are there");
    // (LibreOffice runs a field that starts with = as a formula; the apostrophe keeps it text, shown as written.)
    for (const { r, i } of hyperlinkRows) {
      assert.notEqual(ws.getCell(i + 1, 4).type, 6 /* ExcelJS ValueType.Formula */, `row ${i + 1} holds a formula`);
      assert.equal(r[3], `'${ACCOUNTS.PPV.name}`);
    }

    const net = new Map<string, Dec>();
    for (const r of rows.slice(1)) {
      for (const v of [r[4], r[5]]) assert.ok(v === null || v === undefined || typeof v === "number", `amount ${String(v)} read as a number`);
      const amount = (v: unknown) => (typeof v === "number" ? new Dec(String(v)) : ZERO);
      net.set(String(r[2]), (net.get(String(r[2])) ?? ZERO).plus(amount(r[4])).minus(amount(r[5])));
    }
    const journal = new Map<string, Dec>();
    for (const e of result.journal) for (const l of e.lines) journal.set(ACCOUNTS[l.role].account, (journal.get(ACCOUNTS[l.role].account) ?? ZERO).plus(l.debit).minus(l.credit));
    assert.deepEqual(nonZeroNets(net), nonZeroNets(journal));
  });
});
