/**
 * writeFileSafely with real files in a temporary folder: through symlinks,
 * keeping mode and owner, refusing what may not be written (by the mode bits,
 * so the refusal holds for root too, as these tests run), and removing only
 * stale temporary files of ours.
 */
import { strict as assert } from "node:assert";
import { chmod, chown, lstat, mkdir, readFile, readdir, readlink, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempFolder } from "../e2e/support";
import { STALE_TEMP_AGE_MS, WriteRefused, checkWritable, isStaleTemp, removeStaleTemps, tempNameFor, writeFileSafely, writeTarget } from "../../src/adapters/xlsx/save-file";

const NEW = new TextEncoder().encode("new bytes");
const isRoot = process.getuid?.() === 0;

async function refusal(p: Promise<unknown>): Promise<WriteRefused> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WriteRefused) return e;
    throw e;
  }
  assert.fail("the write was not refused");
}

describe("save-file: writeFileSafely", () => {
  const folder = tempFolder();
  let dir: string;
  beforeEach(() => {
    dir = folder.path;
  });

  it("writes a new file, and replaces an existing one, leaving nothing else in the folder", async () => {
    const path = join(dir, "book.xlsx");
    await writeFileSafely(path, NEW);
    assert.equal(await readFile(path, "utf8"), "new bytes");
    await writeFileSafely(path, new TextEncoder().encode("newer"));
    assert.equal(await readFile(path, "utf8"), "newer");
    assert.deepEqual(await readdir(dir), ["book.xlsx"]);
  });

  it("writes through a chain of symlinks into another folder: the links stay links, the real file gets the bytes", async () => {
    await mkdir(join(dir, "data"));
    const real = join(dir, "data", "real.xlsx");
    await writeFile(real, "old");
    await symlink(join("data", "real.xlsx"), join(dir, "first.xlsx")); // relative, as `ln -s` makes them
    await symlink(join(dir, "first.xlsx"), join(dir, "book.xlsx"));
    assert.equal(await writeTarget(join(dir, "book.xlsx")), real);
    await writeFileSafely(join(dir, "book.xlsx"), NEW);
    assert.ok((await lstat(join(dir, "book.xlsx"))).isSymbolicLink());
    assert.equal(await readlink(join(dir, "first.xlsx")), join("data", "real.xlsx"));
    assert.equal(await readFile(real, "utf8"), "new bytes");
    assert.deepEqual((await readdir(dir)).sort(), ["book.xlsx", "data", "first.xlsx"]);
    assert.deepEqual(await readdir(join(dir, "data")), ["real.xlsx"]);
  });

  it("writes through a link whose target does not exist yet, creating the target", async () => {
    await symlink("made.xlsx", join(dir, "book.xlsx"));
    await writeFileSafely(join(dir, "book.xlsx"), NEW);
    assert.ok((await lstat(join(dir, "book.xlsx"))).isSymbolicLink());
    assert.equal(await readFile(join(dir, "made.xlsx"), "utf8"), "new bytes");
  });

  it("keeps the file's mode (0640, 0600, 0664)", async () => {
    for (const mode of [0o640, 0o600, 0o664]) {
      const path = join(dir, `book-${mode.toString(8)}.xlsx`);
      await writeFile(path, "old");
      await chmod(path, mode);
      await writeFileSafely(path, NEW);
      assert.equal((await stat(path)).mode & 0o777, mode, mode.toString(8));
    }
  });

  it("keeps the file's owner and group (root saving a user's file gives it back to the user)", async () => {
    const path = join(dir, "book.xlsx");
    await writeFile(path, "old");
    // As root the file is given to another user first, so that losing the owner shows; otherwise it stays ours.
    if (isRoot) await chown(path, 4321, 4322);
    const before = await stat(path);
    await writeFileSafely(path, NEW);
    const after = await stat(path);
    assert.deepEqual([after.uid, after.gid], [before.uid, before.gid]);
  });

  it("refuses a read-only file before anything is done: the file keeps its bytes and mode, no temporary file is made", async () => {
    const path = join(dir, "book.xlsx");
    await writeFile(path, "precious");
    await chmod(path, 0o444);
    const e = await refusal(writeFileSafely(path, NEW));
    assert.deepEqual([e.reason, e.path], ["read-only", path]);
    assert.equal(await readFile(path, "utf8"), "precious");
    assert.equal((await stat(path)).mode & 0o777, 0o444);
    assert.deepEqual(await readdir(dir), ["book.xlsx"]);
  });

  it("refuses a read-only file behind a symlink, naming the real file", async () => {
    const real = join(dir, "real.xlsx");
    await writeFile(real, "precious");
    await chmod(real, 0o400);
    await symlink(real, join(dir, "book.xlsx"));
    const e = await refusal(checkWritable(join(dir, "book.xlsx")));
    assert.deepEqual([e.reason, e.path], ["read-only", real]);
  });

  it("refuses a folder as the target, a missing folder, and a read-only folder", async () => {
    await mkdir(join(dir, "taken"));
    assert.equal((await refusal(writeFileSafely(join(dir, "taken"), NEW))).reason, "not-a-file");
    const missing = await refusal(writeFileSafely(join(dir, "nowhere", "book.xlsx"), NEW));
    assert.deepEqual([missing.reason, missing.path], ["folder-missing", join(dir, "nowhere")]);
    await mkdir(join(dir, "locked"));
    await chmod(join(dir, "locked"), 0o555);
    const locked = await refusal(writeFileSafely(join(dir, "locked", "book.xlsx"), NEW));
    assert.deepEqual([locked.reason, locked.path], ["folder-read-only", join(dir, "locked")]);
    assert.deepEqual(await readdir(join(dir, "locked")), []);
  });
});

