/**
 * Validation of a period's input, and its aggregation by (date, item).
 *
 * Every semantic rule of the data lives here, once: adapters only turn cells
 * into typed values. All problems are collected and thrown together as one
 * BackflushDataError, each pointing at table, row and field.
 */
import { BomModel, MAX_BOM_LEVELS } from "./bom";
import { BackflushDataError, IssueList, notInItems, said, type Finding, type IssueLocation } from "./errors";
import type { IsoDate } from "./dates";
import { isIsoDate } from "./dates";
import { Dec, ZERO, minorUnitsOf, roundMoney } from "./money";
import { MovementBook, amountFinding, numberFinding, qtyFinding, type MovementTable, type Repeat } from "./movements";
import type {
  ConversionCostRecord,
  BomLineRecord,
  InventoryRecord,
  BroughtForwardLine,
  ItemRecord,
  ItemType,
  MovementRecord,
  PurchaseRecord,
  ResolvedSettings,
  RunInput,
  TableName,
} from "./types";
import { TRIGGER_SEQUENCES } from "./types";
import { SEQUENCE_RULES } from "./sequences";
import type { HasRows } from "./trace";

/** Movements of one item on one day, summed; `rows` are their sheet rows, sorted. */
export interface MovementGroup {
  readonly item: string;
  readonly qty: Dec;
  /** Actual amount (purchases only; zero otherwise). */
  readonly amount: Dec;
  readonly rows: readonly number[];
  /** `rows.length`, without making the list (a book makes it when first read). */
  readonly rowCount: number;
}

/** Per day (ascending), per item (ascending). */
export type DailyGroups = Map<IsoDate, MovementGroup[]>;

export interface ConversionGroup {
  category: string;
  amount: Dec;
  rows: number[];
}

export interface Prepared {
  settings: ResolvedSettings;
  items: readonly ItemRecord[];
  bom: BomModel;
  completions: DailyGroups;
  sales: DailyGroups;
  purchases: DailyGroups;
  conversion: Map<IsoDate, ConversionGroup[]>;
  inventory: readonly InventoryRecord[];
  /** A previous period's closing, opened first (engine/closing.ts). */
  broughtForward: readonly BroughtForwardLine[];
  /** Sheet rows of each table's records by day (ascending), for entry-level traces. */
  rowsByDay: { completions: Map<IsoDate, HasRows>; sales: Map<IsoDate, HasRows> };
}

const UNCATEGORIZED = "";

const ITEM_TYPES: readonly ItemType[] = ["material", "assembly", "phantom"];

/**
 * NaN and ±Infinity can reach the engine from callers that compute their
 * input; no sheet means them, so they are reported and never computed with.
 * Absent values pass (their own rules decide whether they are required).
 */
function finite(issues: IssueList, value: Dec | undefined, at: IssueLocation, field: string): boolean {
  // The location is made only for a finding: 20,000 BOM lines would make 40,000 for none.
  const f = value && numberFinding(field, value);
  if (f) issues.add(f.code, f, { ...at, field });
  return f === undefined;
}

