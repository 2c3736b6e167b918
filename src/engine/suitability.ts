/**
 * Is backflushing sound for this plant and period? The conditions of
 * DOMAIN.md (short cycles, standard products, low or steady inventory,
 * accurate standards), each judged from the period's own figures, so the user
 * sees when results may not hold up under GAAP.
 */
import type { IsoDate } from "./dates";
import { daysBetween } from "./dates";
import { Dec, ZERO } from "./money";
import type { DailyGroups } from "./prepare";
import { SEQUENCE_RULES } from "./sequences";
import type { AccountRole, BalanceLine, CheckStatus, ResolvedSettings, SuitabilityCheck, SuitabilityReport, VarianceLine } from "./types";

/** The thresholds, in one place: [caution above, fail above]. */
export const SUITABILITY_LIMITS = {
  inventoryShare: [new Dec("0.10"), new Dec("0.25")],
  inventoryChange: [new Dec("0.10"), new Dec("0.25")],
  varianceShare: [new Dec("0.05"), new Dec("0.15")],
  rawDays: [new Dec(10), new Dec(30)],
  finishedDays: [new Dec(10), new Dec(30)],
  customWork: [new Dec("0.5"), new Dec("0.8")],
} as const;

export interface SuitabilityFacts {
  settings: ResolvedSettings;
  balances: readonly BalanceLine[];
  variances: readonly VarianceLine[];
  completions: DailyGroups;
  negativeItems: number;
  /** Standard conversion cost of the goods on hand where no FG is kept (zero where FG is kept: FG holds it). */
  conversionOnHand: Dec;
}

