import { LANGUAGES, type Language, setLanguage, t, useLanguage } from "../i18n.js";

/** The interface language, chosen in the header; each language is named in itself. */
export function LanguageSwitch() {
  const current = useLanguage();
  return (
    <select
      className="language-switch"
      aria-label={t("languageSwitch")}
      value={current}
      onChange={(event) => setLanguage(event.target.value as Language)}
    >
      {LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {t(`language.${code}`)}
        </option>
      ))}
    </select>
  );
}
