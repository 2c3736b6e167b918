/**
 * BACKFLUSH.* custom functions (bundle `functions`, loaded by taskpane.html in
 * the shared runtime).
 *
 * custom-functions-metadata-plugin reads the JSDoc below at build time and
 * writes dist/functions.json: `@customfunction ID` gives the id and name,
 * the TypeScript parameter types give Excel's types, the untagged text is the
 * help Excel shows. Every function must also be registered under the same id
 * at the bottom of this file.
 *
 * Excel hands numbers over as JS floats; they go straight into `Dec` (which
 * takes a number's shortest decimal form, so 0.1 is exactly 0.1) and the
 * arithmetic is the engine's.
 */
/// <reference types="custom-functions-runtime" />
import { Dec, priceVariance } from "../engine";

/**
 * Purchase price variance: the amount actually paid minus the quantity at standard price. Positive is unfavorable (paid more than standard), negative favorable.
 * @customfunction PRICEVAR
 * @param actualAmount Amount actually paid for the purchase.
 * @param qty Quantity bought.
 * @param stdPrice Standard price per unit.
 * @returns The variance, not rounded (round it to your currency with ROUND).
 */
export function priceVar(actualAmount: number, qty: number, stdPrice: number): number {
  return priceVariance(new Dec(actualAmount), new Dec(qty), new Dec(stdPrice)).toNumber();
}

// Registration, id → function, for Excel's custom-functions runtime. It only
// exists inside Excel; the same page opened in a plain browser has none.
// (webpack.config.js stops the metadata plugin from appending an unguarded copy.)
if (typeof CustomFunctions !== "undefined") {
  CustomFunctions.associate("PRICEVAR", priceVar);
}
