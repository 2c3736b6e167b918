/**
 * .xlsx files on disk (Node only). Saving is all or nothing, through
 * writeFileSafely (save-file.ts): a temporary file next to the target, renamed
 * over it, so a failure at any point leaves the target as it was.
 */
import { readFile } from "node:fs/promises";
import { loadXlsx, xlsxBytes } from "./bytes";
import { nodeCodec } from "./node-codec";
import { writeFileSafely } from "./save-file";
import type { XlsxWorkbook } from "./workbook";

/** Reads an .xlsx file into a port, inflating and deflating with Node's zlib. */
export async function openXlsx(path: string): Promise<XlsxWorkbook> {
  return loadXlsx(await readFile(path), nodeCodec);
}

/** Writes the workbook to `path` all or nothing (writeFileSafely: symlinks, mode, read-only files, temporary files). */
export async function saveXlsx(workbook: XlsxWorkbook, path: string): Promise<void> {
  await writeFileSafely(path, xlsxBytes(workbook));
}
