/**
 * The journal as CSV for any ledger that imports one: RFC 4180 (comma
 * separated, CR LF line ends, a field in quotes when it holds a comma, a
 * quote or a line break, a quote inside written twice), in UTF-8 with a
 * byte-order mark so that Excel reads å, ä and ö right.
 *
 * A spreadsheet runs a cell that starts with =, +, -, @, a tab or a CR as a
 * formula (CSV injection). Text we did not make ourselves (names, memos, the
 * user's account numbers) gets a leading apostrophe when it starts so, which
 * a spreadsheet shows as text; docs/cli.md says so.
 */
import type { BackflushResult } from "../../engine/types";
import type { Language } from "../../i18n";
import type { Accounts } from "../render";
import type { LedgerSettings } from "../schema";
import type { SheetNames } from "../sources";
import { ledgerEntries } from "./entries";

export const CSV_HEADER = ["Date", "Entry", "Account", "Account name", "Debit", "Credit", "Memo", "Source rows"] as const;
export const UTF8_BOM = "\uFEFF";

/** The CSV file as text, byte-order mark first; written as UTF-8. */
export function csvText(result: BackflushResult, accounts: Accounts, ledger: LedgerSettings, sheets: SheetNames = {}, language: Language = "en"): string {
  const mu = result.settings.minorUnits;
  const rows: string[] = [CSV_HEADER.map(field).join(",")];
  for (const e of ledgerEntries(result, accounts, sheets, ledger.posting, language)) {
    for (const l of e.lines) {
      // Each amount on its own side only, as in the Journal sheet; the other side stays empty.
      const debit = l.debit.isZero() ? "" : l.debit.toFixed(mu);
      const credit = l.credit.isZero() ? "" : l.credit.toFixed(mu);
      rows.push([e.date, String(e.number), neutralized(l.account), neutralized(l.accountName), debit, credit, neutralized(l.memo), neutralized(l.source)].map(field).join(","));
    }
  }
  return `${UTF8_BOM}${rows.join("\r\n")}\r\n`;
}

/** Text a spreadsheet would run as a formula, made inert with a leading apostrophe. */
export function neutralized(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One RFC 4180 field: quoted when it must be. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
