/**
 * How the generated sheets look, on screen and on paper, decided once for
 * both adapters: column widths fitted to what the columns hold, which columns
 * wrap, the print scale that fits a sheet one landscape page wide without
 * shrinking its text past reading, and the page header and footer.
 */
import { Dec, ZERO } from "../engine/money";
import { translator, type Language } from "../i18n";
import type { OutCell, OutColumn, OutKind } from "./render";

/** The most characters an Excel cell holds. */
export const MAX_CELL_TEXT = 32_767;

/**
 * Text as a cell can hold it: at most MAX_CELL_TEXT characters, a longer text
 * cut and ended with an ellipsis (a memo naming a long unit or category, an
 * account with a long name); never half of a character written in two UTF-16
 * units.
 */
export function fitCell(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  let end = MAX_CELL_TEXT - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate whose pair would be cut off
  return `${text.slice(0, end)}…`;
}

/** Excel number formats for each kind; money follows the currency's minor unit; negatives in brackets, as accountants write them. */
export function numberFormat(kind: OutKind, minorUnits: number): string {
  switch (kind) {
    case "money":
      return minorUnits > 0 ? bracketed(`#,##0.${"0".repeat(minorUnits)}`) : bracketed("#,##0");
    case "quantity":
      return QUANTITY_WHOLE;
    case "date":
      return "yyyy-mm-dd";
    case "integer":
      return "0";
    case "ratio":
      // The review's deviations have two decimals of a percent (DEVIATION_PLACES): shown as they are, a −0.04 % is no "-0.0%".
      return "0.00%";
    case "text":
      return "@";
  }
}

/** Positive with room for the bracket (so figures line up), negative in brackets. */
const bracketed = (code: string): string => `${code}_);(${code})`;
/**
 * Whole quantities show without decimals; a fraction shows its own (up to
 * ten), never padded with zeros: a price column (Std price, Proposed, Material
 * per unit) holds the same kind, and a proposed price of 0.03793 is the figure
 * a user carries into Items, not 0.0379.
 */
export const QUANTITY_WHOLE = bracketed("#,##0");
export const QUANTITY_FRACTION = bracketed("#,##0.0#########");
/** The most decimals a quantity shows (QUANTITY_FRACTION), and its column is made wide enough for. */
const QUANTITY_DECIMALS = 10;

/** The format of one cell: a column's format, except that a quantity with a fraction shows it. */
export function cellFormat(kind: OutKind, value: OutCell, minorUnits: number): string {
  if (kind === "quantity" && value instanceof Dec && !value.isInteger()) return QUANTITY_FRACTION;
  return numberFormat(kind, minorUnits);
}

/** The widest a column that does not wrap grows to fit its longest text; past this, it wraps. */
const MAX_TEXT_WIDTH = 30;
const MIN_WIDTH = 5;

/** Characters a number takes as shown: grouped digits, its decimals, and the brackets or the room kept for them. */
function numberWidth(kind: OutKind, wholeDigits: number, decimals: number, minorUnits: number): number {
  const grouped = wholeDigits + Math.floor((wholeDigits - 1) / 3);
  switch (kind) {
    case "money":
      return grouped + (minorUnits > 0 ? minorUnits + 1 : 0) + 2;
    case "quantity":
      return grouped + (decimals > 0 ? Math.min(QUANTITY_DECIMALS, decimals) + 1 : 0) + 2;
    case "ratio":
      return grouped + 5;
    default:
      return wholeDigits + 1;
  }
}

/** Capitals, which codes are written in, are wider than the digit a width counts: a fifth more keeps a code whole. */
const CAPITAL = 1.2;
/** A character's width in digit widths, by its UTF-16 unit: a capital counts a fifth more. */
const unitWidth = (c: number): number => (c >= 65 && c <= 90 ? CAPITAL : 1);

