/**
 * A seeded generator of plausible plants, for tests and the benchmark: the
 * input tables of one period that the engine accepts without any error, from
 * a few rows up to a full Production sheet (1,048,575 rows).
 *
 * The physical story is kept consistent so the results look like a real
 * plant's: top-level products are completed and sold (never more than is on
 * hand), materials are bought shortly before they are used and a little more
 * than is used, the period-end counts are the book quantities less a small
 * shrinkage, and actual conversion costs land within a few percent of what is
 * allocated at standard.
 *
 * Speed and memory: rows are plain arrays; the same Date object and the same
 * item-code string are shared by every row of a day or item; money is
 * computed in integer cents (exact below 2^53) and Dec is used only once per
 * product, to explode the BOM through the engine's own model.
 */
import { BomModel } from "../engine/bom";
import { excelSerialFromIso, isIsoDate, isoFromExcelSerial, type IsoDate } from "../engine/dates";
import { Dec, ZERO } from "../engine/money";
import { SEQUENCE_RULES } from "../engine/sequences";
import type { BomLineRecord, Disposition, ItemRecord, ItemType, TriggerSequence } from "../engine/types";
import type { InputTableModel } from "../workbook/port";
import { Prng, WeightedPicker } from "./prng";
import { gridsOf, inputTable, type Rows, type TableGrids } from "./tables";
import { defaultAccountRows, settingsRows } from "./template";

export interface PlantOptions {
  seed: number;
  /** Bought items. */
  materials: number;
  /** Made items on every BOM level, phantoms included. */
  assemblies: number;
  /** Share of the sub-assemblies (not top-level products) that are phantoms. */
  phantomShare: number;
  /** Assembly levels above the materials: 1 = products made straight from materials. */
  bomDepth: number;
  /** Components per parent (fewer where the levels below hold fewer items). */
  bomWidth: number;
  /** Share of BOM lines with a scrap allowance. */
  scrapShare: number;
  completionRows: number;
  salesRows: number;
  purchaseRows: number;
  conversionRows: number;
  /** First day of the period, ISO. */
  periodStart: IsoDate;
  periodDays: number;
  sequence: TriggerSequence;
  disposition: Disposition;
}

export const DEFAULT_PLANT_OPTIONS: Readonly<PlantOptions> = {
  seed: 1,
  materials: 40,
  assemblies: 24,
  phantomShare: 0.15,
  bomDepth: 3,
  bomWidth: 5,
  scrapShare: 0.15,
  completionRows: 1_000,
  salesRows: 600,
  purchaseRows: 300,
  conversionRows: 24,
  periodStart: "2026-10-01",
  periodDays: 31,
  sequence: "purchase-completion-sale",
  disposition: "cogs",
};

/** The benchmark's plant: a full Production sheet, 2,000 items and a 5-level BOM of 20,000 lines. */
export const BENCHMARK_PLANT_OPTIONS: Readonly<PlantOptions> = {
  ...DEFAULT_PLANT_OPTIONS,
  seed: 2026,
  materials: 1_000,
  assemblies: 1_000,
  bomDepth: 5,
  bomWidth: 20,
  completionRows: 1_048_575,
  salesRows: 200_000,
  purchaseRows: 50_000,
  conversionRows: 500,
};

/** The input tables of a generated plant, one per input table, in the wizard's order. */
export function generatePlant(options: Partial<PlantOptions> = {}): InputTableModel[] {
  return new PlantBuilder(resolve(options)).build();
}

/** The same plant as the 2-D value arrays Excel hands over, header row first. */
export function generatePlantGrids(options: Partial<PlantOptions> = {}): TableGrids {
  return gridsOf(generatePlant(options));
}

function resolve(options: Partial<PlantOptions>): PlantOptions {
  const o: PlantOptions = { ...DEFAULT_PLANT_OPTIONS, ...options };
  const counts = ["materials", "assemblies", "bomDepth", "bomWidth", "periodDays"] as const;
  for (const k of counts) if (!Number.isInteger(o[k]) || o[k] < 1) throw new RangeError(`${k} must be a whole number of at least 1 (is ${o[k]})`);
  for (const k of ["completionRows", "salesRows", "purchaseRows", "conversionRows"] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0) throw new RangeError(`${k} must be a whole number of at least 0 (is ${o[k]})`);
  }
  for (const k of ["phantomShare", "scrapShare"] as const) if (!(o[k] >= 0 && o[k] <= 1)) throw new RangeError(`${k} must be between 0 and 1 (is ${o[k]})`);
  if (o.assemblies < o.bomDepth) throw new RangeError(`a BOM ${o.bomDepth} levels deep needs at least ${o.bomDepth} assemblies (has ${o.assemblies})`);
  if (!isIsoDate(o.periodStart)) throw new RangeError(`periodStart must be an ISO date such as 2026-10-01 (is ${o.periodStart})`);
  if (!Number.isInteger(o.seed)) throw new RangeError(`seed must be a whole number (is ${o.seed})`);
  return o;
}

