/**
 * A workbook open in the pane, whatever holds it: Excel (OfficeSession) or an
 * .xlsx file in the browser (BrowserSession). The wizard talks to nothing
 * else. What a mode lacks is absent (no `activate` without a grid, no
 * `download` inside Excel), so the wizard offers only what works.
 */
import type { WizardChoices } from "../adapters/office/choices";
import type { WorkbookExtension } from "../adapters/xlsx/extensions";
import { WORKBOOK_MEDIA_TYPES } from "../adapters/xlsx/extensions";
import type { WorkbookPort } from "../workbook/port";
import type { OpeningFile } from "./job/protocol";

const WORKBOOK_SUFFIX = new RegExp(`(?:${Object.keys(WORKBOOK_MEDIA_TYPES).map((e) => e.replace(".", "\\.")).join("|")})$`, "i");

/** The workbooks browser mode reads and writes back. */
const OPENED: readonly WorkbookExtension[] = [".xlsx", ".xlsm"];
/** What the pane's file inputs offer: those workbooks, by extension and by media type. */
export const WORKBOOK_ACCEPT = [...OPENED, ...OPENED.map((e) => WORKBOOK_MEDIA_TYPES[e])].join(",");

/** "plant.xlsm" → "plant": the name the files made from a workbook start with (the result, the ledger files). */
export function workbookStem(title: string | undefined): string {
  return (title ?? "").replace(WORKBOOK_SUFFIX, "") || "workbook";
}

/** The wizard's choices (table picks, method overrides, language), as the workbook's settings remember them. */
export type { WizardChoices };

/** What pointing at a problem's cell did: selected it in the grid, or only showed its address. */
export type SelectOutcome = "selected" | "shown";

export interface WorkbookSession {
  readonly mode: "office" | "browser";
  /** The workbook's name, where the pane shows it (the file name in the browser). */
  readonly title?: string;
  readonly port: WorkbookPort;
  /** Tables and sheets the user may pick an input table from: tables first, then sheets. */
  listSources(): Promise<string[]>;
  /** Points the user at a problem's cell ("Purchases!C3"). */
  selectProblem(address: string): Promise<SelectOutcome>;
  /** Goes to a generated sheet (Excel only). */
  activate?(sheet: string): Promise<void>;
  loadChoices(): Promise<WizardChoices>;
  saveChoices(choices: WizardChoices): Promise<void>;
  /**
   * Adds the empty input tables (with Settings and the default accounts). In
   * the browser, where the pane has no grid to fill them in, the workbook is
   * also downloaded: the name of that file, to be filled in and opened again
   * (its stem and `fileWord`, the pane's word for a template).
   */
  insertTemplate(fileWord?: string): Promise<string | undefined>;
  /** Adds the furniture maker's sample tables. */
  insertSample(): Promise<void>;
  /** Saves the workbook, results included, as a download named with the extension its content calls for, and `fileWord` (the pane's word for a result) after its stem (browser only). */
  download?(fileWord?: string): Promise<void>;
  /** The extension `download` saves under (".xlsx", ".xlsm", …), for its button to say. */
  readonly downloadExtension?: WorkbookExtension;
  /** Offers other bytes as a download, such as the ledger files (browser only). */
  offerFile?(bytes: Uint8Array, fileName: string, type: string): void;
  /** Hears rows done of the port's current read or write (where the port reports them), until given undefined. */
  watchRows?(listener: ((done: number, total: number) => void) | undefined): void;
  /**
   * The previous result chosen to open at, held with the session, so that a
   * wizard made anew on the same workbook (browser mode: the file opened again
   * after a fix) starts with it.
   */
  opening?: OpeningFile;
}
