/**
 * A backflush run over one period: opening balances, then day by day the
 * entries of the chosen trigger sequence, then the period-end close
 * (price variance where purchases are not booked, material counts,
 * conversion close, variance disposition).
 */
import { daysBetween, nextDay, previousDay, type IsoDate } from "./dates";
import { memoFor } from "./bom";
import { Ledger, type DraftLine, type EntryHeader, type LineGroup } from "./ledger";
import { Dec, WORKBOOK_PRECISION, ZERO, apportion, maxMoneyFor, roundMoney, roundUnits } from "./money";
import { SCALED_ZERO, decOf, plus, quotient, sameValue, scaledOf, textOf, times, type Scaled } from "./scaled";
import { purchaseTotals, type PurchaseTotal } from "./purchases";
import { materialsInGoods, withRow, type GoodsRow, type MaterialsInGoods } from "./goods";
import { cmp, prepare, type DailyGroups, type MovementGroup, type Prepared } from "./prepare";
import { SEQUENCE_RULES, type SequenceRules } from "./sequences";
import { FlushedConsumption } from "./consumption-line";
import { judgeSuitability } from "./suitability";
import { closingLines, openBroughtForward, openCapitalizedConversion, type BroughtForwardOpening, type GoodsOffBooks, type OffBooks } from "./closing";
import { DayUsers, GroupsTrace, RowsTrace, UsersTrace, type HasRows } from "./trace";
import { told, wordingOf, type EngineText, type Wording } from "./wording";
import type {
  AccountRole,
  BackflushResult,
  BomLineRecord,
  Disposition,
  ElementSplit,
  InventoryRecord,
  ConsumptionLine,
  JournalEntry,
  JournalLine,
  RunInput,
  RowScope,
  RunWarning,
  Settings,
  SourceTrace,
  StandardCost,
  TableName,
  VarianceLine,
} from "./types";

const NO_ROWS: HasRows = { rows: [] };

/**
 * Runs backflush costing over a period.
 * @throws BackflushDataError listing every problem in the data, when there is any.
 */
export function runBackflush(input: RunInput): BackflushResult {
  return new PeriodRun(prepare(input), wordingOf(input.language)).run();
}

/** Materials invoiced: a day's purchases of one material, or the period's. */
interface Invoiced extends HasRows {
  item: string;
  qty: Dec;
  amount: Dec;
  /** The debit at standard when it is not quantity × standard (exact, in minor units). */
  atStandard?: Scaled;
}

/** What a product's goods on hand (where no FG is kept) are reckoned from, by table: its Inventory rows, or its opening, completions and sales. */
type OnHandSources = Record<"Inventory" | "Production" | "Sales", (HasRows & { readonly rowCount: number })[]>;

/** The rows of goods on hand, one trace per table that has any: lists of more than a Source cell lists said by `scope`. */
function onHandTraces(from: readonly OnHandSources[], scope?: RowScope): SourceTrace[] {
  return (["Inventory", "Production", "Sales"] as const).map((table) => new GroupsTrace(table, from.flatMap((s) => s[table]), scope)).filter((t) => t.rowCount > 0);
}

/** An item's standard cost in one BOM version, with the figures its memos print. */
interface ItemStandard {
  material: Scaled;
  /** `material` as the Dec the Consumption sheet prints. */
  materialDec: Dec;
  /** material + conversion */
  total: Scaled;
  /** The conversion part of `total`. */
  conversion: Scaled;
  materialText: string;
  // Memo texts after the quantity, made once and shared by every line that prints them.
  /** "kg WOOD at standard 2.5" */
  atStandard: string;
  /** "kg WOOD at standard 2.5 backflushed for " */
  backflushedFor: string;
  /** "kg CHAIR completed at standard 40 (material 30, conversion 10)" (or "sold", for a flush at sale) */
  flushed: string;
  /** "kg CHAIR sold at standard 40" */
  sold: string;
  /** "Cost of CHAIR sold at standard" */
  costOfSale: string;
}

/** Days past which a period taken from the data is said to be long (a quarter): warnLongPeriod. */
const LONG_PERIOD_DAYS = 92;

class PeriodRun {
  private readonly rules: SequenceRules;
  private readonly ledger: Ledger;
  private readonly warnings: RunWarning[] = [];
  private readonly variances: VarianceLine[] = [];
  /** BOM version → product → units flushed under it: exploded at the end, for the Consumption sheet and (materials off the books) the materials flushed. */
  private readonly flushedByVersion = new Map<number, Map<string, Scaled>>();
  private readonly warnedNegative = new Set<string>();
  /** Material quantities backflushed in the period, filled at the end. Only where materials are off the books: nothing else reads them. */
  private readonly flushedMaterials = new Map<string, Scaled>();
  /** What materials opened at beyond standard (a previous Closing's prorated variance, an Inventory OpeningValue's difference) and have not yet let go. */
  private readonly carriedBeyondStandard = new CarriedBeyond();
  /** FG's shares of the variances prorated by one cost element (its role's own account holds them all together), for the closing. */
  private readonly proratedIntoGoods: { material: Dec; conversion: Dec } = { material: ZERO, conversion: ZERO };
  /** Where purchases are not booked: what the period has bought of each material up to the day being posted. */
  private readonly boughtToDate = new Map<string, Dec>();
  /** Where purchases are not booked: the materials on hand at the start, off the books (offBooksAtStart, made on first use). */
  private offBooksMemo?: Map<string, { qty: Dec; value: Dec }>;
  /** What materials opened off the books at a value of their own hold beyond standard (materialsOffBooksAtStart). */
  private offBooksBeyond = new Map<string, Dec>();
  /** Where no FG is kept: the goods on hand at the period end (goodsOnHand), made once. */
  private onHandMemo?: { onHand: Map<string, { qty: Dec; sources: OnHandSources }>; counted: Set<string> };
  private bought?: Map<string, PurchaseTotal>;
  /** Item → its goods revalued at each standard change, in order: quantity, values before and after. */
  private readonly revalued = new Map<string, { date: IsoDate; qty: Dec; before: Dec; after: Dec }[]>();
  /** Each revalued item's book quantity where it is held (FG, or the materials' account) just before the counts: goods a count finds are none a change found. */
  private readonly bookBeforeCounts = new Map<string, Dec>();
  /** BOM version → item → standard; made once, read by every posting of the version. */
  private readonly standardMemo = new Map<number, Map<string, ItemStandard>>();
  private readonly flushTable: TableName;
  /** What the previous period's closing left for this one (goods off the books); set by bookOpening. */
  private broughtForward: BroughtForwardOpening = { unitsOnHand: new Map(), materialsOffBooks: new Map(), capitalizedConversion: [] };
  /** Item → its place in name order (cmp), so lists of items sort by a number instead of comparing texts; made on first use. */
  private nameRank?: Map<string, number>;

  /** `w`: the run's language, for every text it writes (descriptions, memos, warnings, findings). */
  constructor(
    private readonly p: Prepared,
    private readonly w: Wording,
  ) {
    this.rules = SEQUENCE_RULES[p.settings.sequence];
    this.ledger = new Ledger(p.settings.minorUnits, maxMoneyFor(p.settings.minorUnits), w.num);
    this.flushTable = this.rules.flushAt === "completion" ? "Production" : "Sales";
  }

  run(): BackflushResult {
    const { p, rules } = this;
    this.bookOpening();
    this.revalueBroughtForward();
    const days = new Set<IsoDate>([...p.purchases.keys(), ...p.conversion.keys(), ...p.completions.keys(), ...p.sales.keys()]);
    let version = p.bom.versionOf(p.settings.periodStart);
    // Every version between the last movement and this one in turn, each change dated on its own first day (jumping to the
    // newest dated a change of 11-15 on 11-18, when a version that changed no standard came in before the next movement).
    const revalueUpTo = (v: number) => {
      for (; version < v; version++) if (rules.holdsFinishedGoods) this.revalueFinishedGoods(p.bom.versionStart(version + 1), version, version + 1);
    };
    for (const day of [...days].sort()) {
      revalueUpTo(p.bom.versionOf(day));
      if (rules.booksPurchases) this.postPurchases(day, p.purchases.get(day));
      else for (const g of p.purchases.get(day) ?? []) this.boughtToDate.set(g.item, (this.boughtToDate.get(g.item) ?? ZERO).plus(g.qty));
      this.postConversionIncurred(day);
      const completions = p.completions.get(day);
      if (completions && rules.flushAt === "completion") this.postFlush(day, completions, "FG");
      const sales = p.sales.get(day);
      if (sales) {
        if (rules.holdsFinishedGoods) this.postSaleFromStock(day, sales);
        else this.postFlush(day, sales, "COGS");
      }
    }
    // A version that comes into force after the last movement still revalues the goods on hand, on its first day.
    revalueUpTo(p.bom.versionOf(p.settings.periodEnd));
    if (rules.flushAt === "completion") this.warnSubassembliesCompleted();
    this.warnBomGaps();
    this.warnLongPeriod();
    if (!rules.booksPurchases) this.fillFlushedMaterials();
    const end = p.settings.periodEnd;
    if (!rules.booksPurchases) this.postInvoices(end);
    this.collectPurchasePriceVariances();
    this.noteBooksBeforeCounts();
    this.postCounts(end);
    if (rules.holdsFinishedGoods) this.postFinishedGoodsCount(end);
    this.postConversionClose(end);
    this.postOutputDisposition(end, "REVALUATION_VARIANCE", "revaluation");
    this.postOutputDisposition(end, "FG_SHRINKAGE", "shrinkage");
    this.postDisposition(end);
    const offBooks = rules.holdsFinishedGoods ? undefined : this.conversionOfGoodsOnHand(end);
    const conversionOnHand = offBooks ? [...offBooks.values()].reduce((a, g) => a.plus(g.conversion), ZERO) : ZERO;

    const standards = this.standards(end);
    const consumption = this.consumptionLines();
    const balances = this.ledger.balances();
    const suitability = judgeSuitability({
      settings: p.settings,
      balances,
      variances: this.variances,
      completions: p.completions,
      flushedFromRip: this.ledger.creditedIn(["completion", "sale"], "RIP"),
      soldFromFg: this.ledger.creditedIn(["sale"], "FG"),
      negativeItems: this.warnedNegative.size,
      materialsOffBooks: rules.booksPurchases ? ZERO : this.offBooksTotalValue(),
      conversionOnHand,
      wording: this.w,
    });
    return {
      settings: p.settings,
      standards,
      journal: this.ledger.entries,
      consumption,
      variances: this.variances,
      balances,
      warnings: this.warnings,
      suitability,
      totals: this.ledger.totals(),
      closing: closingLines(this.ledger.endings(), offBooks, p.settings.minorUnits, (item) => p.bom.unitCost(item, p.bom.heldVersion(item, p.bom.versionOf(end))), (role, item) => this.carriedBeyondStandard.get(role, item) ?? ZERO, rules.booksPurchases ? undefined : this.offBooksForClosing(), this.proratedIntoGoods),
    };
  }

  // ------------------------------------------------------------ opening

