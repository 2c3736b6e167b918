/**
 * The workbook contract as data: the input tables, their columns, and the
 * English, Swedish and Malay names users may give them. docs/workbook.md is the
 * same contract in words.
 */
import type { AccountRole, ItemType, TableName, TriggerSequence, Disposition } from "../engine/types";
import { ACCOUNT_ROLES, TRIGGER_SEQUENCES } from "../engine/types";
import { LANGUAGES, translator, type Language } from "../i18n";
import { INVISIBLE } from "./cells";

export type ColumnKind = "text" | "number" | "date";

export interface ColumnDef {
  /** The field name the engine uses in messages (and the English header). */
  key: string;
  kind: ColumnKind;
  required: boolean;
  /** Other accepted headers: English synonyms, Swedish, Malay. */
  aliases: readonly string[];
  /** The same headers by language, so a hint can offer the reader's own first (`columnHint`). */
  names: Readonly<Record<Language, readonly string[]>>;
}

export interface TableDef {
  name: TableName;
  /** Other accepted table or sheet names (Swedish, Malay). */
  aliases: readonly string[];
  columns: readonly ColumnDef[];
}

type HeaderNames = Partial<Record<Language, readonly string[]>>;
const col = (key: string, kind: ColumnKind, required: boolean, names: HeaderNames = {}): ColumnDef => {
  const byLanguage = { en: names.en ?? [], sv: names.sv ?? [], ms: names.ms ?? [] };
  return { key, kind, required, aliases: [...new Set([...byLanguage.en, ...byLanguage.sv, ...byLanguage.ms])], names: byLanguage };
};

const DATE = col("Date", "date", true, { sv: ["Datum"], ms: ["Tarikh"] });
const ITEM = col("Item", "text", true, { en: ["Item code"], sv: ["Artikel", "Artikelnummer"], ms: ["Barang", "Kod item"] });
const QTY = col("Qty", "number", true, { en: ["Quantity"], sv: ["Antal", "Kvantitet"], ms: ["Kuantiti"] });
const REF = col("Ref", "text", false, { en: ["Reference"], sv: ["Referens"], ms: ["Rujukan"] });

