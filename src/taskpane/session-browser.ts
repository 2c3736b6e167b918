/**
 * The session in a plain browser: an .xlsx file opened from disk, held in
 * memory by the .xlsx adapter, and downloaded again with the results. This
 * module (with the .xlsx adapter) is loaded only in this mode, as a chunk of
 * its own; inside Excel it never is.
 *
 * Without a grid, pointing at a problem shows its address. The choices live
 * for as long as the page: an .xlsx file keeps no add-in settings that a
 * browser could read or write.
 */
import { loadXlsx, newXlsx, xlsxBytes } from "../adapters/xlsx/bytes";
import type { WorkbookExtension } from "../adapters/xlsx/package";
import { WORKBOOK_MEDIA_TYPES } from "../adapters/xlsx/package";
import type { XlsxWorkbook } from "../adapters/xlsx/workbook";
import { buildSampleTables, templateTables } from "../sample";
import type { SelectOutcome, WizardChoices, WorkbookSession } from "./session";
import { workbookStem } from "./session";
import { CATALOGS } from "../i18n";
import type { OpeningFile } from "./job/protocol";

/** Hands the finished file to the user under its media type. */
export type Deliver = (bytes: Uint8Array, fileName: string, type: string) => void;

/**
 * "plant.xlsx" → "plant-result.xlsx" ("plant-resultat.xlsx" in Swedish: `word`
 * is the pane's file.result), "plant.xlsm" → "plant-result.xlsm": the download
 * never takes the opened file's own name, and ends in the extension its
 * content calls for (Excel refuses to open an .xlsm saved as .xlsx).
 */
export function resultFileName(title: string, extension: WorkbookExtension, word = "result"): string {
  const stem = workbookStem(title);
  // A result opened and run again is numbered, not suffixed again: "plant-result.xlsx" → "plant-result-2.xlsx" (not
  // "plant-result-result.xlsx"), in whichever language the earlier download was named, and with the " (1)" a browser
  // gives a second download of one name left off. A number of four digits is the user's own (a year), not ours.
  const words = Object.values(CATALOGS).map((c) => c["file.result"].replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const earlier = new RegExp(`^(.*)-(?:${words.join("|")})(?:-(\\d{1,3}))?(?: \\(\\d+\\))?$`, "i").exec(stem);
  if (earlier && earlier[1] !== "") return `${earlier[1]}-${word}-${Number(earlier[2] ?? 1) + 1}${extension}`;
  return `${stem}-${word}${extension}`;
}

/** "Backflush workbook.xlsx" → "Backflush workbook-template.xlsx" (`word`: file.template): the template to fill in, under a name of its own, as the result has. */
export function templateFileName(title: string, extension: WorkbookExtension, word = "template"): string {
  return `${workbookStem(title)}-${word}${extension}`;
}

export class BrowserSession implements WorkbookSession {
  readonly mode = "browser" as const;
  private choices: WizardChoices = {};
  opening?: OpeningFile;

  /** Make one with `browserSessionOver`, which reads the extension from the package. */
  constructor(
    readonly port: XlsxWorkbook,
    readonly title: string,
    private readonly deliver: Deliver,
    /** The extension the package's content type calls for; a run does not change it. */
    readonly downloadExtension: WorkbookExtension,
  ) {}

  async listSources(): Promise<string[]> {
    const sheets = this.port.sheetsAndTables();
    return [...sheets.flatMap((s) => s.tables), ...sheets.map((s) => s.sheet)];
  }

  async selectProblem(_address: string): Promise<SelectOutcome> {
    return "shown";
  }

  async loadChoices(): Promise<WizardChoices> {
    return structuredClone(this.choices);
  }

  async saveChoices(choices: WizardChoices): Promise<void> {
    this.choices = structuredClone(choices);
  }

  async insertTemplate(fileWord?: string): Promise<string> {
    await this.port.writeInputTables(templateTables());
    // No grid here to fill them in: the workbook goes to the user's downloads, to fill in with Excel and open again.
    const name = templateFileName(this.title, this.downloadExtension, fileWord);
    this.deliver(xlsxBytes(this.port), name, WORKBOOK_MEDIA_TYPES[this.downloadExtension]);
    return name;
  }

  insertSample(): Promise<void> {
    return this.port.writeInputTables(buildSampleTables());
  }

  async download(fileWord?: string): Promise<void> {
    this.deliver(xlsxBytes(this.port), resultFileName(this.title, this.downloadExtension, fileWord), WORKBOOK_MEDIA_TYPES[this.downloadExtension]);
  }

  offerFile(bytes: Uint8Array, fileName: string, type: string): void {
    this.deliver(bytes, fileName, type);
  }
}

/** What a chosen file is, from its bytes (here for the page, which loads this module lazily). */
export { fileKindOf } from "../adapters/xlsx/sniff";

/** A session over a package, downloaded again under the extension its own workbook content type calls for (.xlsx when it names none). */
export async function browserSessionOver(port: XlsxWorkbook, title: string, deliver: Deliver): Promise<BrowserSession> {
  return new BrowserSession(port, title, deliver, (await port.fileExtension()) ?? ".xlsx");
}

export async function openBrowserSession(bytes: ArrayBuffer, title: string, deliver: Deliver): Promise<BrowserSession> {
  return browserSessionOver(await loadXlsx(bytes), title, deliver);
}

export async function emptyBrowserSession(title: string, deliver: Deliver): Promise<BrowserSession> {
  return browserSessionOver(await newXlsx(), title, deliver);
}

/** Offers bytes as a file download (an object URL on a link; nothing leaves the machine). */
export function downloadFile(bytes: Uint8Array, fileName: string, type: string): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it starts; free ours a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
