import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The key file written in DATA_DIR when `RELAIS_SECRET_KEY` is unset. */
export const KEY_FILE = "secret.key";
const VERSION = "v1";

/** Stored secrets that this key cannot open: another key sealed them, or they were altered. */
export class WrongSecretKey extends Error {}

/**
 * Seals and opens the secrets Relais stores (channel credentials) with AES-256-GCM: a fresh
 * 12-byte nonce each time, and the tag refuses a wrong key or an altered value.
 */
export class SecretBox {
  private constructor(
    private readonly key: Buffer,
    /** Where the key came from, to name it in errors. */
    readonly origin: string,
  ) {}

  /**
   * The key from `RELAIS_SECRET_KEY` (32 bytes, as 64 hex digits or base64), else from
   * `<dataDir>/secret.key`, generated once with permissions 0600 when it does not exist.
   */
  static load(env: Record<string, string | undefined>, dataDir: string): SecretBox {
    const raw = env.RELAIS_SECRET_KEY?.trim();
    if (raw) return new SecretBox(parseKey(raw, "RELAIS_SECRET_KEY"), "RELAIS_SECRET_KEY");
    const file = join(dataDir, KEY_FILE);
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return new SecretBox(parseKey(readFileSync(file, "utf8").trim(), file), file);
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, nonce);
    const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [VERSION, nonce.toString("base64"), cipher.getAuthTag().toString("base64"), sealed.toString("base64")].join(
      ".",
    );
  }

  /** The plain text; throws {@link WrongSecretKey} when this key did not seal it. */
  open(stored: string, what: string): string {
    const [version, nonce, tag, sealed] = stored.split(".");
    if (version !== VERSION || !nonce || !tag || sealed === undefined) {
      throw new WrongSecretKey(`The stored ${what} are not in a form Relais can read.`);
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(nonce, "base64"));
      decipher.setAuthTag(Buffer.from(tag, "base64"));
      return Buffer.concat([decipher.update(Buffer.from(sealed, "base64")), decipher.final()]).toString("utf8");
    } catch {
      throw new WrongSecretKey(
        `The stored ${what} cannot be decrypted with the key from ${this.origin}: they were saved with another key. Set the key they were saved with, or enter them again in the admin page.`,
      );
    }
  }
}

function parseKey(raw: string, origin: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) {
    throw new Error(
      `${origin} must hold a 32-byte key, as 64 hex digits or base64 (e.g. the output of \`openssl rand -base64 32\`); it holds ${key.length} bytes.`,
    );
  }
  return key;
}
