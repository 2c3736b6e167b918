/**
 * BACKFLUSH.* custom functions (bundle `functions`, loaded by taskpane.html in
 * the shared runtime). docs/functions.md is the user's guide to them.
 *
 * custom-functions-metadata-plugin reads the JSDoc below at build time and
 * writes dist/functions.json: `@customfunction ID` gives the id and name,
 * the TypeScript parameter types give Excel's types (`unknown[][]` is a range
 * of any values, a union is "any"), the untagged text is the help Excel
 * shows, `@helpurl` the link behind it. Every function must also be
 * registered under the same id at the bottom of this file.
 *
 * This file is the thin layer: the work is in core.ts (no Excel runtime
 * needed), and a FunctionError thrown there becomes a `CustomFunctions.Error`
 * here, so the cell shows #VALUE!, #NUM! or #N/A with the message in its error tip.
 * It also sets the language the core speaks: Excel's display language
 * (`Office.context.displayLanguage`), read at each call.
 */
/// <reference types="custom-functions-runtime" />
import type { Language } from "../i18n";
import { backflushedCost, conversionVarianceOf, explosionTable, journalTable, priceVarianceOf, reviewTable, rollupTable, standardCostOf, userLanguage, usageVarianceOf } from "./core";
import { FunctionError, asFunctionError } from "./errors";

/** Excel's display language ("sv-SE"), as office.js gives it to the shared runtime; undefined where there is none (Node, a plain browser, office.js not ready). */
function displayLanguage(): string | undefined {
  try {
    return typeof Office === "undefined" ? undefined : Office.context?.displayLanguage;
  } catch {
    return undefined;
  }
}

/** Runs a function's work in the user's language; in Excel, any error leaves as #VALUE!, #NUM! or #N/A with its message, never as a bare exception. */
function inCell<T>(compute: (language: Language) => T): T {
  const language = userLanguage(displayLanguage());
  try {
    return compute(language);
  } catch (e) {
    // Said here, once, in the user's language: what the functions read and cache stays language-free.
    throw forExcel(e instanceof FunctionError ? e.in(language) : e, language);
  }
}

/** Outside Excel (Node, a plain browser) the typed error is kept as it is, for the caller to inspect. */
function forExcel(e: unknown, language: Language): unknown {
  if (typeof CustomFunctions === "undefined" || typeof CustomFunctions.Error !== "function") return e;
  const fe = asFunctionError(e).in(language);
  const code = fe.code === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : fe.code === "#NUM!" ? CustomFunctions.ErrorCode.invalidNumber : CustomFunctions.ErrorCode.invalidValue;
  // Excel shows a message with #VALUE! and #N/A only: #NUM! takes none (custom-functions-runtime, ErrorCode.invalidNumber).
  return code === CustomFunctions.ErrorCode.invalidNumber ? new CustomFunctions.Error(code) : new CustomFunctions.Error(code, fe.message);
}

/**
 * Standard cost per unit of an item: material, conversion or both, rolled up through its bill of materials.
 * @customfunction STDCOST
 * @helpurl https://localhost:3000/functions.md#backflushstdcost
 * @param items The Items table (Item, Type, StdPrice, StdConversion, …), with or without its header row, e.g. Items[#All].
 * @param bom The BOM table (Parent, Component, QtyPer, Scrap, ValidFrom, ValidTo), with or without its header row, e.g. BOM[#All].
 * @param item The item code, as in Items.
 * @param part "total" (the default), "material" or "conversion".
 * @param asOf Use the BOM lines valid on this date; leave out for the newest lines.
 * @returns Standard cost per unit, not rounded.
 */
export function stdCost(items: unknown[][], bom: unknown[][], item: string, part?: string, asOf?: number | string): number {
  return inCell(() => standardCostOf(items, bom, item, part, asOf));
}

/**
 * Every item's standard cost per unit, as a table that spills: Item, Type, Material, Conversion, Total.
 * @customfunction ROLLUP
 * @helpurl https://localhost:3000/functions.md#backflushrollup
 * @param items The Items table, with or without its header row, e.g. Items[#All].
 * @param bom The BOM table, with or without its header row, e.g. BOM[#All].
 * @param asOf Use the BOM lines valid on this date; leave out for the newest lines.
 * @returns A header row, then one row per item, sorted by item code.
 */
