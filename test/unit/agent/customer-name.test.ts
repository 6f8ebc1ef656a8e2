import { describe, expect, it, onTestFinished } from "vitest";
import { customerName } from "../../../designer/src/agent/customer-name.js";
import { language, setLanguage } from "../../../designer/src/i18n.js";

const visitor = { name: null, email: null, phone: null, address: "989508a7-97cb-43db-98bc-512854129e59" };

describe("a customer as agents read them", () => {
  it("is their name, else their e-mail, else their phone", () => {
    expect(customerName({ ...visitor, name: "Camille Martin", email: "c@example.fr" }, "webchat")).toBe(
      "Camille Martin",
    );
    expect(customerName({ ...visitor, email: "c@example.fr", phone: "+33612345678" }, "webchat")).toBe("c@example.fr");
    expect(customerName({ ...visitor, phone: "+33612345678" }, "webchat")).toBe("+33612345678");
  });

  it("is where they write from when that says something: a phone number, a REST caller's id", () => {
    expect(customerName({ ...visitor, address: "+33612345678" }, "whatsapp")).toBe("+33612345678");
    expect(customerName({ ...visitor, address: "crm-4411" }, "rest")).toBe("crm-4411");
  });

  it("is a visitor on the web chat, whose session id means nothing to a person, in the console's language", () => {
    const before = language;
    onTestFinished(() => setLanguage(before));
    setLanguage("fr");
    expect(customerName(visitor, "webchat")).toBe("Visiteur 989508a7");
    setLanguage("en");
    expect(customerName(visitor, "webchat")).toBe("Visitor 989508a7");
  });
});
