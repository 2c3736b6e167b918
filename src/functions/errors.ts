/**
 * What a BACKFLUSH.* function says when it cannot give a number: a typed
 * error carrying the Excel error value and a message that points at the
 * argument (and, for a range, the row and column in it) at fault.
 *
 * The message is made of catalog texts with their values (src/i18n: the
 * `function.*` keys, and the workbook's and the engine's `problem.*` keys),
 * so the same error is said in English, Swedish or Malay: `in(language)`.
 * `message` is the text in the error's language, English unless said otherwise.
 *
 * Nothing here touches Excel's `CustomFunctions` global: functions.ts turns a
 * FunctionError into `CustomFunctions.Error` at the boundary, so the logic
 * runs and is tested in plain Node.
 */
import { BackflushDataError } from "../engine/errors";
import type { TableName } from "../engine/types";
import { translator, type Language, type MessageKey } from "../i18n";
import type { ParamsOf } from "../i18n/catalog";
import type { en } from "../i18n/en";
import { problemText, type ProblemParam, type ProblemParamValues } from "../i18n/problems";
import type { CellProblem, TableLayout } from "../workbook/parse";
import { locate } from "../workbook/parse";

/** #VALUE! for a bad argument; #NUM! for a figure or a result too large to carry exactly; #N/A for an item that is not there. */
export type FunctionErrorCode = "#VALUE!" | "#NUM!" | "#N/A";

/** One sentence of a message: a catalog text and its values, after the cell it is about when there is one. */
export interface FunctionText {
  /** "bom!C7": a cell of a range argument (none for a scalar argument or the call as a whole). */
  address?: string;
  key: MessageKey;
  params: ProblemParamValues;
}

/** The custom functions' own texts: the `function.*` block of the catalogs. */
export type FunctionKey = Extract<MessageKey, `function.${string}`>;
export type FunctionParams<K extends FunctionKey> = Readonly<Record<ParamsOf<(typeof en)[K]>, ProblemParam>>;

/** A `function.*` text with its values, checked against the English text's `{parameters}`. */
function functionText<K extends FunctionKey>(key: K, params: FunctionParams<K>): FunctionText {
  return { key, params };
}

/** How many problems one message lists; a cell's error tip is small. */
const SHOWN_PROBLEMS = 3;

/** The texts as one message in `language`: each after its cell, "; " between, then how many more problems there are. */
function messageOf(texts: readonly FunctionText[], more: number, language: Language): string {
  const tr = translator(language);
  const said = texts.map((s) => (s.address === undefined ? "" : `${s.address}: `) + problemText(tr, s.key, s.params));
  if (more > 0) said.push(tr.tn("function.more", more));
  return said.join("; ");
}

export class FunctionError extends Error {
  /** The error said in other languages, each made once: a cached argument's error is thrown again on every call. */
  private readonly said = new Map<Language, FunctionError>();
  private text: string | undefined;

  constructor(
    readonly code: FunctionErrorCode,
    readonly texts: readonly FunctionText[],
    /** Problems found beyond those the message lists. */
    readonly more = 0,
    readonly language: Language = "en",
  ) {
    super();
    this.name = "FunctionError";
  }

  /** The message in the error's language, made when first read (an error said in another language is never read in this one). */
  override get message(): string {
    return (this.text ??= messageOf(this.texts, this.more, this.language));
  }

  /** The same error said in `language` (the error itself when it already is). */
  in(language: Language): FunctionError {
    if (language === this.language) return this;
    let e = this.said.get(language);
    if (!e) this.said.set(language, (e = new FunctionError(this.code, this.texts, this.more, language)));
    return e;
  }
}

/** A FunctionError of one `function.*` text. */
export function functionError<K extends FunctionKey>(code: FunctionErrorCode, key: K, params: FunctionParams<K>): FunctionError {
  return new FunctionError(code, [functionText(key, params)]);
}

/** One #VALUE! for a list of cell problems: the first few, then how many more. */
export function problemsError(problems: readonly CellProblem[]): FunctionError {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((p): FunctionText => ({ address: p.address, key: p.key, params: p.params }));
  return new FunctionError("#VALUE!", shown, Math.max(0, problems.length - SHOWN_PROBLEMS));
}

/** The engine's findings, pointed at the argument ranges they came from. */
export function dataError(e: BackflushDataError, layouts: Partial<Record<TableName, TableLayout>>): FunctionError {
  return problemsError(e.issues.map((issue) => locate(issue, layouts)));
}

/** Any error as a FunctionError: a function never lets a bare JavaScript exception reach the cell. */
export function asFunctionError(e: unknown): FunctionError {
  if (e instanceof FunctionError) return e;
  if (e instanceof BackflushDataError) return dataError(e, {});
  return functionError("#VALUE!", "function.failed", { reason: e instanceof Error ? e.message : String(e) });
}
