import { type FormEvent, useState } from "react";
import type { Flow } from "../../../schema/index.js";
import { t } from "../i18n.js";
import { findNode } from "../model/find.js";

export function FindBox({ flow, onFound }: { flow: Flow; onFound: (id: string) => void }) {
  const [query, setQuery] = useState("");
  const [missed, setMissed] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = findNode(flow, query);
    setMissed(id === undefined);
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
