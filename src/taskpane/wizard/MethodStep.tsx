/** Step 2: trigger points (with the entries they make), period, variance disposition, and the account mapping. */
import { Button, Field, Input, Radio, RadioGroup } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { Disposition, TriggerSequence } from "../../engine/types";
import { ACCOUNT_ROLES, TRIGGER_SEQUENCES } from "../../engine/types";
import { useT } from "../i18n";
import { SequencePicture } from "./SequencePicture";
import type { WizardController } from "./controller";
import type { WizardState } from "./state";
import { busy as isBusy, effectiveSequence, periodChoiceProblems } from "./state";
import { Section } from "./Section";
import { OpeningChoice } from "./OpeningChoice";
import { useStepStyles } from "./styles";

const DISPOSITIONS: readonly Disposition[] = ["cogs", "prorate"];

/**
 * A day typed into a date field is chosen once its year is whole (from 1900),
 * or when the field is left: the browser hands over 0002-11-05, 0020-11-05, …
 * as the year is typed, and each would be checked (and said as an error) and
 * remembered in turn.
 */
function DayInput({ value, onChoose }: { value: string | undefined; onChoose(day: string | undefined): void }) {
  const [typed, setTyped] = useState(value ?? "");
  useEffect(() => setTyped(value ?? ""), [value]);
  const choose = (day: string) => {
    if (day !== (value ?? "")) onChoose(day || undefined);
  };
  const styles = useStepStyles();
  return (
    <Input
      type="date"
      className={styles.fitSelect}
      value={typed}
      onChange={(_, data) => {
        setTyped(data.value);
        if (data.value === "" || Number(data.value.slice(0, 4)) >= 1900) choose(data.value);
      }}
      onBlur={() => choose(typed)}
    />
  );
}

export function MethodStep({ state, controller }: { state: WizardState; controller: WizardController }) {
  const { t } = useT();
  const styles = useStepStyles();
  const own = state.scan.status === "done" ? state.scan.value : undefined;
  const overrides = state.choices.overrides ?? {};
  const sequence = effectiveSequence(state);
  const disposition = overrides.disposition ?? own?.settings.disposition ?? "cogs";
  const busy = isBusy(state);
  const triggers = useRef<HTMLDivElement>(null);

  const ownSequence = own?.settings.sequence;
  const ownDisposition = own?.settings.disposition;
  const ownPeriod = own?.settings.periodStart && own.settings.periodEnd ? `${own.settings.periodStart} – ${own.settings.periodEnd}` : undefined;
  // Checked as typed: a first day after the last (or a last day before the first) is said under its field at once.
  const outOfOrder = periodChoiceProblems(state);
  const afterEnd = outOfOrder.find((p) => p.field === "periodStart");
  const beforeStart = outOfOrder.find((p) => p.field === "periodEnd");

  return (
    <div className={styles.stack}>
      <Field label={t("method.triggers")} hint={ownSequence ? `${t("method.triggersHint")} ${t("method.fromWorkbook", { value: t(`seq.${ownSequence}`) })}` : t("method.triggersHint")}>
        <RadioGroup ref={triggers} value={sequence} disabled={busy} onChange={(_, data) => void controller.chooseSettings({ sequence: data.value as TriggerSequence })}>
          {TRIGGER_SEQUENCES.map((s) => (
            <Radio key={s} value={s} label={t(`seq.${s}`)} />
          ))}
        </RadioGroup>
      </Field>
      <SequencePicture sequence={sequence} />

      <fieldset className={styles.fieldset} disabled={busy}>
        <legend className={styles.legend}>{t("method.period")}</legend>
        <Field label={t("method.periodStart")} {...(afterEnd ? { validationState: "error", validationMessage: t("method.afterEnd", { date: afterEnd.other }) } : {})}>
          <DayInput value={overrides.periodStart} onChoose={(day) => void controller.chooseSettings({ periodStart: day })} />
        </Field>
        <Field
          label={t("method.periodEnd")}
          hint={ownPeriod ? `${t("method.periodHint")} ${t("method.fromWorkbook", { value: ownPeriod })}` : t("method.periodHint")}
          {...(beforeStart ? { validationState: "error", validationMessage: t("method.beforeStart", { date: beforeStart.other }) } : {})}
        >
          <DayInput value={overrides.periodEnd} onChoose={(day) => void controller.chooseSettings({ periodEnd: day })} />
        </Field>
      </fieldset>

      <Field
        label={t("method.disposition")}
        hint={ownDisposition ? `${t("method.dispositionHint")} ${t("method.fromWorkbook", { value: t(`disp.${ownDisposition}`) })}` : t("method.dispositionHint")}
      >
        <RadioGroup value={disposition} disabled={busy} onChange={(_, data) => void controller.chooseSettings({ disposition: data.value as Disposition })}>
          {DISPOSITIONS.map((d) => (
            <Radio key={d} value={d} label={t(`disp.${d}`)} />
          ))}
        </RadioGroup>
      </Field>

      <OpeningChoice state={state} controller={controller} busy={busy} />

      {Object.keys(overrides).length > 0 && (
        <div className={styles.row}>
          <Button
            disabled={busy}
            onClick={() => {
              void controller.resetSettings();
              // This button goes with the choices it clears: the focus goes to the first control, the trigger points.
              triggers.current?.querySelector<HTMLInputElement>("input:checked")?.focus();
            }}
          >
            {t("method.reset")}
          </Button>
        </div>
      )}

      {own && (
        <Section title={t("method.accounts")}>
          <p className={styles.muted}>{t("method.accountsHint")}</p>
          <dl className={styles.list}>
            {ACCOUNT_ROLES.map((role) => (
              <div key={role}>
                <dt>{t(`role.${role}`)}</dt>
                <dd className={styles.definition}>
                  {own.accounts[role].account} · {own.accounts[role].name}
                  {own.defaulted.includes(role) && <span className={styles.muted}> ({t("method.defaultAccount")})</span>}
                </dd>
              </div>
            ))}
          </dl>
        </Section>
      )}
    </div>
  );
}