/** Validates the whole input and groups it; throws BackflushDataError listing every problem. */
export function prepare(input: RunInput): Prepared {
  const issues = new IssueList();
  const { items, bom: bomLines, settings } = input;
  const inventory = input.inventory ?? [];
  muteUnknownItemsWhenEmpty(items, issues);

  // ---- settings
  if (!TRIGGER_SEQUENCES.includes(settings.sequence)) {
    issues.add("unknown-value", said("problem.unknownTriggers", { value: String(settings.sequence) }), { table: "Settings", field: "Triggers" });
  }
  if (settings.disposition !== "cogs" && settings.disposition !== "prorate") {
    issues.add("unknown-value", said("problem.unknownDisposition", { value: String(settings.disposition) }), { table: "Settings", field: "Disposition" });
  }
  for (const key of ["periodStart", "periodEnd"] as const) {
    const d = settings[key];
    const field = key === "periodStart" ? "PeriodStart" : "PeriodEnd";
    if (d !== undefined && !isIsoDate(d)) issues.add("not-a-date", said("problem.notADate", { field, value: `"${d}"` }), { table: "Settings", field });
  }
  if (settings.periodStart && settings.periodEnd && settings.periodStart > settings.periodEnd) {
    issues.add("date-order", said("problem.datesOutOfOrder", { first: "PeriodStart", start: settings.periodStart, last: "PeriodEnd", end: settings.periodEnd }), { table: "Settings", field: "PeriodEnd" });
  }

  const { types, bom } = validateStructure(items, bomLines, issues);

  const books = {
    Production: asBook("Production", input.completions),
    Sales: asBook("Sales", input.sales),
    Purchases: asBook("Purchases", input.purchases),
  };

  // ---- period
  let periodStart = settings.periodStart;
  let periodEnd = settings.periodEnd;
  if (periodStart === undefined || periodEnd === undefined) {
    let min: IsoDate | undefined;
    let max: IsoDate | undefined;
    const dates = [...Object.values(books).flatMap((b) => b.allDates()), ...input.conversion.map((r) => r.date)];
    for (const d of dates) {
      if ((min !== undefined && d >= min && max !== undefined && d <= max) || !isIsoDate(d)) continue;
      if (min === undefined || d < min) min = d;
      if (max === undefined || d > max) max = d;
    }
    if (min === undefined && periodStart === undefined && periodEnd === undefined) {
      issues.add("nothing-to-cost", said("problem.nothingToCost"), { table: "Settings", field: "PeriodStart" });
    }
    periodStart ??= min ?? periodEnd ?? "1970-01-01";
    periodEnd ??= max ?? periodStart;
  }
  const periodInOrder = periodStart <= periodEnd;
  const fromData = settings.periodStart === undefined ? (settings.periodEnd === undefined ? "both" : "start") : settings.periodEnd === undefined ? "end" : undefined;
  const resolved: ResolvedSettings = { ...settings, periodStart, periodEnd, minorUnits: minorUnitsOf(settings.currency), ...(fromData ? { periodFromData: fromData } : {}) };

  // ---- movements
  const dateFinding = (date: IsoDate): Finding | undefined => {
    if (!isIsoDate(date)) return { code: "not-a-date", ...said("problem.notADate", { field: "Date", value: `"${date}"` }) };
    if (periodInOrder && (date < resolved.periodStart || date > resolved.periodEnd)) {
      return { code: "date-outside-period", ...said("problem.outsidePeriod", { date, start: resolved.periodStart, end: resolved.periodEnd }) };
    }
    return undefined;
  };
  const itemFinding = (item: string, allowed: readonly ItemType[], what: WrongTypeKey): Finding | undefined => {
    const t = types.get(item);
    if (t === undefined) return { code: "unknown-item", ...notInItems("Item", item, types) };
    // A type that is none of ours (a caller's bad record, reported on Items) is named as it was given.
    if (!allowed.includes(t)) return { code: "wrong-item-type", ...said(what, { item, type: ITEM_TYPES.includes(t) ? { term: `problem.type.${t}` } : String(t) }) };
    return undefined;
  };
  const checkDate = (table: TableName, row: number, date: IsoDate): boolean => {
    const p = dateFinding(date);
    if (p) issues.add(p.code, p, { table, row, field: "Date" });
    return p === undefined;
  };

  /**
   * Validates a grouped table and hands its groups over. The date is checked
   * once per day and the item once per item (a problem is still reported on
   * every row it touches); problems come out in sheet-row order, then the
   * double entries.
   */
  const group = (book: MovementBook, allowed: readonly ItemType[], what: WrongTypeKey) => {
    const { table } = book;
    const found: (Finding & { row: number; field: string; order: number })[] = [];
    const onRow = (row: number, field: "Date" | "Item" | "Qty" | "Amount", p: Finding | undefined) => {
      if (p) found.push({ ...p, row, field, order: FIELD_ORDER[field] });
    };
    const groups: DailyGroups = new Map();
    const rowsByDay = new Map<IsoDate, HasRows>();
    const repeats: Repeat[] = [];
    const itemFindings = new Map<string, Finding | null>();
    const itemFindingOf = (item: string): Finding | undefined => {
      let p = itemFindings.get(item);
      if (p === undefined) itemFindings.set(item, (p = itemFinding(item, allowed, what) ?? null));
      return p ?? undefined;
    };
    for (const day of [...book.days()].sort((a, b) => cmp(a.date, b.date))) {
      const onDate = dateFinding(day.date);
      const list: MovementGroup[] = [];
      for (const g of day.groups) {
        const onItem = itemFindingOf(g.item);
        if (onDate || onItem) {
          for (const row of g.rows) {
            onRow(row, "Date", onDate);
            onRow(row, "Item", onItem);
          }
          continue;
        }
        for (const r of g.repeats) repeats.push(r);
        list.push(g); // a book's group is a MovementGroup already: no copy of tens of thousands of them
      }
      groups.set(day.date, list); // in item order already: the book hands a day's groups over so (BookDay.groups), and leaving some out keeps it
      rowsByDay.set(day.date, day); // the day itself: its rows are listed when a trace reads them
    }
    // Rows set aside for their own numbers get every other rule checked too.
    for (const r of book.setAside) {
      onRow(r.row, "Date", dateFinding(r.date));
      onRow(r.row, "Item", itemFindingOf(r.item));
      onRow(r.row, "Qty", qtyFinding(r.qty));
      if (r.amount) onRow(r.row, "Amount", amountFinding(r.amount));
    }
    for (const p of found.sort((a, b) => a.row - b.row || a.order - b.order)) issues.add(p.code, p, { table, row: p.row, field: p.field });
    for (const r of repeats.sort((a, b) => a.row - b.row)) {
      issues.add("duplicate-row", said("problem.repeatedRow", { first: String(r.first) }), { table, row: r.row });
    }
    return { groups, rowsByDay };
  };

  const completions = group(books.Production, ["assembly"], "problem.notCompleted");
  const sales = group(books.Sales, ["assembly"], "problem.notSold");
  const purchases = group(books.Purchases, ["material"], "problem.notPurchased");

  const conversion = new Map<IsoDate, ConversionGroup[]>();
  {
    const byDay = new Map<IsoDate, Map<string, ConversionGroup & { recs: ConversionCostRecord[] }>>();
    for (const r of input.conversion) {
      const dateOk = checkDate("Conversion", r.row, r.date);
      if (!finite(issues, r.amount, { table: "Conversion", row: r.row }, "Amount") || !dateOk) continue;
      const cat = r.category ?? UNCATEGORIZED;
      let day = byDay.get(r.date);
      if (!day) byDay.set(r.date, (day = new Map()));
      let g = day.get(cat);
      if (!g) day.set(cat, (g = { category: cat, amount: ZERO, rows: [], recs: [] }));
      g.amount = g.amount.plus(r.amount);
      g.rows.push(r.row);
      g.recs.push(r);
    }
    for (const day of [...byDay.keys()].sort()) {
      const groups = [...byDay.get(day)!.values()].sort((a, b) => cmp(a.category, b.category));
      for (const g of groups) {
        if (g.recs.length > 1) reportDuplicates("Conversion", g.recs, issues);
        g.rows.sort((a, b) => a - b);
      }
      conversion.set(day, groups.map(({ category, amount, rows }) => ({ category, amount, rows })));
    }
  }

  // ---- inventory
  const seenInventory = new Map<string, number>();
  for (const inv of inventory) {
    const at = { table: "Inventory" as const, row: inv.row };
    const t = types.get(inv.item);
    if (t === undefined) issues.add("unknown-item", notInItems("Item", inv.item, types), { ...at, field: "Item" });
    else if (t === "phantom") issues.add("wrong-item-type", said("problem.phantomStocked", { item: inv.item }), { ...at, field: "Item" });
    const first = seenInventory.get(inv.item);
    if (first !== undefined) issues.add("duplicate-key", said("problem.itemOnRow", { item: inv.item, first: String(first) }), { ...at, field: "Item" });
    else seenInventory.set(inv.item, inv.row);
    if (finite(issues, inv.opening, at, "Opening") && inv.opening?.isNegative()) issues.add("negative", said("problem.negative", { field: "Opening", value: { figure: inv.opening.toString() } }), { ...at, field: "Opening" });
    if (finite(issues, inv.count, at, "Count") && inv.count?.isNegative()) issues.add("negative", said("problem.negative", { field: "Count", value: { figure: inv.count.toString() } }), { ...at, field: "Count" });
    if (finite(issues, inv.openingValue, at, "OpeningValue") && inv.openingValue !== undefined) {
      if (inv.openingValue.isNegative()) issues.add("negative", said("problem.negative", { field: "OpeningValue", value: { figure: inv.openingValue.toString() } }), { ...at, field: "OpeningValue" });
      // No value without quantity: a value needs goods to sit in (a value of nothing beside no quantity says nothing).
      else if (!inv.openingValue.isZero() && (!inv.opening || !inv.opening.isPositive() || inv.opening.isZero())) issues.add("not-positive", said("problem.valueWithoutQty", { value: { figure: inv.openingValue.toString() } }), { ...at, field: "Opening" });
    }
  }

  sayItemsEmpty(issues);
  if (issues.size > 0) throw new BackflushDataError(issues.items);

  // ---- BOM versions in force where goods are flushed must be complete; goods sold from FG are sold at the standard they
  // are held at, which a BOM that has ended since keeps (heldVersion)
  const keepsGoods = SEQUENCE_RULES[resolved.sequence].holdsFinishedGoods;
  const checkVersions = (table: TableName, groups: DailyGroups, held: boolean) => {
    for (const [day, list] of groups) {
      const v = bom.versionOf(day);
      for (const g of list) {
        const gaps = bom.gaps(g.item, held ? bom.heldVersion(g.item, v) : v);
        if (gaps.length > 0) {
          issues.add("no-valid-bom", said("problem.noValidBom", { date: day, components: quotedList(gaps), item: g.item }), { table, row: g.rows[0], field: "Date" });
        }
      }
    }
  };
  checkVersions("Production", completions.groups, false);
  checkVersions("Sales", sales.groups, keepsGoods);
  // Goods on hand are valued with the BOM of the first day (opening) and counted with that of the last: exploded where no FG
  // is kept, valued against FG where it is (a count of nothing there may still take goods out of FG at that standard, the
  // one they are held at).
  for (const inv of inventory) {
    if (types.get(inv.item) !== "assembly") continue;
    for (const [field, day, units] of [["Opening", resolved.periodStart, inv.opening], ["Count", resolved.periodEnd, inv.count]] as const) {
      const needed = units !== undefined && (!units.isZero() || (field === "Count" && keepsGoods));
      const v = bom.versionOf(day);
      const gaps = needed ? bom.gaps(inv.item, field === "Count" && keepsGoods ? bom.heldVersion(inv.item, v) : v) : [];
      if (gaps.length > 0) {
        const key = field === "Opening" ? "problem.noValidBomOpening" : "problem.noValidBomCount";
        issues.add("no-valid-bom", said(key, { date: day, components: quotedList(gaps), item: inv.item }), { table: "Inventory", row: inv.row, field });
      }
    }
    // With CapitalizeConversion where no FG is kept, goods on hand hold their standard conversion in inventory (capitalized at
    // the period end): a value given below it cannot be held, and would come back as a gain at the period end.
    const v = bom.versionOf(resolved.periodStart);
    if (!keepsGoods && resolved.capitalizeConversion === true && inv.opening?.isPositive() && inv.openingValue !== undefined && bom.gaps(inv.item, v).length === 0) {
      const conversion = roundMoney(inv.opening.times(bom.unitCost(inv.item, v).conversion), resolved.minorUnits);
      if (roundMoney(inv.openingValue, resolved.minorUnits).lessThan(conversion)) {
        issues.add("below-conversion", said("problem.openingBelowConversion", { item: inv.item, value: { figure: inv.openingValue.toString() }, conversion: { figure: conversion.toFixed(resolved.minorUnits) } }), { table: "Inventory", row: inv.row, field: "OpeningValue" });
      }
    }
  }
  issues.throwIfAny();

  return {
    settings: resolved,
    items,
    bom,
    completions: completions.groups,
    sales: sales.groups,
    purchases: purchases.groups,
    conversion,
    inventory,
    broughtForward: input.broughtForward ?? [],
    rowsByDay: { completions: completions.rowsByDay, sales: sales.rowsByDay },
  };
}


