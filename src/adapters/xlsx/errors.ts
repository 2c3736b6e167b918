/**
 * Why a file could not be read as a workbook, in our words: no zip or XML
 * library's text (nor its links) ever reaches the user.
 */
import type { MessageKey, Translator } from "../../i18n";
import { translator } from "../../i18n";

export type PackageProblem =
  | "notZip"
  | "zip64"
  | "encryptedZip"
  | "unsupportedCompression"
  | "damaged"
  | "duplicatePart"
  | "partTooLarge"
  | "fileTooLarge"
  | "notWorkbook"
  | "badXml"
  | "badSheet"
  | "tooManyParts";

export interface PackageProblemParams {
  part?: string;
  sheet?: string;
  cell?: string;
  limit?: number;
  /** Parts the package would hold (tooManyParts). */
  count?: number;
}

/** The catalog text of a package problem (src/i18n, `package.*`). */
function packageKey(problem: PackageProblem, p: PackageProblemParams): Extract<MessageKey, `package.${string}`> {
  if (problem === "damaged") return p.part ? "package.damagedPart" : "package.damaged";
  if (problem === "badSheet") return p.cell ? "package.badSheetCell" : "package.badSheet";
  return `package.${problem}`;
}

/** Why the file cannot be read, in the translator's language; completes "cannot read FILE: …". */
export function packageWords(tr: Translator, problem: PackageProblem, p: PackageProblemParams): string {
  const megabytes = tr.num(String(Math.round((p.limit ?? 0) / (1024 * 1024))));
  const values: Record<string, string> = { part: p.part ?? "", sheet: p.sheet ?? "", cell: p.cell ?? "", megabytes, count: tr.num(String(p.count ?? 0)) };
  // Each key takes some of these values; fill leaves out the rest.
  return (tr.t as (key: MessageKey, params: Record<string, string>) => string)(packageKey(problem, p), values);
}

const english = translator("en");

/** A file that cannot be read as a workbook; `message` completes "cannot read FILE: …". */
export class PackageError extends Error {
  constructor(
    readonly problem: PackageProblem,
    readonly params: PackageProblemParams,
  ) {
    super(packageWords(english, problem, params));
    this.name = "PackageError";
  }
}
