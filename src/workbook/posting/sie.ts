/**
 * The journal as an SIE 4 file (type 4: transactions), the import format every
 * Swedish accounting program reads. docs/posting.md lists the records we write
 * and why. What the format fixes, and we follow:
 * - one record a line, `#LABEL` then fields separated by spaces, lines ended by CR LF;
 * - text in quotes, a quote inside written `\"` (and so a backslash `\\`), no control characters;
 * - dates as YYYYMMDD, amounts with a point and no thousands separator,
 *   positive for debit and negative for credit;
 * - the bytes in IBM PC 8-bit, code page 437 (`#FORMAT PC8`), where å is 0x86 (pc8.ts).
 */
import type { IsoDate } from "../../engine/dates";
import type { Dec } from "../../engine/money";
import { ACCOUNT_ROLES, type AccountRole, type BackflushResult } from "../../engine/types";
import type { Language } from "../../i18n";
import type { Accounts } from "../render";
import type { LedgerSettings } from "../schema";
import type { SheetNames } from "../sources";
import { accountsUsed, ledgerEntries } from "./entries";
import { encodePc8 } from "./pc8";

export interface SieOptions {
  /** The day the file is made (#GEN); the caller's clock, so the writer stays pure. */
  generated: IsoDate;
  /** The program and version that made it (#PROGRAM). */
  program: { name: string; version: string };
  sheets?: SheetNames;
  /** The language of the entries' words (the summary entry's texts), the sheets'; English when absent. */
  language?: Language;
}

/** The verification series our entries are numbered in; an importing program may renumber them into its own. */
export const SIE_SERIES = "A";

/** Why an SIE file cannot be written: no company to name (#FNAMN), or an account that is no number (#KONTO takes digits; importers refuse "1410 A"). */
export type SieRefusal = { code: "company"; cell?: string } | { code: "account"; role: AccountRole; account: string };

/** Why an SIE file cannot be written for these settings and accounts (those of `used` roles: the file names no other), or undefined when it can. */
export function sieRefusal(ledger: LedgerSettings, accounts?: Accounts, used: ReadonlySet<AccountRole> = new Set(ACCOUNT_ROLES)): SieRefusal | undefined {
  if (!ledger.company) return { code: "company" };
  for (const role of ACCOUNT_ROLES) {
    if (!used.has(role)) continue;
    const account = accounts?.[role].account;
    if (account !== undefined && !/^\d+$/.test(account.trim())) return { code: "account", role, account };
  }
  return undefined;
}

/** The SIE 4 file as text (before encoding): for tests and previews; `sieBytes` is what goes to disk. */
export function sieText(result: BackflushResult, accounts: Accounts, ledger: LedgerSettings, options: SieOptions): string {
  const company = ledger.company;
  // Only a defect can get here: callers ask sieRefusal first.
  if (!company) throw new RangeError("an SIE file names the company (#FNAMN): Settings has no Company");
  const { settings } = result;
  const mu = settings.minorUnits;
  const entries = ledgerEntries(result, accounts, options.sheets ?? {}, ledger.posting, options.language);
  const out: string[] = [
    "#FLAGGA 0",
    `#PROGRAM ${quoted(options.program.name)} ${bare(options.program.version)}`,
    "#FORMAT PC8",
    `#GEN ${sieDate(options.generated)}`,
    "#SIETYP 4",
    `#FNAMN ${quoted(company)}`,
  ];
  if (ledger.orgNumber) out.push(`#ORGNR ${quoted(ledger.orgNumber)}`);
  // Year 0 is "this year"; we give it the costing period, the span the entries fall in.
  out.push(`#RAR 0 ${sieDate(settings.periodStart)} ${sieDate(settings.periodEnd)}`);
  out.push(`#VALUTA ${settings.currency}`);
  for (const [account, name] of accountsUsed(entries)) out.push(`#KONTO ${bare(account)} ${quoted(name)}`);
  for (const e of entries) {
    const date = sieDate(e.date);
    out.push(`#VER ${SIE_SERIES} ${e.number} ${date} ${quoted(e.text)}`, "{");
    for (const l of e.lines) out.push(`   #TRANS ${bare(l.account)} {} ${signed(l.debit, l.credit, mu)} ${date} ${quoted(l.memo)}`);
    out.push("}");
  }
  return `${out.join("\r\n")}\r\n`;
}

/** The SIE 4 file as the bytes to write: code page 437. */
export function sieBytes(result: BackflushResult, accounts: Accounts, ledger: LedgerSettings, options: SieOptions): Uint8Array {
  return encodePc8(sieText(result, accounts, ledger, options));
}

/**
 * Punctuation code page 437 lacks, as the nearest it has: in names ("Payable
 * – trade") and in our own memos (a revaluation's "63.25 → 62.50", a
 * summary's "…", Swedish numbers' minus sign "−12", "qty × price").
 */
const PC8_FOLDS: Readonly<Record<string, string>> = {
  "\u2013": "-",
  "\u2014": "-",
  "\u2212": "-",
  "\u2018": "'",
  "\u2019": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u2192": "->",
  "\u2026": "...",
  "\u203a": ">",
  "\u00d7": "x",
};
const PC8_FOLDED = new RegExp(`[${Object.keys(PC8_FOLDS).join("")}]`, "g");

/** 2026-11-30 → 20261130. */
function sieDate(date: IsoDate): string {
  return date.replace(/-/g, "");
}

/** Debit positive, credit negative, at the currency's minor unit. */
function signed(debit: Dec, credit: Dec, minorUnits: number): string {
  return debit.minus(credit).toFixed(minorUnits);
}

/** A field as it is when it is one plain word (an account number, a version), else in quotes. */
function bare(text: string): string {
  return /^[0-9A-Za-z._-]+$/.test(text) ? text : quoted(text);
}

/**
 * A field in quotes, as the format reads it. Control characters (a line break
 * in a memo) would end the record, so they become spaces.
 */
function quoted(text: string): string {
  const clean = text
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(PC8_FOLDED, (c) => PC8_FOLDS[c])
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"');
  return `"${clean}"`;
}
