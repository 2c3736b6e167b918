/**
 * The bundled sample workbook: a small furniture maker over October 2026,
 * written to be read by people. It shows every feature of a run: purchase
 * price variances both ways, a usage variance from the counts, a conversion
 * variance, phantoms exploded into their parents, scrap allowances, a BOM
 * line that changes mid-month, and opening inventory.
 *
 * The data is planned the way the plant would: completions first, sales
 * from what is on hand, materials ordered weekly to cover the next week's
 * use, conversion costs a little over what standard allocates. Deterministic:
 * the PRNG has a fixed seed.
 */
import { BomModel } from "../engine/bom";
import { excelSerialFromIso, isoFromExcelSerial, type IsoDate } from "../engine/dates";
import { Dec, ZERO } from "../engine/money";
import type { AccountRole, BomLineRecord, ItemRecord } from "../engine/types";
import { ACCOUNT_ROLES } from "../engine/types";
import type { InputTableModel } from "../workbook/port";
import { Prng } from "./prng";
import { inputTable, type Rows } from "./tables";
import { settingsRows } from "./template";

export const SAMPLE_PERIOD = { start: "2026-10-01", end: "2026-10-31" } as const;
/** The day the new cushion foam spec takes effect (the BOM version change). */
export const SAMPLE_BOM_CHANGE = "2026-10-16";
const SEED = 20261001;

interface MaterialDef {
  code: string;
  description: string;
  unit: string;
  priceCents: number;
  /** Bought in multiples of this. */
  pack: number;
  supplier: string;
  /** The supplier's price against standard this month: + is dearer (unfavorable PPV). */
  drift: number;
}

const SUPPLIERS: Readonly<Record<string, { firstInvoice: number; deliveries: readonly IsoDate[] }>> = {
  "Nordic Timber": { firstInvoice: 10234, deliveries: ["2026-10-01", "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"] },
  "Fastenings Ltd": { firstInvoice: 20871, deliveries: ["2026-10-01", "2026-10-12", "2026-10-26"] },
  "Textile Mill": { firstInvoice: 5531, deliveries: ["2026-10-01", "2026-10-06", "2026-10-13", "2026-10-20", "2026-10-27"] },
  SteelWorks: { firstInvoice: 88102, deliveries: ["2026-10-01", "2026-10-14", "2026-10-26"] },
  ChemCoat: { firstInvoice: 3307, deliveries: ["2026-10-01", "2026-10-15"] },
  PackRight: { firstInvoice: 61250, deliveries: ["2026-10-02", "2026-10-16"] },
};

const MATERIALS: readonly MaterialDef[] = [
  { code: "OAK-BOARD", description: "Oak board 25 mm", unit: "m", priceCents: 1420, pack: 10, supplier: "Nordic Timber", drift: 0.03 },
  { code: "PINE-BOARD", description: "Pine board 20 mm", unit: "m", priceCents: 480, pack: 10, supplier: "Nordic Timber", drift: 0.01 },
  { code: "BIRCH-PLY", description: "Birch plywood 12 mm, 1.2 × 1.2 m sheet", unit: "pcs", priceCents: 3200, pack: 5, supplier: "Nordic Timber", drift: -0.01 },
  { code: "EDGE-BAND", description: "Oak edge banding", unit: "m", priceCents: 90, pack: 50, supplier: "Nordic Timber", drift: 0 },
  { code: "DOWEL", description: "Beech dowel 8 × 40 mm", unit: "pcs", priceCents: 3, pack: 500, supplier: "Nordic Timber", drift: 0 },
  { code: "STEEL-SCREW", description: "Steel wood screw 4 × 40", unit: "pcs", priceCents: 4, pack: 1000, supplier: "Fastenings Ltd", drift: -0.05 },
  { code: "STEEL-BOLT", description: "Steel bolt M8 with nut", unit: "pcs", priceCents: 22, pack: 200, supplier: "Fastenings Ltd", drift: 0.02 },
  { code: "STAPLE", description: "Upholstery staple", unit: "pcs", priceCents: 1, pack: 5000, supplier: "Fastenings Ltd", drift: 0 },
  { code: "FELT-PAD", description: "Felt floor pad", unit: "pcs", priceCents: 15, pack: 200, supplier: "Fastenings Ltd", drift: 0 },
  { code: "DRAWER-RUNNER", description: "Drawer runner, pair", unit: "pcs", priceCents: 390, pack: 20, supplier: "Fastenings Ltd", drift: -0.02 },
  { code: "STEEL-TUBE", description: "Steel tube 25 mm", unit: "m", priceCents: 640, pack: 20, supplier: "SteelWorks", drift: 0.03 },
  { code: "FOAM", description: "Polyurethane foam, medium density", unit: "kg", priceCents: 750, pack: 25, supplier: "Textile Mill", drift: -0.04 },
  { code: "FABRIC-GREY", description: "Upholstery fabric, grey", unit: "m", priceCents: 1200, pack: 25, supplier: "Textile Mill", drift: 0.02 },
  { code: "FABRIC-BLUE", description: "Upholstery fabric, blue", unit: "m", priceCents: 1280, pack: 25, supplier: "Textile Mill", drift: -0.01 },
  { code: "WOOD-GLUE", description: "PVA wood glue", unit: "l", priceCents: 620, pack: 5, supplier: "ChemCoat", drift: 0 },
  { code: "LACQUER", description: "Clear lacquer, satin", unit: "l", priceCents: 1800, pack: 5, supplier: "ChemCoat", drift: 0.015 },
  { code: "CARTON", description: "Shipping carton", unit: "pcs", priceCents: 160, pack: 50, supplier: "PackRight", drift: 0 },
];

