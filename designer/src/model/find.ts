import type { Flow } from "../../../schema/index.js";

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** The first node whose id, label or any text it holds contains the query, ignoring case and accents. */
export function findNode(flow: Flow, query: string): string | undefined {
  const wanted = fold(query.trim());
  if (!wanted) return undefined;
  return flow.nodes.find((node) => fold(JSON.stringify(node)).includes(wanted))?.id;
}
