/**
 * TEST ORACLE — a deliberate copy of the Dec (decimal.js) ledger as it stood at
 * 53bf64a, before src/engine/ledger.ts was rewritten on scaled integers. It is
 * kept here, duplicate and all, so that test/engine/ledger.test.ts can post the
 * same random entries to both and demand the same figures. Do not "share" code
 * with src/engine/ledger.ts: the point is that the two are written apart.
 *
 * Changed from 53bf64a only at its edges: the class is `ReferenceLedger`, the
 * money helpers of that time (roundMoney on Dec, plusToSum, plusZero) are copied
 * below instead of imported (src/engine/money.ts no longer has them in that
 * form), and the draft types are exported under Reference* names. Its draft
 * lines take `amount: Dec` / `material?: Dec` where the new ledger takes `Scaled`.
 */
import { Dec, ZERO } from "../../src/engine/money";
import type { IsoDate } from "../../src/engine/dates";
import type {
  AccountRole,
  BalanceLine,
  ElementSplit,
  EntryKind,
  JournalEntry,
  JournalLine,
  SourceTrace,
  Trigger,
} from "../../src/engine/types";
import { ACCOUNT_ROLES } from "../../src/engine/types";

export type ReferenceSide = "debit" | "credit";

/** What every line says besides its amount. */
interface LineText {
  role: AccountRole;
  side: ReferenceSide;
  item?: string;
  category?: string;
  /** Quantity in the direction of `side` (negative flips with the amount). */
  qty?: Dec;
  memo: string;
  sources?: readonly SourceTrace[];
}

/** A detail line before rounding. A negative amount moves the line to the other side. */
export interface ReferenceDraftLine extends LineText {
  /** Exact amount. */
  amount: Dec;
  /** Exact standard material content of the amount (the rest is conversion); rounded with it. */
  material?: Dec;
}

/** A group's balancing line: its amount is the difference of the group's rounded details. */
export interface ReferenceBalancingLine extends LineText {
  /** Takes over the details' standard content, so it moves from account to account intact. */
  withContent?: boolean;
}

export interface ReferenceLineGroup {
  details: ReferenceDraftLine[];
  balancing?: ReferenceBalancingLine;
}

export interface ReferenceEntryHeader {
  date: IsoDate;
  trigger: Trigger;
  kind: EntryKind;
  description: string;
}

/** Roles whose balances are counted in units as well as money. */
const QUANTITY_ROLES: ReadonlySet<AccountRole> = new Set(["RIP", "FG", "COGS"]);

interface Account {
  role: AccountRole;
  item?: string;
  openingQty: Dec;
  openingValue: Dec;
  debit: Dec;
  credit: Dec;
  qty: Dec;
  /**
   * Standard content by element, signed (debit +), save for the lines in
   * `unsettled`: theirs is added, in posting order, only when the content is
   * read (settle), which most runs never do.
   */
  material: Dec;
  conversion: Dec;
  unsettled: JournalLine[];
  /** Per unsettled line: whether it stands on the debit side. */
  unsettledDebit: boolean[];
  /** Whether the role counts units (QUANTITY_ROLES). */
  countsUnits: boolean;
}

export class ReferenceLedger {
  readonly entries: JournalEntry[] = [];
  /** In the order they were opened: balances, totals and closings read them in that order. */
  private readonly accountList: Account[] = [];
  /** role → item (or conversion category; undefined for the role's own account) → account */
  private readonly accounts = new Map<AccountRole, Map<string | undefined, Account>>();

  constructor(readonly minorUnits: number) {}

