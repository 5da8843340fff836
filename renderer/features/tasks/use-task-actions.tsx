import { App, Button } from 'antd';
import { useCallback, useState } from 'react';
import type { CheckResult, Task } from '../../../shared/domain/tasks';
import { ApiError } from '../../api/client';
import { href, navigate } from '../../app/hash-route';
import { errorMessage } from '../../lib/errors';
import { tasksStore } from '../../stores/tasks-store';
import { awaitingApproval } from './task-view';

export type TaskAction = 'start' | 'stop' | 'run' | 'delete';

export interface TaskActions {
  /** What each task (by name) is busy with. */
  readonly busy: Readonly<Record<string, TaskAction>>;
  readonly start: (t: Task) => Promise<void>;
  readonly stop: (t: Task) => Promise<void>;
  readonly runNow: (t: Task) => Promise<void>;
  readonly edit: (t: Task) => void;
  readonly confirmDelete: (t: Task) => void;
}

/** Running instances a 409 on delete names, if that is what it is about. */
function runningOf(err: unknown): number | null {
  if (!(err instanceof ApiError) || err.code !== 'conflict') return null;
  const running = (err.details as { running?: unknown } | undefined)?.running;
  return typeof running === 'number' && running > 0 ? running : null;
}

/** The check result a refused start or run carries (`details.check_result`). */
function checkOf(err: unknown): CheckResult | null {
  if (!(err instanceof ApiError)) return null;
  const c = (err.details as { check_result?: CheckResult } | undefined)?.check_result;
  return c && Array.isArray(c.errors) ? c : null;
}

/** Start, stop, run now, edit and delete (confirmed; force when instances still run), shared by the list and the task page. */
export function useTaskActions(opts: { readonly onDeleted?: (t: Task) => void } = {}): TaskActions {
  const { modal, message, notification } = App.useApp();
  const [busy, setBusy] = useState<Record<string, TaskAction>>({});
  const { onDeleted } = opts;

  const track = useCallback(async (t: Task, action: TaskAction, work: () => Promise<void>): Promise<void> => {
    setBusy((b) => ({ ...b, [t.name]: action }));
    try {
      await work();
    } finally {
      setBusy((b) => {
        const next = { ...b };
        delete next[t.name];
        return next;
      });
    }
  }, []);

  const failed = useCallback(
    (what: string, err: unknown) => {
      const check = checkOf(err);
      notification.error({
        message: what,
        description: check ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {check.errors.map((e, i) => (
              <li key={i}>
                {e.field}: {e.message}
              </li>
            ))}
          </ul>
        ) : (
          errorMessage(err)
        ),
        duration: 10,
      });
    },
    [notification],
  );

  const start = useCallback(
    (t: Task) =>
      track(t, 'start', async () => {
        try {
          const next = await tasksStore.getState().start(t.name);
          const waiting = awaitingApproval(next);
          if (waiting && next.stage !== 'Started') {
            notification.info({
              message: `${t.name} needs approval`,
              description: (
                <>
                  An approval process governs this task: change request <a href={href(`/approvals/${waiting.request_id}`)}>#{waiting.request_id}</a> was opened. The task
                  stays Stopped until it is approved.
                </>
              ),
              duration: 10,
            });
          } else {
            void message.success(`Started ${t.name}`);
          }
        } catch (err) {
          failed(`${t.name} did not start`, err);
        }
      }),
    [track, notification, message, failed],
  );

  const stop = useCallback(
    (t: Task) =>
      track(t, 'stop', async () => {
        try {
          await tasksStore.getState().stop(t.name);
          void message.success(`Stopped ${t.name}${t.running_instances ? `; ${t.running_instances} running instance(s) go on` : ''}`);
        } catch (err) {
          failed(`${t.name} was not stopped`, err);
        }
      }),
    [track, message, failed],
  );

  const runNow = useCallback(
    (t: Task) =>
      track(t, 'run', async () => {
        try {
          const runId = await tasksStore.getState().runNow(t.name);
          const key = `run-${runId}`;
          notification.success({
            key,
            message: `${t.name} is running`,
            description: 'A run outside its schedule started on the bound hosts.',
            duration: 6,
            actions: (
              <Button
                size="small"
                onClick={() => {
                  notification.destroy(key);
                  navigate(`/instances?run=${runId}`);
                }}
              >
                Open its instances
              </Button>
            ),
          });
        } catch (err) {
          failed(`${t.name} did not run`, err);
        }
      }),
    [track, notification, failed],
  );

  const edit = useCallback((t: Task) => navigate(`/tasks/${encodeURIComponent(t.name)}/edit`), []);

  const remove = useCallback(
    (t: Task, force: boolean) =>
      track(t, 'delete', async () => {
        try {
          await tasksStore.getState().delete(t.name, force);
          void message.success(`Deleted ${t.name}`);
          onDeleted?.(t);
        } catch (err) {
          const running = runningOf(err);
          if (running === null || force) return failed(`${t.name} was not deleted`, err);
          modal.confirm({
            title: `${t.name} has ${running} running instance${running === 1 ? '' : 's'}`,
            content: 'Deleting it now cancels them (TERM, then KILL) and removes the task. Or keep it and wait for them to end.',
            okText: `Delete and cancel ${running} running`,
            okButtonProps: { danger: true },
            cancelText: 'Keep the task',
            onOk: () => remove(t, true),
          });
        }
      }),
    [track, message, modal, failed, onDeleted],
  );

  const confirmDelete = useCallback(
    (t: Task) => {
      modal.confirm({
        title: `Delete task ${t.name}?`,
        content: `${t.name} and its schedule are removed; its past instances and logs stay. This cannot be undone.`,
        okText: 'Delete',
        okButtonProps: { danger: true },
        cancelText: 'Cancel',
        onOk: () => remove(t, false),
      });
    },
    [modal, remove],
  );

  return { busy, start, stop, runNow, edit, confirmDelete };
}