export const TABLES: Readonly<Record<TableName, TableDef>> = {
  Items: {
    name: "Items",
    aliases: ["Artiklar", "Barangan"],
    columns: [
      ITEM,
      col("Type", "text", true, { en: ["Item type"], sv: ["Typ"], ms: ["Jenis"] }),
      col("StdPrice", "number", false, { en: ["Standard price"], sv: ["Standardpris"], ms: ["Harga piawai"] }),
      col("StdConversion", "number", false, { en: ["Standard conversion"], sv: ["Standardförädling", "Förädlingskostnad"], ms: ["Kos penukaran piawai", "Penukaran piawai"] }),
      col("Description", "text", false, { sv: ["Beskrivning"], ms: ["Keterangan"] }),
      col("Unit", "text", false, { en: ["UoM"], sv: ["Enhet"], ms: ["Unit ukuran"] }),
    ],
  },
  BOM: {
    name: "BOM",
    aliases: ["Bill of materials", "Struktur", "Stycklista", "Bil bahan"],
    columns: [
      col("Parent", "text", true, { en: ["Parent item"], sv: ["Överordnad", "Förälder"], ms: ["Induk"] }),
      col("Component", "text", true, { sv: ["Komponent"], ms: ["Komponen"] }),
      col("QtyPer", "number", true, { en: ["Quantity per", "Qty per"], sv: ["Antal per", "Kvantitet per"], ms: ["Kuantiti per", "Kuantiti se"] }),
      col("Scrap", "number", false, { en: ["Scrap allowance"], sv: ["Spill", "Kassation"], ms: ["Sisa", "Skrap"] }),
      col("ValidFrom", "date", false, { en: ["Valid from"], sv: ["Giltig från"], ms: ["Sah dari"] }),
      col("ValidTo", "date", false, { en: ["Valid to", "Valid until"], sv: ["Giltig till"], ms: ["Sah hingga"] }),
    ],
  },
  Production: { name: "Production", aliases: ["Completions", "Tillverkning", "Färdigrapportering", "Pengeluaran"], columns: [DATE, ITEM, QTY, REF] },
  Sales: { name: "Sales", aliases: ["Försäljning", "Jualan"], columns: [DATE, ITEM, QTY, REF] },
  Purchases: {
    name: "Purchases",
    aliases: ["Inköp", "Pembelian"],
    columns: [DATE, ITEM, QTY, col("Amount", "number", true, { en: ["Actual amount"], sv: ["Belopp"], ms: ["Amaun", "Jumlah"] }), REF],
  },
  Conversion: {
    name: "Conversion",
    aliases: ["Conversion costs", "Förädlingskostnader", "Förädling", "Kos penukaran", "Penukaran"],
    columns: [DATE, col("Amount", "number", true, { sv: ["Belopp"], ms: ["Amaun", "Jumlah"] }), col("Category", "text", false, { sv: ["Kategori"], ms: ["Kategori"] }), REF],
  },
  Inventory: {
    name: "Inventory",
    aliases: ["Stock", "Lager", "Inventori", "Stok"],
    columns: [ITEM, col("Opening", "number", false, { en: ["Opening qty"], sv: ["Ingående", "Ingående saldo"], ms: ["Baki awal", "Pembukaan"] }), col("Count", "number", false, { en: ["Counted"], sv: ["Inventerat", "Räknat"], ms: ["Kiraan"] }), col("OpeningValue", "number", false, { en: ["Opening value"], sv: ["Ingående värde"], ms: ["Nilai awal"] })],
  },
  Settings: {
    name: "Settings",
    aliases: ["Inställningar", "Tetapan"],
    columns: [col("Setting", "text", true, { en: ["Key"], sv: ["Inställning"], ms: ["Tetapan"] }), col("Value", "text", false, { sv: ["Värde"], ms: ["Nilai"] })],
  },
  Accounts: {
    name: "Accounts",
    aliases: ["Chart of accounts", "Konton", "Kontoplan", "Akaun"],
    columns: [col("Role", "text", true, { sv: ["Roll"], ms: ["Peranan"] }), col("Account", "text", true, { en: ["Account number"], sv: ["Konto", "Kontonummer"], ms: ["Akaun", "Nombor akaun"] }), col("Name", "text", false, { en: ["Account name"], sv: ["Namn", "Kontonamn"], ms: ["Nama", "Nama akaun"] })],
  },
};

/** Input tables in the order the wizard and the run log list them. */
export const TABLE_ORDER: readonly TableName[] = ["Items", "BOM", "Production", "Sales", "Purchases", "Conversion", "Inventory", "Settings", "Accounts"];

/** Header and name matching ignores case, spaces, underscores, hyphens, dots and accents. */
export function normalizeName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    // Characters that show as nothing (a zero-width space, a soft hyphen: cells.ts INVISIBLE), which a header pasted from
    // the web keeps: "Type" with one is the Type column the user sees, not a column missing.
    .replace(INVISIBLE, "")
    .replace(/[\s_\-.]+/g, "");
}

/** How many other names a missing-column hint offers, past the reader's own language's (all of which it offers). */
const HINT_NAMES = 3;
const HINT_ORDER: readonly Language[] = LANGUAGES.map((l) => l.code);

/** The other headers a missing column may have, for a reader of `lang`: all of that language's first, then the others' up to HINT_NAMES in all. */
export function columnHint(c: ColumnDef, lang: Language): string[] {
  const own = c.names[lang];
  const names = [...new Set([...own, ...HINT_ORDER.filter((l) => l !== lang).flatMap((l) => c.names[l])])];
  return names.slice(0, Math.max(own.length, HINT_NAMES));
}

export function tableNames(def: TableDef): string[] {
  return [def.name, ...def.aliases];
}

