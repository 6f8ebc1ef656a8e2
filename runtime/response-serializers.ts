import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { SerializerSelector } from "@fastify/fast-json-stringify-compiler";
import type { FastifyServerOptions } from "fastify";

type SerializerFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]>["buildSerializer"]
>;
type Serialize = (data: unknown) => string;

const eager = SerializerSelector();

/** What the serializers' source code requires, resolved where fast-json-stringify's own `build` would. */
const requireOfSerializers = createRequire(createRequire(import.meta.url).resolve("fast-json-stringify"));

/** A serializer from the source code fast-json-stringify writes in its standalone mode (a CommonJS module). */
function evaluate(code: string): Serialize {
  const module = { exports: {} as unknown };
  new Function("require", "module", "exports", code)(requireOfSerializers, module, module.exports);
  return module.exports as Serialize;
}

interface Job {
  /** Takes the code once written (`undefined` when the thread could not write it). */
  done: (code: string | undefined) => void;
}

/**
 * The thread that writes serializers, started for the routes' first jobs and ended once it has none
 * left, so that a server at rest keeps no thread for it.
 */
class SerializerThread {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, Job>();
  private next = 0;
  private idleWaiters: (() => void)[] = [];

  write(schema: unknown, options: Record<string, unknown>, done: Job["done"]): void {
    const id = this.next++;
    try {
      this.started().postMessage({ id, schema, options });
    } catch {
      // A schema or an option the thread cannot receive (a function): the route compiles as it answers.
      done(undefined);
      this.endIfIdle();
      return;
    }
    this.jobs.set(id, { done });
  }

  /** Resolves once every serializer asked for so far is written, or given up. */
  idle(): Promise<void> {
    if (this.jobs.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    // Without the main thread's flags: its TypeScript loader would take longer to start than the work.
    const worker = new Worker(new URL("./serializer-worker.mjs", import.meta.url), { execArgv: [] });
    worker.on("message", (message: { id: number; code?: string }) => {
      const job = this.jobs.get(message.id);
      this.jobs.delete(message.id);
      job?.done(message.code);
      this.endIfIdle();
    });
    const lost = () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const job of this.jobs.values()) job.done(undefined);
      this.jobs.clear();
      this.endIfIdle();
    };
    worker.on("error", lost);
    worker.on("exit", lost);
    // A process that is otherwise done does not wait for the thread.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private endIfIdle(): void {
    if (this.jobs.size > 0) return;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

const thread = new SerializerThread();

/** Resolves once the serializers of every route defined so far are written, or left to their first answer. */
export const serializersWritten = () => thread.idle();

let compiledOnAnswer = 0;
/** How many serializers were compiled on the event loop, when their route answered before its thread wrote it. */
export const serializersCompiledOnAnswer = () => compiledOnAnswer;

/** A serializer written by the thread, once its code is back and evaluated. */
interface Written {
  serialize?: Serialize;
}

/**
 * Serializers by their schema and options: 833 route and status pairs of the app have 77 schemas between
 * them (every route answers its errors alike), and apps built again in one process (the tests) share them.
 */
const written = new Map<string, Written>();

function writtenFor(schema: unknown, options: Record<string, unknown>): Written {
  const key = JSON.stringify([schema, options]);
  let entry = written.get(key);
  if (!entry) {
    const fresh: Written = {};
    entry = fresh;
    written.set(key, fresh);
    thread.write(schema, options, (code) => {
      if (code === undefined) return;
      try {
        fresh.serialize = evaluate(code);
      } catch {
        // Left to the first answer, which compiles it here and says why it cannot.
      }
    });
  }
  return entry;
}

/**
 * Fastify's serializers (fast-json-stringify), written off the event loop. Compiled where they are used,
 * they held it: all of them while the server started (1.2 s of a 3.2 s start), or each the first time
 * its route answered, up to 90 ms for the search results, whose unions fast-json-stringify checks with
 * Ajv validators compiled on the first answer that takes each branch. Each schema's serializer is now
 * written as source code by a thread of its own, validators inlined, and evaluated here when the code
 * comes back (7 ms for the search results). A route that answers before its code is back compiles its
 * serializer then, as before.
 */
export const responseSerializers: SerializerFactory = (externalSchemas, options) => {
  const compile = eager(externalSchemas, options);
  return (route) => {
    // As fast-json-stringify-compiler passes them: the shared schemas, less the route's own.
    const schemas: Record<string, unknown> = { ...(externalSchemas as Record<string, unknown>) };
    const id = (route.schema as { $id?: string }).$id;
    if (id !== undefined) delete schemas[id];
    const entry = writtenFor(route.schema, { ...(options as Record<string, unknown>), schema: schemas });
    let serialize: Serialize | undefined;
    return (data) => {
      if (!serialize) {
        serialize = entry.serialize;
        if (!serialize) {
          compiledOnAnswer++;
          serialize = compile(route);
        }
      }
      return serialize(data);
    };
  };
};
