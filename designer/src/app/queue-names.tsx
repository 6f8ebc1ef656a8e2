import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { agentApi } from "../agent/agent-api.js";

/**
 * The queues set up on the server (Files), their names by id, for the editor's checks, pickers, canvas
 * and simulator; undefined until read, or when they cannot be.
 */
export const QueueNames = createContext<ReadonlyMap<string, string> | undefined>(undefined);

/** Reads the server's queues once for what it holds. */
export function QueueNamesProvider({ children }: { children: ReactNode }) {
  const [names, setNames] = useState<ReadonlyMap<string, string>>();
  useEffect(() => {
    agentApi.queues().then(
      (queues) => setNames(new Map(queues.map((queue) => [queue.id, queue.name]))),
      () => undefined,
    );
  }, []);
  return <QueueNames.Provider value={names}>{children}</QueueNames.Provider>;
}

/** A queue as people call it: its name on the server, else its id. */
export function useQueueName(): (id: string) => string {
  const names = useContext(QueueNames);
  return useCallback((id: string) => names?.get(id) ?? id, [names]);
}
