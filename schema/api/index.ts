export * from "./analytics.js";
export * from "./channel-settings.js";
export * from "./customer-notices.js";
export * from "./deliveries.js";
export * from "./disposition.js";
export * from "./handoff.js";
export * from "./refusal.js";
