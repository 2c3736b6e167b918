/**
 * Problems with the data as catalog keys with named parameters: the engine and
 * the workbook layer say which problem it is and with what values; its text is
 * made here, in the reader's language (and once in English, for `message`).
 * Values the user typed are shown as typed; numbers we state are written the
 * reader's way (Translator.num).
 */
import type { MessageKey, ParamsOf, PluralBase } from "./catalog";
import type { en } from "./en";
import type { Language, Translator } from "./index";
import { translator } from "./index";

/** The keys of problem texts: the `problem.*` block of the catalogs. */
export type ProblemKey = Extract<MessageKey, `problem.${string}`>;

/** A value in a problem's text. */
export type ProblemParam =
  /** As the user typed it (a code, a cell's text with its quotes), or a name: shown as it is. */
  | string
  /** A count we state: grouped the reader's way. */
  | number
  /** An exact decimal we state ("-1.5", from a Dec): the reader's grouping, decimal mark and minus sign. */
  | { readonly figure: string }
  /** Words of the catalogs ("an assembly", "First day"), in the reader's language. */
  | { readonly term: MessageKey; readonly params?: ProblemParamValues }
  /** Several values, joined with ", ". */
  | { readonly list: readonly ProblemParam[] }
  /** A count with its noun in the reader's plural form ("1 column", "2 columns"): the `base.one` / `base.other` pair, `{count}` filled in. */
  | { readonly plural: PluralBase; readonly count: number }
  /** A value that differs by the reader's language (a missing column's other names, the reader's own first). */
  | { readonly byLanguage: Readonly<Record<Language, ProblemParam>> };

export type ProblemParamValues = Readonly<Record<string, ProblemParam>>;
export type ProblemParams<K extends ProblemKey> = Readonly<Record<ParamsOf<(typeof en)[K]>, ProblemParam>>;
/** The arguments after a key: none for a text without parameters. */
export type ProblemArgs<K extends ProblemKey> = [ParamsOf<(typeof en)[K]>] extends [never] ? [] : [ProblemParams<K>];

/** A problem's text: its key and parameters, and the English text made from them. */
export interface ProblemText {
  key: ProblemKey;
  params: ProblemParamValues;
  /** English, ready to show (logs, --json, tests). */
  message: string;
}

function valueText(tr: Translator, value: ProblemParam): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return tr.num(String(value));
  if ("figure" in value) return tr.num(value.figure);
  if ("list" in value) return value.list.map((v) => valueText(tr, v)).join(", ");
  if ("byLanguage" in value) return valueText(tr, value.byLanguage[tr.lang]);
  // The pairs used this way have no parameter but {count}.
  if ("plural" in value) return (tr.tn as (base: PluralBase, count: number) => string)(value.plural, value.count);
  return termText(tr, value.term, value.params);
}

function termText(tr: Translator, key: MessageKey, params: ProblemParamValues | undefined): string {
  const filled: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) filled[name] = valueText(tr, value);
  // The key's parameters were checked where the problem was made (`said`); here they are only filled in.
  return (tr.t as (key: MessageKey, params: Record<string, string>) => string)(key, filled);
}

/** A problem's text, or any catalog text whose values are problem values (the custom functions' messages), in the translator's language. */
export function problemText(tr: Translator, key: MessageKey, params: ProblemParamValues): string {
  return termText(tr, key, params);
}

const english = translator("en");

/** A problem's key and parameters, with its English text: the one place `message` is made. */
export function said<K extends ProblemKey>(key: K, ...params: ProblemArgs<K>): ProblemText {
  const values: ProblemParamValues = params[0] ?? {};
  return { key, params: values, message: problemText(english, key, values) };
}

/**
 * An item code of the `field` column that is not in the Items table. Given
 * the codes Items has (`known`), a code of digits that is one of them but for
 * its leading zeros ("123" where Items has "00123") says so: a cell holding a
 * number shows "00123" under a number format, and its value is 123.
 */
export const notInItems = (field: "Item" | "Parent" | "Component", item: string, known?: ReadonlyMap<string, unknown>): ProblemText => {
  // Only a code without leading zeros can be a number's digits.
  const like = known && /^[1-9]\d*$/.test(item) ? zeroPaddedIn(item, known) : undefined;
  return like === undefined ? said("problem.notInItems", { field, item, items: "Items" }) : said("problem.notInItemsPadded", { field, item, items: "Items", like });
};

/** The code in `known` that is `digits` with more leading zeros, if any. */
function zeroPaddedIn(digits: string, known: ReadonlyMap<string, unknown>): string | undefined {
  const bare = digits.replace(/^0+(?=\d)/, "");
  for (const code of known.keys()) if (code !== digits && /^0\d*$/.test(code) && code.replace(/^0+(?=\d)/, "") === bare) return code;
  return undefined;
}

/** The English text of a key and parameters put together elsewhere (a cell's problem, given its column). */
export function englishProblem(key: ProblemKey, params: ProblemParamValues): string {
  return problemText(english, key, params);
}
