import { type FormEvent, useState } from "react";
import type { Flow } from "../../../schema/index.js";
import { t } from "../i18n.js";
import { findNodes } from "../model/find.js";

/** Finds a node by its id, label or texts; Entrée again goes to the next match. */
export function FindBox({ flow, onFound }: { flow: Flow; onFound: (id: string) => void }) {
  const [query, setQuery] = useState("");
  const [missed, setMissed] = useState(false);
  /** The match shown last for the query typed, to go on from. */
  const [shown, setShown] = useState<{ query: string; id: string }>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const matches = findNodes(flow, query);
    const after = shown?.query === query ? matches.indexOf(shown.id) + 1 : 0;
    const id = matches[after % Math.max(1, matches.length)];
    setMissed(id === undefined);
    setShown(id === undefined ? undefined : { query, id });
    if (id) onFound(id);
  };
  return (
    <form className={`find ${missed ? "missed" : ""}`} onSubmit={submit}>
      <input
        type="search"
        aria-label={t("find")}
        placeholder={t("find")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
    </form>
  );
}