interface LineDef {
  component: string;
  qtyPer: number;
  scrap?: number;
  validFrom?: IsoDate;
  validTo?: IsoDate;
}
interface AssemblyDef {
  code: string;
  description: string;
  phantom?: boolean;
  conversionCents: number;
  lines: readonly LineDef[];
}

const DAY_BEFORE_CHANGE = isoFromExcelSerial(excelSerialFromIso(SAMPLE_BOM_CHANGE) - 1);

/** Sub-assemblies first, then products: the BOM reads from the bottom up. */
const ASSEMBLIES: readonly AssemblyDef[] = [
  {
    code: "CUSHION",
    description: "Seat cushion, grey",
    conversionCents: 250,
    lines: [
      // New, lighter foam spec from mid-month: the BOM version change.
      { component: "FOAM", qtyPer: 0.8, validTo: DAY_BEFORE_CHANGE },
      { component: "FOAM", qtyPer: 0.7, validFrom: SAMPLE_BOM_CHANGE },
      { component: "FABRIC-GREY", qtyPer: 0.9, scrap: 0.03 },
      { component: "STAPLE", qtyPer: 40 },
    ],
  },
  {
    code: "CUSHION-BLUE",
    description: "Armchair cushion, blue",
    conversionCents: 350,
    lines: [
      { component: "FOAM", qtyPer: 1.4 },
      { component: "FABRIC-BLUE", qtyPer: 1.6, scrap: 0.03 },
      { component: "STAPLE", qtyPer: 80 },
    ],
  },
  {
    code: "LEG-SET",
    description: "Set of four turned oak legs (phantom: made and used at once)",
    phantom: true,
    conversionCents: 150,
    lines: [
      { component: "OAK-BOARD", qtyPer: 1.6, scrap: 0.05 },
      { component: "WOOD-GLUE", qtyPer: 0.02 },
      { component: "FELT-PAD", qtyPer: 4 },
      { component: "STEEL-SCREW", qtyPer: 8 },
    ],
  },
  {
    code: "TUBE-FRAME",
    description: "Welded steel tube frame (phantom)",
    phantom: true,
    conversionCents: 200,
    lines: [
      { component: "STEEL-TUBE", qtyPer: 3.5, scrap: 0.02 },
      { component: "STEEL-BOLT", qtyPer: 4 },
    ],
  },
  {
    code: "SEAT-ASSY",
    description: "Seat: plywood base with cushion",
    conversionCents: 300,
    lines: [
      { component: "CUSHION", qtyPer: 1 },
      { component: "BIRCH-PLY", qtyPer: 0.25 },
      { component: "STEEL-SCREW", qtyPer: 6 },
      { component: "WOOD-GLUE", qtyPer: 0.01 },
    ],
  },
  {
    code: "BACKREST",
    description: "Upholstered oak backrest",
    conversionCents: 400,
    lines: [
      { component: "OAK-BOARD", qtyPer: 1.2, scrap: 0.05 },
      { component: "FABRIC-GREY", qtyPer: 0.3, scrap: 0.03 },
      { component: "FOAM", qtyPer: 0.2 },
      { component: "DOWEL", qtyPer: 6 },
      { component: "STEEL-SCREW", qtyPer: 4 },
    ],
  },
  {
    code: "TABLE-TOP",
    description: "Oak table top, lacquered",
    conversionCents: 1200,
    lines: [
      { component: "OAK-BOARD", qtyPer: 6, scrap: 0.08 },
      { component: "EDGE-BAND", qtyPer: 4.2 },
      { component: "WOOD-GLUE", qtyPer: 0.15 },
      { component: "LACQUER", qtyPer: 0.25 },
    ],
  },
  {
    code: "DRAWER",
    description: "Pine drawer with runners",
    conversionCents: 550,
    lines: [
      { component: "PINE-BOARD", qtyPer: 2.4 },
      { component: "BIRCH-PLY", qtyPer: 0.2 },
      { component: "DRAWER-RUNNER", qtyPer: 1 },
      { component: "STEEL-SCREW", qtyPer: 12 },
    ],
  },
  {
    code: "CHAIR-CLASSIC",
    description: "Classic dining chair, oak and grey fabric",
    conversionCents: 900,
    lines: [
      { component: "SEAT-ASSY", qtyPer: 1 },
      { component: "BACKREST", qtyPer: 1 },
      { component: "LEG-SET", qtyPer: 1 },
      { component: "STEEL-BOLT", qtyPer: 4 },
      { component: "LACQUER", qtyPer: 0.1 },
      { component: "CARTON", qtyPer: 1 },
    ],
  },
  {
    code: "TABLE-OAK",
    description: "Oak dining table, 180 cm",
    conversionCents: 1800,
    lines: [
      { component: "TABLE-TOP", qtyPer: 1 },
      { component: "LEG-SET", qtyPer: 1 },
      { component: "OAK-BOARD", qtyPer: 2, scrap: 0.05 },
      { component: "STEEL-BOLT", qtyPer: 8 },
      { component: "CARTON", qtyPer: 2 },
    ],
  },
  {
    code: "STOOL",
    description: "Bar stool, steel frame",
    conversionCents: 400,
    lines: [
      { component: "SEAT-ASSY", qtyPer: 1 },
      { component: "TUBE-FRAME", qtyPer: 1 },
      { component: "FELT-PAD", qtyPer: 4 },
      { component: "CARTON", qtyPer: 1 },
    ],
  },
  {
    code: "DESK-OFFICE",
    description: "Office desk with two drawers",
    conversionCents: 2200,
    lines: [
      { component: "TABLE-TOP", qtyPer: 1 },
      { component: "DRAWER", qtyPer: 2 },
      { component: "TUBE-FRAME", qtyPer: 2 },
      { component: "CARTON", qtyPer: 2 },
    ],
  },
  {
    code: "ARMCHAIR-BLUE",
    description: "Armchair, blue upholstery",
    conversionCents: 2600,
    lines: [
      { component: "CUSHION-BLUE", qtyPer: 2 },
      { component: "BACKREST", qtyPer: 1 },
      { component: "LEG-SET", qtyPer: 1 },
      { component: "PINE-BOARD", qtyPer: 3 },
      { component: "STEEL-SCREW", qtyPer: 24 },
      { component: "CARTON", qtyPer: 1 },
    ],
  },
  {
    code: "BENCH-PINE",
    description: "Pine bench, 140 cm",
    conversionCents: 700,
    lines: [
      { component: "PINE-BOARD", qtyPer: 5, scrap: 0.05 },
      { component: "LEG-SET", qtyPer: 1 },
      { component: "STEEL-SCREW", qtyPer: 16 },
      { component: "LACQUER", qtyPer: 0.2 },
      { component: "CARTON", qtyPer: 1 },
    ],
  },
];