export function rollup(items: unknown[][], bom: unknown[][], asOf?: number | string): Array<Array<string | number>> {
  return inCell((language) => rollupTable(items, bom, asOf, language));
}

/**
 * Leaf materials and their standard quantities in a quantity of an item, through sub-assemblies and phantoms, scrap included. Spills Material, Qty.
 * @customfunction EXPLODE
 * @helpurl https://localhost:3000/functions.md#backflushexplode
 * @param bom The BOM table, with or without its header row, e.g. BOM[#All]. A component that is never a Parent is a leaf material.
 * @param item The item to explode, as in the BOM.
 * @param qty How many units of the item.
 * @param asOf Use the BOM lines valid on this date; leave out for the newest lines.
 * @returns A header row, then one row per leaf material, sorted by material.
 */
export function explode(bom: unknown[][], item: string, qty: number, asOf?: number | string): Array<Array<string | number>> {
  return inCell((language) => explosionTable(bom, item, qty, asOf, language));
}

/**
 * Standard cost backflushed for a quantity of an item: quantity × standard cost per unit (total, material or conversion).
 * @customfunction COST
 * @helpurl https://localhost:3000/functions.md#backflushcost
 * @param items The Items table, with or without its header row, e.g. Items[#All].
 * @param bom The BOM table, with or without its header row, e.g. BOM[#All].
 * @param item The item code, as in Items.
 * @param qty How many units.
 * @param part "total" (the default), "material" or "conversion".
 * @param asOf Use the BOM lines valid on this date; leave out for the newest lines.
 * @returns The cost, not rounded (round it to your currency with ROUND).
 */
export function cost(items: unknown[][], bom: unknown[][], item: string, qty: number, part?: string, asOf?: number | string): number {
  return inCell(() => backflushedCost(items, bom, item, qty, part, asOf));
}

/**
 * Purchase price variance: the amount actually paid minus the quantity at standard price. Positive is unfavorable (paid more than standard), negative favorable.
 * @customfunction PRICEVAR
 * @helpurl https://localhost:3000/functions.md#backflushpricevar
 * @param actualAmount Amount actually paid for the purchase.
 * @param qty Quantity bought.
 * @param stdPrice Standard price per unit.
 * @returns The variance, not rounded (round it to your currency with ROUND).
 */
export function priceVar(actualAmount: number, qty: number, stdPrice: number): number {
  return inCell(() => priceVarianceOf(actualAmount, qty, stdPrice));
}

/**
 * Material usage variance: book quantity minus counted quantity, at standard price. Positive (material missing) is unfavorable.
 * @customfunction USAGEVAR
 * @helpurl https://localhost:3000/functions.md#backflushusagevar
 * @param bookQty Quantity on the books after backflushing.
 * @param countedQty Quantity physically counted.
 * @param stdPrice Standard price per unit.
 * @returns The variance, not rounded (round it to your currency with ROUND).
 */
export function usageVar(bookQty: number, countedQty: number, stdPrice: number): number {
  return inCell(() => usageVarianceOf(bookQty, countedQty, stdPrice));
}

/**
 * Conversion variance: conversion cost incurred minus conversion cost allocated at standard. Positive (under-allocated) is unfavorable.
 * @customfunction CONVVAR
 * @helpurl https://localhost:3000/functions.md#backflushconvvar
 * @param incurred Conversion cost actually incurred (labor and overhead).
 * @param allocated Conversion cost allocated at standard.
 * @returns The variance.
 */
export function convVar(incurred: number, allocated: number): number {
  return inCell(() => conversionVarianceOf(incurred, allocated));
}

