/**
 * Errors of the Excel fake, shaped like Office.js's `OfficeExtension.Error`
 * (name "RichApi.Error", a `code` from `OfficeExtension.ErrorCodes` /
 * `Excel.ErrorCodes`, and `debugInfo`), so adapter code that branches on
 * `error.code` behaves the same against the fake as against Excel.
 * The messages are our own words, not Office's.
 */

/** The error codes the fake raises; the names are Office's. */
export type FakeErrorCode =
  | "PropertyNotLoaded"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidReference"
  | "InvalidObjectPath"
  | "RangeExceedsLimit"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded";

export interface FakeErrorDebugInfo {
  code: FakeErrorCode;
  message: string;
  /** The API member that failed, like Office's `debugInfo.errorLocation`. */
  errorLocation?: string;
}

export class FakeOfficeError extends Error {
  readonly code: FakeErrorCode;
  readonly debugInfo: FakeErrorDebugInfo;

  constructor(code: FakeErrorCode, message: string, errorLocation?: string) {
    super(message);
    // Office.js names its errors this way; tests and logs can tell them from bugs.
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

/** True when `error` is a fake Office error, optionally with the given code. */
export function isFakeOfficeError(error: unknown, code?: FakeErrorCode): error is FakeOfficeError {
  return error instanceof FakeOfficeError && (code === undefined || error.code === code);
}
