/**
 * What each BACKFLUSH.* function computes, free of Excel's runtime: arguments
 * in as Excel passes them, a number or a spilled table out, a FunctionError
 * thrown when an argument is wrong. The arithmetic is the engine's, on the
 * same records the task pane reads, so a cell and a generated sheet never
 * disagree.
 */
import type { GroupedPeriodInput, ItemRecord, TableName } from "../engine/types";
import { excelSerialFromIso } from "../engine/dates";
import { type Dec, MAX_FIGURE_TEXT, beyondMaxFigure } from "../engine/money";
import { BackflushDataError } from "../engine/errors";
import { runBackflush } from "../engine/run";
import { conversionVariance, explode, priceVariance, standardCosts, usageVariance } from "../engine/standards";
import type { TableLayout } from "../workbook/parse";
import { JOURNAL_COLUMNS, journalRows, type OutCell, type OutKind } from "../workbook/render";
import { sequenceOf } from "../workbook/schema";
import { bomOnlyStructureOf, cachedTable, structureOf, type CachedTable, type Structure } from "./cache";
import { FunctionError, dataError } from "./errors";
import { choiceArg, dateArg, decArg, omitted, textArg } from "./ranges";

/** A spilled cell: a number or text ("" for an empty cell; Excel would show null as 0). */
export type SpillCell = string | number;
/** A spilled table: a header row, then the data rows. */
export type Spill = SpillCell[][];

export const COST_PARTS = ["total", "material", "conversion"] as const;
export type CostPart = (typeof COST_PARTS)[number];

const TYPE_LABELS = { material: "Material", assembly: "Assembly", phantom: "Phantom" } as const;

/**
 * A result as the number a cell shows: #NUM! when it is beyond what the
 * engine carries exactly (10^15 or more, as for any figure read), so no
 * function returns ±Infinity or a number rounded away from its value.
 */
function numberOf(result: Dec): number {
  if (beyondMaxFigure(result)) throw new FunctionError("#NUM!", `The result, ${result.toString()}, is too large; Backflush gives results below ${MAX_FIGURE_TEXT}, the most it carries exactly`);
  return result.toNumber();
}

/** Runs engine code, pointing any problem it finds at the argument ranges. */
function located<T>(layouts: Partial<Record<TableName, TableLayout>>, compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    if (e instanceof BackflushDataError) throw dataError(e, layouts);
    throw e;
  }
}

/** The item's record; #N/A naming where it was looked for, with a hint when only the case differs. */
function knownItem(s: Structure, id: string, where: string): ItemRecord {
  const found = s.model.item(id);
  if (found) return found;
  const lower = id.toLowerCase();
  const near = s.items.find((i) => i.item.toLowerCase() === lower);
  throw new FunctionError("#N/A", `Item "${id}" is not in ${where}${near ? ` (did you mean "${near.item}"? codes are case-sensitive)` : ""}`);
}

function itemsAndBom(items: unknown, bom: unknown): Structure {
  return structureOf(cachedTable("Items", items, "items"), cachedTable("BOM", bom, "bom"));
}

/** STDCOST: standard cost per unit of one item (total, material or conversion), with the BOM in force on `asOf`. */
export function standardCostOf(items: unknown, bom: unknown, item: unknown, part?: unknown, asOf?: unknown): number {
  const s = itemsAndBom(items, bom);
  const id = textArg(item, "item");
  const which = choiceArg(part, "part", COST_PARTS, "total");
  const on = dateArg(asOf, "asOf");
  const record = knownItem(s, id, "items");
  const [cost] = located(s.layouts, () => standardCosts(s.model, [record], on));
  return numberOf(cost[which]);
}

/** ROLLUP: every item's standard cost, one row each, sorted by item. */
export function rollupTable(items: unknown, bom: unknown, asOf?: unknown): Spill {
  const s = itemsAndBom(items, bom);
  const on = dateArg(asOf, "asOf");
  const costs = located(s.layouts, () => standardCosts(s.model, s.items, on));
  return [["Item", "Type", "Material", "Conversion", "Total"], ...costs.map((c) => [c.item, TYPE_LABELS[c.type], numberOf(c.material), numberOf(c.conversion), numberOf(c.total)])];
}

/** EXPLODE: leaf materials and standard quantities in `qty` units of an item, from the BOM alone. */
export function explosionTable(bom: unknown, item: unknown, qty: unknown, asOf?: unknown): Spill {
  const s = bomOnlyStructureOf(cachedTable("BOM", bom, "bom"));
  const id = textArg(item, "item");
  const units = decArg(qty, "qty");
  const on = dateArg(asOf, "asOf");
  const record = knownItem(s, id, "bom (neither a Parent nor a Component)");
  const materials = located(s.layouts, () => explode(s.model, record.item, units, on));
  return [["Material", "Qty"], ...materials.map((m) => [m.material, numberOf(m.qty)])];
}

