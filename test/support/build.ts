/**
 * Small builders for engine inputs in tests: write "3.00" and "2026-11-03",
 * get typed records with made-up sheet rows.
 */
import { Dec } from "../../src/engine/money";
import type {
  BomLineRecord,
  ConversionCostRecord,
  InventoryRecord,
  ItemRecord,
  MovementRecord,
  PeriodInput,
  PurchaseRecord,
  Settings,
} from "../../src/engine/types";

type Num = string | number;
let nextRow = 2;
const row = () => nextRow++;

export const material = (item: string, stdPrice: Num, unit?: string): ItemRecord => ({ item, type: "material", stdPrice: new Dec(stdPrice), unit, row: row() });
export const assembly = (item: string, stdConversion: Num = 0): ItemRecord => ({ item, type: "assembly", stdConversion: new Dec(stdConversion), row: row() });
export const phantom = (item: string, stdConversion: Num = 0): ItemRecord => ({ item, type: "phantom", stdConversion: new Dec(stdConversion), row: row() });
export const line = (parent: string, component: string, qtyPer: Num, scrap: Num = 0, validFrom?: string, validTo?: string): BomLineRecord => ({
  parent,
  component,
  qtyPer: new Dec(qtyPer),
  scrap: new Dec(scrap),
  validFrom,
  validTo,
  row: row(),
});
export const move = (date: string, item: string, qty: Num, ref?: string): MovementRecord => ({ date, item, qty: new Dec(qty), ref, row: row() });
export const buy = (date: string, item: string, qty: Num, amount: Num, ref?: string): PurchaseRecord => ({ date, item, qty: new Dec(qty), amount: new Dec(amount), ref, row: row() });
export const conv = (date: string, amount: Num, category?: string): ConversionCostRecord => ({ date, amount: new Dec(amount), category, row: row() });
export const stock = (item: string, opening?: Num, count?: Num): InventoryRecord => ({
  item,
  opening: opening === undefined ? undefined : new Dec(opening),
  count: count === undefined ? undefined : new Dec(count),
  row: row(),
});

export function settings(over: Partial<Settings> = {}): Settings {
  return { sequence: "purchase-completion-sale", currency: "USD", disposition: "cogs", ...over };
}

/** A November period with nothing in it but what the case sets. */
export function period(p: Partial<Omit<PeriodInput, "settings">> & { settings?: Partial<Settings> }): PeriodInput {
  return {
    items: p.items ?? [],
    bom: p.bom ?? [],
    completions: p.completions ?? [],
    sales: p.sales ?? [],
    purchases: p.purchases ?? [],
    conversion: p.conversion ?? [],
    inventory: p.inventory ?? [],
    settings: settings({ periodStart: "2026-11-01", periodEnd: "2026-11-30", ...p.settings }),
  };
}

/**
 * The revaluation cases' plant: M at 1.00, and P made of 10 M until
 * 2026-11-09 and of 20 M from 11-10, its standard doubling (no conversion);
 * `p` gives the movements and settings.
 */
export function doublingStandard(p: Partial<Omit<PeriodInput, "settings">> & { settings?: Partial<Settings> } = {}): PeriodInput {
  return period({ items: [material("M", "1.00"), assembly("P")], bom: [line("P", "M", 10, 0, undefined, "2026-11-09"), line("P", "M", 20, 0, "2026-11-10")], ...p });
}

/** DOMAIN.md's chair maker, in one period. */
export function chairMaker(over: Partial<Settings> = {}): PeriodInput {
  return {
    items: [material("WOOD", "3.00", "kg"), material("SCREW", "0.05"), material("FABRIC", "4.00", "m"), assembly("SEAT", "2.00"), assembly("CHAIR", "8.00")],
    bom: [line("SEAT", "FABRIC", "0.5"), line("SEAT", "WOOD", 1), line("SEAT", "SCREW", 4), line("CHAIR", "SEAT", 1), line("CHAIR", "WOOD", "2.5"), line("CHAIR", "SCREW", 12)],
    purchases: [buy("2026-11-02", "WOOD", 4000, "12400.00"), buy("2026-11-02", "SCREW", 20000, "960.00"), buy("2026-11-02", "FABRIC", 600, "2340.00")],
    conversion: [conv("2026-11-30", "10450.00", "Labor and overhead")],
    completions: [move("2026-11-20", "CHAIR", 1000)],
    sales: [move("2026-11-25", "CHAIR", 900)],
    inventory: [stock("WOOD", undefined, 480), stock("SCREW", undefined, 4000), stock("FABRIC", undefined, 100)],
    settings: settings({ periodStart: "2026-11-01", periodEnd: "2026-11-30", ...over }),
  };
}

/** The chair maker with the 100 unsold chairs counted too: where no FG is kept they are materials in finished form. */
export function chairMakerWithChairsCounted(over: Partial<Settings> = {}): PeriodInput {
  const base = chairMaker(over);
  return { ...base, inventory: [...(base.inventory ?? []), stock("CHAIR", undefined, 100)] };
}
