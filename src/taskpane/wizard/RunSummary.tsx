/** What a run wrote: debits against credits, totals per account, variances (F/U), warnings, and the sheets. */
import { useState, type Ref } from "react";
import { Button, Link, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { RunPassed } from "../job/reports";
import { writtenSheetName } from "../job/reports";
import type { WorkbookSession } from "../session";
import { useT } from "../i18n";
import { Alert } from "./Alert";
import { Section } from "./Section";
import { VarianceChart } from "./VarianceChart";
import { useSpacedClicks } from "./spaced-clicks";
import { useStepStyles } from "./styles";

/** Variance lines listed at most; the Variances sheet has them all. */
const VARIANCES_SHOWN = 15;

const useSummaryStyles = makeStyles({
  // A table scrolls in its own box where the pane is too narrow for its columns (a 320 px pane at 200 % zoom): the
  // page itself never scrolls sideways (WCAG 1.4.10 allows a data table its two dimensions).
  tableBox: {
    overflowX: "auto",
    maxWidth: "100%",
  },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  th: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
  },
  td: {
    verticalAlign: "top",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    overflowWrap: "anywhere",
  },
  rowHead: {
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
  },
  amount: {
    textAlign: "right",
    whiteSpace: "nowrap",
    fontVariantNumeric: "tabular-nums",
  },
});

/** A variance as an accountant reads it: 400.00 U, 40.00 F. */
function VarianceRow({ label, amount, side }: { label: string; amount: string; side: "F" | "U" | "" }) {
  const { t, num } = useT();
  const s = useSummaryStyles();
  return (
    <tr>
      <th scope="row" className={mergeClasses(s.td, s.rowHead)}>
        {label}
      </th>
      <td className={mergeClasses(s.td, s.amount)}>
        {num(amount)} {side === "" ? "" : t(side === "F" ? "var.F" : "var.U")}
      </td>
    </tr>
  );
}

export function RunSummary({ report, session, focusRef }: { report: RunPassed; session: WorkbookSession; focusRef?: Ref<HTMLDivElement> }) {
  const { t, num, lang } = useT();
  const styles = useStepStyles();
  const s = useSummaryStyles();
  const currency = report.settings.currency;
  const variances = report.variances.filter((v) => v.side !== "");
  const activate = session.activate?.bind(session);
  const download = session.download?.bind(session);
  const spaced = useSpacedClicks();
  // A link to a sheet renamed or deleted since the run says so, instead of doing nothing.
  const [gone, setGone] = useState<string>();
  const open = (sheet: string) => {
    setGone(undefined);
    void activate?.(sheet).catch(() => setGone(sheet));
  };
  return (
    <div className={styles.stack} data-testid="run-summary">
      <Alert intent={report.balanced ? "success" : "error"} focusRef={focusRef}>{t(report.balanced ? "run.balanced" : "run.unbalanced", { debit: num(report.debit), credit: num(report.credit), currency })}</Alert>
      {download && (
        <div className={styles.row}>
          <Button appearance="primary" onClick={spaced("result", () => void download(t("file.result")))}>
            {t("run.download", { ext: session.downloadExtension ?? ".xlsx" })}
          </Button>
        </div>
      )}

      <Section title={t("run.accounts")}>
        {/* Focusable and named, so a keyboard can scroll it when it is narrower than its columns. */}
        <div className={s.tableBox} tabIndex={0} role="group" aria-label={t("run.accounts")}>
        <table className={s.table} data-testid="account-totals">
          <thead>
            <tr>
              <th scope="col" className={s.th}>
                {t("run.account")}
              </th>
              <th scope="col" className={mergeClasses(s.th, s.amount)}>
                {t("run.debit")}
              </th>
              <th scope="col" className={mergeClasses(s.th, s.amount)}>
                {t("run.credit")}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.accounts.map((a) => (
              <tr key={a.role}>
                <th scope="row" className={mergeClasses(s.td, s.rowHead)}>
                  {/* As the Journal and Balances name it: the Accounts table's name, or the role's in the sheet language. */}
                  {a.account} {a.name}
                </th>
                <td className={mergeClasses(s.td, s.amount)}>{num(a.debit)}</td>
                <td className={mergeClasses(s.td, s.amount)}>{num(a.credit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      </Section>

      <Section title={t("run.variances")}>
        {variances.length === 0 ? (
          <p>{t("run.noVariances")}</p>
        ) : (
          <>
            <VarianceChart variances={report.variances} minorUnits={report.settings.minorUnits} />
            <table className={s.table} data-testid="variance-totals">
              <tbody>
                {report.varianceTotals.map((v) => (
                  <VarianceRow key={v.kind} label={t(`var.${v.kind}`)} amount={v.amount} side={v.side} />
                ))}
              </tbody>
            </table>
            <p className={styles.muted}>{t("run.largestVariances")}</p>
            <table className={s.table} data-testid="variances">
              <tbody>
                {variances.slice(0, VARIANCES_SHOWN).map((v, i) => (
                  <VarianceRow key={i} label={`${t(`var.${v.kind}`)} · ${v.item ?? t("var.allItems")}`} amount={v.amount} side={v.side} />
                ))}
              </tbody>
            </table>
            {variances.length > VARIANCES_SHOWN && <p>{t("run.moreVariances", { count: num(String(variances.length - VARIANCES_SHOWN)), sheet: writtenSheetName(report, "Variances", lang) })}</p>}
            <p className={styles.muted}>
              {t("var.legend")} {t(`disp.${report.settings.disposition}`)}.
            </p>
          </>
        )}
        {report.chartSheet && <p className={styles.muted}>{t("run.chart", { sheet: report.chartSheet })}</p>}
      </Section>

      <Section title={t("run.warnings")}>
        {report.warnings.length === 0 ? (
          <p>{t("run.noWarnings")}</p>
        ) : (
          <ul className={styles.list}>
            {report.warnings.map((w, i) => (
              <li key={i} className={styles.wrap}>
                {w.said[lang]}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t("run.sheets")}>
        <p className={styles.muted}>{activate ? t("run.sheetsHint") : t("run.sheetsBrowser")}</p>
        <ul className={styles.list} data-testid="sheets">
          {report.sheets.map((sheet) => (
            <li key={sheet.name}>
              {activate ? (
                <Link as="button" onClick={() => open(sheet.name)}>
                  {sheet.name}
                </Link>
              ) : (
                sheet.name
              )}
            </li>
          ))}
        </ul>
        {gone !== undefined && <Alert intent="warning">{t("run.sheetGone", { sheet: gone })}</Alert>}
      </Section>

      {report.notes.length > 0 && (
        <Section title={t("run.notes")}>
          <ul className={styles.list}>
            {report.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
