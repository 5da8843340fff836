import { AppError, notFound } from '../../../shared/api/errors';
import type { Grant, GrantCreate } from '../../../shared/domain/grants';
import { grantedDirectly, pluginRole, runsAnywhere } from '../../../shared/domain/roles';
import { mayRunOn } from '../../../shared/domain/run-safety';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import type { HostRow } from '../store/hosts-repo';
import type { GrantView } from '../store/grants-repo';
import type { Store } from '../store/store';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import type { AuditService } from './audit-service';

/** Who may run on which host: admins and DBAs anywhere, others where an approved application (a plug-in: an admin) granted it, until it expires. */
export class PermissionsService {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: Store, private readonly audit: AuditService, private readonly events: EventBus, private readonly clock: Clock, private readonly log: Logger) {}

  start(): void {
    this.sweepOnTimer();
    this.timer = setInterval(() => this.sweepOnTimer(), 60_000);
    this.timer.unref();
  }

  /** A sweep that cannot write (a full disk) is said in the log and tried again next minute; it never ends the process. */
  private sweepOnTimer(): void {
    try {
      this.sweep();
    } catch (err) {
      this.log('error', 'permissions: the expiry sweep failed; trying again in a minute', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  /** Throws 403 naming the hosts the user may not run on. */
  requireRun(user: User, hosts: readonly Pick<HostRow, 'id' | 'name'>[]): void {
    if (runsAnywhere(user.roles)) return;
    const granted = this.store.grants.activeHosts(user.user_name, this.clock.now().toISOString());
    const missing = hosts.filter((h) => !mayRunOn(user.roles, granted, h.id));
    if (missing.length) {
      const how = grantedDirectly(user.roles)
        ? 'a plug-in runs only on hosts an admin grants it (Permissions page, or POST /api/v1/permissions)'
        : 'apply for it with an apply_permission task';
      throw new AppError('forbidden', `${user.user_name} has no permission to run on ${missing.map((h) => h.name).join(', ')}; ${how}`, { hosts: missing.map((h) => h.id) });
    }
  }

  /**
   * Why a scheduled fire or a retry may not run on `userName`'s authority now, or null: the user
   * must still exist and be enabled, and (when no approved change request authorises the task)
   * still hold the right to run on its hosts — a revoked grant or a disabled user stops their schedule.
   */
  refusalToRunAs(userName: string, hosts: readonly Pick<HostRow, 'id' | 'name'>[], approved: boolean): string | null {
    const user = this.store.users.byName(userName)?.user;
    if (!user || user.disabled) return `${userName}, on whose authority it runs, is ${user ? 'disabled' : 'no longer a user'}`;
    if (approved) return null;
    try {
      this.requireRun(user, hosts);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  }

  /** Record grants from an approved application. Runs inside the request's transaction. */
  grant(userName: string, hosts: readonly Pick<HostRow, 'id' | 'name'>[], hours: number, requestId: number): void {
    this.insertGrants('system', userName, hosts, hours, { request_id: requestId });
    this.events.emit('grants.changed', { reason: 'granted', user_name: userName });
  }

  /**
   * An admin grants a plug-in user its hosts (a plug-in cannot apply). Refused for people, who
   * apply and are approved by someone else, and for a disabled user or an unknown host. Audited.
   */
  grantDirectly(actor: string, input: GrantCreate): Grant[] {
    const user = this.store.users.byName(input.user_name)?.user;
    if (!user) throw notFound('user', input.user_name);
    if (!grantedDirectly(user.roles)) {
      throw new AppError('conflict', `${user.user_name} is not a plug-in (role ${pluginRole}): people apply for run permissions with an apply_permission task, which someone else approves`);
    }
    if (user.disabled) throw new AppError('conflict', `${user.user_name} is disabled: enable the user before granting it hosts`);
    const hosts = [...new Set(input.host_ids)].map((id) => {
      const host = this.store.hosts.get(id);
      if (!host) throw notFound('host', id);
      return host;
    });
    const ids = this.store.tx(() => this.insertGrants(actor, user.user_name, hosts, input.hours, { granted_by: actor }));
    this.events.emit('grants.changed', { reason: 'granted', user_name: user.user_name });
    const now = this.clock.now().toISOString();
    return ids.map((id) => toGrant(this.store.grants.get(id, now)!));
  }

  private insertGrants(actor: string, userName: string, hosts: readonly Pick<HostRow, 'id' | 'name'>[], hours: number, from: { request_id?: number; granted_by?: string }): number[] {
    const now = this.clock.now();
    const expires = new Date(now.getTime() + hours * 3_600_000).toISOString();
    const ids = hosts.map((h) => this.store.grants.insert(userName, h.id, from.request_id ?? null, now.toISOString(), expires, from.granted_by ?? null));
    this.audit.record(actor, 'permission.granted', 'user', userName, { hosts: hosts.map((h) => h.name), hours, ...from, expires_at: expires });
    return ids;
  }

  list(userName: string | undefined): Grant[] {
    return this.store.grants.list(userName, this.clock.now().toISOString()).map(toGrant);
  }

  /** An admin ends a grant before it expires: the user cannot start new runs on that host. */
  revoke(actor: string, id: number): Grant {
    const now = this.clock.now().toISOString();
    const grant = this.store.tx(() => {
      const g = this.store.grants.get(id, now);
      if (!g) throw notFound('grant', id);
      if (!this.store.grants.revoke(id, actor, now)) throw new AppError('conflict', `grant ${id} already ended at ${g.revoked_at ?? g.expires_at}`);
      this.audit.record(actor, 'permission.revoked', 'user', g.user_name, { grant_id: id, host_id: g.host_id, host: g.host_name, request_id: g.request_id });
      return toGrant(this.store.grants.get(id, now)!);
    });
    this.events.emit('grants.changed', { reason: 'revoked', user_name: grant.user_name });
    return grant;
  }

  /** Expired grants are revoked and audited. */
  sweep(): void {
    const lapsed = this.store.tx(() => {
      const rows = this.store.grants.lapse(this.clock.now().toISOString());
      for (const g of rows) this.audit.record('system', 'permission.expired', 'user', g.user_name, { host_id: g.host_id, request_id: g.request_id, expired_at: g.expires_at });
      return rows;
    });
    for (const user_name of new Set(lapsed.map((g) => g.user_name))) this.events.emit('grants.changed', { reason: 'expired', user_name });
  }
}

function toGrant(g: GrantView): Grant {
  return { ...g, active: g.active === 1 };
}