interface ProductPlan {
  code: string;
  /** Units made on a production day. */
  rate: number;
  /** Weekdays it is made (1 = Monday). */
  days: readonly number[];
  openingStock: number;
}
const PLAN: readonly ProductPlan[] = [
  { code: "CHAIR-CLASSIC", rate: 40, days: [1, 2, 3, 4, 5], openingStock: 60 },
  { code: "TABLE-OAK", rate: 10, days: [1, 2, 3, 4, 5], openingStock: 12 },
  { code: "STOOL", rate: 30, days: [1, 3, 5], openingStock: 25 },
  { code: "DESK-OFFICE", rate: 12, days: [2, 4], openingStock: 0 },
  { code: "ARMCHAIR-BLUE", rate: 8, days: [2, 4], openingStock: 4 },
  { code: "BENCH-PINE", rate: 15, days: [1, 3], openingStock: 0 },
];

/** Materials short or over at the count (book − counted; + is missing, an unfavorable usage variance). */
const COUNT_DIFFERENCES: Readonly<Record<string, string>> = { FOAM: "6.4", "FABRIC-GREY": "3.75", "STEEL-SCREW": "-150" };

/** Actual conversion costs: categories, their share of the month, and whether they are booked weekly (by output) or once. */
const CONVERSION: readonly { category: string; share: number; when: "weekly" | IsoDate }[] = [
  { category: "Direct labor", share: 0.55, when: "weekly" },
  { category: "Machine overhead", share: 0.2, when: "weekly" },
  { category: "Indirect labor", share: 0.07, when: "weekly" },
  { category: "Factory rent", share: 0.08, when: "2026-10-01" },
  { category: "Maintenance", share: 0.04, when: "2026-10-21" },
  { category: "Utilities", share: 0.06, when: "2026-10-31" },
];
/** Conversion actually spent against what standard allocates: 2.5 % over (an unfavorable variance). */
const CONVERSION_OVERRUN = 1.025;
/** Days of use each material is reordered to keep in hand; also the opening stock. */
const SAFETY_DAYS = 1;

