import i18next from "i18next";
import { useSyncExternalStore } from "react";
import type { UiText } from "../../schema/index.js";

export type Language = "fr" | "en";
export const LANGUAGES: readonly Language[] = ["fr", "en"];

/** Where the language chosen in the switcher is remembered, per browser. */
const STORAGE_KEY = "relais.language";

const isLanguage = (value: unknown): value is Language => value === "fr" || value === "en";

function storedLanguage(): string | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The language chosen earlier in the switcher; else French when the browser is French; else English. */
function initialLanguage(): Language {
  const stored = storedLanguage();
  if (isLanguage(stored)) return stored;
  return typeof navigator !== "undefined" && navigator.language.toLowerCase().startsWith("fr") ? "fr" : "en";
}

/**
 * The interface language. A live binding: modules that read it at render time see a switch at once;
 * change it only through `setLanguage`.
 */
export let language: Language = initialLanguage();

const words = {
  appName: { fr: "Relais", en: "Relais" },
  email: { fr: "E-mail", en: "Email" },
  password: { fr: "Mot de passe", en: "Password" },
  login: { fr: "Se connecter", en: "Log in" },
  logout: { fr: "Se déconnecter", en: "Log out" },
  badLogin: { fr: "E-mail ou mot de passe incorrect.", en: "Wrong email or password." },
  choosePassword: { fr: "Choisissez votre mot de passe", en: "Choose your password" },
  choosePasswordWhy: {
    fr: "Vous êtes entré avec un lien à usage unique : choisissez un mot de passe pour revenir ensuite.",
    en: "You came in with a one-time link: choose a password to log in next time.",
  },
  newPassword: { fr: "Nouveau mot de passe", en: "New password" },
  repeatPassword: { fr: "Le même, une seconde fois", en: "The same again" },
  passwordTooShort: { fr: "Au moins {min} caractères.", en: "At least {min} characters." },
  passwordsDiffer: { fr: "Les deux mots de passe diffèrent.", en: "The two passwords differ." },
  setPassword: { fr: "Enregistrer le mot de passe", en: "Save the password" },
  flows: { fr: "Parcours", en: "Flows" },
  newFlow: { fr: "Nouveau parcours", en: "New flow" },
  flowName: { fr: "Nom", en: "Name" },
  flowId: { fr: "Identifiant", en: "Id" },
  template: { fr: "Modèle", en: "Template" },
  create: { fr: "Créer", en: "Create" },
  open: { fr: "Ouvrir", en: "Open" },
  duplicate: { fr: "Dupliquer", en: "Duplicate" },
  copyName: { fr: "{name} (copie)", en: "{name} (copy)" },
  delete: { fr: "Supprimer", en: "Delete" },
  confirmDelete: {
    fr: "Supprimer le parcours « {name} » ? Les versions publiées sont conservées.",
    en: "Delete the flow “{name}”? Published versions are kept.",
  },
  changed: { fr: "Modifié depuis la publication", en: "Changed since published" },
  upToDate: { fr: "À jour", en: "Up to date" },
  neverPublished: { fr: "Jamais publié", en: "Never published" },
  live: { fr: "En ligne", en: "Live" },
  nodes_one: { fr: "{count} étape", en: "{count} node" },
  nodes_other: { fr: "{count} étapes", en: "{count} nodes" },
  "template.blank": { fr: "Vide", en: "Blank" },
  "template.identify-customer": { fr: "Identifier le client", en: "Identify the customer" },
  "template.order-status": { fr: "Statut de commande", en: "Order status" },
  "template.triage": { fr: "Accueil et orientation", en: "Triage" },
  back: { fr: "← Parcours", en: "← Flows" },
  save: { fr: "Enregistrer", en: "Save" },
  saved: { fr: "Enregistré", en: "Saved" },
  unsaved: { fr: "Modifications non enregistrées", en: "Unsaved changes" },
  saveRefused: { fr: "Enregistrement refusé : {why}", en: "Save refused: {why}" },
  offline: {
    fr: "Connexion perdue : vos modifications sont gardées dans ce navigateur.",
    en: "Connection lost: your edits are kept in this browser.",
  },
  restored: {
    fr: "Modifications non enregistrées retrouvées et restaurées.",
    en: "Unsaved edits found and restored.",
  },
  discard: { fr: "Les abandonner", en: "Discard them" },
  publish: { fr: "Publier", en: "Publish" },
  publishNote: { fr: "Note de publication", en: "Release note" },
  publishBlocked: { fr: "Corrigez les erreurs avant de publier.", en: "Fix the errors before publishing." },
  published: { fr: "Version {version} publiée", en: "Version {version} published" },
  undo: { fr: "Annuler", en: "Undo" },
  redo: { fr: "Rétablir", en: "Redo" },
  autoLayout: { fr: "Disposer", en: "Auto-layout" },
  fitView: { fr: "Tout voir", en: "Fit view" },
  find: { fr: "Chercher une étape…", en: "Find a node…" },
  addNote: { fr: "Note", en: "Note" },
  canvas: { fr: "Schéma", en: "Canvas" },
  raw: { fr: "Fichier", en: "File" },
  settings: { fr: "Réglages", en: "Settings" },
  problems: { fr: "Problèmes", en: "Problems" },
  noProblems: { fr: "Aucun problème.", en: "No problems." },
  simulator: { fr: "Simulateur", en: "Simulator" },
  versions: { fr: "Versions", en: "Versions" },
  diff: { fr: "Écarts avec la version en ligne", en: "Diff with live" },
  removedNodes: { fr: "Étapes supprimées : {ids}", en: "Removed nodes: {ids}" },
  rollback: { fr: "Remettre en ligne", en: "Roll back to this" },
  inspector: { fr: "Propriétés", en: "Properties" },
  selectNode: { fr: "Sélectionnez une étape.", en: "Select a node." },
  nodeId: { fr: "Identifiant", en: "Id" },
  label: { fr: "Libellé", en: "Label" },
  add: { fr: "Ajouter", en: "Add" },
  remove: { fr: "Retirer", en: "Remove" },
  perLanguage: { fr: "Une version par langue", en: "One text per language" },
  variables: { fr: "Variables", en: "Variables" },
  insertVariable: { fr: "Insérer une variable", en: "Insert a variable" },
  escalation: { fr: "Escalade vers un conseiller", en: "Escalation to a person" },
  defaultQueue: { fr: "File par défaut", en: "Default queue" },
  handoffText: { fr: "Message au client lors du transfert", en: "Message when handing over" },
  rules: { fr: "Règles", en: "Rules" },
  queue: { fr: "File", en: "Queue" },
  priority: { fr: "Priorité", en: "Priority" },
  languages: { fr: "Langues", en: "Languages" },
  restart: { fr: "Recommencer", en: "Restart" },
  send: { fr: "Envoyer", en: "Send" },
  typeMessage: { fr: "Écrivez comme un client…", en: "Write as a customer…" },
  saveAsTest: { fr: "Enregistrer comme test", en: "Save as test" },
  testSaved: { fr: "Test ajouté", en: "Test added" },
  handedOff: { fr: "Transféré à la file {queue} ({reason})", en: "Handed to queue {queue} ({reason})" },
  ended: { fr: "Conversation terminée", en: "Conversation ended" },
  fixture: { fr: "réponse de test", en: "test fixture" },
  preview: { fr: "Aperçu par canal", en: "Channel preview" },
  invalidFile: {
    fr: "Ce fichier ne respecte pas le format : corrigez-le ci-dessous.",
    en: "This file does not follow the format: fix it below.",
  },
  loading: { fr: "Chargement…", en: "Loading…" },
  kind: { fr: "Type", en: "Kind" },
  examples: { fr: "Exemples (un par ligne)", en: "Examples (one per line)" },
  when: { fr: "Si", en: "When" },
  value: { fr: "Valeur", en: "Value" },
  status: { fr: "Code", en: "Status" },
  pattern: { fr: "Expression régulière", en: "Regular expression" },
  // Words for people: the language switcher and counted words.
  languageSwitch: { fr: "Langue de l'interface", en: "Interface language" },
  "language.fr": { fr: "Français", en: "Français" },
  "language.en": { fr: "English", en: "English" },
  ruleCount_one: { fr: "{count} règle", en: "{count} rule" },
  ruleCount_other: { fr: "{count} règles", en: "{count} rules" },
} satisfies Record<string, UiText>;

