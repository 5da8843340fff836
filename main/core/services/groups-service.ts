import { notFound } from '../../../shared/api/errors';
import type { Binding, Group } from '../../../shared/domain/hosts';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { BindingWrite, GroupWrite } from '../store/groups-repo';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';

/** Executor groups and the weighted bindings of hosts to them. */
export class GroupsService {
  constructor(private readonly store: Store, private readonly audit: AuditService, private readonly events: EventBus, private readonly clock: Clock) {}

  list(): Group[] {
    return this.store.groups.list();
  }

  get(id: number): Group {
    const g = this.store.groups.get(id);
    if (!g) throw notFound('group', id);
    return g;
  }

  create(actor: string, w: Required<GroupWrite>): Group {
    const g = this.store.tx(() => {
      const g = this.store.groups.insert(w, this.now());
      this.audit.record(actor, 'group.created', 'group', g.id, { name: g.name });
      return g;
    });
    this.events.emit('groups.changed', { reason: 'created' });
    return g;
  }

  update(actor: string, id: number, w: GroupWrite): Group {
    const g = this.store.tx(() => {
      this.get(id);
      const g = this.store.groups.update(id, w, this.now())!;
      this.audit.record(actor, 'group.updated', 'group', id, { fields: Object.keys(w) });
      return g;
    });
    this.events.emit('groups.changed', { reason: 'updated' });
    return g;
  }

  delete(actor: string, id: number): void {
    this.store.tx(() => {
      const g = this.get(id);
      this.store.groups.delete(id);
      this.audit.record(actor, 'group.deleted', 'group', id, { name: g.name, bindings_removed: g.binding_count });
    });
    this.events.emit('groups.changed', { reason: 'deleted' });
    this.events.emit('bindings.changed', { reason: 'group deleted' });
  }

  listBindings(f: { group_id?: number; executor_id?: number }): Binding[] {
    return this.store.groups.listBindings(f);
  }

  createBinding(actor: string, w: Required<BindingWrite>): Binding {
    const b = this.store.tx(() => {
      const b = this.store.groups.insertBinding(w, this.now());
      this.audit.record(actor, 'binding.created', 'binding', b.id, { name: b.name, group: b.group_name, host: b.executor_name, weight: b.weight });
      return b;
    });
    this.events.emit('bindings.changed', { reason: 'created' });
    return b;
  }

  updateBinding(actor: string, id: number, w: BindingWrite): Binding {
    const b = this.store.tx(() => {
      const before = this.store.groups.getBinding(id);
      if (!before) throw notFound('binding', id);
      const b = this.store.groups.updateBinding(id, w, this.now())!;
      this.audit.record(actor, 'binding.updated', 'binding', id, {
        fields: Object.keys(w), ...(before.executor_id !== b.executor_id ? { host_from: before.executor_name, host_to: b.executor_name } : {}),
      });
      return b;
    });
    this.events.emit('bindings.changed', { reason: 'updated' });
    return b;
  }

  deleteBinding(actor: string, id: number): void {
    this.store.tx(() => {
      const b = this.store.groups.getBinding(id);
      if (!b) throw notFound('binding', id);
      this.store.groups.deleteBinding(id);
      this.audit.record(actor, 'binding.deleted', 'binding', id, { name: b.name, group: b.group_name, host: b.executor_name });
    });
    this.events.emit('bindings.changed', { reason: 'deleted' });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