/** The sample's own chart; roles added since it was made take the default accounts (Accounts may leave a role out). */
const ACCOUNTS: Readonly<Partial<Record<AccountRole, [string, string]>>> = {
  RIP: ["1310", "Raw and in-process inventory"],
  FG: ["1320", "Finished goods inventory"],
  COGS: ["5010", "Cost of goods sold"],
  AP: ["2010", "Accounts payable – trade"],
  CONV_CONTROL: ["5400", "Factory conversion costs – control"],
  CONV_ALLOCATED: ["5410", "Factory conversion costs – applied"],
  CONV_SOURCE: ["2150", "Accrued payroll and factory overhead"],
  PPV: ["5110", "Purchase price variance"],
  USAGE_VARIANCE: ["5120", "Material usage variance"],
};

const cents = (c: number) => c / 100;
const ceilTo = (x: number, step: number) => Math.ceil(x / step - 1e-9) * step;

/** The sample workbook's input tables, in the wizard's order. */
export function buildSampleTables(): InputTableModel[] {
  const rng = new Prng(SEED);
  const model = new BomModel(itemRecords(), bomRecords());
  const first = excelSerialFromIso(SAMPLE_PERIOD.start);
  const days: IsoDate[] = [];
  for (let s = first; s <= excelSerialFromIso(SAMPLE_PERIOD.end); s++) days.push(isoFromExcelSerial(s));
  const dateOf = new Map(days.map((d) => [d, new Date(`${d}T00:00:00Z`)]));
  const weekday = (d: IsoDate) => new Date(`${d}T00:00:00Z`).getUTCDay();
  const workdays = days.filter((d) => weekday(d) >= 1 && weekday(d) <= 5);

  // ---- completions and sales, day by day
  const production: Rows = [];
  const sales: Rows = [];
  const onHand = new Map(PLAN.map((p) => [p.code, p.openingStock]));
  /** Material use per day, exact. */
  const use = new Map<IsoDate, Map<string, Dec>>();
  let conversionAllocated = ZERO;
  const unitsByWeek = new Map<number, number>();
  let wo = 26001;
  let so = 7401;
  for (const day of workdays) {
    const v = model.versionOf(day);
    const dayUse = new Map<string, Dec>();
    use.set(day, dayUse);
    for (const p of PLAN) {
      if (!p.days.includes(weekday(day))) continue;
      const qty = Math.max(1, Math.round(p.rate * rng.uniform(0.8, 1.2)));
      production.push([dateOf.get(day)!, p.code, qty, `WO-${wo++}`]);
      onHand.set(p.code, onHand.get(p.code)! + qty);
      for (const [m, per] of model.explode(p.code, v)) dayUse.set(m, (dayUse.get(m) ?? ZERO).plus(per.times(qty)));
      conversionAllocated = conversionAllocated.plus(model.unitCost(p.code, v).conversion.times(qty));
      const week = weekOf(day);
      unitsByWeek.set(week, (unitsByWeek.get(week) ?? 0) + qty);
    }
    // Customers' orders of the day, each served from stock.
    for (const p of PLAN) {
      // Demand runs a little above the production rate, in one to three orders a day.
      const dailyDemand = (p.rate * p.days.length * 1.08) / 5;
      const orders = rng.between(1, 3);
      for (let o = 0; o < orders; o++) {
        const avail = onHand.get(p.code)!;
        const qty = Math.min(avail, Math.max(1, Math.round((dailyDemand / 2) * rng.uniform(0.6, 1.4))));
        if (qty < 1) continue;
        sales.push([dateOf.get(day)!, p.code, qty, `SO-${so++}`]);
        onHand.set(p.code, avail - qty);
      }
    }
  }

  // ---- purchases: each supplier's delivery brings what is needed until its next one, plus safety stock
  const usedTotal = new Map<string, Dec>();
  for (const dayUse of use.values()) for (const [m, q] of dayUse) usedTotal.set(m, (usedTotal.get(m) ?? ZERO).plus(q));
  const avgDaily = (m: string) => (usedTotal.get(m)?.toNumber() ?? 0) / workdays.length;
  const usedBetween = (m: string, from: IsoDate, to: IsoDate) => {
    let q = 0;
    for (const [d, dayUse] of use) if (d >= from && d < to) q += dayUse.get(m)?.toNumber() ?? 0;
    return q;
  };
  const opening = new Map(MATERIALS.map((m) => [m.code, ceilTo(avgDaily(m.code) * SAFETY_DAYS, m.pack)]));
  const bought = new Map<string, Dec>();
  const purchaseLines: { day: IsoDate; row: Rows[number] }[] = [];
  for (const [supplier, { firstInvoice, deliveries }] of Object.entries(SUPPLIERS)) {
    let invoice = firstInvoice;
    deliveries.forEach((day, i) => {
      const until = deliveries[i + 1] ?? "9999-12-31";
      for (const m of MATERIALS.filter((x) => x.supplier === supplier)) {
        const onHandNow = opening.get(m.code)! + (bought.get(m.code)?.toNumber() ?? 0) - usedBetween(m.code, SAMPLE_PERIOD.start, day);
        const need = usedBetween(m.code, day, until) + avgDaily(m.code) * SAFETY_DAYS - onHandNow;
        if (need <= 0) continue;
        const qty = ceilTo(need, m.pack);
        const amountCents = Math.round(qty * m.priceCents * (1 + m.drift + rng.uniform(-0.005, 0.005)));
        bought.set(m.code, (bought.get(m.code) ?? ZERO).plus(qty));
        purchaseLines.push({ day, row: [dateOf.get(day)!, m.code, qty, cents(amountCents), `INV-${invoice}`] });
      }
      invoice += rng.between(3, 40);
    });
  }
  const purchases = purchaseLines.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)).map((l) => l.row);

  // ---- conversion costs: a little over standard, weekly by output or once a month
  const totalCents = Math.round(conversionAllocated.toNumber() * 100 * CONVERSION_OVERRUN);
  const conversion: Rows = [];
  const weeks = [...unitsByWeek.keys()].sort((a, b) => a - b);
  const totalUnits = [...unitsByWeek.values()].reduce((a, b) => a + b, 0);
  let booked = 0;
  CONVERSION.forEach((c, ci) => {
    const categoryCents = ci === CONVERSION.length - 1 ? totalCents - booked : Math.round(totalCents * c.share);
    booked += categoryCents;
    if (c.when !== "weekly") {
      conversion.push([dateOf.get(c.when)!, cents(categoryCents), c.category, null]);
      return;
    }
    let left = categoryCents;
    weeks.forEach((w, wi) => {
      const part = wi === weeks.length - 1 ? left : Math.round((categoryCents * unitsByWeek.get(w)!) / totalUnits);
      left -= part;
      conversion.push([dateOf.get(lastWorkdayOfWeek(workdays, w))!, cents(part), c.category, null]);
    });
  });
  conversion.sort((a, b) => (a[0] as Date).getTime() - (b[0] as Date).getTime());
  // Journal vouchers are numbered in date order, as the ledger issued them.
  conversion.forEach((row, i) => (row[3] = `JE-${4101 + i}`));

  // ---- inventory: opening stock, and counts at the book quantity but for a few differences
  const inventory: Rows = [];
  for (const m of MATERIALS) {
    const book = new Dec(opening.get(m.code)!).plus(bought.get(m.code) ?? ZERO).minus(usedTotal.get(m.code) ?? ZERO);
    const count = book.minus(COUNT_DIFFERENCES[m.code] ?? 0);
    inventory.push([m.code, opening.get(m.code)! || null, count.toNumber()]);
  }
  for (const p of PLAN) if (p.openingStock > 0) inventory.push([p.code, p.openingStock, null]);

  return [
    inputTable("Items", [
      ...MATERIALS.map((m) => [m.code, "Material", cents(m.priceCents), null, m.description, m.unit]),
      ...ASSEMBLIES.map((a) => [a.code, a.phantom ? "Phantom" : "Assembly", null, cents(a.conversionCents), a.description, "pcs"]),
    ]),
    inputTable(
      "BOM",
      ASSEMBLIES.flatMap((a) => a.lines.map((l) => [a.code, l.component, l.qtyPer, l.scrap ?? null, l.validFrom ? dateOf.get(l.validFrom)! : null, l.validTo ? dateOf.get(l.validTo)! : null])),
    ),
    inputTable("Production", production),
    inputTable("Sales", sales),
    inputTable("Purchases", purchases),
    inputTable("Conversion", conversion),
    inputTable("Inventory", inventory),
    inputTable("Settings", settingsRows({ sequence: "purchase-completion-sale", periodStart: SAMPLE_PERIOD.start, periodEnd: SAMPLE_PERIOD.end, currency: "USD", disposition: "cogs" })),
    inputTable("Accounts", ACCOUNT_ROLES.flatMap((role) => { const a = ACCOUNTS[role]; return a ? [[role, ...a]] : []; })),
  ];
}

