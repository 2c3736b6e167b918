/**
 * A file that is not a workbook, named for what it is with what to do
 * (open.kind.*): the same words in the command line and the pane, whether the
 * file was given as the workbook to open or as the previous result to open
 * the period at. Types only, so the pane's main chunk takes no adapter code.
 */
import type { FileKind } from "./sniff";
import type { Translator } from "../../i18n";

/** Why `file` cannot be opened as a workbook, or undefined when it is one (.xlsx, .xlsm). */
export function notWorkbookWords(tr: Translator, file: string, kind: FileKind): string | undefined {
  if (kind === "xlsx" || kind === "xlsm") return undefined;
  return tr.t(`open.kind.${kind}`, { file });
}