  private bookOpening(): void {
    const { bom, settings } = this.p;
    this.broughtForward = openBroughtForward(this.ledger, this.p.broughtForward);
    const capitalized = [...this.broughtForward.capitalizedConversion];
    const v = bom.versionOf(settings.periodStart);
    const mu = settings.minorUnits;
    // What materials opened at beyond their standard content, per account: a flush (postFlush) or a count (postCounts)
    // takes the share of the goods that go, so it leaves with them.
    const beyond = (role: AccountRole, item: string, amount: Dec) => this.carriedBeyondStandard.add(role, item, amount);
    for (const l of this.p.broughtForward) if (l.kind === "goods" && l.item !== undefined && (l.role === "RIP" || l.role === "MATERIALS_CLEARING" || l.role === "FG")) beyond(l.role, l.item, l.value.minus(l.material).minus(l.conversion));
    for (const inv of this.p.inventory) {
      if (!inv.opening || inv.opening.isZero()) continue;
      const type = bom.typeOf(inv.item);
      const conversion = this.openingConversion(inv);
      if (!conversion.isZero()) capitalized.push({ item: inv.item, value: conversion, row: inv.row });
      // An opening value (a previous closing, prorated variances included) replaces quantity × standard, rounded to the minor
      // unit; for goods whose conversion opens capitalized, what is left of it once that is taken is their materials'.
      const given = inv.openingValue && roundMoney(inv.openingValue, mu).minus(conversion);
      if (type === "material") {
        // Exact: quantity × standard in integers as Dec's times gives it, rounded by the ledger's rule.
        if (this.rules.booksPurchases) {
          this.ledger.openExact("RIP", inv.item, scaledOf(inv.opening), given ? scaledOf(given) : times(scaledOf(inv.opening), this.standard(inv.item, v).material));
          if (given) beyond("RIP", inv.item, given.minus(roundMoney(inv.opening.times(this.standard(inv.item, v).materialDec), mu)));
        }
        else this.warn("opening-not-booked", told("engine.warn.openingMaterialNotBooked", { qty: { figure: inv.opening.toString() }, item: inv.item, sequence: { term: `sheet.seq.${settings.sequence}` } }), inv.item, [{ table: "Inventory", rows: [inv.row] }]);
      } else if (this.rules.holdsFinishedGoods) {
        const cost = bom.unitCost(inv.item, v);
        const total = cost.material.plus(cost.conversion);
        const value = given ?? roundMoney(inv.opening.times(total), mu);
        // Standard content, material and conversion apart; a given value's difference from it is held beyond standard, and
        // leaves with the goods as they are sold (postSaleFromStock), as a material's does with its flushes.
        const material = roundMoney(inv.opening.times(cost.material), mu);
        const standard = roundMoney(inv.opening.times(total), mu);
        this.ledger.open("FG", inv.item, inv.opening, value, { material, conversion: standard.minus(material) });
        if (given) beyond("FG", inv.item, value.minus(standard));
      } else if (this.rules.booksPurchases) {
        // Purchase–sale keeps no FG: goods on hand are materials in RIP, in finished form.
        // In exact integers: each product rounds as Dec's times would (scaled.ts), each value by the ledger's rule.
        const units = scaledOf(inv.opening);
        const parts = [...bom.explodeScaled(inv.item, v)].map(([m, per]) => {
          const qty = times(units, per);
          return { m, qty, value: times(qty, this.standard(m, v).material) };
        });
        const shares = given ? sharedOverMaterials(given, parts.map((x) => ({ qty: decOf(x.qty), value: decOf(x.value) })), mu) : undefined;
        parts.forEach((x, i) => {
          this.ledger.openExact("RIP", x.m, x.qty, shares ? scaledOf(shares[i]) : x.value);
          if (shares) beyond("RIP", x.m, shares[i].minus(roundMoney(decOf(x.value), mu)));
        });
      } else {
        this.warn("opening-not-booked", told("engine.warn.openingNotBooked", { qty: { figure: inv.opening.toString() }, item: inv.item, sequence: { term: `sheet.seq.${settings.sequence}` } }), inv.item, [{ table: "Inventory", rows: [inv.row] }]);
      }
    }
    openCapitalizedConversion(this.ledger, capitalized, settings.periodStart, this.w);
    // Materials opened off the books at a value of their own: what they hold beyond standard leaves with them, from clearing,
    // as their flushes and counts take it (their value is reckoned beside clearing's, materialsOffBooksAtStart).
    if (!this.rules.booksPurchases) {
      this.materialsOffBooksAtStart();
      for (const [m, amount] of this.offBooksBeyond) if (!amount.isZero()) beyond("MATERIALS_CLEARING", m, amount);
    }
  }

  /**
   * With CapitalizeConversion where no FG is kept (purchase–sale, sale): the
   * standard conversion of goods the Inventory table opens, rounded by the
   * rule. It opens capitalized and is reversed at once, as a previous
   * closing's is (openCapitalizedConversion), so the period's end, which
   * capitalizes the goods on hand, books only what the period changed; and it
   * is no part of their materials' opening value. Zero otherwise.
   */
  private openingConversion(inv: InventoryRecord): Dec {
    const { bom, settings } = this.p;
    if (this.rules.holdsFinishedGoods || settings.capitalizeConversion !== true || !inv.opening || bom.typeOf(inv.item) !== "assembly") return ZERO;
    // A value given below it is refused (prepare: below-conversion), so the materials never open below nothing.
    return roundMoney(inv.opening.times(decOf(this.standard(inv.item, bom.versionOf(settings.periodStart)).conversion)), settings.minorUnits);
  }

  // ------------------------------------------------------------ daily entries

  private postPurchases(day: IsoDate, groups: readonly MovementGroup[] | undefined): void {
    if (!groups) return;
    this.ledger.post({ date: day, trigger: "purchase", kind: "purchase", description: this.w.text("engine.entry.purchase", { day }) }, this.invoiceGroups(groups, "RIP", this.p.bom.versionOf(day), day));
  }

  /**
   * Where purchases are not booked (completion–sale, sale): the period's
   * invoices, per material, booked at the period end as a purchase would have
   * been, to the materials clearing account the flushes credited: Dr clearing
   * (quantity × standard), Cr AP (paid), PPV balancing. AP ends at the
   * suppliers' invoices, as in every sequence; what clearing keeps is the
   * materials bought and not flushed, at standard, until the counts.
   */
  private postInvoices(end: IsoDate): void {
    const bought = this.purchaseTotals();
    // A material the invoices leave at no quantity in clearing (all of it flushed: what was bought, and what a previous
    // period carried) leaves clearing at nothing: its debit is what takes the balance to zero, so the cents the flushes'
    // rounding made go to the price variance, as an emptying credit takes them out of RIP. Any other is debited at
    // standard: materials carried from a previous period stay in clearing at their value, whatever the flushes took.
    // Materials off the books are on hand too: nothing is left only when clearing's quantity and theirs come to nothing,
    // and then clearing stands at less their value (at the price they came off at), what they were used for at standard.
    const invoices = [...bought.keys()].sort(cmp).map((item): Invoiced => {
      const b = bought.get(item)!;
      const emptied = this.ledger.quantity("MATERIALS_CLEARING", item).plus(b.qty).plus(this.offBooksAtStart(item)).isZero();
      return { item, ...b, atStandard: emptied ? scaledOf(ZERO.minus(this.offBooksValue(item)).minus(this.ledger.balance("MATERIALS_CLEARING", item))) : undefined };
    });
    this.ledger.post({ date: end, trigger: "period-end", kind: "invoices", description: this.w.text("engine.entry.invoices") }, this.invoiceGroups(invoices, "MATERIALS_CLEARING", this.p.bom.versionOf(end)));
  }

  /** One group per material invoiced: Dr `role` at standard, Cr AP at what was paid, PPV balancing. */
  private invoiceGroups(groups: readonly Invoiced[], role: Extract<AccountRole, "RIP" | "MATERIALS_CLEARING">, v: number, day?: IsoDate): LineGroup[] {
    const w = this.w;
    return groups.map((g) => {
      const std = this.standard(g.item, v);
      const src: SourceTrace[] = [new RowsTrace("Purchases", g, { date: day, item: g.item })];
      const qty = scaledOf(g.qty);
      const amount = scaledOf(g.amount);
      // Written when read: the average price is a division, and each group's texts are its own.
      // The amount as money, to the currency's minor unit (316.30, not 316.3).
      const invoiced = () => w.text("engine.memo.invoiced", { item: g.item, amount: w.num(g.amount.toFixed(this.p.settings.minorUnits)), rate: w.num(rateText(amount, qty, std.material)) });
      const variance = () => w.text("engine.memo.priceVariance", { item: g.item, rate: w.num(rateText(amount, qty, std.material)), standard: std.materialText });
      return {
        details: [
          { role, side: "debit", amount: g.atStandard ?? times(qty, std.material), item: g.item, qty: g.qty, qtyUnits: qty, memo: std.atStandard, memoQty: qty, sources: src },
          { role: "AP", side: "credit", amount, item: g.item, memo: invoiced, sources: src },
        ],
        balancing: { role: "PPV", side: "debit", item: g.item, memo: variance, sources: src },
      };
    });
  }

  private postConversionIncurred(day: IsoDate): void {
    const groups = this.p.conversion.get(day);
    if (!groups) return;
    const details: DraftLine[] = groups.map((g) => ({
      role: "CONV_SOURCE",
      side: "credit",
      amount: scaledOf(g.amount),
      category: g.category || undefined,
      memo: g.category ? this.w.text("engine.memo.conversionIncurredOf", { category: g.category }) : this.w.text("engine.memo.conversionIncurred"),
      sources: [{ table: "Conversion", rows: g.rows }],
    }));
    const all = groups.flatMap((g) => g.rows).sort((a, b) => a - b);
    this.ledger.post(
      { date: day, trigger: "conversion", kind: "conversion-incurred", description: this.w.text("engine.entry.conversionIncurred", { day }) },
      [{ details, balancing: { role: "CONV_CONTROL", side: "debit", memo: this.w.text("engine.memo.actualConversion"), sources: [{ table: "Conversion", rows: all }] } }],
    );
  }

  /**
   * The backflush proper: the standard cost of the goods is debited to FG
   * (completion) or COGS (sale), the standard material is credited to RIP or
   * AP material by material, and the standard conversion cost is allocated.
   */
  private postFlush(day: IsoDate, groups: readonly MovementGroup[], debitRole: Extract<AccountRole, "FG" | "COGS">): void {
    const { bom } = this.p;
    const v = bom.versionOf(day);
    const table = this.flushTable;
    const details: DraftLine[] = [];
    const demand = new Map<string, Dec>();
    const flushedInVersion = this.flushedByVersion.get(v) ?? new Map<string, Scaled>();
    this.flushedByVersion.set(v, flushedInVersion);
    // Each element is rounded on its own: conversion is allocated at exactly the products' rounded
    // standard conversion, and the product with the most material takes the entry's balancing line,
    // so the rounding residue of the materials credited stays material (in FG or COGS), never conversion.
    const products: { g: MovementGroup; std: ItemStandard; qty: Scaled; material: Scaled; conversion: Scaled }[] = [];
    let taker = 0;
    let allocated = SCALED_ZERO;
    for (const g of groups) {
      const std = this.standard(g.item, v);
      const qty = scaledOf(g.qty);
      const material = this.roundScaled(times(qty, std.material));
      const conversion = this.roundScaled(times(qty, std.conversion));
      allocated = plus(allocated, conversion);
      if (products.length > 0 && material.units > products[taker].material.units) taker = products.length;
      products.push({ g, std, qty, material, conversion });
      demand.set(g.item, g.qty);
      flushedInVersion.set(g.item, plus(flushedInVersion.get(g.item) ?? SCALED_ZERO, qty));
    }
    const productLine = ({ g, std, qty }: (typeof products)[number]) => ({ role: debitRole, side: "debit" as const, item: g.item, qty: g.qty, qtyUnits: qty, memo: std.flushed, memoQty: qty, sources: [new RowsTrace(table, g, { date: day, item: g.item })] });
    products.forEach((x, i) => {
      if (i !== taker) details.push({ ...productLine(x), amount: plus(x.material, x.conversion), material: x.material });
    });
    // Aggregate before exploding: the day's demand goes down the BOM once, level by level.
    const materialQty = bom.explodeDemandScaled(demand, v);
    const dayRows = (table === "Production" ? this.p.rowsByDay.completions : this.p.rowsByDay.sales).get(day) ?? NO_ROWS;
    const entrySources: SourceTrace[] = [new RowsTrace(table, dayRows, { date: day })];
    // A material's line names the rows of the products whose BOM holds it, not every row of the day.
    const users = new DayUsers(day, groups, dayRows, (item) => bom.explode(item, v).keys());
    const usedBy = (m: string): SourceTrace[] => [new UsersTrace(table, users, m)];
    const flushedFor = this.flushedFor(groups, v);
    for (const m of this.byName([...materialQty.keys()])) {
      const qty = materialQty.get(m)!;
      const std = this.standard(m, v);
      const amount = times(qty, std.material);
      details.push({
        role: this.rules.materialCredit,
        side: "credit",
        amount,
        // All of it material: the balancing product line takes it over as material content.
        material: amount,
        item: m,
        qtyUnits: qty,
        memo: std.backflushedFor,
        memoQty: qty,
        memoTail: flushedFor(m),
        sources: usedBy(m),
      });
    }
    details.push({ role: "CONV_ALLOCATED", side: "credit", amount: allocated, memo: this.w.text("engine.memo.conversionAllocated"), sources: entrySources });
    // Materials that opened at a value of their own take the share of what they hold beyond standard of the quantity flushed
    // with them, outside the standard content. Flushed at completion, it goes into the goods made of them, held in FG beyond
    // their standard (carriedBeyondStandard), to leave with them as they are sold or lost: a variance capitalized last
    // period is no cost of goods sold while the goods stay on hand. Flushed at sale, it goes to cost of goods sold (the
    // product that used most of them that day).
    const carried: LineGroup[] = [];
    for (const m of this.byName([...materialQty.keys()])) {
      const role = this.rules.materialCredit;
      if (this.carriedBeyondStandard.get(role, m) === undefined) continue;
      const share = this.carriedShare(role, m, decOf(materialQty.get(m)!));
      if (share.isZero()) continue;
      const usedIn = users.groupsOf(m);
      const takers = usedIn.length > 0 ? usedIn : groups;
      // Named by the material: the product's lines of the pair are not filtered by the product's BOM.
      const sources = [new UsersTrace(table, users, m, true)];
      if (debitRole === "FG") {
        carried.push(this.carriedIntoGoods(role, m, share, takers, v, sources));
        continue;
      }
      const product = takers.reduce((a, g) => (g.qty.greaterThan(a.qty) ? g : a)).item;
      carried.push(this.carriedToCogs(role, m, share, sources, this.w.text("engine.memo.carriedFlushed", { item: m, product }), product));
    }
    const header = { date: day, trigger: table === "Production" ? "completion" : "sale", kind: table === "Production" ? "completion" : "sale", description: this.w.text(table === "Production" ? "engine.entry.completionFlush" : "engine.entry.saleFlush", { day }) } as const;
    this.postAfterReleases(header, carried, [{ details, balancing: { ...productLine(products[taker]), withContent: true, before: taker } }]);
    const by = (m: string) => () => users.groupsOf(m);
    if (this.rules.materialCredit === "RIP") for (const m of materialQty.keys()) this.checkNegative("RIP", m, day, table, by(m));
    else for (const m of materialQty.keys()) this.checkNegativeOffBooks(m, day, table, by(m));
  }

