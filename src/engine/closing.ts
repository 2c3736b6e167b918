/**
 * Period after period (docs/engine.md): what a period closes at, per item and
 * account, and how the next period opens at it.
 *
 * A prorated variance is posted to its role's own account (RIP, FG, materials
 * clearing), not to an item's. At the close it is shared over the items the
 * role holds, in proportion to their standard content, so that every item's
 * closing value carries its part and the next period opens each item at it: the
 * variance then leaves with those goods instead of vanishing.
 */
import type { IsoDate } from "./dates";
import type { Ledger } from "./ledger";
import { Dec, ZERO, apportion } from "./money";
import { scaledOf } from "./scaled";
import type { Wording } from "./wording";
import type { AccountRole, BroughtForwardLine, ClosingLine, ElementSplit, SourceTrace } from "./types";
import { ACCOUNT_ROLES } from "./types";

/** Balance-sheet accounts: the next period opens at their closing. The others (COGS, the variances, the conversion accounts, all closed at the period end) start each period at nothing. */
export const CARRIED_ROLES: ReadonlySet<AccountRole> = new Set<AccountRole>(["RIP", "MATERIALS_CLEARING", "FG", "AP", "CONV_SOURCE"]);

/** The inventory roles whose items carry goods with a value. */
const INVENTORY_ROLES: ReadonlySet<AccountRole> = new Set<AccountRole>(["RIP", "MATERIALS_CLEARING", "FG"]);

type Ending = ReturnType<Ledger["endings"]>[number];

/** Finished goods on hand where no FG is kept (purchase–sale, sale): units per product, and the conversion capitalized on them (nothing without CapitalizeConversion). */
export type GoodsOffBooks = ReadonlyMap<string, { qty: Dec; conversion: Dec; capitalized: Dec }>;

/**
 * The period's closing: every inventory item with its share of its role's
 * prorated variance, the finished goods off the books, and every other account
 * with a balance.
 */
