/**
 * The standards review: which standards the period's own figures proved
 * wrong, what to put instead, and what adopting that would do (the rollup of
 * every assembly, the revaluation of ending inventory).
 *
 * A review reads a run's input and result and never runs the period again.
 * Three kinds of standard can be tested:
 *
 * - price: a material's standard price against the average price paid
 *   (amount ÷ quantity over the period's purchases);
 * - usage: a counted material's standard quantity per unit of output against
 *   the actual one, (backflushed + book − counted) ÷ the units of output that
 *   consumed it;
 * - conversion: each standard conversion rate that the period's output
 *   allocated, against that rate scaled by incurred ÷ allocated (one plant-wide
 *   rate: Conversion costs are not recorded per item).
 *
 * docs/engine.md ("Standards review") gives the rules, the thin-data rule and
 * how proposals are rounded.
 */
import { BomModel } from "./bom";
import type { IsoDate } from "./dates";
import type { BookDay } from "./movements";
import { Dec, ZERO, roundMoney } from "./money";
import { asBook, cmp } from "./prepare";
import { purchaseTotals } from "./purchases";
import { SEQUENCE_RULES } from "./sequences";
import type { BackflushResult, BomLineRecord, ItemRecord, RunInput, StandardCost, VarianceKind } from "./types";

/** The standards a period can test: a revaluation variance tests none (it measures a standard changed on purpose), nor does shrinkage of finished goods. */
export type ReviewKind = Exclude<VarianceKind, "revaluation" | "shrinkage">;

/** The tolerance when Settings gives no StandardTolerance: 5 %. */
export const DEFAULT_STANDARD_TOLERANCE = new Dec("0.05");
/**
 * A price is judged only on purchases of at least this share of the quantity
 * the period backflushed: a lot smaller than that is a sample, not the price
 * the standard will carry.
 */
export const THIN_PURCHASE_SHARE = new Dec("0.1");
/** Proposed prices and conversion rates carry this many decimals beyond the currency's minor unit. */
export const PROPOSAL_EXTRA_PLACES = 4;
/** Quantities per unit of output are proposed (and shown) to this many decimals, or as many significant digits where smaller. */
export const USAGE_PLACES = 6;
/** Deviations are shown in percent to this many decimals; the flag is judged on the exact figure. */
export const DEVIATION_PLACES = 2;

/**
 * Decimals for a usage row: USAGE_PLACES, or more where its figures are below
 * one, so that each keeps USAGE_PLACES significant digits (0.00000044 kg of
 * glue a box was shown, and proposed, as 0: a BOM line of nothing).
 */
function usagePlacesFor(...figures: readonly Dec[]): number {
  const smallest = figures.filter((x) => !x.isZero()).reduce<number | undefined>((e, x) => Math.min(e ?? x.e, x.e), undefined);
  return smallest === undefined || smallest >= 0 ? USAGE_PLACES : USAGE_PLACES - smallest - 1;
}

/** (actual − standard) ÷ standard × 100, rounded to DEVIATION_PLACES; null when the standard is zero (the review's rows and each assembly's rollup alike). */
export function deviationPctOf(standard: Dec, actual: Dec): Dec | null {
  return standard.isZero() ? null : roundMoney(actual.minus(standard).dividedBy(standard).times(100), DEVIATION_PLACES);
}

/** Why a standard was not judged. */
export type ThinReason =
  /** Bought `bought` (in `rows` purchase rows), `share` of the `used` the period backflushed. */
  | { code: "small-purchase"; bought: Dec; used: Dec; share: Dec; rows: number }
  /**
   * Counted, but none of it was backflushed: no output to spread the count over. `madeOnly`: where materials are flushed
   * at sale and use is measured by the goods Production lists, none of it went into them (sold in goods from stock, it
   * may well have been backflushed).
   */
  | { code: "not-consumed"; madeOnly?: true }
  /** The count leaves nothing used (more on hand than was held and bought): a gap in the records, not a usage standard. */
  | { code: "count-above-use" }
  /** Conversion was allocated but none (or less than none) was recorded as incurred. */
  | { code: "no-conversion-incurred" }
  /** Conversion is allocated at sale (purchase, sale; sale), and no completions tell what the conversion incurred made. */
  | { code: "no-production" };

