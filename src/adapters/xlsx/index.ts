/**
 * The .xlsx adapter: the workbook port over .xlsx workbooks, through ExcelJS.
 * ./file (openXlsx, saveXlsx) needs Node's file system; a browser bundle
 * imports ./workbook and ./bytes instead of this index.
 */
export { XlsxWorkbook, WorkbookWriteError } from "./workbook";
export { loadXlsx, newXlsx, xlsxBytes } from "./bytes";
export { openXlsx, saveXlsx } from "./file";
export { cellValue, fromExcel } from "./cells";
