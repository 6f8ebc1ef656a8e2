import { useCallback, useEffect, useState } from "react";
import { failureText } from "../api.js";
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

/**
 * Reads a page's data with `load` when the page opens and whenever `read` is called, keeping why the
 * last read failed (in `words`) until the next one starts: what {@link LoadFailure} shows.
 */
export function useRead(
  load: () => Promise<unknown>,
  words: (failure: unknown) => string = failureText,
): { failure: string | undefined; read: () => void } {
  const [failure, setFailure] = useState<string>();
  const read = useCallback(() => {
    setFailure(undefined);
    load().catch((error: unknown) => setFailure(words(error)));
  }, [load, words]);
  useEffect(read, [read]);
  return { failure, read };
}
