/**
 * Sample data: the bundled furniture-maker workbook, the empty template, and
 * a seeded generator of plants of any size for tests and the benchmark. Pure
 * TypeScript (no fs, no Office), so it runs in Node, the task pane and the
 * benchmark alike.
 */
export { Prng, WeightedPicker } from "./prng";
export { columnsOf, inputTable, rawTableOf, rawTablesOf, gridsOf } from "./tables";
export type { TableGrids } from "./tables";
export { templateTables, settingsRows, defaultAccountRows } from "./template";
export type { SettingsChoice } from "./template";
export { generatePlant, generatePlantGrids, DEFAULT_PLANT_OPTIONS, BENCHMARK_PLANT_OPTIONS } from "./generator";
export type { PlantOptions } from "./generator";
export { buildSampleTables, SAMPLE_PERIOD, SAMPLE_BOM_CHANGE } from "./furniture";
