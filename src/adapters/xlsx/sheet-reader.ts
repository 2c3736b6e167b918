/**
 * A worksheet read as a stream: its part inflated slice by slice and scanned
 * as it comes (sheet-scanner.ts), each cell handed over as it closes, so a
 * million-row sheet is never held whole, as text or as objects. Reading stops
 * once the rows asked for are past. Also the shared strings, streamed through saxes.
 */
import { SaxesParser } from "saxes";
import type { CellValue } from "../../workbook/cells";
import type { CellContext } from "./cells";
import { PackageError } from "./errors";
import type { SheetWindow } from "./sheet-scanner";
import { EnoughRead, MalformedSheet, SheetScanner } from "./sheet-scanner";
import { localName, unescapeCellText } from "./xml";
import type { ZipArchive } from "./zip";

export type { SheetWindow } from "./sheet-scanner";

/** Inflates a part as text, chunk by chunk (a leading byte-order mark dropped). */
async function streamText(zip: ZipArchive, part: string, onText: (text: string) => void): Promise<void> {
  const entry = zip.entry(part);
  if (!entry) throw new PackageError("damaged", { part });
  const decoder = new TextDecoder("utf-8");
  let first = true;
  await zip.inflate(entry, (chunk) => {
    let text = decoder.decode(chunk, { stream: true });
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    onText(text);
  });
  onText(decoder.decode());
}

/**
 * Streams a worksheet's cells inside `window` (every cell when none),
 * handing each non-empty one to `onCell` with its 1-based row and column.
 */
export async function readSheetCells(
  zip: ZipArchive,
  part: string,
  sheetName: string,
  ctx: CellContext & { dateStyles: ReadonlySet<number> },
  window: SheetWindow | undefined,
  onCell: (row: number, col: number, value: CellValue) => void,
): Promise<void> {
  const scanner = new SheetScanner(ctx, window, onCell);
  try {
    await streamText(zip, part, (text) => scanner.feed(text));
    scanner.end();
  } catch (e) {
    if (e instanceof EnoughRead) return;
    if (e instanceof PackageError) throw e;
    if (e instanceof MalformedSheet) throw new PackageError("badSheet", { sheet: sheetName, cell: e.cell ?? scanner.where() });
    throw e;
  }
}

/** The shared strings, in order; each its plain text (rich-text runs joined, phonetic runs left out). */
export async function readSharedStrings(zip: ZipArchive, part: string): Promise<string[]> {
  const parser = new SaxesParser();
  const strings: string[] = [];
  let inItem = false;
  let inText = false;
  let inPhonetic = false;
  let text = "";
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    if (name === "si") {
      inItem = true;
      text = "";
    } else if (name === "rPh") inPhonetic = true;
    else if (name === "t" && inItem && !inPhonetic) inText = true;
  });
  parser.on("text", (t) => {
    if (inText) text += t;
  });
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    if (name === "si") {
      strings.push(unescapeCellText(text));
      inItem = false;
    } else if (name === "rPh") inPhonetic = false;
    else if (name === "t") inText = false;
  });
  try {
    await streamText(zip, part, (text) => parser.write(text));
    parser.close();
  } catch (e) {
    if (e instanceof PackageError) throw e;
    throw new PackageError("badXml", { part });
  }
  return strings;
}