  /**
   * Where purchases are not booked (completion–sale, sale), a material's book
   * quantity is what was on hand at the start (an Inventory Opening, the
   * materials in goods off the books, what a previous period left in clearing)
   * plus what the period bought up to `day`, less what it backflushed: warned,
   * once, when a flush takes it below zero, as RIP's is.
   */
  private checkNegativeOffBooks(item: string, day: IsoDate, table: TableName, by: () => readonly MovementGroup[]): void {
    const key = `MATERIALS_CLEARING\u0000${item}`;
    if (this.warnedNegative.has(key)) return;
    const start = this.offBooksAtStart(item);
    // The clearing account's quantity is what a previous period carried less what the period flushed.
    const book = start.plus(this.boughtToDate.get(item) ?? ZERO).plus(this.ledger.quantity("MATERIALS_CLEARING", item));
    if (!book.isNegative()) return;
    this.warnedNegative.add(key);
    const rows = by().flatMap((g) => g.rows).slice(0, 200).sort((a, b) => a - b);
    this.warn("negative-inventory", told("engine.warn.negativeMaterialsOffBooks", { day, item, qty: { figure: book.toFixed() } }), item, [{ table, rows }], day);
  }

  /** Where purchases are not booked: a material on hand at the start off the books (an Inventory Opening, in goods where no FG is kept, and what a previous Closing carried off them). */
  private offBooksAtStart(item: string): Dec {
    return this.materialsOffBooksAtStart().get(item)?.qty ?? ZERO;
  }

  /** What offBooksAtStart's materials stand for at the prices they came off the books at, rounded once: the part of the book that is in no account. */
  private offBooksValue(item: string): Dec {
    return roundMoney(this.materialsOffBooksAtStart().get(item)?.value ?? ZERO, this.p.settings.minorUnits);
  }

  /**
   * offBooksAtStart for every material, with its value at the price each part
   * came off the books at (this period's standard for this period's openings,
   * a previous Closing's for what it carried), made once. The quantity stays
   * off the books all period (a count books clearing's shortfall), so the
   * Closing carries it as it is; its price stays too, as clearing's value is
   * reckoned against it (revalueBroughtForward).
   */
  private materialsOffBooksAtStart(): ReadonlyMap<string, { qty: Dec; value: Dec }> {
    if (!this.offBooksMemo) {
      const { bom, settings } = this.p;
      const mu = settings.minorUnits;
      const start = new Map<string, { qty: Dec; value: Dec }>();
      const v = bom.versionOf(settings.periodStart);
      const price = (m: string) => bom.unitCost(m, v).material;
      const add = (m: string, qty: Dec, value: Dec) => {
        const had = start.get(m);
        start.set(m, { qty: (had?.qty ?? ZERO).plus(qty), value: (had?.value ?? ZERO).plus(value) });
      };
      // An opening value comes off the books as it was given (a previous closing's, variances in it), not at standard: what it
      // holds beyond standard leaves with the goods as they are flushed (offBooksBeyond, registered by bookOpening), as RIP's does.
      const beyond = new Map<string, Dec>();
      const valueInGoods = new Map<string, Dec>();
      for (const inv of this.p.inventory) {
        if (!inv.opening || inv.opening.isZero()) continue;
        const given = inv.openingValue && roundMoney(inv.openingValue, mu).minus(this.openingConversion(inv));
        const type = bom.typeOf(inv.item);
        if (type === "material") {
          const atStandard = inv.opening.times(price(inv.item));
          add(inv.item, inv.opening, given ?? atStandard);
          if (given) beyond.set(inv.item, (beyond.get(inv.item) ?? ZERO).plus(given.minus(roundMoney(atStandard, mu))));
        } else if (type === "assembly" && !this.rules.holdsFinishedGoods) {
          // Goods opened off the books are their materials: a value given for them is shared over those as purchase–sale books it in RIP.
          const parts = [...bom.explode(inv.item, v)].map(([m, per]) => ({ m, qty: inv.opening!.times(per), value: inv.opening!.times(per).times(price(m)) }));
          const shares = given ? sharedOverMaterials(given, parts, mu) : undefined;
          parts.forEach((x, i) => {
            valueInGoods.set(x.m, (valueInGoods.get(x.m) ?? ZERO).plus(shares ? shares[i] : x.value));
            if (shares) beyond.set(x.m, (beyond.get(x.m) ?? ZERO).plus(shares[i].minus(roundMoney(x.value, mu))));
          });
        }
      }
      if (!this.rules.holdsFinishedGoods) for (const [m, x] of this.materialsInOpeningGoods(v)) add(m, x.qty, valueInGoods.get(m) ?? x.qty.times(price(m)));
      for (const [m, o] of this.broughtForward.materialsOffBooks) for (const part of o.priced) add(m, part.qty, part.qty.times(part.price ?? price(m)));
      this.offBooksMemo = start;
      this.offBooksBeyond = beyond;
    }
    return this.offBooksMemo;
  }

  /** offBooksValue over every material: the materials on hand that clearing's balance leaves out. */
  private offBooksTotalValue(): Dec {
    let total = ZERO;
    for (const m of this.materialsOffBooksAtStart().keys()) total = total.plus(this.offBooksValue(m));
    return total;
  }

  /** The Closing's materials off the books: each one's quantity and the price it stands at (its value over its quantity). */
  private offBooksForClosing(): Map<string, OffBooks> {
    const out = new Map<string, OffBooks>();
    for (const [m, o] of this.materialsOffBooksAtStart()) if (!o.qty.isZero()) out.set(m, { qty: o.qty, price: o.value.dividedBy(o.qty).toSignificantDigits(15), value: this.offBooksValue(m) });
    return out;
  }

  /** For the memos: the products of the day that consumed a material (named when few). */
  private flushedFor(groups: readonly MovementGroup[], version: number): (material: string) => string {
    const w = this.w;
    if (groups.length > 12) {
      const many = w.text("engine.memo.forProducts", { count: w.num(String(groups.length)) });
      return () => many;
    }
    return (material) => {
      const users = groups.filter((g) => this.p.bom.explode(g.item, version).has(material)).map((g) => g.item);
      const named = users.slice(0, 3).join(", ");
      return users.length > 3 ? w.text("engine.memo.andMore", { items: named, count: w.num(String(users.length - 3)) }) : named;
    };
  }

  /**
   * Sale of goods held in FG: Dr COGS, Cr FG at standard. The sale that empties
   * FG takes what it holds, a value brought forward included; one of more than
   * FG holds takes all it holds and the rest at standard, so no value stays
   * behind with goods sold before they were made.
   */
  private postSaleFromStock(day: IsoDate, groups: readonly MovementGroup[]): void {
    const v = this.p.bom.versionOf(day);
    // Goods that opened at a value of their own (a previous period's prorated variances in them) take the share of what
    // they hold beyond standard of the quantity sold to cost of goods sold: the variance leaves with those goods, as a
    // material's does with its flushes, instead of staying on the goods made after them. A sale of all FG holds, or more,
    // takes all of it. The share is a line pair of its own, its COGS line without content: it is no standard cost, and
    // COGS's content is what proration by cost element weighs (as a material's share flushed, postFlush).
    const releases: LineGroup[] = [];
    const lineGroups: LineGroup[] = groups.map((g) => {
      const std = this.standard(g.item, this.p.bom.heldVersion(g.item, v));
      const src: SourceTrace[] = [new RowsTrace("Sales", g, { date: day, item: g.item })];
      const held = this.ledger.quantity("FG", g.item);
      const release = this.carriedSold(g, held, src);
      if (release !== undefined) releases.push(release);
      const parts = held.greaterThan(0) && g.qty.greaterThan(held) ? [held, g.qty.minus(held)] : [g.qty];
      const qty = scaledOf(g.qty);
      return {
        details: parts.map((q): DraftLine => {
          const units = scaledOf(q);
          return { role: "FG", side: "credit", amount: times(units, std.total), item: g.item, qty: q, qtyUnits: units, memo: std.sold, memoQty: units, sources: src, material: times(units, std.material) };
        }),
        balancing: { role: "COGS", side: "debit", item: g.item, qty: g.qty, qtyUnits: qty, memo: std.costOfSale, sources: src, withContent: true },
      };
    });
    this.postAfterReleases({ date: day, trigger: "sale", kind: "sale", description: this.w.text("engine.entry.saleFromStock", { day }) }, releases, lineGroups);
    for (const g of groups) this.checkNegative("FG", g.item, day, "Sales", () => [g]);
  }

  /**
   * A new BOM version changed the standard of goods held in FG: they are
   * revalued at the change date to quantity × the new standard (material and
   * conversion apart), the difference to the revaluation variance, as SAP and
   * Dynamics 365 do when a new cost version is activated. Goods on hand then
   * always carry the standard in force, so a sale relieves what it holds.
   */
  private revalueFinishedGoods(date: IsoDate, from: number, to: number): void {
    // The BOM lines that changed the standard: those in the product's tree (before or after) that start on the version's
    // first day or ended the day before, at any level (a cushion's foam changes the sofa); the product's own where none did.
    const { bom } = this.p;
    const ended = previousDay(date);
    const bomRows = (item: string): SourceTrace[] => {
      const parents = new Set([...bom.treeParents(item, from), ...bom.treeParents(item, to)]);
      const changed = [...parents].flatMap((p) => bom.allLinesOf(p)).filter((l) => l.validFrom === date || l.validTo === ended);
      const rows = (changed.length > 0 ? changed : bom.allLinesOf(item)).map((l) => l.row);
      return [{ table: "BOM", rows: [...new Set(rows)].sort((a, b) => a - b) }];
    };
    this.revalueGoods(date, to, ["FG"], (item) => this.standard(item, this.p.bom.heldVersion(item, from)), bomRows, this.w.text("engine.entry.revaluation", { date }));
  }

  /**
   * Goods a previous period closed at another standard than this period's
   * first day has (Items or BOM changed between the periods): revalued on the
   * first day, as a new BOM version revalues them, materials at their new
   * price too, so no goods carry a standard they are not held at here.
   */
  private revalueBroughtForward(): void {
    const start = this.p.settings.periodStart;
    const v = this.p.bom.versionOf(start);
    const was = new Map<string, { material: Scaled; total: Scaled }>();
    const inClearing = new Set(this.p.broughtForward.filter((g) => g.kind === "goods" && g.role === "MATERIALS_CLEARING").map((g) => g.item));
    for (const l of this.p.broughtForward) {
      // Materials off the books with no goods line in clearing: their price is what clearing's value is reckoned against.
      const offBooksOnly = l.kind === "units" && l.role === "MATERIALS_CLEARING" && !inClearing.has(l.item);
      if ((l.kind !== "goods" && !offBooksOnly) || l.item === undefined || l.unitMaterial === undefined) continue;
      const unitConversion = l.role === "FG" ? (l.unitConversion ?? ZERO) : ZERO;
      const now = this.p.bom.unitCost(l.item, v);
      // A standard that went through a workbook is kept to Excel's 15 significant digits: only a change beyond them is one.
      if (sameStandard(l.unitMaterial, now.material) && sameStandard(unitConversion, l.role === "FG" ? now.conversion : ZERO)) continue;
      const material = scaledOf(l.unitMaterial);
      was.set(l.item, { material, total: l.role === "FG" ? scaledOf(l.unitMaterial.plus(unitConversion)) : material });
    }
    if (was.size === 0) return;
    const itemRow = (item: string): SourceTrace[] => [{ table: "Items", rows: this.p.items.filter((i) => i.item === item).map((i) => i.row) }];
    this.revalueGoods(start, v, ["RIP", "MATERIALS_CLEARING", "FG"], (item) => was.get(item), itemRow, this.w.text("engine.entry.revaluedBroughtForward", { date: start }));
  }