  /** Rounds, balances and posts one entry; returns it, or undefined when every line came to nothing. */
  post(header: ReferenceEntryHeader, groups: readonly ReferenceLineGroup[]): JournalEntry | undefined {
    const lines: JournalLine[] = [];
    // Per line: the account it goes to and whether it stands on the debit side; applied once the entry balances.
    const targets: Account[] = [];
    const onDebit: boolean[] = [];
    let entryNet = ZERO; // what groups without a balancing line leave over
    for (const g of groups) {
      const b = g.balancing;
      const withContent = b?.withContent === true;
      let net = ZERO; // debits − credits of this group's rounded details
      let materialNet = ZERO; // the same, for the material content the details carry (only a balancing line with content reads it)
      for (const d of g.details) {
        const key = d.item ?? d.category;
        const found = this.accounts.get(d.role)?.get(key);
        let amount: Dec;
        let material = d.material;
        if (found !== undefined && this.empties(d, found)) {
          // An emptied account gives up its content with its value, so no content is left without quantity.
          amount = found.openingValue.plus(found.debit).minus(found.credit);
          if (material !== undefined) material = this.settle(found).material;
        } else amount = roundMoney(d.amount, this.minorUnits);
        const flip = belowZero(amount);
        const debitSide = (d.side === "debit") !== flip;
        const line = this.finish(d, debitSide, flip, amount, material);
        if (!line) continue;
        const abs = debitSide ? line.debit : line.credit;
        net = debitSide ? net.plus(abs) : net.minus(abs);
        if (withContent && line.element) materialNet = debitSide ? materialNet.plus(line.element.material) : materialNet.minus(line.element.material);
        lines.push(line);
        targets.push(found ?? this.account(d.role, key));
        onDebit.push(debitSide);
      }
      if (b) {
        // The balancing line takes −net on the debit side (i.e. net on the credit side),
        // and, when it carries content, the details' content. It leaves the group at zero.
        const natural = b.side === "debit" ? net.negated() : net;
        const flip = belowZero(natural);
        const debitSide = (b.side === "debit") !== flip;
        const material = withContent ? (b.side === "debit" ? materialNet.negated() : materialNet) : undefined;
        const line = this.finish(b, debitSide, flip, natural, material);
        if (line) {
          lines.push(line);
          targets.push(this.account(b.role, b.item ?? b.category));
          onDebit.push(debitSide);
        }
      } else entryNet = entryNet.plus(net);
    }
    if (!entryNet.isZero()) {
      // Only a defect in the engine can get here; data never can.
      throw new Error(`Internal error: entry "${header.description}" is out of balance by ${entryNet.toString()}`);
    }
    if (lines.length === 0) return undefined;
    const entry: JournalEntry = { entry: this.entries.length + 1, ...header, lines };
    this.entries.push(entry);
    for (let i = 0; i < lines.length; i++) this.apply(lines[i], targets[i], onDebit[i]);
    return entry;
  }

  /** Opening balance brought forward (not a journal entry: it was posted in an earlier period). */
  open(role: AccountRole, item: string | undefined, qty: Dec, value: Dec, element?: ElementSplit): void {
    const a = this.settle(this.account(role, item));
    // Before any posting the book equals the opening: one sum serves both (the instance is shared only while it does).
    const qtyAsOpening = a.qty === a.openingQty;
    a.openingQty = a.openingQty.plus(qty);
    a.qty = qtyAsOpening ? a.openingQty : a.qty.plus(qty);
    // As in apply(): RIP holds materials only, so its whole value is material content.
    const material = element ? element.material : role === "RIP" ? value : undefined;
    const materialAsOpening = material === value && a.material === a.openingValue;
    a.openingValue = a.openingValue.plus(value);
    if (material !== undefined) {
      a.material = materialAsOpening ? a.openingValue : a.material.plus(material);
      a.conversion = plusToSum(a.conversion, element ? element.conversion : ZERO);
    }
  }

  /** Balance (debit − credit, opening included) of one account, or of a whole role when item is omitted. */
  balance(role: AccountRole, item?: string): Dec {
    let total = ZERO;
    for (const a of this.accountsOf(role, item)) total = total.plus(a.openingValue).plus(a.debit).minus(a.credit);
    return total;
  }

