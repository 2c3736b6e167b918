/**
 * The wizard's effects: everything it does to the workbook goes through the
 * session and the job runner, and everything it learns goes through the
 * reducer. No React here, so the wizard's behaviour is tested in Node.
 */
import type { LedgerFiles } from "../../workbook/ledger-files";
import type { Settings, TableName } from "../../engine/types";
import { ACCOUNT_ROLES } from "../../engine/types";
import { PackageError, packageWords } from "../../adapters/xlsx/errors";
import { WorkbookWriteError, isGeneratedTableName, writeWords } from "../../workbook/names";
import type { Language, Translator } from "../../i18n";
import { translator } from "../../i18n";
import type { RawTable } from "../../workbook/parse";
import { readInput } from "../../workbook/parse";
import { lookupNames } from "../../workbook/job";
import { TABLES, TABLE_ORDER, accountsIn } from "../../workbook/schema";
import type { JobRequest, OpeningFile } from "../job/protocol";
import { BackflushBug, EngineWorkerFailed } from "../job/protocol";
import { OpeningError } from "../../workbook/opening";
import type { JobRunner } from "../job/runner";
import type { WizardChoices, WorkbookSession } from "../session";
import type { FoundTable, StepId, WizardAction, WizardState, WorkbookScan } from "./state";
import { busy, canRun } from "./state";
import { officeErrorCode } from "../../adapters/office/api";

/** Empty stand-ins for the data tables, so the reader judges Settings and Accounts alone. */
const EMPTY_TABLES: Partial<Record<TableName, RawTable>> = Object.fromEntries(
  TABLE_ORDER.map((name) => [name, { sheet: name, headerRow: 1, firstColumn: 0, header: TABLES[name].columns.map((c) => c.key), rows: [] }]),
);

/**
 * What the workbook holds, for the Data and Method steps: where each input
 * table is, and the settings and accounts a run would use without the pane's
 * choices (read by the same reader as a run, so they never disagree).
 */
export async function scanWorkbook(session: WorkbookSession, tableNames: WizardChoices["tableNames"], language: Language = "en"): Promise<WorkbookScan> {
  const port = session.port;
  const tables: Partial<Record<TableName, FoundTable>> = {};
  const read: Partial<Record<TableName, RawTable>> = {};
  // Settings and Accounts are read; the other tables only located where the port can tell without reading their cells on
  // the page, all at once where it can (inside Excel, in three requests rather than three a table).
  const located: readonly TableName[] = TABLE_ORDER.filter((name) => name !== "Settings" && name !== "Accounts");
  const places = port.locateTables ? await port.locateTables(located.map((name) => lookupNames(name, tableNames))) : undefined;
  for (const name of TABLE_ORDER) {
    const names = lookupNames(name, tableNames);
    if (port.locateTable && located.includes(name)) {
      const place = places ? places[located.indexOf(name)] : await port.locateTable(names);
      if (place) tables[name] = place;
      continue;
    }
    const raw = await port.findTable(names);
    if (!raw) continue;
    read[name] = raw;
    tables[name] = { sheet: raw.sheet, tableName: raw.tableName, rows: raw.rows.length };
  }
  const own = readInput({ ...EMPTY_TABLES, Settings: read.Settings, Accounts: read.Accounts });
  // A result's own tables (Backflush_Journal, …) are no input: not offered as one.
  const sources = (await session.listSources()).filter((s) => !isGeneratedTableName(s));
  // The default accounts named as the run will name them: in the sheets' language (Settings Language, else the pane's);
  // the roles the Accounts table does not map are said to be placeholders, as the Run step's ledger notice says.
  const defaulted = ACCOUNT_ROLES.filter((role) => !own.mappedRoles.has(role));
  return { tables, sources, settings: own.input?.settings ?? {}, accounts: accountsIn(own.accounts, own.sheet.language ?? language), defaulted };
}

/** A failure as the user reads it, in the pane's language: a file that cannot be read, a bug of ours, or the adapter's own words. */
export function reasonOf(e: unknown, tr: Translator): string {
  if (e instanceof PackageError) return packageWords(tr, e.problem, e.params);
  if (e instanceof BackflushBug) return tr.t("failure.bug");
  if (e instanceof EngineWorkerFailed) return tr.t("failure.worker");
  // Excel's refusals said in the pane's words, with what to do, and Excel's own text after them.
  const code = officeErrorCode(e);
  const excel = e instanceof Error ? e.message : String(e);
  if (code === "InvalidOperationInCellEditMode") return tr.t("failure.excel.cellEdit");
  if (code === "AccessDenied") return tr.t("failure.excel.denied", { excel });
  if (code === "GeneralException") return tr.t("failure.excel.general", { excel });
  if (e instanceof WorkbookWriteError) return writeWords(tr, e.problem);
  return e instanceof Error ? e.message : String(e);
}

/** A failure's reason, to be said in whatever language the pane speaks when it is shown. */
const reasonsOf =
  (e: unknown) =>
  (tr: Translator): string =>
    reasonOf(e, tr);

export class WizardController {
  constructor(
    private readonly session: WorkbookSession,
    private readonly runner: JobRunner,
    private readonly dispatch: (action: WizardAction) => void,
    private readonly state: () => WizardState,
    /** The pane's language now, for the sheets that have one. */
    private readonly language: () => Language | undefined = () => undefined,
  ) {}

  /** Loads the remembered choices, then looks at the workbook. */
  async start(): Promise<void> {
    try {
      this.dispatch({ type: "choices-loaded", choices: await this.session.loadChoices() });
      this.remembered = JSON.stringify(this.state().choices);
    } catch {
      // Unreadable remembered choices are as good as none.
    }
    if (this.session.opening) this.dispatch({ type: "choose-opening", opening: this.session.opening });
    await this.scan();
  }

