/**
 * A generated history of conversations with the `support` fixture flow, and the figures it must
 * give, worked out from what each kind of conversation does in that flow (not from the runtime).
 */

export type Kind = "contained" | "reprompted" | "billing" | "wantsPerson" | "leftAtRoute" | "leftAtNumber" | "fallback";

interface KindModel {
  texts: string[];
  outcome: "contained" | "handover" | "open";
  nodes: string[];
  transitions: string[];
  answers: Record<string, number>;
  misses: Record<string, number>;
  handoff?: { ruleId: string; kind: string; label: string; nodeId: string };
  /** Where the bot is when the customer stops writing. */
  at: string;
}

export const kinds: Record<Kind, KindModel> = {
  contained: {
    texts: ["commande", "12345"],
    outcome: "contained",
    nodes: ["start", "route", "ask-number", "done"],
    transitions: ["start>next", "route>intent:order", "ask-number>next"],
    answers: { route: 1, "ask-number": 1 },
    misses: {},
    at: "done",
  },
  reprompted: {
    texts: ["commande", "abc", "12"],
    outcome: "contained",
    nodes: ["start", "route", "ask-number", "done"],
    transitions: ["start>next", "route>intent:order", "ask-number>next"],
    answers: { route: 1, "ask-number": 2 },
    misses: { "ask-number": 1 },
    at: "done",
  },
  billing: {
    texts: ["ma facture"],
    outcome: "handover",
    nodes: ["start", "route", "billing"],
    transitions: ["start>next", "route>intent:invoice"],
    answers: { route: 1 },
    misses: {},
    handoff: { ruleId: "billing", kind: "node", label: "Facturation", nodeId: "billing" },
    at: "billing",
  },
  wantsPerson: {
    texts: ["commande", "je veux un conseiller"],
    outcome: "handover",
    nodes: ["start", "route", "ask-number"],
    transitions: ["start>next", "route>intent:order"],
    answers: { route: 1 },
    misses: {},
    handoff: { ruleId: "wants-person", kind: "humanRequest", label: "Demande un conseiller", nodeId: "ask-number" },
    at: "ask-number",
  },
  leftAtRoute: {
    texts: ["bonjour"],
    outcome: "open",
    nodes: ["start", "route"],
    transitions: ["start>next"],
    answers: {},
    misses: {},
    at: "route",
  },
  leftAtNumber: {
    texts: ["commande"],
    outcome: "open",
    nodes: ["start", "route", "ask-number"],
    transitions: ["start>next", "route>intent:order"],
    answers: { route: 1 },
    misses: {},
    at: "ask-number",
  },
  fallback: {
    texts: ["bonjour", "blabla", "colis", "777"],
    outcome: "contained",
    nodes: ["start", "route", "ask-number", "done"],
    transitions: ["start>next", "route>fallback", "route>intent:order", "ask-number>next"],
    answers: { route: 2, "ask-number": 1 },
    misses: { route: 1 },
    at: "done",
  },
};

export interface Planned {
  kind: Kind;
  version: number;
  /** Customer message times, epoch ms. */
  times: number[];
  /** The customer wrote a moment ago: not abandoned yet. */
  ongoing?: boolean;
}

const DAY = 86_400_000;