/** A text's width in digit widths. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += unitWidth(ch.charCodeAt(0));
  return width;
}

/** The widest a column grows to keep a word of its text whole; a longer word wraps inside itself. */
const MAX_WORD_WIDTH = 40;

/**
 * The width of a text's widest word of `atLeast` characters or more (words
 * between spaces, found by indexOf; a tab or line break inside one only makes
 * it count wider), capitals counted as in textWidth; 0 when it has none.
 */
function widestLongWord(text: string, atLeast: number): number {
  let widest = 0;
  for (let from = 0; from < text.length; ) {
    let to = text.indexOf(" ", from);
    if (to < 0) to = text.length;
    if (to - from >= atLeast) {
      let width = 0;
      for (let i = from; i < to; i++) width += unitWidth(text.charCodeAt(i));
      if (width > widest) widest = width;
    }
    from = to + 1;
  }
  return widest;
}

/** The longest word of a header: the narrowest a column can be, its header wrapping between words. */
const longestWord = (header: string): number => Math.max(...header.split(/\s+/).map((w) => w.length));

/**
 * Each column's width from what it holds: a number column as wide as its
 * widest figure, a text column as its longest text up to its own width (a
 * `wrap` column) or MAX_TEXT_WIDTH (any other), after which the text wraps.
 * Headers wrap between words, so a long header widens a column only to its
 * longest word. `wrap` comes out set on every column whose text can wrap.
 */
export function fitColumns(columns: readonly OutColumn[], rows: readonly (readonly OutCell[])[], minorUnits: number): OutColumn[] {
  return columns.map((c, j) => {
    let widest = 0;
    let total: Dec | undefined;
    // The widest word of a text that wraps: a column is never narrower, so a code or a long word (Förbrukningsavvikelse) is not cut.
    let widestWord = 0;
    if (c.kind === "date") widest = 10;
    else if (c.kind === "text") {
      const wrapsPast = c.wrap ? c.width : MAX_TEXT_WIDTH;
      // Only a word as wide as the column can widen it: words shorter than that are stepped over, space to space.
      const longWord = Math.floor(wrapsPast / CAPITAL);
      let lastMeasured: string | undefined;
      for (const r of rows) {
        const v = r[j];
        if (v === null || v === undefined) continue;
        const text = typeof v === "string" ? v : String(v);
        // Past the width it wraps at, the widest text no longer matters: only its words.
        if (widest < wrapsPast && text.length * CAPITAL > widest) widest = Math.max(widest, textWidth(text));
        // A text many lines share (the Source of a day's material lines, an account's name) is one string: its words are read once.
        if (text.length * CAPITAL > wrapsPast && text.length * CAPITAL > widestWord && text !== lastMeasured) {
          lastMeasured = text;
          widestWord = Math.max(widestWord, widestLongWord(text, longWord));
        }
        if (widest >= wrapsPast && widestWord >= MAX_WORD_WIDTH) break; // as wide as it may grow: the rest would wrap between words
      }
    } else {
      // Read off each figure's exponent, not its value: a sheet can hold a million of them.
      let exponent = 0;
      let decimals = 0;
      // A sum column's total sits under it, in the totals row, and is often its widest figure (a journal's debits).
      const sums = c.total === "sum";
      let sum = ZERO;
      for (const r of rows) {
        const v = r[j];
        if (v instanceof Dec) {
          if (v.e > exponent) exponent = v.e;
          if (c.kind === "quantity" && decimals < QUANTITY_DECIMALS && !v.isInteger()) decimals = Math.max(decimals, v.decimalPlaces());
          if (sums) sum = sum.plus(v);
        } else if (typeof v === "number" && Number.isFinite(v) && v !== 0) {
          exponent = Math.max(exponent, Math.floor(Math.log10(Math.abs(v))));
          if (sums) sum = sum.plus(v);
        }
      }
      if (sums && !sum.isZero()) exponent = Math.max(exponent, sum.e);
      widest = numberWidth(c.kind, exponent + 1, decimals, minorUnits);
      if (sums) total = sum;
    }
    const cap = c.kind === "text" ? (c.wrap ? c.width : MAX_TEXT_WIDTH) : Infinity;
    const wanted = Math.ceil(widest) + 1;
    const width = Math.max(MIN_WIDTH, longestWord(c.header) + 1, Math.min(cap, wanted), Math.min(MAX_WORD_WIDTH, Math.ceil(widestWord) + 1));
    return { ...c, width, ...(c.kind === "text" && (c.wrap || wanted > width) ? { wrap: true } : {}), ...(total !== undefined ? { sum: total } : {}) };
  });
}

