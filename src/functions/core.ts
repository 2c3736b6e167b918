/**
 * What each BACKFLUSH.* function computes, free of Excel's runtime: arguments
 * in as Excel passes them, a number or a spilled table out, a FunctionError
 * thrown when an argument is wrong. The arithmetic is the engine's, on the
 * same records the task pane reads, so a cell and a generated sheet never
 * disagree.
 *
 * A function that spills a table takes, last, the language its user reads
 * (functions.ts gives Excel's display language; English when left out), and
 * writes the table in it unless the workbook says otherwise (a Settings
 * range's Language; REVIEW's language argument). Errors are thrown in
 * English, language-free; functions.ts says them in the user's language.
 */
import type { BackflushResult, GroupedPeriodInput, ItemRecord, TableName } from "../engine/types";
import { MovementBook } from "../engine/movements";
import { reviewStandards } from "../engine/review";
import { LANGUAGES, pickLanguage, translator, type Language } from "../i18n";
import { excelSerialFromIso } from "../engine/dates";
import { type Dec, MAX_FIGURE, beyondMaxFigure } from "../engine/money";
import { BackflushDataError } from "../engine/errors";
import { runBackflush } from "../engine/run";
import { conversionVariance, explode, priceVariance, standardCosts, usageVariance } from "../engine/standards";
import type { TableLayout } from "../workbook/parse";
import { journalColumns, journalRows, type OutCell, type OutColumn, type OutKind } from "../workbook/render";
import { reviewSheets } from "../workbook/render-review";
import { accountsIn, sequenceOf } from "../workbook/schema";
import { bomOnlyStructureOf, cachedTable, structureOf, type CachedTable, type Structure } from "./cache";
import { FunctionError, dataError, functionError } from "./errors";
import { said, type ProblemParam } from "../i18n/problems";
import { choiceArg, dateArg, decArg, omitted, textArg } from "./ranges";

/** The language a function's user reads: Excel's display language ("sv-SE" → sv) when it is one of ours, else English. */
export function userLanguage(displayLanguage: string | undefined): Language {
  return pickLanguage({ office: displayLanguage });
}

/** A spilled cell: a number or text ("" for an empty cell; Excel would show null as 0). */
export type SpillCell = string | number;
/** A spilled table: a header row, then the data rows. */
export type Spill = SpillCell[][];

export const COST_PARTS = ["total", "material", "conversion"] as const;
export type CostPart = (typeof COST_PARTS)[number];

/** The word a spilled ROLLUP row gives each item type. */

/**
 * A result as the number a cell shows: #NUM! when it is beyond what the
 * engine carries exactly (10^15 or more, as for any figure read), so no
 * function returns ±Infinity or a number rounded away from its value.
 */