// ------------------------------------------------------------ vocabulary

interface UnitKind {
  unit: string;
  /** Decimals in which the unit is bought and counted. */
  decimals: number;
  /** Standard price range in cents. */
  priceCents: [number, number];
  qtyPer: readonly number[];
}
const UNITS: readonly UnitKind[] = [
  { unit: "pcs", decimals: 0, priceCents: [2, 2_500], qtyPer: [1, 2, 4, 6, 8, 12] },
  { unit: "pcs", decimals: 0, priceCents: [2, 2_500], qtyPer: [1, 2, 4, 6, 8, 12] },
  { unit: "kg", decimals: 1, priceCents: [80, 6_000], qtyPer: [0.25, 0.5, 1.2, 2.5] },
  { unit: "m", decimals: 1, priceCents: [50, 3_000], qtyPer: [0.5, 1.5, 2, 3.2] },
  { unit: "l", decimals: 1, priceCents: [100, 2_000], qtyPer: [0.1, 0.25, 0.4] },
];
const STUFF = ["Steel", "Aluminium", "Oak", "Pine", "Nylon", "Copper", "Glass", "Rubber", "Cotton", "Polyester", "Birch", "Brass"];
const FORMS = ["sheet", "rod", "tube", "board", "wire", "pellets", "fabric", "gasket", "screw", "bracket", "veneer", "profile"];
const PRODUCTS = ["Chair", "Table", "Cabinet", "Shelf", "Desk", "Bench", "Lamp", "Stool", "Rack", "Cart", "Wardrobe", "Sofa"];
const PARTS = ["Frame", "Panel", "Drawer", "Base", "Top", "Door", "Back", "Seat", "Arm", "Leg set", "Rail", "Plinth"];
const SCRAP = [0.02, 0.03, 0.05, 0.08];
const ASSEMBLY_QTY = [1, 1, 1, 1, 2];
/** Chance that a further component is a sub-assembly rather than a material: a few per parent, so costs stay plausible up a deep BOM. */
const SUB_ASSEMBLY_CHANCE = 0.12;
const CONVERSION_CATEGORIES: readonly { name: string; weight: number }[] = [
  { name: "Direct labor", weight: 45 },
  { name: "Machine overhead", weight: 22 },
  { name: "Indirect labor", weight: 10 },
  { name: "Factory rent", weight: 10 },
  { name: "Utilities", weight: 8 },
  { name: "Maintenance", weight: 5 },
];
/** Days of use held as opening stock: raw materials, finished goods. */
const RAW_COVER_DAYS = 1;
const FG_COVER_DAYS = 0.5;
/** Share of the units completed that are sold in the period. */
const SELL_THROUGH = 1;
const MAX_COMPLETION_QTY = 24;

interface Item {
  code: string;
  type: ItemType;
  unit: UnitKind;
  stdCents: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const roundTo = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
const ceilTo = (x: number, decimals: number) => Math.ceil(x * 10 ** decimals - 1e-9) / 10 ** decimals;
const floorTo = (x: number, decimals: number) => Math.floor(x * 10 ** decimals + 1e-9) / 10 ** decimals;

class PlantBuilder {
  private readonly rng: Prng;
  private readonly days: Date[];
  private readonly materials: Item[] = [];
  /** Assemblies by level: levels[1] is made of materials only, the last level holds the products. */
  private readonly levels: Item[][] = [];
  private readonly bomRows: Rows = [];
  private readonly bomRecords: BomLineRecord[] = [];

  constructor(private readonly o: PlantOptions) {
    this.rng = new Prng(o.seed);
    const first = excelSerialFromIso(o.periodStart);
    this.days = Array.from({ length: o.periodDays }, (_, d) => new Date(`${isoFromExcelSerial(first + d)}T00:00:00Z`));
  }

