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
import { told, wordingOf, type EngineText, type Wording } from "./wording";

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
  /** Materials flushed out of RIP at standard (completions, or sales where they flush): the use raw-days divides by. */
  flushedFromRip: Dec;
  /** Finished goods relieved by sales (at standard, and the carried share that goes with them): what finished-days divides by (not counts, revaluations or prorations). */
  soldFromFg: Dec;
  negativeItems: number;
  /**
   * Where purchases are not booked: the materials on hand off the books, at the price they came off at (the same at the
   * start and the end: they stay off the books all period). Clearing's balance leaves them out, so that it alone would
   * understate the inventory (a flush of them takes it below zero).
   */
  materialsOffBooks: Dec;
  /** Standard conversion cost of the goods on hand where no FG is kept (zero where FG is kept: FG holds it). */
  conversionOnHand: Dec;
  /** The language the findings are written in; English when absent. */
  wording?: Wording;
}

/** What a ratio of something to nothing measures (no cost of goods sold, no use, no sales): past every limit, and said in words, not as a figure. */
const NO_MEASURE = new Dec(Infinity);

export function judgeSuitability(f: SuitabilityFacts): SuitabilityReport {
  const rules = SEQUENCE_RULES[f.settings.sequence];
  const total = (role: AccountRole, pick: (b: BalanceLine) => Dec) => f.balances.filter((b) => b.role === role).reduce((a, b) => a.plus(pick(b)), ZERO);
  const ending = (role: AccountRole) => total(role, (b) => b.endingValue);
  const opening = (role: AccountRole) => total(role, (b) => b.openingValue);
  const cogs = ending("COGS");
  // Materials on hand sit in materials clearing where purchases are not booked (and a previous period's Closing opens it
  // so), and beside it off the books.
  const inventoryEnd = ending("RIP").plus(ending("FG")).plus(ending("MATERIALS_CLEARING")).plus(f.materialsOffBooks);
  const inventoryOpen = opening("RIP").plus(opening("FG")).plus(opening("MATERIALS_CLEARING")).plus(f.materialsOffBooks);
  const days = new Dec(Math.max(1, daysBetween(f.settings.periodStart as IsoDate, f.settings.periodEnd as IsoDate) + 1));
  const checks: SuitabilityCheck[] = [];

  // A part of nothing: no ratio, judged past every limit and said in words of its own (.none), never as a figure.
  // Sizes, not signs: a cost of goods sold driven below zero by favorable variances, or an inventory below zero, is no
  // small share (it read "-584 %: the standards hold" and "cover -19.3 days").
  const share = (part: Dec, whole: Dec): Dec => (whole.isZero() ? (part.isZero() ? ZERO : NO_MEASURE) : part.abs().dividedBy(whole.abs()));
  const judge = (value: Dec, [caution, fail]: readonly [Dec, Dec]): CheckStatus => (value.greaterThan(fail) ? "fail" : value.greaterThan(caution) ? "caution" : "ok");
  const w = f.wording ?? wordingOf("en");
  /** A ratio as the percentage a finding prints (one decimal), in the findings' language. */
  const pct = (d: Dec) => ({ figure: d.times(100).toDecimalPlaces(1).toFixed() });
  const days1 = (d: Dec) => ({ figure: d.toDecimalPlaces(1).toFixed() });
  /** A check with its finding, said in the run's language and kept to be said in another. */
  const add = (check: Omit<SuitabilityCheck, "message" | "text">, text: EngineText) => checks.push({ ...check, message: w.say(text), text });

  /** One ratio check: measured, judged against its limits, explained either way (`none` where there was nothing to measure against). */
  const ratioCheck = (id: SuitabilityCheck["id"], value: Dec, limits: readonly [Dec, Dec], ok: EngineText, notOk: EngineText, none: EngineText): CheckStatus => {
    const status = judge(value, limits);
    add({ id, status, value, threshold: limits[0] }, !value.isFinite() ? none : status === "ok" ? ok : notOk);
    return status;
  };

  const invShare = share(inventoryEnd, cogs);
  const invStatus = ratioCheck(
    "inventory-share",
    invShare,
    SUITABILITY_LIMITS.inventoryShare,
    told("engine.suit.inventoryShare.ok", { share: pct(invShare) }),
    told("engine.suit.inventoryShare.bad", { share: pct(invShare) }),
    told("engine.suit.inventoryShare.none"),
  );
  const change = share(inventoryEnd.minus(inventoryOpen).abs(), cogs);
  ratioCheck(
    "inventory-change",
    change,
    SUITABILITY_LIMITS.inventoryChange,
    told("engine.suit.inventoryChange.ok", { share: pct(change) }),
    told("engine.suit.inventoryChange.bad", { share: pct(change) }),
    told("engine.suit.inventoryChange.none"),
  );
  // A revaluation measures a standard changed on purpose (adopting the standards review's proposals books one), not a
  // standard proved wrong: the inaccuracy the check is about is in the other kinds.
  const varianceTotal = f.variances.reduce((a, v) => (v.kind === "revaluation" ? a : a.plus(v.amount.abs())), ZERO);
  const varShare = share(varianceTotal, cogs);
  ratioCheck(
    "variance-share",
    varShare,
    SUITABILITY_LIMITS.varianceShare,
    told("engine.suit.varianceShare.ok", { share: pct(varShare) }),
    told("engine.suit.varianceShare.bad", { share: pct(varShare) }),
    told("engine.suit.varianceShare.none"),
  );

  if (rules.booksPurchases) {
    const perDay = f.flushedFromRip.dividedBy(days);
    const rawDays = share(ending("RIP"), perDay);
    const s = judge(rawDays, SUITABILITY_LIMITS.rawDays);
    add({ id: "raw-days", status: s, value: rawDays, threshold: SUITABILITY_LIMITS.rawDays[0] }, !rawDays.isFinite() ? told("engine.suit.rawDays.none") : told(s === "ok" ? "engine.suit.rawDays.ok" : "engine.suit.rawDays.bad", { days: days1(rawDays) }));
  }
  if (rules.holdsFinishedGoods) {
    const perDay = f.soldFromFg.dividedBy(days);
    const fgDays = share(ending("FG"), perDay);
    const s = judge(fgDays, SUITABILITY_LIMITS.finishedDays);
    add({ id: "finished-days", status: s, value: fgDays, threshold: SUITABILITY_LIMITS.finishedDays[0] }, !fgDays.isFinite() ? told("engine.suit.finishedDays.none") : told(s === "ok" ? "engine.suit.finishedDays.ok" : "engine.suit.finishedDays.bad", { days: days1(fgDays) }));
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
    add({ id: "custom-work", status: s, value: ratio, threshold: SUITABILITY_LIMITS.customWork[0] }, told(s === "ok" ? "engine.suit.customWork.ok" : "engine.suit.customWork.bad", { share: pct(ratio) }));
  }

  add(
    { id: "negative-inventory", status: f.negativeItems > 0 ? "caution" : "ok", value: new Dec(f.negativeItems), threshold: ZERO },
    f.negativeItems > 0 ? { plural: "engine.suit.negativeInventory.bad", count: f.negativeItems } : told("engine.suit.negativeInventory.ok"),
  );

  // Purchase–sale and sale expense the conversion cost of goods still on hand; the amount is stated either way, and is a
  // caution when, left out, it is material (past the inventory-share limit of COGS).
  if (!rules.holdsFinishedGoods) {
    const amount = f.conversionOnHand;
    const money = { figure: amount.toFixed(f.settings.minorUnits) };
    const included = f.settings.capitalizeConversion === true;
    const status: CheckStatus = included || share(amount, cogs).lessThanOrEqualTo(SUITABILITY_LIMITS.inventoryShare[0]) ? "ok" : "caution";
    add({ id: "conversion-in-inventory", status, value: amount, threshold: SUITABILITY_LIMITS.inventoryShare[0] }, told(included ? "engine.suit.conversionIncluded" : "engine.suit.conversionExcluded", { amount: money }));
  }

  if (invStatus !== "ok" && f.settings.disposition === "cogs") {
    add({ id: "disposition", status: "caution", value: invShare, threshold: SUITABILITY_LIMITS.inventoryShare[0] }, told("engine.suit.disposition"));
  }

  const verdict = checks.some((c) => c.status === "fail") ? "unsuitable" : checks.some((c) => c.status === "caution") ? "caution" : "suitable";
  return { verdict, checks };
}
