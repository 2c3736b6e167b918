/**
 * The part of `Office.Settings` (the workbook's own settings store) the adapter
 * may use; the fake in test/fakes/office-settings-fake.ts implements it.
 */
/** What the callback of `saveAsync` is given; at run time Office's status is the text "succeeded" / "failed". */
export interface SaveResultSubset {
  status: Office.AsyncResultStatus | "succeeded" | "failed";
  error?: { message: string } | null;
}

/** The part of `Office.Settings` the adapter may use. */
export interface OfficeSettingsSubset {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: SaveResultSubset) => void): void;
}
