/**
 * A worksheet's cells, scanned straight from its XML text as it inflates.
 *
 * Why not saxes, which reads every other part: measured on this project's
 * full sheet (348 MB of sheet XML), saxes with the handlers a sheet needs ran
 * at 12–20 MB/s (tokenizing alone at 50–60 MB/s; htmlparser2 the same;
 * sax-wasm slower once its events are read), which alone is several times the
 * whole command's budget. A sheet's cell data is one small, fixed vocabulary
 * (row, c, v, f, is, t, r, rPh), so this scanner looks only for those tags
 * with indexOf and reads only the attributes r, s and t. It still reads any
 * well-formed sheet: prefixed names, either quote, entities and character
 * references, CDATA, comments and processing instructions, and tags or text
 * split across chunks. test/adapters/sheet-scanner.test.ts holds it to a
 * saxes-based reader, on random sheets and on the 40 real workbooks.
 */
import type { CellValue } from "../../workbook/cells";
import type { CellContext, RawCell } from "./cells";
import { MalformedSheet, cellValueOf, dateFromSerial, ownCopy } from "./cells";
import { unescapeCellText } from "./xml";

export { MalformedSheet } from "./cells";

/** Thrown from inside the scan to stop reading early (the rows asked for are past). */
export class EnoughRead extends Error {}

export interface SheetWindow {
  /** 1-based rows and columns, inclusive. */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML text with its entities and character references resolved. */
export function decodeEntities(text: string): string {
  if (text.indexOf("&") < 0) return text;
  return text.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    if (!(code >= 0 && code <= 0x10ffff)) throw new MalformedSheet(undefined);
    return String.fromCodePoint(code);
  });
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

/**
 * A whole cell in the plain form: attributes r, s, t in that order with double
 * quotes, then a value or a one-run inline string, no formula, and text with
 * nothing to decode (no "&", no "_" that could start an _xHHHH_ escape).
 * Anything else is read tag by tag. Tested without groups, then read by
 * position (plainCell): groups made five strings and an array per cell (over
 * 60 MB of a Production sheet, matching and reading took 175 ms with groups,
 * 120 ms by position).
 */
const PLAIN_CELL = /<c r="[A-Z]{1,3}\d{1,7}"(?: s="\d{1,6}")?(?: t="(?:s|n|b|e|str|inlineStr)")?>(?:<v>[^<&_]*<\/v>|<is><t(?: xml:space="preserve")?>[^<&_]*<\/t><\/is>)<\/c>/y;

/** Powers of ten a double holds exactly: an integer below 2^53 divided by one is rounded once, as Number() rounds the text. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number a plain value's text s[from..to) spells: digits with at most one
 * point and a leading minus, read by its characters where that gives the
 * double Number() gives (Clinger's fast path); Number() for the rest
 * (exponents, long mantissas), NaN for what is not a number.
 */
function plainNumber(s: string, from: number, to: number): number {
  let i = from;
  const negative = s.charCodeAt(i) === 45;
  if (negative) i++;
  if (i === to) return Number(s.slice(from, to));
  let mantissa = 0;
  let decimals = -1;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else return Number(s.slice(from, to));
  }
  if (decimals === 0 || mantissa > Number.MAX_SAFE_INTEGER || decimals > 22) return Number(s.slice(from, to));
  const n = decimals > 0 ? mantissa / EXACT_POWERS_OF_TEN[decimals] : mantissa;
  return negative ? -n : n;
}

/** A plain cell's t attribute, by its first characters (the pattern allows only these). */
function plainType(s: string, at: number): string {
  switch (s.charCodeAt(at)) {
    case 115 /* s */:
      return s.charCodeAt(at + 1) === 116 ? "str" : "s";
    case 110 /* n */:
      return "n";
    case 98 /* b */:
      return "b";
    case 101 /* e */:
      return "e";
    default:
      return "inlineStr";
  }
}

/** A row's start tag with r first and every attribute in double quotes (a ">" may stand inside one). Group: the row number. */
const PLAIN_ROW = /<row r="(\d{1,7})"(?:\s+[\w:.-]+="[^"]*")*\s*>/y;

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** The attributes of a <c> start tag that a cell's value needs. */
interface CellAttributes {
  r: string | undefined;
  s: string | undefined;
  t: string | undefined;
}

/**
 * r, s and t of the start tag s[lt..gt), read in one pass over its attributes
 * (three searches, one per name, cost a fifth of the scan); prefixed
 * attributes are not SpreadsheetML's and are passed over.
 */
