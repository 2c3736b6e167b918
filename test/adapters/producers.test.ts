/**
 * Other programs' files in, a real spreadsheet program on what we write out.
 *
 * The bundled sample is saved again by LibreOffice (Debian's libreoffice-calc)
 * and by openpyxl (Debian's python3-openpyxl) in the test's setup; each copy
 * is read, costed and written. LibreOffice then opens every result headless
 * with the totals' saved values taken out, so it must calculate them itself,
 * and exports every sheet as CSV: its totals and the Journal's figures must
 * equal ours to the cent. `.ci/run` installs both programs.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadXlsx } from "../../src/adapters/xlsx/bytes";
import { Dec, ZERO } from "../../src/engine/money";
import type { BackflushResult } from "../../src/engine/types";
import { runWorkbookJob } from "../../src/workbook/job";
import { readZip, writeZip } from "./xlsx-zip";

const SAMPLE = resolve(__dirname, "../../assets/sample/backflush-sample.xlsx");
const SOFFICE = "/usr/bin/soffice";
const PYTHON = "/usr/bin/python3";
const NOW = new Date(2026, 10, 1, 9, 0);

/** Runs LibreOffice headless with a profile of its own, so a desktop LibreOffice the user has open does not interfere. */
function soffice(work: string, args: string[]): void {
  execFileSync(SOFFICE, [`-env:UserInstallation=file://${join(work, "lo-profile")}`, "--headless", "--norestore", ...args], { cwd: work, stdio: "pipe", timeout: 120_000 });
}

/** Every sheet of a workbook as CSV files NAME-SHEET.csv (LibreOffice's filter options: comma, quote, UTF-8, all sheets). */
function exportCsv(work: string, file: string): void {
  soffice(work, ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1", "--outdir", work, file]);
}

/** Simple CSV lines (LibreOffice quotes fields with commas; the figures we compare hold none). */
function csvRows(path: string): string[][] {
  return readFileSync(path, "utf8")
    .split(/\r?\n/)
    .filter((l) => l !== "")
    .map((l) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, "").replace(/""/g, '"')).slice(0, -1));
}

const money = (s: string | undefined): Dec => (s === undefined || s === "" ? ZERO : new Dec(s));

/**
 * What we wrote, with the totals' saved values taken out (LibreOffice must
 * calculate every SUBTOTAL itself), saved as `out` and exported by LibreOffice
 * as CSV; returns the stem of the CSV files' names.
 */
function recalculatedCsv(work: string, bytes: Uint8Array, out: string): string {
  const zip = readZip(Buffer.from(bytes));
  let stripped = 0;
  for (const [name, xml] of zip) {
    if (!name.startsWith("xl/worksheets/") || !name.endsWith(".xml")) continue;
    const text = xml.toString("utf8").replace(/(<f>SUBTOTAL[^<]*<\/f>)<v>[^<]*<\/v>/g, (_m, f: string) => {
      stripped++;
      return f;
    });
    zip.set(name, Buffer.from(text));
  }
  assert.ok(stripped >= 5, `only ${stripped} totals found`);
  writeFileSync(join(work, out), writeZip(zip));
  exportCsv(work, out);
  return join(work, out.replace(/\.xlsx$/, ""));
}

