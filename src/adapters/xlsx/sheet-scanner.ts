/**
 * A worksheet's cells, scanned straight from its inflated bytes (UTF-8) as
 * they come.
 *
 * Why not saxes, which reads every other part: measured on this project's
 * full sheet (348 MB of sheet XML), saxes with the handlers a sheet needs ran
 * at 12–20 MB/s (tokenizing alone at 50–60 MB/s; htmlparser2 the same;
 * sax-wasm slower once its events are read), which alone is several times the
 * whole command's budget. A sheet's cell data is one small, fixed vocabulary
 * (row, c, v, f, is, t, r, rPh), so this scanner looks only for those tags
 * and reads only the attributes r, s and t.
 *
 * Why bytes, not decoded text: every tag and attribute name, every number
 * and shared-string index is ASCII, so they are read from the bytes as they
 * are, and only a cell's text is decoded. On the full sheet's 230 MB
 * Production part that took the scan from 1.3 s (decoding it all to strings,
 * then scanning those) to about 0.6 s. A multi-byte character can only stand in
 * text or an attribute's value, between two ASCII delimiters, so text is
 * always decoded whole.
 *
 * It still reads any well-formed sheet: prefixed names, either quote,
 * entities and character references, CDATA, comments and processing
 * instructions, and tags or text split across chunks.
 * test/adapters/sheet-scanner.test.ts holds it to a saxes-based reader, on
 * random sheets cut at random bytes and on the 40 real workbooks.
 */
import type { CellValue } from "../../workbook/cells";
import type { CellContext, RawCell } from "./cells";
import { MalformedSheet, cellValueOf, dateFromSerial, numberOfText } from "./cells";
import { unescapeCellText } from "./xml";
import { AMPERSAND, APOSTROPHE, BYTE_ORDER_MARK, CDATA_CLOSE, CDATA_OPEN, COMMENT_CLOSE, COMMENT_OPEN, EQUALS, GT, LT, PI_CLOSE, PRESERVE, QUOTE, SLASH, SPACE, UNDERSCORE, asciiBytes, decodeEntities, find, holds, isSpace, localStart, MAX_TEXT_BYTES, nameEnd, tagEnd, textOf } from "./xml-bytes";
import { concat } from "./zip";

export { MalformedSheet } from "./cells";

const SHEET_DATA = asciiBytes("sheetData");

/** Thrown from inside the scan to stop reading early (the rows asked for are past). */
export class EnoughRead extends Error {}

export interface SheetWindow {
  /** 1-based rows and columns, inclusive. */
  top: number;
  bottom: number;
  left: number;
  right: number;
  /**
   * Read past `bottom` to the sheet's end, its cells passed over, to see every row numbered after the one before it (a
   * table's rows): stopped at the first row below, a file whose rows came out of order lost the rows after it unsaid.
   */
  toEnd?: boolean;
}


/** "BC12" → column 55 (1-based); 0 when there are no letters. */
export function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const upper = c >= 97 ? c - 32 : c;
    if (upper < 65 || upper > 90) break;
    col = col * 26 + (upper - 64);
  }
  return col;
}

/** "BC12" → row 12. */
export function rowOfRef(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 57) i++;
  return Number(ref.slice(i));
}



/** Whether b holds "</v></c>" at `at`. */
function closesValueCell(b: Uint8Array, at: number): boolean {
  return at + 8 <= b.length && b[at] === LT && b[at + 1] === SLASH && b[at + 2] === 118 && b[at + 3] === GT && b[at + 4] === LT && b[at + 5] === SLASH && b[at + 6] === 99 && b[at + 7] === GT;
}