/** A small seeded generator (mulberry32), so a failure replays the same history. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` conversations per version over three days from `start` (a UTC midnight), between 08:00 and 18:00. */
export function plan(seed: number, start: number, perVersion: number): Planned[] {
  const next = random(seed);
  const names = Object.keys(kinds) as Kind[];
  const planned: Planned[] = [];
  for (const version of [1, 2]) {
    for (let index = 0; index < perVersion; index += 1) {
      const kind = names[Math.floor(next() * names.length)] as Kind;
      const day = Math.floor(next() * 3);
      let at = start + day * DAY + 8 * 3_600_000 + Math.floor(next() * 10 * 3_600_000);
      const times = kinds[kind].texts.map((_, step) => {
        if (step > 0) at += 1000 * (5 + Math.floor(next() * 600));
        return at;
      });
      planned.push({ kind, version, times });
    }
  }
  return planned;
}

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** The figures the planned conversations give for `version` (undefined: all), each started in the period. */
export function expectedFigures(planned: Planned[], version: number | undefined, days: string[]) {
  const mine = planned.filter((entry) => version === undefined || entry.version === version);
  const count = (test: (entry: Planned) => boolean) => mine.filter(test).length;
  const outcome = (entry: Planned) => kinds[entry.kind].outcome;
  const started = mine.length;
  const contained = count((entry) => outcome(entry) === "contained");
  const rules = new Map<string, { ruleId: string; kind: string; label: string; count: number }>();
  const handoffNodes = new Map<string, number>();
  const nodes = new Map<
    string,
    { nodeId: string; reached: number; dropOff: number; answers: number; notUnderstood: number }
  >();
  const node = (nodeId: string) => {
    let entry = nodes.get(nodeId);
    if (!entry) {
      entry = { nodeId, reached: 0, dropOff: 0, answers: 0, notUnderstood: 0 };
      nodes.set(nodeId, entry);
    }
    return entry;
  };
  const transitions = new Map<string, number>();
  for (const entry of mine) {
    const model = kinds[entry.kind];
    for (const id of model.nodes) node(id).reached += 1;
    for (const [id, value] of Object.entries(model.answers)) node(id).answers += value;
    for (const [id, value] of Object.entries(model.misses)) node(id).notUnderstood += value;
    if (model.outcome === "open" && !entry.ongoing) node(model.at).dropOff += 1;
    for (const id of model.transitions) transitions.set(id, (transitions.get(id) ?? 0) + 1);
    if (model.handoff) {
      const rule = rules.get(model.handoff.ruleId) ?? { ...model.handoff, count: 0 };
      rule.count += 1;
      rules.set(model.handoff.ruleId, { ruleId: rule.ruleId, kind: rule.kind, label: rule.label, count: rule.count });
      handoffNodes.set(model.handoff.nodeId, (handoffNodes.get(model.handoff.nodeId) ?? 0) + 1);
    }
  }
  const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
  return {
    conversations: {
      started,
      contained,
      handedOver: count((entry) => outcome(entry) === "handover"),
      abandoned: count((entry) => outcome(entry) === "open" && !entry.ongoing),
      ongoing: count((entry) => outcome(entry) === "open" && entry.ongoing === true),
    },
    containment: started === 0 ? null : contained / started,
    medianMessages: median(mine.map((entry) => entry.times.length)),
    medianResolutionSeconds: median(
      mine
        .filter((entry) => outcome(entry) === "contained")
        .map((entry) => ((entry.times.at(-1) as number) - (entry.times[0] as number)) / 1000),
    ),
    medianHandoffSeconds: median(
      mine
        .filter((entry) => outcome(entry) === "handover")
        .map((entry) => ((entry.times.at(-1) as number) - (entry.times[0] as number)) / 1000),
    ),
    handoffsByRule: [...rules.values()].sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)),
    handoffsByNode: [...handoffNodes]
      .map(([nodeId, value]) => ({ flowId: "support", nodeId, count: value }))
      .sort((a, b) => b.count - a.count || a.nodeId.localeCompare(b.nodeId)),
    nodes: [...nodes.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId)),
    transitions: [...transitions]
      .map(([id, value]) => {
        const cut = id.lastIndexOf(">");
        return { id, from: id.slice(0, cut), handle: id.slice(cut + 1), count: value };
      })
      .sort((a, b) => a.id.localeCompare(b.id)),
    days: days.map((day) => {
      const ofDay = mine.filter((entry) => dayOf(entry.times[0] as number) === day);
      return {
        day,
        started: ofDay.length,
        contained: ofDay.filter((entry) => outcome(entry) === "contained").length,
        handedOver: ofDay.filter((entry) => outcome(entry) === "handover").length,
      };
    }),
  };
}
