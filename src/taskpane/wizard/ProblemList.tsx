/** Problems with their cells: each address is a button that takes the user to the cell (or shows it, without a grid). */
import { Link } from "@fluentui/react-components";
import type { ProblemsReport } from "../job/reports";
import { useT } from "../i18n";
import { Alert } from "./Alert";
import type { WizardController } from "./controller";
import { Notices } from "./Notices";
import type { WizardState } from "./state";
import { useStepStyles } from "./styles";

/** Problems listed at most; the rest are counted. */
const SHOWN = 100;

export function ProblemList({ report, state, controller }: { report: ProblemsReport; state: WizardState; controller: WizardController }) {
  const { t, tn } = useT();
  const styles = useStepStyles();
  const shown = report.problems.slice(0, SHOWN);
  return (
    <div className={styles.stack}>
      <Notices state={state} />
      <Alert intent="error">{tn("check.problems", report.total)}</Alert>
      <p className={styles.muted}>{t("check.selectHint")}</p>
      <ul className={styles.list} aria-label={tn("check.problems", report.total)} data-testid="problems">
        {shown.map((p, i) => (
          <li key={i} className={styles.wrap}>
            <Link as="button" onClick={() => void controller.selectProblem(p.address)} data-address={p.address}>
              {p.address}
            </Link>{" "}
            <strong>{t(`issue.${p.code}`)}</strong>
            <div className={styles.muted}>{p.message}</div>
          </li>
        ))}
      </ul>
      {report.total > shown.length && <p>{t("check.more", { count: report.total - shown.length })}</p>}
    </div>
  );
}
