/**
 * Posting journal entries and keeping balances.
 *
 * How entries balance by construction (docs/rounding.md): an entry is made of
 * groups; each group has detail lines and at most one balancing line. Detail
 * lines are rounded by the rounding rule; the balancing line is not rounded on
 * its own but takes exactly the difference of the group's rounded details. So
 * every group, and every entry, has debits equal to credits to the cent.
 */
import { BackflushDataError, said } from "./errors";
import { Dec, addMinor, roundToMinor, type Minor } from "./money";
import { SCALED_ZERO, decOf, negated, plus, sameValue, scaledOf, textOf, type Scaled } from "./scaled";
import { PostedLine, moneyDec, type LineStyle, type MemoWriter } from "./posted-line";
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

/** What every line says besides its amount. */
interface LineText {
  role: AccountRole;
  side: Side;
  item?: string;
  category?: string;
  /** Quantity in the direction of `side` (negative flips with the amount). */
  qty?: Dec;
  /** `qty` as scaled units, when the caller holds it so (saves reading the Dec's digits again); alone, the line makes its Dec only when read. */
  qtyUnits?: Scaled;
  memo: string | MemoWriter;
  /** A quantity the memo starts with ("12.5 " + memo): its text is made when the memo is read (in the ledger's language), not for every line posted. */
  memoQty?: Scaled;
  /** Text the memo ends with (memo + tail), so that memo can be a text shared by many lines. */
  memoTail?: string;
  sources?: readonly SourceTrace[];
  /** The entries the line closes (JournalLine.closes). */
  closes?: readonly number[];
}

/** A detail line before rounding. A negative amount moves the line to the other side. */
export interface DraftLine extends LineText {
  /** Exact amount. */
  amount: Scaled;
  /** Exact standard material content of the amount (the rest is conversion); rounded with it. */
  material?: Scaled;
}

/** A group's balancing line: its amount is the difference of the group's rounded details. */
export interface BalancingLine extends LineText {
  /** Takes over the details' standard content, so it moves from account to account intact. */
  withContent?: boolean;
  /** Listed before the group's detail of this index (where the line would stand among its kind); last when absent. */
  before?: number;
}

export interface LineGroup {
  details: DraftLine[];
  balancing?: BalancingLine;
}

export interface EntryHeader {
  date: IsoDate;
  trigger: Trigger;
  kind: EntryKind;
  description: string;
  /** Not counted in creditedIn: a flush's entry beside it that moves value beyond standard, which is no use or sale. */
  aside?: boolean;
}

/** Roles whose balances are counted in units as well as money (materials clearing: the materials it holds, for the next period's opening). */
const QUANTITY_ROLES: ReadonlySet<AccountRole> = new Set(["RIP", "FG", "COGS", "MATERIALS_CLEARING"]);

/**
 * An account's figures as exact integers: money in minor units (every line is
 * rounded to them, so their sums are exact; JS numbers while they are safe
 * integers, see `Minor`), quantities scaled. They become Decs only when read.
 */
interface Account {
  role: AccountRole;
  item?: string;
  openingQty: Scaled;
  openingValue: Minor;
  debit: Minor;
  credit: Minor;
  qty: Scaled;
  /** Standard content by element, signed (debit +). */
  material: Minor;
  conversion: Minor;
  /** Whether the role counts units (QUANTITY_ROLES). */
  countsUnits: boolean;
  /** The entries that posted to it, in order, each once: what a period-end close of it names. */
  postedIn: number[];
}

export class Ledger {
  readonly entries: JournalEntry[] = [];
  /** In the order they were opened: balances, totals and closings read them in that order. */
  private readonly accountList: Account[] = [];
  /** role → item (or conversion category; undefined for the role's own account) → account */
  private readonly accounts = new Map<AccountRole, Map<string | undefined, Account>>();

  /** The largest line, in minor units, plus one: a run's ledger refuses a line of its limit or more as data (a number compares with a BigInt exactly). */
  private readonly lineLimit: number;