  build(): InputTableModel[] {
    const { o } = this;
    const items = this.makeItems();
    this.makeBom();
    const products = this.levels[o.bomDepth];
    const model = new BomModel(this.itemRecords(), this.bomRecords);
    const materialIndex = new Map(this.materials.map((m, i) => [m.code, i]));
    // Per product: leaf materials per unit and standard conversion, as floats (estimates only).
    const explosions = products.map((p) => [...model.explode(p.code, 0)].map(([m, q]) => [materialIndex.get(m)!, q.toNumber()] as const));
    const conversionPer = products.map((p) => model.unitCost(p.code, 0).conversion.toNumber());

    // A few products sell a lot, most sell a little (Zipf-like popularity).
    const weights = this.rng.shuffled(products.map((_, i) => 1 / Math.pow(i + 1, 0.8)));
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const picker = new WeightedPicker(weights);
    const weightShare = weights.map((w) => w / weightSum);
    const { production, sales, completed, completedByDay, sold, openingFg } = this.movements(products, picker, weightShare);

    // Materials used day by day (physically at completion, whatever the trigger sequence books).
    const M = this.materials.length;
    const usedByDay = new Float64Array(o.periodDays * M);
    for (let d = 0; d < o.periodDays; d++) {
      for (let p = 0; p < products.length; p++) {
        const units = completedByDay[d * products.length + p];
        if (units > 0) for (const [m, q] of explosions[p]) usedByDay[d * M + m] += units * q;
      }
    }
    const used = new Float64Array(M);
    for (let i = 0; i < usedByDay.length; i++) used[i % M] += usedByDay[i];
    const { purchases, bought, openingRaw } = this.purchases(used, usedByDay);
    const flushed = SEQUENCE_RULES[o.sequence].flushAt === "completion" ? completed : sold;
    const conversion = this.conversion(products.reduce((a, _, p) => a + flushed[p] * conversionPer[p], 0));
    const inventory = this.inventory(products, used, bought, openingRaw, openingFg, completed, sold);

    const periodEnd = isoFromExcelSerial(excelSerialFromIso(o.periodStart) + o.periodDays - 1);
    return [
      inputTable("Items", items),
      inputTable("BOM", this.bomRows),
      inputTable("Production", production),
      inputTable("Sales", sales),
      inputTable("Purchases", purchases),
      inputTable("Conversion", conversion),
      inputTable("Inventory", inventory),
      inputTable("Settings", settingsRows({ sequence: o.sequence, periodStart: o.periodStart, periodEnd, currency: "USD", disposition: o.disposition })),
      inputTable("Accounts", defaultAccountRows()),
    ];
  }

  // ---------------------------------------------------------- items and BOM

  private makeItems(): Rows {
    const { o, rng } = this;
    const rows: Rows = [];
    const mWidth = Math.max(4, String(o.materials).length);
    for (let i = 0; i < o.materials; i++) {
      const unit = rng.pick(UNITS);
      const stdCents = Math.round(rng.logUniform(unit.priceCents[0], unit.priceCents[1]));
      const m: Item = { code: `MAT-${pad(i + 1, mWidth)}`, type: "material", unit, stdCents };
      this.materials.push(m);
      rows.push([m.code, "Material", stdCents / 100, null, `${rng.pick(STUFF)} ${rng.pick(FORMS)}`, unit.unit]);
    }

    // Level sizes: products take 40 % (all of them when the BOM is one level deep), the rest is spread evenly below.
    const sizes = new Array<number>(o.bomDepth + 1).fill(0);
    const top = o.bomDepth === 1 ? o.assemblies : Math.min(Math.max(1, Math.round(o.assemblies * 0.4)), o.assemblies - (o.bomDepth - 1));
    sizes[o.bomDepth] = top;
    const below = o.assemblies - top;
    for (let k = 1; k < o.bomDepth; k++) sizes[k] = Math.floor(below / (o.bomDepth - 1)) + (k - 1 < below % (o.bomDepth - 1) ? 1 : 0);

    const aWidth = Math.max(4, String(o.assemblies).length);
    let subNo = 0;
    let productNo = 0;
    const pcs = UNITS[0];
    this.levels.push([]);
    for (let k = 1; k <= o.bomDepth; k++) {
      const level: Item[] = [];
      const phantoms = k === o.bomDepth ? 0 : Math.round(sizes[k] * o.phantomShare);
      const isPhantom = rng.shuffled(Array.from({ length: sizes[k] }, (_, i) => i < phantoms));
      for (let i = 0; i < sizes[k]; i++) {
        const product = k === o.bomDepth;
        const type: ItemType = isPhantom[i] ? "phantom" : "assembly";
        const code = product ? `FG-${pad(++productNo, aWidth)}` : `${type === "phantom" ? "PH" : "SUB"}-${pad(++subNo, aWidth)}`;
        const convCents = type === "phantom" ? (rng.chance(0.3) ? 0 : Math.round(rng.logUniform(10, 200))) : Math.round(product ? rng.logUniform(100, 3_000) : rng.logUniform(20, 800));
        const what = product ? `${rng.pick(PRODUCTS)} model ${productNo}` : `${rng.pick(PARTS)} ${subNo}${type === "phantom" ? " (kit, not stocked)" : ""}`;
        level.push({ code, type, unit: pcs, stdCents: convCents });
        rows.push([code, type === "phantom" ? "Phantom" : "Assembly", null, convCents / 100, what, "pcs"]);
      }
      this.levels.push(level);
    }
    return rows;
  }

