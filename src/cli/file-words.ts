/**
 * What the command line says about files, in plain words and the user's
 * language: why a file may not be written, and what a failure of the file
 * system means. The system's own
 * text (`EACCES: permission denied, open '…'`) and any library's never reach
 * the user.
 */
import { dirname } from "node:path";
import type { WriteRefused } from "../adapters/xlsx/save-file";
import type { FileKind } from "../adapters/xlsx/sniff";
import type { MessageKey, Translator } from "../i18n";
import { translator } from "../i18n";

/** A path as the user should read it (relative to the working folder when inside it). */
export type ShowPath = (path: string) => string;

/** The sentence for a save refused before anything was done; `given` is the path the user typed. */
export function refusalWords(tr: Translator, show: ShowPath, given: string, refusal: WriteRefused, what: "result" | "export" = "result"): string {
  const via = refusal.reason === "read-only" || refusal.reason === "not-a-file" ? refusal.path : dirname(refusal.path);
  const linked = show(via) === show(given) || refusal.reason.startsWith("folder") ? show(given) : tr.t("cli.file.linked", { file: show(given), target: show(refusal.path) });
  switch (refusal.reason) {
    case "read-only":
      return tr.t(what === "export" ? "cli.file.readOnlyExport" : "cli.file.readOnly", { file: linked });
    case "not-a-file":
      return tr.t("cli.file.notAFile", { file: linked });
    case "folder-missing":
      return tr.t("cli.file.folderMissing", { file: show(given), folder: show(refusal.path) });
    case "folder-read-only":
      return tr.t("cli.file.folderReadOnly", { file: show(given), folder: show(refusal.path) });
    case "open-elsewhere":
      return tr.t("cli.file.openElsewhere", { file: show(given), lock: show(refusal.path) });
  }
}

type SystemWords = Exclude<Extract<MessageKey, `cli.sys.${string}`>, "cli.sys.other">;

const SYSTEM_ERRORS: Readonly<Record<string, SystemWords>> = {
  EACCES: "cli.sys.access",
  EPERM: "cli.sys.access",
  EBUSY: "cli.sys.busy",
  ENOSPC: "cli.sys.diskFull",
  EDQUOT: "cli.sys.quota",
  EROFS: "cli.sys.readOnlyDisk",
  EFBIG: "cli.sys.fileTooBig",
  EIO: "cli.sys.io",
  ENOENT: "cli.sys.missing",
  ENOTDIR: "cli.sys.notFolder",
  EISDIR: "cli.sys.isFolder",
  ENAMETOOLONG: "cli.sys.nameTooLong",
  ELOOP: "cli.sys.linkLoop",
  EMFILE: "cli.sys.tooManyFiles",
  ENFILE: "cli.sys.tooManyFiles",
};

/** English, for what is said before the language is known, and by callers with no translator. */
const english = translator("en");

/**
 * The plain words for a failure of the file system (an error with a system
 * code, `ENOSPC`), or undefined for any other error: that one is not about the
 * user's files, and is left to fail as a bug of ours.
 */
export function systemErrorWords(e: unknown, tr: Translator = english): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code) || typeof (e as NodeJS.ErrnoException).syscall !== "string") return undefined;
  const key = SYSTEM_ERRORS[code];
  return key ? tr.t(key) : tr.t("cli.sys.other", { code });
}

/**
 * What the user reads about an input that is not an .xlsx workbook Backflush
 * can open, by its kind (sniff.ts): what it is, and what to do. An .xlsx or
 * .xlsm given here is one that was recognized and still could not be read.
 */
export function fileKindWords(tr: Translator, shown: string, kind: FileKind): string {
  return tr.t(`open.kind.${kind === "xlsm" ? "xlsx" : kind}`, { file: shown });
}