// ------------------------------------------------------------ charts

/** Rows of 15 points a chart takes per bar, and at least; columns it spans (about what a landscape page holds). */
const CHART_ROWS_PER_BAR = 1.2;
const CHART_MIN_ROWS = 14;
const CHART_COLUMNS = 10;

/**
 * Where a generated sheet's chart goes, in both adapters: under the table,
 * one blank row clear of it, so it prints on the sheet's own pages one page
 * wide like the table; as wide as the table's first columns (at most
 * CHART_COLUMNS) and as tall as its bars need. `lastRow` is the table's last
 * row, 1-based (its totals row where it has one); the placement's rows and
 * columns are 0-based, its end the first row and column past the chart.
 */
export function chartPlacement(columns: number, bars: number, lastRow: number): { fromRow: number; fromColumn: number; toRow: number; toColumn: number } {
  const fromRow = lastRow + 1;
  return { fromRow, fromColumn: 0, toRow: fromRow + Math.max(CHART_MIN_ROWS, Math.ceil(bars * CHART_ROWS_PER_BAR) + 4), toColumn: Math.min(CHART_COLUMNS, columns) };
}

// ------------------------------------------------------------ print

/** Margins in inches: narrow at the sides, room above and below for the header and footer. */
export const PRINT_MARGINS = { left: 0.3, right: 0.3, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;
/** The narrower of Letter and A4 in landscape: 11 inches, less the side margins, at 96 pixels an inch. */
const PRINTABLE_PIXELS = (11 - PRINT_MARGINS.left - PRINT_MARGINS.right) * 96;

/** A column's width on screen in pixels, in the default font (Excel's rule: 7 pixels a character and 5 of padding). */
const columnPixels = (width: number): number => Math.trunc(width * 7 + 5);

/**
 * The scale, in percent, at which Excel prints the columns one landscape page
 * wide. Sheets are printed fitted to the page's width (so no column goes to a
 * page of its own), and their widths are chosen so that this stays readable:
 * test/workbook/layout.test.ts holds every generated sheet of the sample to
 * READABLE_PRINT_SCALE.
 */
export function printScale(columns: readonly { width: number }[]): number {
  const pixels = columns.reduce((n, c) => n + columnPixels(c.width), 0);
  return Math.min(100, Math.floor((PRINTABLE_PIXELS / pixels) * 100));
}
/** 11 pt text printed at 75 % is over 8 pt. */
export const READABLE_PRINT_SCALE = 75;

/** Points a line of text takes in the default font (Calibri 11). */
export const LINE_POINTS = 15;
/**
 * Characters of ordinary text a line of a column holds: a width counts
 * characters of the widest digit, and most letters are narrower, so a width's
 * worth of text fits even in a wider fallback font (DejaVu Sans where Calibri
 * is missing).
 */
const charactersPerLine = (width: number): number => Math.max(1, Math.floor(width));

/** Whether a UTF-16 unit is white space as a regular expression's \s reads it (ECMAScript's WhiteSpace and LineTerminator). */
function isSpaceUnit(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The lines a text takes wrapped at `width`, as Excel wraps it: pieces (runs
 * between white space, each also ending after a hyphen, where Excel breaks a
 * word too) kept whole where they fit, a longer one broken; a capital counted
 * wider than a digit, as the columns' widths count it (a 52-character item code
 * in capitals took three lines where two were counted, and the third was cut).
 * Read piece by piece without splitting the text: a journal asks this of
 * 100,000 memos.
 */
export function wrappedLines(text: string, width: number): number {
  const room = charactersPerLine(width);
  let lines = 1;
  let used = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const before = i;
    while (i < n && isSpaceUnit(text.charCodeAt(i))) i++;
    if (i === n) break;
    // A piece after white space is set off by a space; one after a hyphen goes on right after it.
    const gap = i > before ? 1 : 0;
    let piece = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isSpaceUnit(c)) break;
      piece += unitWidth(c);
      i++;
      if (c === 45) break;
    }
    if (used > 0 && used + gap + piece <= room) used += gap + piece;
    else if (used === 0 && piece <= room) used = piece;
    else {
      // On a line of its own, broken where it must be.
      if (used > 0) lines++;
      const full = Math.ceil(piece / room) - 1;
      lines += full;
      used = piece - full * room;
    }
  }
  return lines;
}

