/**
 * The exit codes, one documented table (docs/cli.md, "Exit codes"), each row
 * held by a run that ends with it; and a closed stdout (`--json | head`),
 * which must end the output quietly, not the process with an EPIPE stack,
 * while any other failure of an output stream is said and exits 2.
 */
import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import type { OutputFailure } from "../../src/cli/main";
import { EXIT, HELP, endOutputQuietlyWhenClosed, main, writerTo } from "../../src/cli/main";
import { chairMaker, setCell } from "../contract/fixtures";
import { cli, tempFolder, workbookFile } from "./support";

const ROOT = resolve(__dirname, "../..");

/** The rows of the table under "## Exit codes" in docs/cli.md: code → meaning. */
async function documentedCodes(): Promise<Map<number, string>> {
  const doc = await readFile(join(ROOT, "docs", "cli.md"), "utf8");
  const section = doc.split(/^## Exit codes$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = [...section.matchAll(/^\| (\d+) \| (.+) \|$/gm)];
  return new Map(rows.map((m) => [Number(m[1]), m[2]]));
}

describe("e2e: exit codes, one row each", () => {
  const folder = tempFolder();

  it("the table in docs/cli.md, the help text and EXIT hold the same four codes", async () => {
    const documented = await documentedCodes();
    assert.deepEqual([...documented.keys()], [0, 1, 2, 3]);
    assert.deepEqual(Object.values(EXIT).sort(), [0, 1, 2, 3]);
    for (const code of documented.keys()) assert.match(HELP, new RegExp(`\\b${code} [a-z]`), `help names exit code ${code}`);
  });

  it("0: done", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    const run = await cli(folder.path, ["run", "chairs.xlsx", "-o", "out.xlsx"]);
    assert.equal(run.code, EXIT.done, run.stderr);
    assert.equal(run.code, 0);
  });

  it("1: the data has problems, each listed with its cell", async () => {
    await workbookFile(folder.path, "chairs.xlsx", setCell(chairMaker(), "Production", "C2", "12,5kg"));
    const run = await cli(folder.path, ["run", "chairs.xlsx", "-o", "out.xlsx"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Production!C2: Qty "12,5kg" is not a number/);
  });

  const fileOrUsage: readonly [string, readonly string[], RegExp][] = [
    ["an unknown option (usage)", ["run", "chairs.xlsx", "--fast"], /^backflush: --fast is not an option of backflush\n/],
    ["a missing input (file)", ["run", "nothere.xlsx"], /^backflush: cannot find nothere\.xlsx\n$/],
    ["an input that is not a workbook (file)", ["run", "notes.txt"], /^backflush: notes\.txt is a text file \(such as \.csv\), not a workbook: /],
    ["an output in a folder that does not exist (file)", ["run", "chairs.xlsx", "-o", join("no-such-folder", "out.xlsx")], /^backflush: cannot write no-such-folder\/out\.xlsx: /],
  ];
  for (const [what, args, message] of fileOrUsage) {
    it(`2: ${what}`, async () => {
      await workbookFile(folder.path, "chairs.xlsx", chairMaker());
      await writeFile(join(folder.path, "notes.txt"), "Item;Qty\nCHAIR;12\n");
      const run = await cli(folder.path, args);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.deepEqual((await readdir(folder.path)).sort(), ["chairs.xlsx", "notes.txt"], "nothing written");
    });
  }

  it("3: an unexpected failure (here, the clock throwing inside the run) is named a bug, with what a report needs", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    let stderr = "";
    const code = await main(["run", "chairs.xlsx", "-o", "out.xlsx"], {
      cwd: folder.path,
      env: {},
      interactive: false,
      now: () => {
        throw new TypeError("the clock broke");
      },
      stdout: () => undefined,
      stderr: (t) => void (stderr += t),
    });
    assert.equal(code, 3);
    assert.match(stderr, /^backflush: unexpected failure; this is a bug in Backflush, please report it with the lines below\.\nTypeError: the clock broke\n {4}at /);
    assert.deepEqual((await readdir(folder.path)).sort(), ["chairs.xlsx"], "nothing written");
  });
});