describe("xlsx adapter: files from LibreOffice and openpyxl in, LibreOffice on what we write", function () {
  this.timeout(300_000);
  let work: string;
  let expected: BackflushResult;

  before(async function () {
    assert.ok(existsSync(SOFFICE), `LibreOffice is needed at ${SOFFICE} (Debian: apt-get install libreoffice-calc; .ci/run installs it)`);
    assert.ok(existsSync(PYTHON), `Debian's python3 with openpyxl is needed at ${PYTHON} (apt-get install python3-openpyxl)`);
    work = mkdtempSync(join(tmpdir(), "backflush-producers-"));
    copyFileSync(SAMPLE, join(work, "sample.xlsx"));
    soffice(work, ["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", join(work, "libreoffice"), join(work, "sample.xlsx")]);
    execFileSync(PYTHON, ["-c", "import openpyxl, sys; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])", join(work, "sample.xlsx"), join(work, "openpyxl.xlsx")], { stdio: "pipe" });
    const original = await runWorkbookJob(await loadXlsx(readFileSync(SAMPLE)), { now: NOW });
    assert.ok(original.ok);
    expected = original.result;
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const producer of ["libreoffice", "openpyxl"] as const) {
    it(`reads and writes the sample as ${producer} saved it, and LibreOffice calculates our totals to the same cents`, async () => {
      const input = producer === "libreoffice" ? join(work, "libreoffice", "sample.xlsx") : join(work, "openpyxl.xlsx");
      const port = await loadXlsx(readFileSync(input));
      const outcome = await runWorkbookJob(port, { now: NOW });
      assert.ok(outcome.ok, outcome.ok ? "" : outcome.problems.slice(0, 3).map((p) => p.message).join("; "));
      assert.equal(outcome.result.totals.debit.toFixed(2), expected.totals.debit.toFixed(2));
      assert.equal(outcome.result.journal.length, expected.journal.length);

      const stem = recalculatedCsv(work, port.toBytes(), `${producer}-result.xlsx`);
      const journal = csvRows(`${stem}-Journal.csv`);
      const header = journal[3];
      const [debit, credit] = [header.indexOf("Debit"), header.indexOf("Credit")];
      const lines = journal.slice(4, -1);
      const totals = journal[journal.length - 1];
      assert.equal(totals[0], "Total");
      assert.equal(lines.length, expected.journal.reduce((n, e) => n + e.lines.length, 0));
      // LibreOffice's totals equal ours, and equal the lines it shows, to the cent.
      assert.equal(money(totals[debit]).toFixed(2), expected.totals.debit.toFixed(2));
      assert.equal(money(totals[credit]).toFixed(2), expected.totals.credit.toFixed(2));
      assert.equal(lines.reduce((a, l) => a.plus(money(l[debit])), ZERO).toFixed(2), expected.totals.debit.toFixed(2));
      // Line by line, the amounts LibreOffice reads are ours.
      const ours = expected.journal.flatMap((e) => e.lines);
      lines.forEach((l, i) => {
        assert.equal(money(l[debit]).toFixed(2), ours[i].debit.toFixed(2), `Journal row ${i + 5} debit`);
        assert.equal(money(l[credit]).toFixed(2), ours[i].credit.toFixed(2), `Journal row ${i + 5} credit`);
      });
      const balances = csvRows(`${stem}-Balances.csv`);
      assert.equal(balances[balances.length - 1][0], "Total");
    });
  }

  it("calculates the totals of sheets written in Swedish, over Swedish column names, to the same cents", async () => {
    const port = await loadXlsx(readFileSync(SAMPLE));
    const outcome = await runWorkbookJob(port, { now: NOW, language: "sv" });
    assert.ok(outcome.ok);
    const stem = recalculatedCsv(work, port.toBytes(), "swedish-result.xlsx");
    const journal = csvRows(`${stem}-Verifikationer.csv`);
    const [debit, credit] = [journal[3].indexOf("Debet"), journal[3].indexOf("Kredit")];
    const totals = journal[journal.length - 1];
    assert.equal(totals[0], "Summa");
    assert.equal(money(totals[debit]).toFixed(2), expected.totals.debit.toFixed(2));
    assert.equal(money(totals[credit]).toFixed(2), expected.totals.credit.toFixed(2));
    // The trial balance's Debet and Kredit totals, as LibreOffice calculates them, are equal.
    const balances = csvRows(`${stem}-Saldobalans.csv`);
    const [tbDebit, tbCredit] = [balances[3].lastIndexOf("Debet"), balances[3].lastIndexOf("Kredit")];
    const tbTotals = balances[balances.length - 1];
    assert.equal(tbTotals[0], "Summa");
    assert.ok(!money(tbTotals[tbDebit]).isZero());
    assert.equal(money(tbTotals[tbDebit]).toFixed(2), money(tbTotals[tbCredit]).toFixed(2));
  });
});
