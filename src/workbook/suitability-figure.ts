/** A suitability check's figure as its catalog text states it (suit.*: the pane and the command line). */
import type { SuitabilityCheck } from "../engine/types";

const PERCENT_CHECKS: ReadonlySet<SuitabilityCheck["id"]> = new Set(["inventory-share", "inventory-change", "variance-share", "custom-work", "disposition"]);

/** The figure as the engine's messages state it: ratios as a percentage and days to one decimal, counts whole; exact decimal text. */
export function figureOf(c: SuitabilityCheck): string {
  if (c.id === "negative-inventory") return c.value.toFixed(0);
  if (c.id === "conversion-in-inventory") return c.value.toFixed(); // an amount, already in minor units
  const shown = PERCENT_CHECKS.has(c.id) ? c.value.times(100) : c.value;
  return shown.toDecimalPlaces(1).toFixed();
}
