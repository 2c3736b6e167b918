/**
 * What the pane shows of a check or a run, as plain data: amounts as exact
 * decimal text, no Dec objects. Reports are built where the job ran (in the
 * engine worker, as a rule) and cross to the page by structured cloning,
 * which would strip Dec of its methods.
 */
import type { Dec } from "../../engine/money";
import { ZERO } from "../../engine/money";
import type { AccountRole, BackflushResult, Disposition, TriggerSequence, VarianceDisposition, VarianceKind, WarningCode } from "../../engine/types";
import { ACCOUNT_ROLES } from "../../engine/types";
import type { CheckOutcome, JobOutcome } from "../../workbook/job";
import { runContext } from "../../workbook/job";
import type { ReadResult } from "../../workbook/parse";
import { sourceWords, withSources } from "../../workbook/sources";
import { wordingOf } from "../../engine/wording";
import type { LedgerFiles } from "../../workbook/ledger-files";
import { ledgerFiles } from "../../workbook/ledger-files";
import { problemsShown } from "../../workbook/problems-shown";
import type { AccountMap, CellProblem } from "../../workbook/parse";
import type { GeneratedKind } from "../../workbook/render";
import type { Language } from "../../i18n";
import { LANGUAGES, translator } from "../../i18n";
import { generatedSheetName } from "../../workbook/names";
import { percentText, reviewJson } from "../../workbook/render-review";
import type { Finding } from "../../workbook/suitability-figure";
import { findingOf } from "../../workbook/suitability-figure";

/** Problems sent to the pane at most; the count says how many there are in all. */
export const PROBLEM_LIMIT = 500;

export interface SettingsView {
  sequence: TriggerSequence;
  periodStart: string;
  periodEnd: string;
  currency: string;
  disposition: Disposition;
  minorUnits: number;
}

/** A check as `findingOf` gives it (the figure as the message states it: a percentage, days, a count or an amount, as decimal text). */
export interface SuitabilityCheckView extends Finding {
  /** The engine's own English message. */
  message: string;
}

export interface SuitabilityView {
  verdict: "suitable" | "caution" | "unsuitable";
  checks: SuitabilityCheckView[];
}

export interface ProblemsReport {
  ok: false;
  /** The first PROBLEM_LIMIT problems, in the order the reader found them. */
  problems: CellProblem[];
  total: number;
}

export interface CheckPassed {
  ok: true;
  settings: SettingsView;
  suitability: SuitabilityView;
  entries: number;
  lines: number;
}
export type CheckReport = CheckPassed | ProblemsReport;

export interface AccountTotal {
  role: AccountRole;
  account: string;
  name: string;
  debit: string;
  credit: string;
}

export interface VarianceView {
  kind: VarianceKind;
  item?: string;
  /** Unsigned amount; `side` says which way. */
  amount: string;
  side: "F" | "U" | "";
  disposition: VarianceDisposition;
}

/** A kind's variances netted: what the period's price, usage or conversion variance came to. */
export interface VarianceTotal {
  kind: VarianceKind;
  amount: string;
  side: "F" | "U" | "";
}

export interface WarningView {
  code: WarningCode;
  item?: string;
  date?: string;
  /** As the Run Log says it, what it names and the rows it came from (BOM rows 2-3), in each language: the pane shows its own. */
  said: Record<Language, string>;
}

/** The standards review as the pane shows it: the review's rows as --json gives them (decimal text), and the revaluation. */
export interface ReviewView {
  /** The tolerance in percent ("5"). */
  tolerancePct: string;
  rows: ReturnType<typeof reviewJson>["standardsReview"];
  /** Rows too thin to judge (no proposal). */
  thin: number;
  /** What adopting the proposals would book on the ending inventory, at the minor unit. */
  revaluation: string;
}

export interface RunPassed {
  ok: true;
  settings: SettingsView;
  suitability: SuitabilityView;
  debit: string;
  credit: string;
  balanced: boolean;
  accounts: AccountTotal[];
  /** Per kind, in the order price, usage, conversion; kinds without a line are left out. */
  varianceTotals: VarianceTotal[];
  /** Every variance line, largest first (the pane shows the top of the list). */
  variances: VarianceView[];
  warnings: WarningView[];
  sheets: { kind: GeneratedKind; name: string }[];
  /** The sheet with a chart of the variances (both adapters draw it). */
  chartSheet?: string;
  notes: string[];
  review: ReviewView;
  /** The ledger files, when the request asked for them (browser mode). */
  ledgerFiles?: LedgerFiles;
  /** The ledger files are being made and come after the report (the engine worker's "ledgerFiles" message). */
  ledgerFilesPending?: boolean;
}

export type RunReport = RunPassed | ProblemsReport;

function problemsReport(problems: readonly CellProblem[]): ProblemsReport {
  return { ok: false, problems: problemsShown(problems, PROBLEM_LIMIT).map((p) => ({ ...p })), total: problems.length };
}