/**
 * Words users write, by their normalized form. A Map, never a plain object:
 * "constructor" or "__proto__" typed in a cell must find nothing, not
 * Object's own properties.
 */
function wordsOf<K extends string>(entries: readonly (readonly [K, readonly string[]])[]): ReadonlyMap<string, K> {
  return new Map(entries.flatMap(([key, words]) => words.map((w) => [normalizeName(w), key] as const)));
}

const ITEM_TYPES: ReadonlyMap<string, ItemType> = wordsOf([
  ["material", ["material", "raw material", "råvara", "råmaterial", "bahan", "bahan mentah"]],
  ["assembly", ["assembly", "product", "subassembly", "sub-assembly", "montering", "sammansättning", "produkt", "halvfabrikat", "pemasangan", "himpunan", "produk"]],
  ["phantom", ["phantom", "fantom"]],
] as const);

export function itemTypeOf(text: string): ItemType | undefined {
  return ITEM_TYPES.get(normalizeName(text));
}

export type SettingKey = "Triggers" | "PeriodStart" | "PeriodEnd" | "Currency" | "Disposition" | "Company" | "OrgNumber" | "Posting" | "StandardTolerance" | "CapitalizeConversion" | "Language";
/** The setting keys in the order messages list them. */
export const SETTING_KEY_ORDER: readonly SettingKey[] = ["Triggers", "PeriodStart", "PeriodEnd", "Currency", "Disposition", "Company", "OrgNumber", "Posting", "StandardTolerance", "CapitalizeConversion", "Language"];
const SETTING_KEYS: ReadonlyMap<string, SettingKey> = wordsOf([
  ["Triggers", ["triggers", "trigger points", "utlösare", "triggerpunkter", "pencetus", "titik pencetus"]],
  ["PeriodStart", ["period start", "periodstart", "periodens början", "mula tempoh", "tarikh mula"]],
  ["PeriodEnd", ["period end", "periodslut", "periodens slut", "akhir tempoh", "tarikh akhir"]],
  ["Currency", ["currency", "valuta", "mata wang"]],
  ["Disposition", ["disposition", "variance disposition", "avräkning", "pelupusan"]],
  ["Company", ["company", "company name", "företag", "företagsnamn", "syarikat", "nama syarikat"]],
  ["OrgNumber", ["org number", "organisation number", "organization number", "orgnr", "organisationsnummer", "no pendaftaran syarikat", "nombor pendaftaran syarikat"]],
  ["Posting", ["posting", "bokföring", "kontering", "pengeposan", "penyerahan"]],
  ["StandardTolerance", ["standard tolerance", "tolerance", "standardtolerans", "tolerans", "toleransi piawai", "toleransi"]],
  ["CapitalizeConversion", ["capitalize conversion", "capitalise conversion", "aktivera förädling", "förädling i lager", "modalkan penukaran", "permodalan penukaran"]],
  ["Language", ["language", "sheet language", "språk", "bladens språk", "bahasa", "bahasa helaian"]],
] as const);

export function settingKeyOf(text: string): SettingKey | undefined {
  return SETTING_KEYS.get(normalizeName(text));
}

type TriggerWord = "purchase" | "completion" | "sale";
const TRIGGER_WORDS: ReadonlyMap<string, TriggerWord> = wordsOf([
  ["purchase", ["purchase", "purchases", "inköp", "pembelian"]],
  ["completion", ["completion", "completions", "production", "tillverkning", "färdigställande", "färdigrapportering", "penyiapan", "pengeluaran"]],
  ["sale", ["sale", "sales", "försäljning", "jualan"]],
] as const);

const SEQUENCES: ReadonlyMap<string, TriggerSequence> = new Map(TRIGGER_SEQUENCES.map((s) => [s, s]));

