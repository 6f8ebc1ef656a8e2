export * from "./analytics.js";
export * from "./channel-settings.js";
export * from "./disposition.js";
export * from "./handoff.js";
