/**
 * The launcher, bin/backflush.js, in a copy of the package made in a temporary
 * folder (its own bin, scripts and src; node_modules and assets linked): it
 * runs the bundle scripts/build-cli.js builds (what `npm ci` does through
 * `prepare`), and the TypeScript through tsx, with a one-line notice, only
 * when the bundle is missing or older than the sources.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { cp, mkdir, readFile, readdir, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { tempFolder } from "./support";

const ROOT = resolve(__dirname, "../..");

interface Launch {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The files Node loaded through require, relative to the package. */
  loaded: string[];
}

describe("e2e: the launcher runs the built command line", () => {
  const folder = tempFolder();
  let pkg: string;

  beforeEach(async () => {
    pkg = join(folder.path, "backflush");
    await mkdir(join(pkg, "scripts"), { recursive: true });
    await cp(join(ROOT, "bin"), join(pkg, "bin"), { recursive: true });
    await cp(join(ROOT, "src"), join(pkg, "src"), { recursive: true });
    for (const script of ["build-cli.js", "bundle.js"]) await cp(join(ROOT, "scripts", script), join(pkg, "scripts", script));
    await cp(join(ROOT, "package.json"), join(pkg, "package.json"));
    await symlink(join(ROOT, "node_modules"), join(pkg, "node_modules"));
    await symlink(join(ROOT, "assets"), join(pkg, "assets"));
    await mkdir(join(folder.path, "work"));
    // Records, as the process ends, which files it loaded.
    await writeFile(join(folder.path, "record.js"), `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(join(folder.path, "loaded.json"))}, JSON.stringify(Object.keys(require.cache))));\n`);
  });

  function build(): void {
    const r = spawnSync(process.execPath, [join(pkg, "scripts", "build-cli.js")], { cwd: pkg, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  }

  /** Runs bin/backflush.js with the test's environment, its locale replaced by `locale` (English, C, unless given). */
  async function launchIn(locale: Readonly<Record<string, string>>, ...args: string[]): Promise<Launch> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "LC_ALL" && k !== "LC_MESSAGES" && k !== "LANG"));
    const r = spawnSync(process.execPath, ["--require", join(folder.path, "record.js"), join(pkg, "bin", "backflush.js"), ...args], {
      cwd: join(folder.path, "work"),
      encoding: "utf8",
      env: { ...env, CI: "1", ...locale },
    });
    const loaded = (JSON.parse(await readFile(join(folder.path, "loaded.json"), "utf8")) as string[]).filter((f) => f.startsWith(pkg)).map((f) => f.slice(pkg.length + 1));
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, loaded };
  }

  const launch = (...args: string[]) => launchIn({ LC_ALL: "C.UTF-8" }, ...args);

  it("the prepare script (run by npm ci and npm install) builds it", async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    assert.equal(manifest.scripts.prepare, "node scripts/build-cli.js");
    build();
    assert.deepEqual((await readdir(join(pkg, "build", "cli"))).sort(), ["backflush.cjs", "inputs.json"]);
    const inputs = JSON.parse(await readFile(join(pkg, "build", "cli", "inputs.json"), "utf8")) as string[];
    assert.ok(inputs.includes("src/cli/main.ts") && inputs.includes("src/engine/run.ts"), inputs.join(" "));
  });

  it("runs the bundle, not TypeScript: --help, and demo --json end to end (the sample found from build/cli)", async () => {
    build();
    const help = await launch("--help");
    assert.equal(help.status, 0, help.stderr);
    assert.equal(help.stderr, "");
    assert.match(help.stdout, /^Backflush \d+\.\d+\.\d+: backflush costing on an Excel workbook\.\n\nUsage:/);
    assert.deepEqual(help.loaded, ["bin/backflush.js", "build/cli/backflush.cjs"]);
    const demo = await launch("demo", "--json");
    assert.equal(demo.status, 0, demo.stderr);
    assert.equal(demo.stderr, "");
    assert.equal((JSON.parse(demo.stdout) as { output: string }).output, "backflush-demo-result.xlsx");
    assert.deepEqual(await readdir(join(folder.path, "work")), ["backflush-demo-result.xlsx"]);
    assert.ok(!demo.loaded.some((f) => f.endsWith(".ts")), demo.loaded.join(" "));
  });

  it("speaks the language of the process's locale: LANG=sv_SE.UTF-8 gives Swedish help", async () => {
    build();
    const help = await launchIn({ LANG: "sv_SE.UTF-8" }, "--help");
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Backflush \d+\.\d+\.\d+: backflush-kalkylering i en Excel-arbetsbok\.\n\nAnvändning:\n/);
    const english = await launchIn({ LC_ALL: "C", LANG: "sv_SE.UTF-8" }, "--help");
    assert.match(english.stdout, /\n\nUsage:\n/);
  });

  it("runs the sources through tsx, with a one-line notice, when the bundle is missing", async () => {
    const run = await launch("--version");
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${(JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { version: string }).version}\n`);
    assert.equal(run.stderr, "backflush: the built command line (build/cli) is missing; running the TypeScript through tsx, which is slower. Build it with: npm run build:cli\n");
    assert.ok(run.loaded.includes("src/cli/main.ts"), run.loaded.join(" "));
    // In the locale's language, as the command's own words.
    assert.equal((await launchIn({ LANG: "sv_SE.UTF-8" }, "--version")).stderr, "backflush: den byggda kommandoraden (build/cli) saknas; kör TypeScript-koden genom tsx, vilket är långsammare. Bygg den med: npm run build:cli\n");
    assert.match((await launchIn({ LANG: "ms_MY.UTF-8" }, "--version")).stderr, /^backflush: baris perintah yang dibina \(build\/cli\) tiada; /);
  });

  it("runs the sources through tsx, with a one-line notice, when a source is newer than the bundle", async () => {
    build();
    // As after an edit: the bundle older than a source it holds.
    const earlier = new Date(Date.now() - 60_000);
    await utimes(join(pkg, "build", "cli", "backflush.cjs"), earlier, earlier);
    const run = await launch("--version");
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "backflush: the built command line (build/cli) is older than the sources; running the TypeScript through tsx, which is slower. Build it with: npm run build:cli\n");
    assert.ok(run.loaded.includes("src/cli/main.ts") && !run.loaded.includes("build/cli/backflush.cjs"), run.loaded.join(" "));
    build();
    assert.equal((await launch("--version")).stderr, "", "built again, it is run again");
    await rm(join(pkg, "build", "cli", "inputs.json"));
    assert.match((await launch("--version")).stderr, /^backflush: the built command line \(build\/cli\) cannot be checked against the sources; /);
  });
});