/** "purchase, completion, sale" (in any of our languages, any order) → a sequence; undefined when it names no valid one. */
export function sequenceOf(text: string): TriggerSequence | undefined {
  const words = text.split(/[,;/→>|+]|\s-\s|\s–\s|\band\b|\boch\b|\bdan\b/i).map((w) => w.trim()).filter(Boolean);
  const set = new Set<TriggerWord>();
  for (const w of words) {
    const t = TRIGGER_WORDS.get(normalizeName(w));
    if (!t) return undefined;
    set.add(t);
  }
  const key = (["purchase", "completion", "sale"] as const).filter((t) => set.has(t)).join("-");
  return SEQUENCES.get(key);
}

const DISPOSITIONS: ReadonlyMap<string, Disposition> = wordsOf([
  ["cogs", ["cogs", "write off", "write-off", "writeoff", "cost of goods sold", "kostnadsför", "ksv", "kos jualan", "hapus kira"]],
  ["prorate", ["prorate", "proration", "pro rata", "fördela", "proportionera", "agih", "pro-rata"]],
] as const);

const YES_NO: ReadonlyMap<string, "yes" | "no"> = wordsOf([
  ["yes", ["yes", "true", "on", "ja", "sant", "ya", "benar"]],
  ["no", ["no", "false", "off", "nej", "falskt", "tidak", "palsu"]],
] as const);

/** yes / no (in any of our languages), or an Excel TRUE / FALSE; undefined for anything else. */
export function yesNoOf(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  const word = typeof v === "string" ? YES_NO.get(normalizeName(v)) : undefined;
  return word === undefined ? undefined : word === "yes";
}

export function dispositionOf(text: string): Disposition | undefined {
  return DISPOSITIONS.get(normalizeName(text));
}

/** The ISO 4217 codes in use, as the platform lists them; null where it cannot (a runtime before Intl.supportedValuesOf). */
let isoCurrencies: ReadonlySet<string> | null | undefined;

/** ISO 4217's funds codes (units of account such as Chile's UF, CLF), which runtimes' lists leave out: taken, with ISO's minor units. */
const FUNDS_CODES: readonly string[] = ["BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI"];

/**
 * Codes ISO 4217 has added in recent years, which a runtime's ICU data may not
 * list yet (Node 20 lacks VED; older Excel hosts lack ZWG or SLE): taken
 * whatever the platform says, so one workbook passes in every host (their
 * minor units come from ISO's table in money.ts, not from the platform).
 * VES, MRU, STN, UYW (2018); VED (2021); SLE (2022); ZWG (2024); XCG, XAD (2025).
 */
const RECENT_ISO_CURRENCIES: readonly string[] = ["VES", "MRU", "STN", "UYW", "VED", "SLE", "ZWG", "XCG", "XAD", ...FUNDS_CODES];

/**
 * A Settings Currency as its ISO 4217 code (upper case), or undefined when it
 * is none: "SKE" is a typo, not a currency. The list is the platform's own
 * (Intl.supportedValuesOf, Node 18+ and current browsers), with the recent
 * codes above; where the platform has no list, any three letters pass. The
 * minor units come from ISO's own table (money.ts, minorUnitsOf), whatever the platform.
 */
export function currencyOf(text: string): string | undefined {
  if (!/^[A-Za-z]{3}$/.test(text)) return undefined;
  const code = text.toUpperCase();
  if (isoCurrencies === undefined) isoCurrencies = typeof Intl.supportedValuesOf === "function" ? new Set([...Intl.supportedValuesOf("currency"), ...RECENT_ISO_CURRENCIES]) : null;
  return isoCurrencies === null || isoCurrencies.has(code) ? code : undefined;
}

/** How the exports carry the journal: every entry as posted, or one summary entry for the period. */
export type PostingMode = "summary" | "detail";

/** What the ledger exports need beyond the engine's settings: whose books, and how much detail. */
export interface LedgerSettings {
  /** The company's name (SIE's #FNAMN). */
  company?: string;
  /** Its organisation number (SIE's #ORGNR), as the user wrote it. */
  orgNumber?: string;
  posting: PostingMode;
}

