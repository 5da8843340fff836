/**
 * A Taskdeck plug-in in a page: sign in, inject an external job with a step, start a run inside that step, wait for
 * it, and end the step and the job with the run's outcome. Typed end to end by a client generated from the console's
 * own OpenAPI document:
 *
 *   npx openapi-typescript http://127.0.0.1:7420/api/v1/openapi.json -o taskdeck-api.d.ts
 *   TASKDECK_URL=http://127.0.0.1:7420 TASKDECK_USER=plugin TASKDECK_PASSWORD=… HOST_ID=1 npx tsx inject-job.ts
 *
 * The user needs `jobs:external` and `runs:execute`: an admin, or a user with the `plugin` role.
 */
import createClient from 'openapi-fetch';
import type { paths } from './taskdeck-api';

export interface InjectJob {
  readonly baseUrl: string;
  readonly userName: string;
  readonly password: string;
  readonly hostId: number;
  readonly command: string;
}

export interface Injected {
  readonly jobId: string;
  readonly runId: string;
  /** The job's end state, oVirt's word: FINISHED or FAILED. */
  readonly status: string;
}

/** An answer's data, or an Error carrying the API's code and message. */
function ok<T>(r: { data?: T; error?: { error: { code: string; message: string } } }, doing: string): T {
  if (r.data === undefined) throw new Error(`${doing}: ${r.error ? `${r.error.error.code}: ${r.error.error.message}` : 'no answer'}`);
  return r.data;
}

export async function injectJob(o: InjectJob): Promise<Injected> {
  const api = createClient<paths>({ baseUrl: o.baseUrl });
  const { token } = ok(await api.POST('/api/v1/auth/login', { body: { user_name: o.userName, password: o.password } }), 'sign in');
  const auth = { headers: { authorization: `Bearer ${token}` } };

  const job = ok(await api.POST('/api/v1/jobs', { ...auth, body: { description: `nightly export (${o.command})`, auto_cleared: true, external_type: 'example-plugin' } }), 'add the job');
  const step = ok(
    await api.POST('/api/v1/jobs/{id}/steps', { ...auth, params: { path: { id: job.id } }, body: { description: 'export on the host', type: 'EXECUTING' } }),
    'add a step',
  );
  const run = ok(
    await api.POST('/api/v1/runs', { ...auth, body: { targets: { host_ids: [o.hostId] }, command: o.command, timeout: 600, job_id: job.id, step_id: step.id } }),
    'start the run',
  );
  // The run is a node of the job's tree: wait on it as on any task (at most 300 s a call).
  const ended = ok(
    await api.GET('/api/v1/task_manager/wait_task/{task_id}', { ...auth, params: { path: { task_id: run.run_id }, query: { timeout: 300 } } }),
    'wait for the run',
  );
  const succeeded = ended.tree_state === 'done';
  ok(
    await api.POST('/api/v1/jobs/{id}/steps/{step_id}/end', { ...auth, params: { path: { id: job.id, step_id: step.id } }, body: { succeeded, ...(succeeded ? {} : { error: ended.error ?? 'the run failed' }) } }),
    'end the step',
  );
  const done = ok(await api.POST('/api/v1/jobs/{id}/end', { ...auth, params: { path: { id: job.id } }, body: { status: succeeded ? 'FINISHED' : 'FAILED' } }), 'end the job');
  await api.POST('/api/v1/auth/logout', { ...auth, body: {} });
  return { jobId: job.id, runId: run.run_id, status: done.status };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = (name: string): string => process.env[name] ?? (console.error(`set ${name}`), process.exit(2));
  injectJob({ baseUrl: env('TASKDECK_URL'), userName: env('TASKDECK_USER'), password: env('TASKDECK_PASSWORD'), hostId: Number(env('HOST_ID')), command: process.env.COMMAND ?? 'uptime' })
    .then((r) => console.log(JSON.stringify(r)))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