  /** The goods `roles` hold whose standard `wasOf` gives and version `to` changed, revalued on `date` to quantity × the standard they are held at from `to` (heldVersion), in one entry. */
  private revalueGoods(date: IsoDate, to: number, roles: readonly ("RIP" | "MATERIALS_CLEARING" | "FG")[], wasOf: (item: string) => { material: Scaled; total: Scaled } | undefined, sourcesOf: (item: string) => SourceTrace[], description: string): void {
    const w = this.w;
    const groups: LineGroup[] = [];
    const changed: { item: string; qty: Scaled; before: Dec; after: Dec; src: SourceTrace[] }[] = [];
    const restated: { item: string; qty: Scaled; value: Dec; material: Dec; src: SourceTrace[] }[] = [];
    for (const role of roles) {
      const goods = role === "FG";
      // Where purchases are not booked, clearing's value is reckoned with the materials off the books beside it (their own
      // value, at the price they came off at, in no account): the goods on hand are both, and a material held off the books
      // alone is revalued too, its gain or loss to clearing.
      const offBooks = role === "MATERIALS_CLEARING" && !this.rules.booksPurchases ? this.materialsOffBooksAtStart() : undefined;
      const holdings = this.ledger.holdings(role);
      const held = new Set(holdings.map((h) => h.item));
      if (offBooks) for (const [item, o] of offBooks) if (!o.qty.isZero() && !held.has(item)) holdings.push({ item, qty: SCALED_ZERO, value: this.ledger.balance(role, item), material: ZERO, conversion: ZERO });
      for (const h of this.sortedBy(holdings, (x) => x.item)) {
        // A product whose BOM has ended keeps its last one (heldVersion), priced as this version prices it: its goods are
        // sold and counted at that standard, so they are held at it too. One that never had a BOM has none: kept as it is.
        const nowVersion = goods ? this.p.bom.heldVersion(h.item, to) : to;
        if (goods && this.p.bom.gaps(h.item, nowVersion).length > 0) continue;
        const was = wasOf(h.item);
        if (!was) continue;
        const now = this.standard(h.item, nowVersion);
        // Materials are held at their price: their standard is all material.
        const nowTotal = goods ? now.total : now.material;
        if (sameValue(was.total, nowTotal) && sameValue(was.material, now.material)) continue;
        const off = offBooks?.get(h.item);
        const onHand = off ? plus(h.qty, scaledOf(off.qty)) : h.qty;
        // The off-books materials' own value, in no account: the goods on hand are revalued to onHand × the standard, clearing to that less it.
        const offValue = off ? this.offBooksValue(h.item) : ZERO;
        const value = this.roundScaled(times(onHand, nowTotal));
        const material = this.roundScaled(times(h.qty, now.material));
        const after = decOf(value).minus(offValue);
        // Finished goods' content moves from the old standard's to the new one's, material and conversion apart; what they
        // hold beyond it (a variance capitalized last period) goes on a line of its own, outside the content, so that none
        // of it is taken for standard conversion, which proration by cost element weighs.
        const beyond = goods ? h.value.minus(h.material).minus(h.conversion) : ZERO;
        // Nothing to post where the value is the new standard's and none of it is beyond (a value beyond standard that happens
        // to equal the new standard's still leaves the content at the old standard, and is posted). The goods are then held at
        // the new standard: nothing of them is beyond it any more (materials that opened at 400.00 for 100 kg, the standard
        // raised from 3.00 to 4.00), and goods' content takes the new standard's split where the total stayed the same.
        if (after.equals(h.value) && beyond.isZero()) {
          this.carriedBeyondStandard.set(role, h.item, ZERO);
          if (goods && !decOf(material).equals(h.material)) {
            this.ledger.restateContent(role, h.item, decOf(material));
            restated.push({ item: h.item, qty: onHand, value: decOf(value), material: decOf(material), src: sourcesOf(h.item) });
          }
          continue;
        }
        const src = sourcesOf(h.item);
        const memo = w.text("engine.memo.revalued", { qty: w.dec(decOf(onHand)), goods: this.unit(h.item) + h.item, before: w.num(h.value.toFixed()), total: w.dec(decOf(nowTotal)), material: now.materialText, conversion: goods ? w.dec(decOf(now.conversion)) : w.num("0"), after: w.num(after.toFixed()) });
        const released: DraftLine[] = beyond.isZero() ? [] : [{ role, side: "credit", amount: scaledOf(beyond), item: h.item, memo: w.text("engine.memo.carriedRevalued", { item: h.item }), sources: src }];
        groups.push({
          details: [{ role, side: "debit", amount: scaledOf(after.minus(h.value).plus(beyond)), material: goods ? scaledOf(decOf(material).minus(h.material)) : undefined, item: h.item, memo, sources: src }, ...released],
          balancing: { role: "REVALUATION_VARIANCE", side: "credit", item: h.item, memo: w.text("engine.memo.revaluation", { item: h.item, was: w.dec(decOf(was.total)), now: w.dec(decOf(nowTotal)) }), sources: src },
        });
        changed.push({ item: h.item, qty: onHand, before: h.value.plus(offValue), after: decOf(value), src });
        // Revalued to quantity × the new standard: what the goods held beyond standard went to the revaluation variance with the rest.
        this.carriedBeyondStandard.set(role, h.item, ZERO);
      }
    }
    const mu = this.p.settings.minorUnits;
    for (const c of restated) {
      const warning = told("engine.warn.standardContentRestated", { item: c.item, date, qty: { grouped: decOf(c.qty).toFixed() }, after: { grouped: c.value.toFixed(mu) }, material: { grouped: c.material.toFixed(mu) }, conversion: { grouped: c.value.minus(c.material).toFixed(mu) } });
      this.warn("standard-changed", warning, c.item, c.src, date);
    }
    if (groups.length === 0) return;
    this.ledger.post({ date, trigger: "standard-change", kind: "revaluation", description }, groups);
    for (const c of changed) {
      // Written for reading: its figures grouped in every language (English too), the values to the currency's minor unit.
      const warning = told("engine.warn.standardChanged", { item: c.item, date, qty: { grouped: decOf(c.qty).toFixed() }, before: { grouped: c.before.toFixed(mu) }, after: { grouped: c.after.toFixed(mu) } });
      this.warn("standard-changed", warning, c.item, c.src, date);
      const change = { date, qty: decOf(c.qty), before: c.before, after: c.after };
      const had = this.revalued.get(c.item);
      if (had) had.push(change);
      else this.revalued.set(c.item, [change]);
    }
  }

  /** Warns, once per account, when the book quantity is below zero; `by` gives the day's groups that took it there. */
  private checkNegative(role: "RIP" | "FG", item: string, day: IsoDate, table: TableName, by: () => readonly MovementGroup[]): void {
    if (!this.ledger.belowZero(role, item)) return;
    const qty = this.ledger.quantity(role, item);
    const key = `${role}\u0000${item}`;
    if (this.warnedNegative.has(key)) return;
    this.warnedNegative.add(key);
    // The rows of that day that flushed the item; a long list is cut, the message names the day.
    const rows: number[] = [];
    for (const g of by()) {
      for (const r of g.rows) if (rows.length < 200) rows.push(r);
    }
    rows.sort((a, b) => a - b);
    this.warn(
      "negative-inventory",
      told(role === "RIP" ? "engine.warn.negativeMaterials" : "engine.warn.negativeGoods", { day, item, qty: { figure: qty.toFixed() } }),
      item,
      [{ table, rows }],
      day,
    );
  }

  // ------------------------------------------------------------ period end

  /** Purchase–completion–sale and purchase–sale: PPV was posted at each purchase; list it per material. */
  private collectPurchasePriceVariances(): void {
    const bought = this.purchaseTotals();
    // What the journal credited to AP per material this period: the invoices as booked, each (day, material) group rounded
    // on its own where purchases are booked, so that the line's actual, standard and variance are the journal's.
    const credited = new Map<string, Dec>();
    for (const b of this.ledger.balances()) if (b.role === "AP" && b.item !== undefined) credited.set(b.item, b.credit.minus(b.debit));
    for (const item of [...bought.keys()].sort(cmp)) {
      const amount = this.ledger.balance("PPV", item);
      const { qty, amount: actual } = bought.get(item)!;
      const actualBooked = credited.get(item) ?? roundMoney(actual, this.p.settings.minorUnits);
      this.variances.push({ kind: "price", item, qty, standard: actualBooked.minus(amount), actual: actualBooked, amount, favorable: amount.isNegative(), disposition: this.p.settings.disposition });
    }
  }

  /**
   * What the goods of sale `g` held beyond standard, to cost of goods sold
   * (carriedToCogs): the share of the quantity sold, or all of it when the sale
   * takes all FG holds (`held`) or more. Undefined when there is none.
   */
  private carriedSold(g: MovementGroup, held: Dec, sources: SourceTrace[]): LineGroup | undefined {
    const beyond = this.carriedBeyondStandard.get("FG", g.item);
    if (beyond === undefined) return undefined;
    let share = beyond;
    if (g.qty.lessThan(held)) share = this.carriedShare("FG", g.item, g.qty);
    else this.carriedBeyondStandard.set("FG", g.item, ZERO);
    if (share.isZero()) return undefined;
    return this.carriedToCogs("FG", g.item, share, sources, this.w.text("engine.memo.carriedSold", { item: g.item }));
  }

  /**
   * The share of what an account holds beyond standard from its opening that
   * `qty` of its goods takes with them (in proportion to the quantity held,
   * rounded by the rule), taken off what it still holds; zero when it holds
   * nothing beyond standard or no quantity.
   */
  private carriedShare(role: "RIP" | "MATERIALS_CLEARING" | "FG", item: string, qty: Dec): Dec {
    const beyond = this.carriedBeyondStandard.get(role, item);
    if (beyond === undefined) return ZERO;
    // Clearing holds what a previous period carried less what was flushed; what the period bought is on hand too, though not
    // yet booked, and so are the materials off the books, whose value weighs in clearing's share of a prorated variance.
    const held = role === "MATERIALS_CLEARING" ? this.ledger.quantity(role, item).plus(this.boughtToDate.get(item) ?? ZERO).plus(this.offBooksAtStart(item)) : this.ledger.quantity(role, item);
    if (!held.greaterThan(0) || !qty.greaterThan(0)) return ZERO;
    // The goods all go: all of it with them.
    const share = qty.lessThan(held) ? roundMoney(beyond.times(qty).dividedBy(held), this.p.settings.minorUnits) : beyond;
    this.carriedBeyondStandard.set(role, item, beyond.minus(share));
    return share;
  }

  /**
   * Posts `groups` under `header` after `releases`, what the goods they move
   * held beyond standard, in an entry of its own just before: the ledger judges
   * a line that empties an account (no value without quantity) by the balances
   * before its entry, so a flush, sale or count that empties it would take the
   * released value a second time, as content. The release is aside: it is no
   * use or sale of goods, which the days-on-hand checks count.
   */
  private postAfterReleases(header: EntryHeader, releases: readonly LineGroup[], groups: readonly LineGroup[]): JournalEntry | undefined {
    if (releases.length > 0) this.ledger.post({ ...header, aside: true }, releases);
    return this.ledger.post(header, groups);
  }

  /**
   * What goods held beyond standard (variances capitalized in an earlier
   * period) and take with them as they go, out of `role` to cost of goods sold
   * on a line pair of its own, outside the standard content that proration
   * reads: goods sold, lost in a count, or flushed at sale (under the product
   * that used them, `cogsItem`).
   */
  private carriedToCogs(role: AccountRole, item: string, amount: Dec, sources: SourceTrace[], memo: string, cogsItem = item): LineGroup {
    return { details: [{ role, side: "credit", amount: scaledOf(amount), item, memo, sources }], balancing: { role: "COGS", side: "debit", item: cogsItem, memo, sources } };
  }

  /**
   * What materials flushed at completion held beyond standard, into the goods
   * made of them (Dr FG beyond their standard, carriedBeyondStandard), shared
   * over the products by the quantity of the material each took, to leave with
   * them as they are sold, lost or revalued. Units that refill FG from below
   * zero replace goods already sold at standard: their part goes to cost of
   * goods sold, so that no value stays in FG without the goods to hold it.
   */
  private carriedIntoGoods(role: AccountRole, material: string, share: Dec, takers: readonly MovementGroup[], version: number, sources: SourceTrace[]): LineGroup {
    const mu = this.p.settings.minorUnits;
    const took = takers.map((g) => (this.p.bom.explode(g.item, version).get(material) ?? ZERO).times(g.qty));
    const shares = apportion(share, took.some((q) => q.isPositive()) ? took : takers.map((g) => g.qty), mu);
    const details: DraftLine[] = [];
    takers.forEach((g, i) => {
      const held = this.ledger.quantity("FG", g.item);
      const refill = held.isNegative() ? Dec.min(g.qty, held.negated()) : ZERO;
      const sold = refill.isZero() ? ZERO : roundMoney(shares[i].times(refill).dividedBy(g.qty), mu);
      const kept = shares[i].minus(sold);
      if (!kept.isZero()) {
        this.carriedBeyondStandard.add("FG", g.item, kept);
        details.push({ role: "FG", side: "debit", amount: scaledOf(kept), item: g.item, memo: this.w.text("engine.memo.carriedIntoGoods", { item: material, product: g.item }), sources });
      }
      if (!sold.isZero()) details.push({ role: "COGS", side: "debit", amount: scaledOf(sold), item: g.item, memo: this.w.text("engine.memo.carriedFlushed", { item: material, product: g.item }), sources });
    });
    return { details, balancing: { role, side: "credit", item: material, memo: this.w.text("engine.memo.carriedFlushedIntoGoods", { item: material }), sources } };
  }