/** Whether b holds "</t></is></c>" at `at`. */
function closesInlineCell(b: Uint8Array, at: number): boolean {
  return (
    at + 13 <= b.length &&
    b[at] === LT &&
    b[at + 1] === SLASH &&
    b[at + 2] === 116 &&
    b[at + 3] === GT &&
    b[at + 4] === LT &&
    b[at + 5] === SLASH &&
    b[at + 6] === 105 &&
    b[at + 7] === 115 &&
    b[at + 8] === GT &&
    b[at + 9] === LT &&
    b[at + 10] === SLASH &&
    b[at + 11] === 99 &&
    b[at + 12] === GT
  );
}


const INLINE_STR_QUOTE = asciiBytes('inlineStr"');

/** The cell type whose name and closing quote stand at `at`, of those the plain form allows: s, n, b, e, str, inlineStr. */
function plainType(b: Uint8Array, at: number): string | undefined {
  const quoted = (length: number) => b[at + length] === QUOTE;
  switch (b[at]) {
    case 115 /* s */:
      return quoted(1) ? "s" : b[at + 1] === 116 && b[at + 2] === 114 && quoted(3) ? "str" : undefined;
    case 110 /* n */:
      return quoted(1) ? "n" : undefined;
    case 98 /* b */:
      return quoted(1) ? "b" : undefined;
    case 101 /* e */:
      return quoted(1) ? "e" : undefined;
    case 105 /* i */:
      return holds(b, at, INLINE_STR_QUOTE) ? "inlineStr" : undefined;
    default:
      return undefined;
  }
}

/** Powers of ten a double holds exactly: an integer below 2^53 divided by one is rounded once, as Number() rounds the text. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number a value's bytes b[from..to) spell: digits with at most one
 * point and a leading minus, read by their codes where that gives the double
 * Number() gives (Clinger's fast path); Number() for the rest (exponents,
 * long mantissas), NaN for what is not a number.
 */
function plainNumber(b: Uint8Array, from: number, to: number): number {
  let i = from;
  const negative = b[i] === 45;
  if (negative) i++;
  if (i === to) return NaN; // a lone minus
  let mantissa = 0;
  let decimals = -1;
  for (; i < to; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else return numberOfText(textOf(b, from, to));
  }
  // Digits with at most one point, checked above: Number() reads them as xsd:double does (0.30000000000000004 comes here).
  if (decimals === 0 || mantissa > Number.MAX_SAFE_INTEGER || decimals > 22) return Number(textOf(b, from, to));
  const n = decimals > 0 ? mantissa / EXACT_POWERS_OF_TEN[decimals] : mantissa;
  return negative ? -n : n;
}

/** Digits b[from..to) as a number; -1 when there are none, or anything else, or too many to be an index. */
function digitsAt(b: Uint8Array, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}


/** The attributes of a <c> start tag that a cell's value needs. */
interface CellAttributes {
  r: string | undefined;
  s: string | undefined;
  t: string | undefined;
}

/**
 * r, s and t of the start tag b[lt..gt), read in one pass over its
 * attributes; prefixed attributes are not SpreadsheetML's and are passed over.
 */
function cellAttributes(b: Uint8Array, lt: number, gt: number): CellAttributes {
  const out: CellAttributes = { r: undefined, s: undefined, t: undefined };
  let i = lt + 1;
  while (i < gt && !isSpace(b[i]) && b[i] !== SLASH) i++;
  for (;;) {
    while (i < gt && isSpace(b[i])) i++;
    if (i >= gt || b[i] === SLASH) return out;
    const nameStart = i;
    let prefixed = false;
    while (i < gt) {
      const c = b[i];
      if (c === EQUALS || isSpace(c)) break;
      if (c === 58) prefixed = true;
      i++;
    }
    const nameEnd = i;
    while (i < gt && isSpace(b[i])) i++;
    if (b[i] !== EQUALS) throw new MalformedSheet(undefined);
    i++;
    while (i < gt && isSpace(b[i])) i++;
    const quote = b[i];
    if (quote !== QUOTE && quote !== APOSTROPHE) throw new MalformedSheet(undefined);
    const end = b.indexOf(quote, i + 1);
    if (end < 0 || end >= gt) throw new MalformedSheet(undefined);
    if (!prefixed && nameEnd - nameStart === 1) {
      const name = b[nameStart];
      if (name === 114 /* r */) out.r = decodeEntities(textOf(b, i + 1, end));
      else if (name === 115 /* s */) out.s = decodeEntities(textOf(b, i + 1, end));
      else if (name === 116 /* t */) out.t = decodeEntities(textOf(b, i + 1, end));
    }
    i = end + 1;
  }
}


