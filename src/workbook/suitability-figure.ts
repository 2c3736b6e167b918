/** A suitability check's figure as its catalog text states it (suit.*: the pane and the command line). */
import type { CheckStatus, SuitabilityCheck } from "../engine/types";
import type { Translator } from "../i18n";

const PERCENT_CHECKS: ReadonlySet<SuitabilityCheck["id"]> = new Set(["inventory-share", "inventory-change", "variance-share", "custom-work", "disposition"]);
/** The checks that can measure against nothing (no cost of goods sold, no use, no sales): the engine's value is then infinite. */
type MeasuredAgainst = "inventory-share" | "inventory-change" | "variance-share" | "raw-days" | "finished-days";
const MEASURED_AGAINST: ReadonlySet<string> = new Set<MeasuredAgainst>(["inventory-share", "inventory-change", "variance-share", "raw-days", "finished-days"]);
/** The figure of a check that had nothing to measure against, as `Finding.figure` carries it (the engine's value, Infinity, as decimal.js writes it). */
export const NOTHING_TO_MEASURE = "Infinity";

/** The figure as the engine's messages state it: ratios as a percentage and days to one decimal, counts whole, amounts in the currency's minor units; exact decimal text. */
function figureOf(c: SuitabilityCheck, minorUnits: number): string {
  if (!c.value.isFinite()) return NOTHING_TO_MEASURE;
  if (c.id === "negative-inventory") return c.value.toFixed(0);
  if (c.id === "conversion-in-inventory") return c.value.toFixed(minorUnits); // an amount: its cents too, as the engine's message has them
  const shown = PERCENT_CHECKS.has(c.id) ? c.value.times(100) : c.value;
  return shown.toDecimalPlaces(1).toFixed();
}

/** What a finding is said from: the check, its figure, and for the conversion in inventory whether it is included (its status alone cannot tell: a small amount left out is ok too). */
export interface Finding {
  id: SuitabilityCheck["id"];
  status: CheckStatus;
  figure: string;
  included?: boolean;
}

export function findingOf(c: SuitabilityCheck, minorUnits: number): Finding {
  const finding: Finding = { id: c.id, status: c.status, figure: figureOf(c, minorUnits) };
  if (c.id === "conversion-in-inventory") finding.included = "key" in c.text && c.text.key === "engine.suit.conversionIncluded";
  return finding;
}

/** A check's finding in the translator's language (suit.*), from its figure as `figureOf` gives it: a count in its plural form; the conversion in inventory included or left out, as the engine's message says. */
export function findingText(tr: Translator, c: Finding): string {
  if (c.id === "conversion-in-inventory") return tr.t(c.included ? "suit.conversion-in-inventory.included" : "suit.conversion-in-inventory.excluded", { figure: tr.num(c.figure) });
  if (c.figure === NOTHING_TO_MEASURE && MEASURED_AGAINST.has(c.id)) return tr.t(`suit.${c.id as MeasuredAgainst}.none`);
  if (c.status === "ok") return tr.t(`suit.${c.id}.ok`, { figure: tr.num(c.figure) });
  if (c.id === "negative-inventory") return tr.tn("suit.negative-inventory.bad", Number(c.figure));
  return tr.t(`suit.${c.id}.bad`, { figure: tr.num(c.figure) });
}
