import { z } from 'zod';
import { Id, Timestamp } from './common';
import { ExecutionStrategy, TaskTypeName, Validity } from './processes';
import { ClassifiedStatement, RequestDecisionRecord } from './requests';

/** Offline approval review: signing keys, the trust store, request and decision bundles, and what verifying one found. */

export const KeyKind = z.enum(['user', 'console']);
export type KeyKind = z.infer<typeof KeyKind>;

/** A signing key as anyone may see it: never its private half. */
export const SigningKeyView = z.object({
  key_id: z.string().describe('SHA256 fingerprint of the public key, as ssh-keygen -l prints it'),
  kind: KeyKind,
  owner: z.string().describe('the user name; for the console key, the console id'),
  public_key: z.string().describe('SPKI PEM'),
  openssh: z.string().describe('the same key as an OpenSSH ssh-ed25519 line'),
  created_at: Timestamp,
});
export type SigningKeyView = z.infer<typeof SigningKeyView>;

export const KeyFile = z.object({ file_name: z.string(), content: z.string() });
export type KeyFile = z.infer<typeof KeyFile>;

export const TrustedKey = z.object({
  id: Id,
  key_id: z.string(),
  kind: KeyKind,
  /** user keys: the user and role a decision signed with it counts as on this console. */
  user_name: z.string(),
  role: z.string(),
  /** console keys: the console whose request bundles it signs. */
  console_id: z.string(),
  label: z.string(),
  public_key: z.string(),
  added_by: z.string(),
  added_at: Timestamp,
  revoked_by: z.string().nullable(),
  revoked_at: Timestamp.nullable(),
});
export type TrustedKey = z.infer<typeof TrustedKey>;

export const TrustAdd = z.object({
  text: z.string().min(1, 'paste a key file, an ssh-ed25519 line or a PEM public key').max(16 * 1024, 'a public key is at most 16 KiB of text'),
  kind: KeyKind.optional().describe('default: what the key file says, else user'),
  user_name: z.string().trim().max(128).optional().describe('user keys: who a decision signed with it counts as here'),
  role: z.string().trim().max(64).optional().describe('user keys: the role it approves with here'),
  console_id: z.string().trim().max(64).optional().describe('console keys: default what the key file says'),
  label: z.string().trim().max(200).default(''),
});

// ---- bundles ----

export const BundleSignature = z.strictObject({ key_id: z.string().max(100), value: z.string().max(200) });

export const PortableTarget = z.strictObject({ name: z.string(), address: z.string(), host_key: z.string().nullable(), client_command: z.string() });

/** An approver the home console trusts, so the reviewer's console can tell who may sign before anyone tries. */
export const BundleApprover = z.strictObject({ key_id: z.string(), user_name: z.string(), role: z.string() });

export const RequestBundleBody = z.strictObject({
  kind: z.literal('request'),
  format_version: z.literal(1),
  bundle_id: z.uuid(),
  origin: z.strictObject({ console_id: z.string(), key_id: z.string() }),
  exported_at: Timestamp,
  exported_by: z.string(),
  request: z.strictObject({
    id: Id, task_name: z.string(), requester: z.string(), state: z.string(), risk_level: z.number().int(), current_node: z.number().int().min(0),
    node_roles: z.array(z.string()), strategy: ExecutionStrategy, validity: Validity, approval_deadline: Timestamp, created_at: Timestamp,
  }),
  task: z.strictObject({
    type: TaskTypeName, command: z.string(), script: z.string(), client_command: z.string(), cron_expression: z.string(), targets: z.array(PortableTarget),
  }),
  process: z.strictObject({ name: z.string(), task_type: TaskTypeName }),
  statements: z.array(ClassifiedStatement),
  hash_version: z.literal(2),
  content_hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Decisions already given; a bundle decision carries its signed body (`evidence`) for anyone to check. */
  decisions: z.array(RequestDecisionRecord.extend({ evidence: z.string().nullable() })),
  approvers: z.array(BundleApprover),
});
export type RequestBundleBody = z.infer<typeof RequestBundleBody>;

export const DecisionBundleBody = z.strictObject({
  kind: z.literal('decision'),
  format_version: z.literal(1),
  bundle_id: z.uuid(),
  /** The console the request lives on: a decision is applied there and nowhere else. */
  for_console: z.string(),
  request_id: Id,
  /** The request bundle it answers. */
  request_bundle_id: z.uuid(),
  content_hash: z.string().regex(/^[0-9a-f]{64}$/),
  node: z.number().int().min(0),
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().max(1000),
  signed_at: Timestamp,
  /** Who signed, as the reviewer's console knows them; the home console goes by its own trust store. */
  reviewer: z.string(),
  review_console: z.string(),
});
export type DecisionBundleBody = z.infer<typeof DecisionBundleBody>;

export const BUNDLE_FORMAT = 'taskdeck-bundle';
export const RequestBundle = z.strictObject({ format: z.literal(BUNDLE_FORMAT), body: RequestBundleBody, signature: BundleSignature });
export const DecisionBundle = z.strictObject({ format: z.literal(BUNDLE_FORMAT), body: DecisionBundleBody, signature: BundleSignature });
export type RequestBundle = z.infer<typeof RequestBundle>;
export type DecisionBundle = z.infer<typeof DecisionBundle>;

/** Why a bundle was refused: each a distinct, audited reason. */
export const BundleRefusalReason = z.enum([
  'malformed', 'wrong_console', 'unknown_key', 'revoked_key', 'bad_signature', 'hash_mismatch', 'not_waiting', 'expired', 'replayed', 'wrong_node', 'own_request', 'role', 'four_eyes',
]);
export type BundleRefusalReason = z.infer<typeof BundleRefusalReason>;

export const BundleCheck = z.object({
  check: z.string().describe('what was checked: format, console, key, signature, hash, replay, state, expiry, node, approver, decision N'),
  ok: z.boolean(),
  detail: z.string(),
});
export type BundleCheck = z.infer<typeof BundleCheck>;

/** What verifying a bundle found, before (and whether or not) anything is applied. */
export const BundleReport = z.object({
  kind: z.enum(['request', 'decision', 'unknown']),
  ok: z.boolean(),
  bundle_id: z.string().nullable(),
  signer: z.object({ key_id: z.string(), kind: KeyKind.nullable(), user_name: z.string(), role: z.string(), console_id: z.string() }).nullable(),
  content_hash: z.string().nullable(),
  checks: z.array(BundleCheck),
  refusal: z.object({ reason: BundleRefusalReason, message: z.string() }).nullable(),
});
export type BundleReport = z.infer<typeof BundleReport>;

export const BundleText = z.object({ content: z.string().min(1, 'the bundle is empty').max(1_900_000, 'a bundle is at most about 1.9 MB') });

/** A request bundle imported for review: read-only here, no hosts needed. */
export const ReviewView = z.object({
  id: Id,
  origin_console: z.string(),
  origin_request_id: z.number().int(),
  content_hash: z.string(),
  node: z.number().int(),
  imported_by: z.string(),
  imported_at: Timestamp,
  decision: z.enum(['approved', 'rejected']).nullable(),
  decided_by: z.string().nullable(),
  decided_at: Timestamp.nullable(),
  bundle: RequestBundleBody,
  /** Whether the caller's key may decide the node waiting (and why not). */
  can_decide: z.boolean(),
  why_not: z.string().nullable(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const ReviewDecide = z.object({ id: Id, decision: z.enum(['approved', 'rejected']), comment: z.string().max(1000).default('') });
