import { randomUUID } from 'node:crypto';
import { AppError, type ErrorCode, notFound } from '../../../shared/api/errors';
import type { BundleRefusalReason, BundleReport, DecisionBundleBody, KeyFile, RequestBundleBody, ReviewView } from '../../../shared/domain/bundles';
import { BUNDLE_FORMAT, RequestBundleBody as RequestBundleSchema } from '../../../shared/domain/bundles';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import { bundleKind, bundlePayload, type HomeRequest, Purpose, reviewerRefusal, verifyDecisionBundle, verifyRequestBundle } from '../domain/bundle-verify';
import { HashVersion, portableContent } from '../domain/portable-content';
import { machineOf, type RequestRow } from '../store/requests-repo';
import type { ReviewRow } from '../store/reviews-repo';
import type { Store } from '../store/store';
import { taskContentHash } from './approval-gate';
import type { AuditService } from './audit-service';
import type { KeysService } from './keys-service';
import type { RequestsService } from './requests-service';

/** How a refusal answers over the API: a bundle that cannot be read is 400, an untrusted signer 403, the rest 409. */
const refusalCode: Readonly<Record<BundleRefusalReason, ErrorCode>> = {
  malformed: 'validation', unknown_key: 'forbidden', revoked_key: 'forbidden', bad_signature: 'forbidden', own_request: 'forbidden', role: 'forbidden', four_eyes: 'forbidden',
  wrong_console: 'conflict', hash_mismatch: 'conflict', not_waiting: 'conflict', expired: 'conflict', replayed: 'conflict', wrong_node: 'conflict',
};

export interface ImportResult {
  kind: 'request' | 'decision';
  report: BundleReport;
  request: ChangeRequestView | null;
  review: ReviewView | null;
}

const safeName = (s: string): string => s.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);

/**
 * Offline review. At home: export a request as a signed bundle, and apply a decision bundle under
 * the local rules once it verifies. On the reviewer's console: import a request bundle read-only and
 * answer it with a decision bundle signed by the reviewer's key. Every refusal is audited with its reason.
 */
