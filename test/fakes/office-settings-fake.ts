/**
 * A fake of `Office.context.document.settings` (the Common API's
 * `Office.Settings`) over the same store as the Excel fake's
 * `workbook.settings`.
 *
 * Modelled, from the Office.Settings docs: the add-in works on an in-memory
 * copy of the property bag taken when it starts; get (null when absent), set
 * and remove touch only that copy; saveAsync writes the whole bag to the
 * document and then calls back with status "succeeded" (or "failed", when a
 * test asks for it). Values are kept as JSON copies. Not modelled: events,
 * refreshAsync, co-authoring. That both settings APIs share one store is an
 * assumption (no Excel here to check it).
 */
import { type WorkbookModel, jsonCopy } from "./excel-model";

import type { OfficeSettingsSubset, SaveResultSubset } from "../../src/adapters/office/settings-api";
export type { OfficeSettingsSubset, SaveResultSubset };

export class FakeOfficeSettings implements OfficeSettingsSubset {
  private bag: Map<string, unknown>;
  /** How many times saveAsync wrote to the document. */
  saves = 0;
  /** Set to a message to make the next saveAsync fail with it. */
  failNextSave: string | undefined;

  constructor(private readonly workbook: WorkbookModel) {
    this.bag = new Map([...workbook.settings].map(([k, v]) => [k, jsonCopy(v)]));
  }

  get(name: string): unknown {
    return this.bag.has(name) ? jsonCopy(this.bag.get(name)) : null;
  }

  set(name: string, value: unknown): void {
    this.bag.set(name, jsonCopy(value));
  }

  remove(name: string): void {
    this.bag.delete(name);
  }

  saveAsync(callback?: (result: SaveResultSubset) => void): void {
    const failure = this.failNextSave;
    this.failNextSave = undefined;
    if (failure === undefined) {
      this.workbook.settings.clear();
      for (const [k, v] of this.bag) this.workbook.settings.set(k, jsonCopy(v));
      this.saves++;
    }
    const result: SaveResultSubset = failure === undefined ? { status: "succeeded", error: null } : { status: "failed", error: { message: failure } };
    // Office calls back later, never inside saveAsync itself.
    if (callback) setImmediate(() => callback(result));
  }
}
