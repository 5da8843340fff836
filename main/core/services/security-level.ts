import { AppError } from '../../../shared/api/errors';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';

export type Level = 0 | 1;

const SETTING = 'security_level';

/** `TASKDECK_SECURITY_LEVEL` read strictly: unset is "not pinned"; anything but 0 or 1 stops the start, saying so. */
export function parseLevelEnv(value: string | undefined): Level | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (value.trim() === '0' || value.trim() === '1') return Number(value.trim()) as Level;
  throw new Error(`TASKDECK_SECURITY_LEVEL is ${JSON.stringify(value.slice(0, 20))}; set it to 0 (bearer tokens) or 1 (signed requests), or unset it`);
}

/** Security level of the HTTP API: pinned by the environment when set there, else a setting an admin changes (default 0). */
export class SecurityLevel {
  constructor(private readonly store: Store, private readonly audit: AuditService, private readonly pinned: Level | undefined) {}

  current(): { level: Level; source: 'environment' | 'setting' } {
    if (this.pinned !== undefined) return { level: this.pinned, source: 'environment' };
    return { level: this.store.settings.get(SETTING) === '1' ? 1 : 0, source: 'setting' };
  }

  set(actor: string, level: Level): { level: Level; source: 'environment' | 'setting' } {
    if (this.pinned !== undefined) throw new AppError('conflict', `TASKDECK_SECURITY_LEVEL pins the level to ${this.pinned}; change it there and restart`);
    this.store.tx(() => {
      const before = this.current().level;
      this.store.settings.set(SETTING, String(level));
      if (before !== level) this.audit.record(actor, 'system.security_level', 'settings', null, { from: before, to: level });
    });
    return this.current();
  }
}
