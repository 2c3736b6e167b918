/**
 * The engine's text in the run's language (English, Swedish or Malay): entry
 * descriptions, memos, warnings and suitability findings, from the `engine.*`
 * block of the catalogs in src/i18n (pure, like the engine).
 *
 * Why templates are split once: a full sheet posts over a hundred thousand
 * lines, and their memos are texts shared by many lines (made once per item
 * and BOM version) or written when a line is read. A template is cut at its
 * `{parameters}` the first time it is used and then filled by joining, which
 * costs what the template literal it replaced did; no catalog lookup or
 * pattern match is made per line.
 */
import { CATALOGS, pluralForm, translator, type Language, type MessageKey, type PluralBase } from "../i18n";
import type { ParamArgs, ParamsOf } from "../i18n/catalog";
import type { en } from "../i18n/en";
import type { Dec } from "./money";
import type { TriggerSequence } from "./types";
import { textOf, type Scaled } from "./scaled";

/** The keys of the engine's texts. */
export type EngineKey = Extract<MessageKey, `engine.${string}`>;
/** The engine's texts with a singular and a plural form. */
export type EnginePluralBase = Extract<PluralBase, `engine.${string}`>;

/** A value in an engine text, as the run knows it: a name or code as it is, or exact decimal text written the language's way. */
export type EngineParam =
  | string
  /** Written as `Wording.num` writes it (plain digits in English). */
  | { readonly figure: string }
  /** Grouped in every language, English too (`Wording.grouped`). */
  | { readonly grouped: string }
  /** Words of the catalog (the trigger points, as the sheets name them), said in the language, as a problem's `term` is. */
  | { readonly term: EngineKey | `sheet.seq.${TriggerSequence}` };

/**
 * What a warning or a finding says, kept apart from the words: its key and
 * values, so that it can be said in any language (the run's, on the sheets;
 * English, in the command line's --json) from the same facts.
 */
export type EngineText = { readonly key: EngineKey; readonly params: Readonly<Record<string, EngineParam>> } | { readonly plural: EnginePluralBase; readonly count: number };

/** An engine text's key and values, its parameters checked against the English catalog. */
export function told<K extends EngineKey>(key: K, ...params: [ParamsOf<(typeof en)[K]>] extends [never] ? [] : [Readonly<Record<ParamsOf<(typeof en)[K]>, EngineParam>>]): EngineText {
  return { key, params: params[0] ?? {} };
}

export class Wording {
  /** key → the template's pieces: literal text at even places, parameter names at odd ones. */
  private readonly templates = new Map<EngineKey, readonly string[]>();
  /**
   * A number in a memo, a description or a finding, from exact decimal text:
   * with the language's grouping, decimal mark and minus sign. English keeps
   * the plain digits ("1764.77") its journal has always had, so an English run
   * reads as before (tests, ledger imports and the bench's digests compare it).
   */
  readonly num: (decimal: string) => string;
  /** A number grouped in every language, English too ("3,605.47"): the revaluation warning's. */
  readonly grouped: (decimal: string) => string;

  constructor(readonly lang: Language) {
    this.grouped = translator(lang).num;
    this.num = lang === "en" ? asWritten : this.grouped;
  }

  /** The text of `key`, its `{parameters}` filled in. */
  text<K extends EngineKey>(key: K, ...params: ParamArgs<K>): string {
    let parts = this.templates.get(key);
    if (parts === undefined) this.templates.set(key, (parts = CATALOGS[this.lang][key].split(/\{(\w+)\}/)));
    if (parts.length === 1) return parts[0];
    const values = params[0] as Readonly<Record<string, string | number>>;
    let out = parts[0];
    for (let i = 1; i < parts.length; i += 2) out += String(values[parts[i]]) + parts[i + 1];
    return out;
  }

  /** The plural form of `base` for `count` (`base.one` or `base.other`), `{count}` written as `num` writes it. */
  plural(base: EnginePluralBase, count: number): string {
    const key = `${base}.${pluralForm(this.lang, count)}` as EngineKey;
    return (this.text as (key: EngineKey, params: Readonly<Record<string, string>>) => string)(key, { count: this.num(String(count)) });
  }

  /** An engine text in this wording's language. */
  say(text: EngineText): string {
    if ("plural" in text) return this.plural(text.plural, text.count);
    const values: Record<string, string> = {};
    for (const [name, v] of Object.entries(text.params)) values[name] = typeof v === "string" ? v : "figure" in v ? this.num(v.figure) : "term" in v ? CATALOGS[this.lang][v.term] : this.grouped(v.grouped);
    return (this.text as (key: EngineKey, params: Readonly<Record<string, string>>) => string)(text.key, values);
  }

  /** A decimal in plain notation (no exponent, no trailing zeros), written as `num` writes it. */
  dec(d: Dec): string {
    return this.num(d.toFixed());
  }

  /** Scaled units, written as `num` writes them. */
  scaled(x: Scaled): string {
    return this.num(textOf(x));
  }
}

function asWritten(decimal: string): string {
  return decimal;
}

/** One wording per language, shared by every run: its templates are cut once per process. */
const WORDINGS: Partial<Record<Language, Wording>> = {};

export function wordingOf(lang: Language = "en"): Wording {
  return (WORDINGS[lang] ??= new Wording(lang));
}
