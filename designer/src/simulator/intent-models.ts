import { IntentModels, memoryModelStore } from "../../../runtime/nlu/index.js";

/**
 * The simulator's trained intent models, kept in the page for as long as it is open: trained when
 * a flow changes (and found again by content hash when it changes back), so that the simulator
 * understands customers as the runtime will.
 */
export const simulatorModels = new IntentModels(memoryModelStore());

/** How long the simulator waits after the last change before it trains, so typing an example stays smooth. */
export const TRAIN_DELAY_MS = 500;
