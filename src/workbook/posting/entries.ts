/**
 * The entries a ledger export carries, whatever its format: every journal
 * entry as the engine posted it ("detail"), or one summary entry for the
 * period ("summary"). The SIE and CSV writers both read this one model, so
 * the two files can never carry different figures.
 */
import type { IsoDate } from "../../engine/dates";
import type { Dec } from "../../engine/money";
import type { BackflushResult } from "../../engine/types";
import { translator, type Language } from "../../i18n";
import type { Accounts } from "../render";
import type { PostingMode } from "../schema";
import type { SheetNames } from "../sources";
import { sourceFormatter, sourceWords } from "../sources";
import { compareAccounts, summaryEntry } from "./summary";

export interface LedgerLine {
  account: string;
  accountName: string;
  /** Exactly one side is non-zero, or neither (a line that moved nothing). */
  debit: Dec;
  credit: Dec;
  memo: string;
  /** Where the line came from: input rows (detail) or journal entries (summary). */
  source: string;
}

export interface LedgerEntry {
  /** The journal's entry number; 1 for the summary entry. */
  number: number;
  date: IsoDate;
  text: string;
  lines: readonly LedgerLine[];
}

/** The entries to export in the chosen mode; their words (sources, the summary's texts) in `language`, the sheets' (the memos are the engine's, already in it). */
export function ledgerEntries(result: BackflushResult, accounts: Accounts, sheets: SheetNames, mode: PostingMode, language: Language = "en"): LedgerEntry[] {
  const t = translator(language);
  if (mode === "summary") {
    const summary = summaryEntry(result, accounts, t);
    return [{ number: 1, date: summary.date, text: summary.text, lines: summary.lines.map((l) => ({ account: l.account, accountName: l.accountName, debit: l.debit, credit: l.credit, memo: l.memo, source: l.source })) }];
  }
  const sourcesOf = sourceFormatter(sheets, sourceWords(t));
  return result.journal.map((e) => ({
    number: e.entry,
    date: e.date,
    text: e.description,
    lines: e.lines.map((l) => {
      const acc = accounts[l.role];
      return { account: acc.account, accountName: acc.name, debit: l.debit, credit: l.credit, memo: l.memo, source: sourcesOf(l.sources, l.closes) };
    }),
  }));
}

/** Account number → name, for every account the entries use (the first name wins when two roles share a number). */
export function accountsUsed(entries: readonly LedgerEntry[]): Map<string, string> {
  const used = new Map<string, string>();
  for (const e of entries) for (const l of e.lines) if (!used.has(l.account)) used.set(l.account, l.accountName);
  return new Map([...used].sort(([a], [b]) => compareAccounts(a, b)));
}
