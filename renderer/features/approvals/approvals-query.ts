import { requestStates, type RequestState } from '../../../shared/domain/processes';
import { DEFAULT_PER_PAGE, type RequestListQuery, type RequestsView } from '../../stores/requests-store';

export const REQUEST_PAGE_SIZES = [20, 50, 100, 200, 500] as const;

/** The longest search the core takes. */
export const MAX_SEARCH = 128;

/** What the Approvals page shows: a view, narrowed by a search and a state, a page of it. */
export interface ApprovalsQuery extends RequestListQuery {
  readonly view: RequestsView;
}

const isView = (v: string | undefined): v is RequestsView => v === 'to_approve' || v === 'mine' || v === 'all';
const isState = (v: string | undefined): v is RequestState => (requestStates as readonly string[]).includes(v ?? '');
const int = (v: string | undefined): number | undefined => (v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

/**
 * `#/approvals?view=all&q=balances&state=REJECTED&page=2&size=100` → what the page asks for. Bad
 * values are ignored; "to approve" holds only approving requests, so it takes no state.
 */
export function parseApprovalsQuery(q: Readonly<Record<string, string>>): ApprovalsQuery {
  const size = int(q.size);
  const view = isView(q.view) ? q.view : 'to_approve';
  return {
    view,
    q: (q.q ?? '').trim().slice(0, MAX_SEARCH),
    state: view !== 'to_approve' && isState(q.state) ? q.state : null,
    page: Math.max(1, int(q.page) ?? 1),
    perPage: size && (REQUEST_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PER_PAGE,
  };
}

/** The route for a query; defaults are left out so plain `#/approvals` stays plain. */
export function approvalsHref(q: ApprovalsQuery): string {
  const p = new URLSearchParams();
  if (q.view !== 'to_approve') p.set('view', q.view);
  const search = q.q.trim();
  if (search) p.set('q', search);
  if (q.state && q.view !== 'to_approve') p.set('state', q.state);
  if (q.page > 1) p.set('page', String(q.page));
  if (q.perPage !== DEFAULT_PER_PAGE) p.set('size', String(q.perPage));
  const s = p.toString();
  return s ? `/approvals?${s}` : '/approvals';
}