  /** What every line shares (posted-line.ts). */
  private readonly lineStyle: LineStyle;

  /** Credits by kind of entry and role, in minor units: what the suitability checks call use and sales (creditedIn). */
  private readonly creditsByKind = new Map<EntryKind, Map<AccountRole, Minor>>();

  /**
   * `limit`: the size no line may reach, in the currency (a run gives money.ts maxMoneyFor; none, for a ledger on its own).
   * `memoNumber`: how a memo's leading quantity is written from its decimal text (the run's language); as it is, when absent.
   */
  constructor(
    readonly minorUnits: number,
    private readonly limit = Infinity,
    memoNumber?: (decimal: string) => string,
  ) {
    this.lineLimit = limit * 10 ** minorUnits;
    this.lineStyle = { minorUnits, memoQuantity: memoNumber ? (q) => memoNumber(textOf(q)) : textOf };
  }

  /** Rounds, balances and posts one entry; returns it, or undefined when every line came to nothing. */
  post(header: EntryHeader, groups: readonly LineGroup[]): JournalEntry | undefined {
    // The lines, and beside them what applying each to its account takes (signed debit +, in minor
    // units and scaled quantities): kept apart so a line is the only object made per line. Made at
    // their largest size at once (an entry can have thousands of lines), cut to the lines made.
    let most = 0;
    for (const g of groups) most += g.details.length + (g.balancing ? 1 : 0);
    const lines = new Array<JournalLine>(most);
    const pending: Pending = { targets: new Array<Account>(most), amounts: new Array<Minor>(most), qtys: new Array<Scaled | undefined>(most), materials: new Array<Minor | undefined>(most) };
    let n = 0;
    let entryNet: Minor = 0; // what groups without a balancing line leave over
    for (const g of groups) {
      const b = g.balancing;
      const withContent = b?.withContent === true;
      let net: Minor = 0; // debits − credits of this group's rounded details, in minor units
      let materialNet: Minor = 0; // the same, for the material content the details carry (only a balancing line with content reads it)
      let insertAt = -1; // where the balancing line goes when it is not last
      for (let di = 0; di < g.details.length; di++) {
        const d = g.details[di];
        if (di === b?.before) insertAt = n;
        const key = d.item ?? d.category;
        const found = this.accounts.get(d.role)?.get(key);
        const qty = quantityOf(d);
        let amount: Minor;
        let material: Minor | undefined;
        if (found !== undefined && qty !== undefined && this.empties(d, qty, found)) {
          // An emptied account gives up its content with its value, so no content is left without quantity.
          amount = endingValue(found);
          if (d.material !== undefined) material = found.material;
        } else {
          amount = this.round(d.amount);
          if (d.material !== undefined) material = this.round(d.material);
        }
        const line = this.finish(d, amount, qty, material);
        if (!line) continue;
        const debit = d.side === "debit";
        net = addMinor(net, debit ? amount : -amount);
        if (withContent && material !== undefined) materialNet = addMinor(materialNet, debit ? material : -material);
        lines[n] = line;
        this.keep(pending, n++, found ?? this.account(d.role, key), debit, amount, qty, material);
      }
      if (b) {
        // The balancing line takes −net on the debit side (i.e. net on the credit side),
        // and, when it carries content, the details' content. It leaves the group at zero.
        const debit = b.side === "debit";
        const natural = debit ? -net : net;
        const material = withContent ? (debit ? -materialNet : materialNet) : undefined;
        const qty = quantityOf(b);
        const line = this.finish(b, natural, qty, material);
        if (line) {
          lines[n] = line;
          this.keep(pending, n++, this.account(b.role, b.item ?? b.category), debit, natural, qty, material);
          if (insertAt >= 0) moveLast(lines, pending, insertAt, n);
        }
      } else entryNet = addMinor(entryNet, net);
    }
    if (entryNet !== 0) {
      // Only a defect in the engine can get here; data never can.
      throw new Error(`Internal error: entry "${header.description}" is out of balance by ${decOf({ units: BigInt(entryNet), scale: this.minorUnits }).toString()}`);
    }
    if (n === 0) return undefined;
    lines.length = n;
    const entry: JournalEntry = { entry: this.entries.length + 1, date: header.date, trigger: header.trigger, kind: header.kind, description: header.description, lines };
    this.entries.push(entry);
    // Applied only now: every line of the entry saw the accounts as they were before it (empties()).
    let credits = header.aside ? undefined : this.creditsByKind.get(header.kind);
    if (credits === undefined && !header.aside) this.creditsByKind.set(header.kind, (credits = new Map()));
    for (let k = 0; k < n; k++) {
      const target = pending.targets[k];
      const amount = pending.amounts[k];
      this.apply(target, amount, pending.qtys[k], pending.materials[k]);
      if (target.postedIn[target.postedIn.length - 1] !== entry.entry) target.postedIn.push(entry.entry);
      if (credits !== undefined && amount < 0) credits.set(target.role, addMinor(credits.get(target.role) ?? 0, -amount));
    }
    return entry;
  }

