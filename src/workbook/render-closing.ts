/**
 * The period's closing (engine/closing.ts) as the "Closing" sheet and as its
 * part of the `--json` document: per item and inventory role its quantity,
 * value, standard content and the prorated variance in it; per account its
 * balance; and the settings the next period must agree with. The next run
 * reads it back (workbook/opening.ts): the words are in the run's language,
 * the codes (roles, settings, dates) are the contract's, in every language.
 */
import type { ClosingKind, ClosingLine, ResolvedSettings } from "../engine/types";
import type { BackflushResult } from "../engine/types";
import { ZERO, type Dec } from "../engine/money";
import { CATALOGS, translator, type Language, type MessageKey } from "../i18n";
import type { OutCell, OutColumn, SheetModel } from "./render";
import type { SettingKey } from "./schema";
import { generatedSheetName } from "./names";

export const CLOSING_KIND = "Closing" as const;

/** The Closing table's columns, in order: each one's header key. */
export const CLOSING_COLUMNS = ["section", "role", "item", "qty", "value", "material", "conversion", "variance", "unitMaterial", "unitConversion", "carried"] as const;
export type ClosingColumn = (typeof CLOSING_COLUMNS)[number];
const COLUMN_KIND: Readonly<Record<ClosingColumn, OutColumn["kind"]>> = { section: "text", role: "text", item: "text", qty: "quantity", value: "money", material: "money", conversion: "money", variance: "money", unitMaterial: "quantity", unitConversion: "quantity", carried: "text" };
const COLUMN_WIDTH: Readonly<Record<ClosingColumn, number>> = { section: 18, role: 20, item: 24, qty: 12, value: 14, material: 14, conversion: 14, variance: 14, unitMaterial: 12, unitConversion: 12, carried: 10 };

/** A Closing row's section: a setting, or a closing line's kind. */
export type ClosingSection = "setting" | ClosingKind;
export const CLOSING_SECTIONS: readonly ClosingSection[] = ["setting", "goods", "units", "variance", "account"];

/** The settings a Closing sheet records, by the Settings table's keys: the next period must agree with them. */
export const CLOSING_SETTINGS: readonly SettingKey[] = ["Triggers", "Currency", "PeriodStart", "PeriodEnd", "Disposition", "CapitalizeConversion"];
/**
 * The setting row whose Value is what the lines carried forward add up to: a
 * control total, so that a line deleted or cleared by hand is refused when
 * the next period opens here, not opened without it.
 */
const CARRIED_TOTAL = "CarriedTotal";
/**
 * The setting row whose Qty is what the quantities of the lines carried
 * forward add up to (units of every item together: a control total, not a
 * stock figure), so that a quantity changed by hand is refused as a value is.
 */
const CARRIED_UNITS = "CarriedUnits";

/** The control totals a Closing writes as Setting rows, and the reader checks the lines carried forward against. */
export const CONTROL_TOTALS = [
  { setting: CARRIED_TOTAL, column: "value", of: (l: { value: Dec }) => l.value, mismatch: "closing.error.carriedTotal" },
  { setting: CARRIED_UNITS, column: "qty", of: (l: { qty: Dec }) => l.qty, mismatch: "closing.error.carriedUnits" },
] as const;

/** Each setting's value as the sheet writes it (codes and ISO dates, read back the same in every language). */
function settingText(key: SettingKey, s: ResolvedSettings): string {
  switch (key) {
    case "Triggers":
      return s.sequence;
    case "Currency":
      return s.currency;
    case "PeriodStart":
      return s.periodStart;
    case "PeriodEnd":
      return s.periodEnd;
    case "Disposition":
      return s.disposition;
    case "CapitalizeConversion":
      return s.capitalizeConversion ? "yes" : "no";
    default:
      return "";
  }
}

/** The words of one key in every language, for reading a sheet back whatever language wrote it. */
export function wordsInEveryLanguage(key: MessageKey): string[] {
  return Object.values(CATALOGS).map((c) => c[key]);
}

/** The Closing sheet, in the run's language. */
export function closingSheet(result: BackflushResult, language: Language = "en"): SheetModel {
  const t = translator(language);
  const { settings } = result;
  const columns: OutColumn[] = CLOSING_COLUMNS.map((c) => ({ header: t.t(`closing.col.${c}`), kind: COLUMN_KIND[c], width: COLUMN_WIDTH[c] }));
  const rows: OutCell[][] = CLOSING_SETTINGS.map((key) => [t.t("closing.section.setting"), key, settingText(key, settings), null, null, null, null, null, null, null, null]);
  for (const control of CONTROL_TOTALS) {
    const row: OutCell[] = CLOSING_COLUMNS.map(() => null);
    row[0] = t.t("closing.section.setting");
    row[1] = control.setting;
    row[CLOSING_COLUMNS.indexOf(control.column)] = result.closing.reduce((a, l) => (l.carried ? a.plus(control.of(l)) : a), ZERO);
    rows.push(row);
  }
  for (const l of result.closing) rows.push(closingRow(l, t.t(`closing.section.${l.kind}`), t.t(l.carried ? "closing.yes" : "closing.no")));
  return {
    kind: CLOSING_KIND,
    name: generatedSheetName(CLOSING_KIND, language),
    title: t.t("closing.title", { end: settings.periodEnd, currency: settings.currency, sequence: t.t(`sheet.seq.${settings.sequence}`) }),
    columns,
    rows,
  };
}

function closingRow(l: ClosingLine, section: string, carried: string): OutCell[] {
  const goods = l.kind === "goods" || l.kind === "units";
  return [section, l.role, l.item ?? null, goods || !l.qty.isZero() ? l.qty : null, l.value, goods ? l.material : null, goods ? l.conversion : null, l.kind === "account" ? null : l.variance, l.unitMaterial ?? null, l.unitConversion ?? null, carried];
}

/** `closing` of the `--json` document: numbers as exact decimal strings. */
export function closingJson(result: BackflushResult) {
  const mu = result.settings.minorUnits;
  return result.closing.map((l) => ({
    kind: l.kind,
    role: l.role,
    item: l.item ?? null,
    qty: l.qty.toFixed(),
    value: l.value.toFixed(mu),
    material: l.material.toFixed(mu),
    conversion: l.conversion.toFixed(mu),
    variance: l.variance.toFixed(mu),
    unitMaterial: l.unitMaterial?.toFixed() ?? null,
    unitConversion: l.unitConversion?.toFixed() ?? null,
    carried: l.carried,
  }));
}
