/** Problems with their cells: each address is a button that takes the user to the cell (or shows it, without a grid). */
import type { Ref } from "react";
import { Link } from "@fluentui/react-components";
import type { CellProblem } from "../../workbook/parse";
import { CHOSEN_IN_PANE } from "../../workbook/parse";
import type { ProblemsReport } from "../job/reports";
import { useT } from "../i18n";
import { Alert } from "./Alert";
import type { WizardController } from "./controller";
import { Notices } from "./Notices";
import type { WizardState } from "./state";
import { useStepStyles } from "./styles";

/** Problems listed at most; the rest are counted. */
const SHOWN = 100;

/** The problem's message; one a pane choice caused is the pane's own, in the pane's language, each date named where it was given. */
function messageOf(p: CellProblem, t: ReturnType<typeof useT>["t"]): string {
  const params = p.params;
  if (!p.choice || p.code !== "date-order" || !params) return p.message;
  const side = (which: "start" | "end") => {
    const date = params[which];
    const at = String(params[`${which}At`]);
    if (at === CHOSEN_IN_PANE) return t("check.paneDate", { field: t(which === "start" ? "method.periodStart" : "method.periodEnd"), date });
    return t("check.sheetDate", { key: which === "start" ? "PeriodStart" : "PeriodEnd", date, address: at });
  };
  return t("check.periodOrder", { start: side("start"), end: side("end") });
}

export interface ProblemListProps {
  report: ProblemsReport;
  state: WizardState;
  controller: WizardController;
  /** Where the focus goes when the problems arrive: their count. */
  focusRef?: Ref<HTMLDivElement>;
}

export function ProblemList({ report, state, controller, focusRef }: ProblemListProps) {
  const { t, tn } = useT();
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
            <div className={styles.muted}>{messageOf(p, t)}</div>
          </li>
        ))}
      </ul>
      {report.total > shown.length && <p>{t("check.more", { count: report.total - shown.length })}</p>}
    </div>
  );
}
