/**
 * The Backflush engine: pure TypeScript, no Office, no file system, no DOM.
 * docs/engine.md describes this API in words.
 *
 *   runBackflush(input)        → journal, consumption, variances, balances, warnings, suitability, closing
 *   broughtForwardOf(closing)  → a closing as the next period's opening (input.broughtForward)
 *   checkStructure(items, bom) → a validated BomModel
 *   standardCosts(model, items, asOf?) → material, conversion and total standard cost of every item
 *   explode(model, item, qty, asOf?) → leaf materials and standard quantities
 *   priceVariance / usageVariance / conversionVariance → single variances, positive = unfavorable
 *   reviewStandards(input, result) → which standards the period proved wrong, proposals, rollup, revaluation
 */
export * from "./types";
export * from "./errors";
export { Dec, ZERO, ONE, dec, roundMoney, apportion, minorUnitsOf, sum, MAX_FIGURE } from "./money";
export type { IsoDate } from "./dates";
export { isIsoDate, isoFromExcelSerial, excelSerialFromIso, isoFromUtcDate, daysBetween, nextDay } from "./dates";
export { runBackflush } from "./run";
export { broughtForwardOf, CARRIED_ROLES } from "./closing";
export { BomModel, effectiveQty, MAX_BOM_LEVELS } from "./bom";
export type { UnitCost, Explosion } from "./bom";
export { SEQUENCE_RULES, SEQUENCE_LABELS } from "./sequences";
export type { SequenceRules } from "./sequences";
export { SUITABILITY_LIMITS } from "./suitability";
export { standardCosts, explode, priceVariance, usageVariance, conversionVariance, checkStructure } from "./standards";
export { prepare } from "./prepare";
export { wordingOf } from "./wording";
export type { Wording } from "./wording";
export { MovementBook } from "./movements";
export type { MovementTable } from "./movements";
export type { Prepared, MovementGroup, DailyGroups } from "./prepare";
export { reviewStandards, DEFAULT_STANDARD_TOLERANCE, THIN_PURCHASE_SHARE, PROPOSAL_EXTRA_PLACES, USAGE_PLACES, DEVIATION_PLACES } from "./review";
export type { StandardsReview, ReviewRow, RollupRow, RevaluationRow, ThinReason } from "./review";
