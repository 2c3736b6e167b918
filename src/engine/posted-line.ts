/**
 * A journal line as the ledger posts it: its figures kept as the exact
 * integers the ledger worked them out in (minor units, scaled quantities),
 * each made a `Dec` when it is read.
 *
 * Why: a full sheet posts over a hundred thousand lines, and four Decs a line
 * (amount, quantity, two content figures) were half of what a run kept in
 * memory; copying them from the young generation to the old was most of the
 * garbage collector's time; so were the memos, a few texts each. Readers see
 * the same `JournalLine` as before; a figure is made once, on its first read,
 * and kept; a memo is joined from its shared parts each time it is read.
 */
import { Dec, ZERO, addMinor, negMinor, type Minor } from "./money";
import { decOf, fromUnits, negated, textOf, type Scaled } from "./scaled";
import type { AccountRole, ElementSplit, JournalLine, SourceTrace } from "./types";

/** Minor units as a Dec: the shared ZERO for nothing, as the ledger always gave it. */
export function moneyDec(units: Minor, minorUnits: number): Dec {
  return units === 0 || units === 0n ? ZERO : fromUnits(BigInt(units), minorUnits);
}

export class PostedLine implements JournalLine {
  /** The amount as a Dec, once read. */
  private valueDec?: Dec;
  private qtyDec?: Dec;

  /**
   * @param units the amount in minor units, not below zero
   * @param onDebit which side the amount is on
   * @param quantity the line's quantity as its source holds it: the Dec it was given, or scaled units; `flip` negates it
   * @param memoText the memo, or its middle when `memoQty` leads it ("12.5 " + memoText) or `memoTail` ends it: texts shared by many lines, joined when read
   * @param material the standard material content in minor units, signed as the amount (the rest is conversion); none for lines without content
   */
  constructor(
    readonly role: AccountRole,
    readonly item: string | undefined,
    readonly category: string | undefined,
    private readonly units: Minor,
    private readonly onDebit: boolean,
    private readonly quantity: Dec | Scaled | undefined,
    private readonly flip: boolean,
    private readonly memoText: string,
    private readonly memoQty: Scaled | undefined,
    private readonly memoTail: string | undefined,
    readonly sources: readonly SourceTrace[],
    private readonly material: Minor | undefined,
    private readonly minorUnits: number,
  ) {}

  get debit(): Dec {
    return this.onDebit ? this.value() : ZERO;
  }

  get credit(): Dec {
    return this.onDebit ? ZERO : this.value();
  }

  get qty(): Dec | undefined {
    const q = this.quantity;
    if (q === undefined) return undefined;
    if (this.qtyDec === undefined) {
      if (q instanceof Dec) this.qtyDec = this.flip ? q.negated() : q;
      else this.qtyDec = decOf(this.flip ? negated(q) : q);
    }
    return this.qtyDec;
  }

  get memo(): string {
    const lead = this.memoQty === undefined ? this.memoText : `${textOf(this.memoQty)} ${this.memoText}`;
    return this.memoTail === undefined ? lead : lead + this.memoTail;
  }

  get element(): ElementSplit | undefined {
    const m = this.material;
    if (m === undefined) return undefined;
    return { material: moneyDec(m, this.minorUnits), conversion: moneyDec(addMinor(this.units, negMinor(m)), this.minorUnits) };
  }

  /** The line as a plain object, its fields in the order journal lines have always listed them. */
  toJSON(): JournalLine {
    return { role: this.role, item: this.item, category: this.category, debit: this.debit, credit: this.credit, qty: this.qty, memo: this.memo, sources: this.sources, element: this.element };
  }

  private value(): Dec {
    return (this.valueDec ??= moneyDec(this.units, this.minorUnits));
  }
}
