/**
 * A worksheet read as a stream: its part inflated slice by slice and its
 * bytes scanned as they come (sheet-scanner.ts), each cell handed over as it
 * closes, so a million-row sheet is never held whole, as text or as objects.
 * Reading stops once the rows asked for are past. Also the shared strings,
 * decoded and streamed through saxes.
 */
import { SaxesParser } from "saxes";
import type { CellValue } from "../../workbook/cells";
import type { CellContext } from "./cells";
import { PackageError } from "./errors";
import type { SheetWindow } from "./sheet-scanner";
import { EnoughRead, MalformedSheet, SheetScanner } from "./sheet-scanner";
import { localName, unescapeCellText } from "./xml";
import type { ZipArchive, ZipEntry } from "./zip";
import { concat } from "./zip";

export type { SheetWindow } from "./sheet-scanner";

/** The part's zip entry; a part the package names but does not hold is damage. */
function entryOf(zip: ZipArchive, part: string): ZipEntry {
  const entry = zip.entry(part);
  if (!entry) throw new PackageError("damaged", { part });
  return entry;
}

/** Inflates a part as text, chunk by chunk (a leading byte-order mark dropped): the shared strings. */
async function streamText(zip: ZipArchive, part: string, onText: (text: string) => void): Promise<void> {
  const entry = entryOf(zip, part);
  const decoder = new ChunkDecoder();
  let first = true;
  await zip.inflate(entry, (chunk) => {
    let text = decoder.write(chunk);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    onText(text);
  });
  onText(decoder.end());
}

/**
 * UTF-8 decoded chunk by chunk: each chunk whole up to its last complete
 * character, the rest carried to the next (a streaming TextDecoder took half
 * as long again over a full sheet). A character cut off at the very end is
 * damage, written as U+FFFD, as a streaming decoder writes it.
 */
export class ChunkDecoder {
  // ignoreBOM: a call without `stream` would otherwise drop a U+FEFF that starts any chunk; the part's own leading mark is dropped by streamText.
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private carry: Uint8Array | undefined;

  write(chunk: Uint8Array): string {
    const bytes = this.carry ? concat([this.carry, chunk], this.carry.length + chunk.length) : chunk;
    const whole = completeLength(bytes);
    this.carry = whole < bytes.length ? bytes.slice(whole) : undefined;
    return this.decoder.decode(whole < bytes.length ? bytes.subarray(0, whole) : bytes);
  }

  end(): string {
    const rest = this.carry;
    this.carry = undefined;
    return rest ? this.decoder.decode(rest) : "";
  }
}

/** The bytes up to the end of the last whole UTF-8 character: a character whose bytes run past the end waits for the next chunk. */
function completeLength(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  // Step back over at most three continuation bytes (10xxxxxx) to the character's first byte.
  while (i >= 0 && bytes.length - i <= 3 && (bytes[i] & 0xc0) === 0x80) i--;
  if (i < 0) return bytes.length;
  const lead = bytes[i];
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + size > bytes.length ? i : bytes.length;
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
    await zip.inflate(entryOf(zip, part), (chunk) => scanner.feed(chunk));
    scanner.end();
  } catch (e) {
    if (e instanceof EnoughRead) return;
    if (e instanceof PackageError) throw e;
    if (e instanceof MalformedSheet) throw new PackageError("badSheet", { sheet: sheetName, cell: e.cell ?? scanner.where() });
    throw e;
  }
}

/**
 * A text that holds on to nothing but itself. V8 makes a cut of 13 or more
 * characters a view into the string it was cut from, so a text cut from a
 * 256 KB piece of decoded XML (the shared strings, read through saxes) kept
 * the whole piece alive as long as the text: on a full sheet whose Refs have
 * 15 characters, 250 MB of XML stayed in memory and the command line's peak
 * rose from 0.7 to 1 GB. Joined to a space and cut again, the text is copied
 * into a string of its own. (A sheet's cells are made from their bytes, each
 * a string of its own already.) Exported for its test.
 */
export function detachedText(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
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
      strings.push(detachedText(unescapeCellText(text)));
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