/**
 * The rules on Items and BOM alone (duplicates, prices, unknown items, scrap,
 * validity dates, loops, assemblies without a BOM). Used by every run and by
 * the single-purpose calls (standard cost, explosion).
 */
/** An empty Items table makes every item named anywhere unknown: one problem at the table says so (sayItemsEmpty), not one per row. */
export function muteUnknownItemsWhenEmpty(items: readonly ItemRecord[], issues: IssueList): void {
  if (items.length === 0) issues.mute("unknown-item");
}

/** The one problem for the unknown items an empty Items table made (muteUnknownItemsWhenEmpty), when there were any. */
export function sayItemsEmpty(issues: IssueList): void {
  if (issues.leftOut("unknown-item") > 0) issues.add("no-items", said("problem.noItems"), { table: "Items" });
}

export function validateStructure(items: readonly ItemRecord[], bomLines: readonly BomLineRecord[], issues: IssueList): { types: Map<string, ItemType>; bom: BomModel } {
  // ---- items
  const types = new Map<string, ItemType>();
  for (const it of items) {
    const at = { table: "Items" as const, row: it.row };
    if (types.has(it.item)) {
      issues.add("duplicate-key", said("problem.itemTwice", { item: it.item }), { ...at, field: "Item" });
      continue;
    }
    types.set(it.item, it.type);
    if (!ITEM_TYPES.includes(it.type)) {
      issues.add("unknown-value", said("problem.unknownType", { value: String(it.type), item: it.item }), { ...at, field: "Type" });
    } else if (it.type === "material") {
      if (it.stdPrice === undefined) issues.add("no-price", said("problem.noPrice", { item: it.item }), { ...at, field: "StdPrice" });
      else if (finite(issues, it.stdPrice, at, "StdPrice") && it.stdPrice.isNegative()) issues.add("negative", said("problem.negativeOf", { field: "StdPrice", item: it.item }), { ...at, field: "StdPrice" });
    } else if (finite(issues, it.stdConversion, at, "StdConversion") && it.stdConversion?.isNegative()) {
      issues.add("negative", said("problem.negativeOf", { field: "StdConversion", item: it.item }), { ...at, field: "StdConversion" });
    }
  }

  // ---- BOM lines
  const bom = new BomModel(items, bomLines);
  // Parent → component → its lines: looked up by the two names as they are, no text made per line.
  const seenPairs = new Map<string, Map<string, (typeof bomLines)[number][]>>();
  for (const line of bomLines) {
    const at = { table: "BOM" as const, row: line.row };
    const parentType = types.get(line.parent);
    if (parentType === undefined) issues.add("unknown-item", notInItems("Parent", line.parent, types), { ...at, field: "Parent" });
    else if (parentType === "material") issues.add("material-has-bom", said("problem.materialHasBom", { item: line.parent }), { ...at, field: "Parent" });
    if (!types.has(line.component)) issues.add("unknown-item", notInItems("Component", line.component, types), { ...at, field: "Component" });
    if (finite(issues, line.qtyPer, at, "QtyPer") && (!line.qtyPer.isPositive() || line.qtyPer.isZero())) issues.add("not-positive", said("problem.notPositive", { field: "QtyPer", value: { figure: line.qtyPer.toString() } }), { ...at, field: "QtyPer" });
    if (finite(issues, line.scrap, at, "Scrap") && (line.scrap.isNegative() || line.scrap.greaterThanOrEqualTo(1))) {
      const percent = { figure: line.scrap.times(100).toString() };
      issues.add("scrap-range", said("problem.scrapRange", { field: "Scrap", value: { figure: line.scrap.toString() }, percent }), { ...at, field: "Scrap" });
    }
    for (const key of ["validFrom", "validTo"] as const) {
      const d = line[key];
      const field = key === "validFrom" ? "ValidFrom" : "ValidTo";
      if (d !== undefined && !isIsoDate(d)) issues.add("not-a-date", said("problem.notADate", { field, value: `"${d}"` }), { ...at, field });
    }
    if (line.validFrom && line.validTo && line.validFrom > line.validTo) {
      issues.add("date-order", said("problem.datesOutOfOrder", { first: "ValidFrom", start: line.validFrom, last: "ValidTo", end: line.validTo }), { ...at, field: "ValidTo" });
    }
    let components = seenPairs.get(line.parent);
    if (components === undefined) seenPairs.set(line.parent, (components = new Map()));
    const earlier = components.get(line.component);
    // Most pairs are listed once: the list is made only for a second line.
    const clash = earlier?.find((e) => overlaps(e.validFrom, e.validTo, line.validFrom, line.validTo));
    if (clash) {
      issues.add("duplicate-key", said("problem.bomLineTwice", { parent: line.parent, component: line.component, first: String(clash.row) }), { ...at, field: "Component" });
    }
    if (earlier) earlier.push(line);
    else components.set(line.component, [line]);
  }
  const loops = bom.findLoops();
  for (const loop of loops) {
    issues.add("bom-loop", said("problem.bomLoop", { path: loop.path.join(" → ") }), { table: "BOM", row: loop.closingLine.row, field: "Component" });
  }
  // The costing walks go down the BOM level by level: past MAX_BOM_LEVELS, a run is refused here rather than in the middle of one.
  const chain = loops.length === 0 ? bom.deepestChain() : [];
  if (chain.length > MAX_BOM_LEVELS) {
    const items = [chain[0].parent, ...chain.map((l) => l.component)];
    const path = items.length > 6 ? [...items.slice(0, 3), "…", ...items.slice(-2)].join(" → ") : items.join(" → ");
    issues.add("bom-too-deep", said("problem.bomTooDeep", { levels: chain.length, path, max: MAX_BOM_LEVELS }), { table: "BOM", row: chain[MAX_BOM_LEVELS].row, field: "Component" });
  }
  for (const it of items) {
    if ((it.type === "assembly" || it.type === "phantom") && types.get(it.item) === it.type && bom.allLinesOf(it.item).length === 0) {
      issues.add("no-bom", said(it.type === "phantom" ? "problem.noBomPhantom" : "problem.noBomAssembly", { item: it.item }), { table: "Items", row: it.row, field: "Item" });
    }
  }

  return { types, bom };
}

