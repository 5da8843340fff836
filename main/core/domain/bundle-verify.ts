import { decisionRefusal, decisionRefusalMessage, type DecisionRefusal } from '../../../shared/domain/approver-rule';
import {
  type BundleCheck, type BundleRefusalReason, type BundleReport, DecisionBundle, type DecisionBundleBody, type KeyKind, RequestBundle, type RequestBundleBody,
} from '../../../shared/domain/bundles';
import type { RequestNode } from '../../../shared/domain/processes';
import { type ChangeRequest, expire } from './change-request';
import { canonicalJson, portableContentHash } from './portable-content';
import { verifyPayload } from './signing';

/** What a signature is made for: a request bundle's console signature never verifies as a reviewer's decision. */
export const Purpose = { request: 'request-bundle', decision: 'decision-bundle' } as const;

/** A trust store entry as verification needs it (the newest for a key id, revoked or not). */
export interface TrustEntry {
  readonly key_id: string;
  readonly kind: KeyKind;
  readonly public_key: string;
  readonly user_name: string;
  readonly role: string;
  readonly console_id: string;
  readonly revoked_at: string | null;
}

export type Verdict<T> = { readonly ok: true; readonly report: BundleReport; readonly value: T } | { readonly ok: false; readonly report: BundleReport };

/** The bytes a bundle's signature covers: the body as received, in canonical JSON. */
export const bundlePayload = (body: unknown): string => canonicalJson(body);

/** Collects what was checked; the first refusal ends verification. */
class Checks {
  readonly list: BundleCheck[] = [];
  signer: BundleReport['signer'] = null;
  constructor(readonly kind: BundleReport['kind'], readonly bundleId: string | null, readonly contentHash: string | null) {}
  pass(check: string, detail: string): void {
    this.list.push({ check, ok: true, detail });
  }
  refuse<T>(reason: BundleRefusalReason, check: string, message: string): Verdict<T> {
    this.list.push({ check, ok: false, detail: message });
    return { ok: false, report: this.report({ reason, message }) };
  }
  accept<T>(value: T): Verdict<T> {
    return { ok: true, report: this.report(null), value };
  }
  private report(refusal: BundleReport['refusal']): BundleReport {
    return { kind: this.kind, ok: refusal === null, bundle_id: this.bundleId, signer: this.signer, content_hash: this.contentHash, checks: this.list, refusal };
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; why: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, why: 'the file is not JSON; a .tdbundle is one JSON document' };
  }
}

/** Which kind of bundle the text claims to be, without trusting anything in it. */
export function bundleKind(text: string): 'request' | 'decision' | 'unknown' {
  const j = parseJson(text);
  const kind = j.ok ? (j.value as { body?: { kind?: unknown } } | null)?.body?.kind : undefined;
  return kind === 'request' || kind === 'decision' ? kind : 'unknown';
}

function parse<T extends RequestBundle | DecisionBundle>(text: string, schema: typeof RequestBundle | typeof DecisionBundle, kind: 'request' | 'decision'): { ok: true; bundle: T; raw: { body: unknown } } | { ok: false; verdict: Verdict<never> } {
  const j = parseJson(text);
  if (!j.ok) return { ok: false, verdict: new Checks('unknown', null, null).refuse('malformed', 'format', j.why) };
  const parsed = schema.safeParse(j.value);
  if (!parsed.success) {
    const why = `it is not a ${kind} bundle: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`;
    return { ok: false, verdict: new Checks('unknown', null, null).refuse('malformed', 'format', why) };
  }
  return { ok: true, bundle: parsed.data as T, raw: j.value as { body: unknown } };
}

/** The key, known and not revoked, of the kind expected; else the refusal. */
function checkKey(c: Checks, trust: (keyId: string) => TrustEntry | undefined, keyId: string, kind: KeyKind): TrustEntry | Verdict<never> {
  const entry = trust(keyId);
  if (!entry) return c.refuse('unknown_key', 'key', `key ${keyId} is not in this console's trust store; an admin must import it first`);
  c.signer = { key_id: keyId, kind: entry.kind, user_name: entry.user_name, role: entry.role, console_id: entry.console_id };
  if (entry.revoked_at) return c.refuse('revoked_key', 'key', `key ${keyId} was revoked at ${entry.revoked_at}`);
  if (entry.kind !== kind) return c.refuse('unknown_key', 'key', `key ${keyId} is trusted as a ${entry.kind} key; this bundle needs a ${kind} key`);
  c.pass('key', kind === 'user' ? `key ${keyId} is trusted for ${entry.user_name} as ${entry.role}` : `key ${keyId} is trusted as console ${entry.console_id}`);
  return entry;
}

const isVerdict = (v: TrustEntry | Verdict<never>): v is Verdict<never> => 'report' in v;

const refusalReason: Readonly<Record<DecisionRefusal['code'], BundleRefusalReason>> = { not_waiting: 'not_waiting', own_request: 'own_request', no_node: 'wrong_node', role: 'role', four_eyes: 'four_eyes' };

