import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designerPage } from "./designer-page.js";
import { type Harness, startHarness } from "./harness.js";

let harness: Harness;
let page: Page;
let ui: ReturnType<typeof designerPage>;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  ui = designerPage(page, harness.baseUrl);
  await ui.logIn();
  // The build inside the harness alone can take minutes on a machine shared with other builds.
}, 600_000);
afterAll(async () => {
  await harness?.close();
});

/** What a Monaco editor shows, with its non-breaking spaces read as the spaces they stand for. */
const monacoText = async (editor: Locator) => (await editor.locator(".view-lines").innerText()).replace(/\u00a0/g, " ");

/** Clicks into a Monaco editor, selects what it holds and types over it, key by key. */
async function typeInMonaco(editor: Locator, text: string) {
  await editor.locator(".view-lines").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type(text);
}

/** Every node of the canvas is drawn (React Flow hides a node while it has no measured size). */
const hiddenNodes = () =>
  page.evaluate(
    () =>
      [...document.querySelectorAll<HTMLElement>(".react-flow__node")].filter(
        (node) => getComputedStyle(node).visibility === "hidden",
      ).length,
  );

/** Adds a node of `type` from the palette and selects it in the inspector. */
async function addAndInspect(type: string) {
  await page.click(`[data-palette="${type}"]`);
  await ui.pick(type);
  await ui.sideTab("Propriétés").click();
  await page.locator(`[data-inspecting="${type}"]`).waitFor();
}