export interface ReviewRow {
  item: string;
  kind: ReviewKind;
  /** The standard in force: a price, a quantity per unit of output, a conversion rate per unit; null where the period gives no basis (`not-consumed`). */
  standard: Dec | null;
  /** The period's actual figure on the same basis, rounded as the proposal is; null as the standard. */
  actual: Dec | null;
  /** (actual − standard) ÷ standard × 100, rounded to DEVIATION_PLACES; null when the standard is zero. */
  deviationPct: Dec | null;
  /** Past the tolerance (never for thin data). */
  flagged: boolean;
  /** The actual when flagged, the standard when within tolerance, null when the data is too thin. */
  proposed: Dec | null;
  thin?: ThinReason;
  /** Flagged usage: the factor the material's BOM lines are scaled by to adopt the proposal (proposed ÷ exact standard). */
  bomFactor?: Dec;
  /** What the actual was measured on: quantity bought (price), units of output (usage), conversion allocated (conversion). */
  basis: Dec;
}

export interface RollupRow {
  item: string;
  standard: StandardCost;
  proposed: StandardCost;
}

export interface RevaluationRow {
  item: string;
  /** Where the goods are held: materials in RIP, or in materials clearing where purchases are not booked; finished goods in FG. */
  role: "RIP" | "MATERIALS_CLEARING" | "FG";
  qty: Dec;
  /** Standard per unit now: the price (RIP, clearing), the rolled-up total (FG). */
  standard: Dec;
  proposed: Dec;
  endingValue: Dec;
  /** qty × the proposed standard, rounded by the rule, less the value the goods closed at (endingValue): what adopting the proposals books when the next period opens at the Closing. */
  revaluation: Dec;
}

export interface StandardsReview {
  tolerance: Dec;
  rows: readonly ReviewRow[];
  /** Every assembly, by name: its standard now and under the proposals, material and conversion apart. */
  rollup: readonly RollupRow[];
  revaluation: readonly RevaluationRow[];
  revaluationTotal: Dec;
  /** Items with the flagged prices and conversion rates replaced, in the Items table's order. */
  proposedItems: readonly ItemRecord[];
  /** BOM lines with the flagged usage proposals applied (the lines of each such material scaled). */
  proposedBom: readonly BomLineRecord[];
}