/** A table of interface texts, one `{ fr, en }` per key; plural forms are `key_one`, `key_other`. */
export type WordTable = Record<string, UiText>;

/** `nodes_one | nodes_other` → `nodes`: callers name the word, `count` picks the form. */
export type WordOf<K> = K extends `${infer Base}_${"zero" | "one" | "two" | "few" | "many" | "other"}` ? Base : K;

export type WordKey = WordOf<keyof typeof words>;

export type WordValues = Record<string, string | number>;

const i18n = i18next.createInstance();
void i18n.init({
  lng: language,
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  resources: {},
  initAsync: false,
  // Keys hold dots and slashes (`template.blank`, `lint/missing-target`): no nesting, no namespaces in keys.
  keySeparator: false,
  nsSeparator: false,
  // `{name}` placeholders, as the tables have always been written; React escapes what is rendered.
  interpolation: { prefix: "{", suffix: "}", escapeValue: false },
  returnNull: false,
});

/**
 * Registers `table` under `namespace` and returns its translate function: `count` among `values`
 * picks the plural form (`_one`, `_other`) of the interface language.
 */
export function wordsOf<T extends WordTable>(namespace: string, table: T) {
  for (const lng of LANGUAGES) {
    const texts = Object.fromEntries(Object.entries(table).map(([key, text]) => [key, text[lng]]));
    i18n.addResourceBundle(lng, namespace, texts, true, true);
  }
  return (key: WordOf<keyof T & string>, values: WordValues = {}): string =>
    String(i18n.t(key, { ...values, ns: namespace, lng: language }));
}

/** Whether `namespace` has a text for `key` in `lng` (its plural forms count). */
export const hasWord = (namespace: string, key: string, lng: Language): boolean =>
  i18n.exists(key, { ns: namespace, lng, fallbackLng: false, count: 1 }) ||
  i18n.exists(key, { ns: namespace, lng, fallbackLng: false });

/** The interface text for `key`, with `{name}` placeholders filled in; `count` picks the plural form. */
export const t = wordsOf("designer", words);

/** `text` with its `{name}` placeholders filled in. */
export function fill(text: string, values: WordValues = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** A schema UI text (`{ fr, en }`) or a plain string, in the interface language. */
export const say = (text: UiText | string): string => (typeof text === "string" ? text : text[language]);

const listeners = new Set<() => void>();

/** Switches every text to `next` without a reload, and remembers the choice in this browser. */
export function setLanguage(next: Language): void {
  if (next === language) return;
  language = next;
  void i18n.changeLanguage(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // A browser that refuses storage still switches; the choice lasts until the page is closed.
  }
  if (typeof document !== "undefined") document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The interface language, re-rendering the caller when it changes. Called at the app's root, so every
 * page renders again; memoised views that show words call it too.
 */
export const useLanguage = (): Language => useSyncExternalStore(subscribe, () => language);