describe("typing in the designer with the canvas shown", () => {
  it("names on screen each setting of a question's expected answer", async () => {
    ui.keepScreenshot("typing-question-settings");
    await ui.createBlankFlow("Saisie question", "saisie-question");
    await addAndInspect("question");
    const expected = page.locator('[data-inspecting="question"] .question-input');
    const names = () => expected.locator("label.sub-field > .help").allInnerTexts();
    await expect.poll(names).toEqual(["Longueur maximale (caractères)"]);
    await page.getByLabel("Type", { exact: true }).selectOption("number");
    await expect.poll(names).toEqual(["Minimum", "Maximum"]);
    await expected.getByText("Maximum", { exact: true }).click();
    await page.keyboard.type("99999");
    await expect.poll(() => expected.getByLabel("Maximum", { exact: true }).inputValue()).toBe("99999");
    // Left without a reprompt, the question says what it expects: the inspector shows those words.
    const defaultReprompt = page.locator('[data-inspecting="question"] [data-field="reprompt"] .help');
    await expect
      .poll(() => defaultReprompt.innerText())
      .toMatch(/^Laissée vide, le client lit « Désolé, j'attends un nombre d'au plus 99\s999\. » puis la question\.$/);
    await page.getByLabel("Type", { exact: true }).selectOption("pattern");
    await expect.poll(names).toEqual(["Expression régulière", "Exemple de réponse valide"]);
    await expected.getByText("Exemple de réponse valide", { exact: true }).click();
    await page.keyboard.type("CMD-123456");
    await expect
      .poll(() => defaultReprompt.innerText())
      .toContain("« Désolé, j'attends une réponse comme CMD-123456. »");
  });

  it("keeps every space typed in a condition's rule", async () => {
    ui.keepScreenshot("typing-condition-rule");
    await ui.createBlankFlow("Saisie règle", "saisie-regle");
    await addAndInspect("condition");
    // A new rule opens as rows of variable, comparison and value; the expression is one click away.
    await page
      .locator('[data-inspecting="condition"]')
      .getByRole("button", { name: "Expression", exact: true })
      .click();
    const rule = page.locator('[data-inspecting="condition"] .monaco-expression[aria-label="Si"]');
    const typed = 'total >= 300 and email != ""';
    await typeInMonaco(rule, typed);
    await expect.poll(() => monacoText(rule)).toBe(typed);
    // The rule is the label of its outgoing link on the canvas: the flow itself holds what was typed.
    await ui.node("condition").locator(`[data-handle="rule:rule-1"] > span[title='${typed}']`).waitFor();
    // Backspace in the editor deletes a character, never the selected node.
    await page.keyboard.press("Backspace");
    await expect.poll(() => monacoText(rule)).toBe(typed.slice(0, -1));
    expect(await ui.node("condition").count()).toBe(1);
  });

  it("keeps every space typed in a set node's value", async () => {
    ui.keepScreenshot("typing-set-value");
    await ui.createBlankFlow("Saisie valeur", "saisie-valeur");
    await addAndInspect("set");
    const value = page.locator('[data-inspecting="set"] .monaco-expression[aria-label="Valeur"]');
    const typed = 'prenom & " " & nom';
    await typeInMonaco(value, typed);
    await expect.poll(() => monacoText(value)).toBe(typed);
    await ui
      .node("set")
      .filter({ hasText: `set := ${typed}` })
      .waitFor();
  });

  it("keeps the canvas drawn while a label is typed, again and again", async () => {
    ui.keepScreenshot("typing-label-canvas");
    await ui.createBlankFlow("Saisie libellé", "saisie-libelle");
    await addAndInspect("message");
    const label = page.locator('[data-inspecting="message"] input[aria-label="Libellé"]');
    for (let round = 0; round < 6; round++) {
      await label.click();
      await page.keyboard.press("Control+a");
      await page.keyboard.press("Backspace");
      await label.pressSequentially(`Accueil client ${round}`);
      await ui
        .node("message")
        .filter({ hasText: `Accueil client ${round}` })
        .waitFor();
      // A frame later React Flow has had every chance to re-measure what it hid.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      expect(await hiddenNodes()).toBe(0);
    }
    for (const id of ["start", "message", "end"]) expect(await ui.node(id).isVisible()).toBe(true);
  });

  it("keeps a renamed node selected and selection working afterwards", async () => {
    ui.keepScreenshot("typing-rename");
    await ui.createBlankFlow("Saisie renommage", "saisie-renommage");
    await addAndInspect("message");
    const id = page.locator('[data-inspecting="message"] input[aria-label="Identifiant"]');
    await id.click();
    await page.keyboard.press("Control+a");
    await id.pressSequentially("Accueil");
    await page.keyboard.press("Tab");
    await ui.node("accueil").waitFor();
    // The inspector follows the node under its new id, and the node stays drawn as selected.
    await page.locator('[data-inspecting="accueil"]').waitFor();
    await ui.selected("accueil").waitFor();
    // Tab moved on to the next field: typing goes on there.
    await page.keyboard.type("Bonjour");
    await ui.node("accueil").filter({ hasText: "Bonjour" }).waitFor();
    await ui.pick("end");
    await page.locator('[data-inspecting="end"]').waitFor();
    await ui.pick("accueil");
    await page.locator('[data-inspecting="accueil"]').waitFor();
    expect(await page.locator(".inspector.empty").count()).toBe(0);
  });

  it("says why a step cannot take another step's id, and keeps it as it was", async () => {
    ui.keepScreenshot("typing-rename-taken");
    await ui.createBlankFlow("Renommage refusé", "renommage-refuse");
    await addAndInspect("message");
    const id = page.locator('[data-inspecting="message"] input[aria-label="Identifiant"]');
    await id.click();
    await page.keyboard.press("Control+a");
    await id.pressSequentially("end");
    const refusal = page.locator('[data-inspecting="message"] [role="alert"]');
    await refusal.filter({ hasText: "« end » est déjà l'identifiant d'une autre étape" }).waitFor();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Backspace");
    await refusal.filter({ hasText: "Un identifiant ne peut pas être vide : l'étape reste « message »" }).waitFor();
    await page.keyboard.type("end");
    await page.keyboard.press("Tab");
    // Nothing was renamed: the step is still `message`, the refused id still in the field to change.
    await page.locator('[data-inspecting="message"]').waitFor();
    expect(await id.inputValue()).toBe("end");
    await ui.node("message").waitFor();
    await id.click();
    await page.keyboard.press("End");
    await page.keyboard.type("-bis");
    await expect.poll(() => refusal.count()).toBe(0);
    await page.keyboard.press("Tab");
    await page.locator('[data-inspecting="end-bis"]').waitFor();
    await ui.node("end-bis").waitFor();
  });

  it("takes back a run of typing with one Ctrl+Z in the field, and a run typed after leaving it on its own", async () => {
    ui.keepScreenshot("typing-undo-in-field");
    await ui.createBlankFlow("Saisie annuler", "saisie-annuler");
    await addAndInspect("message");
    const text = page.locator('[data-inspecting="message"] textarea').first();
    await text.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("Bonjour à tous");
    await ui.node("message").filter({ hasText: "Bonjour à tous" }).waitFor();
    await page.keyboard.press("Control+z");
    await expect.poll(() => text.inputValue()).toBe("Nouveau message");
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(() => text.inputValue()).toBe("Bonjour à tous");
    // Leaving the field closes the run: what is typed on coming back is a step of its own.
    await page.keyboard.press("Tab");
    await text.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(", c'est l'été !");
    await ui.node("message").filter({ hasText: "Bonjour à tous, c'est l'été !" }).waitFor();
    await page.keyboard.press("Control+z");
    await expect.poll(() => text.inputValue()).toBe("Bonjour à tous");
    await page.keyboard.press("Control+z");
    await expect.poll(() => text.inputValue()).toBe("Nouveau message");
    // Further back, the step added from the palette goes, as on the canvas.
    await page.keyboard.press("Control+z");
    await expect.poll(() => ui.node("message").count()).toBe(0);
  });

  it("takes back with Ctrl+Z in a field drawn again, and leaves a step id being typed to the browser's undo", async () => {
    ui.keepScreenshot("typing-undo-after-redraw");
    await ui.createBlankFlow("Annuler revenu", "annuler-revenu");
    await addAndInspect("message");
    const text = () => page.locator('[data-inspecting="message"] textarea').first();
    await text().click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("Bonsoir");
    await ui.node("message").filter({ hasText: "Bonsoir" }).waitFor();
    // Another tab and back: the inspector draws its fields anew, and Ctrl+Z in one still undoes the flow.
    await ui.sideTab("Problèmes").click();
    await ui.sideTab("Propriétés").click();
    await text().click();
    await page.keyboard.press("Control+z");
    await expect.poll(() => text().inputValue()).toBe("Nouveau message");
    await ui.node("message").filter({ hasText: "Nouveau message" }).waitFor();
    // The id applies when the field is left: until then, Ctrl+Z takes back what was typed in it, and only that.
    const id = page.locator(`[data-inspecting="message"] input[aria-label="Identifiant"]`);
    await id.click();
    await page.keyboard.press("End");
    await page.keyboard.type("-bis");
    await expect.poll(() => id.inputValue()).toBe("message-bis");
    await page.keyboard.press("Control+z");
    await expect.poll(() => id.inputValue()).toBe("message");
    await expect.poll(() => ui.node("message").count()).toBe(1);
  });

  it("lists the graph's problems while a field is left empty, and marks their steps on the canvas", async () => {
    ui.keepScreenshot("problems-while-invalid");
    await ui.createBlankFlow("Problèmes en cours", "problemes-en-cours");
    await addAndInspect("message");
    const text = page.locator('[data-inspecting="message"] textarea').first();
    await text.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Backspace");
    await ui.sideTab("Problèmes").click();
    await page.locator(".problem", { hasText: "L'étape « message » : il manque « Texte »" }).waitFor();
    // The new step is linked to nothing: that is said too, not hidden behind the empty text.
    await page.locator(".problem", { hasText: "n'est jamais atteinte" }).waitFor();
    await page.locator('.react-flow__node[data-id="message"] .problem-error').waitFor();
  });

  it("drops a refused save's banner and problems once the draft is edited again", async () => {
    ui.keepScreenshot("refusal-then-fixed");
    await ui.createBlankFlow("Refus puis correction", "refus-puis-correction");
    await addAndInspect("message");
    const text = page.locator('[data-inspecting="message"] textarea').first();
    await text.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Backspace");
    await ui.toolbarButton("Enregistrer").click();
    const refused = page.getByRole("alert").filter({ hasText: "Enregistrement refusé" });
    await refused.waitFor();
    await ui.sideTab("Propriétés").click();
    await text.click();
    await page.keyboard.type("Bonjour !");
    await expect.poll(() => refused.count()).toBe(0);
    await ui.sideTab("Problèmes").click();
    await expect.poll(() => page.locator(".problem", { hasText: "il manque « Texte »" }).count()).toBe(0);
  });

  it("keeps a new variable row while its name passes through an existing one", async () => {
    ui.keepScreenshot("typing-variable-row");
    await ui.createBlankFlow("Saisie variables", "saisie-variables");
    await ui.editorTab("Réglages").click();
    const names = page.locator('.settings input[aria-label="Variables"]');
    // A blank flow's escalation rules are rows of the settings too.
    const rows = page.locator(".settings .list-item").filter({ has: page.locator('input[aria-label="Variables"]') });
    await page.locator(".settings button.add").first().click();
    await names.nth(0).click();
    await page.keyboard.press("Control+a");
    await names.nth(0).pressSequentially("email");
    await page.locator(".settings button.add").first().click();
    await names.nth(1).click();
    await page.keyboard.press("Control+a");
    await names.nth(1).pressSequentially("emailPro");
    await expect.poll(() => names.nth(1).inputValue()).toBe("emailPro");
    await expect.poll(() => rows.count()).toBe(2);
    // Focus stayed in the row being typed in.
    expect(await names.nth(1).evaluate((input) => input === document.activeElement)).toBe(true);
    // A name typed twice is said, not merged away.
    await page.keyboard.press("Control+a");
    await names.nth(1).pressSequentially("email");
    await page.getByText("« email » est déjà utilisé").waitFor();
    expect(await rows.count()).toBe(2);
    await page.keyboard.type("Perso");
    await expect.poll(() => page.getByText("est déjà utilisé").count()).toBe(0);
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
  });

  it("gives a message's image a caption, shown in the channel preview and kept in the file", async () => {
    ui.keepScreenshot("typing-media-caption");
    await ui.createBlankFlow("Légende image", "legende-image");
    await addAndInspect("message");
    const media = page.locator('[data-inspecting="message"] [data-field="media"]');
    await media.locator("button.add").click();
    const url = media.getByLabel("URL", { exact: true });
    await url.click();
    await page.keyboard.press("Control+a");
    await url.pressSequentially("https://exemple.fr/facture.png");
    await media.getByLabel("Légende", { exact: true }).click();
    await page.keyboard.type("Votre facture de mars");
    const preview = page.getByRole("region", { name: "Aperçu par canal" });
    await preview.getByRole("tab", { name: "WhatsApp" }).click();
    const bubbles = preview.locator('ol.preview-bubbles[data-preview="whatsapp"] .preview-bubble');
    await bubbles.filter({ hasText: "Média : image" }).filter({ hasText: "Votre facture de mars" }).waitFor();
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    const savedMedia = () => {
      const flow = JSON.parse(readFileSync(join(harness.flowsDir, "legende-image.flow.json"), "utf8")) as {
        nodes: { id: string; media?: unknown }[];
      };
      return flow.nodes.find((node) => node.id === "message")?.media;
    };
    expect(savedMedia()).toEqual([
      { kind: "image", url: "https://exemple.fr/facture.png", caption: "Votre facture de mars" },
    ]);
    // Emptied, the caption leaves the file rather than staying as an empty text.
    await media.getByLabel("Légende", { exact: true }).click();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Backspace");
    await expect.poll(() => bubbles.filter({ hasText: "Votre facture de mars" }).count()).toBe(0);
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    expect(savedMedia()).toEqual([{ kind: "image", url: "https://exemple.fr/facture.png" }]);
  });

  it("takes an intent's examples typed one per line, Entrée between them", async () => {
    ui.keepScreenshot("typing-intent-examples");
    await ui.createBlankFlow("Exemples tapés", "exemples-tapes");
    await addAndInspect("intent");
    const intents = page.locator('[data-inspecting="intent"] [data-field="intents"]');
    await intents.locator("button.add").click();
    // An intent's id typed in words becomes the snake_case intent ids take.
    const intentId = intents.getByLabel("Identifiant", { exact: true }).last();
    await intentId.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("Réclamation client");
    await expect.poll(() => intentId.inputValue()).toBe("reclamation_client");
    const examples = intents.getByLabel("Exemples (un par ligne) (fr)", { exact: true }).last();
    await examples.click();
    await page.keyboard.type("où en est ma commande");
    await page.keyboard.press("Enter");
    await page.keyboard.type("suivi de colis");
    await page.keyboard.press("Enter");
    await page.keyboard.type("mon paquet n'arrive pas");
    await expect
      .poll(() => examples.inputValue())
      .toBe("où en est ma commande\nsuivi de colis\nmon paquet n'arrive pas");
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    const flow = JSON.parse(readFileSync(join(harness.flowsDir, "exemples-tapes.flow.json"), "utf8")) as {
      nodes: { type: string; intents?: { id: string; examples: Record<string, string[]> }[] }[];
    };
    expect(flow.nodes.find((node) => node.type === "intent")?.intents?.at(-1)?.id).toBe("reclamation_client");
    expect(flow.nodes.find((node) => node.type === "intent")?.intents?.at(-1)?.examples.fr).toEqual([
      "où en est ma commande",
      "suivi de colis",
      "mon paquet n'arrive pas",
    ]);
  });

  it("takes a second language typed after a comma in the flow's settings", async () => {
    ui.keepScreenshot("typing-languages");
    await ui.createBlankFlow("Deux langues", "deux-langues");
    await ui.editorTab("Réglages").click();
    const languages = page.locator(".settings").getByLabel("Langues", { exact: true });
    await languages.click();
    await page.keyboard.press("End");
    await page.keyboard.type(", en");
    await expect.poll(() => languages.inputValue()).toBe("fr, en");
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    const flow = JSON.parse(readFileSync(join(harness.flowsDir, "deux-langues.flow.json"), "utf8")) as {
      languages: string[];
    };
    expect(flow.languages).toEqual(["fr", "en"]);
  });

  it("keeps an HTTP header row while its name passes through an existing one", async () => {
    ui.keepScreenshot("typing-header-row");
    await ui.createBlankFlow("Saisie en-têtes", "saisie-en-tetes");
    await addAndInspect("http");
    const headers = page.locator('[data-inspecting="http"] [data-field="headers"]');
    const names = headers.locator('input[aria-label="Header"]');
    await headers.locator("button.add").click();
    await names.nth(0).click();
    await page.keyboard.press("Control+a");
    await names.nth(0).pressSequentially("Accept");
    await headers.locator("button.add").click();
    await names.nth(1).click();
    await page.keyboard.press("Control+a");
    await names.nth(1).pressSequentially("Accept-Language");
    await expect.poll(() => names.nth(1).inputValue()).toBe("Accept-Language");
    await expect.poll(() => headers.locator(".list-item").count()).toBe(2);
    expect(await names.nth(1).evaluate((input) => input === document.activeElement)).toBe(true);
  });
});
