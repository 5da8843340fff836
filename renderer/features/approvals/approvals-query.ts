import { DEFAULT_PER_PAGE, type RequestPageAt, type RequestsView } from '../../stores/requests-store';

export const REQUEST_PAGE_SIZES = [20, 50, 100, 200, 500] as const;

/** What the Approvals page shows: a view and a page of it. */
export interface ApprovalsQuery extends RequestPageAt {
  readonly view: RequestsView;
}

const isView = (v: string | undefined): v is RequestsView => v === 'to_approve' || v === 'mine' || v === 'all';
const int = (v: string | undefined): number | undefined => (v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

/** `#/approvals?view=mine&page=2&size=100` → what the page asks for. Bad values are ignored. */
export function parseApprovalsQuery(q: Readonly<Record<string, string>>): ApprovalsQuery {
  const size = int(q.size);
  return {
    view: isView(q.view) ? q.view : 'to_approve',
    page: Math.max(1, int(q.page) ?? 1),
    perPage: size && (REQUEST_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PER_PAGE,
  };
}

/** The route for a query; defaults are left out so plain `#/approvals` stays plain. */
export function approvalsHref(q: ApprovalsQuery): string {
  const p = new URLSearchParams();
  if (q.view !== 'to_approve') p.set('view', q.view);
  if (q.page > 1) p.set('page', String(q.page));
  if (q.perPage !== DEFAULT_PER_PAGE) p.set('size', String(q.perPage));
  const s = p.toString();
  return s ? `/approvals?${s}` : '/approvals';
}