  /** Book quantity of an item in a role. */
  quantity(role: AccountRole, item: string): Dec {
    return this.accounts.get(role)?.get(item)?.qty ?? ZERO;
  }

  /** Standard content by element held in a role (all items). */
  content(role: AccountRole): ElementSplit {
    let material = ZERO;
    let conversion = ZERO;
    for (const a of this.accountsOf(role)) {
      this.settle(a);
      material = material.plus(a.material);
      conversion = conversion.plus(a.conversion);
    }
    return { material, conversion };
  }

  /** Accounts of a role with a non-zero balance, item by item (sorted), for closing entries. */
  openItems(role: AccountRole): { item?: string; balance: Dec }[] {
    return this.accountsOf(role)
      .map((a) => ({ item: a.item, balance: a.openingValue.plus(a.debit).minus(a.credit) }))
      .filter((x) => !x.balance.isZero())
      .sort((x, y) => (x.item ?? "").localeCompare(y.item ?? ""));
  }

  /** Every account, in role order then item order. */
  balances(): BalanceLine[] {
    const order = new Map(ACCOUNT_ROLES.map((r, i) => [r, i]));
    return [...this.accountList]
      .sort((a, b) => order.get(a.role)! - order.get(b.role)! || (a.item ?? "").localeCompare(b.item ?? ""))
      .map((a) => ({
        role: a.role,
        item: a.item,
        openingQty: a.openingQty,
        openingValue: a.openingValue,
        debit: a.debit,
        credit: a.credit,
        endingValue: a.openingValue.plus(a.debit).minus(a.credit),
        endingQty: a.qty,
      }));
  }

  totals(): { debit: Dec; credit: Dec } {
    let debit = ZERO;
    let credit = ZERO;
    for (const a of this.accountList) {
      debit = debit.plus(a.debit);
      credit = credit.plus(a.credit);
    }
    return { debit, credit };
  }

  /**
   * No value without quantity: a credit to RIP or FG that takes an item's book
   * quantity to exactly zero takes its remaining value too (rounding residue
   * and standards that changed while the goods were held go with the goods),
   * and its remaining standard content, so no later proration lands there.
   */
  private empties(d: ReferenceDraftLine, a: Account): boolean {
    if (d.side !== "credit" || (d.role !== "RIP" && d.role !== "FG") || d.item === undefined || d.qty === undefined || d.qty.isZero()) return false;
    // Book − credited = 0 exactly when they are equal (a difference is never rounded to zero); infinities aside.
    return a.qty.eq(d.qty) && a.qty.isFinite();
  }

  /** The journal line, on the side it stands (`debitSide`, after any flip); undefined when it moves nothing. */
  private finish(t: LineText, debitSide: boolean, flip: boolean, amount: Dec, material: Dec | undefined): JournalLine | undefined {
    // |amount| without a copy when it is not negative (abs() makes −0 +0, and rounds nothing).
    const abs = amount.isNegative() ? amount.abs() : amount;
    const qty = t.qty === undefined ? undefined : flip ? t.qty.negated() : t.qty;
    if (abs.isZero() && (qty === undefined || qty.isZero())) return undefined;
    let element: ElementSplit | undefined;
    if (material !== undefined) {
      const m = roundMoney(flip ? material.negated() : material, this.minorUnits);
      element = { material: m, conversion: abs.minus(m) };
    }
    return journalLine(t, debitSide, abs, qty, element);
  }

  private apply(l: JournalLine, a: Account, debitSide: boolean): void {
    // The other side's total takes a ZERO, which leaves it as it is (a total is never −0).
    if (debitSide) a.debit = a.debit.plus(l.debit);
    else a.credit = a.credit.plus(l.credit);
    if (l.qty && a.countsUnits) a.qty = debitSide ? a.qty.plus(l.qty) : a.qty.minus(l.qty);
    if (l.element || l.role === "RIP") {
      a.unsettled.push(l);
      a.unsettledDebit.push(debitSide);
    }
  }

