/**
 * The Office adapter: the workbook port over Office.js, and the helpers the
 * task pane uses to take the user to a cell and to remember the wizard's choices.
 */
export { OfficeWorkbook } from "./workbook";
export type { OfficeWorkbookOptions } from "./workbook";
export { WorkbookWriteError } from "../../workbook/names";
export { selectCell, activateSheet } from "./navigate";
export { loadChoices, saveChoices, CHOICES_KEY } from "./choices";
export type { WizardChoices, WizardLanguage, OfficeSettingsLike, SaveResultLike } from "./choices";
export { yieldToHost } from "./batch";
export type { ExcelApiSubset } from "./api";
