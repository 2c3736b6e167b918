/** Problems with their cells: each address is a button that takes the user to the cell (or shows it, without a grid). */
import type { Ref } from "react";
import { Link } from "@fluentui/react-components";
import { problemText } from "../../i18n/problems";
import type { ProblemsReport } from "../job/reports";
import { useT } from "../i18n";
import { Alert } from "./Alert";
import type { WizardController } from "./controller";
import { Notices } from "./Notices";
import type { WizardState } from "./state";
import { useStepStyles } from "./styles";

/** Problems listed at most; the rest are counted. */
const SHOWN = 100;

export interface ProblemListProps {
  report: ProblemsReport;
  state: WizardState;
  controller: WizardController;
  /** Where the focus goes when the problems arrive: their count. */
  focusRef?: Ref<HTMLDivElement>;
}

export function ProblemList({ report, state, controller, focusRef }: ProblemListProps) {
  const tr = useT();
  const { t, tn } = tr;
  const styles = useStepStyles();
  const shown = report.problems.slice(0, SHOWN);
  return (
    <div className={styles.stack}>
      <Notices state={state} />
      <Alert intent="error" focusRef={focusRef}>
        {tn("check.problems", report.total)}
      </Alert>
      <p className={styles.muted}>{t("check.selectHint")}</p>
      <ul className={styles.list} aria-label={tn("check.problems", report.total)} data-testid="problems">
        {shown.map((p, i) => (
          <li key={i} className={styles.wrap}>
            {p.choice ? (
              // A choice made in the pane, not a cell: the link goes back to where it was made.
              <Link as="button" onClick={() => controller.showChoice()} data-choice={p.choice}>
                {t("check.toMethod")}
              </Link>
            ) : (
              <Link as="button" onClick={() => void controller.selectProblem(p.address)} data-address={p.address}>
                {p.address}
              </Link>
            )}{" "}
            <strong>{t(`issue.${p.code}`)}</strong>
            <div className={styles.muted}>{problemText(tr, p.key, p.params)}</div>
          </li>
        ))}
      </ul>
      {report.total > shown.length && <p>{t("check.more", { count: report.total - shown.length })}</p>}
    </div>
  );
}
