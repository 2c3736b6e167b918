/**
 * A worksheet read as a stream: its part inflated slice by slice and its
 * bytes scanned as they come (sheet-scanner.ts), each cell handed over as it
 * closes, so a million-row sheet is never held whole, as text or as objects.
 * Reading stops once the rows asked for are past. (The shared strings are
 * read in shared-strings.ts.)
 */
import type { CellValue } from "../../workbook/cells";
import type { CellContext } from "./cells";
import { PackageError } from "./errors";
import type { SheetWindow } from "./sheet-scanner";
import { EnoughRead, MalformedSheet, SheetScanner } from "./sheet-scanner";
import type { ZipArchive, ZipEntry } from "./zip";

export type { SheetWindow } from "./sheet-scanner";

/** The part's zip entry; a part the package names but does not hold is damage. */
function entryOf(zip: ZipArchive, part: string): ZipEntry {
  const entry = zip.entry(part);
  if (!entry) throw new PackageError("damaged", { part });
  return entry;
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
