export { IntentModels, memoryModelStore } from "./intent-models.js";
export { guessLanguage } from "./language.js";
