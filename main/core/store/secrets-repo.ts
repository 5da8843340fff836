import type { Db } from './database';

const CHECK_KEY = 'secret_key_check';

/** What the store holds sealed with the secret key, and the key's check value (never the key). */
export class SecretsRepo {
  constructor(private readonly db: Db) {}

  /** Whether anything sealed with a key is stored, or a key was ever recorded: then no new key may be made. */
  anyStored(): boolean {
    return (
      this.keyCheck() !== undefined ||
      this.db.prepare('SELECT 1 FROM hosts WHERE secret_private_key IS NOT NULL OR secret_passphrase IS NOT NULL OR secret_password IS NOT NULL LIMIT 1').get() !== undefined ||
      this.db.prepare("SELECT 1 FROM instances WHERE secrets LIKE 'v1:%' LIMIT 1").get() !== undefined
    );
  }

  /** One sealed host secret, to try a key on when no check value was recorded yet (a store from before it). */
  anySealedHostSecret(): string | undefined {
    const r = this.db
      .prepare('SELECT coalesce(secret_private_key, secret_passphrase, secret_password) AS v FROM hosts WHERE v IS NOT NULL LIMIT 1')
      .get() as { v: string } | undefined;
    return r?.v;
  }

  keyCheck(): string | undefined {
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').get(CHECK_KEY) as { value: string } | undefined)?.value;
  }

  setKeyCheck(value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(CHECK_KEY, value);
  }

  /** Run secrets stored in plain text (by a Taskdeck from before they were sealed). */
  plainRunSecrets(): { id: bigint; secrets: string }[] {
    return this.db.prepare("SELECT id, secrets FROM instances WHERE secrets IS NOT NULL AND secrets NOT LIKE 'v1:%'").safeIntegers(true).all() as { id: bigint; secrets: string }[];
  }

  setRunSecrets(id: bigint, sealed: string): void {
    this.db.prepare('UPDATE instances SET secrets = ? WHERE id = ?').run(sealed, id);
  }
}
