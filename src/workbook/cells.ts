/**
 * Cell values as adapters hand them over, and their conversion to typed values
 * with messages that say exactly what is wrong with the cell.
 *
 * Adapters normalise what their API gives (ExcelJS cells, Office.js values,
 * custom-function arguments) into `CellValue`; nothing below knows where a
 * value came from.
 */
import type { IssueCode } from "../engine/errors";
import { Dec, MAX_FIGURE, ZERO, beyondMaxFigure } from "../engine/money";
import type { ParamsOf } from "../i18n/catalog";
import type { en } from "../i18n/en";
import type { ProblemKey, ProblemParam, ProblemParamValues } from "../i18n/problems";
import { englishProblem } from "../i18n/problems";
import { decOfCellNumber } from "../engine/cellnumbers";
import type { IsoDate } from "../engine/dates";
import { isIsoDate, isoFromExcelSerial, isoFromUtcDate, memoize } from "../engine/dates";

/** An Excel error value such as #N/A or #REF!. */
export interface CellError {
  error: string;
}
export type CellValue = string | number | boolean | Date | CellError | null;

export const EXCEL_ERRORS: readonly string[] = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"];

export function isCellError(v: CellValue): v is CellError {
  return typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as CellError).error === "string";
}

const UNCALCULATED = /^a formula with no saved result \(=(.*)\); open the file in Excel, let it calculate, and save it$/s;

/** The error text an adapter gives a formula that has no saved result (reading it as blank or zero would change the data). */
export function uncalculatedFormula(formula: string): string {
  return `a formula with no saved result (=${formula}); open the file in Excel, let it calculate, and save it`;
}

/** Excel's error values, by the term for how Excel shows each in the reader's language (#N/A is #SAKNAS! in Swedish Excel). */
const ERROR_TERMS: Readonly<Record<string, ProblemKey>> = {
  "#N/A": "problem.shown.error.na",
  "#VALUE!": "problem.shown.error.value",
  "#REF!": "problem.shown.error.ref",
  "#DIV/0!": "problem.shown.error.div0",
  "#NUM!": "problem.shown.error.num",
  "#NAME?": "problem.shown.error.name",
  "#NULL!": "problem.shown.error.null",
};

/** An error value as Excel shows it in the reader's language; one Excel has no other name for, as it is. */
function shownError(error: string): ProblemParam {
  const term = ERROR_TERMS[error];
  return term === undefined ? error : { term };
}

/** Why a cell holding an error value is not a value: the error (#N/A), or a formula never calculated, said in the reader's language. */
export function cellErrorWhy(v: CellError): CellWhy {
  const formula = UNCALCULATED.exec(v.error)?.[1];
  return formula === undefined ? { key: "problem.cellError", params: { error: shownError(v.error) } } : { key: "problem.uncalculated", params: { formula } };
}

/** True for a cell with nothing in it (null, or text of only spaces). */
export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** Column number (0-based) → letters: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The problem texts about one cell: each names the cell's column as `{field}`. */
export type CellProblemKey = { [K in ProblemKey]: "field" extends ParamsOf<(typeof en)[K]> ? K : never }[ProblemKey];

/** Why a cell is not a value: a problem text whose `{field}` the reader of the cell fills in with the column's name. */
export interface CellWhy {
  key: CellProblemKey;
  params: ProblemParamValues;
}

/** A conversion either gives a value or says why the cell is not one (and, when it is not the reader's usual one for the column, the kind of problem). */
export type Converted<T> = { ok: true; value: T } | { ok: false; why: CellWhy; code?: IssueCode };
const ok = <T>(value: T): Converted<T> => ({ ok: true, value });
function no<T, K extends CellProblemKey>(key: K, params: Omit<Readonly<Record<ParamsOf<(typeof en)[K]>, ProblemParam>>, "field">, code?: IssueCode): Converted<T> {
  const why: CellWhy = { key, params };
  return code ? { ok: false, why, code } : { ok: false, why };
}

/** A cell's problem with its column (or argument) named: the key, its parameters, and the English text. */
export function whyAt(field: string, why: CellWhy): { key: CellProblemKey; params: ProblemParamValues; message: string } {
  const params = { ...why.params, field };
  return { key: why.key, params, message: englishProblem(why.key, params) };
}

/*
 * Dates as spreadsheets keep them: a serial number of days in a date system
 * (1900, or 1904 in some Mac workbooks) shown through a number format. Both
 * adapters tell a date from a number by its format, as Excel does.
 */
