/** Read-outs of a BackflushResult that tests compare against hand-computed figures. */
import type { AccountRole, BackflushResult, EntryKind, JournalEntry } from "../../src/engine/types";
import { Dec, ZERO } from "../../src/engine/money";

/** Ending balance of a role (debit − credit, opening included), as a fixed-point string. */
export function ending(result: BackflushResult, role: AccountRole): string {
  return result.balances.filter((b) => b.role === role).reduce((a, b) => a.plus(b.endingValue), ZERO).toFixed(2);
}

export function entryOf(result: BackflushResult, kind: EntryKind): JournalEntry {
  const e = result.journal.find((x) => x.kind === kind);
  if (!e) throw new Error(`no ${kind} entry; kinds: ${result.journal.map((x) => x.kind).join(", ")}`);
  return e;
}

/** Net debit (debit − credit) of a role in one entry, optionally for one item. */
export function net(entry: JournalEntry, role: AccountRole, item?: string): string {
  return entry.lines
    .filter((l) => l.role === role && (item === undefined || l.item === item))
    .reduce((a, l) => a.plus(l.debit).minus(l.credit), new Dec(0))
    .toFixed(2);
}

export function entryTotals(entry: JournalEntry): { debit: Dec; credit: Dec } {
  return entry.lines.reduce((a, l) => ({ debit: a.debit.plus(l.debit), credit: a.credit.plus(l.credit) }), { debit: ZERO, credit: ZERO });
}

/** Ending balance of one account (role and item or category), as a fixed-point string. */
export function endingOf(result: BackflushResult, role: AccountRole, item?: string): string {
  return result.balances.filter((b) => b.role === role && b.item === item).reduce((a, b) => a.plus(b.endingValue), ZERO).toFixed(2);
}

/** Opening balance of a role, as a fixed-point string. */
export function opening(result: BackflushResult, role: AccountRole): string {
  return result.balances.filter((b) => b.role === role).reduce((a, b) => a.plus(b.openingValue), ZERO).toFixed(2);
}

/** All entries of a kind, in posting order. */
export function entriesOf(result: BackflushResult, kind: EntryKind): JournalEntry[] {
  return result.journal.filter((x) => x.kind === kind);
}

/** Entries whose debits differ from their credits (empty when the journal balances line by line). */
export function unbalancedEntries(result: BackflushResult): string[] {
  return result.journal.filter((e) => {
    const t = entryTotals(e);
    return !t.debit.equals(t.credit);
  }).map((e) => `entry ${e.entry} ${e.description}: ${entryTotals(e).debit} ≠ ${entryTotals(e).credit}`);
}

/** Net debit of a role over every entry of a kind (a count releases what goods held beyond standard in an entry of its own first). */
export function netOfKind(result: BackflushResult, kind: EntryKind, role: AccountRole, item?: string): string {
  return entriesOf(result, kind)
    .reduce((a, e) => a.plus(new Dec(net(e, role, item))), new Dec(0))
    .toFixed(2);
}
