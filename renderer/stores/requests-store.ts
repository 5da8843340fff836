import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpInput, OpOutput } from '../../shared/api/contract';
import type { RequestState } from '../../shared/domain/processes';
import type { ChangeRequestView } from '../../shared/domain/requests';
import { call } from '../api/session-call';
import { coalesce, wasAsked } from '../lib/coalesce';
import { errorMessage } from '../lib/errors';
import { sessionStore } from './session-store';

export type RequestsView = 'to_approve' | 'mine' | 'all';
export const requestsViews: readonly RequestsView[] = ['to_approve', 'mine', 'all'];

/** Requests a page holds by default (the core's default too). */
export const DEFAULT_PER_PAGE = 50;

/** Where a page sits in its view: the view is newest first, `perPage` rows a page. */
export interface RequestPageAt {
  readonly page: number;
  readonly perPage: number;
}

/** What narrows a view on the core: `q` (part of a task, requester or process name, or `#id`; '' for none) and one state. */
export interface RequestSearch {
  readonly q: string;
  readonly state: RequestState | null;
}

/** One page of a view, narrowed by a search. */
export interface RequestListQuery extends RequestPageAt, RequestSearch {}

export const noSearch: RequestSearch = { q: '', state: null };

/** Whether a search or state filter narrows the list (the core decides what matches, not us). */
export function isSearch(s: RequestSearch): boolean {
  return s.q.trim() !== '' || s.state !== null;
}

export function sameQuery(a: RequestListQuery, b: RequestListQuery): boolean {
  return a.page === b.page && a.perPage === b.perPage && a.q.trim() === b.q.trim() && a.state === b.state;
}

export interface RequestList extends RequestListQuery {
  /** The rows of page `page` of what matches, newest first; rows are read from `byId`. */
  readonly ids: readonly number[];
  /** How many requests of the view match, over all its pages. */
  readonly total: number;
  /** Another page or search was asked for and has not come yet: `ids` are still the previous one's. */
  readonly paging: boolean;
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
}

export type BatchResult = OpOutput<'requests.batch-approve'>['results'];

export interface RequestsState {
  /** Requests someone on screen looks at, as the core last told us (views are per caller: `can_approve`). */
  readonly byId: Readonly<Record<number, ChangeRequestView>>;
  readonly lists: Readonly<Record<RequestsView, RequestList>>;
  /** How many requests wait for the signed-in user's decision, whatever the "to approve" list is narrowed to; null until known. */
  readonly pending: number | null;
  /** Load a page of a view (`at`: its page and search), or reload the one it shows. */
  loadList(view: RequestsView, at?: RequestListQuery): Promise<void>;
  /** Keep `pending` known and current (the navigation badge). */
  loadPending(): Promise<void>;
  fetch(id: number): Promise<ChangeRequestView>;
  approve(id: number, comment: string): Promise<ChangeRequestView>;
  reject(id: number, comment: string): Promise<ChangeRequestView>;
  cancel(id: number): Promise<ChangeRequestView>;
  execute(id: number): Promise<ChangeRequestView>;
  batchApprove(ids: readonly number[], comment: string): Promise<BatchResult>;
  /** A `request.changed` event: fetch that request and move it in or out of the pages it belongs on. */
  changed(id: number): void;
  /** Roles may have changed, or events were missed: reload what is shown. */
  resync(): void;
  reset(): void;
}

const emptyList: RequestList = { ids: [], total: 0, page: 1, perPage: DEFAULT_PER_PAGE, ...noSearch, paging: false, loaded: false, loading: false, error: null };
const emptyLists: Record<RequestsView, RequestList> = { to_approve: emptyList, mine: emptyList, all: emptyList };

/** Whether `next` may replace `old`: an answer that raced a newer one must not undo a decision. */
export function isNewer(old: ChangeRequestView | undefined, next: ChangeRequestView): boolean {
  return !old || Date.parse(next.updated_at) >= Date.parse(old.updated_at);
}

/** Whether a request belongs in a view's list, for the signed-in `me`. */
export function belongsTo(view: RequestsView, r: ChangeRequestView, me: string | undefined): boolean {
  switch (view) {
    case 'to_approve':
      return r.state === 'APPROVING' && r.can_approve;
    case 'mine':
      return r.requester === me;
    case 'all':
      return true;
  }
}

/** The list after `r` changed: in or out, newest first. */
export function placeIn(ids: readonly number[], view: RequestsView, r: ChangeRequestView, me: string | undefined): readonly number[] {
  const has = ids.includes(r.id);
  const wants = belongsTo(view, r, me);
  if (has === wants) return ids;
  return wants ? [...ids, r.id].sort((a, b) => b - a) : ids.filter((id) => id !== r.id);
}

