/**
 * `backflush run … --sie OUT.si --csv OUT.csv [--summary]` end to end (the files here named .se: the name is the user's): the
 * files read back by the test-side readers (test/support/ledger-files.ts),
 * their per-account sums against the Balances sheet the same run wrote, the
 * Posting sheet, and all-or-nothing writing.
 */
import { strict as assert } from "node:assert";
import { chmod, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Dec, ZERO } from "../../src/engine/money";
import type { CellValue } from "../../src/workbook/cells";
import { decFromNumber } from "../../src/workbook/cells";
import type { PortFixture } from "../contract/fixtures";
import { chairMaker, editSheet } from "../contract/fixtures";
import { csvNets, nonZeroNets, readCsv, readSie, sieNets } from "../support/ledger-files";
import { cli, readSaved, records, tempFolder, workbookFile } from "./support";

/** The chair maker with a Swedish company name and, optionally, a Posting setting. */
function company(posting?: string): PortFixture {
  return editSheet(chairMaker(), "Settings", (rows) => {
    rows.push(["Company", "Möbelfabriken i Småland AB"], ["OrgNumber", "556677-8899"]);
    if (posting) rows.push(["Posting", posting]);
  });
}

const amount = (v: CellValue) => (typeof v === "number" ? decFromNumber(v) : ZERO);

/** Debit − credit per account over the Balances sheet: what the journal moved on each account. */
function balancesNet(rows: Record<string, CellValue>[]): Map<string, string> {
  const net = new Map<string, Dec>();
  for (const r of rows) net.set(String(r.Account), (net.get(String(r.Account)) ?? ZERO).plus(amount(r["Period debits"])).minus(amount(r["Period credits"])));
  return nonZeroNets(net);
}
const sieNet = (bytes: Uint8Array) => sieNets(readSie(bytes));
const csvNet = (text: string) => csvNets(readCsv(text.replace(/^\uFEFF/, "")));

