/**
 * The workbook contract between the engine and every adapter: table schema,
 * cell conversion, parsing with cell-precise problems, rendering of the
 * generated sheets, the port adapters implement, and the main job.
 */
export * from "./cells";
export * from "./schema";
export * from "./parse";
export * from "./check";
export * from "./render";
export * from "./port";
export * from "./job";
export * from "./names";