export interface PagePlacement {
  readonly ids: readonly number[];
  readonly total: number;
  /** Rows shifted in from a page not held here: fetch this page again. */
  readonly reload: boolean;
}

/**
 * A loaded page after `r` changed (`old`: how the request was before, when known). Pages are newest
 * first by id, so the id tells whether a request falls before, on or after this page. Page 1 follows
 * arrivals and departures in place; a later page does the same for its own rows and refetches when a
 * change on an earlier page shifts its rows.
 */
export function placeInPage(p: RequestPageAt & { readonly ids: readonly number[]; readonly total: number }, view: RequestsView, old: ChangeRequestView | undefined, r: ChangeRequestView, me: string | undefined): PagePlacement {
  const has = p.ids.includes(r.id);
  const wants = belongsTo(view, r, me);
  const was = has || (old !== undefined && belongsTo(view, old, me));
  if (was === wants) return { ids: p.ids, total: p.total, reload: false };
  const newest = p.ids[0];
  const oldest = p.ids[p.ids.length - 1];
  const onEarlierPage = p.page > 1 && (newest === undefined || r.id > newest);
  if (wants) {
    const total = p.total + 1;
    if (onEarlierPage) return { ids: p.ids, total, reload: true };
    if (p.ids.length >= p.perPage && oldest !== undefined && r.id < oldest) return { ids: p.ids, total, reload: false };
    return { ids: placeIn(p.ids, view, r, me).slice(0, p.perPage), total, reload: false };
  }
  const total = Math.max(0, p.total - 1);
  if (!has) return { ids: p.ids, total, reload: onEarlierPage };
  const ids = placeIn(p.ids, view, r, me);
  // The next page's first row moves up into the gap.
  return { ids, total, reload: total > (p.page - 1) * p.perPage + ids.length };
}

/** The core's input for a list query. */
export function listInput(view: RequestsView, at: RequestListQuery): OpInput<'requests.list'> {
  const q = at.q.trim();
  return { view, page: at.page, per_page: at.perPage, ...(q ? { q } : {}), ...(at.state ? { state: at.state } : {}) };
}

/** A list whose total is the pending count: "to approve", loaded, unnarrowed, showing what it was asked for. */
const countsPending = (l: RequestList): boolean => l.loaded && !l.paging && !isSearch(l);

