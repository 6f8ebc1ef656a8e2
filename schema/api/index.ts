export * from "./handoff.js";
export * from "./analytics.js";