/** The height in points a row needs for its wrapped text, or undefined when one line does. */
export function rowHeight(columns: readonly OutColumn[], row: readonly OutCell[]): number | undefined {
  let lines = 1;
  columns.forEach((c, j) => {
    const v = row[j];
    // A text of capitals may be wider than a line with fewer characters than it holds: measured wherever it could be.
    if (c.wrap && typeof v === "string" && v.length * CAPITAL > charactersPerLine(c.width)) lines = Math.max(lines, wrappedLines(v, c.width));
  });
  return lines > 1 ? lines * LINE_POINTS : undefined;
}

/** What the page header names: the company (Settings Company) when there is one, and the period. */
export interface PageInfo {
  company?: string;
  /** "2026-10-01 to 2026-10-31". */
  period: string;
}

/** Header and footer sections in the codes Excel and Office.js share: &A the sheet's name, &P the page, &N the pages. */
export interface HeaderFooter {
  leftHeader: string;
  centerHeader: string;
  rightHeader: string;
  leftFooter: string;
  rightFooter: string;
}

/** Excel keeps at most 255 characters in a header; a company's name gets a share of them. */
const MAX_COMPANY = 100;

/**
 * User text inside a header: & doubled, and a space before a leading digit,
 * which would read as a font size after a code. Characters XML cannot hold (a
 * control character, U+FFFE, U+FFFF, half of a surrogate pair) go: a header is
 * an attribute-like text of the sheet's XML, where one made the whole sheet
 * unreadable, and a page header has no use for them.
 */
function headerText(text: string): string {
  const doubled = text.replace(UNPRINTABLE, "").replace(/&/g, "&&");
  return /^\d/.test(doubled) ? ` ${doubled}` : doubled;
}
const UNPRINTABLE = /[\u0000-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Company left, the sheet's name in the middle, the period right; "Page n of m" in the footer; in the sheet language. */
export function headerFooter(page: PageInfo | undefined, language: Language = "en"): HeaderFooter {
  const t = translator(language);
  // Cut at the limit: a character cut in half there is dropped by headerText with anything else XML cannot hold.
  const company = page?.company ? headerText(page.company.length > MAX_COMPANY ? `${page.company.slice(0, MAX_COMPANY - 1)}…` : page.company) : "";
  return {
    leftHeader: company,
    centerHeader: "&A",
    rightHeader: page ? headerText(t.t("sheet.page.period", { period: page.period })) : "",
    leftFooter: "Backflush",
    // Our own text, holding the page codes: not escaped like a user's.
    rightFooter: t.t("sheet.page.number"),
  };
}

/** What a table's totals row says in its label column ("Total", "Summa", "Jumlah"). */
export function totalsLabel(language: Language = "en"): string {
  return translator(language).t("sheet.total");
}
