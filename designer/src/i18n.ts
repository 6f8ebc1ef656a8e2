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
  // Publishing, versions, teamwork and the raw file tab (publish dialog, versions panel, save conflicts).
  cancel: { fr: "Annuler", en: "Cancel" },
  publishTitle: { fr: "Publier « {name} »", en: "Publish “{name}”" },
  publishAgainst: {
    fr: "Ce qui change par rapport à la version en ligne (version {version}) :",
    en: "What changes from the live version (version {version}):",
  },
  publishFirst: {
    fr: "Première publication : le parcours entier sera mis en ligne ({count} étapes).",
    en: "First publication: the whole flow goes live ({count} nodes).",
  },
  nothingToPublish: {
    fr: "Rien à publier : le brouillon est identique à la version en ligne (version {version}).",
    en: "Nothing to publish: the draft is the same as the live version (version {version}).",
  },
  publishSavesFirst: {
    fr: "Vos modifications non enregistrées seront enregistrées d'abord.",
    en: "Your unsaved changes are saved first.",
  },
  publishNoteHint: {
    fr: "Ce qui change, pour vos collègues (facultatif)",
    en: "What changes, for your colleagues (optional)",
  },
  publishCancelled: {
    fr: "Publication annulée : rien n'a été publié.",
    en: "Publishing cancelled: nothing was published.",
  },
  "change.flow": { fr: "Réglages du parcours", en: "Flow settings" },
  "change.node": { fr: "Étape « {node} »", en: "Node “{node}”" },
  "change.added": { fr: "Étape ajoutée : « {node} » ({type})", en: "Node added: “{node}” ({type})" },
  "change.removed": { fr: "Étape supprimée : « {node} » ({type})", en: "Node removed: “{node}” ({type})" },
  "change.order": { fr: "ordre changé", en: "order changed" },
  "change.empty": { fr: "(vide)", en: "(empty)" },
  "change.none": { fr: "Aucune différence.", en: "No differences." },
  "field.next": { fr: "Étape suivante", en: "Next node" },
  "field.else": { fr: "Sinon", en: "Else" },
  "field.fallback": { fr: "Si rien ne correspond", en: "When nothing matches" },
  "field.onError": { fr: "En cas d'erreur", en: "On error" },
  "field.onMaxAttempts": { fr: "Après trop d'essais", en: "After too many attempts" },
  "field.when": { fr: "Si", en: "When" },
  "field.name": { fr: "Nom", en: "Name" },
  "field.label": { fr: "Libellé", en: "Label" },
  "field.text": { fr: "Texte", en: "Text" },
  "field.languages": { fr: "Langues", en: "Languages" },
  "field.variables": { fr: "Variables", en: "Variables" },
  "field.secrets": { fr: "Secrets", en: "Secrets" },
  "field.escalation": { fr: "Escalade", en: "Escalation" },
  "field.defaultQueue": { fr: "File par défaut", en: "Default queue" },
  "field.choices": { fr: "Choix", en: "Choices" },
  "field.threshold": { fr: "Seuil", en: "Threshold" },
  "field.kind": { fr: "Type", en: "Kind" },
  "field.value": { fr: "Valeur", en: "Value" },
  compare: { fr: "Comparer", en: "Compare" },
  compareFrom: { fr: "Version de départ", en: "From version" },
  compareTo: { fr: "Version d'arrivée", en: "To version" },
  compareTitle: { fr: "De la version {from} à la version {to}", en: "From version {from} to version {to}" },
  viewVersion: { fr: "Ouvrir en lecture seule", en: "Open read-only" },
  viewingVersion: {
    fr: "Version {version} du {date} par {author} — lecture seule : les modifications sont désactivées.",
    en: "Version {version} of {date} by {author} — read-only: editing is disabled.",
  },
  backToDraft: { fr: "Revenir au brouillon", en: "Back to the draft" },
  rollbackTitle: { fr: "Remettre en ligne la version {version} ?", en: "Put version {version} back live?" },
  rollbackExplain: {
    fr: "Les nouvelles conversations suivront la version {version} au lieu de la version {live}. Les conversations en cours gardent leur version, et votre brouillon ne change pas.",
    en: "New conversations will follow version {version} instead of version {live}. Conversations under way keep their version, and your draft does not change.",
  },
  rollbackDone: {
    fr: "Version {version} remise en ligne à la place de la version {live}. Le brouillon n'a pas changé.",
    en: "Version {version} is live again instead of version {live}. The draft has not changed.",
  },
  draftChanged: {
    fr: "{who} a enregistré ce parcours le {date}, après la version que vous avez ouverte. Rien n'a été écrit ; vos modifications sont toujours ici.",
    en: "{who} saved this flow on {date}, after the version you opened. Nothing was written; your changes are still here.",
  },
  someoneOutside: {
    fr: "Quelqu'un hors du designer (le fichier a changé sur le disque)",
    en: "Someone outside the designer (the file changed on disk)",
  },
  reloadTheirs: { fr: "Charger leur version", en: "Load their version" },
  overwriteMine: { fr: "Enregistrer la mienne par-dessus", en: "Save mine over it" },
  loadedTheirs: {
    fr: "Leur version est chargée. Vos modifications sont gardées dans l'historique.",
    en: "Their version is loaded. Your changes are kept in the history.",
  },
  restoreMine: { fr: "Reprendre mes modifications", en: "Bring my changes back" },
  rawInvalidSave: {
    fr: "Enregistrement refusé : le texte de l'onglet Fichier n'est pas valide ({where}). Corrigez-le ou annulez-le.",
    en: "Save refused: the text in the File tab is not valid ({where}). Fix it or undo it.",
  },
  rawWhere: { fr: "ligne {line}, colonne {column}", en: "line {line}, column {column}" },
  rawLeaveTitle: { fr: "Le texte du fichier n'est pas valide", en: "The file text is not valid" },
  rawLeaveExplain: {
    fr: "Il ne peut pas être appliqué au schéma ({where}). Si vous quittez l'onglet, ce texte sera perdu et le parcours restera tel qu'avant.",
    en: "It cannot be applied to the canvas ({where}). If you leave the tab, this text is lost and the flow stays as it was.",
  },
  rawStay: { fr: "Rester et corriger", en: "Stay and fix it" },
  rawDiscard: { fr: "Abandonner ce texte", en: "Discard this text" },
} satisfies Record<string, UiText>;

export type WordKey = keyof typeof words;

/** `text` with its `{name}` placeholders filled in. */
export function fill(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export const isWordKey = (key: string): key is WordKey => key in words;

/** The interface text for `key`, with `{name}` placeholders filled in. */
export function t(key: WordKey, values: Record<string, string | number> = {}): string {
  return fill(words[key][language], values);
}

/** A schema UI text (`{ fr, en }`) or a plain string, in the interface language. */
export const say = (text: UiText | string): string => (typeof text === "string" ? text : text[language]);
