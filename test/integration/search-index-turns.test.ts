import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SearchIndexer } from "../../runtime/queue/search-index.js";
import type { Store, TurnOptions } from "../../runtime/store/db.js";
import { type Built, build, send } from "./helpers.js";

let built: Built;
beforeAll(async () => {
  built = await build();
});
afterAll(() => built?.close());

/** The store, noting for each of the index's turns whether it went ahead of the messages waiting. */
function noting(store: Store) {
  const ahead: boolean[] = [];
  const note = (options: TurnOptions | undefined) => ahead.push(options?.ahead === true);
  const noted: Store = {
    ...store,
    read: (work, options) => {
      note(options);
      return store.read(work, options);
    },
    tx: (work, options) => {
      note(options);
      return store.tx(work, options);
    },
  };
  return { noted, ahead };
}

const customersWrite = async (prefix: string) => {
  for (let n = 0; n < 3; n++) {
    const answer = await send(built.app, {
      flowId: "echo",
      from: `${prefix}-${n}`,
      messageId: `${prefix}-${n}`,
      text: "Bonjour",
    });
    expect(answer.statusCode).toBe(200);
  }
};

describe("the search index's turns of the store", () => {
  it("take their place among the messages' when nobody waits for them, and go ahead while a search does", async () => {
    const { noted, ahead } = noting(built.app.store);
    const indexer = new SearchIndexer(noted);

    await customersWrite("timer");
    await indexer.catchUpSoon();
    expect(ahead.length).toBeGreaterThan(1);
    expect(ahead.every((each) => !each)).toBe(true);

    ahead.length = 0;
    await customersWrite("search");
    await indexer.catchUp();
    expect(ahead.length).toBeGreaterThan(1);
    expect(ahead.every(Boolean)).toBe(true);

    // A search that comes during the timer's run hurries the rest of it, and the run it waits for.
    ahead.length = 0;
    await customersWrite("both");
    const background = indexer.catchUpSoon();
    const search = indexer.catchUp();
    await Promise.all([background, search]);
    expect(ahead[0]).toBe(false);
    expect(ahead.length).toBeGreaterThan(2);
    expect(ahead.slice(1).every(Boolean)).toBe(true);

    // Once it has its answer, the next timer's run is back among the messages.
    ahead.length = 0;
    await customersWrite("after");
    await indexer.catchUpSoon();
    expect(ahead.every((each) => !each)).toBe(true);
    await indexer.stop();
  });
});
