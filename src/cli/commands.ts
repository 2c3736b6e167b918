/**
 * The commands: `run` (and `demo`, which is `run` on the bundled sample) and
 * `template`. Each returns the exit code; nothing here calls process.exit.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { access, chown, copyFile, rm, stat } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from "node:path";
import { newXlsx } from "../adapters/xlsx/bytes";
import { PackageError, packageWords } from "../adapters/xlsx/errors";
import { openXlsx, saveXlsx } from "../adapters/xlsx/file";
import { WriteRefused, checkWritable } from "../adapters/xlsx/save-file";
import type { FileKind } from "../adapters/xlsx/sniff";
import { sniffFileKind } from "../adapters/xlsx/sniff";
import { notWorkbookWords } from "../adapters/xlsx/kind-words";
import type { WorkbookExtension } from "../adapters/xlsx/package";
import type { XlsxWorkbook } from "../adapters/xlsx/workbook";
import type { Translator } from "../i18n";
import { templateTables } from "../sample/template";
import { runWorkbookJob } from "../workbook/job";
import { OpeningError, readPreviousClosing, type PreviousClosing } from "../workbook/opening";
import { TABLE_ORDER } from "../workbook/schema";
import type { ExportRequest } from "./exports";
import { checkExportPaths, exportJobOptions, prepareExports } from "./exports";
import { fileKindWords, refusalWords, systemErrorWords } from "./file-words";
import { Progress } from "./progress";
import type { Written } from "./summary";
import { problemReport, problemsJson, successJson, summaryLines, terminalSafe } from "./summary";

/** The exit codes, one table (docs/cli.md, "Exit codes"): usage covers every file problem too. */
export const EXIT = { done: 0, dataErrors: 1, usage: 2, bug: 3 } as const;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The folder relative paths are taken from. */
  cwd: string;
  /** stderr is a terminal a progress bar may redraw (false in pipes and CI). */
  interactive: boolean;
  now(): Date;
  /** The bundled sample workbook `demo` reads. */
  sampleWorkbook: string;
  /** The environment, for the user's locale (LC_ALL, LC_MESSAGES, LANG). */
  env: Readonly<Record<string, string | undefined>>;
  /** The language everything is said in: --lang, else the locale's (main sets it). */
  tr: Translator;
}

/** A failure the user can act on: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The bundled sample workbook (made by scripts/make-sample.ts): two folders up from src/cli, and from build/cli where the built command line runs. */
export const SAMPLE_WORKBOOK = resolve(__dirname, "../../assets/sample/backflush-sample.xlsx");
export const DEMO_OUTPUT = "backflush-demo-result.xlsx";

export interface RunRequest {
  input: string;
  output?: string;
  inPlace: boolean;
  json: boolean;
  /** --sie, --csv and --summary (src/cli/exports.ts). */
  exports?: ExportRequest;
  /** --opening: the previous period's result, whose Closing sheet this period opens at. */
  opening?: string;
}