  /** The latest scan asked for: an earlier one that ends after it (a table picked, then another) is not shown. */
  private scans = 0;

  /** The pane's language, English until one is known. */
  private paneLanguage(): Language {
    return this.language() ?? "en";
  }

  /** The language the latest scan named the default accounts in. */
  private scannedIn: Language | undefined;

  async scan(): Promise<void> {
    const scan = ++this.scans;
    this.dispatch({ type: "scan-started" });
    try {
      this.scannedIn = this.paneLanguage();
      const found = await scanWorkbook(this.session, this.state().choices.tableNames, this.scannedIn);
      if (scan === this.scans) this.dispatch({ type: "scan-done", scan: found });
    } catch (e) {
      if (scan === this.scans) this.dispatch({ type: "scan-failed", reason: reasonsOf(e) });
    }
  }

  /** The pane's language has changed (picked, or remembered with the choices): the default accounts are named again in it. */
  async followLanguage(): Promise<void> {
    // Not while a check or run reads or writes the workbook (inside Excel, a scan's requests would go between theirs).
    if (busy(this.state())) return;
    if (this.scannedIn !== undefined && this.scannedIn !== this.paneLanguage()) await this.scan();
  }

  async chooseTable(table: TableName, name: string | undefined): Promise<void> {
    // While a check or run reads the tables, the choice waits (the pickers are disabled; the state would drop it anyway).
    if (busy(this.state())) return;
    this.dispatch({ type: "choose-table", table, name });
    await this.remember();
    await this.scan();
  }

  /** A method choice (undefined or "" clears one); remembered at once, so closing the pane loses nothing. */
  async chooseSettings(patch: Partial<Settings>): Promise<void> {
    this.dispatch({ type: "choose-settings", patch });
    await this.remember();
  }

  /** The previous result to open at (undefined: none). */
  chooseOpening(opening: OpeningFile | undefined): void {
    if (busy(this.state())) return;
    this.session.opening = opening;
    this.dispatch({ type: "choose-opening", opening });
  }

  /** Back to what the workbook's Settings table says. */
  async resetSettings(): Promise<void> {
    this.dispatch({ type: "reset-settings" });
    await this.remember();
  }

  /** Inside Excel, where a problem's link selects its cell; in the browser it can only show the address. */
  get inExcel(): boolean {
    return this.session.mode === "office";
  }

  async insert(what: "template" | "sample"): Promise<void> {
    if (this.state().inserting) return;
    this.dispatch({ type: "insert-started" });
    let downloaded: string | undefined;
    try {
      if (what === "template") downloaded = await this.session.insertTemplate(translator(this.paneLanguage()).t("file.template"));
      else await this.session.insertSample();
    } catch (e) {
      this.dispatch({ type: "insert-failed", reason: reasonsOf(e) });
      return;
    }
    this.dispatch({ type: "insert-done", what, ...(downloaded !== undefined ? { downloaded } : {}) });
    await this.scan();
  }

  async check(): Promise<void> {
    const before = this.state();
    if (busy(before)) return;
    this.dispatch({ type: "check-started" });
    await this.remember();
    try {
      this.dispatch({ type: "check-done", report: await this.runner.check(this.session.port, this.request()) });
    } catch (e) {
      // The previous result chosen in the Method step could not be read: the way back is that step.
      this.dispatch({ type: "check-failed", reason: reasonsOf(e), fixIn: e instanceof OpeningError ? "method" : undefined });
    }
  }

  async run(): Promise<void> {
    if (!canRun(this.state())) return;
    this.dispatch({ type: "run-started" });
    this.session.watchRows?.((done, total) => this.dispatch({ type: "rows", done, total }));
    try {
      // The ledger files may come before the report has been taken: they are held until it has.
      let taken = false;
      let early: { files: LedgerFiles | undefined } | undefined;
      const report = await this.runner.run(
        this.session.port,
        this.request(),
        (at) => this.dispatch({ type: "progress", at }),
        (files) => (taken ? this.dispatch({ type: "ledger-files", files }) : (early = { files })),
      );
      this.dispatch({ type: "run-done", report });
      taken = true;
      if (early) this.dispatch({ type: "ledger-files", files: early.files });
    } catch (e) {
      this.dispatch({ type: "run-failed", reason: reasonsOf(e) });
    } finally {
      this.session.watchRows?.(undefined);
    }
  }

  /** To the step where what a problem names is fixed: the Method step's choices, the Data step's table picks. */
  showStep(step: StepId): void {
    this.dispatch({ type: "go", step });
  }

  async selectProblem(address: string): Promise<void> {
    let selected = false;
    try {
      selected = (await this.session.selectProblem(address)) === "selected";
    } catch {
      // The address is shown all the same.
    }
    this.dispatch({ type: "cell", address, selected });
  }

  /** Saves the current choices in the workbook; a failure to save never stops the work. */
  async remember(): Promise<void> {
    // Only what changed is saved: inside Excel saving writes the document's settings, which marks the workbook changed (and
    // a check with nothing chosen made Excel ask to save it on close).
    const choices = this.state().choices;
    const key = JSON.stringify(choices);
    if (key === this.remembered) return;
    try {
      await this.session.saveChoices(choices);
      this.remembered = key;
    } catch {
      // Remembering is a convenience.
    }
  }

  /** The choices as last loaded or saved (JSON), so that remember() writes only a change. */
  private remembered: string | undefined;

  private request(): JobRequest {
    const { choices, opening } = this.state();
    const language = this.language();
    return { tableNames: { ...choices.tableNames }, overrides: { ...choices.overrides }, ledgerFiles: this.session.mode === "browser", ...(language ? { language } : {}), ...(opening ? { opening } : {}) };
  }
}