/** The tags a sheet's cells are made of; every other tag is OTHER. */
const enum Tag {
  Other,
  SheetData,
  Row,
  C,
  V,
  F,
  Is,
  T,
  RPh,
}

const enum Target {
  None,
  Value,
  Formula,
  Inline,
}

/** A carry this long waits for more pieces before it is read again (SheetScanner.held). */
const LONG_CARRY = 1 << 20;

/** Scans sheet XML fed in pieces of its bytes; hands each non-empty cell inside the window to `onCell`. */
export class SheetScanner {
  /** The bytes of a tag or text that the last piece cut off, read again with the next. */
  private carry: Uint8Array | undefined;
  /**
   * Pieces held back while a long carry waits for its end (a tag, a run of
   * text or a CDATA section of megabytes; comments are skipped, skipTo): read
   * once they are as long as the carry, so the carry is joined and searched
   * again only each time it doubles, where joining and searching it at every
   * piece made reading quadratic.
   */
  private held: Uint8Array[] = [];
  private heldLength = 0;
  /** The end of a comment or processing instruction being skipped (skipTo). */
  private skipping: Uint8Array | undefined;
  /** Bytes copied to join carries to pieces: linear in the part's size (a test holds it to that). */
  joined = 0;
  private started = false;
  private inData = false;
  private done = false;
  private row = 0;
  private col = 0;
  /** The cell being read, or undefined outside the window; one object reused for every cell. */
  private cell: RawCell | undefined;
  private readonly current: RawCell = { type: undefined, value: undefined, formula: undefined, isDate: false };
  /** Dates by serial: a sheet's dates repeat day after day, and one Date serves every cell of a day. */
  private readonly dates = new Map<number, Date>();
  /** Inside a <c> element (in the window or not): a row or cell may not start, nor the row end, before it closes. */
  private cellOpen = false;
  private styleIndex = 0;
  private target = Target.None;
  private inInline = false;
  private inPhonetic = false;
  /** Inside a <t> of the inline string read (rich-text runs and phonetic ones alike): its end tag must come before another. */
  private textOpen = false;
  /** Inside a <row> element: a row may not start in it, nor end outside one. */
  private rowOpen = false;
  private text = "";
  /** The first row read; past `bottom` with `toEnd`, Infinity: the rest of the sheet is passed over by the same test. */
  private top: number;
  private readonly bottom: number;
  private readonly left: number;
  private readonly right: number;
  private readonly toEnd: boolean;

  constructor(
    private readonly ctx: CellContext & { dateStyles: ReadonlySet<number> },
    window: SheetWindow | undefined,
    private readonly onCell: (row: number, col: number, value: CellValue) => void,
  ) {
    this.top = window?.top ?? 1;
    this.bottom = window?.bottom ?? Infinity;
    this.left = window?.left ?? 1;
    this.right = window?.right ?? Infinity;
    this.toEnd = window?.toEnd === true;
  }