export const requestsStore = createStore<RequestsState>()((set, get) => {
  const seq: Record<RequestsView, number> = { to_approve: 0, mine: 0, all: 0 };
  const me = (): string | undefined => sessionStore.getState().user?.user_name;
  // The pending count comes from "to approve" answers, events placed on it, and counts of its own:
  // each takes a ticket when asked, and an answer older than the one shown is dropped.
  let pendingAsked = 0;
  let pendingShown = 0;
  let wantsPending = false;
  const pendingAt = (ticket: number, total: number): Partial<RequestsState> => {
    if (ticket <= pendingShown) return {};
    pendingShown = ticket;
    return { pending: total };
  };

  const put = (views: readonly ChangeRequestView[]): Record<number, ChangeRequestView> => {
    const byId = { ...get().byId };
    for (const v of views) if (isNewer(byId[v.id], v)) byId[v.id] = v;
    return byId;
  };
  /** Apply one request as the core now has it, to the cache and every loaded list. */
  const upsert = (r: ChangeRequestView): ChangeRequestView => {
    const old = get().byId[r.id];
    const byId = put([r]);
    const current = byId[r.id]!;
    const lists = { ...get().lists };
    const stale: RequestsView[] = [];
    for (const view of requestsViews) {
      const l = lists[view];
      if (!l.loaded) continue;
      if (l.paging || isSearch(l)) {
        // Its rows are another query's until the load under way lands, or the core decides what matches: load (once more).
        stale.push(view);
        continue;
      }
      const placed = placeInPage(l, view, old, current, me());
      if (placed.ids !== l.ids || placed.total !== l.total) lists[view] = { ...l, ids: placed.ids, total: placed.total };
      // An answer on its way may predate this change: load once more after it.
      if (placed.reload || l.loading) stale.push(view);
    }
    const toApprove = lists.to_approve;
    const pending = countsPending(toApprove) ? pendingAt(++pendingAsked, toApprove.total) : {};
    set({ byId, lists, ...pending });
    for (const view of stale) void reloaders[view]();
    const mayMove = !old || belongsTo('to_approve', old, me()) !== belongsTo('to_approve', current, me());
    if (wantsPending && !countsPending(toApprove) && mayMove) void countPending();
    return current;
  };
  const setList = (view: RequestsView, patch: Partial<RequestList>): void => set({ lists: { ...get().lists, [view]: { ...get().lists[view], ...patch } } });

  const loadList = async (view: RequestsView): Promise<void> => {
    const mine = ++seq[view];
    const asked: RequestListQuery = get().lists[view];
    const ticket = view === 'to_approve' && !isSearch(asked) ? ++pendingAsked : 0;
    setList(view, { loading: true });
    try {
      const { items, total } = await call('requests.list', listInput(view, asked));
      if (mine !== seq[view]) return;
      const pending = ticket ? pendingAt(ticket, total) : {};
      // Another page or search was asked for meanwhile; its load follows this one.
      if (!sameQuery(get().lists[view], asked)) return set(pending);
      set({ byId: put(items), ...pending });
      setList(view, { ids: items.map((r) => r.id), total, paging: false, loaded: true, loading: false, error: null });
    } catch (err) {
      if (mine === seq[view] && sameQuery(get().lists[view], asked)) setList(view, { paging: false, loading: false, error: errorMessage(err) });
    }
  };
  // One reload at a time per view, however many events arrive while it runs.
  const reloaders: Record<RequestsView, () => Promise<void>> = {
    to_approve: coalesce(() => loadList('to_approve')),
    mine: coalesce(() => loadList('mine')),
    all: coalesce(() => loadList('all')),
  };
  /** Count what waits for me, when the "to approve" list cannot say (it is narrowed by a search). */
  const countPending = coalesce(async () => {
    const ticket = ++pendingAsked;
    try {
      const { total } = await call('requests.list', { view: 'to_approve', page: 1, per_page: 1 });
      set(pendingAt(ticket, total));
    } catch {
      // the next change or resync counts again
    }
  });
  const fetchers = new Map<number, () => Promise<void>>();
  const refetch = (id: number): Promise<void> => {
    let f = fetchers.get(id);
    if (!f) {
      f = coalesce(async () => {
        try {
          upsert(await call('requests.get', { id }));
        } catch {
          // gone or unreachable: the lists' next reload says so
        }
      });
      fetchers.set(id, f);
    }
    return f().finally(() => fetchers.delete(id));
  };

  return {
    byId: {},
    lists: emptyLists,
    pending: null,
    loadList(view, at) {
      const l = get().lists[view];
      if (at && !sameQuery(l, at)) setList(view, { page: at.page, perPage: at.perPage, q: at.q.trim(), state: at.state, paging: l.loaded });
      return reloaders[view]();
    },
    loadPending() {
      wantsPending = true;
      return isSearch(get().lists.to_approve) ? countPending() : reloaders.to_approve();
    },
    async fetch(id) {
      return upsert(await call('requests.get', { id }));
    },
    async approve(id, comment) {
      return upsert(await call('requests.approve', { id, comment }));
    },
    async reject(id, comment) {
      return upsert(await call('requests.reject', { id, comment }));
    },
    async cancel(id) {
      return upsert(await call('requests.cancel', { id }));
    },
    async execute(id) {
      return upsert(await call('requests.execute', { id }));
    },
    async batchApprove(ids, comment) {
      const { results } = await call('requests.batch-approve', { ids: [...ids], comment });
      for (const r of results) void refetch(r.id);
      return results;
    },
    changed(id) {
      const { lists, byId } = get();
      const known = id in byId;
      // A request nobody on screen knows yet is new: it may belong to "mine" or "all" (and "to approve").
      if (known || lists.to_approve.loaded || lists.mine.loaded || lists.all.loaded) void refetch(id);
      else if (wantsPending) void countPending();
    },
    resync() {
      const listed = new Set<number>();
      for (const view of requestsViews) {
        const l = get().lists[view];
        if (!wasAsked(l)) continue;
        l.ids.forEach((id) => listed.add(id));
        void reloaders[view]();
      }
      if (wantsPending && !countsPending(get().lists.to_approve)) void countPending();
      // What no reloaded list covers (a request page opened by link) is fetched on its own.
      for (const id of Object.keys(get().byId).map(Number)) if (!listed.has(id)) void refetch(id);
    },
    reset() {
      for (const view of requestsViews) seq[view]++;
      pendingShown = ++pendingAsked;
      wantsPending = false;
      set({ byId: {}, lists: emptyLists, pending: null });
    },
  };
});

export function useRequests<T>(selector: (s: RequestsState) => T): T {
  return useStore(requestsStore, selector);
}

export function useRequest(id: number): ChangeRequestView | undefined {
  return useStore(requestsStore, (s) => s.byId[id]);
}

/** How many requests wait for the signed-in user's decision, whatever the Approvals page is narrowed to; null until known. */
export function usePendingCount(): number | null {
  return useStore(requestsStore, (s) => s.pending);
}
