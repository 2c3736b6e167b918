/**
 * The Method step's "Opening balances from a previous result": a file the
 * user chooses (in Excel and in the browser alike, through the page's own file
 * input), whose Closing sheet the check and the run open the period at. The
 * worker reads it (serve.ts); a file it cannot read is said by the check.
 */
import { Button } from "@fluentui/react-components";
import { useRef } from "react";
import { useT } from "../i18n";
import { WORKBOOK_ACCEPT } from "../session";
import type { WizardController } from "./controller";
import { Section } from "./Section";
import type { WizardState } from "./state";
import { tableAsNamed } from "./state";
import { useStepStyles } from "./styles";

export function OpeningChoice({ state, controller, busy }: { state: WizardState; controller: WizardController; busy: boolean }) {
  const { t } = useT();
  const styles = useStepStyles();
  const input = useRef<HTMLInputElement>(null);
  const choose = useRef<HTMLButtonElement>(null);
  const chosen = state.opening;
  return (
    <Section title={t("closing.pane.label")}>
      <p className={styles.muted}>{t("closing.pane.hint")}</p>
      <input
        ref={input}
        data-testid="opening-file"
        type="file"
        hidden
        accept={WORKBOOK_ACCEPT}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) void file.arrayBuffer().then((bytes) => controller.chooseOpening({ file: file.name, bytes }));
        }}
      />
      <p role="status" aria-live="polite" className={styles.wrap}>
        {chosen ? t("closing.pane.chosen", { file: chosen.file }) : t("closing.pane.none", { table: tableAsNamed(state, "Inventory", t) })}
      </p>
      <div className={styles.row}>
        <Button ref={choose} disabled={busy} onClick={() => input.current?.click()}>
          {t("closing.pane.choose")}
        </Button>
        {chosen && (
          <Button
            disabled={busy}
            onClick={() => {
              controller.chooseOpening(undefined);
              // This button goes with the file it clears: the focus goes to the one that chooses another.
              choose.current?.focus();
            }}
          >
            {t("closing.pane.clear")}
          </Button>
        )}
      </div>
    </Section>
  );
}