function cellAttributes(s: string, lt: number, gt: number): CellAttributes {
  const out: CellAttributes = { r: undefined, s: undefined, t: undefined };
  let i = lt + 1;
  while (i < gt && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 47) i++;
  for (;;) {
    while (i < gt && isSpace(s.charCodeAt(i))) i++;
    if (i >= gt || s.charCodeAt(i) === 47) return out;
    const nameStart = i;
    let prefixed = false;
    while (i < gt) {
      const c = s.charCodeAt(i);
      if (c === 61 || isSpace(c)) break;
      if (c === 58) prefixed = true;
      i++;
    }
    const nameEnd = i;
    while (i < gt && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 61) throw new MalformedSheet(undefined);
    i++;
    while (i < gt && isSpace(s.charCodeAt(i))) i++;
    const quote = s.charCodeAt(i);
    if (quote !== 34 && quote !== 39) throw new MalformedSheet(undefined);
    const end = s.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (end < 0 || end >= gt) throw new MalformedSheet(undefined);
    if (!prefixed && nameEnd - nameStart === 1) {
      const name = s.charCodeAt(nameStart);
      if (name === 114 /* r */) out.r = decodeEntities(s.slice(i + 1, end));
      else if (name === 115 /* s */) out.s = decodeEntities(s.slice(i + 1, end));
      else if (name === 116 /* t */) out.t = decodeEntities(s.slice(i + 1, end));
    }
    i = end + 1;
  }
}

/** The r attribute of a <row> start tag s[lt..gt). */
function rowAttribute(s: string, lt: number, gt: number): string | undefined {
  return cellAttributes(s, lt, gt).r;
}

