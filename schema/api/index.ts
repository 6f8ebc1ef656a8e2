export * from "./analytics.js";
export * from "./conversation-state.js";
export * from "./disposition.js";
export * from "./handoff.js";
