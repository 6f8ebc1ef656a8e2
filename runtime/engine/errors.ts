import type { EngineError } from "./types.js";

/** Thrown inside a run when the flow cannot go on; `advance` turns it into an `EngineError` and a handoff. */
export class EngineFailure extends Error {
  constructor(
    readonly code: EngineError["code"],
    readonly flowId: string,
    readonly nodeId: string,
    message: string,
  ) {
    super(message);
    this.name = "EngineFailure";
  }

  toEngineError(): EngineError {
    return { code: this.code, flowId: this.flowId, nodeId: this.nodeId, message: this.message };
  }
}