/** A path as the user should read it: relative to the working folder when it is inside it. */
export function shownPath(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

/** NAME.backup-YYYYMMDD-HHMMSS.xlsx next to the input, never over an existing file. */
export async function backupPath(input: string, now: Date): Promise<string> {
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const ext = extname(input) || ".xlsx";
  const name = basename(input, extname(input));
  for (let n = 1; ; n++) {
    const path = join(dirname(input), `${name}.backup-${stamp}${n > 1 ? `-${n}` : ""}${ext}`);
    if (!(await exists(path))) return path;
  }
}

/** What kind of file `path` is, from a few small reads (its start, and a zip's directory at its end). */
function kindOfFile(path: string): FileKind {
  const fd = openSync(path, "r");
  try {
    return sniffFileKind({
      size: fstatSync(fd).size,
      bytes(offset, length) {
        const buffer = Buffer.alloc(length);
        return buffer.subarray(0, readSync(fd, buffer, 0, length, offset));
      },
    });
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens the input: a file that is not an .xlsx workbook is named in plain words
 * before any reader sees it (a reader would take any zip for an empty workbook,
 * and its own error text must not reach the user).
 */
async function open(io: CliIo, path: string): Promise<XlsxWorkbook> {
  const shown = shownPath(io, path);
  const info = await stat(path).catch(() => undefined);
  const { tr } = io;
  if (!info) throw new UsageError(tr.t("cli.file.cannotFind", { file: shown }));
  if (!info.isFile()) throw new UsageError(tr.t("cli.file.notAFile", { file: shown }));
  const cannotRead = (e: unknown) => {
    const words = systemErrorWords(e, tr);
    return words === undefined ? undefined : new UsageError(tr.t("cli.file.cannotRead", { file: shown, reason: words }));
  };
  let kind: FileKind;
  try {
    kind = kindOfFile(path);
  } catch (e) {
    throw cannotRead(e) ?? e;
  }
  const notWorkbook = notWorkbookWords(tr, shown, kind);
  if (notWorkbook !== undefined) throw new UsageError(notWorkbook);
  try {
    return await openXlsx(path);
  } catch (e) {
    if (e instanceof PackageError) throw unreadable(io, shown, e);
    throw cannotRead(e) ?? new UsageError(fileKindWords(tr, shown, kind));
  }
}

/** A file the adapter could not read as a workbook, said in the user's language. */
function unreadable(io: CliIo, shown: string, e: PackageError): UsageError {
  return new UsageError(io.tr.t("cli.file.cannotRead", { file: shown, reason: packageWords(io.tr, e.problem, e.params) }));
}

/** The Closing sheet of a previous result (--opening): a file or sheet that cannot be read is named, with the cell at fault. */
async function previousClosing(io: CliIo, path: string): Promise<PreviousClosing> {
  const shown = shownPath(io, path);
  const workbook = await open(io, path);
  try {
    return await readPreviousClosing(workbook, shown, io.tr.lang);
  } catch (e) {
    if (e instanceof OpeningError) throw new UsageError(e.message);
    if (e instanceof PackageError) throw unreadable(io, shown, e);
    throw e;
  }
}

/** Refuses, before any work, an output that could not be written (read-only, a folder, no such folder). */
export async function refuseUnwritable(io: CliIo, path: string, what: "result" | "export" = "result"): Promise<void> {
  try {
    await checkWritable(path);
  } catch (e) {
    if (e instanceof WriteRefused) throw new UsageError(refusalWords(io.tr, (p) => shownPath(io, p), path, e, what));
    const words = systemErrorWords(e, io.tr);
    if (words === undefined) throw e;
    throw new UsageError(io.tr.t("cli.file.cannotWriteNothingDone", { file: shownPath(io, path), reason: words }));
  }
}

async function save(io: CliIo, workbook: XlsxWorkbook, path: string): Promise<void> {
  try {
    await saveXlsx(workbook, path);
  } catch (e) {
    if (e instanceof WriteRefused) throw new UsageError(refusalWords(io.tr, (p) => shownPath(io, p), path, e));
    const words = systemErrorWords(e, io.tr);
    // Not the file system's failure but the workbook's: a bug of ours (exit 3), not the user's file.
    if (words === undefined) throw e;
    throw new UsageError(io.tr.t("cli.file.cannotWriteNothingWritten", { file: shownPath(io, path), reason: words }));
  }
}

/** What makes a workbook need its extension, said to the user. */
const contentWords = (ext: WorkbookExtension) => `cli.file.content.${ext.slice(1) as WorkbookExtension extends `.${infer Suffix}` ? Suffix : never}` as const;

/**
 * Refuses, before anything is written, to save the workbook under a name whose
 * extension does not match its content (an .xlsm's macros saved as .xlsx, or
 * an .xlsx as .xlsm or .txt): Excel would refuse to open it. The extension
 * comes from the package's own workbook content type, not from the input's name.
 */
async function refuseWrongExtension(io: CliIo, workbook: XlsxWorkbook, path: string, source = path): Promise<void> {
  // The workbook part is read here first: damage in it (a part too large) is the source file's, said as such.
  const ext = await workbook.fileExtension().catch((e: unknown) => {
    throw e instanceof PackageError ? unreadable(io, shownPath(io, source), e) : e;
  });
  if (ext === undefined || extname(path).toLowerCase() === ext) return;
  const suggested = join(dirname(path), `${basename(path, extname(path))}${ext}`);
  const reason = io.tr.t("cli.file.extensionNeeded", { why: io.tr.t(contentWords(ext)), ext, suggested: shownPath(io, suggested) });
  throw new UsageError(io.tr.t("cli.file.cannotWriteNothingWritten", { file: shownPath(io, path), reason }));
}

/** The same file on disk (through links), when both exist. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino;
}

/** `run`: read, check, cost, and write the result (or report every problem and write nothing). */
export async function runCommand(io: CliIo, request: RunRequest): Promise<number> {
  const input = resolve(io.cwd, request.input);
  const output = request.inPlace ? input : request.output === undefined ? undefined : resolve(io.cwd, request.output);
  const { tr } = io;
  if (!request.inPlace && output !== undefined && (await sameFile(output, input))) throw new UsageError(tr.t("cli.file.outputIsInput"));
  // The previous result is the record of the period it closed: this run's result never goes over it.
  if (output !== undefined && request.opening !== undefined && (await sameFile(output, resolve(io.cwd, request.opening)))) throw new UsageError(tr.t("cli.file.outputIsOpening"));
  if (output !== undefined) await refuseUnwritable(io, output);
  const exportPaths = await checkExportPaths(io, request, input, output);
  const shownInput = shownPath(io, input);
  const progress = new Progress(io.stderr, io.interactive && !request.json);
  try {
    progress.step(tr.t("cli.progress.reading", { file: shownInput }), 0, 0.45);
    const workbook = await open(io, input);
    if (output !== undefined) await refuseWrongExtension(io, workbook, output, input);
    const opening = request.opening === undefined ? undefined : await previousClosing(io, resolve(io.cwd, request.opening));
    progress.step(tr.t("cli.progress.checking"), 0.45, 0.7);
    // The adapter reads a sheet when the job asks for its table: damage found there is the file's, not the data's.
    const outcome = await runWorkbookJob(workbook, { now: io.now(), language: tr.lang, ...exportJobOptions(request.exports), opening }).catch((e: unknown) => {
      if (e instanceof OpeningError) throw new UsageError(e.message);
      throw e instanceof PackageError ? unreadable(io, shownInput, e) : e;
    });
    if (!outcome.ok) {
      progress.done();
      if (request.json) io.stdout(`${JSON.stringify(problemsJson(shownInput, outcome.problems), null, 2)}\n`);
      else io.stderr(`${problemReport(shownInput, outcome.problems, tr).map(terminalSafe).join("\n")}\n`);
      return EXIT.dataErrors;
    }
    const written: Written = { sheets: outcome.sheets.map((s) => s.name), runLog: outcome.sheets.find((s) => s.kind === "Run Log")?.name, notes: outcome.notes };
    // The exports are made before anything is written (their paths were checked before any work), and written after the workbook, which they follow from.
    const exports = prepareExports(io, outcome, exportPaths);
    if (output !== undefined) {
      let backup: string | undefined;
      if (request.inPlace) {
        progress.step(tr.t("cli.progress.backingUp"), 0.7, 0.75);
        const path = await backupPath(input, io.now());
        await copyFile(input, path, constants.COPYFILE_EXCL).catch((e: unknown) => {
          throw new UsageError(tr.t("cli.file.backupFailed", { file: shownInput, backup: shownPath(io, path), reason: systemErrorWords(e, tr) ?? tr.t("cli.file.copyFailed") }));
        });
        // The backup is the owner's as the workbook is (root saving a user's file gives both back to the user; elsewhere
        // only root may give a file away, so this changes nothing).
        await stat(input).then((s) => chown(path, s.uid, s.gid)).catch(() => undefined);
        backup = path;
        written.backup = shownPath(io, path);
      }
      progress.step(tr.t("cli.progress.saving", { file: shownPath(io, output) }), 0.75, 1);
      await save(io, workbook, output).catch(async (e: unknown) => {
        // The input was not touched (saves are all or nothing), so a backup of it would only be clutter.
        if (backup !== undefined) await rm(backup, { force: true });
        throw e;
      });
      written.output = shownPath(io, output);
    }
    written.exports = await exports.write(written.output !== undefined);
    progress.done();
    if (request.json) io.stdout(`${JSON.stringify(successJson(outcome, shownInput, written), null, 2)}\n`);
    else io.stdout(`${summaryLines(shownInput, outcome.result, written, tr).map(terminalSafe).join("\n")}\n`);
    return EXIT.done;
  } finally {
    progress.done();
  }
}

/** `demo`: the bundled sample in, a result workbook out. */
export async function demoCommand(io: CliIo, output: string | undefined, json: boolean): Promise<number> {
  if (!(await exists(io.sampleWorkbook))) {
    throw new UsageError(io.tr.t("cli.file.sampleMissing", { file: io.sampleWorkbook }));
  }
  // The demo refuses --in-place, so run's advice for an output that is the input would not serve.
  if (output !== undefined && (await sameFile(resolve(io.cwd, output), io.sampleWorkbook))) throw new UsageError(io.tr.t("cli.file.outputIsSample"));
  const code = await runCommand(io, { input: io.sampleWorkbook, output: output ?? DEMO_OUTPUT, inPlace: false, json });
  if (code === EXIT.done && !json) io.stdout(`${io.tr.t("cli.demoDone", { file: output ?? DEMO_OUTPUT })}\n`);
  return code;
}

/** `template`: an empty input workbook with every table, ready to fill. */
export async function templateCommand(io: CliIo, file: string): Promise<number> {
  const path = resolve(io.cwd, file);
  const shown = shownPath(io, path);
  if (await exists(path)) throw new UsageError(io.tr.t("cli.file.exists", { file: shown }));
  const workbook = await newXlsx();
  await refuseWrongExtension(io, workbook, path);
  await workbook.writeInputTables(templateTables());
  await save(io, workbook, path);
  io.stdout(`${io.tr.t("cli.templateDone", { file: shown, tables: TABLE_ORDER.join(", ") })}\n`);
  return EXIT.done;
}