export function closingLines(
  endings: readonly Ending[],
  offBooks: GoodsOffBooks | undefined,
  minorUnits: number,
  standardOf: (item: string) => { material: Dec; conversion: Dec },
  carriedBeyond: (role: AccountRole, item: string) => Dec = () => ZERO,
  materialsOffBooks: ReadonlyMap<string, OffBooks> = new Map(),
  proratedIntoGoods: ElementSplit = { material: ZERO, conversion: ZERO },
): ClosingLine[] {
  const out: ClosingLine[] = [];
  for (const role of ACCOUNT_ROLES) {
    // Materials on hand off the books (where purchases are not booked: an opening without a value, the materials in
    // goods off the books) stay off them, in quantity, period after period: a count books only clearing's own
    // shortfall, so the next period's book must start from them too, or it would find them again as a usage gain. They
    // keep the price they came off the books at (unitMaterial), which clearing's value is reckoned against.
    if (role === "MATERIALS_CLEARING") {
      for (const [item, o] of materialsOffBooks) if (!o.qty.isZero()) out.push({ role, item, kind: "units", qty: o.qty, value: ZERO, material: ZERO, conversion: ZERO, variance: ZERO, unitMaterial: o.price, unitConversion: ZERO, carried: true });
    }
    const accounts = endings.filter((e) => e.role === role);
    if (!INVENTORY_ROLES.has(role)) {
      for (const a of accounts) {
        if (a.value.isZero() && a.qty.isZero()) continue;
        out.push({ role, item: a.item, kind: "account", qty: a.qty, value: a.value, material: ZERO, conversion: ZERO, variance: ZERO, carried: CARRIED_ROLES.has(role) });
      }
      continue;
    }
    let own = accounts.find((a) => a.item === undefined)?.value ?? ZERO;
    if (role === "FG" && offBooks) {
      // The role's own balance is the conversion capitalized on the goods off the books, product by product.
      for (const [item, g] of offBooks) {
        out.push({ role, item, kind: "units", qty: g.qty, value: g.capitalized, material: ZERO, conversion: g.capitalized, variance: ZERO, carried: true });
        own = own.minus(g.capitalized);
      }
    }
    // Clearing's materials on hand include those off the books beside it: they weigh in its share of a prorated variance
    // (at their value, as in proration), and a material held off the books alone takes its part too.
    const offBooksValue = (item: string) => (role === "MATERIALS_CLEARING" ? (materialsOffBooks.get(item)?.value ?? ZERO) : ZERO);
    const goods = accounts.filter((a): a is Ending & { item: string } => a.item !== undefined && !(a.qty.isZero() && a.value.isZero() && offBooksValue(a.item).isZero()));
    if (role === "MATERIALS_CLEARING") {
      const listed = new Set(goods.map((g) => g.item));
      for (const [item, o] of materialsOffBooks) if (!o.qty.isZero() && !listed.has(item)) goods.push({ role, item, qty: ZERO, value: ZERO, material: ZERO, conversion: ZERO });
    }
    // RIP and clearing hold material only: their value is their content, but for what a previous period capitalized into
    // them and has not yet gone with its goods (the run's carriedBeyond), which is shown, and carried, as variance again.
    const content = (a: Ending & { item: string }) => (role === "FG" ? { material: a.material, conversion: a.conversion } : { material: a.value.minus(carriedBeyond(role, a.item)), conversion: ZERO });
    // An item with no goods on hand takes no share, whatever content a rounding left it (FG refilled from below zero to nothing).
    const weightsBy = (element: (c: ElementSplit) => Dec) =>
      goods.map((a) => {
        const off = offBooksValue(a.item);
        if (a.qty.isZero() && off.isZero()) return ZERO;
        return Dec.max(element(content(a)).plus(off), ZERO);
      });
    const total = weightsBy((c) => c.material.plus(c.conversion));
    // FG's share of each variance prorated by cost element goes over its items as it came, by that element's content (the
    // conversion variance to the goods that hold conversion); the rest (a share brought forward that no item took) by their
    // whole content. An element no item holds goes by whole content too. A product's revaluation is its own item's already.
    const parts = role === "FG" ? [
      { amount: proratedIntoGoods.material, weights: weightsBy((c) => c.material) },
      { amount: proratedIntoGoods.conversion, weights: weightsBy((c) => c.conversion) },
      { amount: own.minus(proratedIntoGoods.material).minus(proratedIntoGoods.conversion), weights: total },
    ] : [{ amount: own, weights: total }];
    // Parts that net to nothing (a favorable price variance by material beside an unfavorable conversion one) still move value between items.
    const spread = parts.some((p) => !p.amount.isZero()) && total.some((w) => !w.isZero());
    const shares = goods.map(() => ZERO);
    if (spread) {
      for (const part of parts) {
        if (part.amount.isZero()) continue;
        const weights = part.weights.some((w) => !w.isZero()) ? part.weights : total;
        apportion(part.amount, weights, minorUnits).forEach((share, i) => (shares[i] = shares[i].plus(share)));
      }
    }
    goods.forEach((a, i) => {
      const { material, conversion } = content(a);
      const value = a.value.plus(shares[i]);
      const unit = standardOf(a.item);
      out.push({ role, item: a.item, kind: "goods", qty: a.qty, value, material, conversion, variance: value.minus(material).minus(conversion), unitMaterial: unit.material, unitConversion: role === "FG" ? unit.conversion : ZERO, carried: true });
    });
    // A variance no item holds standard content to take it (every item gone): it stays the role's own.
    if (!spread && !own.isZero()) out.push({ role, kind: "variance", qty: ZERO, value: own, material: ZERO, conversion: ZERO, variance: own, carried: true });
  }
  return out;
}

/** Materials off the books: their quantity, the price per unit they came off the books at, and their value at it, rounded (in no account). */
export interface OffBooks {
  qty: Dec;
  price: Dec;
  value: Dec;
}

/** What opening from a previous closing leaves for the rest of the run: the products off the books (units on hand), for this period's conversion of goods on hand; the materials off the books, for the materials' book (their price, where the Closing gives one). */
export interface BroughtForwardOpening {
  unitsOnHand: ReadonlyMap<string, { qty: Dec; row: number }>;
  /** Each material's quantity, and its value where the Closing gives prices (line by line; a line without one at this period's standard). */
  materialsOffBooks: ReadonlyMap<string, { qty: Dec; priced: readonly { qty: Dec; price?: Dec }[] }>;
  /** Conversion capitalized on goods off the books, per item, as the previous closing carried it (openCapitalizedConversion). */
  capitalizedConversion: readonly CapitalizedConversion[];
}

/** Conversion capitalized on goods off the books at the period's start; `row`, the Inventory row that opened them. */
export interface CapitalizedConversion {
  item: string;
  value: Dec;
  row?: number;
}