function numberOf(result: Dec): number {
  if (beyondMaxFigure(result)) throw functionError("#NUM!", "function.resultTooLarge", { result: result.toString(), max: { figure: MAX_FIGURE.toString() } });
  // Never −0 (a conversion cost of a material, negated): Excel shows it as 0, and a formula comparing it gets 0 too.
  const n = result.toNumber();
  return n === 0 ? 0 : n;
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
function knownItem(s: Structure, id: string, where: ProblemParam): ItemRecord {
  const found = s.model.item(id);
  if (found) return found;
  const lower = id.toLowerCase();
  const near = s.items.find((i) => i.item.toLowerCase() === lower);
  throw near ? functionError("#N/A", "function.unknownItemNear", { item: id, where, near: near.item }) : functionError("#N/A", "function.unknownItem", { item: id, where });
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
export function rollupTable(items: unknown, bom: unknown, asOf?: unknown, language: Language = "en"): Spill {
  const s = itemsAndBom(items, bom);
  const on = dateArg(asOf, "asOf");
  const costs = located(s.layouts, () => standardCosts(s.model, s.items, on));
  const t = translator(language);
  const header = [t.t("sheet.col.item"), t.t("function.col.type"), t.t("function.col.materialCost"), t.t("function.col.conversionCost"), t.t("function.col.total")];
  return [header, ...costs.map((c) => [c.item, t.t(`function.type.${c.type}`), numberOf(c.material), numberOf(c.conversion), numberOf(c.total)])];
}

/** EXPLODE: leaf materials and standard quantities in `qty` units of an item, from the BOM alone. */
export function explosionTable(bom: unknown, item: unknown, qty: unknown, asOf?: unknown, language: Language = "en"): Spill {
  const s = bomOnlyStructureOf(cachedTable("BOM", bom, "bom"));
  const id = textArg(item, "item");
  const units = decArg(qty, "qty");
  const on = dateArg(asOf, "asOf");
  const record = knownItem(s, id, { term: "function.inBomOnly", params: { argument: "bom" } });
  const materials = located(s.layouts, () => explode(s.model, record.item, units, on));
  const t = translator(language);
  return [[t.t("sheet.col.material"), t.t("sheet.col.qty")], ...materials.map((m) => [m.material, numberOf(m.qty)])];
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

/** The input tables of a period as read from their arguments; a movement table left out counts as empty. */
interface PeriodTables {
  items: CachedTable;
  bom: CachedTable;
  production?: CachedTable;
  sales?: CachedTable;
  purchases?: CachedTable;
  conversion?: CachedTable;
  inventory?: CachedTable;
  settings?: CachedTable;
  accounts?: CachedTable;
}

/** An optional range argument read as `table`; undefined when left out. */
const optionalTable = (table: TableName, arg: unknown, name: string): CachedTable | undefined => (omitted(arg) ? undefined : cachedTable(table, arg, name));

/**
 * Runs the period the tables hold, as the task pane would, the engine writing
 * its descriptions and memos in `language`. The Settings and Accounts ranges
 * play the part they play for the task pane; `triggers` wins over the
 * Settings table, as the task pane's choice does.
 */
function runPeriod(t: PeriodTables, triggers: unknown, language: Language): { input: GroupedPeriodInput; result: BackflushResult; accounts: CachedTable["accounts"] } {
  // A read without a Settings table carries the reader's defaults.
  const settings = { ...(t.settings ?? t.items).input.settings };
  if (!omitted(triggers)) {
    const text = typeof triggers === "string" ? triggers : String(triggers);
    const sequence = sequenceOf(text);
    if (!sequence) throw new FunctionError("#VALUE!", [said("problem.notTriggers", { field: "triggers", value: `"${text}"` })]);
    settings.sequence = sequence;
  }
  const input: GroupedPeriodInput = {
    items: t.items.input.items,
    bom: t.bom.input.bom,
    completions: t.production?.input.completions ?? MovementBook.of("Production", []),
    sales: t.sales?.input.sales ?? MovementBook.of("Sales", []),
    purchases: t.purchases?.input.purchases ?? MovementBook.of("Purchases", []),
    conversion: t.conversion?.input.conversion ?? [],
    inventory: t.inventory?.input.inventory ?? [],
    settings,
  };
  const layouts: Partial<Record<TableName, TableLayout>> = {};
  for (const table of [t.items, t.bom, t.production, t.sales, t.purchases, t.conversion, t.inventory, t.settings, t.accounts]) if (table) layouts[table.table] = table.layout;
  const result = located(layouts, () => runBackflush({ ...input, language }));
  return { input, result, accounts: (t.accounts ?? t.items).accounts };
}

/** JOURNAL: the whole period's journal, the rows of the Journal sheet, in the Settings range's Language, else the user's. */
export function journalTable(a: JournalArgs, language: Language = "en"): Spill {
  const tables: PeriodTables = {
    items: cachedTable("Items", a.items, "items"),
    bom: cachedTable("BOM", a.bom, "bom"),
    production: cachedTable("Production", a.production, "production"),
    sales: cachedTable("Sales", a.sales, "sales"),
    purchases: cachedTable("Purchases", a.purchases, "purchases"),
    conversion: cachedTable("Conversion", a.conversion, "conversion"),
    inventory: optionalTable("Inventory", a.inventory, "inventory"),
    settings: optionalTable("Settings", a.settings, "settings"),
    accounts: optionalTable("Accounts", a.accounts, "accounts"),
  };
  const written = tables.settings?.sheetLanguage ?? language;
  const { result, accounts: read } = runPeriod(tables, a.triggers, written);
  // The default accounts named in the language the rows are written in, as the Journal sheet names them.
  const accounts = accountsIn(read, written);
  const t = translator(written);
  // No sheet names: sources read "Production rows 5-7", as on the Journal sheet when the tables sit on sheets of their own names.
  const rows = journalRows(result, accounts, {}, t);
  return spillOf(journalColumns(t), rows);
}

/** The arguments of REVIEW, as Excel passes them. */
export interface ReviewArgs {
  items: unknown;
  bom: unknown;
  purchases: unknown;
  production: unknown;
  inventory: unknown;
  sales?: unknown;
  conversion?: unknown;
  triggers?: unknown;
  settings?: unknown;
  language?: unknown;
}

/**
 * REVIEW: the period's standards review, the rows of the Standards Review
 * sheet, in English, Swedish or Malay: the language argument's, else the
 * Settings range's Language, else the user's.
 */
export function reviewTable(a: ReviewArgs, language: Language = "en"): Spill {
  const asked = omitted(a.language) ? undefined : choiceArg(a.language, "language", LANGUAGE_CODES, language);
  const tables: PeriodTables = {
    items: cachedTable("Items", a.items, "items"),
    bom: cachedTable("BOM", a.bom, "bom"),
    purchases: cachedTable("Purchases", a.purchases, "purchases"),
    production: cachedTable("Production", a.production, "production"),
    inventory: cachedTable("Inventory", a.inventory, "inventory"),
    sales: optionalTable("Sales", a.sales, "sales"),
    conversion: optionalTable("Conversion", a.conversion, "conversion"),
    settings: optionalTable("Settings", a.settings, "settings"),
  };
  const written = asked ?? tables.settings?.sheetLanguage ?? language;
  const { input, result } = runPeriod(tables, a.triggers, written);
  const [sheet] = reviewSheets(reviewStandards(input, result), result.settings, written);
  return spillOf(sheet.columns, sheet.rows);
}

const LANGUAGE_CODES: readonly Language[] = LANGUAGES.map((l) => l.code);

/** A generated sheet's header and rows as a spilled table. */
function spillOf(columns: readonly OutColumn[], rows: readonly (readonly OutCell[])[]): Spill {
  const kinds = columns.map((c) => c.kind);
  return [columns.map((c) => c.header), ...rows.map((r) => r.map((cell, i) => spillCell(cell, kinds[i])))];
}

/** A generated-sheet cell as a spilled value: dates as Excel serial numbers, amounts as numbers, empty as "". */
function spillCell(cell: OutCell, kind: OutKind): SpillCell {
  if (cell === null) return "";
  if (typeof cell === "number") return cell;
  if (typeof cell === "string") return kind === "date" ? excelSerialFromIso(cell) : cell;
  return numberOf(cell);
}
