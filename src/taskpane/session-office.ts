/**
 * The session inside Excel: the open workbook through the Office adapter,
 * problems selected in the grid, sheets activated, choices remembered in the
 * workbook's add-in settings.
 */
import type { ExcelApiSubset, OfficeSettingsLike, WizardChoices } from "../adapters/office";
import { OfficeWorkbook, activateSheet, loadChoices, saveChoices, selectCell } from "../adapters/office";
import { buildSampleTables, templateTables } from "../sample";
import type { SelectOutcome, WorkbookSession } from "./session";

export type RowProgress = (done: number, total: number) => void;

export class OfficeSession implements WorkbookSession {
  readonly mode = "office" as const;
  readonly port: OfficeWorkbook;
  private rowProgress: RowProgress | undefined;

  constructor(
    private readonly excel: ExcelApiSubset,
    private readonly settings: OfficeSettingsLike,
  ) {
    // The adapter reports rows read and written; whoever watches (a run's progress bar) hears it.
    this.port = new OfficeWorkbook(excel, { onProgress: (done, total) => this.rowProgress?.(done, total) });
  }

  /** Rows done of the adapter's current read or write, until called with undefined. */
  watchRows(listener: RowProgress | undefined): void {
    this.rowProgress = listener;
  }

  listSources(): Promise<string[]> {
    return this.excel.run(async (context) => {
      const tables = context.workbook.tables.load("items/name");
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      return [...tables.items.map((t) => t.name), ...sheets.items.map((s) => s.name)];
    });
  }

  async selectProblem(address: string): Promise<SelectOutcome> {
    await selectCell(this.excel, address);
    return "selected";
  }

  activate(sheet: string): Promise<void> {
    return activateSheet(this.excel, sheet);
  }

  async loadChoices(): Promise<WizardChoices> {
    return loadChoices(this.settings) ?? {};
  }

  saveChoices(choices: WizardChoices): Promise<void> {
    return saveChoices(this.settings, choices);
  }

  async insertTemplate(): Promise<undefined> {
    await this.port.writeInputTables(templateTables());
    return undefined;
  }

  insertSample(): Promise<void> {
    return this.port.writeInputTables(buildSampleTables());
  }
}
