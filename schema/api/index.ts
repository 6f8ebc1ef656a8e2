export * from "./analytics.js";
export * from "./disposition.js";
export * from "./handoff.js";
export * from "./routing.js";
export * from "./search.js";