describe("save-file: stale temporary files of ours", () => {
  const folder = tempFolder();
  let dir: string;
  beforeEach(() => {
    dir = folder.path;
  });

  const ago = (ms: number) => new Date(Date.now() - ms);

  async function fileAged(name: string, age: number): Promise<void> {
    await writeFile(join(dir, name), "left by a killed run");
    await utimes(join(dir, name), ago(age), ago(age));
  }

  it("names its temporary file .NAME.<12 hex>.tmp", () => {
    assert.match(tempNameFor(join(dir, "book.xlsx")), /^\.book\.xlsx\.[0-9a-f]{12}\.tmp$/);
  });

  it("a save removes ours that nothing wrote to for 15 minutes, and nothing else", async () => {
    const old = STALE_TEMP_AGE_MS + 60_000;
    await writeFile(join(dir, "book.xlsx"), "old");
    await fileAged(".book.xlsx.0123456789ab.tmp", old); // ours, stale: removed
    await fileAged(".book.xlsx.a1b2c3d4e5f6.tmp", 60 * 60_000); // ours, an hour old: removed
    await fileAged(".book.xlsx.fedcba987654.tmp", 60_000); // another run may be saving right now: kept
    await fileAged(".other.xlsx.0123456789ab.tmp", old); // a temporary file for another file: kept
    await fileAged(".book.xlsx.0123456789AB.tmp", old); // not our pattern (upper case): kept
    await fileAged(".book.xlsx.0123456789a.tmp", old); // 11 digits: kept
    await fileAged(".book.xlsx.0123456789ab.tmp.keep", old); // kept
    await fileAged("book.xlsx.0123456789ab.tmp", old); // not hidden: kept
    await mkdir(join(dir, ".book.xlsx.abcdefabcdef.tmp")); // a folder: kept
    await symlink(join(dir, "book.xlsx"), join(dir, ".book.xlsx.bbbbbbbbbbbb.tmp")); // a link: kept
    await writeFileSafely(join(dir, "book.xlsx"), NEW);
    assert.deepEqual((await readdir(dir)).sort(), [
      ".book.xlsx.0123456789AB.tmp",
      ".book.xlsx.0123456789a.tmp",
      ".book.xlsx.0123456789ab.tmp.keep",
      ".book.xlsx.abcdefabcdef.tmp",
      ".book.xlsx.bbbbbbbbbbbb.tmp",
      ".book.xlsx.fedcba987654.tmp",
      ".other.xlsx.0123456789ab.tmp",
      "book.xlsx",
      "book.xlsx.0123456789ab.tmp",
    ]);
    assert.equal(await readFile(join(dir, "book.xlsx"), "utf8"), "new bytes");
  });

  it("leaves another user's temporary file alone, however old", async () => {
    await fileAged(".book.xlsx.0123456789ab.tmp", 2 * STALE_TEMP_AGE_MS);
    const info = await lstat(join(dir, ".book.xlsx.0123456789ab.tmp"));
    const now = Date.now();
    assert.equal(isStaleTemp(".book.xlsx.0123456789ab.tmp", info, "book.xlsx", now, info.uid), true);
    assert.equal(isStaleTemp(".book.xlsx.0123456789ab.tmp", info, "book.xlsx", now, info.uid + 1), false);
    assert.equal(isStaleTemp(".book.xlsx.0123456789ab.tmp", info, "book.xlsx", info.mtimeMs + STALE_TEMP_AGE_MS - 1, info.uid), false);
    if (isRoot) {
      // Root may remove anything: the owner rule is what keeps it from removing a user's file.
      await chown(join(dir, ".book.xlsx.0123456789ab.tmp"), 4321, 4321);
      assert.deepEqual(await removeStaleTemps(join(dir, "book.xlsx")), []);
      assert.deepEqual(await readdir(dir), [".book.xlsx.0123456789ab.tmp"]);
    }
  });

  it("looks for them next to the real file when the target is a symlink", async () => {
    await mkdir(join(dir, "data"));
    await writeFile(join(dir, "data", "real.xlsx"), "old");
    await symlink(join(dir, "data", "real.xlsx"), join(dir, "book.xlsx"));
    await writeFile(join(dir, "data", ".real.xlsx.0123456789ab.tmp"), "left");
    await utimes(join(dir, "data", ".real.xlsx.0123456789ab.tmp"), ago(2 * STALE_TEMP_AGE_MS), ago(2 * STALE_TEMP_AGE_MS));
    await writeFileSafely(join(dir, "book.xlsx"), NEW);
    assert.deepEqual(await readdir(join(dir, "data")), ["real.xlsx"]);
  });
});
