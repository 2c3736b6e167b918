/**
 * The task pane's languages: English, Swedish and Malay. Which one is used,
 * the typed lookup of its messages, and numbers written the way each language
 * writes them. Money arrives here as exact decimal text ("12345.60") and is
 * only regrouped, never turned into a float.
 */
import type { Catalog, MessageKey, ParamArgs, PluralArgs, PluralBase } from "./catalog";
import { en } from "./en";
import { ms } from "./ms";
import { sv } from "./sv";

export type { Catalog, MessageKey, PluralBase } from "./catalog";

export type Language = "en" | "sv" | "ms";

export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, sv, ms };

/** Each language under its own name, for the language picker. */
export const LANGUAGES: readonly { code: Language; name: string }[] = [
  { code: "en", name: "English" },
  { code: "sv", name: "Svenska" },
  { code: "ms", name: "Bahasa Melayu" },
];

/** "sv-SE", "sv", "SV_fi" → "sv"; undefined for a language we have no catalog for. */
export function languageOf(tag: string | null | undefined): Language | undefined {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return primary === "en" || primary === "sv" || primary === "ms" ? primary : undefined;
}

export interface LanguageSources {
  /** `?lang=` on the page's URL (tests and links). */
  query?: string | null;
  /** The language the user picked in the pane, remembered in the workbook. */
  saved?: string | null;
  /** `Office.context.displayLanguage`, inside Office. */
  office?: string | null;
  /** `navigator.languages` (or `[navigator.language]`), in order of preference. */
  browser?: readonly string[];
}

/** The first of: the URL's ?lang, the saved choice, Office's display language, the browser's languages; else English. */
export function pickLanguage(s: LanguageSources): Language {
  for (const tag of [s.query, s.saved, s.office, ...(s.browser ?? [])]) {
    const lang = languageOf(tag);
    if (lang) return lang;
  }
  return "en";
}

/** The BCP 47 tag to hand Intl for a language (plural rules, separators). */
const LOCALE: Readonly<Record<Language, string>> = { en: "en-US", sv: "sv-SE", ms: "ms-MY" };

export interface Translator {
  readonly lang: Language;
  /** The message for `key`, its `{parameters}` filled in. */
  t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string;
  /** The plural form of `base` for `count` (`base.one` or `base.other`), with `{count}` written as a number. */
  tn<B extends PluralBase>(base: B, count: number, ...params: PluralArgs<B>): string;
  /** Exact decimal text ("-12345.6") with this language's grouping, decimal mark and minus sign. */
  num(decimal: string): string;
}

function fill(text: string, params: Readonly<Record<string, string | number>> | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

interface Separators {
  group: string;
  decimal: string;
  minus: string;
}

/** The language's separators, read from Intl's formatting of a sample number (no money passes through Intl). */
function separatorsOf(lang: Language): Separators {
  const parts = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: 1 }).formatToParts(-12345.5);
  const part = (type: string, fallback: string) => parts.find((p) => p.type === type)?.value ?? fallback;
  return { group: part("group", ","), decimal: part("decimal", "."), minus: part("minusSign", "-") };
}

/** Regroups exact decimal text; anything that is not plain decimal text is returned as it is. */
export function formatDecimalText(decimal: string, sep: Separators): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!m) return decimal;
  const [, sign, whole, fraction] = m;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep.group);
  const zero = /^0+$/.test(whole) && (!fraction || /^0+$/.test(fraction));
  return `${sign && !zero ? sep.minus : ""}${grouped}${fraction !== undefined ? sep.decimal + fraction : ""}`;
}

const PLURAL_RULES: Partial<Record<Language, Intl.PluralRules>> = {};

/** Which of a plural pair's forms a count takes in a language. Our catalogs carry "one" and "other"; a language with more forms would fall back to "other". */
export function pluralForm(lang: Language, count: number): "one" | "other" {
  return (PLURAL_RULES[lang] ??= new Intl.PluralRules(LOCALE[lang])).select(count) === "one" ? "one" : "other";
}

const TRANSLATORS: Partial<Record<Language, Translator>> = {};

/** The translator of a language: one per language, made once (its number separators come from Intl, slow to ask). */
export function translator(lang: Language): Translator {
  return (TRANSLATORS[lang] ??= Object.freeze(makeTranslator(lang)));
}

function makeTranslator(lang: Language): Translator {
  const catalog = CATALOGS[lang];
  const sep = separatorsOf(lang);
  const num = (decimal: string) => formatDecimalText(decimal, sep);
  return {
    lang,
    t(key, ...params) {
      return fill(catalog[key], params[0] as Readonly<Record<string, string | number>> | undefined);
    },
    tn(base, count, ...params) {
      const key = `${base}.${pluralForm(lang, count)}` as MessageKey;
      return fill(catalog[key], { ...(params[0] as Readonly<Record<string, string | number>> | undefined), count: num(String(count)) });
    },
    num,
  };
}