/** Reviews the standards of a period that `runBackflush(input)` gave `result` for. Never throws on a result the engine made. */
export function reviewStandards(input: RunInput, result: BackflushResult): StandardsReview {
  const { settings } = result;
  const tolerance = input.settings.standardTolerance ?? DEFAULT_STANDARD_TOLERANCE;
  const unitPlaces = settings.minorUnits + PROPOSAL_EXTRA_PLACES;
  const model = new BomModel(input.items, input.bom);
  const v = model.versionOf(settings.periodEnd);

  const used = new Map<string, { qty: Dec; output: Dec }>();
  const flushedProducts = new Set<string>();
  const use = (material: string, qty: Dec, output: Dec) => {
    const u = used.get(material);
    used.set(material, u ? { qty: u.qty.plus(qty), output: u.output.plus(output) } : { qty, output });
  };
  // Where materials are flushed at sale, the goods the period made used them, not the goods it sold: a count's shortfall
  // went into what was completed (Production), and per unit of the goods sold it read 3.89 kg a chair where 3.85 went into
  // each. Without completions recorded, the sales are the only measure.
  const atSale = SEQUENCE_RULES[settings.sequence].flushAt === "sale";
  const production = atSale ? asBook("Production", input.completions).days() : [];
  // Use is measured by the goods Production made (not by the goods sold, which the sales flushed).
  const byProduction = production.length > 0;
  if (byProduction) {
    for (const d of production) {
      const version = model.versionOf(d.date);
      for (const g of d.groups) {
        for (const [material, per] of model.explode(g.item, version)) use(material, per.times(g.qty), g.qty);
        flushedProducts.add(g.item);
      }
    }
  } else {
    for (const c of result.consumption) {
      use(c.material, c.materialQty, c.productQty);
      flushedProducts.add(c.product);
    }
  }

  const rows: ReviewRow[] = [];
  /** Judged on the exact figures; the actual (and a usage standard) shown and proposed to `places`. */
  const judge = (item: string, kind: ReviewKind, standard: Dec, actual: Dec, basis: Dec, places: number, thin?: ThinReason): ReviewRow => {
    const deviation = actual.minus(standard);
    const flagged = !thin && (standard.isZero() ? !deviation.isZero() : deviation.abs().greaterThan(standard.abs().times(tolerance)));
    const shown = kind === "usage" ? roundMoney(standard, places) : standard;
    return {
      item,
      kind,
      standard: shown,
      actual: roundMoney(actual, places),
      deviationPct: deviationPctOf(standard, actual),
      flagged,
      proposed: thin ? null : flagged ? roundMoney(actual, places) : shown,
      ...(thin ? { thin } : {}),
      basis,
    };
  };

  // ---- price: every material bought
  const bought = purchaseTotals(asBook("Purchases", input.purchases).days().map((d) => d.groups));
  for (const item of [...bought.keys()].sort(cmp)) {
    const b = bought.get(item)!;
    if (b.qty.isZero()) continue;
    const usedQty = used.get(item)?.qty ?? ZERO;
    const thin: ThinReason | undefined = b.qty.lessThan(usedQty.times(THIN_PURCHASE_SHARE))
      ? { code: "small-purchase", bought: b.qty, used: usedQty, share: b.qty.dividedBy(usedQty), rows: b.rows.length }
      : undefined;
    rows.push(judge(item, "price", model.item(item)?.stdPrice ?? ZERO, b.amount.dividedBy(b.qty), b.qty, unitPlaces, thin));
  }

  // ---- usage: every counted material (its usage variance line holds book − counted)
  const shortfall = new Map<string, Dec>();
  for (const line of result.variances) if (line.kind === "usage" && line.item !== undefined && line.qty) shortfall.set(line.item, line.qty);
  // Where materials are flushed at sale and Production says what was made, what it used is measured where it is held: the
  // loose material on hand at the start, plus bought, less the loose material counted. The count's shortfall is reckoned
  // against the sales' flush and the goods on hand, which a BOM changed between completion and sale (2 kg a chair made, 3
  // at the sale: read 1 kg a chair) or goods counted short (their wood read as more wood a chair) set apart from it.
  const looseUse = byProduction ? looseMaterialUse(input, model, bought, settings.periodStart) : undefined;
  const usageFactor = new Map<string, Dec>();
  for (const inv of [...(input.inventory ?? [])].sort((a, b) => cmp(a.item, b.item))) {
    if (inv.count === undefined || model.typeOf(inv.item) !== "material") continue;
    const u = used.get(inv.item);
    if (!u || u.qty.isZero()) {
      rows.push({ item: inv.item, kind: "usage", standard: null, actual: null, deviationPct: null, flagged: false, proposed: null, thin: byProduction ? { code: "not-consumed", madeOnly: true } : { code: "not-consumed" }, basis: ZERO });
      continue;
    }
    const standard = u.qty.dividedBy(u.output);
    const actual = looseUse ? looseUse(inv.item, inv.count) : u.qty.plus(shortfall.get(inv.item) ?? ZERO);
    // A BOM quantity must stay above zero: a count that leaves no use is no standard to propose.
    const perUnit = actual.dividedBy(u.output);
    const row = judge(inv.item, "usage", standard, perUnit, u.output, usagePlacesFor(standard, perUnit), actual.isPositive() && !actual.isZero() ? undefined : { code: "count-above-use" });
    // Every BOM line of the material is scaled alike: its quantity in each product moves by the same factor.
    if (row.flagged) {
      row.bomFactor = row.proposed!.dividedBy(standard);
      usageFactor.set(inv.item, row.bomFactor);
    }
    rows.push(row);
  }

  // ---- conversion: every rate the period's output allocated, against the plant's incurred ÷ allocated
  const conversion = result.variances.find((l) => l.kind === "conversion");
  const proposedRate = new Map<string, Dec>();
  // Where conversion is allocated at sale, what it allocated is the goods sold's; the conversion incurred made the goods
  // completed: their standard conversion (Production) is what it is measured against, and without it there is no measure.
  // The rates judged are those of the goods made (a product made but not sold had its rate proved too).
  const made = atSale ? standardConversionMade(model, production) : undefined;
  if (conversion && !(made ?? conversion.standard).isZero()) {
    const { actual: incurred } = conversion;
    const allocated = made ?? conversion.standard;
    // Nothing incurred (or a net reversal) is a missing record, not a rate of zero or below.
    const thin: ThinReason | undefined = incurred.lessThanOrEqualTo(0) ? { code: "no-conversion-incurred" } : atSale && (made === undefined || made.isZero()) ? { code: "no-production" } : undefined;
    const factor = allocated.isZero() ? ZERO : incurred.dividedBy(allocated);
    for (const item of [...convertingItems(model, flushedProducts, v)].sort(cmp)) {
      const rate = model.item(item)!.stdConversion!;
      const row = judge(item, "conversion", rate, rate.times(factor), allocated, unitPlaces, thin);
      if (row.flagged) proposedRate.set(item, row.proposed!);
      rows.push(row);
    }
  }

  // ---- the proposals as Items and BOM, rolled up by the engine's own rollup
  const proposedPrice = new Map(rows.filter((r) => r.kind === "price" && r.flagged).map((r) => [r.item, r.proposed!]));
  const proposedItems = input.items.map((it): ItemRecord => {
    const price = proposedPrice.get(it.item);
    const rate = proposedRate.get(it.item);
    return price || rate ? { ...it, ...(price ? { stdPrice: price } : {}), ...(rate ? { stdConversion: rate } : {}) } : it;
  });
  const proposedBom = input.bom.map((line): BomLineRecord => {
    const k = usageFactor.get(line.component);
    return k ? { ...line, qtyPer: line.qtyPer.times(k) } : line;
  });
  const proposedModel = new BomModel(proposedItems, proposedBom);
  const now = new Map(result.standards.map((s) => [s.item, s]));
  // A product whose BOM has ended is held at its last BOM, priced as the proposals price it (run.ts revalueGoods).
  const proposedCost = (item: string): StandardCost => {
    const c = proposedModel.unitCost(item, proposedModel.heldVersion(item, v));
    return { item, type: proposedModel.typeOf(item)!, material: c.material, conversion: c.conversion, total: c.material.plus(c.conversion) };
  };
  const rollup: RollupRow[] = result.standards.filter((s) => s.type === "assembly").map((s) => ({ item: s.item, standard: s, proposed: proposedCost(s.item) }));

  // ---- revaluation of the ending inventory at the proposed standards
  const revaluation: RevaluationRow[] = [];
  // What the next period books when it opens at this one's Closing with the proposals adopted (run.ts revalueBroughtForward):
  // each line of goods with a quantity is taken to quantity × the proposed standard from the value it closed at (a prorated
  // share and any value beyond standard included); where purchases are not booked, clearing together with the materials off
  // the books beside it, less their value at the price they came off at.
  const offBooks = new Map<string, { qty: Dec; value: Dec }>();
  for (const l of result.closing) {
    if (l.kind !== "units" || l.role !== "MATERIALS_CLEARING" || l.item === undefined) continue;
    const had = offBooks.get(l.item) ?? { qty: ZERO, value: ZERO };
    offBooks.set(l.item, { qty: had.qty.plus(l.qty), value: had.value.plus(l.qty.times(l.unitMaterial ?? now.get(l.item)?.material ?? ZERO)) });
  }
  const lines: { item: string; role: "RIP" | "MATERIALS_CLEARING" | "FG"; qty: Dec; value: Dec }[] = [];
  for (const l of result.closing) {
    if (l.kind !== "goods" || l.item === undefined || (l.role !== "RIP" && l.role !== "MATERIALS_CLEARING" && l.role !== "FG")) continue;
    lines.push({ item: l.item, role: l.role, qty: l.qty, value: l.value });
  }
  const inClearing = new Set(lines.filter((l) => l.role === "MATERIALS_CLEARING").map((l) => l.item));
  for (const item of offBooks.keys()) if (!inClearing.has(item)) lines.push({ item, role: "MATERIALS_CLEARING", qty: ZERO, value: ZERO });
  for (const l of lines) {
    const off = l.role === "MATERIALS_CLEARING" ? offBooks.get(l.item) : undefined;
    const qty = off ? l.qty.plus(off.qty) : l.qty;
    if (qty.isZero() || (!off && l.qty.isZero())) continue;
    const before = now.get(l.item);
    if (!before) continue;
    const after = proposedCost(l.item);
    const standard = l.role === "FG" ? before.total : before.material;
    const proposed = l.role === "FG" ? after.total : after.material;
    const offValue = off ? roundMoney(off.value, settings.minorUnits) : ZERO;
    // A standard the proposals leave as it is revalues nothing (the next period sees no change).
    const amount = proposed.equals(standard) ? ZERO : roundMoney(qty.times(proposed), settings.minorUnits).minus(offValue).minus(l.value).plus(ZERO);
    revaluation.push({ item: l.item, role: l.role, qty, standard, proposed, endingValue: l.value.plus(offValue), revaluation: amount });
  }
  const revaluationTotal = revaluation.reduce((a, r) => a.plus(r.revaluation), ZERO);

  return { tolerance, rows, rollup, revaluation, revaluationTotal, proposedItems, proposedBom };
}

