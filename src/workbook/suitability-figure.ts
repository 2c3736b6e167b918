/** A suitability check's figure as its catalog text states it (suit.*: the pane and the command line). */
import type { CheckStatus, SuitabilityCheck } from "../engine/types";
import type { Translator } from "../i18n";

const PERCENT_CHECKS: ReadonlySet<SuitabilityCheck["id"]> = new Set(["inventory-share", "inventory-change", "variance-share", "custom-work", "disposition"]);

/** The figure as the engine's messages state it: ratios as a percentage and days to one decimal, counts whole; exact decimal text. */
export function figureOf(c: SuitabilityCheck): string {
  if (c.id === "negative-inventory") return c.value.toFixed(0);
  if (c.id === "conversion-in-inventory") return c.value.toFixed(); // an amount, already in minor units
  const shown = PERCENT_CHECKS.has(c.id) ? c.value.times(100) : c.value;
  return shown.toDecimalPlaces(1).toFixed();
}

/** A check's finding in the translator's language (suit.*), from its figure as `figureOf` gives it: a count in its plural form. */
export function findingText(tr: Translator, c: { id: SuitabilityCheck["id"]; status: CheckStatus; figure: string }): string {
  if (c.status === "ok") return tr.t(`suit.${c.id}.ok`, { figure: tr.num(c.figure) });
  if (c.id === "negative-inventory") return tr.tn("suit.negative-inventory.bad", Number(c.figure));
  return tr.t(`suit.${c.id}.bad`, { figure: tr.num(c.figure) });
}
