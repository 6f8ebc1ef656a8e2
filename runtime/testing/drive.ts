import { advance } from "../engine/index.js";
import type {
  CompiledFlow,
  ConversationState,
  EngineDeps,
  EngineInput,
  HttpEffect,
  HttpResult,
  StepResult,
} from "../engine/types.js";

/**
 * Feeds one input to the engine and runs the effects it asks for until it waits, hands off or
 * ends. `answer` returns undefined when it cannot answer an effect; driving stops there.
 */
export async function drive(
  root: CompiledFlow,
  state: ConversationState | undefined,
  input: EngineInput,
  deps: EngineDeps,
  answer: (effect: HttpEffect) => Promise<HttpResult | undefined>,
  onStep: (result: StepResult) => void,
): Promise<StepResult> {
  let result = await advance(root, state, input, deps);
  onStep(result);
  while (result.status.type === "effect") {
    const { effect } = result.status;
    const answered = await answer(effect);
    if (!answered) return result;
    result = await advance(root, result.state, { type: "effectResult", effectId: effect.id, result: answered }, deps);
    onStep(result);
  }
  return result;
}
