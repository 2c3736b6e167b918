/**
 * Posting journal entries and keeping balances.
 *
 * How entries balance by construction (docs/rounding.md): an entry is made of
 * groups; each group has detail lines and at most one balancing line. Detail
 * lines are rounded by the rounding rule; the balancing line is not rounded on
 * its own but takes exactly the difference of the group's rounded details. So
 * every group, and every entry, has debits equal to credits to the cent.
 */
import { Dec, ZERO, roundMoney } from "./money";
import type { IsoDate } from "./dates";
import type {
  AccountRole,
  BalanceLine,
  ElementSplit,
  EntryKind,
  JournalEntry,
  JournalLine,
  SourceTrace,
  Trigger,
} from "./types";
import { ACCOUNT_ROLES } from "./types";

export type Side = "debit" | "credit";

/** A line before rounding. A negative amount moves the line to the other side. */
export interface DraftLine {
  role: AccountRole;
  side: Side;
  /** Exact amount; for a balancing line it is computed and this is ignored. */
  amount?: Dec;
  item?: string;
  category?: string;
  /** Quantity in the direction of `side` (negative flips with the amount). */
  qty?: Dec;
  memo: string;
  sources?: readonly SourceTrace[];
  /** Exact standard content (material, conversion) of the amount; rounded with it. */
  element?: ElementSplit;
}

export interface LineGroup {
  details: DraftLine[];
  balancing?: DraftLine;
}

export interface EntryHeader {
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
  /** Standard content by element, signed (debit +). */
  material: Dec;
  conversion: Dec;
}

export class Ledger {
  readonly entries: JournalEntry[] = [];
  private readonly accounts = new Map<string, Account>();

  constructor(readonly minorUnits: number) {}

  /** Rounds, balances and posts one entry; returns it, or undefined when every line came to nothing. */
  post(header: EntryHeader, groups: readonly LineGroup[]): JournalEntry | undefined {
    const lines: JournalLine[] = [];
    const sides = new Map<JournalLine, Side>();
    let entryNet = ZERO;
    for (const g of groups) {
      let net = ZERO; // debits − credits of this group's rounded details
      let materialNet = ZERO; // the same, for the material content the details carry
      for (const d of g.details) {
        const emptied = this.emptying(d);
        // An emptied account gives up its content with its value, so no content is left without quantity.
        const line = emptied ? this.finish({ ...d, element: d.element && emptied.content }, emptied.value) : this.finish(d, roundMoney(d.amount ?? ZERO, this.minorUnits));
        if (line) {
          const side = sideOf(line, d.side);
          sides.set(line, side);
          net = net.plus(line.debit).minus(line.credit);
          if (line.element) materialNet = side === "debit" ? materialNet.plus(line.element.material) : materialNet.minus(line.element.material);
          lines.push(line);
        }
      }
      if (g.balancing) {
        // The balancing line takes −net on the debit side (i.e. net on the credit side),
        // and, when it carries content, the details' content: it moves from account to account intact.
        const b = g.balancing;
        const natural = b.side === "debit" ? net.negated() : net;
        const element = b.element && { material: b.side === "debit" ? materialNet.negated() : materialNet, conversion: ZERO };
        const line = this.finish({ ...b, element }, natural);
        if (line) {
          sides.set(line, sideOf(line, b.side));
          net = net.plus(line.debit).minus(line.credit);
          lines.push(line);
        }
      }
      entryNet = entryNet.plus(net);
    }
    if (!entryNet.isZero()) {
      // Only a defect in the engine can get here; data never can.
      throw new Error(`Internal error: entry "${header.description}" is out of balance by ${entryNet.toString()}`);
    }
    if (lines.length === 0) return undefined;
    const entry: JournalEntry = { entry: this.entries.length + 1, ...header, lines };
    this.entries.push(entry);
    for (const l of lines) this.apply(l, sides.get(l)!);
    return entry;
  }

