/**
 * Single-purpose calls on the standards, for custom functions and callers that
 * need no full run: the rollup, an explosion, and single variances.
 */
import { BomModel } from "./bom";
import type { IsoDate } from "./dates";
import { IssueList, notInItems, said, type ProblemText } from "./errors";
import { Dec } from "./money";
import { cmp, muteUnknownItemsWhenEmpty, sayItemsEmpty, validateStructure } from "./prepare";
import type { BomLineRecord, ExplodedMaterial, ItemRecord, StandardCost } from "./types";

/**
 * Validates Items and BOM and returns the model to query. Throws
 * BackflushDataError listing every problem.
 */
export function checkStructure(items: readonly ItemRecord[], bom: readonly BomLineRecord[]): BomModel {
  const issues = new IssueList();
  muteUnknownItemsWhenEmpty(items, issues);
  const { bom: model } = validateStructure(items, bom, issues);
  sayItemsEmpty(issues);
  issues.throwIfAny();
  return model;
}

/** Standard cost (material, conversion, total) of every item, with the BOM in force on `asOf` (newest when absent). */
export function standardCosts(model: BomModel, items: readonly ItemRecord[], asOf?: IsoDate): StandardCost[] {
  const v = model.versionOf(asOf);
  requireComplete(model, items.map((i) => i.item), v, asOf);
  return [...new Set(items.map((i) => i.item))].sort(cmp).map((item) => {
    const c = model.unitCost(item, v);
    return { item, type: model.typeOf(item)!, material: c.material, conversion: c.conversion, total: c.material.plus(c.conversion) };
  });
}

/** Leaf materials and standard quantities in `qty` units of `item`, sorted by material. */
export function explode(model: BomModel, item: string, qty: Dec, asOf?: IsoDate): ExplodedMaterial[] {
  const v = model.versionOf(asOf);
  requireComplete(model, [item], v, asOf);
  return [...model.explode(item, v)].sort((a, b) => cmp(a[0], b[0])).map(([material, per]) => ({ material, qty: per.times(qty) }));
}

/** Purchase price variance: actual amount − qty × standard price. Positive is unfavorable. */
export function priceVariance(actualAmount: Dec, qty: Dec, stdPrice: Dec): Dec {
  return actualAmount.minus(qty.times(stdPrice));
}

/** Material usage variance: (book − counted) × standard price. Positive (material missing) is unfavorable. */
export function usageVariance(bookQty: Dec, countedQty: Dec, stdPrice: Dec): Dec {
  return bookQty.minus(countedQty).times(stdPrice);
}

/** Conversion variance: incurred − allocated. Positive (under-allocated) is unfavorable. */
export function conversionVariance(incurred: Dec, allocated: Dec): Dec {
  return incurred.minus(allocated);
}

/** Why an assembly has no line: on the day asked for, or, without one, from the day the newest lines start (lines that ended before it are no help). */
function noValidLine(model: BomModel, item: string, version: number, asOf?: IsoDate): ProblemText {
  if (asOf) return said("problem.noValidLineOn", { item, date: asOf });
  const since = model.versionStart(version);
  return since ? said("problem.noValidLineNewest", { item, date: since }) : said("problem.noValidLine", { item });
}

function requireComplete(model: BomModel, ids: readonly string[], version: number, asOf?: IsoDate): void {
  const issues = new IssueList();
  // An assembly in the trees of several items asked for (ROLLUP asks for all) is one problem, said once.
  const gaps = new Set<string>();
  for (const id of ids) {
    const item = model.item(id);
    if (!item) {
      issues.add("unknown-item", notInItems("Item", id));
      continue;
    }
    for (const gap of model.gaps(id, version)) {
      if (gaps.has(gap)) continue;
      gaps.add(gap);
      const where = model.item(gap);
      issues.add("no-valid-bom", noValidLine(model, gap, version, asOf), where ? { table: "Items", row: where.row, field: "Item" } : undefined);
    }
  }
  issues.throwIfAny();
}
