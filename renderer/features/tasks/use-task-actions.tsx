import { App, Button } from 'antd';
import { useCallback, useState } from 'react';
import { type CheckResult, editsByOthers, type Task, type TaskEdit } from '../../../shared/domain/tasks';
import { ApiError } from '../../api/client';
import { href, navigate } from '../../app/hash-route';
import { errorMessage } from '../../lib/errors';
import { sessionStore } from '../../stores/session-store';
import { tasksStore } from '../../stores/tasks-store';
import { TaskEditList } from './task-edit-list';
import { awaitingApproval } from './task-view';
import { useConfirmRun } from '../run/use-confirm-run';

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

/** What a 409 on delete is about: a Started task and its running instances, if that is what it is about. */
function blockedDelete(err: unknown): { started: boolean; running: number } | null {
  if (!(err instanceof ApiError) || err.code !== 'conflict') return null;
  const d = err.details as { running?: unknown; stage?: unknown } | undefined;
  const running = typeof d?.running === 'number' ? d.running : 0;
  const started = d?.stage === 'Started';
  return started || running > 0 ? { started, running } : null;
}

/** The edit by others a refused start or run carries (`details.edited_since_start`). */
function editOf(err: unknown): TaskEdit | null {
  if (!(err instanceof ApiError) || err.code !== 'conflict') return null;
  const e = (err.details as { edited_since_start?: TaskEdit } | undefined)?.edited_since_start;
  return e && Array.isArray(e.changes) ? e : null;
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
  const confirmRun = useConfirmRun();
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

  /**
   * Someone else changed the task since it last started: show what, and go on only when the user
   * accepts (the core refuses a start that does not name the edit it accepts).
   */
  const confirmEdit = useCallback(
    (t: Task, verb: string, edit: TaskEdit | null, go: (acceptEditAt?: string) => void): void => {
      const others = editsByOthers(edit, sessionStore.getState().user?.user_name ?? '');
      if (!edit || others.length === 0) return go();
      modal.confirm({
        width: 720,
        title: `${t.name} was changed by ${[...new Set(others.map((c) => c.by))].join(', ')} since it last started`,
        content: (
          <>
            <p>Last edit {new Date(edit.at).toLocaleString()}. Check what will run before you {verb} it:</p>
            <TaskEditList changes={others} />
          </>
        ),
        okText: `${verb[0]!.toUpperCase()}${verb.slice(1)} with these changes`,
        cancelText: 'Cancel',
        onOk: () => go(edit.at),
      });
    },
    [modal],
  );

  const doStart = useCallback(
    (t: Task, acceptEditAt?: string): Promise<void> =>
      track(t, 'start', async () => {
        try {
          const next = await tasksStore.getState().start(t.name, acceptEditAt);
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
          const edit = acceptEditAt ? null : editOf(err);
          if (edit) return confirmEdit(t, 'start', edit, (at) => void doStart(t, at));
          failed(`${t.name} did not start`, err);
        }
      }),
    [track, notification, message, failed, confirmEdit],
  );
  const start = useCallback(
    async (t: Task) => confirmEdit(t, 'start', t.edited_since_start, (at) => void doStart(t, at)),
    [confirmEdit, doStart],
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

  const doRun = useCallback(
    (t: Task, acceptEditAt?: string): Promise<void> =>
      track(t, 'run', async () => {
        try {
          const runId = await tasksStore.getState().runNow(t.name, acceptEditAt);
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
          const edit = acceptEditAt ? null : editOf(err);
          if (edit) return confirmEdit(t, 'run', edit, (at) => void doRun(t, at));
          failed(`${t.name} did not run`, err);
        }
      }),
    [track, notification, failed, confirmEdit],
  );
  const runNow = useCallback(
    async (t: Task) => {
      // Many or production hosts ask for a typed confirmation, as on the Run page; a preview the core refuses is left to the run to report.
      if (t.binding_ids.length && !(await confirmRun({ binding_ids: [...t.binding_ids] }, { again: false, grants: false }).catch(() => true))) return;
      confirmEdit(t, 'run', t.edited_since_start, (at) => void doRun(t, at));
    },
    [confirmEdit, doRun, confirmRun],
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
          const blocked = blockedDelete(err);
          if (blocked === null || force) return failed(`${t.name} was not deleted`, err);
          const { started, running } = blocked;
          const runs = `${running} running instance${running === 1 ? '' : 's'}`;
          modal.confirm({
            title: started ? `${t.name} is Started${running ? ` and has ${runs}` : ''}` : `${t.name} has ${runs}`,
            content: `Deleting it now ${started ? 'stops its schedule, cancels pending retries' : ''}${started && running ? ', ' : ''}${running ? 'cancels its running instances (TERM, then KILL)' : ''} and removes the task. Or keep it${started ? ' and stop it first' : ' and wait for them to end'}.`,
            okText: running ? `Delete and cancel ${running} running` : 'Stop and delete',
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