  /**
   * What a line does to its account, signed debit +. A line flipped to the
   * other side flips its amount, quantity and content with it, so in the
   * debit direction they are the caller's figures signed by the caller's side.
   */
  private keep(pending: Pending, k: number, target: Account, debit: boolean, amount: Minor, qty: Scaled | undefined, material: Minor | undefined): void {
    pending.targets[k] = target;
    pending.amounts[k] = debit ? amount : -amount;
    pending.qtys[k] = qty === undefined || debit ? qty : negated(qty);
    pending.materials[k] = material === undefined || debit ? material : -material;
  }

  /** Opening balance brought forward (not a journal entry: it was posted in an earlier period). */
  open(role: AccountRole, item: string | undefined, qty: Dec, value: Dec, element?: ElementSplit): void {
    const a = this.account(role, item);
    this.addOpening(a, scaledOf(qty), this.minor(value), element && { material: this.minor(element.material), conversion: this.minor(element.conversion) });
  }

  /** `open` from exact figures: the quantity, and the value before rounding (rounded here, by the rule). Its content, if any, is all material (RIP). */
  openExact(role: AccountRole, item: string | undefined, qty: Scaled, value: Scaled): void {
    this.addOpening(this.account(role, item), qty, this.round(value));
  }

  /** An opening quantity and value (minor units) added to an account, with its content by element when given. */
  private addOpening(a: Account, qty: Scaled, value: Minor, element?: { material: Minor; conversion: Minor }): void {
    a.openingQty = plus(a.openingQty, qty);
    a.qty = plus(a.qty, qty);
    a.openingValue = addMinor(a.openingValue, value);
    // As in apply(): RIP holds materials only, so its whole value is material content.
    if (element) {
      a.material = addMinor(a.material, element.material);
      a.conversion = addMinor(a.conversion, element.conversion);
    } else if (a.role === "RIP") a.material = addMinor(a.material, value);
  }

  /** Balance (debit − credit, opening included) of one account, or of a whole role when item is omitted. */
  balance(role: AccountRole, item?: string): Dec {
    let total: Minor = 0;
    for (const a of this.accountsOf(role, item)) total = addMinor(total, endingValue(a));
    return this.money(total);
  }

  /** Book quantity of an item in a role. */
  quantity(role: AccountRole, item: string): Dec {
    return decOf(this.accounts.get(role)?.get(item)?.qty ?? SCALED_ZERO);
  }

  /** Opening quantity of an item in a role (brought forward from a previous period). */
  openingQuantity(role: AccountRole, item: string): Dec {
    return decOf(this.accounts.get(role)?.get(item)?.openingQty ?? SCALED_ZERO);
  }

