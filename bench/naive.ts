/**
 * The naive reference, for the benchmark only: what a first attempt at
 * backflushing does — for every flushed row on its own, walk the product's
 * BOM down to the leaf materials with Decimal arithmetic, with no memo and
 * no grouping of rows, and add each leaf quantity to a running total. It
 * computes only the standard material quantities (no journal, no variances),
 * so the engine's ratio against it is a lower bound.
 *
 * It reads the same 2-D grids the engine case starts from (the generator's
 * English headers), so both sides start from what Excel hands over.
 */
import { Dec } from "../src/engine/money";
import type { CellValue } from "../src/workbook/cells";
import type { TableGrids } from "../src/sample";

interface NaiveLine {
  component: string;
  qtyPer: number;
  scrap: number | null;
  /** Validity as day numbers (Excel serials); null = open. */
  from: number | null;
  to: number | null;
}

interface NaiveBom {
  materials: Set<string>;
  linesByParent: Map<string, NaiveLine[]>;
}

/** Column index of `header` in a grid's header row. */
function columnOf(grid: readonly (readonly CellValue[])[], header: string): number {
  const i = grid[0].indexOf(header);
  if (i < 0) throw new Error(`naive reference: no ${header} column`);
  return i;
}

const DAY_MS = 86_400_000;
/** Excel's serial number of 1970-01-01. */
const EXCEL_SERIAL_OF_1970 = 25_569;

const numberOrNull = (v: CellValue): number | null => (typeof v === "number" ? v : null);
/** A date cell as a day number: Office's serial numbers as they are, a Date (ExcelJS) as its serial. */
const dayOrNull = (v: CellValue): number | null => (typeof v === "number" ? v : v instanceof Date ? Math.floor(v.getTime() / DAY_MS) + EXCEL_SERIAL_OF_1970 : null);

/** Items and BOM as plain lists; quantities stay JS numbers until each visit turns them into Decimals. */
export function naiveBom(grids: Pick<TableGrids, "Items" | "BOM">): NaiveBom {
  const items = grids.Items;
  const [iItem, iType] = [columnOf(items, "Item"), columnOf(items, "Type")];
  const materials = new Set<string>();
  for (let r = 1; r < items.length; r++) if (String(items[r][iType]).toLowerCase() === "material") materials.add(String(items[r][iItem]));
  const bom = grids.BOM;
  const [p, c, q, s, f, t] = ["Parent", "Component", "QtyPer", "Scrap", "ValidFrom", "ValidTo"].map((h) => columnOf(bom, h));
  const linesByParent = new Map<string, NaiveLine[]>();
  for (let r = 1; r < bom.length; r++) {
    const row = bom[r];
    const parent = String(row[p]);
    let list = linesByParent.get(parent);
    if (!list) linesByParent.set(parent, (list = []));
    list.push({ component: String(row[c]), qtyPer: Number(row[q]), scrap: numberOrNull(row[s]), from: dayOrNull(row[f]), to: dayOrNull(row[t]) });
  }
  return { materials, linesByParent };
}

/** Adds the leaf materials of `qty` units of `item`, on `day`, to `totals`: recursion with fresh Decimals at every step. */
function explodeInto(bom: NaiveBom, item: string, qty: Dec, day: number, totals: Map<string, Dec>): void {
  if (bom.materials.has(item)) {
    const had = totals.get(item);
    totals.set(item, had === undefined ? qty : had.plus(qty));
    return;
  }
  for (const line of bom.linesByParent.get(item) ?? []) {
    if ((line.from !== null && line.from > day) || (line.to !== null && line.to < day)) continue;
    let per = new Dec(line.qtyPer);
    if (line.scrap !== null) per = per.times(new Dec(1).plus(new Dec(line.scrap)));
    explodeInto(bom, line.component, qty.times(per), day, totals);
  }
}

export interface NaiveRun {
  /** Rows exploded (the sample). */
  rows: number;
  /** Standard quantity per leaf material over those rows. */
  totals: Map<string, Dec>;
}

/**
 * Explodes every `stride`-th data row of a movements grid (Production or
 * Sales: Date, Item, Qty), one row at a time. stride 1 = every row; a larger
 * stride samples rows spread over the whole period and product mix.
 */
export function naiveFlush(bom: NaiveBom, movements: readonly (readonly CellValue[])[], stride = 1): NaiveRun {
  const [d, i, q] = ["Date", "Item", "Qty"].map((h) => columnOf(movements, h));
  const totals = new Map<string, Dec>();
  let rows = 0;
  for (let r = 1; r < movements.length; r += stride) {
    const row = movements[r];
    explodeInto(bom, String(row[i]), new Dec(Number(row[q])), dayOrNull(row[d]) ?? 0, totals);
    rows++;
  }
  return { rows, totals };
}
