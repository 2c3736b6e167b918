/**
 * `run --sie OUT.si --csv OUT.csv [--summary]`: the ledger exports of a run.
 * Their paths are checked before any work, and both files are made in memory
 * before the workbook is written; after it, they go to temporary files beside
 * their targets and are renamed into place only when every one was written, so
 * a failure leaves no half-written export and none of the old ones replaced.
 */
import { lstat, realpath, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { removeStaleTemps, tempNameFor } from "../adapters/xlsx/save-file";
import type { JobOptions, JobOutcome } from "../workbook/job";
import { ledgerFiles } from "../workbook/ledger-files";
import type { CliIo, RunRequest } from "./commands";
import { UsageError, refuseUnwritable, sameFile, shownPath } from "./commands";
import { systemErrorWords } from "./file-words";

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

/** Exports made and checked, ready to write. */
export interface PreparedExports {
  /** Writes them all or none; returns a line for each, for the summary ("SIE 4 file out.si (PC8): 68 entries"). */
  write(workbookSaved: boolean): Promise<string[]>;
}

/** An export's file: resolved, and as the user named it (for the summary's lines and messages). */
export interface ExportPath {
  path: string;
  shown: string;
}

/** Where the exports go; checked by checkExportPaths. */
export interface ExportPaths {
  sie?: ExportPath;
  csv?: ExportPath;
}

/**
 * Checks the exports' paths before any work, as docs/cli.md says, writing
 * nothing: a UsageError when --sie and --csv name one file, when either is the
 * input or the output workbook or the previous result (--opening, only read),
 * or when it is a folder or may not be written.
 * What the exports hold (an SIE file needs a company) is checked after the run.
 */
export async function checkExportPaths(io: CliIo, request: RunRequest, input: string, output: string | undefined): Promise<ExportPaths> {
  const wanted = request.exports;
  const at = (shown: string | undefined): ExportPath | undefined => (shown === undefined ? undefined : { path: resolve(io.cwd, shown), shown });
  const paths: ExportPaths = { sie: at(wanted?.sie), csv: at(wanted?.csv) };
  const both = [paths.sie?.path, paths.csv?.path].filter((p): p is string => p !== undefined);
  if (both.length === 2 && (await sameFile(both[0], both[1]))) throw new UsageError(io.tr.t("cli.export.sameFile"));
  const opening = request.opening === undefined ? undefined : resolve(io.cwd, request.opening);
  for (const p of both) {
    if ((await sameFile(p, input)) || (output !== undefined && (await sameFile(p, output)))) throw new UsageError(io.tr.t("cli.export.isWorkbook", { file: basename(p) }));
    if (opening !== undefined && (await sameFile(p, opening))) throw new UsageError(io.tr.t("cli.export.isOpening", { file: basename(p) }));
    // A folder in the way, or a file that may not be written, would only fail at the rename, when another export may already be in place.
    await refuseUnwritable(io, p, "export");
  }
  return paths;
}

/**
 * Makes the exports the request asks for, in memory, to the paths
 * checkExportPaths passed, writing nothing: a UsageError when the SIE file has no company.
 */
export function prepareExports(io: CliIo, outcome: Extract<JobOutcome, { ok: true }>, paths: ExportPaths): PreparedExports {
  if (paths.sie === undefined && paths.csv === undefined) return { write: async () => [] };
  const made = ledgerFiles(outcome, io.now());
  const { tr } = io;
  const entries = made.summary ? tr.t("cli.export.summaryEntry") : tr.tn("cli.export.entries", outcome.result.journal.length);
  const files: { path: string; bytes: Uint8Array; line: string }[] = [];
  // A role the Accounts table does not map posts to a placeholder number, which a ledger's own chart (BAS) may give to
  // another account: said on the line of every ledger file, the CSV as the SIE file.
  const placeholders = made.placeholders.map((p) => `${p.role} ${p.account}`).join(", ");
  const withPlaceholders = (line: string) => (made.placeholders.length === 0 ? line : `${line}; ${tr.t("cli.export.placeholderAccounts", { roles: placeholders })}`);
  if (paths.sie !== undefined) {
    // No SIE file is made without the company it names (ledgerFiles, sieRefusal).
    if (!made.sie) {
      // A Company row whose value is blank is pointed at; no row at all is asked for.
      const refused = made.sieRefused;
      const reason = refused?.code === "account" ? tr.t("cli.export.sieAccount", { role: refused.role, account: refused.account }) : refused?.cell !== undefined ? tr.t("cli.export.blankCompany", { cell: refused.cell }) : tr.t("cli.export.noCompany");
      throw new UsageError(tr.t("cli.file.cannotWrite", { file: paths.sie.shown, reason }));
    }
    files.push({ path: paths.sie.path, bytes: made.sie, line: withPlaceholders(tr.t("cli.export.sie", { file: paths.sie.shown, entries })) });
  }
  if (paths.csv !== undefined) files.push({ path: paths.csv.path, bytes: made.csv, line: withPlaceholders(tr.t("cli.export.csv", { file: paths.csv.shown, entries })) });
  return { write: (workbookSaved) => writeAllOrNothing(io, files, workbookSaved).then(() => files.map((f) => f.line)) };
}

/** `.NAME.<12 hex>.old`: an export's earlier file while its new one is put in place; no sweep of stale temporary files takes it. */
function asideNameFor(path: string): string {
  return tempNameFor(path).replace(/\.tmp$/, ".old");
}

/**
 * Every file to a temporary name first; then each old file steps aside under
 * a temporary name of its own and the new one is renamed into place (renames
 * never half-happen). On any failure the files already replaced get their old
 * ones back and the temporary files go, so either every export is new or none
 * is (an export open in Excel on Windows cannot be renamed: the ones before it
 * are put back). Stale temporary files of ours from a killed run are removed first.
 */
export async function writeAllOrNothing(io: CliIo, files: readonly { path: string; bytes: Uint8Array }[], workbookSaved: boolean): Promise<void> {
  const staged: { temp: string; path: string; aside?: string }[] = [];
  const placed: { path: string; aside?: string }[] = [];
  try {
    for (const f of files) {
      // Through a symbolic link to the file it names, as the workbook is written: the link stays a link.
      const path = await realpath(f.path).catch(() => f.path);
      await removeStaleTemps(path);
      const temp = join(dirname(path), tempNameFor(path));
      staged.push({ temp, path });
      await writeFile(temp, f.bytes, { flag: "wx" });
    }
    for (const s of staged) {
      const there = await lstat(s.path).catch(() => undefined);
      if (there?.isDirectory()) throw Object.assign(new Error(`${s.path} is a folder`), { code: "EISDIR", syscall: "rename" });
      if (there !== undefined) {
        // Named apart from the temporary files a later run sweeps away as stale: a rename keeps the old file's date.
        s.aside = join(dirname(s.path), asideNameFor(s.path));
        await rename(s.path, s.aside);
      }
      placed.push(s);
      await rename(s.temp, s.path);
    }
  } catch (e) {
    const notPutBack: string[] = [];
    for (const p of placed.reverse()) {
      // Ours out (where it got in), the old one back; where there was none, the path is left empty again.
      await unlink(p.path).catch(() => undefined);
      if (p.aside !== undefined && !(await rename(p.aside, p.path).then(() => true, () => false))) notPutBack.push(`${shownPath(io, p.path)} (${shownPath(io, p.aside)})`);
    }
    await Promise.all(staged.map((s) => unlink(s.temp).catch(() => undefined)));
    const words = systemErrorWords(e, io.tr);
    // Not the file system's failure: a bug of ours (exit 3).
    if (words === undefined) throw e;
    const names = staged.map((s) => shownPath(io, s.path)).join(", ");
    const said = io.tr.t(workbookSaved ? "cli.export.failedAfterWorkbook" : "cli.export.failed", { files: names, reason: words });
    throw new UsageError(notPutBack.length === 0 ? said : `${said}; ${io.tr.t("cli.export.notPutBack", { files: notPutBack.join(", ") })}`);
  }
  // Every export in place: the old ones go.
  await Promise.all(staged.map((s) => (s.aside === undefined ? undefined : unlink(s.aside).catch(() => undefined))));
}
