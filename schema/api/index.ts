export * from "./handoff.js";
