/**
 * What the command line prints: the short summary of a run, the problem
 * listing, and the --json documents.
 */
import type { Dec } from "../engine/money";
import { ZERO } from "../engine/money";
import type { BackflushResult, VarianceDisposition, VarianceKind } from "../engine/types";
import type { Translator } from "../i18n";
import { translator } from "../i18n";
import type { CellProblem } from "../workbook/parse";
import { codePoint } from "../workbook/cells";
import type { JobOutcome } from "../workbook/job";
import { problemLines, runContext } from "../workbook/job";
import { problemsShown } from "../workbook/problems-shown";
import { resultJson } from "../workbook/render";
import { reviewJson } from "../workbook/render-review";
import { findingOf, findingText } from "../workbook/suitability-figure";

/** Problems shown at most, in text and in JSON (the count says how many there are). */
export const PROBLEM_CAP = 100;

/** "1234567.5" → "1,234,567.50" at the currency's minor unit, grouped the translator's way. */
export function groupedMoney(amount: Dec, minorUnits: number, tr: Translator = translator("en")): string {
  return tr.num(amount.toFixed(minorUnits));
}

/** A variance as an accountant reads it: 300.00 U, 40.00 F. */
function withSide(amount: Dec, minorUnits: number, tr: Translator): string {
  if (amount.isZero()) return groupedMoney(amount, minorUnits, tr);
  return `${groupedMoney(amount.abs(), minorUnits, tr)} ${tr.t(amount.isNegative() ? "var.F" : "var.U")}`;
}

export interface Written {
  /** The result workbook as the user named it, or undefined when nothing was written. */
  output?: string;
  /** The backup made before writing in place. */
  backup?: string;
  sheets: readonly string[];
  /** The Run Log sheet's name, in the sheets' language. */
  runLog?: string;
  notes: readonly string[];
  /** The ledger exports written, one line each (src/cli/exports.ts). */
  exports?: readonly string[];
}

const KIND_ORDER: readonly VarianceKind[] = ["price", "usage", "conversion", "revaluation", "shrinkage"];