  /** Material counts: book quantity − counted quantity, at standard, to the usage variance. */
  private postCounts(end: IsoDate): void {
    const { bom, settings } = this.p;
    const v = bom.versionOf(end);
    const groups: LineGroup[] = [];
    /** What the goods lost held beyond standard, released before the count (carriedToCogs). */
    const releases: LineGroup[] = [];
    const counted: { item: string; book: Dec; count: Dec; countedValue: Dec }[] = [];
    const flushed = this.flushedMaterials;
    // Where no FG is kept (flush at sale), goods on hand are materials in finished
    // form: counted goods add to the materials counted, as opening goods add to
    // the book (in RIP for purchase–sale; here, off the books, for sale).
    const countedInGoods = this.rules.holdsFinishedGoods ? undefined : this.materialsInGoodsAtEnd(end, v);
    for (const inv of [...this.p.inventory].sort((a, b) => cmp(a.item, b.item))) {
      if (inv.count === undefined) continue;
      if (bom.typeOf(inv.item) !== "material") continue; // finished goods: counted as materials (above) or in FG (postFinishedGoodsCount)
      const price = bom.unitCost(inv.item, v).material;
      const inGoods = countedInGoods?.get(inv.item);
      const count = inv.count.plus(inGoods?.qty ?? ZERO);
      const src: SourceTrace[] = [{ table: "Inventory", rows: inGoods ? withRow(inv.row, inGoods.rows) : [inv.row] }];
      const countText = inGoods ? this.w.text("engine.memo.countWithGoods", { count: this.w.dec(count), inGoods: this.w.dec(inGoods.qty) }) : this.w.dec(count);
      // Where purchases are not booked, the book is what the period's figures say was on hand (held at the start + bought − flushed), and the shortfall leaves materials clearing.
      // Materials a previous closing brought forward are on the books, in clearing: the count takes clearing to the counted value, as RIP's.
      const carried = this.rules.booksPurchases ? undefined : this.ledger.openingQuantity("MATERIALS_CLEARING", inv.item);
      // On hand off the books at the start: an Inventory Opening, and the materials in goods where no FG is kept.
      const offBooks = this.rules.booksPurchases ? ZERO : this.offBooksAtStart(inv.item);
      const held = this.rules.booksPurchases ? undefined : offBooks.plus(carried ?? ZERO);
      const book = held === undefined ? this.ledger.quantity("RIP", inv.item) : held.plus(this.purchaseTotals().get(inv.item)?.qty ?? ZERO).minus(decOf(flushed.get(inv.item) ?? SCALED_ZERO));
      const diff = book.minus(count);
      if (diff.isZero()) continue;
      // The book's value is what RIP or clearing holds, and the materials off the books (where purchases are not booked)
      // at standard, whose value is in neither: the count then takes the account to the counted value less them, flushes'
      // rounding and all, as RIP's, whatever mix of carried, bought and off-books materials the book holds.
      const offBooksValue = this.rules.booksPurchases ? ZERO : this.offBooksValue(inv.item);
      const bookValue = this.ledger.balance(this.rules.materialCredit, inv.item).plus(offBooksValue);
      // The count values the material at the counted quantity × standard, rounded once; where RIP holds it, RIP is brought to that value.
      const countedValue = roundMoney(count.times(price), settings.minorUnits);
      counted.push({ item: inv.item, book, count, countedValue });
      // Materials that opened the period at a value of their own (a previous Closing's, prorated variances in it, or an
      // Inventory OpeningValue) keep, of what they hold beyond standard, the share of the goods counted: a variance capitalized
      // last period leaves with the goods that went and stays with those that stay. Everything else is swept as before, so
      // the account ends at the counted value at standard plus that share.
      const atStandard = roundMoney(book.times(price), settings.minorUnits);
      const beyond = this.carriedBeyondStandard.get(this.rules.materialCredit, inv.item);
      const stays = staysWith(beyond, bookValue.minus(atStandard), count, book, settings.minorUnits);
      // What stays is what the counted goods still hold beyond standard (the Closing shows it as variance). What leaves with
      // the goods short is last period's variance on goods now gone: to cost of goods sold on a line pair of its own, as a
      // flush at sale sends it, so that the usage variance is this period's, book − counted at standard.
      const leaves = beyond === undefined ? ZERO : beyond.minus(stays);
      if (beyond !== undefined) this.carriedBeyondStandard.set(this.rules.materialCredit, inv.item, stays);
      // The count's own line: down to the counted value and what stays, the rest of what it held beyond standard released above.
      const taken = bookValue.minus(countedValue).minus(beyond ?? ZERO);
      if (!leaves.isZero()) releases.push(this.carriedToCogs(this.rules.materialCredit, inv.item, leaves, src, this.w.text("engine.memo.carriedLostToCogs", { item: inv.item })));
      groups.push({
        details: [{ role: this.rules.materialCredit, side: "credit", amount: scaledOf(taken), item: inv.item, qty: diff, memo: this.w.text("engine.memo.count", { item: inv.item, book: this.w.dec(book), count: countText, price: this.w.dec(price) }), sources: src }],
        balancing: { role: "USAGE_VARIANCE", side: "debit", item: inv.item, memo: this.w.text("engine.memo.usageVariance", { item: inv.item }), sources: src },
      });
    }
    // The counted value is the count at standard, rounded on its own; the book value is what the count took it from (RIP's lines,
    // or the book quantity at standard where materials are off the books): book − counted is the variance journaled, and the
    // counted value is RIP's ending value on the Balances sheet.
    this.postCountEntry(end, { kind: "material-count", description: this.w.text("engine.entry.materialCount") }, releases, groups, "USAGE_VARIANCE", counted, (c, amount) => ({
      kind: "usage",
      standard: c.countedValue.plus(amount),
      actual: c.countedValue,
    }));
  }

  /**
   * A count entry (materials or finished goods) posted, and each count's
   * variance listed from the line its group's balancing made on `role`: book −
   * counted, with the standard and actual `figures` gives.
   */
  private postCountEntry<C extends { item: string; book: Dec; count: Dec }>(
    end: IsoDate,
    header: { kind: "material-count" | "finished-goods-count"; description: string },
    releases: readonly LineGroup[],
    groups: readonly LineGroup[],
    role: "USAGE_VARIANCE" | "FG_SHRINKAGE",
    counted: readonly C[],
    figures: (c: C, amount: Dec) => Pick<VarianceLine, "kind" | "standard" | "actual">,
  ): void {
    const entry = this.postAfterReleases({ date: end, trigger: "period-end", ...header }, releases, groups);
    const varianceLines = linesByItem(entry, role);
    for (const c of counted) {
      const line = varianceLines.get(c.item);
      const amount = line ? line.debit.minus(line.credit) : ZERO;
      // Finished goods' shrinkage always goes to COGS (postOutputDisposition).
      const disposition = this.dispositionOf(role);
      this.variances.push({ ...figures(c, amount), item: c.item, qty: c.book.minus(c.count), bookQty: c.book, countedQty: c.count, amount, favorable: amount.isNegative(), disposition });
    }
  }

  /** Close CONV_ALLOCATED against CONV_CONTROL; the difference is disposed of at once. */
  private postConversionClose(end: IsoDate): void {
    const allocated = ZERO.minus(this.ledger.balance("CONV_ALLOCATED"));
    const incurred = this.ledger.balance("CONV_CONTROL");
    if (allocated.isZero() && incurred.isZero()) return;
    if (incurred.isZero()) this.warn("no-conversion-costs", told("engine.warn.noConversionCosts"));
    const variance = incurred.minus(allocated);
    const rows = [...this.p.conversion.values()].flatMap((gs) => gs.flatMap((g) => g.rows)).sort((a, b) => a - b);
    const closing: DraftLine[] = [
      { role: "CONV_ALLOCATED", side: "debit", amount: scaledOf(allocated), memo: this.w.text("engine.memo.closeAllocated"), closes: this.ledger.postedInRole("CONV_ALLOCATED") },
      { role: "CONV_CONTROL", side: "credit", amount: scaledOf(incurred), memo: this.w.text("engine.memo.closeActual"), sources: rows.length ? [{ table: "Conversion", rows }] : [], closes: this.ledger.postedInRole("CONV_CONTROL") },
    ];
    const disposed = this.disposeLines(variance, "conversion", this.w.text(variance.isNegative() ? "engine.what.conversion.favorable" : "engine.what.conversion.unfavorable"));
    const details = [...closing, ...takingWhatCloses(disposed, closing)];
    this.ledger.post({ date: end, trigger: "period-end", kind: "conversion-close", description: this.w.text("engine.entry.conversionClose") }, [{ details }]);
    this.variances.push({ kind: "conversion", standard: allocated, actual: incurred, amount: variance, favorable: variance.isNegative(), disposition: this.p.settings.disposition });
  }

  /**
   * Counts of finished goods where FG is kept: FG's standard content taken to
   * the counted goods at the standard they are held at on the last day
   * (about book − counted at it), the difference to the finished-goods
   * shrinkage variance (a count above the book gives a favorable one). A count
   * that leaves nothing takes FG's whole remaining value and content (no value
   * without quantity).
   */
  private postFinishedGoodsCount(end: IsoDate): void {
    const { bom, settings } = this.p;
    const v = bom.versionOf(end);
    const groups: LineGroup[] = [];
    const releases: LineGroup[] = [];
    const counted: { item: string; book: Dec; count: Dec; total: Dec }[] = [];
    for (const inv of [...this.p.inventory].sort((a, b) => cmp(a.item, b.item))) {
      if (inv.count === undefined || bom.typeOf(inv.item) !== "assembly") continue;
      const book = this.ledger.quantity("FG", inv.item);
      const diff = book.minus(inv.count);
      const src: SourceTrace[] = [{ table: "Inventory", rows: [inv.row] }];
      if (diff.isZero()) {
        // A count of nothing where the book says nothing but a value is left (a completion that refilled FG from below zero
        // to exactly zero leaves its rounding): the count empties FG, value and content, as it does when goods are short.
        const left = this.ledger.balance("FG", inv.item);
        if (!inv.count.isZero() || left.isZero()) continue;
        // The account's content, though it holds no quantity (holdings() lists only accounts that do): all of it goes.
        const content = this.ledger.content("FG", inv.item);
        counted.push({ item: inv.item, book, count: inv.count, total: ZERO });
        groups.push({
          details: [{ role: "FG", side: "credit", amount: scaledOf(left), material: scaledOf(content.material), item: inv.item, memo: this.w.text("engine.memo.count", { item: inv.item, book: this.w.dec(book), count: this.w.dec(inv.count), price: this.w.dec(decOf(this.standard(inv.item, bom.heldVersion(inv.item, v)).total)) }), sources: src }],
          balancing: { role: "FG_SHRINKAGE", side: "debit", item: inv.item, withContent: true, memo: this.w.text("engine.memo.shrinkage", { item: inv.item }), sources: src },
        });
        continue;
      }
      const std = this.standard(inv.item, bom.heldVersion(inv.item, v));
      const total = decOf(std.total);
      counted.push({ item: inv.item, book, count: inv.count, total });
      // Goods lost take their share of what the goods hold beyond standard with them, as goods sold do, to cost of goods sold
      // on a line pair of its own: the shrinkage is this period's, book − counted at standard. A count that leaves nothing
      // takes all FG holds anyway (no value without quantity).
      // (A count of nothing with the book below zero leaves no goods to hold it: it goes with the count.)
      if (inv.count.isZero() && !diff.isPositive()) this.carriedBeyondStandard.set("FG", inv.item, ZERO);
      const share = diff.isPositive() ? this.carriedShare("FG", inv.item, diff) : ZERO;
      if (!share.isZero()) releases.push(this.carriedToCogs("FG", inv.item, share, src, this.w.text("engine.memo.carriedLostToCogs", { item: inv.item })));
      // The count takes FG's standard content to the counted goods at standard, rounded once (what the Variances sheet shows
      // as counted), as a material count takes RIP: the rounding the completions and sales left in it goes with the
      // shortfall, instead of staying with goods that hold a cent more or less than their standard.
      const held = this.ledger.content("FG", inv.item);
      const countedValue = roundMoney(inv.count.times(total), settings.minorUnits);
      const countedMaterial = roundMoney(inv.count.times(decOf(std.material)), settings.minorUnits);
      groups.push({
        details: [{ role: "FG", side: "credit", amount: scaledOf(held.material.plus(held.conversion).minus(countedValue)), material: scaledOf(held.material.minus(countedMaterial)), item: inv.item, qty: diff, memo: this.w.text("engine.memo.count", { item: inv.item, book: this.w.dec(book), count: this.w.dec(inv.count), price: this.w.dec(total) }), sources: src }],
        balancing: { role: "FG_SHRINKAGE", side: "debit", item: inv.item, withContent: true, memo: this.w.text("engine.memo.shrinkage", { item: inv.item }), sources: src },
      });
    }
    // The book value is what the count took FG from (the counted value at standard plus the shrinkage journaled): an
    // emptying count takes what FG holds, a value brought forward included, so book × standard would not add up.
    this.postCountEntry(end, { kind: "finished-goods-count", description: this.w.text("engine.entry.finishedGoodsCount") }, releases, groups, "FG_SHRINKAGE", counted, (c, amount) => {
      const actual = roundMoney(c.count.times(c.total), settings.minorUnits);
      return { kind: "shrinkage", standard: actual.plus(amount), actual };
    });
  }

