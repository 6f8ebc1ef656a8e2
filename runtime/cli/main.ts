import { Command, InvalidArgumentError } from "commander";
import type { Channel } from "../../schema/index.js";
import { chatCommand } from "./chat.js";
import { consoleOutput, fmtCommand, lintCommand, parseChannels, testCommand, validateCommand } from "./commands.js";
import { copyCommand, migrateCommand } from "./db.js";
import { eraseCommand } from "./erase.js";
import { nluEvalCommand } from "./nlu-eval.js";
import { publishCommand } from "./publish.js";
import { startCommand } from "./start.js";

const program = new Command()
  .name("relais")
  .description("Check, format, test and talk to Relais conversation flows.")
  .showHelpAfterError();

const exit = (code: number) => {
  process.exitCode = code;
};

program
  .command("start")
  .description(
    "Run the runtime (configured by its environment variables); with --workers N, N processes sharing the port, each replaced when it dies (PostgreSQL only).",
  )
  .option("--workers <n>", "how many processes, e.g. one per core", "1")
  .action(async (options: { workers: string }) => exit(await startCommand(options, consoleOutput)));

const db = program.command("db").description("The runtime's database: migrate it, move it to PostgreSQL.");

db.command("migrate")
  .description(
    "Bring the database to the latest schema, as a start does: DATABASE_URL (and DATABASE_SCHEMA), else the SQLite file of DATA_DIR.",
  )
  .action(async () => exit(await migrateCommand(consoleOutput)));

db.command("copy")
  .description(
    "Copy an installation, history included, from its SQLite file into an empty PostgreSQL database, then check counts and a sample of rows. Stop Relais first.",
  )
  .requiredOption("--from <file>", "the SQLite file, e.g. data/relais.sqlite")
  .requiredOption("--to <url>", "the PostgreSQL database, e.g. postgres://relais@db:5432/relais")
  .option("--schema <name>", "a PostgreSQL schema of its own (DATABASE_SCHEMA of the runtime)")
  .action(async (options: { from: string; to: string; schema?: string }) =>
    exit(await copyCommand(options, consoleOutput)),
  );

program
  .command("validate")
  .description("Check flow, layout and test files against the JSON Schema; lists every error (exit 1 when any).")
  .argument("[files...]", "files to check (default: every file of flows/ or $FLOWS_DIR)")
  .action(async (files: string[]) => exit(await validateCommand(files, consoleOutput)));

program
  .command("lint")
  .description(
    "Validate, then check the flow graph: missing or dangling transitions, unreachable nodes, variables, secrets, expressions, jumps, WhatsApp limits.",
  )
  .argument("[files...]", "flow files to lint (default: every file of flows/)")
  .option(
    "--channels <list>",
    "check the limits of these channels only, e.g. whatsapp,webchat,rest (default: every channel; the server knows which start each flow)",
    (list: string) => {
      try {
        return parseChannels(list);
      } catch (error) {
        throw new InvalidArgumentError((error as Error).message);
      }
    },
  )
  .action(async (files: string[], options: { channels?: Channel[] }) =>
    exit(await lintCommand(files, consoleOutput, options.channels)),
  );

program
  .command("fmt")
  .description("Rewrite files in canonical form (stable key order, 2-space indent, trailing newline).")
  .option("--check", "change nothing; exit 1 and list the files that are not canonical")
  .argument("[files...]", "files to format (default: every file of flows/)")
  .action(async (files: string[], options: { check?: boolean }) =>
    exit(await fmtCommand(files, options.check === true, consoleOutput)),
  );

program
  .command("test")
  .description("Run conversation tests (<flow>.test.json) and list the nodes no test visits.")
  .argument("[files...]", "test files to run (default: every test file of flows/)")
  .action(async (files: string[]) => exit(await testCommand(files, consoleOutput)));

program
  .command("chat")
  .description("Talk to a flow in the terminal; HTTP lookups run for real (start Relais for the sample CRM).")
  .argument("<flow>", "flow id, e.g. triage")
  .option("--lang <code>", "conversation language, e.g. en")
  .action(async (flow: string, options: { lang?: string }) =>
    exit(await chatCommand(flow, { language: options.lang }, consoleOutput)),
  );

program
  .command("publish")
  .description("Save the local flow as the server's draft and publish it (schema and lint errors block it).")
  .argument("<flow>", "flow id")
  .requiredOption("--server <url>", "Relais server, e.g. https://relais.example.com")
  .requiredOption("--token <token>", "an API token with the editor role", process.env.RELAIS_TOKEN)
  .option("--note <text>", "what changed, kept with the version")
  .action(async (flow: string, options: { server: string; token: string; note?: string }) =>
    exit(await publishCommand(flow, options, consoleOutput)),
  );

program
  .command("erase-customer")
  .description(
    "Erase everything a running server stores about one customer of a channel (GDPR right to erasure): conversations, transcripts, handoffs, inbox and outbox rows.",
  )
  .argument("<channel>", "channel, e.g. rest, webchat")
  .argument("<address>", "the customer's address on that channel: phone number, sender id, web chat session")
  .requiredOption("--server <url>", "Relais server, e.g. https://relais.example.com")
  .requiredOption("--token <token>", "an API token with the admin role", process.env.RELAIS_TOKEN)
  .action(async (channel: string, address: string, options: { server: string; token: string }) =>
    exit(await eraseCommand(channel, address, options, consoleOutput)),
  );

program
  .command("nlu")
  .description("Language understanding tools.")
  .command("eval")
  .description(
    "Classify labelled phrases (CSV with the header text,intent,lang) with the flow's intent node; print accuracy, per-intent precision and recall, and the confusion table.",
  )
  .argument("<flow>", "flow id, e.g. triage")
  .argument("<file>", "the labelled phrases, e.g. flows/triage.eval.csv")
  .option("--min-accuracy <share>", "exit 1 when accuracy overall or in any language is below, e.g. 0.9 or 90")
  .option("--node <id>", "the intent node to evaluate (default: the flow's first)")
  .option("--classifier <name>", "nlpjs (trained model, default) or overlap (word overlap)")
  .action(async (flow: string, file: string, options: { minAccuracy?: string; node?: string; classifier?: string }) =>
    exit(await nluEvalCommand(flow, file, options, consoleOutput)),
  );

await program.parseAsync(process.argv);
