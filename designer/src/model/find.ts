import { definitionOf, type Flow, type FlowNode } from "../../../schema/index.js";

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** What a node says, without the ids of the nodes it leads to: a search for a node must not find those that point to it. */
function ownText(node: FlowNode): string {
  const definition = definitionOf(node);
  const unlinked = definition
    .transitions(node)
    .reduce((each, transition) => definition.connect(each, transition.handle, undefined), node);
  return fold(JSON.stringify(unlinked));
}

/**
 * The nodes that match the query, ignoring case and accents, best first: the node of that very id, then
 * those whose id holds it, then whose label does, then any text they hold.
 */
export function findNodes(flow: Flow, query: string): string[] {
  const wanted = fold(query.trim());
  if (!wanted) return [];
  const rank = (node: FlowNode) => {
    const id = fold(node.id);
    if (id === wanted) return 0;
    if (id.includes(wanted)) return 1;
    if (node.label !== undefined && fold(node.label).includes(wanted)) return 2;
    return ownText(node).includes(wanted) ? 3 : undefined;
  };
  return flow.nodes
    .flatMap((node, order) => {
      const found = rank(node);
      return found === undefined ? [] : [{ id: node.id, found, order }];
    })
    .sort((a, b) => a.found - b.found || a.order - b.order)
    .map((match) => match.id);
}
