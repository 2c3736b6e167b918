/**
 * The four-step wizard over one workbook session: Data, Method, Check, Run.
 * State lives in a small store (state.ts); effects in the controller.
 */
import { Button, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { Language } from "../../i18n";
import { languageOf } from "../../i18n";
import type { JobRunner } from "../job/runner";
import type { WorkbookSession } from "../session";
import { useT } from "../i18n";
import { CheckStep } from "./CheckStep";
import { WizardController } from "./controller";
import { DataStep } from "./DataStep";
import { MethodStep } from "./MethodStep";
import { Announcer } from "./outcome";
import { RunStep } from "./RunStep";
import type { StepId } from "./state";
import { STEPS, createStore } from "./state";
import { useStepStyles } from "./styles";

const useWizardStyles = makeStyles({
  // The steps as a list of buttons, not a Fluent TabList: its arrow-key mover puts focusable aria-hidden
  // elements into the page (axe-core's aria-hidden-focus), and four buttons are reached well enough with Tab.
  steps: {
    listStyleType: "none",
    margin: 0,
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
    padding: 0,
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalXXS,
  },
  step: {
    fontWeight: tokens.fontWeightRegular,
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    borderRadius: 0,
  },
  current: {
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
  },
  nav: {
    display: "flex",
    flexWrap: "wrap",
    rowGap: tokens.spacingVerticalS,
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
});

export interface WizardProps {
  session: WorkbookSession;
  runner: JobRunner;
  /** The pane's language now. */
  language: Language;
  /** The language came from the URL (?lang=): a remembered choice does not override it. */
  languageFixed: boolean;
  onLanguage(language: Language): void;
  /** Move the focus to the first step's heading at once (a workbook the user just opened); inside Excel the pane does not take it. */
  focusOnStart?: boolean;
}

const TITLE_KEYS = { data: "data.title", method: "method.title", check: "check.title", run: "run.title" } as const;

export function Wizard({ session, runner, language, languageFixed, onLanguage, focusOnStart = false }: WizardProps) {
  const { t } = useT();
  const styles = useStepStyles();
  const w = useWizardStyles();
  const store = useMemo(() => createStore(), [session]);
  const state = useSyncExternalStore(store.subscribe, store.get);
  // The controller reads the language when it runs: the sheets it writes are in the pane's language.
  const languageNow = useRef(language);
  languageNow.current = language;
  const controller = useMemo(() => new WizardController(session, runner, store.dispatch, store.get, () => languageNow.current), [session, runner, store]);

  // Load the remembered choices once; a remembered language wins over Office's and the browser's, not over ?lang.
  const started = useRef(false);
  const loaded = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void controller.start().then(() => {
      loaded.current = true;
      const remembered = languageOf(store.get().choices.language);
      if (remembered && !languageFixed && remembered !== language) onLanguage(remembered);
    });
  }, [controller, store, languageFixed, language, onLanguage]);

  // A language picked in the pane is remembered with the other choices.
  useEffect(() => {
    if (!loaded.current || store.get().choices.language === language) return;
    store.dispatch({ type: "choose-language", language });
    void controller.remember();
  }, [language, store, controller]);

  // The Method step names the default accounts in the pane's language, as the run will where Settings names none.
  useEffect(() => {
    if (loaded.current) void controller.followLanguage();
  }, [language, controller]);

  // The Check step checks as soon as it is shown, unless it has a current result.
  useEffect(() => {
    if (state.step === "check" && state.check.status === "idle") void controller.check();
  }, [state.step, state.check.status, controller]);

  // Moving to a step moves the focus to its heading (not on first load, unless the user has just opened the workbook).
  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      if (!focusOnStart) return;
    }
    heading.current?.focus();
  }, [state.step, focusOnStart]);

  const index = STEPS.indexOf(state.step);
  const go = (step: StepId) => store.dispatch({ type: "go", step });
  return (
    <div className={styles.stack}>
      <ol className={w.steps} aria-label={t("step.nav")}>
        {STEPS.map((s, i) => (
          <li key={s}>
            <Button appearance="subtle" size="small" className={mergeClasses(w.step, s === state.step && w.current)} aria-current={s === state.step ? "step" : undefined} onClick={() => go(s)}>
              {`${i + 1}. ${t(`step.${s}`)}`}
            </Button>
          </li>
        ))}
      </ol>
      <Announcer state={state} />
      <section className={styles.stack} aria-labelledby="step-heading" data-step={state.step}>
        <div>
          <Caption1 className={styles.muted}>{t("step.of", { n: index + 1 })}</Caption1>
          <h2 id="step-heading" ref={heading} tabIndex={-1} className={w.heading}>
            {t(TITLE_KEYS[state.step])}
          </h2>
        </div>
        {state.step === "data" && <DataStep state={state} controller={controller} />}
        {state.step === "method" && <MethodStep state={state} controller={controller} />}
        {state.step === "check" && <CheckStep state={state} controller={controller} />}
        {state.step === "run" && <RunStep state={state} controller={controller} session={session} />}
      </section>
      {/* Named apart from the list of steps above, so a screen reader's landmarks tell the two apart. */}
      <nav className={w.nav} aria-label={t("step.backNext")}>
        <Button disabled={index === 0} onClick={() => go(STEPS[index - 1])}>
          {t("nav.back")}
        </Button>
        <Button appearance="primary" disabled={index === STEPS.length - 1} onClick={() => go(STEPS[index + 1])}>
          {t("nav.next")}
        </Button>
      </nav>
    </div>
  );
}