/**
 * Two rows identical in every column are taken as a double entry: the second
 * is reported. Rows that are really two events need different Refs.
 */
function reportDuplicates(table: TableName, recs: readonly ConversionCostRecord[], issues: IssueList): void {
  // Rows with different Refs are never duplicates, so most rows are settled by one map lookup;
  // only rows that share a Ref (or have none) are compared in full.
  const firstByRef = new Map<string, ConversionCostRecord>();
  const clashes = new Set<ConversionCostRecord>();
  for (const r of recs) {
    const k = r.ref ?? "";
    const first = firstByRef.get(k);
    if (first === undefined) firstByRef.set(k, r);
    else clashes.add(first).add(r);
  }
  if (clashes.size === 0) return;
  const seen = new Map<string, number>();
  for (const r of [...clashes].sort((a, b) => a.row - b.row)) {
    const key = [r.date, r.ref ?? "", r.amount.toString(), r.category ?? ""].join("\u0000");
    const first = seen.get(key);
    if (first !== undefined) {
      issues.add("duplicate-row", said("problem.repeatedRow", { first: String(first) }), { table, row: r.row });
    } else seen.set(key, r.row);
  }
}

/** Sheet order of a movement row's fields, so a row's problems read left to right. */
const FIELD_ORDER = { Date: 0, Item: 1, Qty: 2, Amount: 3 } as const;

/** A table's records grouped, or the book the reader already grouped. */
export function asBook(table: MovementTable, input: MovementBook | readonly (MovementRecord | PurchaseRecord)[]): MovementBook {
  return input instanceof MovementBook ? input : MovementBook.of(table, input);
}

function overlaps(aFrom?: IsoDate, aTo?: IsoDate, bFrom?: IsoDate, bTo?: IsoDate): boolean {
  return (aFrom === undefined || bTo === undefined || aFrom <= bTo) && (bFrom === undefined || aTo === undefined || bFrom <= aTo);
}

/** The rule an item of the wrong type breaks in a movement table. */
type WrongTypeKey = "problem.notCompleted" | "problem.notSold" | "problem.notPurchased";

/** Codes as a message lists them: each quoted. */
function quotedList(codes: readonly string[]): { list: string[] } {
  return { list: codes.map((c) => `"${c}"`) };
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
