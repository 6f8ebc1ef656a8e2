/** One server-sent event as a browser's EventSource would see it. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads a real `text/event-stream` response over a socket, the way EventSource does, so tests
 * can wait for the event they expect. `opened` resolves once the server's `: connected` comment
 * arrived, that is once the server listens for events for this stream.
 */
export async function openSse(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (response.status !== 200 || !response.body) {
    throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let connected = false;
  const events: SseEvent[] = [];
  const taken = new WeakSet<SseEvent>();

  const readMore = async () => {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the event stream ${url} ended`);
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) {
          if (line === ": connected") connected = true;
          continue;
        }
        const colon = line.indexOf(":");
        fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
      }
      if (fields.data !== undefined) {
        events.push({ event: fields.event ?? "message", data: fields.data, ...(fields.id ? { id: fields.id } : {}) });
      }
      end = buffer.indexOf("\n\n");
    }
  };

  while (!connected) await readMore();
  return {
    response,
    /** Every event received so far, in order. */
    events,
    /** Waits for the first event, not yet taken, that matches; earlier ones are passed over and kept in `events`. */
    async next(matches: (event: SseEvent) => boolean): Promise<SseEvent> {
      for (;;) {
        const found = events.find((event) => !taken.has(event) && matches(event));
        if (found) {
          taken.add(found);
          return found;
        }
        await readMore();
      }
    },
    close: () => controller.abort(),
  };
}