  /** Opening balance brought forward (not a journal entry: it was posted in an earlier period). */
  open(role: AccountRole, item: string | undefined, qty: Dec, value: Dec, element?: ElementSplit): void {
    const a = this.account(role, item);
    a.openingQty = a.openingQty.plus(qty);
    a.openingValue = a.openingValue.plus(value);
    a.qty = a.qty.plus(qty);
    // As in apply(): RIP holds materials only, so its whole value is material content.
    const content = element ?? (role === "RIP" ? { material: value, conversion: ZERO } : undefined);
    if (content) {
      a.material = a.material.plus(content.material);
      a.conversion = a.conversion.plus(content.conversion);
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
    return this.accounts.get(key(role, item))?.qty ?? ZERO;
  }

  /** Standard content by element held in a role (all items). */
  content(role: AccountRole): ElementSplit {
    let material = ZERO;
    let conversion = ZERO;
    for (const a of this.accountsOf(role)) {
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
    return [...this.accounts.values()]
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
    for (const a of this.accounts.values()) {
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
  private emptying(d: DraftLine): { value: Dec; content: ElementSplit } | undefined {
    if (d.side !== "credit" || (d.role !== "RIP" && d.role !== "FG") || d.item === undefined || !d.qty || d.qty.isZero()) return undefined;
    const a = this.accounts.get(key(d.role, d.item));
    if (!a || !a.qty.minus(d.qty).isZero()) return undefined;
    return { value: a.openingValue.plus(a.debit).minus(a.credit), content: { material: a.material, conversion: a.conversion } };
  }

  private finish(d: DraftLine, amount: Dec): JournalLine | undefined {
    // −0 (a tiny negative rounded away) is zero: it must not flip the line, or its quantity would move the wrong way.
    const flip = amount.isNegative() && !amount.isZero();
    const abs = amount.abs();
    const side: Side = flip ? (d.side === "debit" ? "credit" : "debit") : d.side;
    const qty = d.qty === undefined ? undefined : flip ? d.qty.negated() : d.qty;
    if (abs.isZero() && (qty === undefined || qty.isZero())) return undefined;
    let element: ElementSplit | undefined;
    if (d.element) {
      const material = roundMoney(flip ? d.element.material.negated() : d.element.material, this.minorUnits);
      element = { material, conversion: abs.minus(material) };
    }
    return {
      role: d.role,
      item: d.item,
      category: d.category,
      debit: side === "debit" ? abs : ZERO,
      credit: side === "credit" ? abs : ZERO,
      qty,
      memo: d.memo,
      sources: d.sources ?? [],
      element,
    };
  }

  private apply(l: JournalLine, side: Side): void {
    const a = this.account(l.role, l.item ?? l.category);
    const sign = side === "debit" ? 1 : -1;
    a.debit = a.debit.plus(l.debit);
    a.credit = a.credit.plus(l.credit);
    if (l.qty && QUANTITY_ROLES.has(l.role)) a.qty = sign > 0 ? a.qty.plus(l.qty) : a.qty.minus(l.qty);
    // RIP holds materials only, so its whole value is material content.
    const element = l.element ?? (l.role === "RIP" ? { material: l.debit.plus(l.credit), conversion: ZERO } : undefined);
    if (element) {
      a.material = sign > 0 ? a.material.plus(element.material) : a.material.minus(element.material);
      a.conversion = sign > 0 ? a.conversion.plus(element.conversion) : a.conversion.minus(element.conversion);
    }
  }

  private account(role: AccountRole, item: string | undefined): Account {
    const k = key(role, item);
    let a = this.accounts.get(k);
    if (!a) {
      a = { role, item, openingQty: ZERO, openingValue: ZERO, debit: ZERO, credit: ZERO, qty: ZERO, material: ZERO, conversion: ZERO };
      this.accounts.set(k, a);
    }
    return a;
  }

  private accountsOf(role: AccountRole, item?: string): Account[] {
    if (item !== undefined) {
      const a = this.accounts.get(key(role, item));
      return a ? [a] : [];
    }
    return [...this.accounts.values()].filter((a) => a.role === role);
  }
}

/** The side a finished line stands on; a line of no amount (a quantity only) keeps its draft's side. */
function sideOf(line: JournalLine, drafted: Side): Side {
  return line.debit.isZero() && line.credit.isZero() ? drafted : line.debit.isZero() ? "credit" : "debit";
}

function key(role: AccountRole, item: string | undefined): string {
  return item === undefined ? role : `${role}\u0000${item}`;
}