  /** Whether the book quantity of an item in a role is below zero. */
  belowZero(role: AccountRole, item: string): boolean {
    return (this.accounts.get(role)?.get(item)?.qty.units ?? 0n) < 0n;
  }

  /** Standard content by element held in a role: of one item, or of all of them. */
  content(role: AccountRole, item?: string): ElementSplit {
    let material: Minor = 0;
    let conversion: Minor = 0;
    for (const a of this.accountsOf(role, item)) {
      material = addMinor(material, a.material);
      conversion = addMinor(conversion, a.conversion);
    }
    return { material: this.money(material), conversion: this.money(conversion) };
  }

  /**
   * An item's standard content restated to `material` (the rest of what it
   * holds, conversion), its value unmoved: a new standard that splits the same
   * total otherwise moves no money, only what proration by cost element weighs.
   */
  restateContent(role: AccountRole, item: string, material: Dec): void {
    const a = this.accounts.get(role)?.get(item);
    if (a === undefined) return;
    const total = addMinor(a.material, a.conversion);
    a.material = this.minor(material);
    a.conversion = addMinor(total, -a.material);
  }

  /** The standard content by element of each item account of a role, whatever it holds (a variance account's too). */
  itemContents(role: AccountRole): { item: string; material: Dec; conversion: Dec }[] {
    return this.accountsOf(role)
      .filter((a): a is Account & { item: string } => a.item !== undefined)
      .map((a) => ({ item: a.item, material: this.money(a.material), conversion: this.money(a.conversion) }));
  }

  /** Item accounts of a role holding a quantity, with their exact value and standard content in minor units (as Decs), in the order opened. */
  holdings(role: AccountRole): { item: string; qty: Scaled; value: Dec; material: Dec; conversion: Dec }[] {
    return this.accountsOf(role)
      .filter((a): a is Account & { item: string } => a.item !== undefined && a.qty.units !== 0n)
      .map((a) => ({ item: a.item, qty: a.qty, value: this.money(endingValue(a)), material: this.money(a.material), conversion: this.money(a.conversion) }));
  }

  /** The entries that posted to the role's account of `item` (or of its conversion category; the role's own without either), in order. */
  postedIn(role: AccountRole, item: string | undefined): number[] {
    return [...(this.accounts.get(role)?.get(item)?.postedIn ?? [])];
  }

  /** The entries that posted to any account of the role, in order, each once. */
  postedInRole(role: AccountRole): number[] {
    return [...new Set(this.accountsOf(role).flatMap((a) => a.postedIn))].sort((a, b) => a - b);
  }

  /** Accounts of a role with a non-zero balance, item by item (sorted), for closing entries. */
  openItems(role: AccountRole): { item?: string; balance: Dec }[] {
    return this.accountsOf(role)
      .filter((a) => endingValue(a) !== 0)
      .sort((x, y) => (x.item ?? "").localeCompare(y.item ?? ""))
      .map((a) => ({ item: a.item, balance: this.money(endingValue(a)) }));
  }

  /** Every account, in role order then item order. */
  balances(): BalanceLine[] {
    return this.sortedAccounts().map((a) => ({
        role: a.role,
        item: a.item,
        openingQty: decOf(a.openingQty),
        openingValue: this.money(a.openingValue),
        debit: this.money(a.debit),
        credit: this.money(a.credit),
        endingValue: this.money(endingValue(a)),
        endingQty: decOf(a.qty),
      }));
  }

  /** Every account's ending quantity, value and standard content, in the order balances() lists them (the period's closing). */
  endings(): { role: AccountRole; item?: string; qty: Dec; value: Dec; material: Dec; conversion: Dec }[] {
    return this.sortedAccounts().map((a) => ({ role: a.role, item: a.item, qty: decOf(a.qty), value: this.money(endingValue(a)), material: this.money(a.material), conversion: this.money(a.conversion) }));
  }

