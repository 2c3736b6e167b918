/**
 * `run --sie OUT.si --csv OUT.csv [--summary]`: the ledger exports of a run.
 * Both files are made in memory, written to temporary files beside their
 * targets, and renamed into place only when every one was written, so a
 * failure leaves no half-written export and none of the old ones replaced.
 */
import { randomBytes } from "node:crypto";
import { rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { JobOptions, JobOutcome } from "../workbook/job";
import { BACKFLUSH_VERSION, localStamp, runContext } from "../workbook/job";
import { csvText, sieBytes, sieRefusal } from "../workbook/posting";
import type { CliIo, RunRequest } from "./commands";
import { UsageError } from "./commands";

export interface ExportRequest {
  /** Where to write the SIE 4 file. */
  sie?: string;
  /** Where to write the CSV file. */
  csv?: string;
  /** --summary: one summary entry for the period, whatever the Posting setting says. */
  summary: boolean;
}

/** What --summary changes in the run itself (the Posting sheet, and the exports' entries). */
export function exportJobOptions(request: ExportRequest | undefined): Pick<JobOptions, "ledger"> {
  return request?.summary ? { ledger: { posting: "summary" } } : {};
}

/**
 * Writes the exports the request asks for; returns a line for each, for the
 * summary ("SIE 4 file out.si (PC8): 68 entries"). Throws a UsageError, having
 * written nothing, when a path clashes or a file cannot be written.
 */
export async function writeExports(io: CliIo, outcome: Extract<JobOutcome, { ok: true }>, request: RunRequest): Promise<string[]> {
  const wanted = request.exports;
  if (!wanted || (wanted.sie === undefined && wanted.csv === undefined)) return [];
  const input = resolve(io.cwd, request.input);
  const output = request.inPlace ? input : request.output === undefined ? undefined : resolve(io.cwd, request.output);
  const { result, read } = outcome;
  const sheets = runContext(read, "", []).sheets;
  const files: { path: string; bytes: Uint8Array; line: string }[] = [];
  const entries = read.ledger.posting === "summary" ? "1 summary entry" : `${result.journal.length} ${result.journal.length === 1 ? "entry" : "entries"}`;
  if (wanted.sie !== undefined) {
    const refusal = sieRefusal(read.ledger);
    if (refusal) throw new UsageError(`cannot write ${wanted.sie}: ${refusal}`);
    const bytes = sieBytes(result, read.accounts, read.ledger, { generated: localStamp(io.now()).slice(0, 10), program: { name: "Backflush", version: BACKFLUSH_VERSION }, sheets });
    files.push({ path: resolve(io.cwd, wanted.sie), bytes, line: `SIE 4 file ${wanted.sie} (PC8): ${entries}` });
  }
  if (wanted.csv !== undefined) {
    const bytes = new TextEncoder().encode(csvText(result, read.accounts, read.ledger, sheets));
    files.push({ path: resolve(io.cwd, wanted.csv), bytes, line: `CSV file ${wanted.csv} (UTF-8): ${entries}` });
  }
  const paths = files.map((f) => f.path);
  if (new Set(paths).size < paths.length) throw new UsageError("--sie and --csv name the same file; give each its own");
  for (const p of paths) {
    if (p === input || p === output) throw new UsageError(`${basename(p)} is the workbook itself; give the export another name`);
    // A folder in the way would only fail at the rename, when another export may already be in place.
    if ((await stat(p).catch(() => undefined))?.isDirectory()) throw new UsageError(`${basename(p)} is a folder; give the export a file name`);
  }
  await writeAllOrNothing(files);
  return files.map((f) => f.line);
}

/** Every file to a temporary name first, then each renamed into place; on any failure the temporary files go. */
async function writeAllOrNothing(files: readonly { path: string; bytes: Uint8Array }[]): Promise<void> {
  const staged: { temp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const temp = join(dirname(f.path), `.${basename(f.path)}.${randomBytes(4).toString("hex")}.tmp`);
      staged.push({ temp, path: f.path });
      await writeFile(temp, f.bytes, { flag: "wx" });
    }
    for (const s of staged) await rename(s.temp, s.path);
  } catch (e) {
    await Promise.all(staged.map((s) => unlink(s.temp).catch(() => undefined)));
    const code = (e as NodeJS.ErrnoException).code;
    const hint = code === "EBUSY" || code === "EPERM" || code === "EACCES" ? " (is it open in another program, or read-only?)" : "";
    throw new UsageError(`cannot write the exports${hint}, so none was written: ${(e as Error).message}`);
  }
}
