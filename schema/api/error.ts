import { type Static, Type } from "@sinclair/typebox";
import { Problem } from "../problem.js";
import { DraftRevision } from "./flows.js";

/** Facts a refusal carries for the client to word its own message from; each code says which. */
export const ErrorDetails = Type.Object(
  {
    revision: Type.Optional({ ...DraftRevision, description: "`DRAFT_CHANGED`: the revision now on disk." }),
    liveVersion: Type.Optional(
      Type.Integer({ description: "`NOTHING_TO_PUBLISH`: the live version the draft is the same as." }),
    ),
    holder: Type.Optional(
      Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], {
        description: "Who has the conversation now, when a move on it came too late.",
      }),
    ),
    retryAfterMinutes: Type.Optional(
      Type.Integer({ description: "`TOO_MANY_ATTEMPTS`: how many minutes before the address may try again." }),
    ),
    full: Type.Optional(
      Type.Object(
        { name: Type.String(), holding: Type.Integer(), capacity: Type.Integer(), queue: Type.String() },
        {
          description:
            "`AGENT_FULL`: the person a conversation was given to, and their load against the queue's capacity.",
        },
      ),
    ),
  },
  {
    additionalProperties: true,
    description: "Facts the client words its own message from (who, when, which version).",
  },
);
export type ErrorDetails = Static<typeof ErrorDetails>;

/**
 * The one error envelope every route answers with (runtime/plugins/errors.ts writes it):
 * a stable code, a message that says what and how to fix, and where known the problems and facts.
 */
export const ApiErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: "Stable code the client acts on: `BAD_REQUEST`, `NOT_FOUND`, `FLOW_INVALID`…" }),
      message: Type.String({ description: "What went wrong and how to fix it, in English." }),
      problems: Type.Optional(Type.Array(Problem, { description: "Each thing wrong, located (file, JSON pointer)." })),
      details: Type.Optional(ErrorDetails),
    }),
  },
  { description: "An error: what went wrong, where, and how to fix it." },
);
export type ApiErrorBody = Static<typeof ApiErrorBody>;

/** What each error status means for a route that answers it. */
const ERROR_MEANINGS = {
  400: "The request's body, path or query does not match the route's schema (`problems` says where), or says something impossible.",
  401: "Not logged in, or a missing or wrong token or signature.",
  403: "Logged in without the role this needs, or not allowed from where the call comes.",
  404: "What the path names does not exist.",
  409: "It conflicts with the current state (`details` says with what); nothing was changed.",
  413: "The request body is larger than the runtime accepts.",
  415: "The request body is not of a media type the route reads (JSON, unless said otherwise).",
  422: "Well formed but not doable as things are (`problems` says why).",
  429: "Too many attempts; wait for `Retry-After` seconds.",
  500: "The server failed; the details are in its log, never in the answer.",
  503: "The database is out of reach or busy, or the process has as many messages in hand as it takes at once (`OVERLOADED`); nothing was lost: try again after `Retry-After` seconds.",
} as const;
export type ErrorStatus = keyof typeof ERROR_MEANINGS;

/**
 * The error answers of a route, for its `response` schema: one `ApiErrorBody` per status it sends,
 * each described for the API documentation. 500 and 503 are always there: any route can fail, and any
 * route may meet the database out of reach.
 */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S | 500 | 503, typeof ApiErrorBody> {
  const answers = {} as Record<S | 500 | 503, typeof ApiErrorBody>;
  for (const status of [...statuses, 500 as const, 503 as const])
    answers[status] = { ...ApiErrorBody, description: ERROR_MEANINGS[status] };
  return answers;
}
