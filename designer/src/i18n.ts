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

/** `français`, `English`…: a language code as people name it, in the interface's language; the code itself when unknown. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([language], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

const words = {
  appName: { fr: "Relais", en: "Relais" },
  email: { fr: "E-mail", en: "Email" },
  password: { fr: "Mot de passe", en: "Password" },
  login: { fr: "Se connecter", en: "Log in" },
  logout: { fr: "Se déconnecter", en: "Log out" },
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
  tryAgain: { fr: "Réessayer", en: "Try again" },
  reading: { fr: "Lecture…", en: "Reading…" },
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
  unsaved: { fr: "Non enregistré", en: "Unsaved" },
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
  analytics: { fr: "Statistiques", en: "Analytics" },
  problems: { fr: "Problèmes", en: "Problems" },
  noProblems: { fr: "Aucun problème.", en: "No problems." },
  errors_one: { fr: "{count} erreur", en: "{count} error" },
  errors_other: { fr: "{count} erreurs", en: "{count} errors" },
  warnings_one: { fr: "{count} avertissement", en: "{count} warning" },
  warnings_other: { fr: "{count} avertissements", en: "{count} warnings" },
  severityError: { fr: "Erreur", en: "Error" },
  severityWarning: { fr: "Avertissement", en: "Warning" },
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
  defaultReprompt: {
    fr: "Laissée vide, le client lit « {words} » puis la question.",
    en: "Left empty, the customer reads “{words}” and then the question.",
  },
  variables: { fr: "Variables", en: "Variables" },
  insertVariable: { fr: "Insérer une variable", en: "Insert a variable" },
  escalation: { fr: "Escalade vers un conseiller", en: "Escalation to a person" },
  defaultQueue: { fr: "File par défaut", en: "Default queue" },
  handoffText: { fr: "Message au client lors du transfert", en: "Message when handing over" },
  rules: { fr: "Règles", en: "Rules" },
  queue: { fr: "File", en: "Queue" },
  unknownQueue: { fr: "{queue} (file qui n'existe pas)", en: "{queue} (no such queue)" },
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
  invalidFile: {
    fr: "Ce fichier ne respecte pas le format : corrigez-le ci-dessous.",
    en: "This file does not follow the format: fix it below.",
  },
  loading: { fr: "Chargement…", en: "Loading…" },
  kind: { fr: "Type", en: "Kind" },
  caption: { fr: "Légende", en: "Caption" },
  captionHelp: {
    fr: "Légende (facultative) : envoyée avec le média, ou juste après sur les canaux qui n'en affichent pas",
    en: "Caption (optional): sent with the media, or right after it on channels that show none",
  },
  mediaUrl: { fr: "Adresse du fichier (URL)", en: "File address (URL)" },
  examples: { fr: "Exemples (un par ligne)", en: "Examples (one per line)" },
  intentLabel: { fr: "Libellé pour les conseillers", en: "Label for agents" },
  nodeIdTaken: {
    fr: "« {taken} » est déjà l'identifiant d'une autre étape : choisissez-en un autre. L'étape reste « {id} ».",
    en: "“{taken}” is already another step's id: choose another. The step stays “{id}”.",
  },
  nodeIdEmpty: {
    fr: "Un identifiant ne peut pas être vide : l'étape reste « {id} ».",
    en: "An id cannot be empty: the step stays “{id}”.",
  },
  when: { fr: "Si", en: "When" },
  value: { fr: "Valeur", en: "Value" },
  status: { fr: "Code", en: "Status" },
  pattern: { fr: "Expression régulière", en: "Regular expression" },
  patternExample: { fr: "Exemple de réponse valide", en: "Example of a valid answer" },
  minimum: { fr: "Minimum", en: "Minimum" },
  maximum: { fr: "Maximum", en: "Maximum" },
  maxLength: { fr: "Longueur maximale (caractères)", en: "Maximum length (characters)" },
  // Condition builder, escalation rules and enum values in words (inspector, settings, canvas).
  "condition.match": { fr: "Combinaison", en: "Combination" },
  "condition.all": { fr: "Toutes les conditions sont remplies", en: "All the conditions hold" },
  "condition.any": { fr: "Au moins une condition est remplie", en: "At least one condition holds" },
  "condition.always": {
    fr: "Aucune condition : la règle est toujours vraie.",
    en: "No condition: the rule always holds.",
  },
  "condition.add": { fr: "Ajouter une condition", en: "Add a condition" },
  "condition.onCanvas.always": { fr: "toujours", en: "always" },
  "condition.onCanvas.and": { fr: "et", en: "and" },
  "condition.onCanvas.or": { fr: "ou", en: "or" },
  "condition.onCanvas.text": { fr: "« {value} »", en: "“{value}”" },
  "condition.variable": { fr: "Variable", en: "Variable" },
  "condition.operator": { fr: "Comparaison", en: "Comparison" },
  "condition.value": { fr: "Valeur", en: "Value" },
  "condition.row": { fr: "Condition {n}", en: "Condition {n}" },
  "condition.rulesMode": { fr: "Règles simples", en: "Simple rules" },
  "condition.expressionMode": { fr: "Expression", en: "Expression" },
  "condition.expression": { fr: "Expression JSONata", en: "JSONata expression" },
  "condition.numberNeeded": { fr: "Un nombre, par exemple 300 ou 12,5.", en: "A number, e.g. 300 or 12.5." },
  "condition.currency": { fr: "Devise", en: "Currency" },
  "condition.anyCurrency": { fr: "toute devise", en: "any currency" },
  "condition.currencyOnly": {
    fr: "Seuls les montants en {currency} remplissent cette condition, sans conversion : ajoutez une condition par devise.",
    en: "Only amounts in {currency} meet this condition, never converted: add a condition for each currency.",
  },
  "condition.anyCurrencyHelp": {
    fr: "Comparé à la valeur seule, quelle que soit la devise : 500 dollars comptent comme 500 euros.",
    en: "Compared by value alone, whatever the currency: 500 dollars count as 500 euros.",
  },
  "amountIn.EUR": { fr: "euros", en: "euros" },
  "amountIn.USD": { fr: "dollars américains", en: "US dollars" },
  "amountIn.GBP": { fr: "livres sterling", en: "pounds sterling" },
  "amountIn.CHF": { fr: "francs suisses", en: "Swiss francs" },
  "amountIn.CAD": { fr: "dollars canadiens", en: "Canadian dollars" },
  "condition.unreadable.syntax": {
    fr: "Cette expression contient une erreur ({message}) : corrigez-la ici, les règles simples ne peuvent pas la montrer.",
    en: "This expression has an error ({message}): fix it here; simple rules cannot show it.",
  },
  "condition.unreadable.mixed": {
    fr: "Cette expression mélange « et » et « ou » : les règles simples ne peuvent pas la montrer, elle reste modifiable ici.",
    en: "This expression mixes “and” and “or”: simple rules cannot show it; edit it here.",
  },
  "condition.unreadable.shape": {
    fr: "Cette expression va au-delà des règles simples (calcul, fonction ou comparaison entre variables) : elle reste modifiable ici.",
    en: "This expression goes beyond simple rules (a calculation, a function or two variables compared): edit it here.",
  },
  "condition.unreadable.type": {
    fr: "Cette expression compare « {variable} » ({type}) à une valeur d'un autre type : elle reste modifiable ici.",
    en: "This expression compares “{variable}” ({type}) with a value of another type: edit it here.",
  },
  "op.eq.text": { fr: "est", en: "is" },
  "op.ne.text": { fr: "n'est pas", en: "is not" },
  "op.eq": { fr: "=", en: "=" },
  "op.ne": { fr: "≠", en: "≠" },
  "op.contains": { fr: "contient", en: "contains" },
  "op.startsWith": { fr: "commence par", en: "starts with" },
  "op.empty": { fr: "est vide", en: "is empty" },
  "op.notEmpty": { fr: "n'est pas vide", en: "is not empty" },
  "op.gt": { fr: ">", en: ">" },
  "op.ge": { fr: "≥", en: "≥" },
  "op.lt": { fr: "<", en: "<" },
  "op.le": { fr: "≤", en: "≤" },
  "op.isTrue": { fr: "est vrai", en: "is true" },
  "op.isFalse": { fr: "est faux", en: "is false" },
  "op.exists": { fr: "est renseigné", en: "is set" },
  "op.missing": { fr: "n'est pas renseigné", en: "is not set" },
  "op.includes": { fr: "contient", en: "contains" },
  "op.emptyList": { fr: "est vide", en: "is empty" },
  "op.notEmptyList": { fr: "n'est pas vide", en: "is not empty" },
  "type.string": { fr: "Texte", en: "Text" },
  "type.number": { fr: "Nombre", en: "Number" },
  "type.boolean": { fr: "Oui ou non", en: "Yes or no" },
  "type.object": { fr: "Fiche (plusieurs champs)", en: "Record (several fields)" },
  "type.array": { fr: "Liste", en: "List" },
  "type.unknown": { fr: "type inconnu", en: "unknown type" },
  "questionKind.text": { fr: "Texte libre", en: "Free text" },
  "questionKind.number": { fr: "Nombre", en: "Number" },
  "questionKind.email": { fr: "Adresse e-mail", en: "Email address" },
  "questionKind.phone": { fr: "Numéro de téléphone", en: "Phone number" },
  "questionKind.date": { fr: "Date", en: "Date" },
  "questionKind.amount": { fr: "Montant", en: "Amount" },
  currency: { fr: "Devise si le client n'en écrit pas", en: "Currency when the customer writes none" },
  "currency.EUR": { fr: "Euro (€)", en: "Euro (€)" },
  "currency.USD": { fr: "Dollar américain ($)", en: "US dollar ($)" },
  "currency.GBP": { fr: "Livre sterling (£)", en: "Pound sterling (£)" },
  "currency.CHF": { fr: "Franc suisse (CHF)", en: "Swiss franc (CHF)" },
  "currency.CAD": { fr: "Dollar canadien (CA$)", en: "Canadian dollar (CA$)" },
  "questionKind.choice": { fr: "Choix dans une liste", en: "Choice from a list" },
  "questionKind.pattern": { fr: "Format imposé", en: "Set format" },
  "priority.low": { fr: "Basse", en: "Low" },
  "priority.normal": { fr: "Normale", en: "Normal" },
  "priority.high": { fr: "Haute", en: "High" },
  "priority.urgent": { fr: "Urgente", en: "Urgent" },
  "media.image": { fr: "Image", en: "Image" },
  "media.video": { fr: "Vidéo", en: "Video" },
  "media.audio": { fr: "Son", en: "Audio" },
  "media.file": { fr: "Fichier", en: "File" },
  "ruleKind.humanRequest": { fr: "Le client demande un conseiller", en: "The customer asks for a person" },
  "ruleKind.failedInputs": { fr: "Réponses non comprises", en: "Answers not understood" },
  "ruleKind.lowConfidence": { fr: "Demande mal reconnue", en: "Request poorly recognised" },
  "ruleKind.negativeSentiment": { fr: "Client mécontent", en: "Unhappy customer" },
  "ruleKind.loop": { fr: "Conversation qui tourne en rond", en: "Conversation going round in circles" },
  "ruleKind.value": { fr: "Condition sur les variables", en: "Condition on the variables" },
  "rule.kind": { fr: "Déclencheur", en: "Trigger" },
  "rule.label": { fr: "Libellé pour les conseillers", en: "Label for agents" },
  "rule.labelHelp": {
    fr: "Ce que le conseiller lit comme raison du transfert, par exemple « Commande de plus de 500 € ».",
    en: "What the agent reads as the reason for the handoff, e.g. “Order over €500”.",
  },
  "rule.threshold": { fr: "Réponses non comprises d'affilée", en: "Answers not understood in a row" },
  "rule.floor": { fr: "Confiance minimale (0 à 1)", en: "Lowest confidence (0 to 1)" },
  "rule.sentiment": {
    fr: "Humeur à partir de laquelle transférer (-1 à 0)",
    en: "Mood at which to hand over (-1 to 0)",
  },
  "rule.maxVisits": { fr: "Passages par la même étape", en: "Visits of the same step" },
  "rule.condition": { fr: "Transférer quand", en: "Hand over when" },
  "rule.always": {
    fr: "Aucune condition : toutes les conversations sont transférées, dès la première étape.",
    en: "No condition: every conversation is handed over, from the first step.",
  },
  // HTTP test, secrets and simulator (issue 8, parts 3 and 4)
  "httpTest.title": { fr: "Essayer la requête", en: "Try the request" },
  "httpTest.help": {
    fr: "Le serveur envoie la requête avec ses propres secrets ; ils ne sont jamais montrés ici.",
    en: "The server sends the request with its own secrets; they are never shown here.",
  },
  "httpTest.sample": { fr: "Valeur d'essai pour {name}", en: "Sample value for {name}" },
  "httpTest.run": { fr: "Tester la requête", en: "Test the request" },
  "httpTest.running": { fr: "Envoi en cours…", en: "Sending…" },
  "httpTest.status": { fr: "Réponse {status}", en: "Response {status}" },
  "httpTest.failed": { fr: "Pas de réponse : {why}", en: "No response: {why}" },
  "httpTest.pickField": {
    fr: "Cliquez sur un champ de la réponse pour l'enregistrer dans une variable.",
    en: "Click a field of the response to save it in a variable.",
  },
  "httpTest.saveInto": { fr: "Enregistrer « {path} » dans la variable", en: "Save “{path}” in the variable" },
  "httpTest.map": { fr: "Ajouter aux variables à enregistrer", en: "Add to the variables to save" },
  "httpTest.mapped": { fr: "« {variable} » recevra « {path} ».", en: "“{variable}” will get “{path}”." },
  "httpTest.badVariable": {
    fr: "Un nom de variable commence par une lettre, sans espace ni accent (ex. : emailClient).",
    en: "A variable name starts with a letter, with no spaces (e.g. customerEmail).",
  },
  "httpTest.emptyBody": { fr: "(réponse vide)", en: "(empty response)" },
  "httpError.timeout": { fr: "le service n'a pas répondu à temps", en: "the service did not answer in time" },
  "httpError.network": { fr: "le service est injoignable", en: "the service cannot be reached" },
  "httpError.refused": { fr: "adresse refusée par le serveur", en: "address refused by the server" },
  "httpError.too_large": { fr: "réponse trop volumineuse", en: "response too large" },
  "httpError.invalid": { fr: "réponse illisible", en: "unreadable response" },
  "secrets.title": { fr: "Secrets", en: "Secrets" },
  "secrets.help": {
    fr: "Les secrets (adresse et jeton d'un CRM…) sont gardés par le serveur, jamais dans le parcours. Utilisez-les dans les appels HTTP avec {{ secrets.NOM }}.",
    en: "Secrets (a CRM's address and token…) are kept by the server, never in the flow. Use them in HTTP requests as {{ secrets.NAME }}.",
  },
  "secrets.none": { fr: "Aucun secret déclaré.", en: "No secret declared." },
  "secrets.set": { fr: "Valeur présente sur le serveur", en: "The server has a value" },
  "secrets.unset": {
    fr: "Aucune valeur sur le serveur : demandez à l'exploitant de la renseigner",
    en: "No value on the server: ask the operator to set one",
  },
  "secrets.checking": { fr: "Vérification…", en: "Checking…" },
  "secrets.name": { fr: "Nom du secret", en: "Secret name" },
  "secrets.add": { fr: "Déclarer ce secret", en: "Declare this secret" },
  "secrets.badName": {
    fr: "Un nom de secret s'écrit en majuscules, chiffres et _ et commence par une lettre (ex. : CRM_TOKEN).",
    en: "A secret name is written in capitals, digits and _ and starts with a letter (e.g. CRM_TOKEN).",
  },
  "secrets.exists": { fr: "Ce secret est déjà déclaré.", en: "This secret is already declared." },
  "sim.chat": { fr: "Conversation", en: "Conversation" },
  "understood.intent": {
    fr: "Intention reconnue : {intent} (confiance {confidence})",
    en: "Intent recognised: {intent} (confidence {confidence})",
  },
  "understood.intentNone": {
    fr: "Pas compris : aucune intention ne correspond (seuil {floor})",
    en: "Not understood: no intent fits (floor {floor})",
  },
  "understood.intentLow": {
    fr: "Pas compris avec assez de certitude : au mieux {intent} (confiance {confidence}, seuil {floor})",
    en: "Not understood with enough certainty: at best {intent} (confidence {confidence}, floor {floor})",
  },
  "understood.heard": { fr: "Trouvé dans le message : {values}", en: "Found in the message: {values}" },
  "understood.filledFromMessage": {
    fr: "Question « {step} » pas posée : {variable} = {value}, déjà donné dans un message",
    en: "Question “{step}” not asked: {variable} = {value}, already given in a message",
  },
  "understood.filledKnown": {
    fr: "Question « {step} » pas posée : {variable} = {value}, déjà connu",
    en: "Question “{step}” not asked: {variable} = {value}, already known",
  },
  "understood.languageDetected": {
    fr: "Langue : {language}, reconnue dans ce qu'écrit le client (confiance {confidence})",
    en: "Language: {language}, recognised from what the customer writes (confidence {confidence})",
  },
  "understood.languageSure": {
    fr: "Langue : {language}, reconnue avec certitude (confiance {confidence}), gardée pour la suite",
    en: "Language: {language}, recognised for sure (confidence {confidence}), kept from now on",
  },
  "understood.languageHint": {
    fr: "Langue : {language}, choisie au départ",
    en: "Language: {language}, chosen at the start",
  },
  "understood.languageDefault": {
    fr: "Langue : {language}, celle du parcours par défaut",
    en: "Language: {language}, the flow's default",
  },
  "tryPhrase.title": { fr: "Essayer une phrase", en: "Try a phrase" },
  "tryPhrase.placeholder": {
    fr: "Tapez ce qu'écrirait un client, par exemple : où en est mon colis",
    en: "Type what a customer would write, e.g. where is my parcel",
  },
  "tryPhrase.language": { fr: "Langue de la phrase", en: "Language of the phrase" },
  "tryPhrase.languageAuto": { fr: "Reconnue dans la phrase", en: "Recognised from the phrase" },
  "tryPhrase.training": {
    fr: "Entraînement du modèle sur vos exemples…",
    en: "Training the model on your examples…",
  },
  "tryPhrase.languageDetected": {
    fr: "Langue reconnue dans la phrase : {language}",
    en: "Language recognised in the phrase: {language}",
  },
  "tryPhrase.languageUsed": { fr: "Phrase lue en {language}", en: "Phrase read in {language}" },
  "tryPhrase.winner": {
    fr: "Gagnante : {intent} (confiance {confidence})",
    en: "Wins: {intent} (confidence {confidence})",
  },
  "tryPhrase.found": {
    fr: "Valeurs trouvées pour les questions du parcours : {values}",
    en: "Values found for the flow's questions: {values}",
  },
  "tryPhrase.nearest": {
    fr: "La plus proche : {intent} (confiance {confidence})",
    en: "Nearest: {intent} (confidence {confidence})",
  },
  "tryPhrase.runnerUp": {
    fr: "Suivante : {intent} (confiance {confidence})",
    en: "Runner-up: {intent} (confidence {confidence})",
  },
  "tryPhrase.belowFloor": {
    fr: "Sous la confiance minimale de {floor} : la phrase irait à la sortie « non reconnu ».",
    en: "Below the confidence floor of {floor}: the phrase would take the “not recognised” way.",
  },
  "tryPhrase.outOfScope": {
    fr: "Pour le modèle, la phrase ne parle d'aucune de ces intentions (confiance {confidence}) : elle irait à la sortie « non reconnu ».",
    en: "To the model, the phrase is about none of these intents (confidence {confidence}): it would take the “not recognised” way.",
  },
  "entity.email": { fr: "adresse e-mail", en: "email address" },
  "entity.phone": { fr: "numéro de téléphone", en: "phone number" },
  "entity.date": { fr: "date", en: "date" },
  "entity.pattern": { fr: "référence", en: "reference" },
  "entity.amount": { fr: "montant", en: "amount" },
  "sim.fixtures": { fr: "Réponses de test", en: "Test responses" },
  "sim.tests": { fr: "Tests", en: "Tests" },
  "sim.language": { fr: "Langue", en: "Language" },
  "sim.realCalls": { fr: "Appeler les vrais services", en: "Call the real services" },
  "sim.noFixture": {
    fr: "Aucune réponse de test pour {request} : le parcours suit le chemin d'erreur. Ajoutez-en une dans « Réponses de test ».",
    en: "No test response for {request}: the flow takes its error path. Add one under “Test responses”.",
  },
  "sim.noFixtureError": { fr: "aucune réponse de test", en: "no test response" },
  "sim.testName": { fr: "Nom du test", en: "Test name" },
  "sim.saveTestTitle": { fr: "Enregistrer cette conversation comme test", en: "Save this conversation as a test" },
  "sim.cancel": { fr: "Annuler", en: "Cancel" },
  "sim.nameTaken": { fr: "Un test porte déjà ce nom.", en: "A test already has this name." },
  "sim.fixturesHelp": {
    fr: "Ce que chaque appel HTTP reçoit dans le simulateur et les tests. La première réponse dont l'adresse correspond est utilisée ; * remplace n'importe quel texte.",
    en: "What each HTTP request gets in the simulator and the tests. The first response whose address matches is used; * stands for any text.",
  },
  "sim.otherFixtures": { fr: "Autres réponses", en: "Other responses" },
  "sim.noResponses": { fr: "Aucune réponse de test.", en: "No test response." },
  "sim.addResponse": { fr: "Ajouter une réponse", en: "Add a response" },
  "sim.address": { fr: "Adresse", en: "Address" },
  "sim.outcome": { fr: "Résultat", en: "Outcome" },
  "sim.outcome.answer": { fr: "Le service répond", en: "The service answers" },
  "sim.outcome.timeout": { fr: "Pas de réponse à temps", en: "No answer in time" },
  "sim.outcome.network": { fr: "Service injoignable", en: "Service unreachable" },
  "sim.statusCode": { fr: "Code de réponse", en: "Status code" },
  "sim.bodyFields": { fr: "Champs de la réponse", en: "Response fields" },
  "sim.fieldName": { fr: "Champ", en: "Field" },
  "sim.fieldValue": { fr: "Valeur", en: "Value" },
  "sim.addField": { fr: "Ajouter un champ", en: "Add a field" },
  "sim.badStatus": {
    fr: "Un code de réponse va de 100 à 599 (ex. : 404).",
    en: "A status code goes from 100 to 599 (e.g. 404).",
  },
  "sim.duplicateField": {
    fr: "Deux champs s'appellent « {name} » : seul le dernier compte dans la réponse.",
    en: "Two fields are called “{name}”: only the last one counts in the response.",
  },
  "sim.bodyText": { fr: "Contenu de la réponse", en: "Response content" },
  "sim.removeResponse": { fr: "Retirer cette réponse", en: "Remove this response" },
  "sim.fixturesSaved": { fr: "Réponses de test enregistrées", en: "Test responses saved" },
  "sim.fixturesPending": {
    fr: "Ces réponses seront enregistrées avec le premier test du parcours.",
    en: "These responses are saved with the flow's first test.",
  },
  "sim.runTests": { fr: "Lancer tous les tests", en: "Run all tests" },
  "sim.noTests": {
    fr: "Ce parcours n'a pas encore de test : enregistrez une conversation comme test.",
    en: "This flow has no test yet: save a conversation as a test.",
  },
  "sim.summary": { fr: "{passed} réussi(s), {failed} en échec", en: "{passed} passed, {failed} failed" },
  "sim.passed": { fr: "réussi", en: "passed" },
  "sim.failed": { fr: "en échec", en: "failed" },
  "sim.untested": {
    fr: "Étapes qu'aucun test ne visite ({count}), signalées sur le schéma : {ids}",
    en: "Nodes no test visits ({count}), marked on the canvas: {ids}",
  },
  "sim.allVisited": { fr: "Les tests passent par toutes les étapes.", en: "The tests go through every node." },
  "sim.atStep": { fr: "Étape {step} : {what}", en: "Step {step}: {what}" },
  "diff.botSaid": {
    fr: "le bot devait dire « {expected} », il a dit : {said}",
    en: "the bot should have said “{expected}”; it said: {said}",
  },
  "diff.nothing": { fr: "rien", en: "nothing" },
  "diff.cannotAnswer": {
    fr: "le client ne peut pas répondre, la conversation est {status}",
    en: "the customer cannot answer, the conversation is {status}",
  },
  "diff.variable": {
    fr: "la variable « {path} » vaut {actual} au lieu de {expected}",
    en: "the variable “{path}” is {actual} instead of {expected}",
  },
  "diff.unset": { fr: "(vide)", en: "(unset)" },
  "diff.notHandedOff": {
    fr: "un transfert à un conseiller était attendu, la conversation est {status}",
    en: "a handoff was expected, the conversation is {status}",
  },
  "diff.handoff": {
    fr: "transfert : {field} « {actual} » au lieu de « {expected} »",
    en: "handoff: {field} “{actual}” instead of “{expected}”",
  },
  "diff.field.queue": { fr: "file", en: "queue" },
  "diff.field.priority": { fr: "priorité", en: "priority" },
  "diff.field.rule": { fr: "règle", en: "rule" },
  "diff.field.reason": { fr: "motif", en: "reason" },
  "diff.notEnded": {
    fr: "la conversation devait se terminer, elle est {status}",
    en: "the conversation should have ended, it is {status}",
  },
  "diff.noFixture": {
    fr: "l'étape « {node} » appelle {request} et aucune réponse de test ne lui répond",
    en: "the node “{node}” calls {request} and no test response answers it",
  },
  "diff.engineError": { fr: "erreur à l'étape « {node} » : {message}", en: "error at the node “{node}”: {message}" },
  "diff.unknownFlow": {
    fr: "le parcours « {flow} » est introuvable ou invalide",
    en: "the flow “{flow}” is missing or invalid",
  },
  "status.wait": { fr: "en attente du client", en: "waiting for the customer" },
  "status.handoff": { fr: "chez un conseiller", en: "with a person" },
  "status.end": { fr: "terminée", en: "over" },
  "status.effect": { fr: "en attente d'un appel HTTP", en: "waiting for an HTTP call" },
  "status.other": { fr: "pas commencée", en: "not started" },
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
  leaveDraftTitle: { fr: "Quitter le parcours ?", en: "Leave the flow?" },
  leaveDraftExplain: {
    fr: "Vos modifications ne sont enregistrées que dans ce navigateur : le serveur ne les a pas, et personne d'autre ne les voit. Quitter quand même ?",
    en: "Your changes are kept only in this browser: the server does not have them, and no one else sees them. Leave anyway?",
  },
  leaveDraftStay: { fr: "Rester", en: "Stay" },
  leaveDraftSave: { fr: "Enregistrer et quitter", en: "Save and leave" },
  leaveDraftLeave: { fr: "Quitter quand même", en: "Leave anyway" },
  // Words for people: the language switcher and counted words.
  languageSwitch: { fr: "Langue de l'interface", en: "Interface language" },
  "language.fr": { fr: "Français", en: "Français" },
  "language.en": { fr: "English", en: "English" },
  ruleCount_one: { fr: "{count} règle", en: "{count} rule" },
  ruleCount_other: { fr: "{count} règles", en: "{count} rules" },
  // canvas and inspector rows
  nameTaken: {
    fr: "« {name} » est déjà utilisé : choisissez un autre nom, rien n'est enregistré tant que deux lignes l'ont.",
    en: "“{name}” is already used: choose another name; nothing is saved while two rows share it.",
  },
  nextStep: { fr: "Étape suivante", en: "Next step" },
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

export const isWordKey = (key: string): key is WordKey => key in words;

/** Whether `namespace` has a text for `key` in `lng` (its plural forms count). */
export const hasWord = (namespace: string, key: string, lng: Language): boolean =>
  i18n.exists(key, { ns: namespace, lng, fallbackLng: false, count: 1 }) ||
  i18n.exists(key, { ns: namespace, lng, fallbackLng: false });

/** The interface text for `key`, with `{name}` placeholders filled in; `count` picks the plural form. */
export const t = wordsOf("designer", words);

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
