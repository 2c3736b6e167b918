/**
 * What the command line says about files, in plain words: why a file may not
 * be written, and what a failure of the file system means. The system's own
 * text (`EACCES: permission denied, open '…'`) and any library's never reach
 * the user.
 */
import { dirname } from "node:path";
import type { WriteRefused } from "../adapters/xlsx/save-file";
import type { FileKind } from "../adapters/xlsx/sniff";
import { translator } from "../i18n";

/** A path as the user should read it (relative to the working folder when inside it). */
export type ShowPath = (path: string) => string;

/** The sentence for a save refused before anything was done; `given` is the path the user typed. */
export function refusalWords(show: ShowPath, given: string, refusal: WriteRefused): string {
  const via = refusal.reason === "read-only" || refusal.reason === "not-a-file" ? refusal.path : dirname(refusal.path);
  const link = show(via) === show(given) || refusal.reason.startsWith("folder") ? "" : ` (a link to ${show(refusal.path)})`;
  switch (refusal.reason) {
    case "read-only":
      return `${show(given)}${link} is read-only, so nothing was done; make it writable, or write the result elsewhere with -o OUTPUT.xlsx`;
    case "not-a-file":
      return `${show(given)}${link} is not a file`;
    case "folder-missing":
      return `cannot write ${show(given)}: the folder ${show(refusal.path)} does not exist; nothing was done`;
    case "folder-read-only":
      return `cannot write ${show(given)}: the folder ${show(refusal.path)} is read-only; nothing was done`;
  }
}

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  EACCES: "permission denied (is it open in Excel, or read-only?)",
  EPERM: "permission denied (is it open in Excel, or read-only?)",
  EBUSY: "it is in use (is it open in Excel?)",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EROFS: "the disk is read-only",
  EFBIG: "the file would be larger than this system allows",
  EIO: "the disk reported an error",
  ENOENT: "the file or its folder does not exist",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "its symbolic links go round in a loop",
  EMFILE: "too many files are open",
  ENFILE: "too many files are open",
};

/**
 * The plain words for a failure of the file system (an error with a system
 * code, `ENOSPC`), or undefined for any other error: that one is not about the
 * user's files, and is left to fail as a bug of ours.
 */
export function systemErrorWords(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code) || typeof (e as NodeJS.ErrnoException).syscall !== "string") return undefined;
  return SYSTEM_ERRORS[code] ?? `the system refused it (${code})`;
}

/** The command line speaks English; the words for file kinds are the catalogs' (src/i18n), which the task pane shares. */
const english = translator("en");

/**
 * What the user reads about an input that is not an .xlsx workbook Backflush
 * can open, by its kind (sniff.ts): what it is, and what to do. An .xlsx or
 * .xlsm given here is one that was recognized and still could not be read.
 */
export function fileKindWords(shown: string, kind: FileKind): string {
  return english.t(`open.kind.${kind === "xlsm" ? "xlsx" : kind}`, { file: shown });
}
