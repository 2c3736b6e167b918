/** Step 1: where the input tables are, with a pick for each, and the template or sample for an empty workbook. */
import { Button, Field, Select, Spinner } from "@fluentui/react-components";
import type { TableName } from "../../engine/types";
import { TABLE_ORDER } from "../../workbook/schema";
import { useT } from "../i18n";
import { Alert } from "./Alert";
import type { WizardController } from "./controller";
import { Notices } from "./Notices";
import { useOutcomeFocus } from "./outcome";
import type { FoundTable, WizardState } from "./state";
import { busy as isBusy, isRequired, workbookIsEmpty } from "./state";
import { useStepStyles } from "./styles";

/** The picker's value for "the default name" (no sheet or table can be called this). */
const DEFAULT_PICK = "\u0001default";

interface TablePickerProps {
  table: TableName;
  found: FoundTable | undefined;
  required: boolean;
  chosen: string | undefined;
  sources: readonly string[];
  /** A check or run is reading the tables: the choice waits. */
  busy: boolean;
  onChoose(name: string | undefined): void;
}

function TablePicker({ table, found, required, chosen, sources, busy, onChoose }: TablePickerProps) {
  const { t, tn } = useT();
  const styles = useStepStyles();
  // The name in the pane's language: the job looks every language's name up (lookupNames).
  const defaultLabel = t("data.default", { name: t(`tableName.${table}`) });
  const where = found ? (found.tableName ? t("data.foundTable", { table: found.tableName, sheet: found.sheet }) : t("data.foundSheet", { sheet: found.sheet })) : "";
  const status = found ? tn("data.found", found.rows, { where }) : required ? t("data.missingRequired") : t("data.missingOptional");
  return (
    <Field label={t(`table.${table}`)} validationState={found ? "success" : required ? "warning" : "none"} validationMessage={status}>
      {/* A native select: keyboard and screen readers know it, and it fits any pane width. */}
      <Select className={styles.fitSelect} value={chosen ?? DEFAULT_PICK} disabled={busy} onChange={(_, data) => onChoose(data.value === DEFAULT_PICK ? undefined : data.value)}>
        <option value={DEFAULT_PICK}>{defaultLabel}</option>
        {chosen !== undefined && !sources.includes(chosen) && <option value={chosen}>{chosen}</option>}
        {sources.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function DataStep({ state, controller }: { state: WizardState; controller: WizardController }) {
  const tr = useT();
  const { t } = tr;
  const styles = useStepStyles();
  const { scan } = state;
  // As on the Method step: nothing a check or run reads changes under it.
  const busy = isBusy(state);
  // The insert buttons go once the workbook has tables: the focus moves to the news of the insert, not to the page.
  const insertNews = useOutcomeFocus<HTMLDivElement>(state.notice?.kind === "inserted" || state.notice?.kind === "insert-failed" ? state.notice : undefined);
  if (scan.status === "idle" || scan.status === "busy") return <Spinner size="small" label={t("data.scanning")} />;
  if (scan.status === "failed") {
    return <Alert intent="error">{t("data.scanFailed", { reason: scan.reason(tr) })}</Alert>;
  }
  const value = scan.value;
  const empty = workbookIsEmpty(value);
  // Case-insensitive, as Excel's names are: a table and its sheet often share one.
  const sources = [...new Map(value.sources.map((s) => [s.toLowerCase(), s])).values()];
  return (
    <div className={styles.stack}>
      <p>{t("data.intro")}</p>
      <Notices state={state} focusRef={insertNews} />
      {empty && <Alert intent="info">{t("data.empty")}</Alert>}
      {empty && (
        <div className={styles.row}>
          <Button appearance="primary" disabledFocusable={state.inserting} onClick={() => void controller.insert("template")}>
            {t("data.insertTemplate")}
          </Button>
          <Button disabledFocusable={state.inserting} onClick={() => void controller.insert("sample")}>
            {t("data.insertSample")}
          </Button>
        </div>
      )}
      {TABLE_ORDER.map((table) => (
          <TablePicker
            key={table}
            table={table}
            found={value.tables[table]}
            required={isRequired(state, table)}
            chosen={state.choices.tableNames?.[table]}
            sources={sources}
            busy={busy}
            onChoose={(name) => void controller.chooseTable(table, name)}
          />
        ))}
      <div className={styles.row}>
        <Button disabled={busy} onClick={() => void controller.scan()}>{t("data.rescan")}</Button>
        {/* Beside the controls, not instead of them: the one the user just used keeps the focus. */}
        {state.rescanning && <Spinner size="tiny" label={t("data.scanning")} />}
      </div>
    </div>
  );
}
