/** Posting the journal to a general ledger: the SIE 4 and CSV exports and the period's summary entry. */
export * from "./entries";
export * from "./summary";
export * from "./sie";
export * from "./pc8";
export * from "./csv";
