import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpOutput } from '../../shared/api/contract';
import type { AuditEntry } from '../../shared/domain/audit';
import { AuditCategory, defaultAuditCategories } from '../../shared/domain/audit-categories';
import { call } from '../api/session-call';
import { errorMessage } from '../lib/errors';

const PAGE = 100;

export type AuditVerifyResult = OpOutput<'audit.verify'>;

export interface AuditFilters {
  readonly action?: string | undefined;
  readonly targetType?: string | undefined;
  readonly actor?: string | undefined;
  readonly text?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface AuditState {
  /** Newest first. */
  readonly entries: readonly AuditEntry[];
  readonly action: string | undefined;
  readonly targetType: string | undefined;
  readonly actor: string | undefined;
  /** Text anywhere in an entry (actor, action, target, details, the target's name). */
  readonly text: string | undefined;
  /** ISO times: entries at or after `from`, before `to`. */
  readonly from: string | undefined;
  readonly to: string | undefined;
  /** Categories shown; scheduler fires and sign-ins are left out until asked for. */
  readonly categories: readonly AuditCategory[];
  readonly loading: boolean;
  readonly error: string | null;
  readonly hasMore: boolean;
  readonly verifying: boolean;
  readonly verify: AuditVerifyResult | null;
  readonly verifyError: string | null;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setAction(action: string | undefined): Promise<void>;
  /** Narrow the log by action, target type and actor (exact matches), text and time; those left out are cleared; reloads from the newest. */
  setFilters(f: AuditFilters): Promise<void>;
  setCategories(categories: readonly AuditCategory[]): Promise<void>;
  /** The filters as the list and the CSV export send them. */
  query(): { action?: string; target_type?: string; actor?: string; category?: string; q?: string; from?: string; to?: string };
  runVerify(): Promise<void>;
}

export const auditStore = createStore<AuditState>()((set, get) => {
  let seq = 0;
  const fetchPage = async (beforeId: number | undefined): Promise<void> => {
    const mine = ++seq;
    set({ loading: true });
    try {
      const page = await call('audit.list', { ...get().query(), before_id: beforeId, limit: PAGE });
      if (mine !== seq) return;
      set({
        entries: beforeId === undefined ? page : [...get().entries, ...page],
        hasMore: page.length === PAGE,
        loading: false,
        error: null,
      });
    } catch (err) {
      if (mine === seq) set({ loading: false, error: errorMessage(err) });
    }
  };
  return {
    entries: [],
    action: undefined,
    targetType: undefined,
    actor: undefined,
    text: undefined,
    from: undefined,
    to: undefined,
    categories: defaultAuditCategories,
    loading: false,
    error: null,
    hasMore: false,
    verifying: false,
    verify: null,
    verifyError: null,
    load: () => fetchPage(undefined),
    loadMore: () => fetchPage(get().entries.at(-1)?.id),
    async setAction(action) {
      set({ action });
      await fetchPage(undefined);
    },
    async setFilters(f) {
      set({ action: f.action || undefined, targetType: f.targetType || undefined, actor: f.actor || undefined, text: f.text?.trim() || undefined, from: f.from || undefined, to: f.to || undefined });
      await fetchPage(undefined);
    },
    async setCategories(categories) {
      set({ categories });
      await fetchPage(undefined);
    },
    query() {
      const { action, targetType, actor, text, from, to, categories } = get();
      // Every category: no filter (entries of actions this console does not know yet included).
      const all = AuditCategory.options.every((c) => categories.includes(c));
      return { action, target_type: targetType, actor, ...(text ? { q: text } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(all ? {} : { category: categories.join(',') }) };
    },
    async runVerify() {
      set({ verifying: true, verifyError: null });
      try {
        set({ verify: await call('audit.verify'), verifying: false });
      } catch (err) {
        set({ verifying: false, verify: null, verifyError: errorMessage(err) });
      }
    },
  };
});

export function useAudit<T>(selector: (s: AuditState) => T): T {
  return useStore(auditStore, selector);
}
