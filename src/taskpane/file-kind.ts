/**
 * A chosen file that is not a workbook, named for what it is with what to do
 * (open.kind.*): the same words whether it was chosen as the workbook to open
 * or as the previous result to open the period at.
 */
import type { FileKind } from "../adapters/xlsx/sniff";
import type { Translator } from "../i18n";

/** Why `file` cannot be opened as a workbook, or undefined when it is one (.xlsx, .xlsm). */
export function notWorkbookWords(tr: Translator, file: string, kind: FileKind): string | undefined {
  if (kind === "xlsx" || kind === "xlsm") return undefined;
  return tr.t(`open.kind.${kind}`, { file });
}
