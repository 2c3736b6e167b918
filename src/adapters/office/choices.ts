/**
 * The wizard's choices, remembered in the workbook's add-in settings
 * (`Office.context.document.settings`), so that the next run in the same
 * workbook starts where the last one ended. What is read back is checked: a
 * setting written by another version, or by hand, yields only what is valid.
 */
import type { Settings, TableName } from "../../engine";
import { TRIGGER_SEQUENCES, isIsoDate } from "../../engine";
import { TABLE_ORDER, currencyOf } from "../../workbook/schema";
import type { OfficeSettingsSubset as OfficeSettingsLike } from "./settings-api";

export type WizardLanguage = "en" | "sv" | "ms";
export const WIZARD_LANGUAGES: readonly WizardLanguage[] = ["en", "sv", "ms"];

export interface WizardChoices {
  /** The table or sheet picked for an input, when not the default name. */
  tableNames?: Partial<Record<TableName, string>>;
  /** Settings chosen in the wizard; they win over the Settings table. */
  overrides?: Partial<Settings>;
  language?: WizardLanguage;
}

/**
 * The part of `Office.Settings` used here: get, set and saveAsync
 * (settings-api.ts); the fake in test/fakes/office-settings-fake.ts implements it.
 */
export type { OfficeSettingsSubset as OfficeSettingsLike, SaveResultSubset as SaveResultLike } from "./settings-api";

/** The settings key; versioned so that a later shape can be told from this one. */
export const CHOICES_KEY = "backflush.wizardChoices";
const VERSION = 1;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function cleanTableNames(v: unknown): WizardChoices["tableNames"] {
  if (!isObject(v)) return undefined;
  const out: Partial<Record<TableName, string>> = {};
  for (const name of TABLE_ORDER) {
    const picked = v[name];
    if (typeof picked === "string" && picked.trim() !== "") out[name] = picked;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function cleanOverrides(v: unknown): WizardChoices["overrides"] {
  if (!isObject(v)) return undefined;
  const out: Partial<Settings> = {};
  if (TRIGGER_SEQUENCES.includes(v.sequence as Settings["sequence"])) out.sequence = v.sequence as Settings["sequence"];
  // As Settings Currency is read: an ISO 4217 code, not any three letters.
  const currency = typeof v.currency === "string" ? currencyOf(v.currency) : undefined;
  if (currency !== undefined) out.currency = currency;
  if (v.disposition === "cogs" || v.disposition === "prorate") out.disposition = v.disposition;
  if (typeof v.periodStart === "string" && isIsoDate(v.periodStart)) out.periodStart = v.periodStart;
  if (typeof v.periodEnd === "string" && isIsoDate(v.periodEnd)) out.periodEnd = v.periodEnd;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Only the valid parts of `v`, with no empty or undefined fields. */
function clean(v: Json): WizardChoices {
  const choices: WizardChoices = {};
  const tableNames = cleanTableNames(v.tableNames);
  const overrides = cleanOverrides(v.overrides);
  if (tableNames) choices.tableNames = tableNames;
  if (overrides) choices.overrides = overrides;
  if (WIZARD_LANGUAGES.includes(v.language as WizardLanguage)) choices.language = v.language as WizardLanguage;
  return choices;
}

/** The remembered choices; undefined when this workbook has none (or none this version can read). */
export function loadChoices(settings: OfficeSettingsLike): WizardChoices | undefined {
  const stored = settings.get(CHOICES_KEY);
  if (!isObject(stored) || stored.version !== VERSION) return undefined;
  return clean(stored);
}

/** Remembers `choices` in the workbook's settings and saves them into the document. */
export function saveChoices(settings: OfficeSettingsLike, choices: WizardChoices): Promise<void> {
  settings.set(CHOICES_KEY, { version: VERSION, ...clean(choices as Json) });
  return new Promise((resolve, reject) => {
    settings.saveAsync((result) => {
      if (result.status === "failed") reject(new Error(`The workbook did not save Backflush's choices: ${result.error?.message ?? "no reason given"}`));
      else resolve();
    });
  });
}