  /** Where the scan is, as a cell address, for a message about damage there. */
  where(): string | undefined {
    if (this.row <= 0) return undefined;
    let n = Math.max(this.col, 1);
    let letters = "";
    for (; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    return `${letters}${this.row}`;
  }

  feed(chunk: Uint8Array): void {
    if (this.done) return;
    if (this.carry !== undefined && this.carry.length >= LONG_CARRY) {
      // No tag or text of a sheet Excel writes comes near MAX_TEXT_BYTES (a cell holds 32,767 characters): damage, or a bomb.
      if (this.carry.length > MAX_TEXT_BYTES) throw new MalformedSheet(this.where());
      this.held.push(chunk);
      this.heldLength += chunk.length;
      if (this.heldLength < this.carry.length) return;
      chunk = this.takeHeld();
    }
    this.read(chunk);
  }

  /** Reads a piece after what the last one left over. */
  private read(chunk: Uint8Array): void {
    // A plain Uint8Array whatever the piece is (Node hands out Buffers): one shape for every access, and slice() copies.
    let b = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry !== undefined) {
      this.joined += this.carry.length + chunk.length;
      b = new Uint8Array(this.carry.length + chunk.length);
      b.set(this.carry);
      b.set(chunk, this.carry.length);
      this.carry = undefined;
    }
    let pos = 0;
    if (this.skipping !== undefined) {
      // Inside a comment or processing instruction that an earlier piece began: nothing of it is kept but its end's reach.
      const close = this.skipping;
      const end = find(b, close, 0);
      if (end < 0) return this.skipTo(close, b, 0);
      this.skipping = undefined;
      pos = end + close.length;
    }
    if (!this.started) {
      // A byte-order mark may open the part; wait for three bytes to know.
      if (b.length < 3 && BYTE_ORDER_MARK.slice(0, b.length).every((x, k) => b[k] === x)) return this.keep(b, 0);
      this.started = true;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) pos = 3;
    }
    while (pos < b.length) {
      // A cell or row most often starts where the last one ended: no search then.
      const lt = b[pos] === LT ? pos : b.indexOf(LT, pos);
      if (lt < 0) return this.keep(b, pos);
      if (lt > pos && this.target !== Target.None) this.text += textOf(b, pos, lt);
      const next = b[lt + 1];
      if (next === 99 /* c */ && this.inData && !this.cellOpen && this.target === Target.None) {
        // The cells Excel and most producers write, whole in this piece: read by position.
        const end = this.plainCell(b, lt);
        if (end >= 0) {
          pos = end;
          continue;
        }
      }
      if (next === 114 /* r */ && this.inData) {
        // A row's start tag as most producers write it: r first, double quotes.
        const end = this.plainRow(b, lt);
        if (end >= 0) {
          pos = end;
          continue;
        }
      } else if (next === SLASH && b[lt + 2] === 114 && b[lt + 3] === 111 && b[lt + 4] === 119 && b[lt + 5] === GT) {
        this.closeTag(Tag.Row);
        pos = lt + 6;
        continue;
      }
      if (next === 33 /* ! */) {
        // A comment or CDATA section.
        if (holds(b, lt, COMMENT_OPEN)) {
          const end = find(b, COMMENT_CLOSE, lt + 4);
          if (end < 0) return this.skipTo(COMMENT_CLOSE, b, lt + 4);
          pos = end + 3;
          continue;
        }
        if (holds(b, lt, CDATA_OPEN)) {
          const end = find(b, CDATA_CLOSE, lt + 9);
          if (end < 0) return this.keep(b, lt);
          // CDATA is literal text: escape what decodeEntities would otherwise read as an entity.
          if (this.target !== Target.None) this.text += textOf(b, lt + 9, end).replace(/&/g, "&amp;");
          pos = end + 3;
          continue;
        }
        if (b.length - lt < 9) return this.keep(b, lt);
        const gt = b.indexOf(GT, lt);
        if (gt < 0) return this.keep(b, lt);
        pos = gt + 1;
        continue;
      }
      if (next === 63 /* ? */) {
        const end = find(b, PI_CLOSE, lt + 2);
        if (end < 0) return this.skipTo(PI_CLOSE, b, lt + 2);
        pos = end + 2;
        continue;
      }
      const gt = tagEnd(b, lt);
      if (gt < 0) return this.keep(b, lt);
      if (next === SLASH) this.closeTag(tagAt(b, lt + 2, gt));
      else {
        const selfClosing = b[gt - 1] === SLASH;
        const tag = tagAt(b, lt + 1, selfClosing ? gt - 1 : gt);
        if (tag === Tag.V && !selfClosing && this.cell) {
          // Most values are plain text closed by an unprefixed </v> in the same piece: taken in one cut.
          const close = b.indexOf(LT, gt + 1);
          if (close >= 0 && b[close + 1] === SLASH && b[close + 2] === 118 && b[close + 3] === GT) {
            this.cell.value = decodeEntities(textOf(b, gt + 1, close));
            pos = close + 4;
            continue;
          }
        }
        if (tag !== Tag.Other) {
          this.openTag(tag, b, lt, gt, selfClosing);
          if (selfClosing) this.closeTag(tag);
        }
      }
      if (this.done) return;
      pos = gt + 1;
    }
  }

  /** The end of the bytes: nothing may be left half read. */
  end(): void {
    if (this.done) return;
    // The pieces held back for a long carry are read now: after them, anything left is what never ended.
    if (this.held.length > 0) this.feedHeld();
    if (this.done) return;
    const rest = this.carry === undefined ? "" : textOf(this.carry, 0, this.carry.length);
    if (rest.trim() !== "" || this.inData || this.skipping !== undefined) throw new MalformedSheet(this.where());
  }

  /**
   * A comment or processing instruction that goes on past this piece: skipped
   * until `close`, keeping only the bytes that could begin it (its content is
   * never read, so a comment of a gigabyte costs no memory).
   */
  private skipTo(close: Uint8Array, b: Uint8Array, from: number): void {
    this.skipping = close;
    this.keep(b, Math.max(from, b.length - (close.length - 1)));
  }

  /** The held pieces as one. */
  private takeHeld(): Uint8Array {
    const joined = this.held.length === 1 ? this.held[0] : concat(this.held, this.heldLength);
    this.held = [];
    this.heldLength = 0;
    return joined;
  }

  /** Reads the pieces held back, whatever their length: there are no more to wait for. */
  private feedHeld(): void {
    this.read(this.takeHeld());
  }

  /** Keeps b[from..] to read again with the next piece: a copy, so that no piece is held longer than it is read. */
  private keep(b: Uint8Array, from: number): void {
    this.carry = b.slice(from);
  }

  private openTag(tag: Tag, b: Uint8Array, lt: number, gt: number, selfClosing: boolean): void {
    switch (tag) {
      case Tag.SheetData:
        if (!selfClosing) this.inData = true;
        return;
      case Tag.Row: {
        if (!this.inData) return;
        const r = cellAttributes(b, lt, gt).r;
        this.startRow(r !== undefined ? Number(r) : undefined);
        return;
      }
      case Tag.C: {
        if (!this.inData) return;
        if (this.cellOpen) throw new MalformedSheet(this.where());
        // Open until its end tag, which a self-closing tag's closeTag right after stands for.
        this.cellOpen = true;
        const a = cellAttributes(b, lt, gt);
        const r = a.r;
        this.col = r !== undefined ? columnOf(r) || this.col + 1 : this.col + 1;
        if (r !== undefined && this.row === 0) this.row = rowOfRef(r);
        if (this.row < this.top || this.col < this.left || this.col > this.right) {
          this.cell = undefined;
          return;
        }
        this.styleIndex = a.s !== undefined ? Number(a.s) : 0;
        const cell = this.current;
        cell.type = a.t;
        cell.value = undefined;
        cell.formula = undefined;
        cell.isDate = false;
        this.cell = cell;
        return;
      }
      case Tag.V:
        if (this.cell) this.startText(Target.Value);
        return;
      case Tag.F:
        if (this.cell) this.startText(Target.Formula);
        return;
      case Tag.Is:
        if (this.cell) {
          this.inInline = true;
          this.text = "";
        }
        return;
      case Tag.RPh:
        this.inPhonetic = true;
        return;
      case Tag.T:
        if (this.cell && this.inInline) {
          if (this.textOpen) throw new MalformedSheet(this.where());
          this.textOpen = true;
          if (!this.inPhonetic) this.target = Target.Inline;
        }
        return;
    }
  }

  /** A row starts, numbered by its r attribute or else as the next. */
  private startRow(r: number | undefined): void {
    // A row inside a row (its end tag missing) is damage, as a row inside a cell is.
    if (this.cellOpen || this.rowOpen) throw new MalformedSheet(this.where());
    this.rowOpen = true;
    const row = r !== undefined ? r : this.row + 1;
    // Refused before it is taken: the message then names the last cell read, not "ANaN". A row numbered at or above one
    // before it is no sheet a spreadsheet program writes: read on, its cells would land among those already read.
    if (!Number.isInteger(row) || row < 1 || row <= this.row) throw new MalformedSheet(undefined);
    this.row = row;
    this.col = 0;
    if (this.row > this.bottom) {
      // Read on to the end only to see the rows' order: no cell past the window is taken (the top test passes over them).
      if (this.toEnd) this.top = Infinity;
      else {
        this.done = true;
        throw new EnoughRead();
      }
    }
  }

  /**
   * A row's start tag at `lt` as producers write it, whole in this piece: r
   * first, its digits in double quotes, then any other attributes in double
   * quotes (Excel's spans and x14ac:dyDescent). The row started and the
   * position after the tag; -1 (nothing done) for any other form, which is
   * read tag by tag.
   */
  private plainRow(b: Uint8Array, lt: number): number {
    if (b[lt + 2] !== 111 || b[lt + 3] !== 119 || b[lt + 4] !== SPACE || b[lt + 5] !== 114 || b[lt + 6] !== EQUALS || b[lt + 7] !== QUOTE) return -1;
    const from = lt + 8; // past <row r="
    let i = from;
    let row = 0;
    for (let c = b[i]; c >= 48 && c <= 57 && i - from < 9; c = b[++i]) row = row * 10 + (c - 48);
    if (i === from || b[i] !== QUOTE) return -1;
    i++;
    while (b[i] !== GT) {
      if (!isSpace(b[i])) return -1;
      while (isSpace(b[i])) i++;
      if (b[i] === GT) break;
      const name = i;
      for (let c = b[i]; (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45; c = b[++i]);
      // A second r is left to the tag-by-tag reading, which takes the last.
      if (i === name || (i === name + 1 && b[name] === 114) || b[i] !== EQUALS || b[i + 1] !== QUOTE) return -1;
      const close = b.indexOf(QUOTE, i + 2);
      if (close < 0) return -1;
      i = close + 1;
    }
    this.startRow(row);
    return i + 1;
  }

  /** A cell read whole: its value made and handed over. */
  private closeCell(cell: RawCell): void {
    if ((cell.type === "str" || cell.type === "inlineStr") && cell.value !== undefined) cell.value = unescapeCellText(cell.value);
    cell.isDate = this.ctx.dateStyles.has(this.styleIndex);
    const v = cell.isDate && cell.type === undefined ? this.dateCell(cell) : cellValueOf(cell, this.ctx);
    if (v !== null) this.onCell(this.row, this.col, v);
  }

  /**
   * A cell of the plain form at `lt`, whole in this piece: attributes r, s, t
   * in that order with double quotes, then a value or a one-run inline
   * string, no formula, and text with nothing to decode (no "&", no "_" that
   * could start an _xHHHH_ escape). Read by position, as opening, reading and
   * closing its tags one by one would read it; an untyped number and a shared
   * string's index are read from their digits, without a string. Answers the
   * position after its </c>, or -1, with nothing done, for any other form.
   */
  private plainCell(b: Uint8Array, lt: number): number {
    const length = b.length;
    // The shortest plain cell, <c r="A1"><v></v></c>, has 21 bytes; one cut off by the piece's end is read tag by tag.
    // Byte by byte rather than through holds(): this is the scan's hottest path, and a loop over a word's bytes cost a quarter of it.
    if (lt + 21 > length || b[lt + 2] !== SPACE || b[lt + 3] !== 114 /* r */ || b[lt + 4] !== EQUALS || b[lt + 5] !== QUOTE) return -1;
    let i = lt + 6; // past <c r="
    const letters = i;
    let col = 0;
    for (; i < length && i - letters < 3; i++) {
      const c = b[i];
      if (c < 65 || c > 90) break;
      col = col * 26 + (c - 64);
    }
    const digits = i;
    let row = 0;
    for (; i < length && i - digits < 7; i++) {
      const c = b[i];
      if (c < 48 || c > 57) break;
      row = row * 10 + (c - 48);
    }
    if (digits === letters || i === digits || b[i] !== QUOTE) return -1;
    i++;
    let style = 0;
    if (b[i] === SPACE && b[i + 1] === 115 /* s */ && b[i + 2] === EQUALS && b[i + 3] === QUOTE) {
      i += 4;
      const from = i;
      for (; i < length && i - from < 6; i++) {
        const c = b[i];
        if (c < 48 || c > 57) break;
        style = style * 10 + (c - 48);
      }
      if (i === from || b[i] !== QUOTE) return -1;
      i++;
    }
    let type: string | undefined;
    if (b[i] === SPACE && b[i + 1] === 116 /* t */ && b[i + 2] === EQUALS && b[i + 3] === QUOTE) {
      i += 4;
      const name = plainType(b, i);
      if (name === undefined) return -1;
      type = name;
      i += name.length + 1;
    }
    if (b[i] !== GT) return -1;
    i++;
    let inline: boolean;
    let from: number;
    if (b[i] === LT && b[i + 1] === 118 /* v */ && b[i + 2] === GT) {
      inline = false;
      from = i + 3;
    } else if (b[i] === LT && b[i + 1] === 105 /* i */ && b[i + 2] === 115 /* s */ && b[i + 3] === GT && b[i + 4] === LT && b[i + 5] === 116 /* t */) {
      inline = true;
      i += 6;
      if (b[i] === GT) from = i + 1;
      else if (holds(b, i, PRESERVE)) from = i + PRESERVE.length;
      else return -1;
    } else return -1;
    let to = from;
    for (; to < length; to++) {
      const c = b[to];
      if (c === LT || c === AMPERSAND || c === UNDERSCORE) break;
    }
    if (!(inline ? closesInlineCell(b, to) : closesValueCell(b, to))) return -1;
    const end = to + (inline ? 13 : 8);

    this.col = col;
    if (this.row === 0) this.row = row;
    if (this.row < this.top || col < this.left || col > this.right) return end;
    this.styleIndex = style;
    if (!inline && type === undefined && to > from) {
      const n = plainNumber(b, from, to);
      if (Number.isFinite(n)) {
        this.onCell(this.row, col, this.ctx.dateStyles.has(style) ? this.dateOf(n) : n);
        return end;
      }
    }
    if (!inline && type === "s") {
      const index = digitsAt(b, from, to);
      const text = index >= 0 ? this.ctx.sharedStrings[index] : undefined;
      if (text !== undefined) {
        this.onCell(this.row, col, text);
        return end;
      }
    }
    if (inline || type === "str") {
      // Text with no escape to undo (the plain form has no "&" or "_"): the cell's value as it stands, "" included.
      this.onCell(this.row, col, textOf(b, from, to));
      return end;
    }
    const cell = this.current;
    cell.type = type;
    cell.value = textOf(b, from, to);
    cell.formula = undefined;
    this.closeCell(cell);
    return end;
  }

  /** A cell in a date format (no `t`): its serial's Date, or what cellValueOf makes of a value that is not a number. */
  private dateCell(cell: RawCell): CellValue {
    const serial = cell.value === undefined ? NaN : numberOfText(cell.value);
    return Number.isFinite(serial) ? this.dateOf(serial) : cellValueOf(cell, this.ctx);
  }

  /** A number in a date format (no `t`): one Date per serial, shared by the cells that hold it. */
  private dateOf(serial: number): Date {
    let date = this.dates.get(serial);
    if (date === undefined) {
      date = dateFromSerial(serial, this.ctx.date1904);
      if (this.dates.size < 100_000) this.dates.set(serial, date);
    }
    return date;
  }

  private startText(target: Target): void {
    this.target = target;
    this.text = "";
  }

  private closeTag(tag: Tag): void {
    switch (tag) {
      case Tag.V:
        // An end tag that closes no value of the cell read (</v> twice, or after <f>) is damage: read on, the value is lost.
        if (this.cell && this.target !== Target.Value) throw new MalformedSheet(this.where());
        if (this.cell) this.cell.value = decodeEntities(this.text);
        this.target = Target.None;
        return;
      case Tag.F:
        if (this.cell && this.target !== Target.Formula) throw new MalformedSheet(this.where());
        if (this.cell) this.cell.formula = decodeEntities(this.text);
        this.target = Target.None;
        return;
      // An end tag that closes nothing open in the cell read (</t> twice: "STO</t>OL" read as STO) is damage.
      case Tag.T:
        if (this.cell && this.inInline) {
          if (!this.textOpen) throw new MalformedSheet(this.where());
          this.textOpen = false;
        }
        if (this.target === Target.Inline) this.target = Target.None;
        return;
      case Tag.RPh:
        if (this.cell && !this.inPhonetic) throw new MalformedSheet(this.where());
        this.inPhonetic = false;
        return;
      case Tag.Is:
        // A phonetic run left open would make every later run phonetic, its text lost, in the window or not.
        if (this.inPhonetic) throw new MalformedSheet(this.where());
        if (this.cell) {
          if (!this.inInline || this.textOpen) throw new MalformedSheet(this.where());
          this.cell.value = decodeEntities(this.text);
          this.cell.type = "inlineStr";
        }
        this.inInline = false;
        return;
      case Tag.Row:
        if (this.cellOpen || (this.inData && !this.rowOpen)) throw new MalformedSheet(this.where());
        this.rowOpen = false;
        return;
      case Tag.C: {
        // A </c> with no cell open (one too many), or with its value or formula still open, is damage.
        if (this.inData && (!this.cellOpen || (this.cell !== undefined && (this.target !== Target.None || this.inInline)))) throw new MalformedSheet(this.where());
        this.cellOpen = false;
        const cell = this.cell;
        if (!cell) return;
        this.cell = undefined;
        this.closeCell(cell);
        return;
      }
      case Tag.SheetData:
        if (this.cellOpen || this.rowOpen) throw new MalformedSheet(this.where());
        this.inData = false;
        this.done = true;
        throw new EnoughRead();
    }
  }
}

/** The tag whose name starts at `from` (any prefix dropped), read by its bytes: no string is made for a name. */
function tagAt(b: Uint8Array, from: number, end: number): Tag {
  const i = nameEnd(b, from, end);
  const start = localStart(b, from, i);
  const c0 = b[start];
  switch (i - start) {
    case 1:
      return c0 === 99 ? Tag.C : c0 === 118 ? Tag.V : c0 === 102 ? Tag.F : c0 === 116 ? Tag.T : Tag.Other;
    case 2:
      return c0 === 105 && b[start + 1] === 115 ? Tag.Is : Tag.Other;
    case 3:
      if (c0 !== 114) return Tag.Other;
      if (b[start + 1] === 111 && b[start + 2] === 119) return Tag.Row;
      return b[start + 1] === 80 && b[start + 2] === 104 ? Tag.RPh : Tag.Other;
    case 9:
      return holds(b, start, SHEET_DATA) ? Tag.SheetData : Tag.Other;
    default:
      return Tag.Other;
  }
}