describe("e2e: a closed stdout ends quietly", () => {
  const folder = tempFolder();

  it("backflush demo --json into a pipe closed before it prints: no EPIPE stack, exit 0, the result still written", async () => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "backflush.js"), "demo", "--json"], { cwd: folder.path, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "1" } });
    // What `| head -c 0` does: the reader goes away before the command prints a byte.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => void (stderr += d.toString()));
    const status = await new Promise<number | null>((done) => child.on("close", (code) => done(code)));
    assert.equal(stderr.replace(/^backflush: .*running the TypeScript.*\n/, ""), "");
    assert.equal(status, 0);
    assert.deepEqual(await readdir(folder.path), ["backflush-demo-result.xlsx"]);
  });

  it("a closed stdout still lets a data problem exit 1 (the run's own code stands)", async () => {
    await workbookFile(folder.path, "chairs.xlsx", setCell(chairMaker(), "Production", "C2", "12,5kg"));
    const child = spawn(process.execPath, [join(ROOT, "bin", "backflush.js"), "run", "chairs.xlsx", "--json"], { cwd: folder.path, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "1" } });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => void (stderr += d.toString()));
    const status = await new Promise<number | null>((done) => child.on("close", (code) => done(code)));
    assert.doesNotMatch(stderr, /EPIPE|at /);
    assert.equal(status, 1);
  });
});


describe("cli: an output stream that fails", () => {
  /** A stream whose every write fails with `code`, as a closed pipe or a failing device does. */
  function failingStream(code: string): { stream: Writable; attempts: () => number } {
    let attempts = 0;
    const stream = new Writable({
      write(_chunk, _encoding, done) {
        attempts++;
        done(Object.assign(new Error(`${code}: write failed`), { code, syscall: "write" }));
      },
    });
    return { stream, attempts: () => attempts };
  }

  function watch(): { failure: OutputFailure; said: string[]; code: () => number | undefined } {
    const said: string[] = [];
    let code: number | undefined;
    return { failure: { stderr: (t) => void said.push(t), exitCode: () => code, setExitCode: (c) => void (code = c) }, said, code: () => code };
  }

  const settle = () => new Promise((done) => setImmediate(done));

  it("a closed pipe (EPIPE): nothing said, the exit code left to the run, later output dropped", async () => {
    const { stream, attempts } = failingStream("EPIPE");
    const w = watch();
    endOutputQuietlyWhenClosed(stream, w.failure);
    const write = writerTo(stream);
    write("{\n");
    await settle();
    write('  "ok": true\n');
    write("}\n");
    await settle();
    assert.deepEqual([w.said, w.code(), attempts()], [[], undefined, 1]);
  });

  it("a full disk under stdout (Linux's /dev/full), as the command runs: said in the --lang asked for, exit 2", () => {
    const r = spawnSync("sh", ["-c", '"$0" "$@" > /dev/full', process.execPath, join(ROOT, "bin", "backflush.js"), "--version", "--lang", "sv"], { encoding: "utf8", env: { ...process.env, LANG: "C", LC_ALL: "" } });
    assert.equal(r.status, EXIT.usage, r.stderr);
    assert.match(r.stderr, /^backflush: utdata gick inte att skriva: /m);
  });

  it("any other failure: said in plain words, and a done run (its code set before or after) exits 2", async () => {
    for (const before of [undefined, EXIT.done, EXIT.dataErrors]) {
      const { stream } = failingStream("EIO");
      const w = watch();
      if (before !== undefined) w.failure.setExitCode(before);
      endOutputQuietlyWhenClosed(stream, w.failure);
      writerTo(stream)("{}\n");
      await settle();
      assert.deepEqual(w.said, ["backflush: the output could not be written: the disk reported an error\n"]);
      assert.equal(w.code(), before === EXIT.dataErrors ? EXIT.dataErrors : EXIT.usage, String(before));
    }
  });
});
