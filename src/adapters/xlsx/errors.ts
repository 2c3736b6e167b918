/**
 * Why a file could not be read as a workbook, in our words: no zip or XML
 * library's text (nor its links) ever reaches the user.
 */

export type PackageProblem =
  | "notZip"
  | "zip64"
  | "encryptedZip"
  | "unsupportedCompression"
  | "damaged"
  | "partTooLarge"
  | "fileTooLarge"
  | "notWorkbook"
  | "badXml"
  | "badSheet";

export interface PackageProblemParams {
  part?: string;
  sheet?: string;
  cell?: string;
  limit?: number;
}

const megabytes = (n: number | undefined): string => `${Math.round((n ?? 0) / (1024 * 1024)).toLocaleString("en-US")} MB`;

const TEXTS: Readonly<Record<PackageProblem, (p: PackageProblemParams) => string>> = {
  notZip: () => "it is not an .xlsx workbook (an .xlsx file is a zip package, and this file is not one)",
  zip64: () => "it is packed in the zip format for packages over 4 GB, which no Excel workbook needs; save it again from Excel",
  encryptedZip: () => "its contents are encrypted; open it in Excel, remove the password and save it again",
  unsupportedCompression: (p) => `part ${p.part} is packed in a way Excel does not use; open the file in Excel and save it again`,
  damaged: (p) => (p.part ? `it is damaged: part ${p.part} could not be read; open it in Excel (which may repair it) and save it again` : "it is damaged: its table of contents could not be read; open it in Excel (which may repair it) and save it again"),
  partTooLarge: (p) => `part ${p.part} would take more than ${megabytes(p.limit)} once unpacked; Backflush refuses parts this large to keep your computer's memory safe`,
  fileTooLarge: (p) => `its parts would take more than ${megabytes(p.limit)} once unpacked; Backflush refuses files this large to keep your computer's memory safe`,
  notWorkbook: () => "it is a zip package but holds no Excel workbook",
  badXml: (p) => `it is damaged: part ${p.part} is not well-formed; open it in Excel (which may repair it) and save it again`,
  badSheet: (p) => `it is damaged: sheet ${p.sheet}${p.cell ? `, near cell ${p.cell},` : ""} could not be read; open it in Excel (which may repair it) and save it again`,
};

/** A file that cannot be read as a workbook; `message` completes "cannot read FILE: …". */
export class PackageError extends Error {
  constructor(
    readonly problem: PackageProblem,
    readonly params: PackageProblemParams,
  ) {
    super(TEXTS[problem](params));
    this.name = "PackageError";
  }
}