  /** The accounts in role order, then item order. */
  private sortedAccounts(): Account[] {
    const order = new Map(ACCOUNT_ROLES.map((r, i) => [r, i]));
    return [...this.accountList].sort((a, b) => order.get(a.role)! - order.get(b.role)! || (a.item ?? "").localeCompare(b.item ?? ""));
  }

  /** What entries of these kinds credited to a role, over all its items (sales relieving FG, flushes relieving RIP). */
  creditedIn(kinds: readonly EntryKind[], role: AccountRole): Dec {
    let total: Minor = 0;
    for (const kind of kinds) total = addMinor(total, this.creditsByKind.get(kind)?.get(role) ?? 0);
    return this.money(total);
  }

  totals(): { debit: Dec; credit: Dec } {
    let debit: Minor = 0;
    let credit: Minor = 0;
    for (const a of this.accountList) {
      debit = addMinor(debit, a.debit);
      credit = addMinor(credit, a.credit);
    }
    return { debit: this.money(debit), credit: this.money(credit) };
  }

  /**
   * No value without quantity: a credit to RIP or FG that takes an item's book
   * quantity to exactly zero takes its remaining value too (rounding residue
   * and standards that changed while the goods were held go with the goods),
   * and its remaining standard content, so no later proration lands there.
   */
  private empties(d: DraftLine, qty: Scaled, a: Account): boolean {
    if (d.side !== "credit" || (d.role !== "RIP" && d.role !== "FG") || d.item === undefined || qty.units === 0n) return false;
    // Book − credited = 0 exactly when they are equal.
    return sameValue(a.qty, qty);
  }

  /**
   * The journal line for a signed amount and content in minor units (a
   * negative amount moves the line to the other side, its quantity and
   * content flipping with it); undefined when it moves nothing.
   */
  private finish(t: LineText, amount: Minor, qty: Scaled | undefined, material: Minor | undefined): JournalLine | undefined {
    const flip = amount < 0;
    const abs = flip ? -amount : amount;
    if (abs === 0 && (qty === undefined || qty.units === 0n)) return undefined;
    if (abs >= this.lineLimit) throw tooLargeLine(t, moneyDec(abs, this.minorUnits), this.limit);
    const onDebit = (t.side === "debit") !== flip;
    const m = material === undefined || !flip ? material : -material;
    return new PostedLine(t.role, t.item, t.category, abs, onDebit, t.qty ?? t.qtyUnits, flip, t.memo, t.memoQty, t.memoTail, t.sources ?? NO_SOURCES, m, this.lineStyle, t.closes);
  }

  /** One line's figures (signed debit +) added to its account. */
  private apply(a: Account, amount: Minor, qty: Scaled | undefined, material: Minor | undefined): void {
    if (amount > 0) a.debit = addMinor(a.debit, amount);
    else a.credit = addMinor(a.credit, -amount);
    if (qty !== undefined && a.countsUnits) a.qty = plus(a.qty, qty);
    // RIP holds materials only, so its whole value is material content.
    if (material !== undefined) {
      a.material = addMinor(a.material, material);
      a.conversion = addMinor(a.conversion, addMinor(amount, -material));
    } else if (a.role === "RIP") a.material = addMinor(a.material, amount);
  }

  /** Minor units as a Dec. */
  private money(units: Minor): Dec {
    return moneyDec(units, this.minorUnits);
  }

  /** The rounding rule: an exact amount in minor units. */
  private round(x: Scaled): Minor {
    return roundToMinor(x.units, x.scale, this.minorUnits);
  }

  /** An amount already in minor units (an opening value), as their count. */
  private minor(value: Dec): Minor {
    const x = scaledOf(value);
    if (x.scale > this.minorUnits) throw new Error(`Internal error: ${value.toString()} is not in minor units`);
    return this.round(x);
  }