/** The request's nodes as a bundle describes them: roles, with the decisions given so far. */
export function bundleNodes(b: RequestBundleBody): RequestNode[] {
  return b.request.node_roles.map((role, i) => {
    const d = b.decisions.find((x) => x.node === i);
    return d ? { role, approver: d.approver, decision: d.decision, comment: d.comment, decided_at: d.decided_at } : { role, approver: null, decision: 'pending', comment: null, decided_at: null };
  });
}

export interface RequestBundleContext {
  readonly consoleId: string;
  readonly trust: (keyId: string) => TrustEntry | undefined;
  readonly now: Date;
}

/** Verify a request bundle on the reviewer's console: the home console's signature, the hash over what it shows, every earlier signed decision, its window. */
export function verifyRequestBundle(text: string, ctx: RequestBundleContext): Verdict<RequestBundle> {
  const p = parse<RequestBundle>(text, RequestBundle, 'request');
  if (!p.ok) return p.verdict;
  const { body, signature } = p.bundle;
  const c = new Checks('request', body.bundle_id, body.content_hash);
  c.pass('format', `request bundle for request #${body.request.id} (${body.request.task_name}) from console ${body.origin.console_id}`);
  if (body.origin.console_id === ctx.consoleId) return c.refuse('wrong_console', 'console', 'this bundle comes from this console; review it on another workstation, or decide it here on the request itself');
  if (signature.key_id !== body.origin.key_id) return c.refuse('bad_signature', 'signature', `signed with ${signature.key_id}, but the bundle names ${body.origin.key_id} as its console's key`);
  const key = checkKey(c, ctx.trust, signature.key_id, 'console');
  if (isVerdict(key)) return key;
  if (key.console_id && key.console_id !== body.origin.console_id) return c.refuse('unknown_key', 'key', `key ${key.key_id} is trusted for console ${key.console_id}, not ${body.origin.console_id}`);
  if (!verifyPayload(key.public_key, Purpose.request, bundlePayload(p.raw.body), signature.value)) return c.refuse('bad_signature', 'signature', `the console signature does not verify with key ${key.key_id}: the bundle was altered or signed by another key`);
  c.pass('signature', `signed by console ${body.origin.console_id}`);
  const hash = portableContentHash(body.task);
  if (hash !== body.content_hash) return c.refuse('hash_mismatch', 'hash', `the content hash ${body.content_hash} is not the hash of the task shown (${hash})`);
  c.pass('hash', `sha256 ${hash} over the task type, command, script, client command and ${body.task.targets.length} target(s)`);
  for (const d of body.decisions) {
    const check = `decision ${d.node + 1}`;
    if (d.source !== 'bundle' || !d.signature || !d.key_id || !d.evidence) {
      c.pass(check, `${d.decision} by ${d.approver} on the home console (vouched for by its signature)`);
      continue;
    }
    const known = ctx.trust(d.key_id);
    if (!known) c.pass(check, `${d.decision} by ${d.approver}, signed with key ${d.key_id}, which this console does not know (the home console verified it)`);
    else if (!verifyPayload(known.public_key, Purpose.decision, d.evidence, d.signature)) return c.refuse('bad_signature', check, `the signature of node ${d.node + 1}'s decision does not verify with key ${d.key_id}`);
    else c.pass(check, `${d.decision} by ${d.approver}, signature verified with key ${d.key_id}`);
  }
  if (body.request.state !== 'APPROVING') return c.refuse('not_waiting', 'state', `request #${body.request.id} was ${body.request.state} when exported; nothing waits for a decision`);
  if (ctx.now.getTime() > Date.parse(body.request.approval_deadline)) return c.refuse('expired', 'expiry', `approval had to finish by ${body.request.approval_deadline}`);
  c.pass('state', `waiting at node ${body.request.current_node + 1} of ${body.request.node_roles.length} (${body.request.node_roles[body.request.current_node] ?? '?'}) until ${body.request.approval_deadline}`);
  return c.accept(p.bundle);
}

/** Why the holder of `keyId` may not decide the bundle's waiting node on the home console's terms, or null. */
export function reviewerRefusal(body: RequestBundleBody, keyId: string | null): { reason: BundleRefusalReason; message: string } | null {
  if (!keyId) return { reason: 'unknown_key', message: 'you have no signing key; create one under Keys, and have the home console\'s admin trust its public key file' };
  const role = body.request.node_roles[body.request.current_node];
  const approver = body.approvers.find((a) => a.key_id === keyId && a.role === role);
  if (!approver) return { reason: 'unknown_key', message: `the home console does not trust your key ${keyId} for the ${role ?? '?'} role; send your public key file to its admin` };
  const refusal = decisionRefusal({ state: 'APPROVING', requester: body.request.requester, current_node: body.request.current_node, nodes: bundleNodes(body) }, { user_name: approver.user_name, roles: [approver.role] });
  return refusal && { reason: refusalReason[refusal.code], message: decisionRefusalMessage(refusal) };
}

