/**
 * The standards review (engine/review.ts) as generated sheets and as its part
 * of the `--json` document: the "Standards Review" sheet (one row per standard
 * tested, per assembly's rollup and per item revalued) and "Proposed Items"
 * (the Items table with the proposals in, in the Items layout, to paste into
 * next period's workbook). The sheets' names and words are in the run's sheet
 * language (Settings Language, else the pane's or the command line's);
 * Proposed Items keeps the contract's headers so that it reads as Items.
 */
import { Dec } from "../engine/money";
import { SEQUENCE_RULES } from "../engine/sequences";
import { DEVIATION_PLACES, THIN_PURCHASE_SHARE, deviationPctOf, USAGE_PLACES, type ReviewRow, type StandardsReview, type ThinReason } from "../engine/review";
import type { ResolvedSettings, StandardCost } from "../engine/types";
import { translator, type Language, type MessageKey, type Translator } from "../i18n";
import { generatedSheetName } from "./names";
import type { OutCell, OutColumn, SheetModel } from "./render";
import { TABLES } from "./schema";

export const REVIEW_KINDS = ["Standards Review", "Proposed Items"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

const HUNDRED = new Dec(100);
/** A fraction as the percentage a message states: 0.05 → "5". */
export const percentText = (fraction: Dec): string => fraction.times(HUNDRED).toFixed();

/** The reason a standard was not judged, in words. */
export function thinText(thin: ThinReason, t: Translator): string {
  switch (thin.code) {
    case "small-purchase":
      return t.t("review.thin.small-purchase", {
        bought: t.num(thin.bought.toFixed()),
        used: t.num(thin.used.toFixed()),
        share: t.num(thin.share.times(HUNDRED).toDecimalPlaces(DEVIATION_PLACES).toFixed()),
        min: t.num(percentText(THIN_PURCHASE_SHARE)),
      });
    case "not-consumed":
      return t.t(thin.madeOnly ? "review.thin.not-consumed-made" : "review.thin.not-consumed");
    case "count-above-use":
      return t.t("review.thin.count-above-use");
    case "no-conversion-incurred":
      return t.t("review.thin.no-conversion-incurred");
    case "no-production":
      return t.t("review.thin.no-production");
  }
}

/** What a judged row was measured on, in words. */
function noteOf(row: ReviewRow, t: Translator, atSale: boolean): string {
  if (row.thin) return thinText(row.thin, t);
  const basis = t.num(row.basis.toFixed());
  switch (row.kind) {
    case "price":
      return t.t("review.note.price", { qty: basis });
    case "usage":
      // Only a flagged row proposes a new quantity: one that is not has nothing to adopt.
      return row.bomFactor ? t.t("review.note.usage", { output: basis, factor: t.num(row.bomFactor.toDecimalPlaces(USAGE_PLACES).toFixed()) }) : t.t("review.note.usageMeasured", { output: basis });
    case "conversion":
      // Where conversion is allocated at sale, the rate is measured on the goods completed, not on what was allocated.
      return t.t(atSale ? "review.note.conversionMade" : "review.note.conversion", { allocated: basis });
  }
}

const ratioOf = (pct: Dec | null): Dec | null => (pct === null ? null : pct.dividedBy(HUNDRED));

/** The review's sheets, in the run's language. */
export function reviewSheets(review: StandardsReview, settings: ResolvedSettings, language: Language = "en"): SheetModel[] {
  const t = translator(language);
  const col = (key: Extract<MessageKey, `review.col.${string}`>, kind: OutColumn["kind"], width: number, total?: OutColumn["total"]): OutColumn => ({ header: t.t(key), kind, width, ...(total ? { total } : {}) });
  const columns: OutColumn[] = [
    col("review.col.kind", "text", 13, "label"),
    col("review.col.item", "text", 16),
    col("review.col.standard", "quantity", 12),
    col("review.col.actual", "quantity", 12),
    col("review.col.deviation", "ratio", 10),
    col("review.col.flagged", "text", 8),
    col("review.col.proposed", "quantity", 12),
    col("review.col.materialNow", "quantity", 13),
    col("review.col.conversionNow", "quantity", 13),
    col("review.col.materialProposed", "quantity", 13),
    col("review.col.conversionProposed", "quantity", 13),
    col("review.col.qty", "quantity", 12),
    col("review.col.revaluation", "money", 14, "sum"),
    col("review.col.note", "text", 60),
  ];
  // Where conversion is allocated at sale, the rate is measured on the goods completed (noteOf says so).
  const atSale = SEQUENCE_RULES[settings.sequence].flushAt === "sale";
  const rows: OutCell[][] = [];
  for (const r of review.rows) {
    rows.push([t.t(`review.kind.${r.kind}`), r.item, r.standard, r.actual, ratioOf(r.deviationPct), r.flagged ? t.t("review.yes") : "", r.proposed, null, null, null, null, null, null, noteOf(r, t, atSale)]);
  }
  for (const x of review.rollup) {
    // Rounded as every other row's deviation is.
    const change = ratioOf(deviationPctOf(x.standard.total, x.proposed.total));
    rows.push([t.t("review.kind.rollup"), x.item, x.standard.total, null, change, "", x.proposed.total, x.standard.material, x.standard.conversion, x.proposed.material, x.proposed.conversion, null, null, ""]);
  }
  for (const v of review.revaluation) {
    rows.push([t.t("review.kind.revaluation"), v.item, v.standard, null, null, "", v.proposed, null, null, null, null, v.qty, v.revaluation, t.t(v.role === "RIP" ? "review.note.rip" : v.role === "MATERIALS_CLEARING" ? "review.note.clearing" : "review.note.fg")]);
  }
  const reviewSheet: SheetModel = {
    kind: "Standards Review",
    name: generatedSheetName("Standards Review", language),
    title: t.t("review.sheetTitle", { start: settings.periodStart, end: settings.periodEnd, tolerance: t.num(percentText(review.tolerance)) }),
    columns,
    rows,
  };

  const itemColumns = TABLES.Items.columns;
  const proposedItems: SheetModel = {
    kind: "Proposed Items",
    name: generatedSheetName("Proposed Items", language),
    title: t.t("review.itemsTitle"),
    columns: itemColumns.map((c, i) => ({ header: c.key, kind: c.kind === "number" ? "quantity" : "text", width: i === 0 ? 16 : c.key === "Description" ? 30 : 14 })),
    rows: review.proposedItems.map((it) => [it.item, it.type, it.stdPrice ?? null, it.stdConversion ?? null, it.description ?? null, it.unit ?? null]),
  };
  return [reviewSheet, proposedItems];
}

// ------------------------------------------------------------ JSON (command line)

const costJson = (c: StandardCost) => ({ material: c.material.toFixed(), conversion: c.conversion.toFixed(), total: c.total.toFixed() });

/** `standardsReview` and `proposedRollup` of the `--json` document: numbers as exact decimal strings. */
export function reviewJson(review: StandardsReview) {
  return {
    standardsReview: review.rows.map((r) => ({
      item: r.item,
      kind: r.kind,
      standard: r.standard?.toFixed() ?? null,
      actual: r.actual?.toFixed() ?? null,
      deviationPct: r.deviationPct?.toFixed(DEVIATION_PLACES) ?? null,
      flagged: r.flagged,
      proposed: r.proposed?.toFixed() ?? null,
    })),
    proposedRollup: review.rollup.map((x) => ({ item: x.item, standard: costJson(x.standard), proposed: costJson(x.proposed) })),
  };
}