  /**
   * Components come only from lower levels, so the BOM is a DAG by
   * construction. Like real product families, a parent draws its components
   * from a neighbourhood (by position in each level), so a product explodes
   * to tens or hundreds of materials, not to the whole catalogue.
   */
  private makeBom(): void {
    const { o, rng } = this;
    const materialWindow = Math.min(1, Math.max(3 * o.bomWidth, 30) / this.materials.length);
    const near = (list: readonly Item[], x: number, window: number) => list[(Math.floor((x + (rng.next() - 0.5) * window) * list.length) + list.length) % list.length];
    const levelWindow = (k: number) => Math.min(1, Math.max(0.1, 4 / this.levels[k].length));
    for (let k = 1; k <= o.bomDepth; k++) {
      const candidates = this.materials.length + this.levels.slice(1, k).reduce((a, l) => a + l.length, 0);
      const width = Math.min(o.bomWidth, candidates);
      this.levels[k].forEach((parent, i) => {
        const x = (i + 0.5) / this.levels[k].length;
        const chosen = new Set<Item>();
        // One component from the level just below makes every level real (and uses every sub-assembly).
        if (k > 1) chosen.add(near(this.levels[k - 1], x, 1 / this.levels[k - 1].length));
        for (let attempts = 0; chosen.size < width && attempts < width * 20; attempts++) {
          if (k === 1 || !rng.chance(SUB_ASSEMBLY_CHANCE)) chosen.add(near(this.materials, x, materialWindow));
          else {
            const j = rng.between(1, k - 1);
            chosen.add(near(this.levels[j], x, levelWindow(j)));
          }
        }
        // Crowded neighbourhoods: fill what chance did not, in order.
        for (let j = 0; j < k && chosen.size < width; j++) {
          for (const c of j === 0 ? this.materials : this.levels[j]) {
            if (chosen.size >= width) break;
            chosen.add(c);
          }
        }
        for (const c of chosen) {
          const qtyPer = c.type === "material" ? rng.pick(c.unit.qtyPer) : rng.pick(ASSEMBLY_QTY);
          const scrap = rng.chance(o.scrapShare) ? rng.pick(SCRAP) : 0;
          this.bomRows.push([parent.code, c.code, qtyPer, scrap || null, null, null]);
          this.bomRecords.push({ parent: parent.code, component: c.code, qtyPer: new Dec(qtyPer), scrap: scrap ? new Dec(scrap) : ZERO, row: this.bomRecords.length + 2 });
        }
      });
    }
  }

  private itemRecords(): ItemRecord[] {
    const all = [...this.materials, ...this.levels.flat()];
    return all.map((it, i) => ({
      item: it.code,
      type: it.type,
      stdPrice: it.type === "material" ? new Dec(it.stdCents).dividedBy(100) : undefined,
      stdConversion: it.type === "material" ? undefined : new Dec(it.stdCents).dividedBy(100),
      row: i + 2,
    }));
  }

  // ---------------------------------------------------------- completions and sales

