/**
 * .xlsx files on disk (Node only). Saving is all or nothing: the workbook is
 * written to a temporary file in the target's folder and renamed over the
 * target, so a failure at any point leaves the target as it was.
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { loadXlsx, xlsxBytes } from "./bytes";
import type { XlsxWorkbook } from "./workbook";

/** Reads an .xlsx file into a port. */
export async function openXlsx(path: string): Promise<XlsxWorkbook> {
  return loadXlsx(await readFile(path));
}

/** Writes the workbook to `path` through a temporary file in the same folder. */
export async function saveXlsx(workbook: XlsxWorkbook, path: string): Promise<void> {
  const data = xlsxBytes(workbook);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
