/**
 * The period's summary entry: what most accountants post to the general
 * ledger instead of hundreds of journal entries. One line per account with its
 * net debit or credit over the whole journal, each line naming the journal
 * entries it sums, dated the last day of the period.
 */
import type { IsoDate } from "../../engine/dates";
import type { Dec } from "../../engine/money";
import { ZERO } from "../../engine/money";
import type { BackflushResult } from "../../engine/types";
import { translator, type Translator } from "../../i18n";
import type { Accounts } from "../render";
import { compactRanges, sourceWords } from "../sources";

/** A memo's entry list is cut with a count past this many characters: a ledger's text fields are short. */
const MEMO_LIST_LENGTH = 120;
/** The full list goes in the Source column, up to what an Excel cell holds (32,767) with room to spare. */
const SOURCE_LIST_LENGTH = 30_000;

export interface SummaryLine {
  account: string;
  accountName: string;
  /** The net on its side; the other side is zero. */
  debit: Dec;
  credit: Dec;
  /** The journal entries that post to the account, ascending. */
  entries: readonly number[];
  /** "Net of journal entries 1-12, 15". */
  memo: string;
  /** "Journal entries 1-12, 15": every entry, for the Posting sheet and the CSV's Source column. */
  source: string;
}

export interface SummaryEntry {
  date: IsoDate;
  text: string;
  lines: readonly SummaryLine[];
}

/**
 * One line per account the journal posts to, in chart order. An account whose
 * debits and credits net to zero (a clearing account such as conversion
 * control) gets no line: it would post nothing.
 */
export function summaryEntry(result: BackflushResult, accounts: Accounts, t: Translator = translator("en")): SummaryEntry {
  const { settings } = result;
  const byAccount = new Map<string, { name: string; net: Dec; entries: number[] }>();
  for (const e of result.journal) {
    for (const l of e.lines) {
      const acc = accounts[l.role];
      let sum = byAccount.get(acc.account);
      if (!sum) byAccount.set(acc.account, (sum = { name: acc.name, net: ZERO, entries: [] }));
      sum.net = sum.net.plus(l.debit).minus(l.credit);
      // Entries come in ascending order, so the last one pushed is the only possible repeat.
      if (sum.entries[sum.entries.length - 1] !== e.entry) sum.entries.push(e.entry);
    }
  }
  const words = sourceWords(t);
  const lines: SummaryLine[] = [...byAccount]
    .filter(([, s]) => !s.net.isZero())
    .sort(([a], [b]) => compareAccounts(a, b))
    .map(([account, s]) => {
      const list = (maxLength: number) => ({ list: compactRanges(s.entries, maxLength, "entries", words.entriesInAll) });
      return {
        account,
        accountName: s.name,
        debit: s.net.isPositive() ? s.net : ZERO,
        credit: s.net.isNegative() ? s.net.negated() : ZERO,
        entries: s.entries,
        memo: t.tn("sheet.posting.memo", s.entries.length, list(MEMO_LIST_LENGTH)),
        source: words.entries(s.entries, SOURCE_LIST_LENGTH),
      };
    });
  return { date: settings.periodEnd, text: t.t("sheet.posting.text", { start: settings.periodStart, end: settings.periodEnd }), lines };
}

/** Account numbers in the order a chart lists them: 1300 before 1400 before 10000, text after numbers. */
export function compareAccounts(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
