/** The Run step's standards review: the standards past the tolerance with their proposals, what is too thin to judge, and the revaluation adopting them would book. */
import type { RunPassed } from "../job/reports";
import { writtenSheetName } from "../job/reports";
import { useT } from "../i18n";
import { Section } from "./Section";
import { useStepStyles } from "./styles";

/** Flagged standards listed at most; the Standards Review sheet has them all. */
const FLAGGED_SHOWN = 10;

export function ReviewSummary({ report }: { report: RunPassed }) {
  const { t, tn, num, lang } = useT();
  const { review } = report;
  const currency = report.settings.currency;
  // The sheets as the file names them (the workbook's sheet language may not be the pane's).
  const sheets = { review: writtenSheetName(report, "Standards Review", lang), proposed: writtenSheetName(report, "Proposed Items", lang) };
  const styles = useStepStyles();
  const flagged = review.rows.filter((r) => r.flagged);
  const tolerance = num(review.tolerancePct);
  const figure = (d: string | null) => (d === null ? "–" : num(d));
  return (
    <Section title={t("review.title")}>
      <div data-testid="standards-review">
        {flagged.length === 0 ? (
          <p>{t("review.pane.none", { tolerance })}</p>
        ) : (
          <>
            <p>{tn("review.pane.flagged", flagged.length, { tolerance })}</p>
            <ul className={styles.list}>
              {flagged.slice(0, FLAGGED_SHOWN).map((r) => (
                <li key={`${r.kind} ${r.item}`}>
                  {t("review.pane.row", { kind: t(`review.kind.${r.kind}`), item: r.item, standard: figure(r.standard), actual: figure(r.actual), deviation: figure(r.deviationPct), proposed: figure(r.proposed) })}
                </li>
              ))}
            </ul>
          </>
        )}
        {review.thin > 0 && <p>{tn("review.pane.thin", review.thin, sheets)}</p>}
        <p>{t("review.pane.revaluation", { amount: num(review.revaluation), currency })}</p>
        <p className={styles.muted}>{t("review.pane.sheets", sheets)}</p>
      </div>
    </Section>
  );
}
