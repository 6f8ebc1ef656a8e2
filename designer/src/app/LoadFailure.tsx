import { useCallback, useEffect, useState } from "react";
import { failureText } from "../api.js";
import { t } from "../i18n.js";

/**
 * What a page could not read, in words, with a way to read it again: without it a page whose read
 * failed (the server out of reach) looked like one with nothing to show.
 */
export function LoadFailure({ failure, onRetry }: { failure: string; onRetry: () => unknown }) {
  // The words stay while reading again: the button says the click was heard.
  const [reading, setReading] = useState(false);
  const retry = () => {
    setReading(true);
    Promise.resolve(onRetry()).finally(() => setReading(false));
  };
  return (
    <p role="alert" className="error">
      {failure}{" "}
      <button type="button" onClick={retry} disabled={reading} aria-busy={reading}>
        {reading ? t("reading") : t("tryAgain")}
      </button>
    </p>
  );
}

/**
 * Reads a page's data with `load` when the page opens and whenever `read` is called, keeping why the
 * last read failed (in `words`) until a read succeeds: what {@link LoadFailure} shows. Cleared when a
 * read started instead, the words blinked at every periodic read while the server stayed out of reach.
 */
export function useRead(
  load: () => Promise<unknown>,
  words: (failure: unknown) => string = failureText,
): { failure: string | undefined; read: () => Promise<void> } {
  const [failure, setFailure] = useState<string>();
  const read = useCallback(
    () =>
      load().then(
        () => setFailure(undefined),
        (error: unknown) => setFailure(words(error)),
      ),
    [load, words],
  );
  useEffect(() => {
    read();
  }, [read]);
  return { failure, read };
}