export function summaryLines(input: string, result: BackflushResult, written: Written, tr: Translator = translator("en")): string[] {
  const { settings } = result;
  const mu = settings.minorUnits;
  const money = (d: Dec) => groupedMoney(d, mu, tr);
  const count = (n: number) => tr.num(String(n));
  const lineCount = result.journal.reduce((n, e) => n + e.lines.length, 0);
  const balanced = result.totals.debit.equals(result.totals.credit);
  const cogs = result.balances.filter((b) => b.role === "COGS").reduce((a, b) => a.plus(b.endingValue), ZERO);

  const byKind = KIND_ORDER.map((kind) => {
    const lines = result.variances.filter((v) => v.kind === kind);
    return { kind, lines, total: lines.reduce((a, v) => a.plus(v.amount), ZERO) };
  }).filter((k) => k.lines.length > 0);
  const none = tr.t("cli.sum.none");
  const kindText = (k: (typeof byKind)[number]) => {
    const [kind, amount] = [tr.t(`var.${k.kind}`), withSide(k.total, mu, tr)];
    return k.lines.length > 1 ? tr.t("cli.sum.kindLines", { kind, amount, lines: count(k.lines.length) }) : tr.t("cli.sum.kind", { kind, amount });
  };
  // Each run of kinds disposed of alike, then how: finished-goods shrinkage is written off whatever the Disposition says.
  const dispositionText = (d: VarianceDisposition) => tr.t(d === "prorate" ? "cli.sum.prorated" : "cli.sum.writtenOff");
  const runs: { disposition: VarianceDisposition; kinds: string[] }[] = [];
  for (const k of byKind) {
    const disposition = k.lines[0].disposition;
    const last = runs[runs.length - 1];
    if (last?.disposition === disposition) last.kinds.push(kindText(k));
    else runs.push({ disposition, kinds: [kindText(k)] });
  }
  const variances = runs.length === 0 ? none : runs.map((r) => `${r.kinds.join(" · ")} (${dispositionText(r.disposition)})`).join("; ");

  const warningText = (w: BackflushResult["warnings"][number]) => tr.t(`warn.${w.code}`, { item: w.item ?? "", date: w.date ?? "" });
  const warnings = result.warnings.length === 0 ? [none] : [`${count(result.warnings.length)}:`, ...result.warnings.slice(0, 3).map((w) => `  ${warningText(w)}`)];
  // The Run Log sheet lists them all only when a workbook was written; otherwise the summary says how to see them.
  const more = { count: count(result.warnings.length - 3), sheet: written.runLog ?? tr.t("sheet.name.runLog") };
  if (result.warnings.length > 3) warnings.push(`  ${tr.t(written.output ? "cli.sum.moreWarnings" : "cli.sum.moreWarningsUnwritten", more)}`);
  const concerns = result.suitability.checks.filter((c) => c.status !== "ok");

  const row = (label: string, text: string) => `  ${label.padEnd(20)}${text}`;
  const lines = [
    tr.t("cli.sum.costed", { file: input, sequence: tr.t(`seq.${settings.sequence}`), start: settings.periodStart, end: settings.periodEnd, currency: settings.currency }),
    row(tr.t("cli.sum.journal"), tr.t("cli.sum.entries", { entries: tr.tn("cli.sum.entryCount", result.journal.length), lines: tr.tn("cli.sum.lineCount", lineCount), debit: money(result.totals.debit), sign: balanced ? "=" : "≠", credit: money(result.totals.credit) })),
    row(tr.t("cli.sum.cogs"), money(cogs)),
    row(tr.t("cli.sum.variances"), variances),
    row(tr.t("cli.sum.warnings"), warnings[0]),
    ...warnings.slice(1).map((w) => row("", w.trimStart())),
    row(tr.t("cli.sum.suitability"), tr.t(`suit.verdict.${result.suitability.verdict}`)),
    ...concerns.map((c) => row("", `${tr.t(`status.${c.status}`)}: ${findingText(tr, findingOf(c, settings.minorUnits))}`)),
  ];
  if (written.backup) lines.push(`  ${tr.t("cli.sum.backedUp", { file: written.backup })}`);
  for (const e of written.exports ?? []) lines.push(`  ${tr.t("cli.sum.wroteExport", { export: e })}`);
  if (written.output) lines.push(`  ${tr.t("cli.sum.wrote", { file: written.output, sheets: written.sheets.join(", ") })}`);
  else lines.push(`  ${tr.t(written.exports?.length ? "cli.sum.noWorkbook" : "cli.sum.nothingWritten")}`);
  for (const n of written.notes) lines.push(`  ${tr.t("cli.sum.note", { note: n })}`);
  return lines;
}

export function problemReport(input: string, problems: readonly CellProblem[], tr: Translator = translator("en")): string[] {
  return [tr.tn("cli.problems", problems.length, { file: input }), ...problemLines(problems, PROBLEM_CAP, tr).map((l) => `  ${l}`)];
}

/**
 * A line for a terminal with what it quotes from the workbook made harmless:
 * every control character (ESC, BEL, a line break inside a cell) shown as
 * [U+001B], as codes already are, so a cell cannot recolour, retitle or clear
 * the user's terminal, or break a line of the report in two.
 */
export function terminalSafe(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `[${codePoint(c)}]`);
}

export function successJson(outcome: Extract<JobOutcome, { ok: true }>, input: string, written: Written) {
  return {
    ok: true as const,
    input,
    output: written.output ?? null,
    backup: written.backup ?? null,
    sheets: written.sheets,
    exports: written.exports ?? [],
    notes: written.notes,
    ...resultJson(outcome.result, outcome.read.accounts, runContext(outcome.read, "", []).sheets),
    ...reviewJson(outcome.review),
  };
}

export function problemsJson(input: string, problems: readonly CellProblem[]) {
  return {
    ok: false as const,
    input,
    count: problems.length,
    problems: problemsShown(problems, PROBLEM_CAP).map((p) => ({ address: p.address, sheet: p.sheet ?? null, row: p.row ?? null, column: p.column ?? null, table: p.table, code: p.code, message: p.message })),
  };
}
