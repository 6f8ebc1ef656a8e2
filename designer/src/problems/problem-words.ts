import type { WordTable } from "../i18n.js";

/**
 * Every problem code said the way a CX manager would say it, in French and English. `{where}` is the
 * step, escalation rule or flow the problem is about (by its label); `{field}` the field's caption;
 * `{way}` a way out by its caption. Variants go through i18next: `_one`/`_other` by `count`,
 * `_<context>` by `context`. The linter and the validator give codes and params; the words live here.
 */
export const problemWords = {
  "problem.where.node": { fr: "L'étape « {label} »", en: "The step “{label}”" },
  "problem.where.rule": { fr: "La règle d'escalade « {label} »", en: "The escalation rule “{label}”" },
  "problem.where.escalation": { fr: "L'escalade vers un conseiller", en: "The escalation to a person" },
  "problem.where.flow": { fr: "Le parcours", en: "The flow" },
  "problem.didYouMean": { fr: "Vouliez-vous dire « {suggestion} » ?", en: "Did you mean “{suggestion}”?" },
  "problem.near": { fr: " (près du caractère {position})", en: " (near character {position})" },
  "problem.line": { fr: " (ligne {line}, colonne {column})", en: " (line {line}, column {column})" },
  "problem.quoted": { fr: "« {text} »", en: "“{text}”" },
  "fix.declareVariable": { fr: "Déclarer « {variable} »", en: "Declare “{variable}”" },
  "fix.addSecret": { fr: "Ajouter le secret « {secret} »", en: "Add the secret “{secret}”" },
  "fix.handOff": { fr: "Transférer à un conseiller", en: "Hand over to a person" },
  "fix.useSuggestion": { fr: "Utiliser « {suggestion} »", en: "Use “{suggestion}”" },
  "problem.list": { fr: "{head} et {last}", en: "{head} and {last}" },
  "problem.or": { fr: "{head} ou {last}", en: "{head} or {last}" },

  "lint/duplicate-id": {
    fr: "{where} porte l'identifiant « {id} », déjà pris par l'étape n° {first} : donnez-lui un autre identifiant, par exemple « {suggestion} ».",
    en: "{where} has the id “{id}”, already taken by step {first}: give it another id, e.g. “{suggestion}”.",
  },
  "lint/missing-start": {
    fr: "Le parcours n'a pas d'étape « Début » : aucune conversation ne peut commencer. Ajoutez-en une et reliez-la à la première étape.",
    en: "The flow has no “Start” step, so no conversation can begin. Add one and connect it to the first step.",
  },
  "lint/multiple-start": {
    fr: "{where} est un second début (le premier est « {first} ») : un parcours n'a qu'un début ; supprimez celui-ci.",
    en: "{where} is a second start (the first is “{first}”): a flow has one start; delete this one.",
  },
  "lint/missing-target": {
    fr: "{where} mène, par sa sortie « {way} », à « {target} », qui n'existe pas : reliez cette sortie à une étape existante.",
    en: "{where} leads, by its way out “{way}”, to “{target}”, which does not exist: connect it to an existing step.",
  },
  "lint/missing-transition": {
    fr: "{where} n'a pas de suite pour sa sortie « {way} » : la conversation resterait bloquée là. Reliez cette sortie à une étape.",
    en: "{where} has nothing after its way out “{way}”: the conversation would be stuck there. Connect it to a step.",
  },
  "lint/no-path-after-max-attempts": {
    fr: "{where} n'a pas de suite quand le client se trompe trop souvent : reliez la sortie « {way} » à une étape (un transfert vers un conseiller, le plus souvent), ou retirez le nombre d'essais.",
    en: "{where} has nothing after the customer gets it wrong too often: connect the way out “{way}” to a step (usually a handoff to a person), or remove the number of attempts.",
  },
  "lint/duplicate-handle": {
    fr: "{where} a deux sorties « {way} » : donnez à chacune son propre identifiant.",
    en: "{where} has two ways out “{way}”: give each one its own id.",
  },
  "lint/unreachable-node": {
    fr: "{where} n'est jamais atteinte : aucune sortie n'y mène. Reliez-y une étape, ou supprimez-la.",
    en: "{where} is never reached: no way out leads to it. Connect a step to it, or delete it.",
  },
  "lint/unreachable-node_via_one": {
    fr: "{where} n'est jamais atteinte : seule l'étape {from} y mène, et elle n'est pas atteinte non plus. Reliez-y une étape atteinte, ou supprimez-la.",
    en: "{where} is never reached: only the step {from} leads to it, and it is not reached either. Connect a reached step to it, or delete it.",
  },
  "lint/unreachable-node_via_other": {
    fr: "{where} n'est jamais atteinte : seules les étapes {from} y mènent, et elles ne sont pas atteintes non plus. Reliez-y une étape atteinte, ou supprimez-la.",
    en: "{where} is never reached: only the steps {from} lead to it, and they are not reached either. Connect a reached step to it, or delete it.",
  },
  "lint/expression-syntax": {
    fr: "{where} : la condition ou le calcul « {field} » est mal écrit{near}. Vérifiez-le, par exemple : total >= 500.",
    en: "{where}: the condition or calculation “{field}” is not written right{near}. Check it, e.g. total >= 500.",
  },
  "lint/expression-syntax_template": {
    fr: "{where} : une variable insérée dans « {field} » est mal écrite{near}. Retirez-la et insérez-la de nouveau.",
    en: "{where}: a variable inserted in “{field}” is not written right{near}. Remove it and insert it again.",
  },
  "lint/expression-syntax_unclosed": {
    fr: "{where} : une variable insérée dans « {field} » n'est pas refermée{near}. Ajoutez les deux accolades fermantes.",
    en: "{where}: a variable inserted in “{field}” is not closed{near}. Add the two closing braces.",
  },
  "lint/expression-syntax_empty": {
    fr: "{where} : une variable insérée dans « {field} » est vide{near}. Choisissez une variable, ou retirez les accolades.",
    en: "{where}: a variable inserted in “{field}” is empty{near}. Pick a variable, or remove the braces.",
  },
  "lint/variable-read-before-set": {
    fr: "{where} lit la variable « {variable} » (dans « {field} »), mais rien ne la remplit avant sur le chemin depuis le début : ajoutez en chemin une question ou une étape qui l'enregistre, ou donnez-lui une valeur par défaut dans Réglages → Variables.",
    en: "{where} reads the variable “{variable}” (in “{field}”), but nothing fills it earlier on the way from the start: add a question or a step that saves it on the way, or give it a default value in Settings → Variables.",
  },
  "lint/undeclared-variable": {
    fr: "{where} lit la variable « {variable} » (dans « {field} »), qui n'est pas déclarée : déclarez-la dans Réglages → Variables.",
    en: "{where} reads the variable “{variable}” (in “{field}”), which is not declared: declare it in Settings → Variables.",
  },
  "lint/undeclared-variable_write": {
    fr: "{where} enregistre dans la variable « {variable} », qui n'est pas déclarée : déclarez-la dans Réglages → Variables.",
    en: "{where} saves into the variable “{variable}”, which is not declared: declare it in Settings → Variables.",
  },
  "lint/unknown-secret": {
    fr: "{where} utilise le secret « {secret} », que le parcours ne déclare pas : ajoutez-le aux secrets du parcours dans Réglages.",
    en: "{where} uses the secret “{secret}”, which the flow does not declare: add it to the flow's secrets in Settings.",
  },
  "lint/secrets-outside-http": {
    fr: "{where} utilise le secret « {secret} » dans « {field} » : un secret ne sert que dans l'adresse, les en-têtes ou le corps d'un appel HTTP, sinon il pourrait être montré aux clients. Retirez-le d'ici.",
    en: "{where} uses the secret “{secret}” in “{field}”: a secret belongs only in the address, headers or body of an HTTP call, or it could be shown to customers. Remove it from here.",
  },
  "lint/invalid-pattern": {
    fr: "{where} attend une réponse d'une forme (expression régulière) qui n'est pas valide : corrigez-la, par exemple CMD-[0-9]+.",
    en: "{where} expects an answer of a shape (regular expression) that is not valid: fix it, e.g. CMD-[0-9]+.",
  },
  "lint/pattern-nested-repetition": {
    fr: "{where} utilise une forme de réponse (expression régulière) qui répète un groupe lui-même répété, comme (a+)+ : Relais la traite sans ralentir, mais simplifiez-la (a+) pour qu'elle reste lisible et marche ailleurs.",
    en: "{where} uses an answer shape (regular expression) that repeats a group that itself repeats, like (a+)+: Relais runs it without slowing down, but simplify it (a+) so it stays readable and works elsewhere.",
  },
  "lint/reserved-secret": {
    fr: "Le parcours déclare le secret « {secret} », qui n'est pas un secret de parcours : un parcours ne lit jamais les réglages du serveur, seulement les secrets prévus pour lui (rangés par l'exploitant sous RELAIS_SECRET_<nom> ; écrivez alors seulement <nom>). Retirez-le ou corrigez son nom.",
    en: "The flow declares the secret “{secret}”, which is not a flow secret: a flow never reads the server's own settings, only the secrets meant for it (kept by the operator as RELAIS_SECRET_<name>; then write only <name>). Remove it or correct its name.",
  },
  "lint/jump-missing-flow": {
    fr: "{where} renvoie vers le parcours « {flow} », qui n'existe pas : choisissez un parcours existant.",
    en: "{where} jumps to the flow “{flow}”, which does not exist: pick an existing flow.",
  },
  "lint/jump-to-self": {
    fr: "{where} renvoie vers son propre parcours, qui reprendrait depuis le début : reliez plutôt une sortie à l'étape voulue.",
    en: "{where} jumps to its own flow, which would start over from the top: connect a way out to the step you mean instead.",
  },
  "lint/missing-translation_one": {
    fr: "{where} : il manque la version en {languages} — {fields}. Ajoutez-la, ou utilisez un seul texte pour toutes les langues.",
    en: "{where}: the {languages} version is missing — {fields}. Add it, or use one text for every language.",
  },
  "lint/missing-translation_other": {
    fr: "{where} : il manque les versions en {languages} — {fields}. Ajoutez-les, ou utilisez un seul texte pour toutes les langues.",
    en: "{where}: the {languages} versions are missing — {fields}. Add them, or use one text for every language.",
  },
  "lint/missing-translation_fallback_customers_one": {
    fr: "{where} : il manque la version en {languages} — {fields}. D'ici là, les conversations en {languages} affichent la version en {fallback}. Ajoutez-la, ou utilisez un seul texte pour toutes les langues.",
    en: "{where}: the {languages} version is missing — {fields}. Until then, conversations in {languages} show the {fallback} version. Add it, or use one text for every language.",
  },
  "lint/missing-translation_fallback_customers_other": {
    fr: "{where} : il manque les versions en {languages} — {fields}. D'ici là, les conversations en {languages} affichent la version en {fallback}. Ajoutez-les, ou utilisez un seul texte pour toutes les langues.",
    en: "{where}: the {languages} versions are missing — {fields}. Until then, conversations in {languages} show the {fallback} version. Add them, or use one text for every language.",
  },
  "lint/missing-translation_fallback_agents_one": {
    fr: "{where} : il manque la version en {languages} — {fields}. D'ici là, les conseillers qui utilisent Relais en {languages} voient la version en {fallback}. Ajoutez-la, ou utilisez un seul texte pour toutes les langues.",
    en: "{where}: the {languages} version is missing — {fields}. Until then, agents using Relais in {languages} see the {fallback} version. Add it, or use one text for every language.",
  },
  "lint/missing-translation_fallback_agents_other": {
    fr: "{where} : il manque les versions en {languages} — {fields}. D'ici là, les conseillers qui utilisent Relais en {languages} voient la version en {fallback}. Ajoutez-les, ou utilisez un seul texte pour toutes les langues.",
    en: "{where}: the {languages} versions are missing — {fields}. Until then, agents using Relais in {languages} see the {fallback} version. Add them, or use one text for every language.",
  },
  "lint/missing-translation_fallback_both_one": {
    fr: "{where} : il manque la version en {languages} — {fields}. D'ici là, les conversations et les conseillers en {languages} voient la version en {fallback}. Ajoutez-la, ou utilisez un seul texte pour toutes les langues.",
    en: "{where}: the {languages} version is missing — {fields}. Until then, conversations and agents in {languages} see the {fallback} version. Add it, or use one text for every language.",
  },
  "lint/missing-translation_fallback_both_other": {
    fr: "{where} : il manque les versions en {languages} — {fields}. D'ici là, les conversations et les conseillers en {languages} voient la version en {fallback}. Ajoutez-les, ou utilisez un seul texte pour toutes les langues.",
    en: "{where}: the {languages} versions are missing — {fields}. Until then, conversations and agents in {languages} see the {fallback} version. Add them, or use one text for every language.",
  },
  "problem.choice": { fr: "choix « {label} »", en: "choice “{label}”" },
  "problem.button": { fr: "bouton « {label} »", en: "button “{label}”" },
  "problem.intentLabel": { fr: "libellé de l'intention « {label} »", en: "label of the intent “{label}”" },
  "problem.ruleLabel": { fr: "libellé de la règle « {label} »", en: "label of the rule “{label}”" },
  "lint/few-intent-examples_one": {
    fr: "{where} : l'intention « {intent} » n'a que {count} exemple en {language} ; donnez-en au moins {minimum}, formulés différemment, pour que les mots des clients soient reconnus.",
    en: "{where}: the intent “{intent}” has only {count} example in {language}; give it at least {minimum}, worded differently, so that customers' own words are recognised.",
  },
  "lint/few-intent-examples_other": {
    fr: "{where} : l'intention « {intent} » n'a que {count} exemples en {language} ; donnez-en au moins {minimum}, formulés différemment, pour que les mots des clients soient reconnus.",
    en: "{where}: the intent “{intent}” has only {count} examples in {language}; give it at least {minimum}, worded differently, so that customers' own words are recognised.",
  },
  "lint/shared-intent-example": {
    fr: "{where} : l'exemple « {example} » est donné à la fois pour « {other} » et pour « {intent} » ; aucune des deux ne peut l'emporter sur cette phrase. Gardez-le sous l'intention qu'il exprime.",
    en: "{where}: the example “{example}” is given both for “{other}” and for “{intent}”; neither can win on that phrase. Keep it under the intent it means.",
  },
  "lint/whatsapp-buttons": {
    fr: "{where} : le choix « {label} » fait {length} caractères, mais WhatsApp n'en montre que {limit} : raccourcissez-le.",
    en: "{where}: the choice “{label}” has {length} characters, but WhatsApp shows only {limit}: shorten it.",
  },
  "lint/whatsapp-button-body": {
    fr: "{where} : le texte fait {length} caractères, mais WhatsApp n'en montre que {limit} au-dessus des boutons ; le début partirait dans un message séparé. Raccourcissez-le.",
    en: "{where}: the text has {length} characters, but WhatsApp shows only {limit} above reply buttons; the start would go as a separate message. Shorten it.",
  },
  "lint/messenger-labels": {
    fr: "{where} : le choix « {label} » fait {length} caractères, mais les boutons et réponses rapides de Messenger n'en montrent que {limit} : raccourcissez-le.",
    en: "{where}: the choice “{label}” has {length} characters, but Messenger's buttons and quick replies show only {limit}: shorten it.",
  },
  "lint/sms-segments": {
    fr: "{where} : par SMS, ce texte et ses choix numérotés prennent {segments} segments ({encoding}), envoyés en plusieurs parts et facturés chacun ; tenez-le en {limit} segments.",
    en: "{where}: by SMS, this text and its numbered choices take {segments} segments ({encoding}), sent in parts and billed each; keep it within {limit} segments.",
  },
  "lint/sms-media": {
    fr: "{where} : un SMS ne peut pas montrer {kind} ; le client en reçoit le lien à la place.",
    en: "{where}: an SMS cannot show {kind}; the customer gets its link instead.",
  },
  "lint/media-format": {
    fr: "{where} : {kind} est au format {format}, que {channel} ne montre pas ; le client n'y recevrait rien. Utilisez {accepted}.",
    en: "{where}: {kind} is in {format} format, which {channel} does not show; the customer there would get nothing. Use {accepted}.",
  },
  "lint/media-caption": {
    fr: "{where} : la légende fait {length} caractères, mais {channel} n'en montre que {limit} sous {kind} ; la fin serait coupée. Raccourcissez-la.",
    en: "{where}: the caption has {length} characters, but {channel} shows only {limit} under {kind}; the end would be cut. Shorten it.",
  },
  "medium.image": { fr: "l'image", en: "the image" },
  "medium.video": { fr: "la vidéo", en: "the video" },
  "medium.audio": { fr: "le fichier audio", en: "the audio file" },
  "medium.file": { fr: "le fichier", en: "the file" },
  "channel.whatsapp": { fr: "WhatsApp", en: "WhatsApp" },
  "channel.messenger": { fr: "Messenger", en: "Messenger" },
  "channel.sms": { fr: "SMS", en: "SMS" },
  "channel.webchat": { fr: "le chat web", en: "the web chat" },
  "channel.rest": { fr: "l'API REST", en: "the REST API" },
  "problem.checkedFor": {
    fr: "Limites vérifiées pour les canaux de ce parcours : {channels}.",
    en: "Limits checked for this flow's channels: {channels}.",
  },
  "problem.checkedForAll": {
    fr: "Limites vérifiées pour tous les canaux : le serveur n'a pas dit lesquels démarrent ce parcours.",
    en: "Limits checked for every channel: the server has not said which ones start this flow.",
  },
  "lint/duplicate-escalation-rule": {
    fr: "{where} porte l'identifiant « {id} », déjà pris par la règle n° {first} : donnez à chaque règle le sien, car chaque transfert note la règle qui l'a déclenché.",
    en: "{where} has the id “{id}”, already taken by rule {first}: give each rule its own, since every handoff records the rule that fired.",
  },
  "lint/unknown-queue": {
    fr: "{where} transfère vers la file « {queue} », qui n'existe pas : créez-la (Files) ou choisissez l'une de celles-ci : {known}.",
    en: "{where} hands over to the queue “{queue}”, which does not exist: create it (Queues) or pick one of these: {known}.",
  },

  "json/syntax": {
    fr: "Ce texte n'est pas un fichier de parcours lisible{line} : vérifiez les virgules, guillemets et crochets à cet endroit.",
    en: "This text is not a readable flow file{line}: check the commas, quotes and brackets at this place.",
  },
  "schema/version": {
    fr: "Le fichier ne dit pas dans quelle version du format il est écrit : ajoutez « schemaVersion » : {target}.",
    en: "The file does not say which version of the format it is written in: add “schemaVersion”: {target}.",
  },
  "schema/version_invalid": {
    fr: "La version du format (« schemaVersion ») doit être un nombre entier de 1 à {target}.",
    en: "The format version (“schemaVersion”) must be a whole number from 1 to {target}.",
  },
  "schema/version_newer": {
    fr: "Ce parcours est écrit dans la version {version} du format, plus récente que celle que cette installation lit ({target}) : mettez Relais à jour.",
    en: "This flow is written in version {version} of the format, newer than this installation reads ({target}): update Relais.",
  },
  "schema/version_gap": {
    fr: "Ce parcours est écrit dans la version {version} du format, que cette installation ne sait pas convertir.",
    en: "This flow is written in version {version} of the format, which this installation cannot convert.",
  },
  "schema/required": { fr: "{where} : il manque « {field} ».", en: "{where}: “{field}” is missing." },
  "schema/additionalProperties": {
    fr: "{where} : le champ « {field} » n'a rien à faire ici ; retirez-le ou vérifiez son orthographe.",
    en: "{where}: the field “{field}” does not belong here; remove it or check its spelling.",
  },
  "schema/unevaluatedProperties": {
    fr: "{where} : le champ « {field} » n'a rien à faire ici ; retirez-le ou vérifiez son orthographe.",
    en: "{where}: the field “{field}” does not belong here; remove it or check its spelling.",
  },
  "schema/false schema": {
    fr: "{where} : « {field} » n'a rien à faire ici ; retirez-le.",
    en: "{where}: “{field}” does not belong here; remove it.",
  },
  "schema/discriminator": {
    fr: "{where} : « {field} » est d'une sorte inconnue, « {value} ». Sortes connues : {allowed}.",
    en: "{where}: “{field}” is of an unknown kind, “{value}”. Known kinds: {allowed}.",
  },
  "schema/discriminator_missing": {
    fr: "{where} : « {field} » ne dit pas de quelle sorte il est.",
    en: "{where}: “{field}” does not say which kind it is.",
  },
  "schema/type": {
    fr: "{where} : « {field} » doit être {expected}, pas {actual}.",
    en: "{where}: “{field}” must be {expected}, not {actual}.",
  },
  "schema/const": { fr: "{where} : « {field} » doit valoir {allowed}.", en: "{where}: “{field}” must be {allowed}." },
  "schema/enum": {
    fr: "{where} : « {field} » doit valoir l'une de ces valeurs : {allowed}.",
    en: "{where}: “{field}” must be one of these values: {allowed}.",
  },
  "schema/pattern": {
    fr: "{where} : « {value} » ne convient pas pour « {field} ».",
    en: "{where}: “{value}” does not fit “{field}”.",
  },
  "schema/format": {
    fr: "{where} : « {field} » n'a pas la bonne forme.",
    en: "{where}: “{field}” does not have the right shape.",
  },
  "schema/anyOf": { fr: "{where} : « {field} » n'est pas valide.", en: "{where}: “{field}” is not valid." },
  "schema/oneOf": { fr: "{where} : « {field} » n'est pas valide.", en: "{where}: “{field}” is not valid." },
  "schema/not": { fr: "{where} : « {field} » n'est pas valide.", en: "{where}: “{field}” is not valid." },
  "schema/if": { fr: "{where} : « {field} » n'est pas valide.", en: "{where}: “{field}” is not valid." },
  "schema/minItems_one": {
    fr: "{where} : « {field} » doit contenir au moins {count} élément.",
    en: "{where}: “{field}” needs at least {count} item.",
  },
  "schema/minItems_other": {
    fr: "{where} : « {field} » doit contenir au moins {count} éléments.",
    en: "{where}: “{field}” needs at least {count} items.",
  },
  "schema/maxItems_one": {
    fr: "{where} : « {field} » contient au plus {count} élément.",
    en: "{where}: “{field}” holds at most {count} item.",
  },
  "schema/maxItems_other": {
    fr: "{where} : « {field} » contient au plus {count} éléments.",
    en: "{where}: “{field}” holds at most {count} items.",
  },
  "schema/items": {
    fr: "{where} : « {field} » contient trop d'éléments.",
    en: "{where}: “{field}” holds too many items.",
  },
  "schema/contains": {
    fr: "{where} : « {field} » ne contient pas l'élément attendu.",
    en: "{where}: “{field}” lacks the expected item.",
  },
  "schema/minContains": {
    fr: "{where} : « {field} » ne contient pas assez d'éléments attendus.",
    en: "{where}: “{field}” holds too few of the expected items.",
  },
  "schema/maxContains": {
    fr: "{where} : « {field} » contient trop d'éléments de cette sorte.",
    en: "{where}: “{field}” holds too many items of this kind.",
  },
  "schema/unevaluatedItems": {
    fr: "{where} : « {field} » contient des éléments en trop.",
    en: "{where}: “{field}” holds items too many.",
  },
  "schema/minLength_one": {
    fr: "{where} : « {field} » ne peut pas être vide.",
    en: "{where}: “{field}” cannot be empty.",
  },
  "schema/minLength_other": {
    fr: "{where} : « {field} » doit faire au moins {count} caractères.",
    en: "{where}: “{field}” needs at least {count} characters.",
  },
  "schema/maxLength": {
    fr: "{where} : « {field} » est trop long : {count} caractères au plus.",
    en: "{where}: “{field}” is too long: {count} characters at most.",
  },
  "schema/minimum": {
    fr: "{where} : « {field} » doit valoir au moins {limit}.",
    en: "{where}: “{field}” must be at least {limit}.",
  },
  "schema/maximum": {
    fr: "{where} : « {field} » doit valoir au plus {limit}.",
    en: "{where}: “{field}” must be at most {limit}.",
  },
  "schema/exclusiveMinimum": {
    fr: "{where} : « {field} » doit valoir plus de {limit}.",
    en: "{where}: “{field}” must be more than {limit}.",
  },
  "schema/exclusiveMaximum": {
    fr: "{where} : « {field} » doit valoir moins de {limit}.",
    en: "{where}: “{field}” must be less than {limit}.",
  },
  "schema/multipleOf": {
    fr: "{where} : « {field} » doit être un multiple de {limit}.",
    en: "{where}: “{field}” must be a multiple of {limit}.",
  },
  "schema/uniqueItems": {
    fr: "{where} : « {field} » contient deux fois la même valeur (éléments {first} et {second}).",
    en: "{where}: “{field}” holds the same value twice (items {first} and {second}).",
  },
  "schema/minProperties": {
    fr: "{where} : « {field} » ne peut pas être vide.",
    en: "{where}: “{field}” cannot be empty.",
  },
  "schema/maxProperties": {
    fr: "{where} : « {field} » contient trop d'éléments.",
    en: "{where}: “{field}” holds too many entries.",
  },
  "schema/propertyNames": {
    fr: "{where} : un nom dans « {field} » n'est pas valide.",
    en: "{where}: a name in “{field}” is not valid.",
  },
  "schema/dependencies": {
    fr: "{where} : il manque un champ qui va avec « {field} ».",
    en: "{where}: a field that goes with “{field}” is missing.",
  },
  "schema/dependentRequired": {
    fr: "{where} : il manque un champ qui va avec « {field} ».",
    en: "{where}: a field that goes with “{field}” is missing.",
  },

  "type.string": { fr: "un texte", en: "a text" },
  "type.number": { fr: "un nombre", en: "a number" },
  "type.integer": { fr: "un nombre entier", en: "a whole number" },
  "type.boolean": { fr: "oui ou non", en: "yes or no" },
  "type.object": { fr: "un ensemble de champs", en: "a set of fields" },
  "type.array": { fr: "une liste", en: "a list" },
  "type.null": { fr: "vide", en: "empty" },
  "type.undefined": { fr: "absent", en: "missing" },

  "field.": { fr: "le fichier", en: "the file" },
  "field.id": { fr: "Identifiant", en: "Id" },
  "field.type": { fr: "Type", en: "Type" },
  "field.label": { fr: "Libellé", en: "Label" },
  "field.name": { fr: "Nom", en: "Name" },
  "field.description": { fr: "Description", en: "Description" },
  "field.text": { fr: "Texte", en: "Text" },
  "field.next": { fr: "Étape suivante", en: "Next step" },
  "field.languages": { fr: "Langues", en: "Languages" },
  "field.variables": { fr: "Variables", en: "Variables" },
  "field.secrets": { fr: "Secrets", en: "Secrets" },
  "field.escalation": { fr: "Escalade vers un conseiller", en: "Escalation to a person" },
  "field.nodes": { fr: "Étapes", en: "Steps" },
  "field.schemaVersion": { fr: "Version du format", en: "Format version" },
  "field.escalation.text": { fr: "Message au client lors du transfert", en: "Message when handing over" },
  "field.defaultQueue": { fr: "File par défaut", en: "Default queue" },
  "field.rules": { fr: "Règles", en: "Rules" },
  "field.when": { fr: "Condition", en: "Condition" },
  "field.queue": { fr: "File", en: "Queue" },
  "field.priority": { fr: "Priorité", en: "Priority" },
  "field.kind": { fr: "Sorte", en: "Kind" },
  "field.threshold": { fr: "Seuil", en: "Threshold" },
  "field.floor": { fr: "Confiance minimale", en: "Lowest confidence" },
  "field.maxVisits": { fr: "Passages au plus", en: "Most visits" },
  "field.input": { fr: "Réponse attendue", en: "Expected answer" },
  "field.pattern": { fr: "Forme de la réponse", en: "Answer shape" },
  "field.choices": { fr: "Choix", en: "Choices" },
  "field.saveAs": { fr: "Enregistrer dans", en: "Save into" },
  "field.reprompt": { fr: "Relance", en: "Reprompt" },
  "field.maxAttempts": { fr: "Nombre d'essais", en: "Attempts" },
  "field.onMaxAttempts": { fr: "Après trop d'essais", en: "After too many attempts" },
  "field.url": { fr: "Adresse", en: "Address" },
  "field.method": { fr: "Méthode", en: "Method" },
  "field.headers": { fr: "En-têtes", en: "Headers" },
  "field.body": { fr: "Corps", en: "Body" },
  "field.responseMapping": { fr: "Enregistrer la réponse", en: "Save the answer" },
  "field.onError": { fr: "En cas d'erreur", en: "On error" },
  "field.routes": { fr: "Suites par code", en: "Routes by status" },
  "field.status": { fr: "Code", en: "Status" },
  "field.intents": { fr: "Intentions", en: "Intents" },
  "field.examples": { fr: "Exemples", en: "Examples" },
  "field.fallback": { fr: "Sinon", en: "Otherwise" },
  "field.assign": { fr: "Affectations", en: "Assignments" },
  "field.variable": { fr: "Variable", en: "Variable" },
  "field.value": { fr: "Valeur", en: "Value" },
  "field.default": { fr: "Valeur par défaut", en: "Default value" },
  "field.flow": { fr: "Parcours", en: "Flow" },
  "field.media": { fr: "Média", en: "Media" },
  "field.caption": { fr: "Légende", en: "Caption" },
  "field.timeoutMs": { fr: "Délai d'attente", en: "Timeout" },
  "field.min": { fr: "Minimum", en: "Minimum" },
  "field.max": { fr: "Maximum", en: "Maximum" },
} satisfies WordTable;
