/**
 * .xlsx bytes ↔ a port, with no file system, so that the browser mode can use
 * the adapter as well as the command line (file.ts adds files on disk).
 */
import { Workbook } from "exceljs";
import { XlsxWorkbook } from "./workbook";

/** Reads .xlsx bytes into a port. */
export async function loadXlsx(data: ArrayBuffer | Uint8Array): Promise<XlsxWorkbook> {
  const book = new Workbook();
  // ExcelJS's typings name their own Buffer type; it reads any binary buffer.
  await book.xlsx.load(data as unknown as Parameters<Workbook["xlsx"]["load"]>[0]);
  return new XlsxWorkbook(book);
}

/** A port over a new, empty workbook (for the template and the sample). */
export function newXlsx(): XlsxWorkbook {
  return new XlsxWorkbook(new Workbook());
}

/** The workbook as .xlsx bytes. */
export async function xlsxBytes(workbook: XlsxWorkbook | Workbook): Promise<Uint8Array> {
  const book = workbook instanceof XlsxWorkbook ? workbook.book : workbook;
  // Totals rows hold formulas; Excel recalculates them (and the user's own) on opening.
  book.calcProperties.fullCalcOnLoad = true;
  return new Uint8Array(await book.xlsx.writeBuffer());
}
