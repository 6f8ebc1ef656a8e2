import { describe, expect, it } from "vitest";
import { freshId, intentIdOf, slugify } from "../../../designer/src/model/slug.js";

describe("slug ids", () => {
  it("turns any text into a slug without accents", () => {
    expect(slugify("Demander l'e-mail du Client")).toBe("demander-l-e-mail-du-client");
    expect(slugify("Étape ÉLEVÉE")).toBe("etape-elevee");
    expect(slugify("!!!")).toBe("node");
  });

  it("keeps ids within 64 characters", () => {
    const id = freshId("a".repeat(80), new Set(["a".repeat(64)]));
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id.endsWith("-2")).toBe(true);
  });

  it("counts up past the ids taken, from the base without its number", () => {
    expect(freshId("question", new Set())).toBe("question");
    expect(freshId("question", new Set(["question", "question-2"]))).toBe("question-3");
    expect(freshId("ask-2", new Set(["ask", "ask-2"]))).toBe("ask-3");
  });

  it("keeps a number that ends the base when the id is free: a flow named for its year keeps it", () => {
    expect(freshId("Promo 2025", new Set())).toBe("promo-2025");
    expect(freshId("Promo 2026", new Set(["promo-2025"]))).toBe("promo-2026");
    expect(freshId("ask-2", new Set())).toBe("ask-2");
  });

  it("turns what is typed as an intent id into snake_case, letter first", () => {
    expect(intentIdOf("réclamation client")).toBe("reclamation_client");
    expect(intentIdOf("Suivi-Commande")).toBe("suivi_commande");
    expect(intentIdOf("reclamation ")).toBe("reclamation_");
    expect(intentIdOf("2e demande")).toBe("e_demande");
    expect(intentIdOf("order_status")).toBe("order_status");
  });
});