const DAY_MS = 86_400_000;
/** Days from Excel's 1900 epoch (as Excel counts, with its 1900-02-29) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;
/** The 1904 date system counts from 1904-01-01: its serials are 1,462 days lower. */
const DATE1904_OFFSET = 1462;

/**
 * Excel's 1900 system counts a 1900-02-29 that never was (as Lotus 1-2-3 did):
 * serial 60. The serials before it, 1 (1900-01-01) to 59 (1900-02-28), are a
 * day later than a plain count of days makes them; 60 reads as 1900-02-28.
 * Below 1 is no day Excel shows (0 is "1900-01-00"): left as counted.
 */
const PHANTOM_LEAP_DAY = 60;
/** A 1900-system serial as a plain count of days from 1899-12-30 (what UNIX_EPOCH_SERIAL and isoFromExcelSerial count). */
export const plainDayCount = (serial: number): number => (serial >= 1 && serial < PHANTOM_LEAP_DAY ? serial + 1 : serial);

export function dateFromSerial(serial: number, date1904: boolean): Date {
  return new Date(Math.round((plainDayCount(serial + (date1904 ? DATE1904_OFFSET : 0)) - UNIX_EPOCH_SERIAL) * DAY_MS));
}

/** The serial of an ISO date in the workbook's date system. */
export function serialFromIso(iso: string, date1904: boolean): number {
  const days = Date.parse(`${iso}T00:00:00.000Z`) / DAY_MS + UNIX_EPOCH_SERIAL;
  return (days <= PHANTOM_LEAP_DAY ? days - 1 : days) - (date1904 ? DATE1904_OFFSET : 0);
}

/** Whether a number format shows a date: d, m, y (or h, s) outside quotes, brackets and escapes, and no General. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "")
    // Brackets: an elapsed time ([h]:mm, read as its unit), a locale or a colour ([$-41D], [Red], left out).
    .replace(/\[(h+|m+|s+)\]/gi, "$1")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/AM\/PM|A\/P/gi, "");
  if (/general/i.test(bare)) return false;
  const first = bare.split(";")[0] ?? "";
  if (/[dy]/i.test(first)) return true;
  // "m" is a month, unless it stands for minutes: after an hour, or before seconds (h:mm, mm:ss). A time of day alone
  // (h:mm, 36:00 as [h]:mm) is a number of days, not a date: a Qty shown so is still its number.
  return /m/i.test(first.replace(/(h+[^dmyhs]*)m+/gi, "$1").replace(/m+([^dmyhs]*s)/gi, "$1"));
}

/** How a cell's content is shown in a message: text quoted, numbers as they are, TRUE and FALSE and a blank as Excel shows them in the reader's language. */
export function shown(v: CellValue): ProblemParam {
  if (v === null) return { term: "problem.shown.blank" };
  if (v instanceof Date) return isNaN(v.getTime()) ? { term: "problem.shown.invalidDate" } : isoFromUtcDate(v);
  if (isCellError(v)) return shownError(v.error);
  if (typeof v === "string") return `"${v}"`;
  if (typeof v === "boolean") return { term: v ? "problem.shown.true" : "problem.shown.false" };
  return String(v);
}

/** A JS number from a cell → Dec (`decOfCellNumber`: Excel's 15 significant digits), one immutable Dec per distinct number: a million quantities are mostly a few hundred values. */
export const decFromNumber: (n: number) => Dec = memoize(decOfCellNumber, 100_000);