/**
 * Opens every account at a previous period's closing. Goods keep the value
 * they closed at, prorated variances included, and the standard content they
 * closed with (what the value holds beyond it is released as they go).
 * Conversion capitalized on goods off the books is handed back per item
 * (`capitalizedConversion`), for the run to open and reverse with its own
 * (openCapitalizedConversion).
 */
export function openBroughtForward(ledger: Ledger, lines: readonly BroughtForwardLine[]): BroughtForwardOpening {
  const unitsOnHand = new Map<string, { qty: Dec; row: number }>();
  const materialsOffBooks = new Map<string, { qty: Dec; priced: { qty: Dec; price?: Dec }[] }>();
  const capitalized: CapitalizedConversion[] = [];
  for (const l of lines) {
    switch (l.kind) {
      case "goods": {
        if (l.role !== "FG") {
          ledger.open(l.role, l.item, l.qty, l.value);
          break;
        }
        // Goods keep the standard content they closed with; what their value holds beyond it (prorated variances) is the
        // run's to release as they are sold (carriedBeyondStandard), not content that a later proration would weigh.
        ledger.open("FG", l.item, l.qty, l.value, { material: l.material, conversion: l.conversion });
        break;
      }
      case "units":
        if (l.item === undefined) break;
        if (l.role === "MATERIALS_CLEARING") {
          // Two lines of one material (a hand edit) keep their own prices: their values add up, not the last price over both.
          const had = materialsOffBooks.get(l.item);
          materialsOffBooks.set(l.item, { qty: (had?.qty ?? ZERO).plus(l.qty), priced: [...(had?.priced ?? []), { qty: l.qty, price: l.unitMaterial }] });
          break;
        }
        unitsOnHand.set(l.item, { qty: l.qty, row: l.row });
        if (!l.value.isZero()) capitalized.push({ item: l.item, value: l.value });
        break;
      case "variance":
        ledger.open(l.role, undefined, ZERO, l.value);
        break;
      case "account":
        ledger.open(l.role, l.item, l.qty, l.value);
        break;
    }
  }
  return { unitsOnHand, materialsOffBooks, capitalizedConversion: capitalized };
}

/**
 * Conversion capitalized on goods off the books (purchase–sale, sale, with
 * CapitalizeConversion) at the period's start: a previous closing's, or the
 * standard conversion of goods the Inventory table opens. It is an adjusting
 * entry of a period's end: it opens in FG and is reversed at once, into COGS,
 * where the goods' sale now books their conversion (IAS 2's adjustment, undone
 * as the next period starts); the period's end capitalizes the goods then on hand.
 */
export function openCapitalizedConversion(ledger: Ledger, capitalized: readonly CapitalizedConversion[], start: IsoDate, w: Wording): void {
  const reversed = capitalized.filter((r) => !r.value.isZero());
  if (reversed.length === 0) return;
  const total = reversed.reduce((a, r) => a.plus(r.value), ZERO);
  // Goods the Inventory table opens are their row; a previous closing's are no input row (its sheet is no input table).
  const sourcesOf = (rows: number[]): SourceTrace[] | undefined => (rows.length > 0 ? [{ table: "Inventory", rows }] : undefined);
  ledger.open("FG", undefined, ZERO, total);
  ledger.post(
    { date: start, trigger: "period-start", kind: "conversion-capitalized-reversed", description: w.text("engine.entry.conversionReversed") },
    [
      {
        details: reversed.map((r) => ({ role: "FG", side: "credit", amount: scaledOf(r.value), memo: w.text("engine.memo.conversionReversed", { item: r.item }), sources: sourcesOf(r.row === undefined ? [] : [r.row]) })),
        balancing: { role: "COGS", side: "debit", memo: w.text("engine.memo.conversionReversedCogs"), sources: sourcesOf(reversed.flatMap((r) => (r.row === undefined ? [] : [r.row]))) },
      },
    ],
  );
}

/** A closing as the next period's opening: the lines carried forward, each numbered by its place in the closing (`firstRow` for the first line), as its sheet numbers them. */
export function broughtForwardOf(closing: readonly ClosingLine[], firstRow = 1): BroughtForwardLine[] {
  return closing.flatMap(({ carried, variance: _variance, ...l }, i) => (carried ? [{ ...l, row: firstRow + i }] : []));
}
