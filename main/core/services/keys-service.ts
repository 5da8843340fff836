import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../shared/api/errors';
import type { KeyFile, KeyKind, SigningKeyView, TrustedKey } from '../../../shared/domain/bundles';
import { ApproverRole } from '../../../shared/domain/roles';
import type { z } from 'zod';
import type { TrustAdd } from '../../../shared/domain/bundles';
import type { Clock } from '../clock';
import type { TrustEntry } from '../domain/bundle-verify';
import { generateSigningKey, KEY_FILE_FORMAT, openSshLine, parsePublicKey, signPayload } from '../domain/signing';
import type { SecretBox } from '../secrets/secret-box';
import type { SigningKeyRow } from '../store/signing-keys-repo';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';

const CONSOLE_ID = 'console.id';

/**
 * Signing keys and the trust store. Private keys are sealed like host secrets and only ever used
 * here, to sign; nothing returns them. The console has a key of its own, made at first start.
 */
export class KeysService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
  ) {}

  /** Give this console its id and key the first time it starts. */
  start(): void {
    this.store.tx(() => {
      if (!this.store.settings.get(CONSOLE_ID)) this.store.settings.set(CONSOLE_ID, randomUUID());
      if (!this.store.signingKeys.active('console', this.consoleId())) {
        const key = this.createKey('console', this.consoleId());
        this.audit.record('system', 'key.created', 'key', key.key_id, { kind: 'console', console_id: this.consoleId() });
      }
    });
  }

  consoleId(): string {
    const id = this.store.settings.get(CONSOLE_ID);
    if (!id) throw new AppError('internal', 'this console has no id yet; it is given at start-up');
    return id;
  }

  consoleKey(): SigningKeyView {
    return view(this.requireActive('console', this.consoleId()));
  }

  mine(userName: string): SigningKeyView | null {
    const row = this.store.signingKeys.active('user', userName);
    return row ? view(row) : null;
  }

  /** A new key for the user; a key they had is retired (decisions signed with it stay verifiable where it is trusted). */
  create(userName: string): SigningKeyView {
    return view(this.store.tx(() => {
      const before = this.store.signingKeys.active('user', userName);
      const row = this.createKey('user', userName);
      this.audit.record(userName, 'key.created', 'key', row.key_id, { kind: 'user', owner: userName, ...(before ? { retired: before.key_id } : {}) });
      return row;
    }));
  }

  /** The small public-key file to hand to the other side's admin. */
  keyFile(which: 'mine' | 'console', userName: string): KeyFile {
    const row = which === 'console' ? this.requireActive('console', this.consoleId()) : this.store.signingKeys.active('user', userName);
    if (!row) throw new AppError('not_found', 'you have no signing key yet; create one first');
    const file = {
      format: KEY_FILE_FORMAT, kind: row.kind, key_id: row.key_id, public_key: row.public_key, openssh: openSshLine(row.public_key, row.owner),
      ...(row.kind === 'console' ? { console_id: row.owner } : { user_name: row.owner }),
    };
    const stem = row.kind === 'console' ? `console-${row.owner.slice(0, 8)}` : row.owner.replace(/[^A-Za-z0-9_.-]/g, '_');
    return { file_name: `${stem}.tdkey`, content: JSON.stringify(file, null, 2) + '\n' };
  }

  /** Sign with an active key; the private half is opened for this call only. */
  sign(kind: KeyKind, owner: string, purpose: string, payload: string): { key_id: string; value: string } {
    const row = kind === 'console' ? this.requireActive('console', owner) : this.store.signingKeys.active('user', owner);
    if (!row) throw new AppError('conflict', 'you have no signing key; create one under Keys first', { reason: 'unknown_key' });
    return { key_id: row.key_id, value: signPayload(this.secrets.open(row.sealed_private_key), purpose, payload) };
  }

  trustList(): TrustedKey[] {
    return this.store.trust.list();
  }

  /** Trust a public key: a user's (bound to a user name and role here) or a console's (bound to its id). Audited. */
  trustAdd(actor: string, input: z.output<typeof TrustAdd>): TrustedKey {
    const parsed = parsePublicKey(input.text);
    const kind = input.kind ?? parsed.kind ?? 'user';
    const user_name = kind === 'user' ? (input.user_name || parsed.user_name || '') : '';
    const role = kind === 'user' ? (input.role ?? '') : '';
    const console_id = kind === 'console' ? (input.console_id || parsed.console_id || '') : '';
    if (kind === 'user' && !user_name) throw new AppError('validation', 'user_name: name the user decisions signed with this key count as', { fields: { user_name: 'required for a user key' } });
    if (kind === 'user') {
      const r = ApproverRole.safeParse(role);
      if (!r.success) throw new AppError('validation', `role: ${r.error.issues[0]?.message ?? 'name the role this key approves with'}`, { fields: { role: r.error.issues[0]?.message } });
    }
    if (kind === 'console' && !console_id) throw new AppError('validation', 'console_id: name the console whose bundles this key signs (the key file says it)', { fields: { console_id: 'required for a console key' } });
    if (kind === 'console' && console_id === this.consoleId()) throw new AppError('validation', 'this is this console\'s own key; trust the other console\'s key file', { fields: { text: 'own console key' } });
    return this.store.tx(() => {
      const t = this.store.trust.insert({ key_id: parsed.key_id, kind, public_key: parsed.public_key, user_name, role, console_id, label: input.label || parsed.comment, added_by: actor, added_at: this.clock.now().toISOString() });
      this.audit.record(actor, 'trust.added', 'trusted_key', t.id, { key_id: t.key_id, kind, user_name, role, console_id });
      return t;
    });
  }

  trustRevoke(actor: string, id: number): TrustedKey {
    return this.store.tx(() => {
      const t = this.store.trust.get(id);
      if (!t) throw notFound('trusted key', id);
      if (t.revoked_at) throw new AppError('conflict', `key ${t.key_id} was revoked already, at ${t.revoked_at}`);
      const revoked = this.store.trust.revoke(id, actor, this.clock.now().toISOString());
      this.audit.record(actor, 'trust.revoked', 'trusted_key', id, { key_id: t.key_id, kind: t.kind, user_name: t.user_name, role: t.role, console_id: t.console_id });
      return revoked;
    });
  }

  /** What verification needs of the trust store. */
  trustEntry(keyId: string): TrustEntry | undefined {
    return this.store.trust.byKeyId(keyId);
  }

  /** Approvers this console trusts for these roles, for a request bundle to list. */
  approvers(roles: readonly string[]): { key_id: string; user_name: string; role: string }[] {
    return this.store.trust.activeApprovers(roles).map((t) => ({ key_id: t.key_id, user_name: t.user_name, role: t.role }));
  }

  private createKey(kind: KeyKind, owner: string): SigningKeyRow {
    const pair = generateSigningKey();
    return this.store.signingKeys.replace({ key_id: pair.key_id, kind, owner, public_key: pair.public_key, sealed_private_key: this.secrets.seal(pair.private_key), created_at: this.clock.now().toISOString() });
  }

  private requireActive(kind: KeyKind, owner: string): SigningKeyRow {
    const row = this.store.signingKeys.active(kind, owner);
    if (!row) throw new AppError('internal', `the ${kind} signing key of ${owner} is missing`);
    return row;
  }
}

function view(r: SigningKeyRow): SigningKeyView {
  return { key_id: r.key_id, kind: r.kind, owner: r.owner, public_key: r.public_key, openssh: openSshLine(r.public_key, r.owner), created_at: r.created_at };
}