/** A whole number: digits only. */
const WHOLE = /^\d+$/;
/** One decimal mark, "." or ",", between digits. */
const ONE_MARK = /^(\d+)([.,])(\d+)$/;
/** Thousands in groups of three after a first group of one to three digits not starting with 0; the decimal part, if any, after the other mark. */
const COMMA_THOUSANDS = /^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;
const DOT_THOUSANDS = /^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/;
/** A space or an apostrophe (Swiss 1'234.50) only ever groups thousands, so either mark may follow. The same separator throughout. */
const SPACE_THOUSANDS = /^[1-9]\d{0,2}([ '\u2019])\d{3}(\1\d{3})*([.,]\d+)?$/;

/**
 * Numeric text that can only mean one number (docs/workbook.md, "Numbers"):
 * "12.5", "12,5", "1,234.50", "1.234,50", "1 234,5", "1'234.50", "5%",
 * "−12,5" (the minus sign Swedish formatting writes). A single "." or ","
 * followed by exactly three digits after one to three digits ("1.234",
 * "12,400") could be a decimal mark or a thousands separator, and is refused;
 * so is anything else ("12,5kg", "1e5", "1,23,456").
 */
export function decFromText(raw: string): Converted<Dec> {
  let t = raw.replace(/[\u00a0\u202f\u2007\u2009]/g, " ").replace(/\u2212/g, "-").trim();
  let scale = 0;
  if (t.endsWith("%")) {
    t = t.slice(0, -1).trim();
    scale = -2;
  }
  const sign = t.startsWith("-") || t.startsWith("+") ? t[0] : "";
  const body = t.slice(sign.length);
  let normal: string | undefined;
  const mark = ONE_MARK.exec(body);
  if (WHOLE.test(body)) normal = body;
  else if (mark) {
    const [, whole, , fraction] = mark;
    if (fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole)) {
      const [minus, percent] = [sign === "-" ? "-" : "", scale ? "%" : ""];
      const asWhole = `${minus}${whole}${fraction}${percent}`;
      // The decimal reading as the reader would type it (1,234 in Swedish); the whole one has no mark to localize.
      const asDecimal = scale ? `${minus}${whole}.${fraction}${percent}` : { figure: `${minus}${whole}.${fraction}` };
      return no("problem.twoWays", { value: raw, whole: asWhole, decimal: asDecimal });
    }
    normal = `${whole}.${fraction}`;
  } else if (COMMA_THOUSANDS.test(body)) normal = body.replace(/,/g, "");
  else if (DOT_THOUSANDS.test(body)) normal = body.replace(/\./g, "").replace(",", ".");
  else if (SPACE_THOUSANDS.test(body)) normal = body.replace(/[ '\u2019]/g, "").replace(",", ".");
  if (normal === undefined) return no("problem.notANumber", { value: `"${raw}"` });
  const d = new Dec(sign === "-" ? `-${normal}` : normal);
  return ok(scale ? d.times(new Dec(10).pow(scale)) : d);
}

/** A figure of 10^15 or more: beyond what the engine carries exactly (docs/workbook.md, "Limits"). */
function tooLarge(d: Dec): Converted<Dec> {
  // The figure as it was given, digit for digit: grouped, it would not read as what the cell holds.
  return no("problem.tooLarge", { value: d.toString(), max: { figure: MAX_FIGURE.toString() } }, "too-large");
}

/**
 * A figure below this in size is read as 0: no price, quantity or share is finer, a formula's rounding leaves such
 * crumbs where Excel shows 0.00 ((0.1 + 0.2) − 0.3 is 5.55E-17), and one of 1E-300 (which a cell can also hold) was
 * costed and printed with three hundred digits, or divided by into a deviation no cell can hold.
 */
const MIN_FIGURE = 1e-10;
const MIN_FIGURE_DEC = new Dec(MIN_FIGURE);

/** Too large to take, or else the figure itself, 0 where it is too small to be anything else (or −0). */
function inRange(d: Dec): Converted<Dec> {
  if (beyondMaxFigure(d)) return tooLarge(d);
  return ok(d.abs().lessThan(MIN_FIGURE_DEC) ? ZERO : d);
}

/** ISO date of a time value; memoized, since a sheet may hold a million date cells and a period few dates. */
const isoFromTime = memoize((t: number): IsoDate => isoFromUtcDate(new Date(t)));

/** Excel's largest date, 9999-12-31. */
const MAX_SERIAL = 2958465;

/**
 * The common cells, converted without a result object (a full sheet is a
 * million of them): a number, a date or serial, a piece of text. Anything
 * else gives undefined, and the `to…` conversion says what is wrong with it.
 */
export function plainDec(v: CellValue | undefined): Dec | undefined {
  const n = plainNumber(v);
  return n === undefined ? undefined : decFromNumber(n);
}

/** Numbers whose 15 significant digits stay below MAX_FIGURE (999999999999999.5 means 10^15): larger ones are refused by `toDec`. */
const PLAIN_LIMIT = MAX_FIGURE - 0.5;

/** The number a cell holds, before it is made a Dec (readers that index numbers make one per distinct value); undefined for one too large to take. */
export function plainNumber(v: CellValue | undefined): number | undefined {
  if (typeof v !== "number" || !(v < PLAIN_LIMIT && v > -PLAIN_LIMIT)) return undefined;
  // −0 (an export's "-0,00", a rounding that came to nothing) and a formula's crumbs are 0: no negative figure, no figure at all.
  return v < MIN_FIGURE && v > -MIN_FIGURE ? 0 : v;
}

export function plainDate(v: CellValue | undefined): IsoDate | undefined {
  if (typeof v === "number") return v >= 1 && v <= MAX_SERIAL ? isoFromExcelSerial(plainDayCount(v)) : undefined;
  if (v instanceof Date) {
    const t = v.getTime();
    return isNaN(t) || t > LAST_DAY_TIME ? undefined : isoFromTime(t);
  }
  return undefined;
}

/** 9999-12-31, Excel's last day, as a time: a date cell past it (a serial of 2958466 or more) is no day a workbook can show. */
const LAST_DAY_TIME = Date.UTC(9999, 11, 31);

/** Non-empty text, trimmed. */
export function plainText(v: CellValue | undefined): string | undefined {
  if (typeof v !== "string") return undefined;
  const t = trimmed(v);
  return t === "" ? undefined : t;
}

/** Printable ASCII but the space: no whitespace `trim` would take. */
const isBare = (c: number): boolean => c > 32 && c < 127;

/** `v.trim()`, without the call for a text with nothing to trim at either end (a full sheet has two a row: the item and the Ref). */
function trimmed(v: string): string {
  return v.length > 0 && isBare(v.charCodeAt(0)) && isBare(v.charCodeAt(v.length - 1)) ? v : v.trim();
}

/** An optional text (a Ref) as `toText` reads it: text trimmed, a number as its digits, a blank as undefined; null for any other cell. */
export function plainRef(v: CellValue | undefined): string | undefined | null {
  if (typeof v === "string") return plainText(v);
  if (typeof v === "number") return String(v);
  return v === null || v === undefined ? undefined : null;
}

export function toDec(v: CellValue): Converted<Dec> {
  const plain = plainDec(v);
  if (plain !== undefined) return ok(plain);
  if (typeof v === "number") return Number.isFinite(v) ? inRange(decFromNumber(v)) : no("problem.notANumberWord", { value: String(v) });
  if (typeof v === "string") {
    const d = decFromText(v);
    return d.ok ? inRange(d.value) : d;
  }
  if (isCellError(v)) return { ok: false, why: cellErrorWhy(v) };
  if (v instanceof Date) return no("problem.dateNotNumber", { value: shown(v) });
  if (typeof v === "boolean") return no("problem.notANumberWord", { value: shown(v) });
  return no("problem.blankCell", {});
}

/** A date as text: year-month-day, and a time of day after it or none (its hours, minutes and seconds captured). */
const DATE_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?Z?)?$/;
const validTime = (m: RegExpExecArray) => m[2] === undefined || (Number(m[2]) <= 23 && Number(m[3]) <= 59 && (m[4] === undefined || Number(m[4]) <= 59));

/**
 * The time of day a date written as text carries, in milliseconds as a date
 * cell's time is kept (08:30 of "2026-10-05 08:30" is 30,600,000); undefined
 * for none, or midnight.
 */
export function timeOfDateText(v: string): number | undefined {
  const m = DATE_TEXT.exec(v.trim());
  if (!m || m[2] === undefined) return undefined;
  const ms = ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4] ?? 0)) * 1000 + Math.round(Number(m[5] ?? 0) * 1000);
  return ms === 0 ? undefined : ms;
}