function itemRecords(): ItemRecord[] {
  return [
    ...MATERIALS.map((m, i): ItemRecord => ({ item: m.code, type: "material", stdPrice: new Dec(m.priceCents).dividedBy(100), row: i + 2 })),
    ...ASSEMBLIES.map((a, i): ItemRecord => ({ item: a.code, type: a.phantom ? "phantom" : "assembly", stdConversion: new Dec(a.conversionCents).dividedBy(100), row: MATERIALS.length + i + 2 })),
  ];
}

function bomRecords(): BomLineRecord[] {
  return ASSEMBLIES.flatMap((a) => a.lines.map((l) => ({ parent: a.code, ...l }))).map((l, i) => ({
    parent: l.parent,
    component: l.component,
    qtyPer: new Dec(l.qtyPer),
    scrap: l.scrap ? new Dec(l.scrap) : ZERO,
    validFrom: l.validFrom,
    validTo: l.validTo,
    row: i + 2,
  }));
}

const A_MONDAY = excelSerialFromIso("2026-10-05");
/** Week number counted from a Monday: weeks run Monday to Sunday. */
function weekOf(day: IsoDate): number {
  return Math.floor((excelSerialFromIso(day) - A_MONDAY) / 7);
}

function lastWorkdayOfWeek(workdays: readonly IsoDate[], week: number): IsoDate {
  return workdays.filter((d) => weekOf(d) === week).at(-1)!;
}