export function judgeSuitability(f: SuitabilityFacts): SuitabilityReport {
  const rules = SEQUENCE_RULES[f.settings.sequence];
  const total = (role: AccountRole, pick: (b: BalanceLine) => Dec) => f.balances.filter((b) => b.role === role).reduce((a, b) => a.plus(pick(b)), ZERO);
  const ending = (role: AccountRole) => total(role, (b) => b.endingValue);
  const opening = (role: AccountRole) => total(role, (b) => b.openingValue);
  const credits = (role: AccountRole) => total(role, (b) => b.credit);
  const cogs = ending("COGS");
  // Materials on hand sit in materials clearing where purchases are not booked.
  const inventoryEnd = ending("RIP").plus(ending("FG")).plus(ending("MATERIALS_CLEARING"));
  const inventoryOpen = opening("RIP").plus(opening("FG"));
  const days = new Dec(Math.max(1, daysBetween(f.settings.periodStart as IsoDate, f.settings.periodEnd as IsoDate) + 1));
  const checks: SuitabilityCheck[] = [];

  const share = (part: Dec, whole: Dec): Dec => (whole.isZero() ? (part.isZero() ? ZERO : new Dec(1e9)) : part.dividedBy(whole));
  const judge = (value: Dec, [caution, fail]: readonly [Dec, Dec]): CheckStatus => (value.greaterThan(fail) ? "fail" : value.greaterThan(caution) ? "caution" : "ok");
  const pct = (d: Dec) => `${d.times(100).toDecimalPlaces(1).toFixed()} %`;

  /** One ratio check: measured, judged against its limits, explained either way. */
  const ratioCheck = (id: SuitabilityCheck["id"], value: Dec, limits: readonly [Dec, Dec], ok: string, notOk: string): CheckStatus => {
    const status = judge(value, limits);
    checks.push({ id, status, value, threshold: limits[0], message: status === "ok" ? ok : notOk });
    return status;
  };

  const invShare = share(inventoryEnd, cogs);
  const invStatus = ratioCheck(
    "inventory-share",
    invShare,
    SUITABILITY_LIMITS.inventoryShare,
    `Ending inventory is ${pct(invShare)} of cost of goods sold: low, as backflushing assumes`,
    `Ending inventory is ${pct(invShare)} of cost of goods sold: inventories are material, so balances at standard may not fairly state cost under GAAP`,
  );
  const change = share(inventoryEnd.minus(inventoryOpen).abs(), cogs);
  ratioCheck(
    "inventory-change",
    change,
    SUITABILITY_LIMITS.inventoryChange,
    `Inventory moved by ${pct(change)} of cost of goods sold over the period: steady`,
    `Inventory moved by ${pct(change)} of cost of goods sold over the period: not steady, so costs shift between periods`,
  );
  const varianceTotal = f.variances.reduce((a, v) => a.plus(v.amount.abs()), ZERO);
  const varShare = share(varianceTotal, cogs);
  ratioCheck(
    "variance-share",
    varShare,
    SUITABILITY_LIMITS.varianceShare,
    `Variances are ${pct(varShare)} of cost of goods sold: the standards hold`,
    `Variances are ${pct(varShare)} of cost of goods sold: the standards look inaccurate; review them`,
  );

  if (rules.booksPurchases) {
    const perDay = credits("RIP").dividedBy(days);
    const rawDays = perDay.isZero() ? (ending("RIP").isZero() ? ZERO : new Dec(1e9)) : ending("RIP").dividedBy(perDay);
    const s = judge(rawDays, SUITABILITY_LIMITS.rawDays);
    checks.push({ id: "raw-days", status: s, value: rawDays, threshold: SUITABILITY_LIMITS.rawDays[0], message: `Materials on hand cover ${rawDays.toDecimalPlaces(1).toFixed()} days of use${s === "ok" ? ": a short cycle" : ": long for just-in-time production"}` });
  }
  if (rules.holdsFinishedGoods) {
    const perDay = credits("FG").dividedBy(days);
    const fgDays = perDay.isZero() ? (ending("FG").isZero() ? ZERO : new Dec(1e9)) : ending("FG").dividedBy(perDay);
    const s = judge(fgDays, SUITABILITY_LIMITS.finishedDays);
    checks.push({ id: "finished-days", status: s, value: fgDays, threshold: SUITABILITY_LIMITS.finishedDays[0], message: `Finished goods on hand cover ${fgDays.toDecimalPlaces(1).toFixed()} days of sales${s === "ok" ? "" : ": goods wait long between completion and sale"}` });
  }

  // Custom (one-off) work: products completed only once in the period, one unit.
  const totals = new Map<string, { qty: Dec; times: number }>();
  for (const groups of f.completions.values()) {
    for (const g of groups) {
      const t = totals.get(g.item);
      if (!t) totals.set(g.item, { qty: g.qty, times: g.rowCount });
      else {
        t.times += g.rowCount;
        // The quantity is read only for a product completed once: past one row it no longer matters.
        if (t.times <= 1) t.qty = t.qty.plus(g.qty);
      }
    }
  }
  if (totals.size > 0) {
    const oneOff = [...totals.values()].filter((t) => t.times === 1 && t.qty.lessThanOrEqualTo(1)).length;
    const ratio = new Dec(oneOff).dividedBy(totals.size);
    const s = judge(ratio, SUITABILITY_LIMITS.customWork);
    checks.push({ id: "custom-work", status: s, value: ratio, threshold: SUITABILITY_LIMITS.customWork[0], message: s === "ok" ? `${pct(ratio)} of products were one-off builds: standard products` : `${pct(ratio)} of products were one-off builds: custom work is better costed job by job` });
  }

  checks.push({
    id: "negative-inventory",
    status: f.negativeItems > 0 ? "caution" : "ok",
    value: new Dec(f.negativeItems),
    threshold: ZERO,
    message: f.negativeItems > 0 ? `${f.negativeItems} item(s) went below zero on the books: purchases, BOM or completions are incomplete or wrong` : "No item went below zero on the books",
  });

  // Purchase–sale and sale expense the conversion cost of goods still on hand; the amount is stated either way, and is a
  // caution when, left out, it is material (past the inventory-share limit of COGS).
  if (!rules.holdsFinishedGoods) {
    const amount = f.conversionOnHand;
    const money = amount.toFixed(f.settings.minorUnits);
    const included = f.settings.capitalizeConversion === true;
    const status: CheckStatus = included || share(amount, cogs).lessThanOrEqualTo(SUITABILITY_LIMITS.inventoryShare[0]) ? "ok" : "caution";
    checks.push({
      id: "conversion-in-inventory",
      status,
      value: amount,
      threshold: SUITABILITY_LIMITS.inventoryShare[0],
      message: included ? `Ending inventory includes ${money} of conversion cost, capitalized out of cost of goods sold (CapitalizeConversion)` : `Ending inventory excludes ${money} of conversion cost, expensed in cost of goods sold; set CapitalizeConversion to yes for inventory at full production cost (IAS 2, ASC 330)`,
    });
  }

  if (invStatus !== "ok" && f.settings.disposition === "cogs") {
    checks.push({ id: "disposition", status: "caution", value: invShare, threshold: SUITABILITY_LIMITS.inventoryShare[0], message: "Inventories are material but variances are written off to COGS; set Disposition to prorate" });
  }

  const verdict = checks.some((c) => c.status === "fail") ? "unsuitable" : checks.some((c) => c.status === "caution") ? "caution" : "suitable";
  return { verdict, checks };
}