/** Where the start or end tag that opens at `lt` ends (its ">"), quotes respected; -1 when the text ends first. */
function tagEnd(s: string, lt: number): number {
  let gt = s.indexOf(">", lt + 1);
  // One pass over the tag: a quoted value is jumped over, and a ">" found inside one moves the end on.
  for (let k = lt + 1; gt >= 0 && k < gt; k++) {
    const c = s.charCodeAt(k);
    if (c !== 34 && c !== 39) continue;
    const close = s.indexOf(c === 34 ? '"' : "'", k + 1);
    if (close < 0) return -1;
    if (close > gt) gt = s.indexOf(">", close + 1);
    k = close;
  }
  return gt;
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

/** Scans sheet XML fed in pieces; hands each non-empty cell inside the window to `onCell`. */
export class SheetScanner {
  private carry = "";
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
  private text = "";
  private readonly top: number;
  private readonly bottom: number;
  private readonly left: number;
  private readonly right: number;

  constructor(
    private readonly ctx: CellContext & { dateStyles: ReadonlySet<number> },
    window: SheetWindow | undefined,
    private readonly onCell: (row: number, col: number, value: CellValue) => void,
  ) {
    this.top = window?.top ?? 1;
    this.bottom = window?.bottom ?? Infinity;
    this.left = window?.left ?? 1;
    this.right = window?.right ?? Infinity;
  }

  /** Where the scan is, as a cell address, for a message about damage there. */
  where(): string | undefined {
    if (this.row <= 0) return undefined;
    let n = Math.max(this.col, 1);
    let letters = "";
    for (; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    return `${letters}${this.row}`;
  }

  feed(chunk: string): void {
    if (this.done) return;
    const s = this.carry === "" ? chunk : this.carry + chunk;
    this.carry = "";
    let pos = 0;
    while (pos < s.length) {
      const lt = s.indexOf("<", pos);
      if (lt < 0) {
        this.carry = s.slice(pos);
        return;
      }
      if (lt > pos && this.target !== Target.None) this.text += s.slice(pos, lt);
      const next = s.charCodeAt(lt + 1);
      if (next === 99 /* c */ && this.inData && !this.cellOpen && this.target === Target.None) {
        // The cells Excel and most producers write, whole in this piece: read by one match.
        PLAIN_CELL.lastIndex = lt;
        if (PLAIN_CELL.test(s)) {
          pos = PLAIN_CELL.lastIndex;
          this.plainCell(s, lt);
          continue;
        }
      }
      if (next === 114 /* r */ && this.inData) {
        // A row's start tag as most producers write it: r first, double quotes.
        PLAIN_ROW.lastIndex = lt;
        const m = PLAIN_ROW.exec(s);
        if (m !== null) {
          this.startRow(m[1]);
          pos = PLAIN_ROW.lastIndex;
          continue;
        }
      } else if (next === 47 /* / */ && s.startsWith("</row>", lt)) {
        this.closeTag(Tag.Row);
        pos = lt + 6;
        continue;
      }
      if (next === 33 /* ! */) {
        // A comment or CDATA section.
        if (s.startsWith("<!--", lt)) {
          const end = s.indexOf("-->", lt + 4);
          if (end < 0) return this.keep(s, lt);
          pos = end + 3;
          continue;
        }
        if (s.startsWith("<![CDATA[", lt)) {
          const end = s.indexOf("]]>", lt + 9);
          if (end < 0) return this.keep(s, lt);
          // CDATA is literal text: escape what decodeEntities would otherwise read as an entity.
          if (this.target !== Target.None) this.text += s.slice(lt + 9, end).replace(/&/g, "&amp;");
          pos = end + 3;
          continue;
        }
        if (s.length - lt < 9) return this.keep(s, lt);
        const gt = s.indexOf(">", lt);
        if (gt < 0) return this.keep(s, lt);
        pos = gt + 1;
        continue;
      }
      if (next === 63 /* ? */) {
        const end = s.indexOf("?>", lt + 2);
        if (end < 0) return this.keep(s, lt);
        pos = end + 2;
        continue;
      }
      const gt = tagEnd(s, lt);
      if (gt < 0) return this.keep(s, lt);
      if (next === 47 /* / */) this.closeTag(tagAt(s, lt + 2, gt));
      else {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const tag = tagAt(s, lt + 1, selfClosing ? gt - 1 : gt);
        if (tag === Tag.V && !selfClosing && this.cell) {
          // Most values are plain text closed by an unprefixed </v> in the same piece: taken in one slice.
          const close = s.indexOf("<", gt + 1);
          if (close >= 0 && s.charCodeAt(close + 1) === 47 && s.charCodeAt(close + 2) === 118 && s.charCodeAt(close + 3) === 62) {
            this.cell.value = decodeEntities(s.slice(gt + 1, close));
            pos = close + 4;
            continue;
          }
        }
        if (tag !== Tag.Other) {
          this.openTag(tag, s, lt, gt, selfClosing);
          if (selfClosing) this.closeTag(tag);
        }
      }
      if (this.done) return;
      pos = gt + 1;
    }
  }

  /** The end of the text: nothing may be left half read. */
  end(): void {
    if (this.done) return;
    if (this.carry.trim() !== "" || this.inData) throw new MalformedSheet(this.where());
  }

  private keep(s: string, from: number): void {
    this.carry = s.slice(from);
  }

  private openTag(tag: Tag, s: string, lt: number, gt: number, selfClosing: boolean): void {
    switch (tag) {
      case Tag.SheetData:
        if (!selfClosing) this.inData = true;
        return;
      case Tag.Row: {
        if (!this.inData) return;
        this.startRow(rowAttribute(s, lt, gt));
        return;
      }
      case Tag.C: {
        if (!this.inData) return;
        if (this.cellOpen) throw new MalformedSheet(this.where());
        this.cellOpen = !selfClosing;
        const a = cellAttributes(s, lt, gt);
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
        if (this.cell && this.inInline && !this.inPhonetic) this.target = Target.Inline;
        return;
    }
  }

  /** A row starts, numbered by its r attribute or else as the next. */
  private startRow(r: string | undefined): void {
    if (this.cellOpen) throw new MalformedSheet(this.where());
    this.row = r !== undefined ? Number(r) : this.row + 1;
    if (!Number.isInteger(this.row) || this.row < 1) throw new MalformedSheet(undefined);
    this.col = 0;
    if (this.row > this.bottom) {
      this.done = true;
      throw new EnoughRead();
    }
  }

  /** A cell read whole: its value made and handed over. */
  private closeCell(cell: RawCell): void {
    if ((cell.type === "str" || cell.type === "inlineStr") && cell.value !== undefined) cell.value = unescapeCellText(cell.value);
    cell.isDate = this.ctx.dateStyles.has(this.styleIndex);
    let v = cell.isDate && cell.type === undefined ? this.dateCell(cell) : cellValueOf(cell, this.ctx);
    if (v === null) return;
    // Texts kept with the cell must not keep the piece of XML they were cut from (ownCopy); shared strings are already their own.
    if (typeof v === "string") {
      if (cell.type !== "s") v = ownCopy(v);
    } else if (typeof v === "object" && !(v instanceof Date)) v = { error: ownCopy(v.error) };
    this.onCell(this.row, this.col, v);
  }

  /**
   * A cell matched by PLAIN_CELL at `lt`, read by position (the pattern has
   * vouched for its shape): what opening, reading and closing its tags one by
   * one would do. An untyped number becomes its value here (a Date in a date
   * format), without the text cellValueOf would read it from.
   */
  private plainCell(s: string, lt: number): void {
    let i = lt + 6; // past '<c r="'
    let col = 0;
    let c = s.charCodeAt(i);
    for (; c >= 65; c = s.charCodeAt(++i)) col = col * 26 + (c - 64);
    let row = 0;
    for (; c !== 34; c = s.charCodeAt(++i)) row = row * 10 + (c - 48);
    this.col = col;
    if (this.row === 0) this.row = row;
    if (this.row < this.top || col < this.left || col > this.right) return;
    i++;
    let style = 0;
    if (s.charCodeAt(i + 1) === 115 /* ' s="' */) {
      for (i += 4, c = s.charCodeAt(i); c !== 34; c = s.charCodeAt(++i)) style = style * 10 + (c - 48);
      i++;
    }
    let type: string | undefined;
    if (s.charCodeAt(i + 1) === 116 /* ' t="' */) {
      type = plainType(s, i + 4);
      i = s.indexOf('"', i + 4) + 1;
    }
    this.styleIndex = style;
    // s[i] is the start tag's ">": a <v> or an <is> follows.
    const cell = this.current;
    cell.formula = undefined;
    if (s.charCodeAt(i + 2) === 118 /* <v> */) {
      const from = i + 4;
      const to = s.indexOf("<", from);
      if (type === undefined && to > from) {
        const n = plainNumber(s, from, to);
        if (Number.isFinite(n)) {
          this.onCell(this.row, col, this.ctx.dateStyles.has(style) ? this.dateOf(n) : n);
          return;
        }
      }
      cell.type = type;
      cell.value = s.slice(from, to);
    } else {
      const from = s.indexOf(">", i + 6) + 1;
      cell.type = "inlineStr";
      cell.value = s.slice(from, s.indexOf("<", from));
    }
    this.closeCell(cell);
  }

  /** A cell in a date format (no `t`): its serial's Date, or what cellValueOf makes of a value that is not a number. */
  private dateCell(cell: RawCell): CellValue {
    const serial = cell.value === undefined || cell.value === "" ? NaN : Number(cell.value);
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
        if (this.cell && this.target === Target.Value) this.cell.value = decodeEntities(this.text);
        this.target = Target.None;
        return;
      case Tag.F:
        if (this.cell && this.target === Target.Formula) this.cell.formula = decodeEntities(this.text);
        this.target = Target.None;
        return;
      case Tag.T:
        if (this.target === Target.Inline) this.target = Target.None;
        return;
      case Tag.RPh:
        this.inPhonetic = false;
        return;
      case Tag.Is:
        if (this.cell) {
          this.cell.value = decodeEntities(this.text);
          this.cell.type = "inlineStr";
        }
        this.inInline = false;
        return;
      case Tag.Row:
        if (this.cellOpen) throw new MalformedSheet(this.where());
        return;
      case Tag.C: {
        this.cellOpen = false;
        const cell = this.cell;
        if (!cell) return;
        this.cell = undefined;
        this.closeCell(cell);
        return;
      }
      case Tag.SheetData:
        if (this.cellOpen) throw new MalformedSheet(this.where());
        this.inData = false;
        this.done = true;
        throw new EnoughRead();
    }
  }
}

/** The tag whose name starts at `from` (any prefix dropped), read by its characters: no string is made for a name. */
function tagAt(s: string, from: number, end: number): Tag {
  let i = from;
  let start = from;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    if (c === 58) start = i + 1;
  }
  const c0 = s.charCodeAt(start);
  switch (i - start) {
    case 1:
      return c0 === 99 ? Tag.C : c0 === 118 ? Tag.V : c0 === 102 ? Tag.F : c0 === 116 ? Tag.T : Tag.Other;
    case 2:
      return c0 === 105 && s.charCodeAt(start + 1) === 115 ? Tag.Is : Tag.Other;
    case 3:
      if (c0 !== 114) return Tag.Other;
      if (s.charCodeAt(start + 1) === 111 && s.charCodeAt(start + 2) === 119) return Tag.Row;
      return s.charCodeAt(start + 1) === 80 && s.charCodeAt(start + 2) === 104 ? Tag.RPh : Tag.Other;
    case 9:
      return s.startsWith("sheetData", start) ? Tag.SheetData : Tag.Other;
    default:
      return Tag.Other;
  }
}
