import type { RunCreate } from '../../../shared/domain/instances';
import { defaultRunSettings, isProductionHost, mayRunOn, typedConfirmation, type RunPreview, type RunSettings } from '../../../shared/domain/run-safety';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';
import { resolveRunTargets } from './targets';

const KEYS: Readonly<Record<keyof RunSettings, string>> = { default_timeout: 'runs.default_timeout', confirm_hosts: 'runs.confirm_hosts' };

/**
 * Safe by default: the run settings an admin keeps (the Run page's default timeout, the host count
 * that asks for a typed confirmation) and the preview of a run that people read before they start it.
 * The API itself stays scriptable: confirming is the client's job, the preview says what to ask.
 */
export class RunSafety {
  constructor(private readonly store: Store, private readonly audit: AuditService, private readonly clock: Clock) {}

  settings(): RunSettings {
    return { default_timeout: this.read('default_timeout'), confirm_hosts: this.read('confirm_hosts') };
  }

  /** Change some settings; a change is audited with what it was. */
  setSettings(actor: string, patch: Partial<RunSettings>): RunSettings {
    this.store.tx(() => {
      const before = this.settings();
      const changed = (Object.keys(KEYS) as (keyof RunSettings)[]).filter((k) => patch[k] !== undefined && patch[k] !== before[k]);
      for (const k of changed) this.store.settings.set(KEYS[k], String(patch[k]));
      if (changed.length) this.audit.record(actor, 'system.run_settings', 'settings', null, Object.fromEntries(changed.map((k) => [k, { from: before[k], to: patch[k] }])));
    });
    return this.settings();
  }

  /** The hosts these targets reach now, whether `user` may run on each, and what to type before running. */
  preview(user: User, targets: RunCreate['targets']): RunPreview {
    const hosts = resolveRunTargets(this.store, targets);
    const granted = this.store.grants.activeHosts(user.user_name, this.clock.now().toISOString());
    return {
      hosts: hosts.map((h) => ({ id: h.id, name: h.name, host: h.host, tag: h.tag, production: isProductionHost(h), granted: mayRunOn(user.roles, granted, h.id) })),
      confirmation: typedConfirmation(hosts, this.settings().confirm_hosts),
    };
  }

  /** A stored value that is not a whole number (edited by hand) reads as the default rather than breaking the Run page. */
  private read(key: keyof RunSettings): number {
    const raw = this.store.settings.get(KEYS[key]);
    const n = raw === undefined ? NaN : Number(raw);
    return Number.isInteger(n) ? n : defaultRunSettings[key];
  }
}
