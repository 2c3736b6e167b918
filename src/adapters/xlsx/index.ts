/**
 * The .xlsx adapter: the workbook port over .xlsx packages, part by part
 * (zip.ts the container, package.ts the index, sheet-reader.ts and
 * sheet-writer.ts the sheets, styles.ts the formats, workbook.ts the port).
 * ./file (openXlsx, saveXlsx) needs Node's file system; a browser bundle
 * imports ./workbook and ./bytes instead of this index.
 */
export { XlsxWorkbook, WorkbookWriteError } from "./workbook";
export { loadXlsx, newXlsx, xlsxBytes } from "./bytes";
export { openXlsx, saveXlsx } from "./file";
export { PackageError } from "./errors";
