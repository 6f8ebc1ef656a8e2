export * from "./analytics.js";
export * from "./handoff.js";