describe("e2e: backflush run --sie --csv", () => {
  const folder = tempFolder();

  it("writes both files beside the workbook, and per account they carry what the Balances sheet shows", async () => {
    await workbookFile(folder.path, "chairs.xlsx", company());
    const run = await cli(folder.path, ["run", "chairs.xlsx", "-o", "out.xlsx", "--sie", "out.se", "--csv", "out.csv"]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((await readdir(folder.path)).sort(), ["chairs.xlsx", "out.csv", "out.se", "out.xlsx"]);
    const saved = await readSaved(join(folder.path, "out.xlsx"));
    const balances = balancesNet(records(saved, "Balances"));
    const sie = new Uint8Array(await readFile(join(folder.path, "out.se")));
    const csv = await readFile(join(folder.path, "out.csv"), "utf8");
    assert.deepEqual(sieNet(sie), balances);
    assert.deepEqual(csvNet(csv), balances);
    const file = readSie(sie);
    assert.equal(file.vers.length, records(saved, "Journal").reduce((n, r) => Math.max(n, Number(r.Entry)), 0));
    for (const v of file.vers) assert.ok(v.trans.reduce((a, t) => a.plus(t.amount), ZERO).isZero(), `#VER ${v.number} balances`);
    assert.ok(file.records.some((r) => r[0] === "#FNAMN" && r[1] === "Möbelfabriken i Småland AB"));
    assert.ok(!saved.sheetNames().includes("Posting"), "no Posting sheet in detail");
    assert.match(run.stdout, /Wrote SIE 4 file out\.se \(PC8\): \d+ entries/);
    assert.match(run.stdout, /Wrote CSV file out\.csv \(UTF-8\)/);
    // The chair maker has no Accounts table: every role it posts to is on a placeholder number, which the summary names.
    assert.match(run.stdout, /entries; posted to the placeholder accounts of roles the Accounts table does not map: RIP 1300, FG 1400, COGS 5000, AP 2000, CONV_CONTROL 5500, CONV_ALLOCATED 5510, CONV_SOURCE 2100, PPV 5100, USAGE_VARIANCE 5200; map them to your chart of accounts before you import it/);
  });

  it("names no placeholder account where the Accounts table maps every role the journal posts to", async () => {
    const fixture = company();
    const roles: [string, string, string][] = [["RIP", "1410", "Råvarulager"], ["FG", "1460", "Färdigvarulager"], ["AP", "2440", "Leverantörsskulder"], ["CONV_SOURCE", "2990", "Upplupna kostnader"], ["COGS", "4010", "Inköp material"], ["PPV", "4960", "Prisavvikelser"], ["USAGE_VARIANCE", "4970", "Förbrukningsavvikelser"], ["CONV_CONTROL", "4900", "Förädling"], ["CONV_ALLOCATED", "4910", "Förädling fördelad"]];
    await workbookFile(folder.path, "mapped.xlsx", { ...fixture, sheets: [...fixture.sheets, { name: "Accounts", rows: [["Role", "Account", "Name"], ...roles] }] });
    const run = await cli(folder.path, ["run", "mapped.xlsx", "--sie", "mapped.se"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Wrote SIE 4 file mapped\.se \(PC8\): \d+ entries\n/);
    assert.doesNotMatch(run.stdout, /placeholder/);
  });

  it("writes the exports without a workbook when no -o is given", async () => {
    await workbookFile(folder.path, "chairs.xlsx", company());
    const run = await cli(folder.path, ["run", "chairs.xlsx", "--csv", "out.csv"]);
    assert.equal(run.code, 0, run.stderr);
    // A CSV file alone names the placeholder accounts too: imported into a ledger, it posts to them as the SIE file would.
    assert.match(run.stdout, /Wrote CSV file out\.csv \(UTF-8\): [^\n]*; posted to the placeholder accounts of roles the Accounts table does not map: RIP 1300/);
    assert.deepEqual((await readdir(folder.path)).sort(), ["chairs.xlsx", "out.csv"]);
    assert.match(run.stdout, /No workbook written/);
  });

  for (const how of ["--summary", "Settings Posting = sammandrag"]) {
    it(`with ${how}, writes the Posting sheet and one summary entry in both files`, async () => {
      await workbookFile(folder.path, "chairs.xlsx", company(how.startsWith("--") ? undefined : "sammandrag"));
      const args = ["run", "chairs.xlsx", "-o", "out.xlsx", "--sie", "out.se", "--csv", "out.csv", ...(how.startsWith("--") ? [how] : [])];
      const run = await cli(folder.path, args);
      assert.equal(run.code, 0, run.stderr);
      const saved = await readSaved(join(folder.path, "out.xlsx"));
      assert.ok(saved.sheetNames().includes("Posting"), saved.sheetNames().join(", "));
      const posting = records(saved, "Posting");
      const balances = balancesNet(records(saved, "Balances"));
      const postingNet = new Map<string, Dec>(posting.map((r) => [String(r.Account), amount(r.Debit).minus(amount(r.Credit))]));
      assert.deepEqual(nonZeroNets(postingNet), balances, "the Posting sheet nets each account as the Balances sheet does");
      const sie = new Uint8Array(await readFile(join(folder.path, "out.se")));
      assert.equal(readSie(sie).vers.length, 1);
      assert.deepEqual(sieNet(sie), balances);
      assert.deepEqual(csvNet(await readFile(join(folder.path, "out.csv"), "utf8")), balances);
      assert.match(run.stdout, /SIE 4 file out\.se \(PC8\): 1 summary entry/);
    });
  }

  it("refuses --sie without a Company setting, and writes nothing at all", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    const run = await cli(folder.path, ["run", "chairs.xlsx", "-o", "out.xlsx", "--sie", "out.se", "--csv", "out.csv"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /add the row Company/);
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"]);
  });

  it("refuses --sie, writing nothing, where an account is no number (SIE's #KONTO takes digits); the CSV takes it", async () => {
    const withAccounts = { ...company(), sheets: [...company().sheets, { name: "Accounts", rows: [["Role", "Account", "Name"], ["PPV", "1410 A", "Prisavvikelse"]] }] };
    await workbookFile(folder.path, "chairs.xlsx", withAccounts);
    const run = await cli(folder.path, ["run", "chairs.xlsx", "--sie", "out.se", "--csv", "out.csv"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'backflush: cannot write out.se: an SIE file takes account numbers of digits only, and the account of PPV is "1410 A" (Accounts table): give it a number\n');
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"]);
    const csv = await cli(folder.path, ["run", "chairs.xlsx", "--csv", "out.csv"]);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(await readFile(join(folder.path, "out.csv"), "utf8"), /,1410 A,Prisavvikelse,/);
  });

  it("points at the Company setting's cell when its row is there and its value blank", async () => {
    // The chair maker's Settings hold 5 rows (2-6): Company comes in row 7, its value in B7.
    await workbookFile(folder.path, "chairs.xlsx", editSheet(chairMaker(), "Settings", (rows) => void rows.push(["Company", "   "])));
    const run = await cli(folder.path, ["run", "chairs.xlsx", "--sie", "out.se"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "backflush: cannot write out.se: an SIE file names the company (#FNAMN), and Settings!B7, the Company setting's value, is blank: write your company's name there\n");
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"]);
  });

  it("refuses, before anything is written, an export that cannot be written, and leaves no temporary file", async () => {
    await workbookFile(folder.path, "chairs.xlsx", company());
    const run = await cli(folder.path, ["run", "chairs.xlsx", "--sie", "out.se", "--csv", join("missing-folder", "out.csv")]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot write missing-folder\/out\.csv: the folder missing-folder does not exist; nothing was done/);
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"]);
  });

  it("refuses the same file for both exports, or the workbook as an export", async () => {
    await workbookFile(folder.path, "chairs.xlsx", company());
    const same = await cli(folder.path, ["run", "chairs.xlsx", "--sie", "x.txt", "--csv", "x.txt"]);
    assert.equal(same.code, 2);
    assert.match(same.stderr, /same file/);
    const over = await cli(folder.path, ["run", "chairs.xlsx", "--csv", "chairs.xlsx"]);
    assert.equal(over.code, 2);
    assert.match(over.stderr, /workbook itself/);
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"]);
  });

  it("checks the exports' paths first, as docs/cli.md says: before the company an SIE file needs", async () => {
    // The chair maker has no Company setting: an SIE file could not be made, yet the clash of paths is what is said.
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    const same = await cli(folder.path, ["run", "chairs.xlsx", "--sie", "j.csv", "--csv", "j.csv"]);
    assert.equal(same.code, 2);
    assert.equal(same.stderr, "backflush: --sie and --csv name the same file; give each its own\n");
    const sameThroughPath = await cli(folder.path, ["run", "chairs.xlsx", "--sie", "j.csv", "--csv", "./j.csv"]);
    assert.equal(sameThroughPath.stderr, same.stderr);
    for (const args of [
      ["run", "chairs.xlsx", "--in-place", "--sie", "chairs.xlsx"],
      ["run", "chairs.xlsx", "-o", "out.xlsx", "--sie", "out.xlsx", "--csv", "j.csv"],
    ]) {
      const run = await cli(folder.path, args);
      assert.equal(run.code, 2, args.join(" "));
      assert.match(run.stderr, /^backflush: (chairs|out)\.xlsx is the workbook itself; give the export another name\n$/, args.join(" "));
    }
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"], "nothing written, no backup");
  });

  it("refuses an export to a read-only file before any work, advising another name for the export, not -o", async () => {
    await workbookFile(folder.path, "chairs.xlsx", company());
    await writeFile(join(folder.path, "ro.csv"), "old");
    await chmod(join(folder.path, "ro.csv"), 0o444);
    const run = await cli(folder.path, ["run", "chairs.xlsx", "--csv", "ro.csv", "-o", "out.xlsx"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "backflush: ro.csv is read-only, so nothing was done; make it writable, or give the export another name\n");
    assert.equal(await readFile(join(folder.path, "ro.csv"), "utf8"), "old");
    assert.ok(!(await readdir(folder.path)).includes("out.xlsx"));
  });

  it("lists the exports in --json", async () => {
    await workbookFile(folder.path, "chairs.xlsx", company());
    const run = await cli(folder.path, ["run", "chairs.xlsx", "--json", "--csv", "out.csv"]);
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as { exports: string[] };
    assert.equal(doc.exports.length, 1);
    assert.match(doc.exports[0], /^CSV file out\.csv/);
  });
});
