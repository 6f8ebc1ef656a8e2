import pg from "pg";

/** The PostgreSQL server the tests of the PostgreSQL path talk to; they never skip when it is down. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A schema of its own for one test file, so runs never see each other's rows. */
export const freshSchema = (prefix: string) => `${prefix}_${process.pid}_${Date.now()}`;

/** Fails with what to start when the server cannot be reached. */
export async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_URL} (${String(error)}). Start PostgreSQL (user postgres, trust auth, database \`test\`) or set TEST_DATABASE_URL; this test does not skip.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}