/** COST: standard cost of `qty` units of an item (total, material or conversion), not rounded. */
export function backflushedCost(items: unknown, bom: unknown, item: unknown, qty: unknown, part?: unknown, asOf?: unknown): number {
  const s = itemsAndBom(items, bom);
  const id = textArg(item, "item");
  const units = decArg(qty, "qty");
  const which = choiceArg(part, "part", COST_PARTS, "total");
  const on = dateArg(asOf, "asOf");
  const record = knownItem(s, id, "items");
  const [cost] = located(s.layouts, () => standardCosts(s.model, [record], on));
  return numberOf(cost[which].times(units));
}

/** PRICEVAR: actual amount − qty × standard price. Positive is unfavorable. */
export function priceVarianceOf(actualAmount: unknown, qty: unknown, stdPrice: unknown): number {
  return numberOf(priceVariance(decArg(actualAmount, "actualAmount"), decArg(qty, "qty"), decArg(stdPrice, "stdPrice")));
}

/** USAGEVAR: (book − counted) × standard price. Positive (material missing) is unfavorable. */
export function usageVarianceOf(bookQty: unknown, countedQty: unknown, stdPrice: unknown): number {
  return numberOf(usageVariance(decArg(bookQty, "bookQty"), decArg(countedQty, "countedQty"), decArg(stdPrice, "stdPrice")));
}

/** CONVVAR: incurred − allocated. Positive (under-allocated) is unfavorable. */
export function conversionVarianceOf(incurred: unknown, allocated: unknown): number {
  return numberOf(conversionVariance(decArg(incurred, "incurred"), decArg(allocated, "allocated")));
}

/** The arguments of JOURNAL, as Excel passes them. */
export interface JournalArgs {
  items: unknown;
  bom: unknown;
  production: unknown;
  sales: unknown;
  purchases: unknown;
  conversion: unknown;
  triggers?: unknown;
  inventory?: unknown;
  settings?: unknown;
  accounts?: unknown;
}

/**
 * JOURNAL: the whole period's journal, the rows of the Journal sheet. The
 * Settings and Accounts ranges play the part they play for the task pane;
 * `triggers` wins over the Settings table, as the task pane's choice does.
 */
export function journalTable(a: JournalArgs): Spill {
  const read = (table: TableName, arg: unknown, name: string): CachedTable | undefined => (omitted(arg) ? undefined : cachedTable(table, arg, name));
  const items = cachedTable("Items", a.items, "items");
  const bom = cachedTable("BOM", a.bom, "bom");
  const production = cachedTable("Production", a.production, "production");
  const sales = cachedTable("Sales", a.sales, "sales");
  const purchases = cachedTable("Purchases", a.purchases, "purchases");
  const conversion = cachedTable("Conversion", a.conversion, "conversion");
  const inventory = read("Inventory", a.inventory, "inventory");
  const settingsTable = read("Settings", a.settings, "settings");
  const accountsTable = read("Accounts", a.accounts, "accounts");
  // A read without a Settings table carries the reader's defaults.
  const settings = { ...(settingsTable ?? items).input.settings };
  if (!omitted(a.triggers)) {
    const text = typeof a.triggers === "string" ? a.triggers : String(a.triggers);
    const sequence = sequenceOf(text);
    if (!sequence) throw new FunctionError("#VALUE!", `triggers "${text}" is not a trigger sequence; write purchase, completion, sale — or purchase, sale — or completion, sale — or sale`);
    settings.sequence = sequence;
  }
  const input: GroupedPeriodInput = {
    items: items.input.items,
    bom: bom.input.bom,
    completions: production.input.completions,
    sales: sales.input.sales,
    purchases: purchases.input.purchases,
    conversion: conversion.input.conversion,
    inventory: inventory?.input.inventory ?? [],
    settings,
  };
  const layouts: Partial<Record<TableName, TableLayout>> = {};
  for (const t of [items, bom, production, sales, purchases, conversion, inventory, settingsTable, accountsTable]) if (t) layouts[t.table] = t.layout;
  const result = located(layouts, () => runBackflush(input));
  // No sheet names: sources read "Production rows 5-7", as on the Journal sheet when the tables sit on sheets of their own names.
  const rows = journalRows(result, (accountsTable ?? items).accounts, {});
  const kinds = JOURNAL_COLUMNS.map((c) => c.kind);
  return [JOURNAL_COLUMNS.map((c) => c.header), ...rows.map((r) => r.map((cell, i) => spillCell(cell, kinds[i])))];
}

/** A generated-sheet cell as a spilled value: dates as Excel serial numbers, amounts as numbers, empty as "". */
function spillCell(cell: OutCell, kind: OutKind): SpillCell {
  if (cell === null) return "";
  if (typeof cell === "number") return cell;
  if (typeof cell === "string") return kind === "date" ? excelSerialFromIso(cell) : cell;
  return numberOf(cell);
}
