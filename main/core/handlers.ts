import type { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import type { OpName, Operations, OpOutput } from '../../shared/api/contract';
import { builtInRoles, permissionsOf, pluginRole } from '../../shared/domain/roles';
import type { Caller } from './services/auth-service';
import type { Services } from './core-services';
import { listRuns } from './services/run-list';

type Input<K extends OpName> = z.output<Operations[K]['input']>;
type Handler<K extends OpName> = (input: Input<K>, caller: Caller | null, client: string | undefined) => Promise<OpOutput<K>> | OpOutput<K>;
export type Handlers = { readonly [K in OpName]: Handler<K> };

function who(caller: Caller | null): Caller {
  if (!caller) throw new AppError('unauthorized', 'sign in first');
  return caller;
}

/** The one table from operation name to service call. */
export function createHandlers(s: Services, version: string): Handlers {
  const ok = { ok: true } as const;
  return {
    'system.health': () => ({ ok: true, version, time: s.clock.now().toISOString(), store: s.store.health.state, security_level: s.securityLevel.current().level }),
    'system.setup-state': () => ({ needs_admin: s.users.needsAdmin(), version }),
    'system.setup': async (input) => {
      const admin = await s.users.createFirstAdmin(input);
      s.alerts.seedDefaults(admin.user_name);
      return s.auth.issue(admin);
    },
    'system.backup': async (_i, c) => {
      const actor = who(c).user.user_name;
      const r = await s.backup(actor);
      s.store.tx(() => s.audit.record(actor, 'system.backup', 'database', null, r));
      return r;
    },

    'auth.login': (input, _c, client) => s.auth.login(input.user_name, input.password, client),
    'auth.logout': (_i, c) => { s.auth.logout(who(c)); return ok; },
    // The caller's own permissions: an API token's are its scopes within its owner's roles.
    'auth.me': (_i, c) => ({ user: who(c).user, permissions: [...who(c).permissions] }),

    'users.list': () => s.users.list(),
    'users.create': (input, c) => s.users.create(who(c).user.user_name, input),
    'users.update': ({ id, ...patch }, c) => s.users.update(who(c).user, id, patch),
    'users.prefs': (_i, c) => s.users.prefs(who(c).user),
    'users.set-prefs': (input, c) => s.users.setPrefs(who(c).user, input),
    'users.change-password': (input, c, client) => s.auth.changePassword(who(c), input, client),

    'roles.list': () => {
      const users = s.users.list();
      // plugin is listed before anyone holds it: it has permissions of its own, to assign to a plug-in's user.
      const custom = new Set([pluginRole, ...users.flatMap((u) => u.roles), ...s.processes.list().flatMap((p) => p.risk_levels.flatMap((l) => l.approval_nodes.map((n) => n.role)))]);
      const names = [...builtInRoles, ...[...custom].filter((r) => !(builtInRoles as readonly string[]).includes(r)).sort()];
      return names.map((name) => ({ name, built_in: (builtInRoles as readonly string[]).includes(name), permissions: [...permissionsOf([name])], users: users.filter((u) => u.roles.includes(name)).length }));
    },
    'hosts.list': (input) => s.hosts.list(input),
    'hosts.get': ({ id }) => s.hosts.get(id),
    'hosts.create': (input, c) => s.hosts.create(who(c).user.user_name, input),
    'hosts.update': (input, c) => s.hosts.update(who(c).user.user_name, input),
    'hosts.delete': ({ id }, c) => { s.hosts.delete(who(c).user.user_name, id); return ok; },
    'hosts.test': ({ id }, c) => s.hosts.test(who(c).user.user_name, id),
    'hosts.accept-key': ({ id, fingerprint, repin }, c) => s.hosts.acceptKey(who(c).user.user_name, id, fingerprint, repin),
    'hosts.import-ssh-config': (input, c) => s.hosts.importSshConfig(who(c).user.user_name, input.content, input.dry_run, input.default_username),

    'groups.list': () => s.groups.list(),
    'groups.get': ({ id }) => s.groups.get(id),
    'groups.create': (input, c) => s.groups.create(who(c).user.user_name, input),
    'groups.update': ({ id, ...w }, c) => s.groups.update(who(c).user.user_name, id, w),
    'groups.delete': ({ id }, c) => { s.groups.delete(who(c).user.user_name, id); return ok; },

    'bindings.list': (input) => s.groups.listBindings(input),
    'bindings.create': (input, c) => s.groups.createBinding(who(c).user.user_name, input),
    'bindings.update': ({ id, ...w }, c) => s.groups.updateBinding(who(c).user.user_name, id, w),
    'bindings.delete': ({ id }, c) => { s.groups.deleteBinding(who(c).user.user_name, id); return ok; },

    'runs.create': (input, c) => {
      s.permissions.requireRun(who(c).user, s.runs.resolveTargets(input.targets));
      return s.runs.start(who(c).user.user_name, input);
    },
    'instances.list': (input) => s.runs.list(input),
    'instances.get': ({ id }) => s.runs.get(id),
    'instances.cancel': ({ id }, c) => s.runs.cancelAs(who(c).user, id),
    'instances.log': ({ id, from_line, limit, q }) => s.runs.log(id, from_line, limit, q),

    'tasks.list': (input) => s.tasks.list(input),
    'tasks.get': ({ name }) => s.tasks.get(name),
    'tasks.create': (input, c) => s.tasks.create(who(c).user.user_name, input),
    'tasks.update': ({ name, ...patch }, c) => s.tasks.update(who(c).user, name, patch),
    'tasks.delete': async ({ name, force }, c) => { await s.tasks.delete(who(c).user, name, force); return ok; },
    'tasks.start': ({ name, accept_edit_at }, c) => s.tasks.start(who(c).user, name, accept_edit_at),
    'tasks.stop': ({ name }, c) => s.tasks.stop(who(c).user, name),
    'tasks.run': ({ name, accept_edit_at, job_id, step_id }, c) => s.tasks.runNow(who(c).user, name, accept_edit_at, { job_id, step_id }),
    'permissions.list': ({ user_name }, c) => s.permissions.list(who(c).permissions.has('users:admin') ? user_name : who(c).user.user_name),
    'permissions.revoke': ({ id }, c) => s.permissions.revoke(who(c).user.user_name, id),
    'permissions.grant': (input, c) => s.permissions.grantDirectly(who(c).user.user_name, input),
    'tasks.check': (input) => s.tasks.check(input),
    'tasks.export': ({ name }) => ({ yaml: s.tasks.exportYaml(name) }),
    'tasks.import': ({ yaml }, c) => s.tasks.importYaml(who(c).user.user_name, yaml),
    'tasks.slots': ({ name }) => s.tasks.slots(name, 100),
    'tasks.cron-preview': ({ cron_expression, time_zone, count }) => s.tasks.cronPreview(cron_expression, time_zone, count),
    'dashboard.daily': ({ day, tz }) => s.dashboard.daily(day, tz),

    'processes.list': ({ task_type }) => s.processes.list(task_type),
    'processes.get': ({ id }) => s.processes.get(id),
    'processes.create': (input, c) => s.processes.create(who(c).user.user_name, input),
    'processes.update': ({ id, ...process }, c) => s.processes.update(who(c).user.user_name, id, process),
    'processes.enable': ({ id }, c) => s.processes.setEnabled(who(c).user.user_name, id, true),
    'processes.disable': ({ id }, c) => s.processes.setEnabled(who(c).user.user_name, id, false),
    'processes.delete-many': ({ ids }, c) => { s.processes.deleteMany(who(c).user.user_name, ids); return ok; },
    'processes.priority': ({ task_type }) => ({ task_type, ids: s.processes.priority(task_type) }),
    'processes.set-priority': ({ task_type, ids }, c) => ({ task_type, ids: s.processes.setPriority(who(c).user.user_name, task_type, ids) }),
    'processes.policy': () => s.processes.policy(),
    'processes.set-policy': (input, c) => s.processes.setPolicy(who(c).user.user_name, input),

    'requests.list': (input, c) => s.requests.list(who(c).user, input),
    'requests.get': ({ id }, c) => s.requests.get(who(c).user, id),
    'requests.approve': ({ id, comment }, c) => s.requests.approve(who(c).user, id, comment),
    'requests.reject': ({ id, comment }, c) => s.requests.reject(who(c).user, id, comment),
    'requests.cancel': ({ id }, c) => s.requests.cancel(who(c).user, id),
    'requests.execute': ({ id }, c) => s.requests.executeManually(who(c).user, id),
    'requests.batch-approve': ({ ids, comment }, c) => ({ results: s.requests.batchApprove(who(c).user, ids, comment) }),

    'jobs.list': (input) => s.jobs.list(input),
    'jobs.create': (input, c) => s.jobs.createExternal(who(c).user.user_name, input),
    'jobs.get': ({ id }) => s.jobs.get(id),
    'jobs.steps': ({ id }) => s.jobs.steps(id),
    'jobs.step': ({ id, step_id }) => s.jobs.step(id, step_id),
    'jobs.add-step': (input) => s.jobs.addExternalStep(input),
    'jobs.end-step': (input) => s.jobs.endExternalStep(input),
    'jobs.end': (input) => s.jobs.endExternalJob(input),
    'jobs.clear': ({ id }) => s.jobs.clear(id),

    'task_manager.list-modules': () => s.jobs.listModules(),
    'task_manager.list-module-tasks': ({ module, internal, before, limit, q }) => s.jobs.listModuleTasks(module, internal, before, limit, q),
    'task_manager.task-status': ({ task_id }) => s.jobs.status(task_id),
    'task_manager.task-status-recursive': ({ task_id }) => s.jobs.statusRecursive(task_id),
    'task_manager.abort-task': ({ task_id }, c) => s.jobs.abort(who(c), task_id),
    'task_manager.wait-task': ({ task_id, timeout }) => s.jobs.wait(task_id, timeout),
    'task_manager.ttl': () => ({ ttl: s.jobs.ttl('ttl') }),
    'task_manager.set-ttl': ({ ttl }) => ({ ttl: s.jobs.setTtl('ttl', ttl) }),
    'task_manager.user-ttl': () => ({ ttl: s.jobs.ttl('user_ttl') }),
    'task_manager.set-user-ttl': ({ ttl }) => ({ ttl: s.jobs.setTtl('user_ttl', ttl) }),
    'task_manager.drain': async ({ module }) => ({ drained: await s.jobs.drain(module) }),

    'audit.list': (input) => s.audit.list(input),
    'audit.verify': () => s.audit.verify(),

    'keys.mine': (_i, c) => ({ key: s.keys.mine(who(c).user.user_name) }),
    'keys.create': (_i, c) => s.keys.create(who(c).user.user_name),
    'keys.console': () => ({ ...s.keys.consoleKey(), console_id: s.keys.consoleId() }),
    'keys.export': ({ which }, c) => s.keys.keyFile(which, who(c).user.user_name),
    'trust.list': () => s.keys.trustList(),
    'trust.add': (input, c) => s.keys.trustAdd(who(c).user.user_name, input),
    'trust.revoke': ({ id }, c) => s.keys.trustRevoke(who(c).user.user_name, id),
    'requests.export-bundle': ({ id }, c) => s.bundles.exportRequest(who(c).user, id),
    'bundles.verify': ({ content }) => s.bundles.verify(content),
    'bundles.import': ({ content }, c) => s.bundles.import(who(c).user, content),
    'reviews.list': (_i, c) => s.bundles.listReviews(who(c).user),
    'reviews.get': ({ id }, c) => s.bundles.getReview(who(c).user, id),
    'reviews.decide': ({ id, decision, comment }, c) => s.bundles.decideReview(who(c).user, id, decision, comment),
    'reviews.decision-bundle': ({ id }) => s.bundles.decisionFile(id),
    'tokens.list': () => s.tokens.list(),
    'tokens.create': (input, c) => s.tokens.create(who(c).user, input),
    'tokens.revoke': ({ id }, c) => s.tokens.revoke(who(c).user, id),
    'system.security-level': () => s.securityLevel.current(),
    'system.set-security-level': ({ level }, c) => s.securityLevel.set(who(c).user.user_name, level),
    // openapi13
    'instances.log-download': ({ id }) => s.runs.logText(id),
    // safe15
    'runs.settings': () => s.runSafety.settings(),
    'runs.set-settings': (input, c) => s.runSafety.setSettings(who(c).user.user_name, input),
    'runs.preview': ({ targets }, c) => s.runSafety.preview(who(c).user, targets),

    // remind14
    'notifications.list': (input, c) => s.notifications.list(who(c).user, input),
    'notifications.read': (input, c) => s.notifications.read(who(c).user, input),
    'reminders.settings': () => s.reminders.settings(),
    'reminders.set-settings': (input, c) => s.reminders.setSettings(who(c).user.user_name, input),

    'channels.list': (_i, c) => s.alerts.listChannels(who(c)),
    'channels.create': (input, c) => s.alerts.createChannel(who(c), input),
    'channels.update': (input, c) => s.alerts.updateChannel(who(c), input),
    'channels.delete': ({ id }, c) => { s.alerts.deleteChannel(who(c), id); return ok; },
    'channels.test': ({ id }, c) => s.alerts.testChannel(who(c), id),
    'alert-rules.list': (input) => s.alerts.listRules(input),
    'alert-rules.create': (input, c) => s.alerts.createRule(who(c), input),
    'alert-rules.update': (input, c) => s.alerts.updateRule(who(c), input),
    'alert-rules.delete': ({ id }, c) => { s.alerts.deleteRule(who(c), id); return ok; },
    'deliveries.list': (input) => s.alerts.listDeliveries(input),

    // lists15
    'runs.list': (input) => listRuns(s.store, input),

    // csv15
    'audit.export': (input) => s.audit.exportCsv(input),
  };
}
