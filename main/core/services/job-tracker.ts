import { AppError, notFound } from '../../../shared/api/errors';
import { isFinished, type JobNode, type JobState, type JobSubject, type StepType } from '../../../shared/domain/jobs';
import type { ServerWords } from '../../../shared/domain/server-words';
import type { Clock } from '../clock';
import { bfs, checkAddChild, checkTransition, foldDecision, isFailure, planEnd } from '../domain/job-tree';
import type { JobIdGenerator } from '../domain/job-id';
import type { Disposable } from '../emitter';
import type { Caller } from './auth-service';
import { type JobInsert, type JobRow, toJobNode, wordsWritten } from '../store/jobs-repo';
import type { Store } from '../store/store';

/** What a job or step is, as its tracker begins it. Steps inherit module, owner and user_started from their job. */
export interface NodeBegin {
  /** English, kept for REST, the CLI and plug-ins. */
  readonly description: string;
  /** Taskdeck's own nodes: the description's words (jobText builds both), shown in the reader's language. */
  readonly words?: ServerWords;
  readonly type?: string;
  readonly scope?: string;
  readonly step_type?: StepType;
  readonly action_type?: string;
  readonly owner?: string;
  readonly is_abortable?: boolean;
  /** Hidden from list_module_tasks by default. Steps default to internal (Scylla: a task under a regular task is). */
  readonly internal?: boolean;
  readonly external?: boolean;
  readonly external_type?: string;
  readonly instance_id?: string;
  /** Begin already running (oVirt creates steps STARTED). */
  readonly running?: boolean;
  /** What the node is about (the task fired, the request executed), for links. */
  readonly subject?: JobSubject;
  /** An id taken earlier with `newId` (a run's id, known before its job is written). */
  readonly id?: string;
}

export interface JobBegin extends NodeBegin {
  readonly module: string;
  readonly type: string;
  readonly scope: string;
  readonly owner: string;
  readonly user_started: boolean;
  readonly is_abortable: boolean;
  readonly internal: boolean;
  /** Begin under this job or step instead of as a job (a run started inside a plug-in's job). */
  readonly parent_id?: string;
  /** false: the job stays until cleared. Default true. */
  readonly auto_cleared?: boolean;
}

/** Decides and does what aborting a node means; throws (e.g. forbidden) before doing anything it may not. */
export type AbortHandler = (caller: Caller) => Promise<void> | void;

export type EndState = Exclude<JobState, 'created' | 'running'>;

/** A node being tracked by the work it stands for. Calls after the node ended (e.g. it was aborted) do nothing. */
export interface JobHandle {
  readonly id: string;
  readonly rootId: string;
  step(o: NodeBegin): JobHandle;
  start(): void;
  progress(completed: number, total?: number, units?: string): void;
  end(state: EndState, error?: string): void;
  /** Register what aborting this node does (abortable work only). */
  onAbort(fn: AbortHandler): Disposable;
}

/** One change to one tree, for the coalesced `job.changed` event. */
export interface TreeChange {
  readonly root_id: string;
  readonly nodes: readonly JobNode[];
  readonly removed: readonly string[];
  /**
   * Nodes changed as a consequence (a parent a child folded into): not read back here, once per
   * end; whoever sends the change reads their state then, once for however many ends came meanwhile.
   */
  readonly touched?: readonly string[];
}

export interface EndOptions {
  readonly force?: boolean;
  /** How forced descendants end: aborted by default, unknown after a crash. */
  readonly descendantsAs?: EndState;
  /** When the node's work started, for a node whose start was never written (it ended first). */
  readonly startedMs?: number;
}

/**
 * The write side of the job tree: begin, start, progress, end (with folding). Taskdeck's services
 * track their work through handles; the REST views call the same methods.
 */
