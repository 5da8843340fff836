import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';

/** An Ed25519 key pair as stored: the public half as SPKI PEM, the private half as PKCS#8 PEM (sealed before it is stored). */
export interface KeyPairPem {
  readonly key_id: string;
  readonly public_key: string;
  readonly private_key: string;
}

/** The small public-key file Taskdeck exports (and imports). */
export const KEY_FILE_FORMAT = 'taskdeck-public-key/1';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const sshString = (b: Buffer): Buffer => Buffer.concat([Buffer.from([0, 0, 0, 0].map((_, i) => (b.length >>> (24 - 8 * i)) & 0xff)), b]);

function rawPublic(key: KeyObject): Buffer {
  return (key.export({ format: 'der', type: 'spki' }) as Buffer).subarray(ED25519_SPKI_PREFIX.length);
}

/** The key as OpenSSH writes it in a .pub file: the wire blob `ssh-ed25519` + raw key, base64. */
function sshBlob(key: KeyObject): Buffer {
  return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(rawPublic(key))]);
}

/** The key's id: its fingerprint as `ssh-keygen -l` prints it (SHA256 of the OpenSSH blob, base64 without padding). */
export function keyIdOf(publicPem: string): string {
  return `SHA256:${createHash('sha256').update(sshBlob(createPublicKey(publicPem))).digest('base64').replace(/=+$/, '')}`;
}

export function openSshLine(publicPem: string, comment: string): string {
  return `ssh-ed25519 ${sshBlob(createPublicKey(publicPem)).toString('base64')}${comment ? ` ${comment.replace(/\s+/g, '_')}` : ''}`;
}

export function generateSigningKey(): KeyPairPem {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const public_key = publicKey.export({ format: 'pem', type: 'spki' }) as string;
  return { key_id: keyIdOf(public_key), public_key, private_key: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string };
}

/** Bytes signed for a payload: a label first, so a signature made for one purpose never verifies for another. */
const signedBytes = (purpose: string, payload: string): Buffer => Buffer.from(`taskdeck-signature-v1\n${purpose}\n${payload}`, 'utf8');

export function signPayload(privatePem: string, purpose: string, payload: string): string {
  return sign(null, signedBytes(purpose, payload), createPrivateKey(privatePem)).toString('base64');
}

/** Whether `signature` (base64) is `publicPem`'s over the payload; anything malformed is simply false. */
export function verifyPayload(publicPem: string, purpose: string, payload: string, signature: string): boolean {
  try {
    const bytes = Buffer.from(signature, 'base64');
    // One text per signature: base64 that decodes to the same bytes in another spelling (its spare bits set) is refused.
    if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
    return verify(null, signedBytes(purpose, payload), createPublicKey(publicPem), bytes);
  } catch {
    return false;
  }
}

/** A public key read from pasted text or a file, with what the file said about itself. */
export interface ParsedPublicKey {
  readonly key_id: string;
  readonly public_key: string;
  readonly kind: 'user' | 'console' | null;
  readonly user_name: string | null;
  readonly console_id: string | null;
  readonly comment: string;
}

const bad = (why: string): AppError => new AppError('validation', `not an Ed25519 public key: ${why}. Paste a Taskdeck key file, an "ssh-ed25519 AAAA…" line or a PEM public key`, { fields: { text: why } });

function ed25519Pem(key: KeyObject): string {
  if (key.asymmetricKeyType !== 'ed25519') throw bad(`it is a ${key.asymmetricKeyType ?? 'unknown'} key`);
  return key.export({ format: 'pem', type: 'spki' }) as string;
}

function fromOpenSsh(line: string): { pem: string; comment: string } {
  const [type, b64, ...rest] = line.trim().split(/\s+/);
  if (type !== 'ssh-ed25519' || !b64) throw bad(`an OpenSSH line must start with ssh-ed25519, not ${type?.slice(0, 20) ?? 'nothing'}`);
  const blob = Buffer.from(b64, 'base64');
  const expected = sshString(Buffer.from('ssh-ed25519'));
  if (blob.length !== expected.length + 36 || !blob.subarray(0, expected.length).equals(expected) || blob.readUInt32BE(expected.length) !== 32) throw bad('the OpenSSH key blob is damaged');
  const raw = blob.subarray(expected.length + 4);
  const pem = ed25519Pem(createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' }));
  return { pem, comment: rest.join(' ') };
}

/** Read a Taskdeck key file, an OpenSSH `ssh-ed25519` line or a PEM public key. Private keys are refused, never read. */
export function parsePublicKey(text: string): ParsedPublicKey {
  const t = text.trim();
  if (/PRIVATE KEY/.test(t)) throw bad('this is a private key; share only the public key file');
  if (t.startsWith('{')) {
    let file: Record<string, unknown>;
    try {
      file = JSON.parse(t) as Record<string, unknown>;
    } catch {
      throw bad('the key file is not valid JSON');
    }
    if (file.format !== KEY_FILE_FORMAT || typeof file.public_key !== 'string') throw bad(`a key file must have format ${KEY_FILE_FORMAT} and a public_key`);
    const inner = parsePublicKey(file.public_key);
    if (typeof file.key_id === 'string' && file.key_id !== inner.key_id) throw bad(`the file says key ${file.key_id} but holds ${inner.key_id}`);
    const kind = file.kind === 'console' || file.kind === 'user' ? file.kind : null;
    return { ...inner, kind, user_name: typeof file.user_name === 'string' ? file.user_name : null, console_id: typeof file.console_id === 'string' ? file.console_id : null };
  }
  let pem: string;
  let comment = '';
  if (t.startsWith('ssh-')) ({ pem, comment } = fromOpenSsh(t));
  else {
    try {
      pem = ed25519Pem(createPublicKey(t));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw bad('the text is not a key in a known form');
    }
  }
  return { key_id: keyIdOf(pem), public_key: pem, kind: null, user_name: null, console_id: null, comment };
}