  /** The account, opened (at zero) if it is new. */
  private account(role: AccountRole, item: string | undefined): Account {
    let byItem = this.accounts.get(role);
    if (!byItem) this.accounts.set(role, (byItem = new Map()));
    let a = byItem.get(item);
    if (!a) {
      a = { role, item, openingQty: SCALED_ZERO, openingValue: 0, debit: 0, credit: 0, qty: SCALED_ZERO, material: 0, conversion: 0, countsUnits: QUANTITY_ROLES.has(role), postedIn: [] };
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

/** What the lines of an entry being posted do to their accounts, line k at index k (applied once the entry is whole). */
interface Pending {
  targets: Account[];
  amounts: Minor[];
  qtys: (Scaled | undefined)[];
  materials: (Minor | undefined)[];
}

/** Moves the line at end − 1 (and what applying it takes) to `at`, the lines from `at` on one place later. */
function moveLast(lines: JournalLine[], pending: Pending, at: number, end: number): void {
  const line = lines[end - 1];
  const target = pending.targets[end - 1];
  const amount = pending.amounts[end - 1];
  const qty = pending.qtys[end - 1];
  const material = pending.materials[end - 1];
  for (let k = end - 1; k > at; k--) {
    lines[k] = lines[k - 1];
    pending.targets[k] = pending.targets[k - 1];
    pending.amounts[k] = pending.amounts[k - 1];
    pending.qtys[k] = pending.qtys[k - 1];
    pending.materials[k] = pending.materials[k - 1];
  }
  lines[at] = line;
  pending.targets[at] = target;
  pending.amounts[at] = amount;
  pending.qtys[at] = qty;
  pending.materials[at] = material;
}

/** Shared by every line without sources (lines are read, never changed). */
const NO_SOURCES: readonly SourceTrace[] = [];

/** A line's quantity as scaled units, if it has one. */
function quantityOf(t: LineText): Scaled | undefined {
  return t.qtyUnits ?? (t.qty && scaledOf(t.qty));
}

/** Opening + debits − credits, in minor units. */
function endingValue(a: Account): Minor {
  return addMinor(addMinor(a.openingValue, a.debit), -a.credit);
}

/** The column of a source row that a line's size comes from: the quantity of a movement, the amount of a conversion cost, the count of goods on hand. */
const SIZE_FIELD: Readonly<Record<SourceTrace["table"], string>> = { Items: "StdPrice", BOM: "QtyPer", Production: "Qty", Sales: "Qty", Purchases: "Qty", Conversion: "Amount", Inventory: "Count", Settings: "Setting", Accounts: "Account" };

/** SIZE_FIELD, but a purchase's line other than its goods' own (AP, the price variance) is the amount paid: its Amount. */
function sizeFieldOf(table: SourceTrace["table"], role: AccountRole): string {
  return table === "Purchases" && role !== "RIP" && role !== "MATERIALS_CLEARING" ? "Amount" : SIZE_FIELD[table];
}

/**
 * Figures each below money.ts MAX_FIGURE can still multiply past the ledger's `limit`
 * (a quantity × a QtyPer at every BOM level × a price), and an amount paid may
 * be past it: such a line is refused as data, at the first row it came from,
 * before a cell could lose its last minor unit.
 */
function tooLargeLine(t: LineText, amount: Dec, limit: number): BackflushDataError {
  const source = t.sources?.find((s) => s.rows.length > 0);
  const what = t.item ?? t.category;
  const figures = { amount: { figure: amount.toString() }, max: { figure: String(limit) } };
  // An amount paid (a purchase's, a conversion cost) is its own Amount cell, not quantities × prices.
  const paid = source !== undefined && sizeFieldOf(source.table, t.role) === "Amount";
  return new BackflushDataError([
    {
      code: "too-large",
      ...(paid ? said("problem.paidTooLarge", figures) : what ? said("problem.lineTooLargeFor", { role: t.role, item: what, ...figures }) : said("problem.lineTooLarge", { role: t.role, ...figures })),
      at: source && { table: source.table, row: source.rows[0], field: sizeFieldOf(source.table, t.role) },
    },
  ]);
}
