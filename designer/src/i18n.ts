import type { UiText } from "../../schema/index.js";

export type Language = "fr" | "en";

/** French when the browser is French; English otherwise. */
export const language: Language =
  typeof navigator !== "undefined" && navigator.language.toLowerCase().startsWith("fr") ? "fr" : "en";

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
  nodes: { fr: "étapes", en: "nodes" },
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
  // canvas and inspector rows
  nameTaken: {
    fr: "« {name} » est déjà utilisé : choisissez un autre nom, rien n'est enregistré tant que deux lignes l'ont.",
    en: "“{name}” is already used: choose another name; nothing is saved while two rows share it.",
  },
  nextStep: { fr: "Étape suivante", en: "Next step" },
} satisfies Record<string, UiText>;

export type WordKey = keyof typeof words;

/** `text` with its `{name}` placeholders filled in. */
export function fill(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** The interface text for `key`, with `{name}` placeholders filled in. */
export function t(key: WordKey, values: Record<string, string | number> = {}): string {
  return fill(words[key][language], values);
}

/** A schema UI text (`{ fr, en }`) or a plain string, in the interface language. */
export const say = (text: UiText | string): string => (typeof text === "string" ? text : text[language]);