/** The request a decision bundle names, as the home console holds it now. */
export interface HomeRequest {
  readonly machine: ChangeRequest;
  readonly content_hash: string;
  readonly hash_version: number;
  /** The hash of the task and hosts as they stand now, in the request's hash version. */
  readonly current_hash: string;
}

export interface DecisionContext {
  readonly consoleId: string;
  readonly trust: (keyId: string) => TrustEntry | undefined;
  readonly applied: (bundleId: string) => boolean;
  readonly request: (id: number) => HomeRequest | undefined;
  readonly now: Date;
}

export interface VerifiedDecision {
  readonly body: DecisionBundleBody;
  readonly signature: string;
  readonly key: TrustEntry;
  /** The body as signed, kept with the decision so its signature can be checked again. */
  readonly evidence: string;
  readonly actor: { readonly user_name: string; readonly roles: readonly string[] };
}

/**
 * Verify a decision bundle at home, in order: format, console, key, signature, replay, request
 * state and window, hash against the request as it stands now, node order, then the local rule for
 * who may decide (the key's user and role from this trust store, never what the bundle claims).
 */
export function verifyDecisionBundle(text: string, ctx: DecisionContext): Verdict<VerifiedDecision> {
  const p = parse<DecisionBundle>(text, DecisionBundle, 'decision');
  if (!p.ok) return p.verdict;
  const { body, signature } = p.bundle;
  const c = new Checks('decision', body.bundle_id, body.content_hash);
  c.pass('format', `${body.decision} of request #${body.request_id}, node ${body.node + 1}, by ${body.reviewer} on console ${body.review_console}`);
  if (body.for_console !== ctx.consoleId) return c.refuse('wrong_console', 'console', `this decision is for console ${body.for_console}; this is ${ctx.consoleId}`);
  c.pass('console', 'meant for this console');
  const key = checkKey(c, ctx.trust, signature.key_id, 'user');
  if (isVerdict(key)) return key;
  const evidence = bundlePayload(p.raw.body);
  if (!verifyPayload(key.public_key, Purpose.decision, evidence, signature.value)) return c.refuse('bad_signature', 'signature', `the signature does not verify with key ${key.key_id}: the bundle was altered or signed by another key`);
  c.pass('signature', `signed with ${key.key_id}`);
  if (ctx.applied(body.bundle_id)) return c.refuse('replayed', 'replay', `decision bundle ${body.bundle_id} was applied already; a decision counts once`);
  c.pass('replay', 'not applied before');
  const req = ctx.request(body.request_id);
  if (!req) return c.refuse('not_waiting', 'state', `request #${body.request_id} does not exist on this console`);
  const m = req.machine;
  const expired = expire(m, ctx.now);
  if (expired !== m || (m.state === 'APPROVING' && Date.parse(body.signed_at) > Date.parse(m.approval_deadline))) {
    return c.refuse('expired', 'expiry', `approval of request #${body.request_id} had to finish by ${m.approval_deadline}`);
  }
  if (m.state !== 'APPROVING') return c.refuse('not_waiting', 'state', `request #${body.request_id} is ${m.state}; nothing waits for a decision`);
  c.pass('state', `request #${body.request_id} waits at node ${m.current_node + 1} until ${m.approval_deadline}`);
  if (req.hash_version !== 2) return c.refuse('hash_mismatch', 'hash', `request #${body.request_id} was made before portable hashes; it can only be decided on this console`);
  if (body.content_hash !== req.content_hash) return c.refuse('hash_mismatch', 'hash', `the decision was given on content ${body.content_hash}; the request is bound to ${req.content_hash}`);
  if (req.current_hash !== req.content_hash) return c.refuse('hash_mismatch', 'hash', `the task or its hosts changed since the request was made (now ${req.current_hash}); the decision is void`);
  c.pass('hash', `the task as it stands now hashes to ${req.content_hash}, as reviewed`);
  if (body.node !== m.current_node) return c.refuse('wrong_node', 'node', `the decision is for node ${body.node + 1}; the request waits at node ${m.current_node + 1}`);
  c.pass('node', `node ${body.node + 1} of ${m.nodes.length} (${m.nodes[body.node]?.role ?? '?'})`);
  const actor = { user_name: key.user_name, roles: [key.role] };
  const refusal = decisionRefusal(m, actor, body.decision === 'approved' ? 'approve' : 'reject');
  if (refusal) return c.refuse(refusalReason[refusal.code], 'approver', `${key.user_name} (${key.role}, by the trust store): ${decisionRefusalMessage(refusal, body.decision === 'approved' ? 'approve' : 'reject')}`);
  c.pass('approver', `${key.user_name} may ${body.decision === 'approved' ? 'approve' : 'reject'} node ${body.node + 1} as ${key.role}`);
  return c.accept({ body, signature: signature.value, key, evidence, actor });
}
