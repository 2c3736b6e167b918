/**
 * `backflush run … --in-place` (and `-o`) with real files: through a symlink,
 * keeping the mode, refusing a read-only file before any work, leaving no
 * temporary file when the write fails, and tidying what a killed run left.
 * These tests run as root here, where the system lets every write through, so
 * read-only is made with the mode bits, which Backflush honours for root too.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { chmod, chown, lstat, mkdir, readFile, readdir, readlink, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { STALE_TEMP_AGE_MS } from "../../src/adapters/xlsx/save-file";
import { GENERATED_KINDS } from "../../src/workbook/render";
import { chairMaker, setCell } from "../contract/fixtures";
import { cli, readSaved, sha256, tempFolder, workbookFile } from "./support";

const ROOT = resolve(__dirname, "../..");
const BACKUP = "chairs.backup-20261201-093000.xlsx";

describe("e2e: --in-place done right", () => {
  const folder = tempFolder();

  it("writes through a symlink to its target; the link stays, the backup is next to the link", async () => {
    await mkdir(join(folder.path, "books"));
    const real = await workbookFile(join(folder.path, "books"), "plant.xlsx", chairMaker());
    const original = await readFile(real);
    await symlink(join("books", "plant.xlsx"), join(folder.path, "chairs.xlsx"));
    const run = await cli(folder.path, ["run", "chairs.xlsx", "--in-place"]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok((await lstat(join(folder.path, "chairs.xlsx"))).isSymbolicLink(), "still a link");
    assert.equal(await readlink(join(folder.path, "chairs.xlsx")), join("books", "plant.xlsx"));
    const saved = await readSaved(real);
    for (const kind of GENERATED_KINDS) assert.ok(saved.sheetNames().includes(kind), kind);
    assert.ok((await readFile(join(folder.path, BACKUP))).equals(original), "the backup is the original");
    assert.deepEqual((await readdir(folder.path)).sort(), ["books", BACKUP, "chairs.xlsx"]);
    assert.deepEqual(await readdir(join(folder.path, "books")), ["plant.xlsx"]);
  });

  it("keeps the file's mode (0640), and gives the file and its backup the file's owner (root saving a user's file)", async () => {
    const input = await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    await chmod(input, 0o640);
    // As root the file is given to another user first, so that a backup left root's shows; otherwise all stays ours.
    if (process.getuid?.() === 0) await chown(input, 4321, 4322);
    const owner = await stat(input);
    assert.equal((await cli(folder.path, ["run", "chairs.xlsx", "--in-place"])).code, 0);
    assert.equal((await stat(input)).mode & 0o777, 0o640);
    for (const path of [input, join(folder.path, BACKUP)]) {
      const now = await stat(path);
      assert.deepEqual([now.uid, now.gid], [owner.uid, owner.gid], path);
    }
  });

  it("refuses a read-only file before any work: exit 2, plain words, the file byte-identical, no backup", async () => {
    // With a data problem in it, so that a refusal after reading would show as exit 1 instead.
    const input = await workbookFile(folder.path, "chairs.xlsx", setCell(chairMaker(), "Production", "C2", "12,5kg"));
    await chmod(input, 0o444);
    const before = await sha256(input);
    const run = await cli(folder.path, ["run", "chairs.xlsx", "--in-place"]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr, "backflush: chairs.xlsx is read-only, so nothing was done; make it writable, or write the result elsewhere with -o OUTPUT.xlsx\n");
    assert.equal(await sha256(input), before);
    assert.equal((await stat(input)).mode & 0o777, 0o444);
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"]);
  });

  for (const [program, lock] of [
    ["LibreOffice", ".~lock.chairs.xlsx#"],
    ["Excel", "~$chairs.xlsx"],
  ] as const) {
    it(`refuses a file open in ${program} (${lock} beside it) before any work: exit 2, its next save there would undo the run`, async () => {
      const input = await workbookFile(folder.path, "chairs.xlsx", chairMaker());
      await writeFile(join(folder.path, lock), "owner");
      const before = await sha256(input);
      const run = await cli(folder.path, ["run", "chairs.xlsx", "--in-place"]);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `backflush: chairs.xlsx is open in another program (${lock} beside it says so), so nothing was done: close it there and run again; if no program has it open, delete ${lock}\n`);
      assert.equal(await sha256(input), before);
      assert.deepEqual((await readdir(folder.path)).sort(), [lock, "chairs.xlsx"].sort());
      // Closed (its lock gone), the same command runs.
      await rm(join(folder.path, lock));
      assert.equal((await cli(folder.path, ["run", "chairs.xlsx", "--in-place"])).code, 0);
    });
  }

  it("writes a file whose name ends another's that is open: ~$airs.xlsx is the lock of airs.xlsx, not of chairs.xlsx", async () => {
    const input = await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    await writeFile(join(folder.path, "~$airs.xlsx"), "owner");
    const before = await sha256(input);
    assert.equal((await cli(folder.path, ["run", "chairs.xlsx", "--in-place"])).code, 0);
    assert.notEqual(await sha256(input), before);
  });

  it("refuses a read-only -o OUTPUT before any work, and names the real file behind a link", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    await writeFile(join(folder.path, "kept.xlsx"), "theirs");
    await chmod(join(folder.path, "kept.xlsx"), 0o440);
    await symlink("kept.xlsx", join(folder.path, "out.xlsx"));
    const run = await cli(folder.path, ["run", "chairs.xlsx", "-o", "out.xlsx"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "backflush: out.xlsx (a link to kept.xlsx) is read-only, so nothing was done; make it writable, or write the result elsewhere with -o OUTPUT.xlsx\n");
    assert.equal(await readFile(join(folder.path, "kept.xlsx"), "utf8"), "theirs");
  });

  it("refuses -o naming the input through a link, as it does the input itself", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    await symlink("chairs.xlsx", join(folder.path, "same.xlsx"));
    const run = await cli(folder.path, ["run", "chairs.xlsx", "-o", "same.xlsx"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^backflush: the output is the input; use --in-place/);
  });

  it("a write that fails (the file-size limit, in a child process) leaves no temporary file, no backup, and the input as it was", async () => {
    const input = await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    const before = await sha256(input);
    // 16 KiB: the backup (a copy of the ≈12 KB input) fits, the ≈27 KB result does not.
    const r = spawnSync("bash", ["-c", 'ulimit -f 16 && exec "$0" "$@"', process.execPath, join(ROOT, "bin", "backflush.js"), "run", "chairs.xlsx", "--in-place"], {
      cwd: folder.path,
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^backflush: cannot write chairs\.xlsx: the file would be larger than this system allows; nothing was written\n$/m);
    assert.equal(await sha256(input), before);
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"]);
  });

  it("removes the temporary files a killed run left next to the file, once they are stale, and only those", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    const stale = new Date(Date.now() - STALE_TEMP_AGE_MS - 60_000);
    await writeFile(join(folder.path, ".chairs.xlsx.0a1b2c3d4e5f.tmp"), "half a workbook");
    await utimes(join(folder.path, ".chairs.xlsx.0a1b2c3d4e5f.tmp"), stale, stale);
    await writeFile(join(folder.path, ".chairs.xlsx.ffffffffffff.tmp"), "another run, saving now");
    await writeFile(join(folder.path, ".notes.0a1b2c3d4e5f.tmp"), "not ours");
    await utimes(join(folder.path, ".notes.0a1b2c3d4e5f.tmp"), stale, stale);
    assert.equal((await cli(folder.path, ["run", "chairs.xlsx", "--in-place"])).code, 0);
    assert.deepEqual((await readdir(folder.path)).sort(), [".chairs.xlsx.ffffffffffff.tmp", ".notes.0a1b2c3d4e5f.tmp", BACKUP, "chairs.xlsx"]);
  });
});