const POSTING_MODES: ReadonlyMap<string, PostingMode> = wordsOf([
  ["summary", ["summary", "summarised", "summarized", "sammandrag", "summering", "ringkasan"]],
  ["detail", ["detail", "detailed", "detalj", "detaljerad", "terperinci", "butiran"]],
] as const);

export function postingModeOf(text: string): PostingMode | undefined {
  return POSTING_MODES.get(normalizeName(text));
}

/** What the generated sheets are written in (Settings Language); absent, the pane's or the command line's language. */
export interface SheetSettings {
  language?: Language;
}

const SHEET_LANGUAGES: ReadonlyMap<string, Language> = wordsOf([
  ["en", ["en", "English", "Engelska", "Bahasa Inggeris", "Inggeris"]],
  ["sv", ["sv", "Svenska", "Swedish", "Bahasa Sweden"]],
  ["ms", ["ms", "Bahasa Melayu", "Malay", "Melayu", "Malajiska"]],
] as const);

/** en, sv, ms, or a language's name ("Svenska", "bahasa melayu"); undefined for anything else. */
export function sheetLanguageOf(text: string): Language | undefined {
  return SHEET_LANGUAGES.get(normalizeName(text));
}

/** The account every role posts to when the workbook has no Accounts table (or leaves a role out). */
export const DEFAULT_ACCOUNTS: Readonly<Record<AccountRole, { account: string; name: string }>> = {
  RIP: { account: "1300", name: "Raw and in-process inventory" },
  FG: { account: "1400", name: "Finished goods" },
  AP: { account: "2000", name: "Accounts payable" },
  MATERIALS_CLEARING: { account: "2050", name: "Materials clearing" },
  CONV_SOURCE: { account: "2100", name: "Conversion costs payable and accrued" },
  COGS: { account: "5000", name: "Cost of goods sold" },
  PPV: { account: "5100", name: "Purchase price variance" },
  USAGE_VARIANCE: { account: "5200", name: "Material usage variance" },
  REVALUATION_VARIANCE: { account: "5300", name: "Inventory revaluation variance" },
  FG_SHRINKAGE: { account: "5250", name: "Finished goods shrinkage" },
  CONV_CONTROL: { account: "5500", name: "Conversion costs control" },
  CONV_ALLOCATED: { account: "5510", name: "Conversion costs allocated" },
};

/**
 * The accounts with the defaults' names in the sheet language: a role named
 * with an English default (left out of the Accounts table, written so by the
 * template, or with a blank Name) is named as the catalogs name the role whose
 * default it is ("Prisavvikelse vid inköp"), English keeping DEFAULT_ACCOUNTS'
 * own names. A name the user gave stays.
 */
export function accountsIn(accounts: Readonly<Record<AccountRole, { account: string; name: string }>>, language: Language): Record<AccountRole, { account: string; name: string }> {
  const t = translator(language);
  const out = { ...accounts };
  if (language === "en") return out;
  // A role the Accounts table leaves out, or names with an English default (the template writes them; a blank Name cell
  // reads as it, or as another role's that shares its account), takes that default's name in the sheet language; any
  // other name stays as the user wrote it.
  const defaultRole = new Map(ACCOUNT_ROLES.map((r) => [DEFAULT_ACCOUNTS[r].name, r] as const));
  for (const role of ACCOUNT_ROLES) {
    const named = defaultRole.get(accounts[role].name);
    if (named !== undefined) out[role] = { account: accounts[role].account, name: t.t(`role.${named}`) };
  }
  return out;
}

/** Tables a run cannot do without, by sequence (an empty table is fine; a missing one is not). */
export function requiredTables(sequence: TriggerSequence): TableName[] {
  const base: TableName[] = ["Items", "BOM", "Sales", "Conversion"];
  if (sequence === "purchase-completion-sale" || sequence === "completion-sale") base.push("Production");
  if (sequence === "purchase-completion-sale" || sequence === "purchase-sale") base.push("Purchases");
  return base;
}