export class JobTracker {
  private readonly abortHandlers = new Map<string, Set<AbortHandler>>();
  private readonly endWaiters = new Map<string, Set<(node: JobNode) => void>>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: JobIdGenerator,
    private readonly onChange: (change: TreeChange) => void,
  ) {}

  /** A job id for a job begun later in this turn (time-ordered as any other). */
  newId(): string {
    return this.ids.next(this.clock.now().getTime());
  }

  begin(o: JobBegin): JobHandle {
    if (o.parent_id !== undefined) return this.handle(this.addChild(o.parent_id, o));
    const ms = this.clock.now().getTime();
    const id = o.id ?? this.ids.next(ms);
    const node = this.tx(() =>
      this.inserted({
        id, module: o.module, parent_id: null, root_id: id, sequence_number: this.store.jobs.nextSequence(o.module), type: o.type, scope: o.scope,
        step_type: null, number: 0, description: o.description, action_type: o.action_type ?? '', owner: o.owner, state: o.running ? 'running' : 'created',
        external: o.external ? 1 : 0, external_type: o.external_type ?? null, auto_cleared: o.auto_cleared === false ? 0 : 1, is_abortable: o.is_abortable ? 1 : 0,
        internal: o.internal ? 1 : 0, user_started: o.user_started ? 1 : 0, created_ms: ms, started_ms: o.running ? ms : null, ended_ms: null, updated_ms: ms,
        error: null, instance_id: o.instance_id ?? null, subject_kind: o.subject?.kind ?? null, subject_id: o.subject?.id ?? null, words: wordsJson(o),
      }));
    this.onChange({ root_id: id, nodes: [node], removed: [] });
    return this.handleOf(id, id);
  }

  /** A step under a job or step; refused (409) under a finished one, 404 for an unknown parent. */
  addChild(parentId: string, o: NodeBegin): string {
    return this.addChildren(parentId, [o])[0]!;
  }

  /** Steps under one parent (a run's host children) as one change: the parent is read and reported once, however many. */
  addChildren(parentId: string, list: readonly NodeBegin[]): string[] {
    const ms = this.clock.now().getTime();
    const nodes = this.tx(() => {
      const parent = this.row(parentId);
      checkAddChild(parent);
      const last = this.store.jobs.claimChildNumbers(parent.id, list.length);
      const children = list.map((o, i) => this.inserted(childRow(parent, o, o.id ?? this.ids.next(ms), last - list.length + 1 + i, ms)));
      // A parent's first children are all it has (a run's steps, its hosts): nothing to read back.
      const updated = { ...parent, children_added: last };
      return [...children, parent.children_added === 0 ? toJobNode(updated, children.map((c) => c.id)) : this.snapshot(updated)];
    });
    this.onChange({ root_id: nodes[0]!.root_id, nodes, removed: [] });
    return nodes.slice(0, -1).map((n) => n.id);
  }

  /** A handle on an existing node (correlation: a run started inside a plug-in's job or step). 404 if unknown. */
  handle(id: string): JobHandle {
    return this.handleOf(id, this.row(id).root_id);
  }

  start(id: string): JobNode {
    return this.report(this.tx(() => {
      const row = this.row(id);
      checkTransition(row, 'running');
      return this.started(row);
    }))!;
  }

  /**
   * Start a node that has not started yet; nothing if it has, ended, or is gone (one read).
   * `startedMs`: when its work started, if earlier (a start written behind the work).
   */
  startIfCreated(id: string, startedMs?: number): void {
    this.report(this.tx(() => {
      const row = this.store.jobs.get(id);
      return row?.state === 'created' ? this.started(row, startedMs) : undefined;
    }));
  }

  /** Start many nodes (a run's hosts) in one statement, each at the time its work started; those not waiting to start are left as they are. */
  startMany(starts: readonly (readonly [id: string, startedMs: number])[]): void {
    if (!starts.length) return;
    const rows = this.tx(() => this.store.jobs.startMany(starts, this.clock.now().getTime()));
    if (!rows.length) return;
    // Leaves started together are reported together, per tree.
    for (const [rootId, nodes] of groupBy(rows.map((r) => this.snapshot(r)), (n) => n.root_id)) this.onChange({ root_id: rootId, nodes, removed: [] });
  }

  /**
   * End children of one parent done (a run's hosts that succeeded) in one statement each way: those
   * that fold away at once (unfinished leaves that never failed) are removed and counted into the
   * parent. Returns the ids ended so; the caller ends the rest one by one (`endIfUnfinished`).
   */
  endFoldingLeaves(parentId: string, ids: readonly string[]): Set<string> {
    if (!ids.length) return new Set();
    const ms = this.clock.now().getTime();
    const gone = this.tx(() => {
      const rows = this.store.jobs.deleteFoldingLeaves(parentId, ids);
      if (rows.length) this.store.jobs.addFolded(parentId, 'done', ms, rows.length);
      return rows;
    });
    if (!gone.length) return new Set();
    this.onChange({ root_id: gone[0]!.root_id, nodes: [], removed: gone.map((r) => r.id), touched: [parentId] });
    for (const r of gone) {
      // Only a waiter needs the node as it ended.
      if (this.endWaiters.has(r.id)) this.settle(toJobNode({ ...r, state: 'done', ended_ms: ms, started_ms: r.started_ms ?? ms, updated_ms: ms }, []));
      else this.abortHandlers.delete(r.id);
    }
    return new Set(gone.map((r) => r.id));
  }

  /** The tracker's clock, in epoch ms (for times its callers note before they are written). */
  nowMs(): number {
    return this.clock.now().getTime();
  }

  progress(id: string, completed: number, total?: number, units?: string): void {
    this.progressOf(id, completed, total, units, false);
  }

  /** Progress of a node that may have ended meanwhile (aborted from outside): nothing then. */
  progressIfUnfinished(id: string, completed: number, total?: number, units?: string): void {
    this.progressOf(id, completed, total, units, true);
  }

  private progressOf(id: string, completed: number, total: number | undefined, units: string | undefined, unlessEnded: boolean): void {
    if (!Number.isFinite(completed) || (total !== undefined && !Number.isFinite(total))) throw new AppError('validation', 'progress must be finite numbers');
    this.report(this.tx(() => {
      const row = unlessEnded ? this.store.jobs.get(id) : this.row(id);
      if (!row || (unlessEnded && isFinished(row.state))) return undefined;
      if (isFinished(row.state)) throw new AppError('conflict', `job ${id} already ended; its progress no longer changes`);
      const ms = this.clock.now().getTime();
      this.store.jobs.setProgress(id, completed, total, units, ms);
      return this.snapshot({ ...row, progress_completed: completed, progress_total: total ?? row.progress_total, progress_units: units ?? row.progress_units, updated_ms: ms });
    }));
  }

  private started(row: JobRow, startedMs?: number): JobNode {
    const ms = this.clock.now().getTime();
    const at = startedMs ?? ms;
    this.store.jobs.setStarted(row.id, ms, at);
    return this.snapshot({ ...row, state: 'running', started_ms: at, updated_ms: ms });
  }

  /** One node's change, sent on; returns it. */
  private report(node: JobNode | undefined): JobNode | undefined {
    if (node) this.onChange({ root_id: node.root_id, nodes: [node], removed: [] });
    return node;
  }

  /**
   * End a node. Unfinished descendants refuse it (409 naming them) unless `force`, which ends them
   * first (deepest first, aborted unless told otherwise). Returns the node as it ended (before folding).
   */
  end(id: string, state: EndState, error: string | null, o: EndOptions = {}): JobNode {
    return this.endUnlessEnded(id, state, error, o, false)!;
  }

  /** End a node unless it already ended or is gone (one read): the work behind it ending, whoever ended it first. */
  endIfUnfinished(id: string, state: EndState, error: string | null, o: EndOptions = {}): JobNode | undefined {
    return this.endUnlessEnded(id, state, error, o, true);
  }

  /** Resolves with the node as it ended; `dispose` gives up waiting. */
  whenEnded(id: string, resolve: (node: JobNode) => void): Disposable {
    let set = this.endWaiters.get(id);
    if (!set) this.endWaiters.set(id, (set = new Set()));
    set.add(resolve);
    return {
      dispose: () => {
        set.delete(resolve);
        if (!set.size && this.endWaiters.get(id) === set) this.endWaiters.delete(id);
      },
    };
  }

  abortHandlersOf(ids: readonly string[]): AbortHandler[] {
    return ids.flatMap((id) => [...(this.abortHandlers.get(id) ?? [])]);
  }

  /** The node with its children, or 404. */
  node(id: string): JobNode {
    return toJobNode(this.row(id), this.store.jobs.childrenIds(id));
  }

  row(id: string): JobRow {
    const row = this.store.jobs.get(id);
    if (!row) throw notFound('job or step', id);
    return row;
  }

  dispose(): void {
    this.abortHandlers.clear();
    this.endWaiters.clear();
  }

  /**
   * End a node (`unlessEnded`: the work behind a handle, nothing when it already ended). Only a node
   * that ever had children reads below itself: ending a host's leaf reads one row, however large its tree.
   */
  private endUnlessEnded(id: string, state: EndState, error: string | null, o: EndOptions, unlessEnded: boolean): JobNode | undefined {
    const changes: JobNode[] = [];
    const removed: string[] = [];
    const touched: string[] = [];
    const ended: JobNode[] = [];
    const ms = this.clock.now().getTime();
    const self = this.tx(() => {
      let row = unlessEnded ? this.store.jobs.get(id) : this.row(id);
      if (!row || (unlessEnded && isFinished(row.state))) return undefined;
      checkTransition(row, state);
      const below = row.children_added === 0 ? [] : bfs(id, [row, ...this.store.jobs.unfinishedDescendants(id)]).slice(1);
      const as = o.descendantsAs ?? 'aborted';
      const reason = `ended ${as}: "${row.description}" ended with force`;
      for (const d of planEnd(row, below, o.force === true)) ended.push(this.endOne(this.row(d.id), as, error ?? reason, ms, changes, removed, touched));
      // Ending descendants changed this row (folded counts, has_failure): read it again only then.
      if (below.length) row = this.row(id);
      const me = this.endOne(row, state, error, ms, changes, removed, touched, o.startedMs);
      ended.push(me);
      return me;
    });
    if (!self) return undefined;
    // The last snapshot of each node; folded-away ones are only named (their parent's counts show them).
    const gone = new Set(removed);
    const latest = new Map(changes.filter((n) => !gone.has(n.id)).map((n) => [n.id, n]));
    // A touched node that ended here too is reported as it ended (after every fold into it).
    this.onChange({ root_id: self.root_id, nodes: [...latest.values()], removed, touched: [...new Set(touched)].filter((t) => !gone.has(t) && !latest.has(t)) });
    for (const n of ended) this.settle(n);
    return self;
  }

  private endOne(row: JobRow, state: EndState, error: string | null, ms: number, changes: JobNode[], removed: string[], touched: string[], startedMs = ms): JobNode {
    const jobs = this.store.jobs;
    const failed = isFailure(state);
    const drop = foldDecision({ parent_id: row.parent_id, state, has_failure: failed || row.has_failure === 1, step_type: row.step_type }) === 'drop';
    // A node that folds away is deleted in this transaction: its end is not written first.
    if (!drop) jobs.setEnded(row.id, state, error, ms, startedMs);
    if (failed) jobs.markFailureUp(row.id);
    // The row as setEnded and markFailureUp left it, not read back.
    const snapshot = this.snapshot({ ...row, state, error: error ?? row.error, ended_ms: ms, started_ms: row.started_ms ?? startedMs, updated_ms: ms });
    changes.push(snapshot);
    if (row.parent_id !== null) {
      jobs.addFolded(row.parent_id, state, ms);
      if (drop) {
        jobs.delete(row.id);
        removed.push(row.id);
      }
      touched.push(row.parent_id);
    }
    return snapshot;
  }

  /** Insert a node and return it as stored. */
  private inserted(r: JobInsert): JobNode {
    return toJobNode(this.store.jobs.insert(r), []);
  }

  /** A row as a node; its children are read only if it ever had any. */
  private snapshot(row: JobRow): JobNode {
    return toJobNode(row, row.children_added === 0 ? [] : this.store.jobs.childrenIds(row.id));
  }

  /**
   * Each call checks before it writes, so a refused one writes nothing; inside a caller's
   * transaction it joins it rather than opening a savepoint, whose statement journal copies every
   * page it touches (a third of a tracked run's cost with 16 KiB pages). A store failure is the caller's to undo.
   */
  private tx<T>(fn: () => T): T {
    return this.store.db.inTransaction ? fn() : this.store.txLogs(fn);
  }

  private handleOf(id: string, rootId: string): JobHandle {
    return {
      id,
      rootId,
      step: (o) => this.handleOf(this.addChild(id, o), rootId),
      start: () => this.startIfCreated(id),
      progress: (completed, total, units) => this.progressIfUnfinished(id, completed, total, units),
      end: (state, error) => void this.endUnlessEnded(id, state, error ?? null, { force: true }, true),
      onAbort: (fn) => this.onAbort(id, fn),
    };
  }

  private settle(node: JobNode): void {
    this.abortHandlers.delete(node.id);
    const waiters = this.endWaiters.get(node.id);
    this.endWaiters.delete(node.id);
    for (const w of waiters ?? []) w(node);
  }

  /** Register what aborting a node does (as its handle's onAbort, without reading the node). */
  onAbort(id: string, fn: AbortHandler): Disposable {
    let set = this.abortHandlers.get(id);
    if (!set) this.abortHandlers.set(id, (set = new Set()));
    set.add(fn);
    return { dispose: () => void set.delete(fn) };
  }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** The row of a new step: what it does not say it inherits from its parent (module, owner, external, …). */
function childRow(parent: JobRow, o: NodeBegin, id: string, number: number, ms: number): JobInsert {
  const external = o.external ?? parent.external === 1;
  return {
    id, module: parent.module, parent_id: parent.id, root_id: parent.root_id, sequence_number: parent.sequence_number, type: o.type ?? parent.type,
    scope: o.scope ?? 'step', step_type: o.step_type ?? 'EXECUTING', number, description: o.description,
    action_type: o.action_type ?? parent.action_type, owner: o.owner ?? parent.owner, state: o.running ? 'running' : 'created',
    external: external ? 1 : 0, external_type: o.external_type ?? (external ? parent.external_type : null), auto_cleared: 1,
    is_abortable: (o.is_abortable ?? parent.is_abortable === 1) ? 1 : 0, internal: o.internal === false ? 0 : 1, user_started: parent.user_started,
    created_ms: ms, started_ms: o.running ? ms : null, ended_ms: null, updated_ms: ms, error: null, instance_id: o.instance_id ?? null,
    subject_kind: o.subject?.kind ?? null, subject_id: o.subject?.id ?? null, words: wordsJson(o),
  };
}

function wordsJson(o: NodeBegin): string | null {
  return o.words ? wordsWritten(o.words) : null;
}
