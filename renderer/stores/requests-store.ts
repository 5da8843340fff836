import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpOutput } from '../../shared/api/contract';
import type { ChangeRequestView } from '../../shared/domain/requests';
import { call } from '../api/session-call';
import { coalesce } from '../lib/coalesce';
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

export interface RequestList extends RequestPageAt {
  /** The rows of page `page`, newest first; rows are read from `byId`. */
  readonly ids: readonly number[];
  /** How many requests the view holds, over all its pages. */
  readonly total: number;
  /** Another page was asked for and has not come yet: `ids` are still the previous page's. */
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
  /** Load a page of a view (`at`), or reload the page it shows. */
  loadList(view: RequestsView, at?: RequestPageAt): Promise<void>;
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

const emptyList: RequestList = { ids: [], total: 0, page: 1, perPage: DEFAULT_PER_PAGE, paging: false, loaded: false, loading: false, error: null };
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

export const requestsStore = createStore<RequestsState>()((set, get) => {
  const seq: Record<RequestsView, number> = { to_approve: 0, mine: 0, all: 0 };
  const me = (): string | undefined => sessionStore.getState().user?.user_name;

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
      if (l.paging) {
        stale.push(view); // its rows are another page's until the load under way lands: load once more after it
        continue;
      }
      const placed = placeInPage(l, view, old, current, me());
      if (placed.ids !== l.ids || placed.total !== l.total) lists[view] = { ...l, ids: placed.ids, total: placed.total };
      if (placed.reload) stale.push(view);
    }
    set({ byId, lists });
    for (const view of stale) void reloaders[view]();
    return current;
  };
  const setList = (view: RequestsView, patch: Partial<RequestList>): void => set({ lists: { ...get().lists, [view]: { ...get().lists[view], ...patch } } });

  const loadList = async (view: RequestsView): Promise<void> => {
    const mine = ++seq[view];
    setList(view, { loading: true });
    try {
      const { page, perPage } = get().lists[view];
      const { items, total } = await call('requests.list', { view, page, per_page: perPage });
      if (mine !== seq[view]) return;
      set({ byId: put(items) });
      setList(view, { ids: items.map((r) => r.id), total, paging: false, loaded: true, loading: false, error: null });
    } catch (err) {
      if (mine === seq[view]) setList(view, { paging: false, loading: false, error: errorMessage(err) });
    }
  };
  // One reload at a time per view, however many events arrive while it runs.
  const reloaders: Record<RequestsView, () => Promise<void>> = {
    to_approve: coalesce(() => loadList('to_approve')),
    mine: coalesce(() => loadList('mine')),
    all: coalesce(() => loadList('all')),
  };
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
    loadList(view, at) {
      const l = get().lists[view];
      if (at && (at.page !== l.page || at.perPage !== l.perPage)) setList(view, { page: at.page, perPage: at.perPage, paging: l.loaded });
      return reloaders[view]();
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
    },
    resync() {
      const listed = new Set<number>();
      for (const view of requestsViews) {
        const l = get().lists[view];
        if (!l.loaded) continue;
        l.ids.forEach((id) => listed.add(id));
        void reloaders[view]();
      }
      // What no reloaded list covers (a request page opened by link) is fetched on its own.
      for (const id of Object.keys(get().byId).map(Number)) if (!listed.has(id)) void refetch(id);
    },
    reset() {
      for (const view of requestsViews) seq[view]++;
      set({ byId: {}, lists: emptyLists });
    },
  };
});

export function useRequests<T>(selector: (s: RequestsState) => T): T {
  return useStore(requestsStore, selector);
}

export function useRequest(id: number): ChangeRequestView | undefined {
  return useStore(requestsStore, (s) => s.byId[id]);
}

/** How many requests wait for the signed-in user's decision; null until known. */
export function usePendingCount(): number | null {
  return useStore(requestsStore, (s) => (s.lists.to_approve.loaded ? s.lists.to_approve.total : null));
}