function settingsView(result: BackflushResult): SettingsView {
  const s = result.settings;
  return { sequence: s.sequence, periodStart: s.periodStart, periodEnd: s.periodEnd, currency: s.currency, disposition: s.disposition, minorUnits: s.minorUnits };
}


function suitabilityView(result: BackflushResult): SuitabilityView {
  return { verdict: result.suitability.verdict, checks: result.suitability.checks.map((c) => ({ ...findingOf(c, result.settings.minorUnits), message: c.message })) };
}

export function checkReport(outcome: CheckOutcome): CheckReport {
  if (!outcome.ok) return problemsReport(outcome.problems);
  const { result } = outcome;
  return {
    ok: true,
    settings: settingsView(result),
    suitability: suitabilityView(result),
    entries: result.journal.length,
    lines: result.journal.reduce((n, e) => n + e.lines.length, 0),
  };
}

/** Debits and credits of the journal per account role, in chart order; roles without a line are left out. */
export function accountTotals(result: BackflushResult, accounts: AccountMap): AccountTotal[] {
  const sums = new Map<AccountRole, { debit: Dec; credit: Dec }>();
  for (const e of result.journal) {
    for (const l of e.lines) {
      const s = sums.get(l.role) ?? { debit: ZERO, credit: ZERO };
      sums.set(l.role, { debit: s.debit.plus(l.debit), credit: s.credit.plus(l.credit) });
    }
  }
  const mu = result.settings.minorUnits;
  return ACCOUNT_ROLES.filter((role) => sums.has(role)).map((role) => {
    const s = sums.get(role)!;
    return { role, account: accounts[role].account, name: accounts[role].name, debit: s.debit.toFixed(mu), credit: s.credit.toFixed(mu) };
  });
}

/** Which way a signed variance goes: positive is unfavorable (a debit), negative favorable. */
function sideOf(amount: Dec, favorable = amount.isNegative()): VarianceView["side"] {
  return amount.isZero() ? "" : favorable ? "F" : "U";
}

const VARIANCE_KINDS: readonly VarianceKind[] = ["price", "usage", "conversion", "revaluation", "shrinkage"];

function varianceTotals(result: BackflushResult): VarianceTotal[] {
  const mu = result.settings.minorUnits;
  return VARIANCE_KINDS.flatMap((kind) => {
    const lines = result.variances.filter((v) => v.kind === kind);
    if (lines.length === 0) return [];
    const total = lines.reduce((a, v) => a.plus(v.amount), ZERO);
    return [{ kind, amount: total.abs().toFixed(mu), side: sideOf(total) }];
  });
}

/**
 * The name a run wrote its sheet of `kind` under, as the file has it (in the
 * workbook's sheet language, made unique beside the user's sheets); the name
 * in `language` only for a sheet the run did not write.
 */
export function writtenSheetName(report: Pick<RunPassed, "sheets">, kind: GeneratedKind, language: Language): string {
  return report.sheets.find((s) => s.kind === kind)?.name ?? generatedSheetName(kind, language);
}

/** The run's warnings said in every language, each with the input rows it came from, as the Run Log says them. */
function warningViews(result: BackflushResult, read: ReadResult): WarningView[] {
  const { sheets } = runContext(read, "", []);
  const byLanguage = LANGUAGES.map(({ code }) => ({ code, wording: wordingOf(code), words: sourceWords(translator(code)) }));
  return result.warnings.map((w) => {
    const said = {} as Record<Language, string>;
    for (const { code, wording, words } of byLanguage) said[code] = withSources(wording.say(w.text), w.sources, sheets, words);
    return { code: w.code, item: w.item, date: w.date, said };
  });
}

export function runReport(outcome: JobOutcome, ledgerFilesMadeAt?: Date): RunReport {
  if (!outcome.ok) return problemsReport(outcome.problems);
  const { result, read, sheets, notes, review } = outcome;
  const mu = result.settings.minorUnits;
  return {
    ok: true,
    settings: settingsView(result),
    suitability: suitabilityView(result),
    debit: result.totals.debit.toFixed(mu),
    credit: result.totals.credit.toFixed(mu),
    balanced: result.totals.debit.equals(result.totals.credit),
    accounts: accountTotals(result, read.accounts),
    varianceTotals: varianceTotals(result),
    variances: [...result.variances]
      .sort((a, b) => b.amount.abs().comparedTo(a.amount.abs()))
      .map((v) => ({ kind: v.kind, item: v.item, amount: v.amount.abs().toFixed(mu), side: sideOf(v.amount, v.favorable), disposition: v.disposition })),
    warnings: warningViews(result, read),
    sheets: sheets.map((s) => ({ kind: s.kind, name: s.name })),
    chartSheet: sheets.find((s) => s.chart)?.name,
    notes: [...notes],
    ledgerFiles: ledgerFilesMadeAt ? ledgerFiles(outcome, ledgerFilesMadeAt) : undefined,
    review: {
      tolerancePct: percentText(review.tolerance),
      rows: reviewJson(review).standardsReview,
      thin: review.rows.filter((r) => r.thin).length,
      revaluation: review.revaluationTotal.toFixed(mu),
    },
  };
}
