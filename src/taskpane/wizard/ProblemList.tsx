/** Problems with their cells: each address is a button that takes the user to the cell (or shows it, without a grid). */
import type { Ref } from "react";
import { Link } from "@fluentui/react-components";
import { problemText } from "../../i18n/problems";
import { problemsShown } from "../../workbook/problems-shown";
import type { ProblemsReport } from "../job/reports";
import { useT } from "../i18n";
import { Alert } from "./Alert";
import type { WizardController } from "./controller";
import { Notices } from "./Notices";
import type { WizardState } from "./state";
import { problemLink } from "./state";
import { StepLink } from "./StepLink";
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
  const shown = problemsShown(report.problems, SHOWN);
  const links = shown.map(problemLink);
  return (
    <div className={styles.stack}>
      <Notices state={state} />
      <Alert intent="error" focusRef={focusRef}>
        {tn("check.problems", report.total)}
      </Alert>
      <p className={styles.muted}>{t(links.every((l) => "cell" in l) ? (controller.inExcel ? "check.selectHint" : "check.fixHint") : controller.inExcel ? "check.selectHintSteps" : "check.fixHintSteps")}</p>
      <ul className={styles.list} aria-label={tn("check.problems", report.total)} data-testid="problems">
        {shown.map((p, i) => {
          const link = links[i];
          // A screen reader tabbing from link to link hears each one's problem, not a list of addresses alone.
          const about = `problem-${i}-kind problem-${i}-text`;
          return (
            <li key={i} className={styles.wrap}>
              {"cell" in link ? (
                <Link as="button" onClick={() => void controller.selectProblem(link.cell)} data-address={link.cell} aria-describedby={about}>
                  {link.cell}
                </Link>
              ) : (
                // Not a cell: the link goes to the step where it is fixed (a pane choice, a table to pick).
                <StepLink step={link.step} controller={controller} choice={p.choice} describedBy={about} />
              )}{" "}
              <strong id={`problem-${i}-kind`}>{t(`issue.${p.code}`)}</strong>
              <div id={`problem-${i}-text`} className={styles.muted}>
                {problemText(tr, p.key, p.params)}
              </div>
            </li>
          );
        })}
      </ul>
      {report.total > shown.length && <p>{t("check.more", { count: tr.num(String(report.total - shown.length)) })}</p>}
    </div>
  );
}
