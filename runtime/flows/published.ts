import { compileFlow } from "../engine/index.js";
import type { CompiledFlow } from "../engine/types.js";
import type { IntentModels } from "../nlu/intent-models.js";
import type { Store } from "../store/db.js";
import { getVersion, liveVersions } from "../store/flow-versions.js";

/**
 * Published versions compiled once each, their intent models loaded with them; versions never
 * change, so the cache never goes stale.
 */
export class PublishedFlows {
  private readonly compiled = new Map<string, Promise<CompiledFlow | undefined>>();

  constructor(
    private readonly store: Store,
    readonly models: IntentModels,
  ) {}

  get(flowId: string, version: number): Promise<CompiledFlow | undefined> {
    const key = `${flowId}@${version}`;
    let entry = this.compiled.get(key);
    if (!entry) {
      entry = getVersion(this.store, flowId, version).then(async (row) => {
        if (!row) return undefined;
        await this.models.load(row.flow);
        return compileFlow(row.flow);
      });
      entry.catch(() => this.compiled.delete(key));
      this.compiled.set(key, entry);
    }
    return entry;
  }

  /**
   * The live version of a flow and of every flow its `jump` nodes reach, transitively: what a new
   * conversation is pinned to, so a publish never changes a conversation midway.
   */
  async pin(flowId: string): Promise<Record<string, number> | undefined> {
    const live = await liveVersions(this.store);
    const pinned: Record<string, number> = {};
    const pending = [flowId];
    while (pending.length > 0) {
      const id = pending.pop() as string;
      if (id in pinned) continue;
      const version = live.get(id);
      if (version === undefined) {
        if (id === flowId) return undefined;
        continue;
      }
      pinned[id] = version;
      const compiled = await this.get(id, version);
      for (const node of compiled?.flow.nodes ?? []) {
        if (node.type === "jump") pending.push(node.flow);
      }
    }
    return pinned;
  }

  /** Every pinned flow compiled, for the engine's synchronous `deps.flow`. */
  async load(pinned: Record<string, number>): Promise<Map<string, CompiledFlow>> {
    const flows = new Map<string, CompiledFlow>();
    for (const [id, version] of Object.entries(pinned)) {
      const compiled = await this.get(id, version);
      if (compiled) flows.set(id, compiled);
    }
    return flows;
  }
}
