/**
 * Request/answer over a Web Worker: each call posts `{ id, request }` and resolves with the worker's
 * `{ id, answer }` (or rejects with its `{ id, error }`). The worker is started on the first call.
 */
export function workerCall<Request, Answer>(start: () => Worker): (request: Request) => Promise<Answer> {
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (answer: Answer) => void; reject: (failure: Error) => void }>();
  return (request) => {
    if (!worker) {
      worker = start();
      worker.addEventListener("message", (event: MessageEvent<{ id: number; answer?: Answer; error?: string }>) => {
        const { id, answer, error } = event.data;
        const pending = waiting.get(id);
        waiting.delete(id);
        if (error === undefined) pending?.resolve(answer as Answer);
        else pending?.reject(new Error(error));
      });
    }
    const id = nextId++;
    const running = worker;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      running.postMessage({ id, request });
    });
  };
}

/** The worker's side of `workerCall`: answers each request with what `handle` returns or throws. */
export function answerCalls<Request, Answer>(handle: (request: Request) => Answer | Promise<Answer>): void {
  self.addEventListener("message", async (event: MessageEvent<{ id: number; request: Request }>) => {
    const { id, request } = event.data;
    try {
      self.postMessage({ id, answer: await handle(request) });
    } catch (failure) {
      self.postMessage({ id, error: failure instanceof Error ? failure.message : String(failure) });
    }
  });
}
