/**
 * What a cell's number means. Excel keeps 15 significant digits: a cell's
 * double stands for the decimal of its first 15 digits, and the binary noise
 * past them (0.1 + 0.2 = 0.30000000000000004) is no part of the value. The
 * sheet reader and the movement book both go by these functions, so the rule
 * is written once.
 */
import { Dec, SMALL_POWERS } from "./money";

/** The value a cell's number stands for: its 15-significant-digit decimal (whole numbers below 10^15 as they are, −0 kept). */
export function decOfCellNumber(n: number): Dec {
  return Number.isInteger(n) && Math.abs(n) < 1e15 ? new Dec(n) : new Dec(n.toPrecision(15));
}

/** The 15-digit decimal a number above zero stands for, without a Dec: the double nearest it, and its decimal places. */
export interface CellDecimal {
  /** Equal decimals have equal nearest doubles, unequal ones unequal (at most 15 digits, exponent within ±300). */
  nearest: number;
  /** −1 when the decimal's 15-digit text has an exponent. */
  places: number;
}

/** The decimal a cell's number above zero stands for; without a text when the number already is that decimal's nearest double (most cells). */
export function cellDecimal(n: number): CellDecimal {
  const places = shortPlaces(n);
  if (places >= 0) return { nearest: n, places };
  const text = n.toPrecision(15);
  return { nearest: Number(text), places: placesOf(text) };
}

/**
 * The decimal places of a number above zero that is the double nearest a
 * decimal of at most 15 significant digits and below 10^15 (3270006.3 → 1), so
 * that its 15-digit text is that decimal and reads back as the number itself;
 * −1 otherwise (0.1 + 0.2, 1e15). Found without a text: at the fewest places p
 * that do, n × 10^p is off its integer r by far less than 0.5 (below 10^15), and
 * r / 10^p, correctly rounded, gives n back.
 */
export function shortPlaces(n: number): number {
  for (let p = 0; p < SMALL_POWERS.length; p++) {
    const scaled = n * SMALL_POWERS[p];
    if (!(scaled < 1e15)) return -1;
    const digits = Math.round(scaled);
    if (digits / SMALL_POWERS[p] === n) return p;
  }
  return -1;
}

/** Decimal places of a number's plain 15-digit text ("3270006.30000000" → 1); −1 for a text with an exponent. */
function placesOf(text: string): number {
  if (text.includes("e")) return -1;
  const point = text.indexOf(".");
  if (point < 0) return 0;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--; // trailing zeros
  return Math.max(0, end - point - 1);
}
