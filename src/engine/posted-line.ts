/**
 * A journal line as the ledger posts it: its figures kept as the exact
 * integers the ledger worked them out in (minor units, scaled quantities),
 * each made a `Dec` when it is first read, and kept.
 *
 * Why: a full sheet posts over a hundred thousand lines. A `Dec` per figure
 * (amount, quantity, two content figures) and a few texts per memo were half
 * of what a run kept in memory, and copying them from the young generation to
 * the old was most of the garbage collector's time. The memo is joined from
 * texts many lines share each time it is read, or written then by the line's
 * own `MemoWriter` (a purchase's amount and average price).
 *
 * The stored form is in private (#) fields, so a spread or `Object.keys` of a
 * line shows its public fields only; `toJSON()` gives the plain line.
 */
import { Dec, ZERO, addMinor, type Minor } from "./money";
import { decOf, fromSafeUnits, fromUnits, negated, type Scaled } from "./scaled";
import type { AccountRole, ElementSplit, JournalLine, SourceTrace } from "./types";

/** Minor units as a Dec: nothing is the shared ZERO (a `Minor` zero is always the number 0, sometimes −0). */
export function moneyDec(units: Minor, minorUnits: number): Dec {
  if (units === 0) return ZERO;
  return typeof units === "number" ? fromSafeUnits(units, minorUnits) : fromUnits(units, minorUnits);
}

/**
 * A memo written when the line is read, for memos that are each line's own
 * text (an amount paid, an average price): a run makes no text, and no price
 * division, for lines nobody reads, and keeps none of them in memory.
 */
export type MemoWriter = () => string;

/**
 * What every line of a ledger shares: the currency's minor units, and how a
 * memo writes the quantity it starts with (in the run's language). One object
 * per ledger, so a line keeps one reference for both.
 */
export interface LineStyle {
  readonly minorUnits: number;
  readonly memoQuantity: (qty: Scaled) => string;
}

export class PostedLine implements JournalLine {
  readonly #units: Minor;
  readonly #onDebit: boolean;
  readonly #quantity: Dec | Scaled | undefined;
  readonly #flip: boolean;
  readonly #memoText: string | MemoWriter;
  readonly #memoQty: Scaled | undefined;
  readonly #memoTail: string | undefined;
  readonly #material: Minor | undefined;
  readonly #style: LineStyle;
  // Made on first read.
  #value: Dec | undefined;
  #qty: Dec | undefined;
  #element: ElementSplit | undefined;

  /**
   * @param units the amount in minor units, not below zero
   * @param onDebit which side the amount is on
   * @param quantity the line's quantity as its source holds it: the Dec it was given, or scaled units; `flip` negates it
   * @param memoText the memo, or its middle when `memoQty` leads it ("12.5 " + memoText) or `memoTail` ends it: texts shared by many lines, joined when read; or what writes the memo when it is read
   * @param material the standard material content in minor units, signed as the amount (the rest is conversion); none for lines without content
   * @param style what the ledger's lines share: minor units, and how the memo's leading quantity is written
   * @param closes the entries a period-end line closes (JournalLine.closes)
   */
  constructor(
    readonly role: AccountRole,
    readonly item: string | undefined,
    readonly category: string | undefined,
    units: Minor,
    onDebit: boolean,
    quantity: Dec | Scaled | undefined,
    flip: boolean,
    memoText: string | MemoWriter,
    memoQty: Scaled | undefined,
    memoTail: string | undefined,
    readonly sources: readonly SourceTrace[],
    material: Minor | undefined,
    style: LineStyle,
    readonly closes?: readonly number[],
  ) {
    this.#units = units;
    this.#onDebit = onDebit;
    this.#quantity = quantity;
    this.#flip = flip;
    this.#memoText = memoText;
    this.#memoQty = memoQty;
    this.#memoTail = memoTail;
    this.#material = material;
    this.#style = style;
  }

  /** The side the line is on, also where its amount rounds to zero (goods worth less than a cent still move). */
  get side(): "debit" | "credit" {
    return this.#onDebit ? "debit" : "credit";
  }

  get debit(): Dec {
    return this.#onDebit ? this.#amount() : ZERO;
  }

  get credit(): Dec {
    return this.#onDebit ? ZERO : this.#amount();
  }

  get qty(): Dec | undefined {
    const q = this.#quantity;
    if (q === undefined || this.#qty !== undefined) return this.#qty;
    if (q instanceof Dec) this.#qty = this.#flip ? q.negated() : q;
    else this.#qty = decOf(this.#flip ? negated(q) : q);
    return this.#qty;
  }

  get memo(): string {
    const text = typeof this.#memoText === "string" ? this.#memoText : this.#memoText();
    const lead = this.#memoQty === undefined ? text : `${this.#style.memoQuantity(this.#memoQty)} ${text}`;
    return this.#memoTail === undefined ? lead : lead + this.#memoTail;
  }

  get element(): ElementSplit | undefined {
    const m = this.#material;
    if (m === undefined || this.#element !== undefined) return this.#element;
    const mu = this.#style.minorUnits;
    this.#element = { material: moneyDec(m, mu), conversion: moneyDec(addMinor(this.#units, -m), mu) };
    return this.#element;
  }

  /** The line as a plain object, its fields in the order of `JournalLine`, which the JSON output and the bench's digest read it in; `closes` only on the lines that have it. */
  toJSON(): JournalLine {
    const plain = { role: this.role, item: this.item, category: this.category, debit: this.debit, credit: this.credit, qty: this.qty, memo: this.memo, sources: this.sources, element: this.element };
    return this.closes === undefined ? plain : { ...plain, closes: this.closes };
  }

  #amount(): Dec {
    return (this.#value ??= moneyDec(this.#units, this.#style.minorUnits));
  }
}