  /**
   * A variance of goods made (revaluation, finished-goods shrinkage), per
   * product, closed to COGS or prorated over FG and COGS by their standard
   * cost. The revaluation variance is listed here, once per product.
   */
  private postOutputDisposition(end: IsoDate, role: "REVALUATION_VARIANCE" | "FG_SHRINKAGE", what: "revaluation" | "shrinkage"): void {
    if (role === "REVALUATION_VARIANCE") {
      // One line per change: two changes of one product in a period are two revaluations of different quantities, whose
      // figures do not add up to one (each line's amount is what its entry booked; together, the account's balance).
      for (const item of [...this.revalued.keys()].sort(cmp)) {
        for (const r of this.revalued.get(item)!) {
          const amount = r.before.minus(r.after);
          this.variances.push({ kind: "revaluation", item, qty: r.qty, standard: r.after, actual: r.before, amount, favorable: amount.isNegative(), disposition: this.p.settings.disposition });
        }
      }
    }
    // Goods lost or found after they were made are the period's, whatever the disposition: prorated, a loss would sit in
    // the goods still on hand (one unit left of five closing at 167 % of its standard), which IAS 2.16(a) keeps out of cost.
    if (role === "FG_SHRINKAGE") return this.closeAndDispose(end, [role], "total", what, this.dispositionOf(role));
    // A revaluation belongs to the units it found, wherever they went after (prorateRevaluedMaterials, prorateRevaluedGoods).
    const isMaterial = (item: string | undefined) => item !== undefined && this.p.bom.typeOf(item) === "material";
    const prorated = this.p.settings.disposition === "prorate";
    if (prorated) this.prorateRevaluedMaterials(end, isMaterial);
    else this.closeAndDispose(end, [role], "bought", what, this.dispositionOf(role), isMaterial);
    if (prorated && this.rules.holdsFinishedGoods) this.prorateRevaluedGoods(end, (item) => !isMaterial(item));
    else this.closeAndDispose(end, [role], "total", what, this.dispositionOf(role), (item) => !isMaterial(item));
  }

  /**
   * A product's revaluation variance, prorated: it belongs to the units that
   * were on hand when the standard changed, and goes where they went. First
   * made, first sold: the units completed on or after the change are the
   * ones still on hand first, so of a change that found q units, those left
   * at the end are q capped by what is on hand less what was completed since
   * (none where q was below zero: a loss on goods already sold). Their part
   * of the variance stays on the product's own goods in FG; the rest goes to
   * COGS. Spread over every product's FG by standard cost, a gain on chairs
   * all sold went to the tables still on hand.
   */
  private prorateRevaluedGoods(end: IsoDate, itemsOf: (item: string | undefined) => boolean): void {
    this.prorateRevaluations(end, itemsOf, "FG", (item, since) => movedSince(this.p.completions, item, since));
  }

  /**
   * A material's revaluation variance (its price changed between periods),
   * prorated: as a product's, it belongs to the units on hand at the change,
   * first bought first used. Those still on hand at the end (in RIP, or in
   * clearing with the materials off the books beside it: the units found,
   * capped by what is on hand less what was bought since) keep their part, on
   * the material's own account and beyond its standard (the Closing shows it
   * as variance); the part of the units used goes where material went, over
   * FG, COGS and the usage variance by their standard material content, as a
   * price variance does. Shared over the materials on hand by content too, a
   * period that moved nothing moved part of a gain on wood into the chairs.
   */
  private prorateRevaluedMaterials(end: IsoDate, itemsOf: (item: string | undefined) => boolean): void {
    this.prorateRevaluations(end, itemsOf, this.rules.materialCredit, (item, since) => movedSince(this.p.purchases, item, since), (amount, what) => this.disposeLines(amount, "used", what));
  }

  /** Records, before the counts, each revalued item's book quantity where it is held (stillOnHand's cap). */
  private noteBooksBeforeCounts(): void {
    for (const item of this.revalued.keys()) this.bookBeforeCounts.set(item, this.heldQuantity(item, this.p.bom.typeOf(item) === "material" ? this.rules.materialCredit : "FG"));
  }

  /** Units of an item on hand where `held`: its account's quantity, and in clearing the materials off the books beside it. */
  private heldQuantity(item: string, held: "RIP" | "MATERIALS_CLEARING" | "FG"): Dec {
    const qty = this.ledger.quantity(held, item);
    return held === "MATERIALS_CLEARING" && !this.rules.booksPurchases ? qty.plus(this.materialsOffBooksAtStart().get(item)?.qty ?? ZERO) : qty;
  }

  /**
   * One disposition entry for the revaluation variances of the items `itemsOf`
   * keeps: each closed, the part of the units still `held` staying on the
   * item's own account there (beyond its standard), the part of units gone
   * before they were there (a change that found them below zero) to COGS,
   * and the rest taken by `gone` (to COGS where there is none).
   */
  private prorateRevaluations(
    end: IsoDate,
    itemsOf: (item: string | undefined) => boolean,
    held: "RIP" | "MATERIALS_CLEARING" | "FG",
    addedSince: (item: string, date: IsoDate) => Dec,
    gone?: (amount: Dec, what: string) => DraftLine[],
  ): void {
    const w = this.w;
    const role = "REVALUATION_VARIANCE";
    const what = (amount: Dec) => w.text(amount.isNegative() ? "engine.what.revaluation.favorable" : "engine.what.revaluation.unfavorable");
    const closing: DraftLine[] = [];
    const kept: DraftLine[] = [];
    const mu = this.p.settings.minorUnits;
    let rest = ZERO;
    let sold = ZERO;
    for (const { item, balance } of this.ledger.openItems(role)) {
      if (item === undefined || !itemsOf(item)) continue;
      closing.push({ role, side: "credit", amount: scaledOf(balance), item, memo: this.closeMemo(role, item), closes: this.ledger.postedIn(role, item) });
      // Goods a count found are none a change found: on hand is capped by the book before the counts.
      const now = this.heldQuantity(item, held);
      const onHand = Dec.min(now, this.bookBeforeCounts.get(item) ?? now);
      const { stays, left, belowZero } = this.stillOnHand(item, onHand, (since) => addedSince(item, since));
      const part = roundMoney(stays, mu);
      if (!part.isZero()) {
        kept.push({ role: held, side: "debit", amount: scaledOf(part), item, memo: w.text("engine.memo.revaluedStillOnHand", { what: what(balance), item, left: w.dec(left) }) });
        // RIP's and clearing's content is their value; what stays there is beyond their standard (FG keeps its content apart).
        if (held !== "FG") this.carriedBeyondStandard.add(held, item, part);
      }
      const early = roundMoney(belowZero, mu);
      sold = sold.plus(early);
      rest = rest.plus(balance.minus(part).minus(early));
    }
    if (closing.length === 0) return;
    const taken = gone ? gone(rest, what(rest)) : [];
    if (!gone) sold = sold.plus(rest);
    const toCogs: DraftLine[] = sold.isZero() ? [] : [{ role: "COGS", side: "debit", amount: scaledOf(sold), memo: w.text("engine.memo.revaluedGone", { what: what(sold) }) }];
    const disposed = [...kept, ...taken, ...toCogs];
    this.ledger.post({ date: end, trigger: "period-end", kind: "variance-disposition", description: dispositionText(w, "prorate", disposed, w.text("engine.what.revaluation")) }, [{ details: [...closing, ...takingWhatCloses(disposed, closing)] }]);
  }

  /**
   * Of an item's revaluations, the part of their amounts that stays with the
   * units still on hand (`onHand` at the end; `addedSince` what came in on a
   * change's day or after, which first in first out leaves on hand first),
   * and how many units that is; and what changes that found it below zero
   * booked.
   */
  private stillOnHand(item: string, onHand: Dec, addedSince: (date: IsoDate) => Dec): { stays: Dec; left: Dec; belowZero: Dec } {
    let stays = ZERO;
    // The units still on hand that some change found: the latest change's, as the first in is the first out.
    let left = ZERO;
    // What changes that found the item below zero booked: units gone before they came, whose cost is the goods sold's.
    let belowZero = ZERO;
    for (const change of this.revalued.get(item) ?? []) {
      if (!change.qty.isPositive()) {
        belowZero = belowZero.plus(change.before.minus(change.after));
        continue;
      }
      const still = Dec.min(change.qty, Dec.max(ZERO, onHand.minus(addedSince(change.date))));
      stays = stays.plus(change.before.minus(change.after).times(still).dividedBy(change.qty));
      left = Dec.max(left, still);
    }
    return { stays, left, belowZero };
  }


  /** How a variance account is disposed of: as the setting says, but finished goods' shrinkage, which is the period's loss. */
  private dispositionOf(role: VarianceRole): Disposition {
    return role === "FG_SHRINKAGE" ? "cogs" : this.p.settings.disposition;
  }

  /**
   * Price and usage variances closed to COGS (their net, in one entry) or
   * prorated by cost element (Horngren): the price variance first, over all
   * the material bought wherever it now sits (materials on hand, FG, COGS and
   * the usage variance); then the usage variance, its share of the price
   * variance included, over the output (FG and COGS).
   */
  private postDisposition(end: IsoDate): void {
    if (this.p.settings.disposition === "cogs") {
      this.closeAndDispose(end, ["PPV", "USAGE_VARIANCE"], "bought", "material");
      return;
    }
    this.closeAndDispose(end, ["PPV"], "bought", "price");
    this.closeAndDispose(end, ["USAGE_VARIANCE"], "material", "usage");
  }

  /** One disposition entry: every open account of `roles` (of the items `itemsOf` keeps) closed, their net disposed of over the holders of `basis`. */
  private closeAndDispose(
    end: IsoDate,
    roles: readonly VarianceRole[],
    basis: "bought" | "material" | "total",
    what: "material" | "price" | "usage" | "revaluation" | "shrinkage",
    disposition: Disposition = this.p.settings.disposition,
    itemsOf: (item: string | undefined) => boolean = () => true,
  ): void {
    const w = this.w;
    const details: DraftLine[] = [];
    let net = ZERO;
    for (const role of roles) {
      for (const { item, balance } of this.ledger.openItems(role)) {
        if (!itemsOf(item)) continue;
        net = net.plus(balance);
        details.push({ role, side: "credit", amount: scaledOf(balance), item, memo: this.closeMemo(role, item), closes: this.ledger.postedIn(role, item) });
      }
    }
    if (details.length === 0) return;
    const disposed = this.disposeLines(net, basis, w.text(net.isNegative() ? `engine.what.${what}.favorable` : `engine.what.${what}.unfavorable`), disposition);
    details.push(...takingWhatCloses(disposed, details));
    this.ledger.post({ date: end, trigger: "period-end", kind: "variance-disposition", description: dispositionText(w, disposition, disposed, w.text(`engine.what.${what}`)) }, [{ details }]);
  }

  /** The memo of a line that closes a variance account (of an item, or the role's own). */
  private closeMemo(role: VarianceRole, item: string | undefined): string {
    const w = this.w;
    switch (role) {
      case "PPV":
        return item ? w.text("engine.memo.closePrice", { item }) : w.text("engine.memo.closePriceAll");
      case "USAGE_VARIANCE":
        return item ? w.text("engine.memo.closeUsage", { item }) : w.text("engine.memo.closeUsageAll");
      case "REVALUATION_VARIANCE":
        return w.text("engine.memo.closeRevaluation", { item: item ?? "" });
      case "FG_SHRINKAGE":
        return w.text("engine.memo.closeShrinkage", { item: item ?? "" });
    }
  }

  /**
   * Debit lines taking a variance (already in minor units) to COGS, or
   * prorating it over the places that hold its cost element, in proportion to
   * their standard content of it: `bought`, material bought (materials on
   * hand, FG, COGS and the usage variance); `used`, material that left the
   * materials on hand (FG, COGS and the usage variance); `material` and `conversion`, that
   * element in the output (FG, COGS); `total`, goods made at their whole
   * standard cost (FG, COGS).
   */
  private disposeLines(amount: Dec, basis: "bought" | "used" | "material" | "conversion" | "total", what: string, disposition: Disposition = this.p.settings.disposition): DraftLine[] {
    if (amount.isZero()) return [];
    if (disposition === "cogs") return [{ role: "COGS", side: "debit", amount: scaledOf(amount), memo: this.w.text("engine.entry.writtenOff", { what }) }];
    // Materials on hand are in RIP, or in materials clearing where purchases are not booked (all of it material, at standard).
    const materials = this.rules.materialCredit;
    const output: AccountRole[] = this.rules.holdsFinishedGoods ? ["FG", "COGS"] : ["COGS"];
    const holders: AccountRole[] = basis === "bought" ? [materials, ...output, "USAGE_VARIANCE"] : basis === "used" ? [...output, "USAGE_VARIANCE"] : output;
    const element = basis === "bought" || basis === "used" ? "material" : basis;
    // What a previous period capitalized into materials and they still hold is no standard content: left out of the weights.
    const carriedIn = (r: AccountRole) => this.carriedBeyondStandard.total(r);
    const contentOf = (r: AccountRole) => {
      // What clearing and the usage variance hold is material at standard, all of it.
      // Clearing's materials on hand are its balance and the materials off the books beside it (their value in no account).
      if (r === "MATERIALS_CLEARING") return this.ledger.balance(r).minus(carriedIn(r)).plus(this.offBooksTotalValue());
      if (r === "USAGE_VARIANCE") return this.ledger.balance(r);
      // Goods lost at a count of finished goods are output too, gone to COGS with the shrinkage: their standard content
      // (which the shrinkage account took from FG) weighs with COGS, or their share would stay with the goods on hand.
      const own = this.ledger.content(r);
      const lost = r === "COGS" ? this.lostAtCounts() : undefined;
      const c = lost ? { material: own.material.plus(lost.material), conversion: own.conversion.plus(lost.conversion) } : own;
      const standard = element === "total" ? c.material.plus(c.conversion) : c[element];
      return r === "RIP" && element !== "conversion" ? standard.minus(carriedIn(r)) : standard;
    };
    const weights = holders.map((r) => Dec.max(contentOf(r), ZERO));
    if (weights.every((w) => w.isZero())) return [{ role: "COGS", side: "debit", amount: scaledOf(amount), memo: this.w.text(`engine.memo.nothingToProrate.${element}`, { what }) }];
    const shares = apportion(amount, weights, this.p.settings.minorUnits);
    const total = weights.reduce((a, b) => a.plus(b), ZERO);
    // What FG takes by an element is shared over its items by that element at the closing (closingLines).
    const fg = holders.indexOf("FG");
    if (fg >= 0 && element !== "total") this.proratedIntoGoods[element] = this.proratedIntoGoods[element].plus(shares[fg]);
    return holders.map((role, i) => ({
      role,
      side: "debit" as const,
      amount: scaledOf(shares[i]),
      memo: this.w.text(`engine.memo.prorated.${element}`, { what, role, share: this.w.num(weights[i].dividedBy(total).times(100).toDecimalPlaces(2).toString()) }),
    }));
  }