  /**
   * Completions and sales day by day. A sale never takes more than is on hand
   * (opening plus completed to date, completions of the day first, as the
   * engine posts them), so finished goods never go negative.
   */
  private movements(products: readonly Item[], picker: WeightedPicker, share: readonly number[]) {
    const { o, rng, days } = this;
    const n = products.length;
    const completed = new Float64Array(n);
    const completedByDay = new Float64Array(o.periodDays * n);
    /** Units ordered but not yet delivered, per product: served first when the goods come in. */
    const backlog = new Float64Array(n);
    const sold = new Float64Array(n);
    const onHand = new Float64Array(n);
    const expectedCompleted = o.completionRows * (1 + MAX_COMPLETION_QTY) / 2;
    const expectedSold = expectedCompleted * SELL_THROUGH;
    const openingFg = new Float64Array(n);
    for (let p = 0; p < n; p++) {
      openingFg[p] = Math.ceil((expectedSold * share[p] * FG_COVER_DAYS) / o.periodDays);
      onHand[p] = openingFg[p];
    }
    const meanSale = Math.max(1, expectedSold / Math.max(1, o.salesRows));
    const production: Rows = new Array(o.completionRows);
    const sales: Rows = new Array(o.salesRows);
    const refWidth = String(Math.max(o.completionRows, o.salesRows)).length;
    let pr = 0;
    let sr = 0;
    for (let d = 0; d < o.periodDays; d++) {
      const date = days[d];
      for (const end = spread(o.completionRows, o.periodDays, d); pr < end; pr++) {
        const p = picker.pick(rng);
        const qty = rng.between(1, MAX_COMPLETION_QTY);
        completed[p] += qty;
        completedByDay[d * n + p] += qty;
        onHand[p] += qty;
        production[pr] = [date, products[p].code, qty, `WO-${pad(pr + 1, refWidth)}`];
      }
      for (const end = spread(o.salesRows, o.periodDays, d); sr < end; sr++) {
        let p = picker.pick(rng);
        for (let tries = 0; onHand[p] < 1 && tries < 8; tries++) p = picker.pick(rng);
        if (onHand[p] < 1) p = argMax(onHand);
        const want = Math.max(1, Math.round(meanSale * rng.uniform(0.5, 1.5))) + backlog[p];
        // Only when nothing at all is on hand does a sale overdraw (a plant with sales but no completions).
        const qty = onHand[p] >= 1 ? Math.min(want, Math.floor(onHand[p])) : 1;
        backlog[p] = Math.max(0, want - qty);
        sold[p] += qty;
        onHand[p] -= qty;
        sales[sr] = [date, products[p].code, qty, `SO-${pad(sr + 1, refWidth)}`];
      }
    }
    return { production, sales, completed, completedByDay, sold, openingFg };
  }

  // ---------------------------------------------------------- purchases

  /**
   * Each material is bought in evenly spaced deliveries. A delivery arrives at
   * the start of the stretch of days it covers and brings what that stretch
   * will use, plus 0–2 %, so the book never runs dry; the opening stock is
   * the plant's safety stock of about a day.
   */
  private purchases(used: Float64Array, usedByDay: Float64Array) {
    const { o, rng, days } = this;
    const M = this.materials.length;
    const D = o.periodDays;
    const openingRaw = new Float64Array(M);
    const bought = new Float64Array(M);
    for (let m = 0; m < M; m++) openingRaw[m] = used[m] > 0 ? ceilTo((used[m] * RAW_COVER_DAYS) / D, this.materials[m].unit.decimals) : 0;

    // Deliveries per material: one each for the materials used (the most valuable first when rows are scarce), the rest by value.
    const value = this.materials.map((mat, m) => used[m] * mat.stdCents);
    const usedOnes = value.map((v, m) => [v, m] as const).filter(([v]) => v > 0).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const deliveries = new Array<number>(M).fill(0);
    if (usedOnes.length === 0) {
      for (let r = 0; r < o.purchaseRows; r++) deliveries[r % M]++;
    } else {
      const first = Math.min(o.purchaseRows, usedOnes.length);
      for (let i = 0; i < first; i++) deliveries[usedOnes[i][1]]++;
      const rest = largestRemainder(o.purchaseRows - first, usedOnes.map(([v]) => v));
      usedOnes.forEach(([, m], i) => (deliveries[m] += rest[i]));
    }

    const byDay: Rows[] = days.map(() => []);
    const cumulative = new Float64Array(D + 1);
    for (let m = 0; m < M; m++) {
      const n = deliveries[m];
      if (n === 0) continue;
      const mat = this.materials[m];
      const unit = 10 ** -mat.unit.decimals;
      for (let d = 0; d < D; d++) cumulative[d + 1] = cumulative[d] + usedByDay[d * M + m];
      // Use up to a point in time t (days, fractional), the day's use spread evenly over the day.
      const usedUpTo = (t: number) => {
        const d = Math.min(D - 1, Math.floor(t));
        return cumulative[d] + (t - d) * (cumulative[d + 1] - cumulative[d]);
      };
      const bias = rng.uniform(-0.04, 0.04);
      for (let j = 0; j < n; j++) {
        const from = (j * D) / n;
        const need = usedUpTo(((j + 1) * D) / n) - usedUpTo(from);
        const qty = used[m] > 0 ? Math.max(unit, ceilTo(need * rng.uniform(1, 1.02), mat.unit.decimals)) : unit * rng.between(10, 500);
        const cents = Math.max(1, Math.round(qty * mat.stdCents * (1 + bias + rng.uniform(-0.01, 0.01))));
        bought[m] += qty;
        const d = Math.floor(from);
        byDay[d].push([days[d], mat.code, qty, cents / 100, null]);
      }
    }
    const purchases: Rows = [];
    const refWidth = Math.max(6, String(o.purchaseRows).length);
    for (const list of byDay) {
      for (const row of list) {
        row[4] = `INV-${pad(100_000 + purchases.length + 1, refWidth)}`;
        purchases.push(row);
      }
    }
    return { purchases, bought, openingRaw };
  }

