/**
 * A run's journal as files for a general ledger (SIE 4, CSV), made once for
 * the command line's --sie/--csv and the browser mode's downloads.
 */
import { ACCOUNT_ROLES, type AccountRole } from "../engine/types";
import type { JobOutcome } from "./job";
import { BACKFLUSH_VERSION, localStamp, runContext } from "./job";
import { settingValueCell } from "./parse";
import { csvText, sieBytes, sieRefusal, type SieRefusal } from "./posting";

/** The run's journal as files for a ledger, as bytes ready to save. */
export interface LedgerFiles {
  /** SIE 4 in code page 437; absent when it cannot be made (`sieRefused` says why). */
  sie?: Uint8Array;
  /** Why there is no SIE file: no Company in Settings, or an account that is no number. */
  sieRefused?: SieRefusal;
  /** CSV in UTF-8 with a byte-order mark. */
  csv: Uint8Array;
  /** One summary entry for the period, rather than every entry. */
  summary: boolean;
  /**
   * The roles the journal posts to that the Accounts table does not map, with
   * the placeholder number each went to (DEFAULT_ACCOUNTS): a ledger's own
   * chart (the Swedish BAS) gives those numbers to other accounts.
   */
  placeholders: readonly { role: AccountRole; account: string }[];
}

/** The SIE and CSV files of a run, made on `generated` (the SIE file's #GEN). */
export function ledgerFiles(outcome: Extract<JobOutcome, { ok: true }>, generated: Date): LedgerFiles {
  const { result, read, sheetLanguage: language } = outcome;
  const sheets = runContext(read, "", []).sheets;
  // Only the accounts the journal posts to are named in the file (#KONTO); a Company row with a blank value is pointed at.
  const used = new Set(result.journal.flatMap((e) => e.lines.map((l) => l.role)));
  const refusal = sieRefusal(read.ledger, read.accounts, used);
  const companyCell = refusal?.code === "company" ? settingValueCell(read.layouts, "Company") : undefined;
  const sieRefused: SieRefusal | undefined = companyCell !== undefined ? { code: "company", cell: companyCell } : refusal;
  const sie = sieRefused
    ? undefined
    : sieBytes(result, read.accounts, read.ledger, { generated: localStamp(generated).slice(0, 10), program: { name: "Backflush", version: BACKFLUSH_VERSION }, sheets, language });
  const placeholders = ACCOUNT_ROLES.filter((r) => used.has(r) && !read.mappedRoles.has(r)).map((role) => ({ role, account: read.accounts[role].account }));
  return { sie, ...(sieRefused ? { sieRefused } : {}), csv: new TextEncoder().encode(csvText(result, read.accounts, read.ledger, sheets, language)), summary: read.ledger.posting === "summary", placeholders };
}