  /**
   * The standard content of the finished goods counts found lost, by
   * element: what the shrinkage account took from FG, product by product.
   * Goods found (a count above the book) are not taken off COGS's weight:
   * they are in FG's own content, and take their share there.
   */
  private lostAtCounts(): ElementSplit {
    let material = ZERO;
    let conversion = ZERO;
    for (const e of this.ledger.itemContents("FG_SHRINKAGE")) {
      if (!e.material.plus(e.conversion).isPositive()) continue;
      material = material.plus(Dec.max(e.material, ZERO));
      conversion = conversion.plus(Dec.max(e.conversion, ZERO));
    }
    return { material, conversion };
  }

  /**
   * Where no FG is kept (purchase–sale, sale), goods on hand carry no
   * conversion cost: it was expensed as under-allocated. Their standard
   * conversion is measured here (goods counted, or opening + completed − sold
   * by the Production table), and with CapitalizeConversion it is booked out
   * of COGS into FG, so ending inventory is at full production cost (IAS 2,
   * ASC 330) as in purchase–completion–sale. Returns, per product on hand,
   * the units (opening, from the Inventory table or the previous closing), the
   * standard conversion (either way) and what was capitalized.
   */
  private conversionOfGoodsOnHand(end: IsoDate): GoodsOffBooks {
    const { bom, settings } = this.p;
    const v = bom.versionOf(end);
    const { onHand, counted } = this.goodsOnHand();
    const details: DraftLine[] = [];
    const goods = new Map<string, { qty: Dec; conversion: Dec; capitalized: Dec }>();
    const capitalize = settings.capitalizeConversion === true;
    const capitalized: OnHandSources[] = [];
    for (const item of this.byName([...onHand.keys()])) {
      const { qty, sources } = onHand.get(item)!;
      if (qty.isZero()) continue;
      // More sold than the books say were made: the shortfall is carried, with no value, for the next period's goods on hand
      // to start from, as FG's negative balance is where FG is kept.
      if (qty.isNegative()) {
        goods.set(item, { qty, conversion: ZERO, capitalized: ZERO });
        // Warned as FG's own is where FG is kept, and counted among the items below zero.
        const key = `FG\u0000${item}`;
        if (!this.warnedNegative.has(key)) {
          this.warnedNegative.add(key);
          this.warn("negative-inventory", told("engine.warn.negativeGoodsOffBooks", { item, qty: { figure: qty.toFixed() } }), item, undefined, end);
        }
        continue;
      }
      const std = this.standard(item, v);
      const amount = roundMoney(qty.times(decOf(std.conversion)), settings.minorUnits);
      goods.set(item, { qty, conversion: amount, capitalized: capitalize ? amount : ZERO });
      // Without CapitalizeConversion only the amounts are wanted (the suitability report, the closing): no lines are made.
      if (!capitalize || amount.isZero()) continue;
      const memo = this.w.text(counted.has(item) ? "engine.memo.conversionCounted" : "engine.memo.conversionByMovements", { qty: this.w.dec(qty), goods: this.unit(item) + item, rate: this.w.dec(decOf(std.conversion)) });
      // Goods counted are their Inventory row; goods by the books, the rows of their opening, completions and sales.
      details.push({ role: "FG", side: "debit", amount: scaledOf(amount), memo, sources: onHandTraces([sources], { item }) });
      capitalized.push(sources);
    }
    if (details.length > 0) {
      const balancing = { role: "COGS" as const, side: "credit" as const, memo: this.w.text("engine.memo.conversionOutOfCogs"), sources: onHandTraces(capitalized) };
      this.ledger.post({ date: end, trigger: "period-end", kind: "conversion-capitalized", description: this.w.text("engine.entry.conversionCapitalized") }, [{ details, balancing }]);
    }
    return goods;
  }

  /**
   * Where no FG is kept: per product, its goods on hand at the period end,
   * counted (the Count) or else by the books: opening (Inventory, or the
   * previous closing) + completed − sold (the rows stay with the Production
   * and Sales tables). `counted` names the products that have a Count.
   */
  private goodsOnHand(): { onHand: Map<string, { qty: Dec; sources: OnHandSources }>; counted: Set<string> } {
    if (this.onHandMemo) return this.onHandMemo;
    const { bom } = this.p;
    const onHand = new Map<string, { qty: Dec; sources: OnHandSources }>();
    const entryOf = (item: string) => {
      let e = onHand.get(item);
      if (!e) onHand.set(item, (e = { qty: ZERO, sources: { Inventory: [], Production: [], Sales: [] } }));
      return e;
    };
    const counted = new Set<string>();
    for (const inv of this.p.inventory) {
      if (bom.typeOf(inv.item) !== "assembly") continue;
      // A row with a Count says what is on hand; one without, its opening (a row with neither adds nothing).
      const qty = inv.count ?? inv.opening;
      if (qty === undefined) continue;
      if (inv.count !== undefined) counted.add(inv.item);
      const e = entryOf(inv.item);
      e.qty = e.qty.plus(qty);
      e.sources.Inventory.push({ rows: [inv.row], rowCount: 1 });
    }
    // Goods the previous period closed with, where they were not counted now (the Closing sheet is not an input table: no rows).
    for (const [item, { qty }] of this.broughtForward.unitsOnHand) {
      if (counted.has(item)) continue;
      const e = entryOf(item);
      e.qty = e.qty.plus(qty);
    }
    for (const [days, table] of [[this.p.completions, "Production"], [this.p.sales, "Sales"]] as const) {
      for (const groups of days.values()) {
        for (const g of groups) {
          if (counted.has(g.item)) continue;
          const e = entryOf(g.item);
          e.qty = table === "Production" ? e.qty.plus(g.qty) : e.qty.minus(g.qty);
          e.sources[table].push(g);
        }
      }
    }
    return (this.onHandMemo = { onHand, counted });
  }

  // ------------------------------------------------------------ results

  private standards(end: IsoDate): StandardCost[] {
    const { bom, items } = this.p;
    const v = bom.versionOf(end);
    // Each item at the standard its goods are held at (a discontinued product's last); an assembly with no BOM up to the
    // end has none, and is left out rather than given its conversion alone.
    return [...new Set(items.map((i) => i.item))].sort(cmp).flatMap((item) => {
      const held = bom.heldVersion(item, v);
      if (bom.gaps(item, held).length > 0) return [];
      const c = bom.unitCost(item, held);
      return [{ item, type: bom.typeOf(item)!, material: c.material, conversion: c.conversion, total: c.material.plus(c.conversion) }];
    });
  }

  private consumptionLines(): ConsumptionLine[] {
    const { bom, settings } = this.p;
    const v = bom.versionOf(settings.periodEnd);
    const out: ConsumptionLine[] = [];
    const minor = settings.minorUnits;
    const byProduct = new Map<string, { version: number; qty: Scaled }[]>();
    for (const [version, products] of this.flushedByVersion) {
      for (const [product, qty] of products) {
        const flushes = byProduct.get(product);
        if (flushes) flushes.push({ version, qty });
        else byProduct.set(product, [{ version, qty }]);
      }
    }
    for (const product of this.byName([...byProduct.keys()])) {
      const flushes = byProduct.get(product)!;
      if (flushes.length === 1) {
        // The usual case, one BOM version: each line multiplies the product's units by its material's per-unit quantity when read.
        const { version, qty } = flushes[0];
        const productQty = decOf(qty);
        for (const [material, per] of this.sortedBy([...bom.explodeScaled(product, version)], ([m]) => m)) {
          const price = this.standard(material, v);
          out.push(FlushedConsumption.perUnit(product, productQty, material, qty, per, price.materialDec, price.material, minor));
        }
        continue;
      }
      // Flushed under several versions: a material's line adds up the versions whose BOM holds it.
      const byMaterial = new Map<string, { productQty: Scaled; materialQty: Scaled }>();
      for (const { version, qty } of flushes) {
        bom.explodeScaled(product, version).forEach((per, material) => {
          const had = byMaterial.get(material);
          const q = times(qty, per);
          byMaterial.set(material, had ? { productQty: plus(had.productQty, qty), materialQty: plus(had.materialQty, q) } : { productQty: qty, materialQty: q });
        });
      }
      for (const [material, { productQty, materialQty }] of this.sortedBy([...byMaterial], ([m]) => m)) {
        const price = this.standard(material, v);
        out.push(FlushedConsumption.ofQuantity(product, decOf(productQty), material, materialQty, price.materialDec, price.material, minor));
      }
    }
    return out;
  }

  // ------------------------------------------------------------ helpers

  /** Where materials are off the books: the materials the period's flushes took (one explosion per product and BOM version). */
  private fillFlushedMaterials(): void {
    const { bom } = this.p;
    const flushed = this.flushedMaterials;
    for (const [version, products] of this.flushedByVersion) {
      for (const [product, qty] of products) {
        // forEach, not for…of: a full sheet has tens of thousands of these, and V8 makes an entry array for each of…of step.
        bom.explodeScaled(product, version).forEach((per, material) => flushed.set(material, plus(flushed.get(material) ?? SCALED_ZERO, times(qty, per))));
      }
    }
  }

  /** Purchases per material over the period (quantity, actual amount, sheet rows in order); made once. */
  private purchaseTotals(): Map<string, PurchaseTotal> {
    return (this.bought ??= purchaseTotals(this.p.purchases.values()));
  }

  /** The Inventory table's assemblies with their opening or counted quantity (none where it is blank or zero), with their rows. */
  private goodsAt(field: "opening" | "count"): GoodsRow[] {
    const { bom } = this.p;
    const goods: GoodsRow[] = [];
    for (const inv of this.p.inventory) {
      const units = inv[field];
      if (units && !units.isZero() && bom.typeOf(inv.item) === "assembly") goods.push({ item: inv.item, units, row: inv.row });
    }
    return goods;
  }

  /** Leaf materials inside the opening assemblies of the Inventory table, with the rows they come from. */
  private materialsInOpeningGoods(version: number): MaterialsInGoods {
    return this.explodeGoods(this.goodsAt("opening"), version);
  }

  /**
   * Where no FG is kept, the leaf materials in the goods on hand at the period
   * end, which the materials' counts add to: goods counted at their Count, and
   * goods not counted at their book quantity (opening + completed − sold), as a
   * blank Count means "not counted" for a material too. Leaving them out would
   * expense the materials in them as a usage variance. Each product taken at
   * its book quantity is warned, where a material is counted.
   */
  private materialsInGoodsAtEnd(end: IsoDate, version: number): MaterialsInGoods {
    const { bom } = this.p;
    const goods = this.goodsAt("count");
    if (!this.p.inventory.some((inv) => inv.count !== undefined && bom.typeOf(inv.item) === "material")) return this.explodeGoods(goods, version);
    const { onHand, counted } = this.goodsOnHand();
    for (const item of this.byName([...onHand.keys()])) {
      const { qty, sources } = onHand.get(item)!;
      if (counted.has(item) || !qty.isPositive() || qty.isZero()) continue;
      const rows = this.p.inventory.filter((inv) => inv.item === item).map((inv) => inv.row);
      goods.push({ item, units: qty, row: rows[0] });
      // A row with a blank Count is pointed at; a product with no row at all is told to get one. Both name the rows the
      // book quantity was reckoned from.
      const text = told(rows.length ? "engine.warn.goodsNotCounted" : "engine.warn.goodsNotListed", { item, qty: { figure: qty.toString() } });
      const traces: SourceTrace[] = [...(rows.length ? [{ table: "Inventory" as const, rows }] : []), ...onHandTraces([{ ...sources, Inventory: [] }], { item })];
      this.warn("goods-not-counted", text, item, traces.length ? traces : undefined, end);
    }
    return this.explodeGoods(goods, version);
  }