/**
 * The period's backflush journal, recalculated live: the rows of the Journal sheet, header first.
 * @customfunction JOURNAL
 * @helpurl https://localhost:3000/functions.md#backflushjournal
 * @param items The Items table, with or without its header row, e.g. Items[#All].
 * @param bom The BOM table, with or without its header row, e.g. BOM[#All].
 * @param production The Production table (Date, Item, Qty, Ref): completions, e.g. Production[#All].
 * @param sales The Sales table (Date, Item, Qty, Ref), e.g. Sales[#All].
 * @param purchases The Purchases table (Date, Item, Qty, Amount, Ref), e.g. Purchases[#All].
 * @param conversion The Conversion table (Date, Amount, Category, Ref): conversion costs incurred, e.g. Conversion[#All].
 * @param triggers Trigger points, e.g. "purchase, completion, sale"; wins over the Settings table. Default: the Settings table's, else purchase, completion, sale.
 * @param inventory The Inventory table (Item, Opening, Count, OpeningValue), e.g. Inventory[#All].
 * @param settings The Settings table (period, currency, disposition), e.g. Settings[#All].
 * @param accounts The Accounts table (Role, Account, Name), e.g. Accounts[#All]. Default: the standard chart.
 * @returns A header row, then one row per journal line in posting order.
 */
export function journal(
  items: unknown[][],
  bom: unknown[][],
  production: unknown[][],
  sales: unknown[][],
  purchases: unknown[][],
  conversion: unknown[][],
  triggers?: string,
  inventory?: unknown[][],
  settings?: unknown[][],
  accounts?: unknown[][],
): Array<Array<string | number>> {
  return inCell((language) => journalTable({ items, bom, production, sales, purchases, conversion, triggers, inventory, settings, accounts }, language));
}

/**
 * The period's standards review, recalculated live: the rows of the Standards Review sheet, header first — which standards the period proved wrong, the proposals, each assembly's rollup and the revaluation of ending inventory.
 * @customfunction REVIEW
 * @helpurl https://localhost:3000/functions.md#backflushreview
 * @param items The Items table, with or without its header row, e.g. Items[#All].
 * @param bom The BOM table, with or without its header row, e.g. BOM[#All].
 * @param purchases The Purchases table (Date, Item, Qty, Amount, Ref), e.g. Purchases[#All].
 * @param production The Production table (Date, Item, Qty, Ref): completions, e.g. Production[#All].
 * @param inventory The Inventory table (Item, Opening, Count, OpeningValue): counts test the usage standards, e.g. Inventory[#All].
 * @param sales The Sales table (Date, Item, Qty, Ref), e.g. Sales[#All]. Default: no sales.
 * @param conversion The Conversion table (Date, Amount, Category, Ref), e.g. Conversion[#All]. Default: no conversion costs (the conversion rates are then too thin to judge).
 * @param triggers Trigger points, e.g. "purchase, completion, sale"; wins over the Settings table. Default: the Settings table's, else purchase, completion, sale.
 * @param settings The Settings table (period, currency, disposition, StandardTolerance), e.g. Settings[#All].
 * @param language The language of the headers and notes: "en", "sv" or "ms". Default: the Settings table's Language, else Excel's.
 * @returns A header row, then one row per standard tested, per assembly's rollup and per item revalued.
 */
export function review(
  items: unknown[][],
  bom: unknown[][],
  purchases: unknown[][],
  production: unknown[][],
  inventory: unknown[][],
  sales?: unknown[][],
  conversion?: unknown[][],
  triggers?: string,
  settings?: unknown[][],
  language?: string,
): Array<Array<string | number>> {
  return inCell((shown) => reviewTable({ items, bom, purchases, production, inventory, sales, conversion, triggers, settings, language }, shown));
}

// Registration, id → function, for Excel's custom-functions runtime. It only
// exists inside Excel; the same page opened in a plain browser has none.
// (webpack.config.js stops the metadata plugin from appending an unguarded copy.)
if (typeof CustomFunctions !== "undefined") {
  CustomFunctions.associate("STDCOST", stdCost);
  CustomFunctions.associate("ROLLUP", rollup);
  CustomFunctions.associate("EXPLODE", explode);
  CustomFunctions.associate("COST", cost);
  CustomFunctions.associate("PRICEVAR", priceVar);
  CustomFunctions.associate("USAGEVAR", usageVar);
  CustomFunctions.associate("CONVVAR", convVar);
  CustomFunctions.associate("JOURNAL", journal);
  CustomFunctions.associate("REVIEW", review);
}
