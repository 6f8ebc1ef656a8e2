import type { UiText } from "../../../schema/index.js";
import { wordsOf } from "../i18n.js";

/** The "Canaux" admin page's texts. */
const words = {
  channels: { fr: "Canaux", en: "Channels" },
  intro: {
    fr: "Les réglages enregistrés ici remplacent ceux des variables d'environnement et s'appliquent aussitôt, sans redémarrage. Les secrets sont chiffrés et ne sont jamais réaffichés.",
    en: "Settings saved here replace those from the environment variables and apply at once, without a restart. Secrets are encrypted and never shown again.",
  },
  on: { fr: "Activé : reçoit et envoie les messages", en: "On: receives and sends messages" },
  off: { fr: "Désactivé : son webhook répond 404", en: "Off: its webhook answers 404" },
  "source.admin": { fr: "Réglé dans cette page.", en: "Set in this page." },
  "source.environment": {
    fr: "Réglé par les variables d'environnement du serveur.",
    en: "Set by the server's environment variables.",
  },
  "source.none": { fr: "Pas encore réglé.", en: "Not set yet." },
  enabled: { fr: "Activer ce canal", en: "Turn this channel on" },
  flow: { fr: "Parcours lancé pour ses clients", en: "Flow its customers start" },
  chooseFlow: { fr: "Choisir un parcours publié…", en: "Choose a published flow…" },
  notPublished: { fr: "{flow} (non publié)", en: "{flow} (not published)" },
  webhookUrl: {
    fr: "Adresse du webhook, à coller chez le fournisseur",
    en: "Webhook address, to paste at the provider",
  },
  stored: { fr: "enregistré", en: "stored" },
  notStored: { fr: "non renseigné", en: "not set" },
  replace: { fr: "Remplacer", en: "Replace" },
  keep: { fr: "Garder l'actuel", en: "Keep the current one" },
  save: { fr: "Enregistrer", en: "Save" },
  saved: { fr: "Enregistré.", en: "Saved." },
  useEnvironment: {
    fr: "Revenir aux réglages de l'environnement",
    en: "Go back to the environment's settings",
  },
  confirmUseEnvironment: {
    fr: "Oublier les réglages {channel} enregistrés ici ?",
    en: "Forget the {channel} settings saved here?",
  },
  missingField: {
    fr: "Renseignez « {field} » pour activer {channel}.",
    en: "Fill in “{field}” to turn {channel} on.",
  },
  unknownFlow: {
    fr: "Ce parcours n'est pas publié : publiez-le avant qu'un canal le lance.",
    en: "This flow is not published: publish it before a channel starts it.",
  },
  optional: { fr: "facultatif", en: "optional" },
  "field.phoneNumberId": { fr: "Identifiant du numéro (Phone number ID)", en: "Phone number ID" },
  "field.template": {
    fr: "Modèle envoyé hors de la fenêtre de 24 h (nom:langue)",
    en: "Template sent outside the 24-hour window (name:language)",
  },
  "field.appSecret": { fr: "Clé secrète de l'application (App secret)", en: "App secret" },
  "field.verifyToken": { fr: "Jeton de vérification du webhook", en: "Webhook verify token" },
  "field.token": { fr: "Jeton d'accès", en: "Access token" },
  "field.pageToken": { fr: "Jeton d'accès de la page", en: "Page access token" },
  "field.accountSid": { fr: "Account SID", en: "Account SID" },
  "field.from": {
    fr: "Numéro d'envoi (ou SID du service de messagerie)",
    en: "Sending number (or messaging service SID)",
  },
  "field.publicUrl": {
    fr: "Adresse du webhook telle que saisie chez Twilio (la signature la couvre)",
    en: "Webhook address exactly as entered at Twilio (the signature covers it)",
  },
  "field.authToken": { fr: "Auth token", en: "Auth token" },
} satisfies Record<string, UiText>;

export const cw = wordsOf("channels", words);