  /** Goods exploded into their leaf materials in one BOM version. */
  private explodeGoods(goods: readonly GoodsRow[], version: number): MaterialsInGoods {
    const { bom } = this.p;
    return materialsInGoods(goods, {
      explode: (item) => bom.explode(item, version),
      explodeScaled: (item) => bom.explodeScaled(item, version),
      explodeDemandExact: (demand) => bom.explodeDemandExact(demand, version),
    });
  }

  /** The item's standard in a BOM version, with its memo texts; made on first use. */
  private standard(item: string, version: number): ItemStandard {
    const byItem = memoFor(this.standardMemo, version);
    let std = byItem.get(item);
    if (!std) {
      const { bom } = this.p;
      const w = this.w;
      const { material, conversion } = bom.unitCost(item, version);
      const total = material.plus(conversion);
      const goods = this.unit(item) + item;
      const materialText = w.dec(material);
      // The day this item's own BOM came into force (its tree as it is), not the newest version of the table's.
      const from = bom.versionStart(bom.treeSince(item, version));
      const bomLabel = from ? w.text("engine.memo.bomInForce", { date: from }) : "";
      std = {
        material: scaledOf(material),
        conversion: scaledOf(conversion),
        materialDec: material,
        total: scaledOf(total),
        materialText,
        atStandard: w.text("engine.memo.atStandard", { goods, price: materialText }),
        backflushedFor: w.text("engine.memo.backflushedFor", { goods, price: materialText }),
        flushed: w.text(this.flushTable === "Production" ? "engine.memo.completed" : "engine.memo.flushedAtSale", { goods, total: w.dec(total), material: materialText, conversion: w.dec(conversion), version: bomLabel }),
        sold: w.text("engine.memo.sold", { goods, total: w.dec(total) }),
        costOfSale: w.text("engine.memo.costOfSale", { item }),
      };
      byItem.set(item, std);
    }
    return std;
  }

  /** An exact amount rounded to the currency's minor unit by the rule, still as scaled units. */
  private roundScaled(x: Scaled): Scaled {
    const mu = this.p.settings.minorUnits;
    return { units: roundUnits(x.units, x.scale, mu), scale: mu };
  }

  /** `ids` (distinct) sorted by name, as sort(cmp) orders them. */
  private byName(ids: string[]): string[] {
    return this.sortedBy(ids, (id) => id);
  }

  /** `list` sorted by the names `nameOf` gives (distinct), as sort(cmp) on them orders it: by each name's rank, looked up once. */
  private sortedBy<T>(list: T[], nameOf: (x: T) => string): T[] {
    const rank = (this.nameRank ??= new Map([...new Set(this.p.items.map((i) => i.item))].sort(cmp).map((id, i) => [id, i])));
    // Each element's key is its rank × n + its place: a typed array sorts such numbers natively, with no comparison callback.
    const n = list.length;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = rank.get(nameOf(list[i]));
      // Not in Items (validation reports it; never in a run): compare the texts.
      if (r === undefined) return list.sort((a, b) => cmp(nameOf(a), nameOf(b)));
      keys[i] = r * n + i;
    }
    keys.sort();
    const out = new Array<T>(n);
    for (let k = 0; k < n; k++) out[k] = list[keys[k] % n];
    return out;
  }

  private unit(item: string): string {
    const u = this.p.bom.item(item)?.unit;
    return u ? `${u} ` : "";
  }

  /**
   * An assembly completed in the period that is also a component of another
   * assembly completed in it: the parent's completion backflushes the
   * component's own materials (backflushing takes nothing from stock), so if
   * the completed components went into the parents, their materials are
   * counted twice and the components stay in FG. Spare parts sold as they are
   * are right, so this is a warning, naming the rows.
   */
  private warnSubassembliesCompleted(): void {
    const completed = new Set<string>();
    for (const groups of this.p.completions.values()) for (const g of groups) completed.add(g.item);
    // Each completed product's components, once: a full sheet completes a thousand products, each with its lines.
    const parentsOf = new Map<string, string[]>();
    for (const parent of completed) {
      for (const l of this.p.bom.allLinesOf(parent)) {
        if (l.component === parent || !completed.has(l.component)) continue;
        const list = parentsOf.get(l.component) ?? [];
        if (!list.includes(parent)) list.push(parent);
        parentsOf.set(l.component, list);
      }
    }
    for (const [item, parents] of [...parentsOf].sort((a, b) => cmp(a[0], b[0]))) {
      const rows: number[] = [];
      for (const groups of this.p.completions.values()) for (const g of groups) if (g.item === item) for (const r of g.rows) if (rows.length < 200) rows.push(r);
      this.warn("subassembly-completed", told("engine.warn.subassemblyCompleted", { item, parents: parents.sort(cmp).join(", ") }), item, [{ table: "Production", rows: rows.sort((a, b) => a - b) }]);
    }
  }

  /**
   * A period taken from the tables' dates that runs past a quarter: a
   * backflush period is a month or so, and one sale typed 2062 instead of 2026
   * stretches it over decades without a word (every other date is inside it).
   */
  private warnLongPeriod(): void {
    const { periodStart, periodEnd, periodFromData } = this.p.settings;
    const days = daysBetween(periodStart, periodEnd) + 1;
    if (periodFromData && days > LONG_PERIOD_DAYS) {
      const key = periodFromData === "both" ? "engine.warn.longPeriod" : periodFromData === "start" ? "engine.warn.longPeriodStart" : "engine.warn.longPeriodEnd";
      this.warn("long-period", told(key, { start: periodStart, end: periodEnd, days: { figure: String(days) } }), undefined, undefined, periodEnd);
    }
  }

  /**
   * A component whose lines under a parent stop and start again, days apart, inside the period (WOOD valid to 11-10 and
   * from 11-16): the parent's standard leaves it out in between, so goods made then are costed without it, and goods on
   * hand are revalued down and up again. A version that drops a component for good is an engineering change; one that
   * takes it back is more often a date typed wrong, so the run says so, naming both lines.
   */
  private warnBomGaps(): void {
    const { bom, settings } = this.p;
    for (const parent of [...bom.parents()].sort(cmp)) {
      const byComponent = new Map<string, BomLineRecord[]>();
      for (const l of bom.allLinesOf(parent)) {
        const list = byComponent.get(l.component);
        if (list) list.push(l);
        else byComponent.set(l.component, [l]);
      }
      for (const [component, lines] of [...byComponent].sort((a, b) => cmp(a[0], b[0]))) {
        if (lines.length < 2) continue;
        const sorted = [...lines].sort((a, b) => cmp(a.validFrom ?? "", b.validFrom ?? ""));
        for (let i = 1; i < sorted.length; i++) {
          const [before, after] = [sorted[i - 1], sorted[i]];
          if (before.validTo === undefined || after.validFrom === undefined) continue;
          const from = nextDay(before.validTo);
          const to = previousDay(after.validFrom);
          if (from > to || to < settings.periodStart || from > settings.periodEnd) continue;
          // Only where the parent is made meanwhile from other lines: without any, it has no BOM then (a flush is refused).
          if (bom.linesOf(parent, bom.versionOf(from)).length === 0) continue;
          this.warn("bom-gap", told("engine.warn.bomGap", { parent, component, from, to }), parent, [{ table: "BOM", rows: [before.row, after.row].sort((a, b) => a - b) }], from);
        }
      }
    }
  }

  private warn(code: RunWarning["code"], text: EngineText, item?: string, sources?: readonly SourceTrace[], date?: IsoDate): void {
    this.warnings.push({ code, message: this.w.say(text), text, item, sources, date });
  }
}

/** The variance accounts a disposition closes. */
type VarianceRole = "PPV" | "USAGE_VARIANCE" | "REVALUATION_VARIANCE" | "FG_SHRINKAGE";

/** An entry's first line on `role` per item: the variance line each count's balancing made. */
function linesByItem(entry: JournalEntry | undefined, role: AccountRole): Map<string | undefined, JournalLine> {
  const lines = new Map<string | undefined, JournalLine>();
  for (const l of entry?.lines ?? []) if (l.role === role && !lines.has(l.item)) lines.set(l.item, l);
  return lines;
}

/** Units of `item` a table's days (completions, purchases) moved on `date` or after it: a standard changes at the start of its first day. */
function movedSince(days: DailyGroups, item: string, date: IsoDate): Dec {
  let qty = ZERO;
  for (const [day, groups] of days) if (day >= date) for (const g of groups) if (g.item === item) qty = qty.plus(g.qty);
  return qty;
}

/** The lines that take what `closing` closes (written off, prorated), each naming every entry those lines close. */
function takingWhatCloses(taking: readonly DraftLine[], closing: readonly DraftLine[]): DraftLine[] {
  const closes = [...new Set(closing.flatMap((l) => l.closes ?? []))].sort((x, y) => x - y);
  return taking.map((l) => ({ ...l, closes }));
}

/** The disposition entry's description, naming only the accounts that take a share. */
function dispositionText(w: Wording, disposition: Settings["disposition"], lines: readonly DraftLine[], what: string): string {
  const roles = [...new Set(lines.filter((l) => l.amount.units !== 0n).map((l) => l.role))];
  if (roles.length === 0) return w.text("engine.entry.closed", { what });
  if (disposition === "cogs" || (roles.length === 1 && roles[0] === "COGS" && lines.length === 1)) return w.text("engine.entry.writtenOff", { what });
  const over = roles.length === 1 ? roles[0] : w.text("engine.list.and", { list: roles.slice(0, -1).join(", "), last: roles[roles.length - 1] });
  return w.text("engine.entry.proratedOver", { what, roles: over });
}

/** Two standards per unit alike to the 15 significant digits a workbook's numbers keep (within one part in 10¹⁴: a double's last digit may round either way). */
function sameStandard(a: Dec, b: Dec): boolean {
  return a.minus(b).abs().lte(Dec.max(a.abs(), b.abs()).times(WORKBOOK_PRECISION));
}

/**
 * amount ÷ qty (an average price) for reading in a memo, as Dec's
 * dividedBy(…).toDecimalPlaces(4).toFixed() writes it: at most 4 decimals,
 * and more (up to 10) where 4 would show a price that differs from
 * `standard` as the standard itself (20,000 staples for 200.36 read "actual
 * 0.01 vs standard 0.01" beside a variance of 0.36). Amounts are never
 * rounded this way. `qty` is never zero: the Qty rule (above zero) keeps such
 * rows out, and a zero here is an engine defect.
 */
export function rateText(amount: Scaled, qty: Scaled, standard?: Scaled): string {
  const q = quotient(amount, qty);
  const at = (places: number): Scaled => (q.scale <= places ? q : { units: roundUnits(q.units, q.scale, places), scale: places });
  let places = RATE_PLACES;
  while (places < MOST_RATE_PLACES && standard !== undefined && sameValue(at(places), standard) && !sameValue(q, standard)) places++;
  return textOf(at(places));
}

const RATE_PLACES = 4;
const MOST_RATE_PLACES = 10;

/**
 * Of what goods opened at beyond standard (`beyond`), the share that stays
 * with the `count` goods counted of a `book` quantity, rounded by the rule;
 * never more than the account holds beyond standard now (`holds`), nor of
 * another sign (flushes at standard may have emptied and refilled it).
 */
function staysWith(beyond: Dec | undefined, holds: Dec, count: Dec, book: Dec, minorUnits: number): Dec {
  if (beyond === undefined || beyond.isZero() || !book.greaterThan(0) || holds.isZero() || holds.isNegative() !== beyond.isNegative()) return ZERO;
  const share = roundMoney(beyond.times(Dec.min(count, book)).dividedBy(book), minorUnits);
  return share.abs().greaterThan(holds.abs()) ? holds : share;
}

/**
 * A value given for goods opened as their materials (purchase–sale in RIP, sale
 * off the books), shared over those materials by their standard value; by their
 * quantities where every one of them stands at nothing, so that it is not dropped.
 */
function sharedOverMaterials(given: Dec, parts: readonly { qty: Dec; value: Dec }[], minorUnits: number): Dec[] {
  const weights = parts.every((x) => x.value.isZero()) ? parts.map((x) => x.qty) : parts.map((x) => x.value);
  return apportion(given, weights, minorUnits);
}

/**
 * Per account and item, what goods opened at beyond their standard content
 * and have not yet let go (run.ts: flushes and counts take their share). An
 * amount of nothing is no entry.
 */
class CarriedBeyond {
  private readonly byRole = new Map<AccountRole, Map<string, Dec>>();

  get(role: AccountRole, item: string): Dec | undefined {
    return this.byRole.get(role)?.get(item);
  }

  set(role: AccountRole, item: string, amount: Dec): void {
    let items = this.byRole.get(role);
    if (amount.isZero()) {
      items?.delete(item);
      return;
    }
    if (!items) this.byRole.set(role, (items = new Map()));
    items.set(item, amount);
  }

  add(role: AccountRole, item: string, amount: Dec): void {
    this.set(role, item, (this.get(role, item) ?? ZERO).plus(amount));
  }

  /** What a role's items hold beyond standard in all. */
  total(role: AccountRole): Dec {
    let total = ZERO;
    for (const v of this.byRole.get(role)?.values() ?? []) total = total.plus(v);
    return total;
  }
}