export class BundlesService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly keys: KeysService,
    private readonly requests: RequestsService,
  ) {}

  /** The request as a bundle signed by this console, with its portable content, earlier decisions and the approvers trusted here. */
  exportRequest(caller: User, id: number): KeyFile {
    const row = this.requests.row(id);
    if (row.hash_version !== HashVersion.portable) {
      throw new AppError('conflict', `request #${id} was made before portable hashes (its hash names local hosts by id); decide it on this console, or start the task again for a new request`);
    }
    const body = this.requestBody(row, caller.user_name);
    const signature = this.keys.sign('console', this.keys.consoleId(), Purpose.request, bundlePayload(body));
    this.store.tx(() => this.audit.record(caller.user_name, 'request.exported', 'request', id, { bundle_id: body.bundle_id, content_hash: row.content_hash, state: row.state }));
    return { file_name: `request-${id}-${safeName(row.task_name)}.tdbundle`, content: JSON.stringify({ format: BUNDLE_FORMAT, body, signature }, null, 2) + '\n' };
  }

  /** A read-only report of every signature and the hash; nothing is stored or applied. */
  verify(text: string): BundleReport {
    const kind = bundleKind(text);
    if (kind === 'request') return verifyRequestBundle(text, this.requestContext()).report;
    return verifyDecisionBundle(text, this.decisionContext()).report;
  }

  /** Import either kind: a request bundle opens a review here; a decision bundle is applied to its request. */
  import(caller: User, text: string): ImportResult {
    return bundleKind(text) === 'request' ? this.importForReview(caller, text) : this.importDecision(caller, text);
  }

  listReviews(caller: User): ReviewView[] {
    return this.store.reviews.list().map((r) => this.reviewView(r, caller));
  }

  getReview(caller: User, id: number): ReviewView {
    return this.reviewView(this.review(id), caller);
  }

  /** Decide a review with the caller's key: the signed decision bundle to carry home. */
  decideReview(caller: User, id: number, decision: 'approved' | 'rejected', comment: string): { review: ReviewView; file: KeyFile } {
    const r = this.review(id);
    const body = RequestBundleSchema.parse(JSON.parse(r.bundle));
    if (r.decision) this.refuse(caller, 'replayed', 'request', body.bundle_id, `this review was ${r.decision} by ${r.decided_by} at ${r.decided_at}; a node is decided once`);
    if (this.clock.now().getTime() > Date.parse(body.request.approval_deadline)) this.refuse(caller, 'expired', 'request', body.bundle_id, `approval had to finish by ${body.request.approval_deadline}`);
    const key = this.keys.mine(caller.user_name);
    const refusal = reviewerRefusal(body, key?.key_id ?? null);
    if (refusal) this.refuse(caller, refusal.reason, 'request', body.bundle_id, refusal.message);
    const decisionBody: DecisionBundleBody = {
      kind: 'decision', format_version: 1, bundle_id: randomUUID(), for_console: body.origin.console_id, request_id: body.request.id, request_bundle_id: body.bundle_id,
      content_hash: body.content_hash, node: body.request.current_node, decision, comment: comment.trim(), signed_at: this.clock.now().toISOString(),
      reviewer: caller.user_name, review_console: this.keys.consoleId(),
    };
    const signature = this.keys.sign('user', caller.user_name, Purpose.decision, bundlePayload(decisionBody));
    const content = JSON.stringify({ format: BUNDLE_FORMAT, body: decisionBody, signature }, null, 2) + '\n';
    this.store.tx(() => {
      if (!this.store.reviews.decide(id, { decision, decision_bundle: content, decided_by: caller.user_name, decided_at: decisionBody.signed_at })) throw new AppError('conflict', 'this review was decided meanwhile');
      this.audit.record(caller.user_name, 'review.decided', 'review', id, { decision, request_id: body.request.id, origin_console: body.origin.console_id, key_id: signature.key_id, bundle_id: decisionBody.bundle_id });
    });
    return { review: this.getReview(caller, id), file: { file_name: `decision-${body.request.id}-node${body.request.current_node + 1}.tdbundle`, content } };
  }

  decisionFile(id: number): KeyFile {
    const r = this.review(id);
    if (!r.decision_bundle) throw new AppError('conflict', 'this review has no decision yet');
    return { file_name: `decision-${r.origin_request_id}-node${r.node + 1}.tdbundle`, content: r.decision_bundle };
  }

  private importForReview(caller: User, text: string): ImportResult {
    const v = verifyRequestBundle(text, this.requestContext());
    if (!v.ok) this.refuseReport(caller, v.report);
    const body = v.value.body;
    const existing = this.store.reviews.find(body.origin.console_id, body.request.id, body.content_hash, body.request.current_node);
    const row = existing ?? this.store.tx(() => {
      const inserted = this.store.reviews.insert({
        origin_console: body.origin.console_id, origin_request_id: body.request.id, content_hash: body.content_hash, node: body.request.current_node,
        bundle: JSON.stringify(body), imported_by: caller.user_name, imported_at: this.clock.now().toISOString(),
      });
      this.audit.record(caller.user_name, 'review.imported', 'review', inserted.id, { origin_console: body.origin.console_id, request_id: body.request.id, bundle_id: body.bundle_id, content_hash: body.content_hash });
      return inserted;
    });
    return { kind: 'request', report: v.report, request: null, review: this.reviewView(row, caller) };
  }

  private importDecision(caller: User, text: string): ImportResult {
    const v = verifyDecisionBundle(text, this.decisionContext());
    if (!v.ok) this.refuseReport(caller, v.report);
    const { body, key, signature, evidence, actor } = v.value;
    this.requests.applySignedDecision(actor, body.request_id, body.decision, body.comment, {
      source: 'bundle', signature, key_id: key.key_id, bundle_id: body.bundle_id, signed_at: body.signed_at, evidence,
    }, { via: 'bundle', bundle_id: body.bundle_id, key_id: key.key_id, imported_by: caller.user_name, review_console: body.review_console });
    return { kind: 'decision', report: v.report, request: this.requests.get(caller, body.request_id), review: null };
  }

  private requestBody(row: RequestRow, exportedBy: string): RequestBundleBody {
    const snap = JSON.parse(row.task_snapshot) as { type: RequestBundleBody['task']['type']; command: string; script: string; client_command: string; cron_expression: string; hosts: { name: string; host: string; host_key?: string | null; client_command?: string }[] };
    const content = portableContent(snap, snap.hosts.map((h) => ({ name: h.name, host: h.host, host_key_pinned: h.host_key ?? null, client_command: h.client_command ?? '' })));
    const m = machineOf(row);
    const process = JSON.parse(row.process_snapshot) as { name: string; task_type: RequestBundleBody['process']['task_type'] };
    return {
      kind: 'request', format_version: 1, bundle_id: randomUUID(),
      origin: { console_id: this.keys.consoleId(), key_id: this.keys.consoleKey().key_id },
      exported_at: this.clock.now().toISOString(), exported_by: exportedBy,
      request: {
        id: row.id, task_name: row.task_name, requester: row.requester, state: row.state, risk_level: row.risk_level, current_node: row.current_node,
        node_roles: m.nodes.map((n) => n.role), strategy: m.strategy, validity: m.validity, approval_deadline: row.approval_deadline, created_at: row.created_at,
      },
      task: { ...content, type: snap.type, targets: [...content.targets], cron_expression: snap.cron_expression },
      process: { name: process.name, task_type: process.task_type },
      statements: JSON.parse(row.statements),
      hash_version: 2, content_hash: row.content_hash,
      decisions: row.decisions.map((d) => ({ node: d.node, approver: d.approver, decision: d.decision, comment: d.comment, decided_at: d.decided_at, content_hash: d.content_hash, signature: d.signature, key_id: d.key_id, source: d.source, signed_at: d.signed_at, evidence: d.evidence })),
      approvers: this.keys.approvers(m.nodes.slice(m.current_node).map((n) => n.role)),
    };
  }

  private requestContext() {
    return { consoleId: this.keys.consoleId(), trust: (k: string) => this.keys.trustEntry(k), now: this.clock.now() };
  }

  private decisionContext() {
    return {
      consoleId: this.keys.consoleId(), trust: (k: string) => this.keys.trustEntry(k), now: this.clock.now(),
      applied: (bundleId: string) => this.store.requests.hasBundle(bundleId),
      request: (id: number) => this.homeRequest(id),
    };
  }

  /** The request as it stands now, with the hash of its task and hosts now (a deleted task hashes to nothing it could match). */
  private homeRequest(id: number): HomeRequest | undefined {
    const row = this.store.requests.get(id);
    if (!row) return undefined;
    const task = row.task_id ? this.store.tasks.get(row.task_id) : undefined;
    const current_hash = task ? taskContentHash(row.hash_version, task, this.requests.approvedHosts(row)) : 'the task was deleted';
    return { machine: machineOf(row), content_hash: row.content_hash, hash_version: row.hash_version, current_hash };
  }

  private reviewView(r: ReviewRow, caller: User): ReviewView {
    const bundle = RequestBundleSchema.parse(JSON.parse(r.bundle));
    const expired = this.clock.now().getTime() > Date.parse(bundle.request.approval_deadline);
    const why_not = r.decision ? `${r.decision} by ${r.decided_by}` : expired ? `approval had to finish by ${bundle.request.approval_deadline}` : (reviewerRefusal(bundle, this.keys.mine(caller.user_name)?.key_id ?? null)?.message ?? null);
    return {
      id: r.id, origin_console: r.origin_console, origin_request_id: r.origin_request_id, content_hash: r.content_hash, node: r.node, imported_by: r.imported_by,
      imported_at: r.imported_at, decision: r.decision, decided_by: r.decided_by, decided_at: r.decided_at, bundle, can_decide: why_not === null, why_not,
    };
  }

  private review(id: number): ReviewRow {
    const r = this.store.reviews.get(id);
    if (!r) throw notFound('review', id);
    return r;
  }

  private refuseReport(caller: User, report: BundleReport): never {
    const refusal = report.refusal ?? { reason: 'malformed' as const, message: 'the bundle was refused' };
    this.refuse(caller, refusal.reason, report.kind, report.bundle_id, refusal.message, report);
  }

  /** Audit the refusal with its reason, then answer it as an error naming the reason. */
  private refuse(caller: User, reason: BundleRefusalReason, kind: string, bundleId: string | null, message: string, report?: BundleReport): never {
    this.store.tx(() => this.audit.record(caller.user_name, 'bundle.refused', 'bundle', bundleId, { reason, kind, message }));
    throw new AppError(refusalCode[reason], message, { reason, ...(report ? { report } : {}) });
  }
}
