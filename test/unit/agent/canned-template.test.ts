import { describe, expect, it } from "vitest";
import { cannedFor, nextPlaceholder, renderCanned } from "../../../designer/src/agent/canned-template.js";
import { defaultCannedResponses } from "../../../runtime/queue/canned-responses.js";

const variables = {
  customer: { firstName: "Camille", lastName: "Martin", tier: "gold" },
  order: {
    number: "CMD-100002",
    statusLabel: "En préparation",
    total: 740,
    currency: "EUR",
    deliveryDate: "2026-11-30",
  },
  agent: { name: "Alice" },
};

describe("canned responses filled from the collected variables", () => {
  it("fills plain paths, numbers included", () => {
    expect(
      renderCanned("Je rembourse {{ order.total }} {{order.currency}} à {{ customer.firstName }}.", variables, "fr"),
    ).toEqual({
      text: "Je rembourse 740 EUR à Camille.",
      missing: [],
    });
  });

  it("writes a CRM's date as the customer reads it", () => {
    const status = defaultCannedResponses.find((canned) => canned.id === "statut-commande");
    expect(renderCanned(status?.text ?? "", variables, "fr").text).toBe(
      "Votre commande CMD-100002 est : En préparation (livraison : 30/11/2026).",
    );
    const english = defaultCannedResponses.find((canned) => canned.id === "order-status");
    expect(renderCanned(english?.text ?? "", variables, "en-GB").text).toBe(
      "Your order CMD-100002 is: En préparation (delivery: 30/11/2026).",
    );
  });

  it("keeps what was not collected visible, so the agent completes it before sending", () => {
    const rendered = renderCanned(
      "Bonjour {{ customer.firstName }}, votre colis {{ parcel.tracking }} arrive.",
      {
        customer: {},
      },
      "fr",
    );
    expect(rendered).toEqual({
      text: "Bonjour {{ customer.firstName }}, votre colis {{ parcel.tracking }} arrive.",
      missing: ["customer.firstName", "parcel.tracking"],
    });
    expect(nextPlaceholder(rendered.text)).toEqual({ start: 8, end: 32 });
  });

  it("never runs expressions: a canned text is not a program", () => {
    expect(renderCanned("{{ $uppercase(customer.firstName) }}", variables, "fr")).toEqual({
      text: "{{ $uppercase(customer.firstName) }}",
      missing: ["$uppercase(customer.firstName)"],
    });
  });

  it("keeps a text with an unclosed {{ as written", () => {
    expect(renderCanned("Bonjour {{ customer.firstName", variables, "fr")).toEqual({
      text: "Bonjour {{ customer.firstName",
      missing: [],
    });
  });

  it("renders every shipped canned response with the sample customer and order", () => {
    for (const canned of defaultCannedResponses) {
      expect(renderCanned(canned.text, variables, canned.language ?? "fr").missing, canned.id).toEqual([]);
    }
  });
});

describe("the canned responses offered for a conversation", () => {
  const ids = (language: string, canned = defaultCannedResponses) => cannedFor(canned, language).map((c) => c.id);

  it("are those of the customer's language", () => {
    expect(ids("fr")).toEqual(["bonjour", "statut-commande", "verification", "remboursement", "au-revoir"]);
    expect(ids("en-GB")).toEqual(["hello", "order-status", "checking", "refund", "goodbye"]);
  });

  it("include those for every language, and are all of them when none is in the customer's", () => {
    const team = [
      { id: "merci", title: "Merci", text: "Merci !", language: "fr" },
      { id: "lien", title: "Lien", text: "https://example.fr/aide" },
    ];
    expect(ids("fr", team)).toEqual(["merci", "lien"]);
    expect(ids("en", team)).toEqual(["merci", "lien"]);
    expect(ids("en", [...team, { id: "thanks", title: "Thanks", text: "Thanks!", language: "en" }])).toEqual([
      "lien",
      "thanks",
    ]);
  });
});