/** The standard conversion of the goods the period completed (Production's days), each at the BOM version of its day; undefined without completions. */
function standardConversionMade(model: BomModel, days: readonly BookDay[]): Dec | undefined {
  if (days.length === 0) return undefined;
  let total = ZERO;
  for (const d of days) for (const g of d.groups) total = total.plus(g.qty.times(model.unitCost(g.item, model.versionOf(d.date)).conversion));
  return total;
}

/** Items of the products' trees (in `version`) that add conversion of their own: the rates the period's output allocated. */
function convertingItems(model: BomModel, products: Iterable<string>, version: number): Set<string> {
  const seen = new Set<string>();
  const out = new Set<string>();
  const visit = (item: string): void => {
    if (seen.has(item)) return;
    seen.add(item);
    const rate = model.item(item)?.stdConversion;
    if (rate && !rate.isZero()) out.add(item);
    for (const line of model.linesOf(item, version)) visit(line.component);
  };
  for (const p of products) visit(p);
  return out;
}

/**
 * Where materials are flushed at sale: a material's use in the period, as
 * what was on hand loose at the start (the Inventory table's Opening, and a
 * previous Closing's lines of it less what its goods on hand held of it,
 * which the Closing carries with it), plus what was bought, less `counted`,
 * the loose material counted (the Inventory table's Count: goods are counted
 * as goods).
 */
function looseMaterialUse(input: RunInput, model: BomModel, bought: ReadonlyMap<string, { qty: Dec }>, periodStart: IsoDate): (material: string, counted: Dec) => Dec {
  const start = model.versionOf(periodStart);
  const opening = new Map<string, Dec>();
  const add = (material: string, qty: Dec) => opening.set(material, (opening.get(material) ?? ZERO).plus(qty));
  for (const inv of input.inventory ?? []) if (inv.opening && model.typeOf(inv.item) === "material") add(inv.item, inv.opening);
  for (const l of input.broughtForward ?? []) {
    if (l.item === undefined || (l.kind !== "goods" && l.kind !== "units")) continue;
    if (l.role === "RIP" || l.role === "MATERIALS_CLEARING") add(l.item, l.qty);
    else if (l.role === "FG" && l.qty.isPositive()) for (const [material, per] of model.explode(l.item, start)) add(material, per.times(l.qty).negated());
  }
  return (material, counted) => (opening.get(material) ?? ZERO).plus(bought.get(material)?.qty ?? ZERO).minus(counted);
}