  /** Adds the content of the account's unsettled lines to its material and conversion; returns the account. */
  private settle(a: Account): Account {
    const lines = a.unsettled;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const debitSide = a.unsettledDebit[i];
      if (l.element) {
        a.material = debitSide ? a.material.plus(l.element.material) : a.material.minus(l.element.material);
        a.conversion = debitSide ? a.conversion.plus(l.element.conversion) : a.conversion.minus(l.element.conversion);
      } else {
        // RIP holds materials only, so its whole value (debit + credit, one of them ZERO) is material content.
        const material = plusZero(debitSide ? l.debit : l.credit);
        a.material = debitSide ? a.material.plus(material) : a.material.minus(material);
        // Its conversion content moves by zero: ±0 leaves a value as it is, save that +0 makes −0 into +0.
        if (debitSide && a.conversion.isZero()) a.conversion = ZERO;
      }
    }
    lines.length = 0;
    a.unsettledDebit.length = 0;
    return a;
  }

  /** The account, opened (at zero) if it is new. */
  private account(role: AccountRole, item: string | undefined): Account {
    let byItem = this.accounts.get(role);
    if (!byItem) this.accounts.set(role, (byItem = new Map()));
    let a = byItem.get(item);
    if (!a) {
      a = { role, item, openingQty: ZERO, openingValue: ZERO, debit: ZERO, credit: ZERO, qty: ZERO, material: ZERO, conversion: ZERO, unsettled: [], unsettledDebit: [], countsUnits: QUANTITY_ROLES.has(role) };
      byItem.set(item, a);
      this.accountList.push(a);
    }
    return a;
  }

  private accountsOf(role: AccountRole, item?: string): Account[] {
    const byItem = this.accounts.get(role);
    if (!byItem) return [];
    if (item !== undefined) {
      const a = byItem.get(item);
      return a ? [a] : [];
    }
    // A role's map keeps its accounts in the order they were opened, as accountList does.
    return [...byItem.values()];
  }
}

/** Whether an amount stands below zero, so that its line moves to the other side (−0 does not). */
function belowZero(amount: Dec): boolean {
  return amount.isNegative() && !amount.isZero();
}

/** The line as the journal shows it: the amount on its side, ZERO on the other. */
function journalLine(t: LineText, debitSide: boolean, abs: Dec, qty: Dec | undefined, element: ElementSplit | undefined): JournalLine {
  return { role: t.role, item: t.item, category: t.category, debit: debitSide ? abs : ZERO, credit: debitSide ? ZERO : abs, qty, memo: t.memo, sources: t.sources ?? [], element };
}

// The money helpers the Dec ledger used, as src/engine/money.ts had them at 53bf64a.

/** The rounding rule on Dec, as it was: to the minor unit, half away from zero. */
function roundMoney(amount: Dec, minorUnits: number): Dec {
  return amount.decimalPlaces() <= minorUnits ? amount : amount.toDecimalPlaces(minorUnits, Dec.ROUND_HALF_UP);
}

/** Finite and within 5 limbs (35 digits), so inside the 40-digit precision: 0 ± x is exactly ±x. */
function withinPrecision(x: Dec): boolean {
  return x.isFinite() && x.d.length <= 5;
}

/** sum + x as decimal.js computes it, without the work when x is zero. */
function plusToSum(sum: Dec, x: Dec): Dec {
  if (!x.isZero()) return sum.plus(x);
  return sum.isZero() && sum.isNegative() !== x.isNegative() ? ZERO : sum;
}

/** 0 + x as decimal.js computes it: x rounded to the 40-digit precision, and +0 for either zero. */
function plusZero(x: Dec): Dec {
  if (x.isZero()) return ZERO;
  return withinPrecision(x) ? x : ZERO.plus(x);
}
