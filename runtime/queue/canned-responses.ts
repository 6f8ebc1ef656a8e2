import { readFile } from "node:fs/promises";
import { Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { CannedResponse } from "../../schema/api/index.js";

/**
 * The answers agents give every day, in the two languages of the shipped flows, French first since
 * our first users write in French.
 */
export const defaultCannedResponses: CannedResponse[] = [
  {
    id: "bonjour",
    title: "Bonjour",
    language: "fr",
    text: "Bonjour {{ customer.firstName }}, je suis {{ agent.name }} et je reprends votre demande. J'ai bien tout ce que vous avez indiqué.",
  },
  {
    id: "statut-commande",
    title: "Statut de la commande",
    language: "fr",
    text: "Votre commande {{ order.number }} est : {{ order.statusLabel }} (livraison : {{ order.deliveryDate }}).",
  },
  {
    id: "verification",
    title: "Je vérifie",
    language: "fr",
    text: "Je vérifie cela avec le service concerné et je reviens vers vous dans quelques minutes.",
  },
  {
    id: "remboursement",
    title: "Remboursement lancé",
    language: "fr",
    text: "Je lance le remboursement de {{ order.total }} {{ order.currency }} pour la commande {{ order.number }} : vous le verrez sous 5 à 7 jours ouvrés.",
  },
  {
    id: "au-revoir",
    title: "Au revoir",
    language: "fr",
    text: "Merci {{ customer.firstName }}, je clôture votre demande. Bonne journée !",
  },
  {
    id: "hello",
    title: "Hello",
    language: "en",
    text: "Hello {{ customer.firstName }}, I'm {{ agent.name }} and I'm taking over your request. I have everything you told us.",
  },
  {
    id: "order-status",
    title: "Order status",
    language: "en",
    text: "Your order {{ order.number }} is: {{ order.statusLabel }} (delivery: {{ order.deliveryDate }}).",
  },
  {
    id: "checking",
    title: "Checking",
    language: "en",
    text: "I'm checking this with the team concerned and will get back to you in a few minutes.",
  },
  {
    id: "refund",
    title: "Refund started",
    language: "en",
    text: "I'm refunding {{ order.total }} {{ order.currency }} for order {{ order.number }}: you will see it within 5 to 7 working days.",
  },
  {
    id: "goodbye",
    title: "Goodbye",
    language: "en",
    text: "Thank you {{ customer.firstName }}, I'm closing your request. Have a good day!",
  },
];

/**
 * The canned responses: the defaults, or the JSON array in `file` (`RELAIS_CANNED_RESPONSES_FILE`).
 * A file that does not match is refused at start with the first mismatch, so nobody discovers it mid-shift.
 */
export async function loadCannedResponses(file: string | undefined): Promise<CannedResponse[]> {
  if (!file) return defaultCannedResponses;
  const data = JSON.parse(await readFile(file, "utf8")) as unknown;
  const schema = Type.Array(CannedResponse);
  if (!Value.Check(schema, data)) {
    const first = Value.Errors(schema, data).First();
    throw new Error(
      `${file}: the canned responses must be an array of {id, title, text, language?}; at ${first?.path || "/"}: ${first?.message ?? "invalid"}.`,
    );
  }
  return data;
}
