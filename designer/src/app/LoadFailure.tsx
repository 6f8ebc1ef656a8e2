import { t } from "../i18n.js";

/**
 * What a page could not read, in words, with a way to read it again: without it a page whose read
 * failed (the server out of reach) looked like one with nothing to show.
 */
export function LoadFailure({ failure, onRetry }: { failure: string; onRetry: () => void }) {
  return (
    <p role="alert" className="error">
      {failure}{" "}
      <button type="button" onClick={onRetry}>
        {t("tryAgain")}
      </button>
    </p>
  );
}