export function toDate(v: CellValue): Converted<IsoDate> {
  const plain = plainDate(v);
  if (plain !== undefined) return ok(plain);
  if (v instanceof Date) return v.getTime() > LAST_DAY_TIME ? no("problem.pastLastDay", {}) : no("problem.invalidDate", {});
  if (typeof v === "number") return no("problem.notADate", { value: Number.isFinite(v) ? { figure: decFromNumber(v).toString() } : String(v) });
  if (typeof v === "string") {
    const t = v.trim();
    // A time of day after the date (an ERP's or a CSV's 2026-10-05 08:30:00) is passed over, as a date cell's is.
    const iso = DATE_TEXT.exec(t);
    if (iso && !validTime(iso)) return no("problem.notADateText", { value: v });
    if (iso && isIsoDate(iso[1])) return ok(iso[1]);
    // Written the right way but no day of the calendar (2026-11-31, 2026-02-29): the day or month is the mistake, not the form.
    if (iso) return no("problem.noSuchDay", { value: v });
    return no("problem.notADateText", { value: v });
  }
  if (isCellError(v)) return { ok: false, why: cellErrorWhy(v) };
  if (typeof v === "boolean") return no("problem.notADateWord", { value: shown(v) });
  return no("problem.blankCell", {});
}

/** The longest item code: room for two codes and their words in a memo, far inside Excel's 32,767 characters a cell (docs/workbook.md, "Limits"). */
export const MAX_CODE_LENGTH = 255;