  // ---------------------------------------------------------- conversion costs

  /** Actual conversion costs over the period: the standard allocation ± 3 %, spread over categories and days. */
  private conversion(allocated: number): Rows {
    const { o, rng, days } = this;
    const R = o.conversionRows;
    if (R === 0) return [];
    const totalCents = Math.max(R * 100, Math.round(Math.max(allocated, 1_000) * 100 * rng.uniform(0.97, 1.03)));
    const cats = Array.from({ length: R }, (_, i) => CONVERSION_CATEGORIES[i % CONVERSION_CATEGORIES.length]);
    const perCategory = new Map<string, number>();
    for (const c of cats) perCategory.set(c.name, (perCategory.get(c.name) ?? 0) + 1);
    const weights = cats.map((c) => (c.weight / perCategory.get(c.name)!) * rng.uniform(0.9, 1.1));
    // Every row gets at least a dollar; the rest goes by weight, to the cent.
    const cents = largestRemainder(totalCents - R * 100, weights).map((x) => x + 100);
    const width = Math.max(5, String(R).length);
    return cats.map((c, i) => {
      const d = Math.max(0, Math.floor(((i + 1) * o.periodDays) / R) - 1);
      return [days[d], cents[i] / 100, c.name, `JE-${pad(i + 1, width)}`];
    });
  }

  // ---------------------------------------------------------- inventory

  /**
   * Opening stock of materials and products, and the period-end counts:
   * materials at their book quantity, a third of them (at least one) short
   * by a small shrinkage (the usage variance). Where the sequence keeps no finished
   * goods on the books, products are counted too: the engine adds the
   * materials in them to the material counts.
   */
  private inventory(products: readonly Item[], used: Float64Array, bought: Float64Array, openingRaw: Float64Array, openingFg: Float64Array, completed: Float64Array, sold: Float64Array): Rows {
    const { o, rng } = this;
    const rows: Rows = [];
    const usedOnes = this.materials.map((_, m) => m).filter((m) => used[m] > 0);
    const short = new Set(rng.shuffled(usedOnes).slice(0, Math.max(1, Math.round(usedOnes.length / 3))));
    this.materials.forEach((mat, m) => {
      if (used[m] === 0 && bought[m] === 0) return;
      const book = openingRaw[m] + bought[m] - used[m];
      const shrink = short.has(m) ? used[m] * rng.uniform(0.003, 0.02) : 0;
      // Pieces are counted whole, the rest to the hundredth.
      const decimals = mat.unit.decimals === 0 ? 0 : 2;
      const count = Math.max(0, shrink > 0 ? floorTo(book - shrink, decimals) : roundTo(book, decimals));
      rows.push([mat.code, openingRaw[m] || null, count]);
    });
    const countGoods = !SEQUENCE_RULES[o.sequence].holdsFinishedGoods;
    products.forEach((p, i) => {
      // Sold beyond what was made and held is sold short (the engine warns); a count finds nothing, never less.
      const count = countGoods ? Math.max(0, openingFg[i] + completed[i] - sold[i]) : null;
      if (openingFg[i] === 0 && !count) return;
      rows.push([p.code, openingFg[i] || null, count]);
    });
    return rows;
  }
}

/** End (exclusive) of day d's share when `total` rows are spread evenly over `days`. */
function spread(total: number, days: number, d: number): number {
  return Math.floor(((d + 1) * total) / days);
}

function argMax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Splits a whole number over weights in whole parts that add up to it exactly (largest remainders first). */
function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - parts[i], i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]]++;
  return parts;
}
