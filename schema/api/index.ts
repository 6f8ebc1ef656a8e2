export * from "./analytics.js";
export * from "./disposition.js";
export * from "./error.js";
export * from "./handoff.js";