/**
 * Characters a code cannot hold because nobody sees them: control characters,
 * zero-width spaces and joiners, direction marks, the byte order mark, the
 * soft hyphen, line and paragraph separators. Two codes that differ only by
 * one look the same on screen and are not the same item.
 */
export const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
type CharNameKey = Extract<ProblemKey, `problem.char.${string}`>;
const INVISIBLE_NAMES: ReadonlyMap<number, CharNameKey> = new Map<number, CharNameKey>([
  [0x200b, "problem.char.zeroWidthSpace"],
  [0x200c, "problem.char.zeroWidthNonJoiner"],
  [0x200d, "problem.char.zeroWidthJoiner"],
  [0x2060, "problem.char.wordJoiner"],
  [0xfeff, "problem.char.byteOrderMark"],
  [0x00ad, "problem.char.softHyphen"],
  [0x200e, "problem.char.leftToRightMark"],
  [0x200f, "problem.char.rightToLeftMark"],
  [0x2028, "problem.char.lineSeparator"],
  [0x2029, "problem.char.paragraphSeparator"],
  [0x0009, "problem.char.tab"],
  [0x000a, "problem.char.lineBreak"],
  [0x000d, "problem.char.carriageReturn"],
]);

/** "U+200B". */
export function codePoint(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** "U+200B (zero-width space)", the name in the reader's language. */
function invisibleName(c: string): ProblemParam {
  const n = c.charCodeAt(0);
  const name = INVISIBLE_NAMES.get(n) ?? (n < 0x20 || (n >= 0x7f && n <= 0x9f) ? "problem.char.control" : "problem.char.formatting");
  return { term: "problem.char", params: { code: codePoint(c), name: { term: name } } };
}

/**
 * A code from trimmed text: in Unicode's composed form (NFC), so that "Å"
 * pasted as A + a combining ring is the "Å" typed; refused when too long or
 * when it holds a character nobody sees.
 */
function codeOf(text: string): Converted<string> {
  if (text.length > MAX_CODE_LENGTH) return no("problem.codeTooLong", { start: text.slice(0, 20), length: text.length, max: MAX_CODE_LENGTH }, "not-a-code");
  const hidden = text.match(INVISIBLE);
  if (hidden) {
    const kinds = { list: [...new Set(hidden)].map(invisibleName) };
    const code = text.replace(INVISIBLE, (c) => `[${codePoint(c)}]`);
    if (hidden.length === 1) return no("problem.invisibleOne", { code, kinds }, "not-a-code");
    return no("problem.invisibleMany", { code, count: hidden.length, kinds }, "not-a-code");
  }
  return ok(text.normalize("NFC"));
}

/** codeOf, once per distinct text: a sheet repeats a few hundred codes over a million rows. */
const cachedCodeOf = memoize(codeOf, 10_000);

/** Printable ASCII only: composed already, nothing invisible (nearly every code; no normalizing needed). */
function isPlainAscii(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

/** An item code as `toCode` reads it, or undefined for any cell `toCode` refuses (or a blank). */
export function plainCode(v: CellValue | undefined): string | undefined {
  const t = plainText(v);
  if (t === undefined || (t.length <= MAX_CODE_LENGTH && isPlainAscii(t))) return t;
  const c = cachedCodeOf(t);
  return c.ok ? c.value : undefined;
}

/** An item code: text (or a number's digits) as toText reads it, in composed form, without invisible characters, at most MAX_CODE_LENGTH long. */
export function toCode(v: CellValue): Converted<string> {
  const t = toText(v);
  return t.ok && t.value !== "" ? cachedCodeOf(t.value) : t;
}

/** Text for names and codes; numbers are accepted as their digits (item 1001). */
export function toText(v: CellValue): Converted<string> {
  if (typeof v === "string") return ok(v.trim());
  if (typeof v === "number") return ok(String(v));
  if (isCellError(v)) return { ok: false, why: cellErrorWhy(v) };
  if (v instanceof Date) return no("problem.dateNotText", { value: shown(v) });
  if (typeof v === "boolean") return no("problem.notText", { value: shown(v) });
  return no("problem.blankCell", {});
}
