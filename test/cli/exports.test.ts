/**
 * The exports are written all or nothing (src/cli/exports.ts,
 * writeAllOrNothing): a failure after the paths were checked puts back every
 * export already replaced, and leaves no temporary file behind.
 */
import { strict as assert } from "node:assert";
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STALE_TEMP_AGE_MS } from "../../src/adapters/xlsx/save-file";
import type { CliIo } from "../../src/cli/commands";
import { UsageError } from "../../src/cli/commands";
import { writeAllOrNothing } from "../../src/cli/exports";
import { translator } from "../../src/i18n";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("cli: the exports, all or nothing", () => {
  let dir: string;
  let io: CliIo;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "exports-"));
    io = { stdout: () => undefined, stderr: () => undefined, cwd: dir, interactive: false, now: () => new Date(), sampleWorkbook: "", env: {}, tr: translator("en") };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("puts the SIE file back as it was when the CSV cannot be put in place after the check (a folder there by then), and says none was written", async () => {
    await writeFile(join(dir, "j.si"), "last month's SIE");
    await mkdir(join(dir, "j.csv"));
    await assert.rejects(
      writeAllOrNothing(io, [{ path: join(dir, "j.si"), bytes: bytes("new SIE") }, { path: join(dir, "j.csv"), bytes: bytes("new CSV") }], true),
      (e: unknown) => e instanceof UsageError && e.message === "cannot write the exports (j.si, j.csv): it is a folder; none was written, the workbook was",
    );
    assert.equal(await readFile(join(dir, "j.si"), "utf8"), "last month's SIE");
    assert.deepEqual((await readdir(dir)).sort(), ["j.csv", "j.si"], "no temporary file left");
  });

  it("replaces both, leaving neither the old files nor a temporary one, and removes a killed run's stale temporary files", async () => {
    await writeFile(join(dir, "j.si"), "old SIE");
    await writeFile(join(dir, "j.csv"), "old CSV");
    const stale = join(dir, ".j.csv.0123456789ab.tmp");
    await writeFile(stale, "half a CSV");
    const long = (Date.now() - STALE_TEMP_AGE_MS - 60_000) / 1000;
    await utimes(stale, long, long);
    await writeAllOrNothing(io, [{ path: join(dir, "j.si"), bytes: bytes("new SIE") }, { path: join(dir, "j.csv"), bytes: bytes("new CSV") }], false);
    assert.equal(await readFile(join(dir, "j.si"), "utf8"), "new SIE");
    assert.equal(await readFile(join(dir, "j.csv"), "utf8"), "new CSV");
    assert.deepEqual((await readdir(dir)).sort(), ["j.csv", "j.si"]);
  });

  it("writes through a symbolic link to the file it names, as the workbook is written: the link stays a link", async () => {
    await writeFile(join(dir, "ledger.csv"), "old CSV");
    await symlink(join(dir, "ledger.csv"), join(dir, "j.csv"));
    await writeAllOrNothing(io, [{ path: join(dir, "j.csv"), bytes: bytes("new CSV") }], false);
    assert.ok((await lstat(join(dir, "j.csv"))).isSymbolicLink());
    assert.equal(await readFile(join(dir, "ledger.csv"), "utf8"), "new CSV");
    assert.deepEqual((await readdir(dir)).sort(), ["j.csv", "ledger.csv"]);
  });

  it("steps an old export aside under a name no sweep of stale temporary files takes, though a rename keeps its old date", async () => {
    // A file left aside (a restore that failed) is the user's earlier export: the next run's sweep of `.NAME.<hex>.tmp` leaves it.
    const aside = join(dir, ".j.csv.0123456789ab.old");
    await writeFile(aside, "an earlier export");
    const long = (Date.now() - STALE_TEMP_AGE_MS - 60_000) / 1000;
    await utimes(aside, long, long);
    await writeAllOrNothing(io, [{ path: join(dir, "j.csv"), bytes: bytes("new CSV") }], false);
    assert.equal(await readFile(aside, "utf8"), "an earlier export");
  });
});
