/**
 * The other commands end to end — template, demo, help — the usage errors
 * (exit 2, nothing written), and the progress bar. The launcher is in launcher.test.ts.
 */
import { strict as assert } from "node:assert";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { decodeRange } from "../../src/adapters/xlsx/workbook";
import { Progress } from "../../src/cli/progress";
import { main } from "../../src/cli/main";
import { columnLetter } from "../../src/workbook/cells";
import { GENERATED_KINDS, numberFormat } from "../../src/workbook/render";
import { TABLES, TABLE_ORDER } from "../../src/workbook/schema";
import { ACCOUNT_ROLES } from "../../src/engine";
import { chairMaker } from "../contract/fixtures";
import { bufferOf, loadBuffer, tablesOf } from "../adapters/xlsx-fixture";
import { RUN_AT, cli, netOf, readSaved, records, sha256, tempFolder, workbookFile } from "./support";

const ROOT = resolve(__dirname, "../..");

describe("e2e: backflush template", () => {
  const folder = tempFolder();

  it("writes an empty input workbook: every table, headers in row 1, formats by kind, header frozen", async () => {
    const run = await cli(folder.path, ["template", "input.xlsx"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Wrote input\.xlsx/);
    const saved = await readSaved(join(folder.path, "input.xlsx"));
    assert.deepEqual(saved.sheetNames(), [...TABLE_ORDER]);
    const tables = saved.tables();
    for (const name of TABLE_ORDER) {
      const t = tables.find((x) => x.name === name);
      assert.ok(t && t.sheet === name && t.headerRow && !t.totalsRow, name);
      assert.deepEqual(t.columns, TABLES[name].columns.map((c) => c.key), name);
      assert.equal(saved.frozenRows(name), 1, name);
      TABLES[name].columns.forEach((c, j) => {
        const format = saved.cell(name, `${columnLetter(j)}2`).numberFormat;
        assert.equal(format, c.kind === "text" ? "@" : c.kind === "date" ? numberFormat("date", 2) : "General", `${name}.${c.key}`);
      });
    }
    const settings = Object.fromEntries(saved.values("Settings").slice(1).map((r) => [r[0], r[1] ?? null]));
    assert.deepEqual(settings, { Triggers: "purchase, completion, sale", PeriodStart: null, PeriodEnd: null, Currency: "USD", Disposition: "cogs" });
    assert.equal(saved.values("Accounts").length, 1 + ACCOUNT_ROLES.length, "a row per account role under the header");
  });

  it("is ready to fill: the chair maker typed into its tables costs to COGS 21,780.00", async () => {
    assert.equal((await cli(folder.path, ["template", "input.xlsx"])).code, 0);
    const book = await loadBuffer(await readFile(join(folder.path, "input.xlsx")));
    for (const s of chairMaker().sheets) {
      const ws = book.getWorksheet(s.name);
      assert.ok(ws, s.name);
      const table = tablesOf(ws)[0];
      const headers = table.columns.map((c) => c.name);
      // Type each row under the table, by header, as a user would; Excel grows the table over it.
      s.rows.slice(1).forEach((row, i) => {
        headers.forEach((h, j) => {
          const k = s.rows[0].indexOf(h);
          ws.getCell(i + 2, j + 1).value = k >= 0 && row[k] !== null ? (row[k] as never) : null;
        });
      });
      const { left, right } = decodeRange(table.tableRef);
      table.tableRef = `${columnLetter(left - 1)}1:${columnLetter(right - 1)}${Math.max(2, s.rows.length)}`;
    }
    await writeFile(join(folder.path, "input.xlsx"), await bufferOf(book));
    const run = await cli(folder.path, ["run", "input.xlsx", "-o", "out.xlsx"]);
    assert.equal(run.code, 0, run.stderr);
    const journal = records(await readSaved(join(folder.path, "out.xlsx")), "Journal");
    assert.equal(netOf(journal.filter((r) => r.Role === "COGS")), "21780.00");
  });

  it("refuses to overwrite an existing file", async () => {
    const path = join(folder.path, "input.xlsx");
    await writeFile(path, "mine");
    const run = await cli(folder.path, ["template", "input.xlsx"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "backflush: input.xlsx already exists; give another name, or delete it first\n");
    assert.equal(await readFile(path, "utf8"), "mine");
  });
});

describe("e2e: backflush demo", () => {
  const folder = tempFolder();

  it("costs the sample workbook and writes backflush-demo-result.xlsx in the working folder, with a summary", async () => {
    const sample = await workbookFile(folder.path, "sample.xlsx", chairMaker({ asTables: true }));
    const before = await sha256(sample);
    const out: string[] = [];
    const code = await main(["demo"], { cwd: folder.path, env: {}, interactive: false, now: () => RUN_AT, sampleWorkbook: sample, stdout: (t) => void out.push(t), stderr: (t) => void out.push(t) });
    assert.equal(code, 0, out.join(""));
    const text = out.join("");
    assert.match(text, /Cost of goods sold +21,780\.00/);
    assert.match(text, /Wrote backflush-demo-result\.xlsx \(sheets Journal, Consumption, Variances, Balances, Run Log, Closing, Standards Review, Proposed Items\)/);
    assert.equal(await sha256(sample), before, "the sample is only read");
    const saved = await readSaved(join(folder.path, "backflush-demo-result.xlsx"));
    for (const kind of GENERATED_KINDS) assert.ok(saved.sheetNames().includes(kind), kind);
  });

  it("runs the bundled sample workbook (what npm run demo does)", async () => {
    const run = await cli(folder.path, ["demo", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as { output: string; totals: { debit: string; credit: string }; journal: unknown[] };
    assert.equal(doc.output, "backflush-demo-result.xlsx");
    assert.equal(doc.totals.debit, doc.totals.credit);
    const journal = records(await readSaved(join(folder.path, "backflush-demo-result.xlsx")), "Journal");
    assert.equal(journal.length, doc.journal.length);
    assert.equal(netOf(journal), "0.00");
  });

  it("refuses to write over the sample it reads, and says so without pointing at --in-place, which the demo does not take", async () => {
    const sample = await workbookFile(folder.path, "sample.xlsx", chairMaker({ asTables: true }));
    const before = await sha256(sample);
    let err = "";
    const code = await main(["demo", "-o", "sample.xlsx"], { cwd: folder.path, env: {}, interactive: false, now: () => RUN_AT, sampleWorkbook: sample, stdout: () => undefined, stderr: (t) => void (err += t) });
    assert.equal(code, 2);
    assert.equal(err, "backflush: the output is the bundled sample, which the demo only reads; write the result to a file of its own\n");
    assert.equal(await sha256(sample), before);
  });

  it("says clearly when the sample workbook is missing", async () => {
    const missing = join(folder.path, "nowhere", "backflush-sample.xlsx");
    let err = "";
    const code = await main(["demo"], { cwd: folder.path, env: {}, interactive: false, sampleWorkbook: missing, stdout: () => undefined, stderr: (t) => void (err += t) });
    assert.equal(code, 2);
    assert.equal(err, `backflush: the sample workbook ${missing} is missing; make it with: npx tsx scripts/make-sample.ts\n`);
    assert.deepEqual(await readdir(folder.path), []);
  });
});

describe("e2e: usage errors exit 2 and write nothing", () => {
  const folder = tempFolder();
  const cases: readonly [string, readonly string[], RegExp][] = [
    ["no command", [], /^Backflush .*\nUsage:/s],
    ["an unknown command", ["frobnicate"], /^backflush: unknown command "frobnicate"\nRun "backflush help" for usage\.\n$/],
    ["an unknown option", ["run", "chairs.xlsx", "--fast"], /^backflush: --fast is not an option of backflush\n/],
    ["an empty output name", ["run", "chairs.xlsx", "-o", ""], /^backflush: -o names no file: give it a file name\n/],
    ["an empty export name", ["run", "chairs.xlsx", "--csv", " "], /^backflush: --csv names no file: give it a file name\n/],
    ["an empty input name", ["run", ""], /^backflush: run names no file: give it a file name\n/],
    ["run without an input", ["run"], /^backflush: run needs an input workbook: backflush run FILE\.xlsx\n/],
    ["run with -o given twice", ["run", "chairs.xlsx", "-o", "a.xlsx", "-o", "b.xlsx"], /^backflush: -o is given twice, a\.xlsx and b\.xlsx: give it once\n/],
    ["run with two inputs", ["run", "chairs.xlsx", "other.xlsx"], /^backflush: run takes one input workbook, not chairs\.xlsx other\.xlsx\n/],
    ["both -o and --in-place", ["run", "chairs.xlsx", "-o", "out.xlsx", "--in-place"], /^backflush: give either -o OUTPUT\.xlsx or --in-place, not both\n/],
    ["-o naming the input", ["run", "chairs.xlsx", "-o", "./chairs.xlsx"], /^backflush: the output is the input; use --in-place/],
    ["a missing input", ["run", "nothere.xlsx", "-o", "out.xlsx"], /^backflush: cannot find nothere\.xlsx\n$/],
    ["an input that is not a workbook", ["run", "notes.xlsx", "-o", "out.xlsx"], /^backflush: notes\.xlsx is a text file \(such as \.csv\), not a workbook: open it in Excel and save it as an Excel Workbook \(\.xlsx\)\n$/],
    ["--in-place with demo", ["demo", "--in-place"], /^backflush: demo takes no --in-place\n/],
    ["template without a file", ["template"], /^backflush: template takes one file name/],
    ["template with -o", ["template", "t.xlsx", "-o", "x.xlsx"], /^backflush: template takes no --output\n/],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: backflush ${args.join(" ")}`, async () => {
      const input = await workbookFile(folder.path, "chairs.xlsx", chairMaker());
      await writeFile(join(folder.path, "notes.xlsx"), "Item;Qty\n");
      const before = await sha256(input);
      const run = await cli(folder.path, args);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, message);
      assert.equal(await sha256(input), before);
      assert.deepEqual((await readdir(folder.path)).sort(), ["chairs.xlsx", "notes.xlsx"]);
    });
  }

  it("help and --version go to stdout and exit 0", async () => {
    for (const args of [["help"], ["--help"], ["run", "-h"]]) {
      const run = await cli(folder.path, args);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^Backflush \d+\.\d+\.\d+: .*\nUsage:\n {2}backflush run INPUT\.xlsx -o OUTPUT\.xlsx/s);
      assert.match(run.stdout, /Exit codes: 0 done; 1 the data has errors/);
    }
    const version = await cli(folder.path, ["--version"]);
    assert.deepEqual([version.code, version.stdout], [0, `${JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")).version}\n`]);
  });
});

describe("e2e: the progress bar", () => {
  const clock = (t: { now: number }) => ({ now: () => t.now });

  it("draws nothing when it is not on a terminal", () => {
    const written: string[] = [];
    const t = { now: 0 };
    const p = new Progress((s) => void written.push(s), false, clock(t), 0);
    p.step("Reading", 0, 0.5);
    t.now = 5000;
    p.tick();
    p.done();
    assert.deepEqual(written, []);
  });

  it("waits before drawing, so a quick run prints nothing, then draws a growing bar and clears it at the end", () => {
    const written: string[] = [];
    const t = { now: 0 };
    const p = new Progress((s) => void written.push(s), true, clock(t), 400);
    p.step("Reading chairs.xlsx", 0, 0.5);
    t.now = 300;
    p.tick();
    assert.deepEqual(written, [], "nothing before the delay");
    t.now = 1000;
    p.tick();
    t.now = 3000;
    p.tick();
    p.step("Saving out.xlsx", 0.75, 1);
    p.done();
    assert.equal(written.length, 4);
    const percents = written.slice(0, 3).map((w) => Number(/\] +(\d+)% /.exec(w)?.[1]));
    assert.ok(percents[0] < percents[1] && percents[1] < 50 && percents[2] === 75, percents.join(" "));
    assert.match(written[0], /^\r\[#*-*\] +\d+% Reading chairs\.xlsx\x1b\[K$/);
    assert.equal(written[3], "\r\x1b[K");
  });
});
