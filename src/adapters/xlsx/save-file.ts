/**
 * Writing a file all or nothing (Node only). The bytes go to a temporary file
 * next to the target, `.NAME.<12 hex>.tmp`, which is then renamed over it, so
 * a failure at any point leaves the target as it was and removes our temporary
 * file. On top of that, as a user expects of saving a file in place:
 *
 * - a symlink is written through: its target gets the new bytes, the link stays;
 * - the file keeps its permission bits, and its owner and group where we may set them;
 * - a file that may not be written is refused before anything is done (checkWritable,
 *   which a caller runs before its own work too). Read-only means: the operating
 *   system says we may not write it, or its mode gives nobody write permission.
 *   The second rule holds for root as well, for whom the system allows everything:
 *   a file made read-only (chmod a-w, Windows' read-only flag) is meant to be left alone;
 * - temporary files of ours that a killed run left next to the target are removed
 *   (see isStaleTemp for what counts as ours and as stale).
 */
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import type { Stats } from "node:fs";
import { access, lstat, open, readdir, readlink, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/** Why a file may not be written. */
export type WriteRefusal = "read-only" | "not-a-file" | "folder-missing" | "folder-read-only" | "open-elsewhere";

/** A write refused before anything was done; `path` is the file (or, for a folder reason, its folder; for open-elsewhere, the lock file). */
export class WriteRefused extends Error {
  constructor(
    readonly reason: WriteRefusal,
    readonly path: string,
  ) {
    super(`${reason}: ${path}`);
    this.name = "WriteRefused";
  }
}

/**
 * A temporary file of ours is stale once nothing has written to it for this
 * long. A live save writes its whole temporary file in one go and renames it
 * straight after, so a save still running never leaves its file this still;
 * a younger one may belong to another run saving the same file right now.
 */
export const STALE_TEMP_AGE_MS = 15 * 60 * 1000;

/** The most symlinks followed before giving up, as the system does (ELOOP). */
const MAX_LINKS = 40;

/** Where a write to `path` lands: the end of its chain of symlinks, which may not exist yet. */
export async function writeTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    const info = await lstat(current).catch(() => undefined);
    if (!info?.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error(`too many symbolic links: ${path}`), { code: "ELOOP", syscall: "readlink", path });
}

async function statOrNothing(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

async function mayWrite(path: string, info: Stats): Promise<boolean> {
  if ((info.mode & 0o222) === 0) return false;
  try {
    await access(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Throws WriteRefused when a save to `path` would be refused, without touching
 * anything; otherwise returns where the bytes will land (symlinks followed).
 */
export async function checkWritable(path: string): Promise<string> {
  const target = await writeTarget(path);
  const info = await statOrNothing(target);
  if (info && !info.isFile()) throw new WriteRefused("not-a-file", target);
  if (info && !(await mayWrite(target, info))) throw new WriteRefused("read-only", target);
  // Open in a spreadsheet program, the file would be written under it, and its next save there would undo the run.
  if (info) {
    const lock = await lockFileOf(target);
    if (lock !== undefined) throw new WriteRefused("open-elsewhere", lock);
  }
  // The temporary file is made, and renamed, in the folder.
  const folder = dirname(target);
  const folderInfo = await statOrNothing(folder);
  if (!folderInfo?.isDirectory()) throw new WriteRefused("folder-missing", folder);
  if (!(await mayWrite(folder, folderInfo))) throw new WriteRefused("folder-read-only", folder);
  return target;
}

/**
 * The lock file a spreadsheet program keeps beside a file it has open, if
 * there is one: LibreOffice's `.~lock.NAME#`, and Excel's owner file `~$NAME`.
 * (Word's owner file drops a long name's first two characters; Excel's keeps
 * the whole name, and a shortened one would be another file's: `~$plant.xlsx`
 * is plant.xlsx's, not myplant.xlsx's.)
 */
export async function lockFileOf(target: string): Promise<string | undefined> {
  const folder = dirname(target);
  const name = basename(target);
  const candidates = [`.~lock.${name}#`, `~$${name}`];
  for (const c of candidates) {
    const info = await lstat(join(folder, c)).catch(() => undefined);
    if (info?.isFile()) return join(folder, c);
  }
  return undefined;
}

/** `.NAME.<12 hex>.tmp`: the temporary file a save of NAME makes next to it. */
export function tempNameFor(target: string): string {
  return `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`;
}

function isOurTempName(name: string, targetName: string): boolean {
  const prefix = `.${targetName}.`;
  return name.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(name.slice(prefix.length));
}

/**
 * A file is a stale temporary file of ours when all of these hold: its name is
 * `.NAME.<12 hex>.tmp` for the file being saved, it is a regular file (not a
 * link), it belongs to the user saving now, and it was last written
 * STALE_TEMP_AGE_MS or more ago. Nothing else in the folder is ever touched.
 */
export function isStaleTemp(name: string, info: Stats, targetName: string, now: number, uid: number | undefined): boolean {
  return isOurTempName(name, targetName) && info.isFile() && (uid === undefined || info.uid === uid) && now - info.mtimeMs >= STALE_TEMP_AGE_MS;
}

/** Removes the stale temporary files of ours next to `target`; returns their names. Best effort: a failure here never fails a save. */
export async function removeStaleTemps(target: string, now: number = Date.now()): Promise<string[]> {
  const folder = dirname(target);
  const targetName = basename(target);
  const uid = process.getuid?.();
  const removed: string[] = [];
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!isOurTempName(name, targetName)) continue;
    const path = join(folder, name);
    const info = await lstat(path).catch(() => undefined);
    if (!info || !isStaleTemp(name, info, targetName, now, uid)) continue;
    if (await rm(path).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}

/**
 * Writes `data` to `path` all or nothing: through a symlink to its target,
 * keeping the target's mode (and owner and group, where allowed), refusing a
 * file that may not be written (WriteRefused) before anything is made.
 */
export async function writeFileSafely(path: string, data: Uint8Array): Promise<void> {
  const target = await checkWritable(path);
  const before = await statOrNothing(target);
  await removeStaleTemps(target);
  const temp = join(dirname(target), tempNameFor(target));
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(data);
      if (before) {
        await handle.chmod(before.mode & 0o777);
        // Only root may give a file away, and a user only to a group of theirs; elsewhere the new file stays ours.
        await handle.chown(before.uid, before.gid).catch(() => undefined);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
