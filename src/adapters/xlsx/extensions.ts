/**
 * The workbook kinds by their extension: the content type of each, and the
 * media type a file of it is offered under. A module of plain data, with no
 * imports, so that the task pane's main chunk can name them without taking
 * in the .xlsx adapter.
 */

/**
 * The extension Excel requires for each content type a workbook part can have,
 * as Excel writes them: Excel refuses to open a package whose name does not
 * end in the extension of its content (an .xlsm saved as .xlsx, say).
 */
export const WORKBOOK_EXTENSIONS = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ".xlsx",
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml": ".xlsm",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": ".xltx",
  "application/vnd.ms-excel.template.macroEnabled.main+xml": ".xltm",
  "application/vnd.ms-excel.addin.macroEnabled.main+xml": ".xlam",
} as const;

export type WorkbookExtension = (typeof WORKBOOK_EXTENSIONS)[keyof typeof WORKBOOK_EXTENSIONS];

/** The media type a file of each workbook extension is offered under (a download's Blob type), as Office registers them. */
export const WORKBOOK_MEDIA_TYPES: Readonly<Record<WorkbookExtension, string>> = {
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
  ".xltx": "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
  ".xltm": "application/vnd.ms-excel.template.macroEnabled.12",
  ".xlam": "application/vnd.ms-excel.addin.macroEnabled.12",
};
