/**
 * .xlsx bytes ↔ a port, with no file system, so that the browser mode can use
 * the adapter as well as the command line (file.ts adds files on disk).
 */
import { XlsxWorkbook, emptyWorkbook } from "./workbook";
import type { ZipCodec } from "./zip";

/** Reads .xlsx bytes into a port; what is not an .xlsx workbook is refused with a PackageError in plain words. */
export function loadXlsx(data: ArrayBuffer | Uint8Array, codec?: ZipCodec): Promise<XlsxWorkbook> {
  return XlsxWorkbook.open(data instanceof Uint8Array ? data : new Uint8Array(data), codec);
}

/** A port over a new, empty workbook (for the template and the sample). */
export function newXlsx(): Promise<XlsxWorkbook> {
  return emptyWorkbook();
}

/** The workbook as .xlsx bytes, every write included. */
export function xlsxBytes(workbook: XlsxWorkbook): Uint8Array {
  return workbook.toBytes();
}
