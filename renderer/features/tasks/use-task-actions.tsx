import { App, Button } from 'antd';
import { useCallback, useState } from 'react';
import { type CheckResult, editsByOthers, type Task, type TaskEdit } from '../../../shared/domain/tasks';
import { ApiError } from '../../api/client';
import { href, navigate } from '../../app/hash-route';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/time-format';
import { prefsStore, timeStyleOf } from '../../stores/prefs-store';
import { sessionStore } from '../../stores/session-store';
import { tasksStore } from '../../stores/tasks-store';
import { TaskEditList } from './task-edit-list';
import { awaitingApproval } from './task-view';
import { useConfirmRun } from '../run/use-confirm-run';
import { useTranslation } from 'react-i18next';

export type TaskAction = 'start' | 'stop' | 'run' | 'delete';

export interface TaskActions {
  /** What each task (by name) is busy with. */
  readonly busy: Readonly<Record<string, TaskAction>>;
  readonly start: (task: Task) => Promise<void>;
  readonly stop: (task: Task) => Promise<void>;
  readonly runNow: (task: Task) => Promise<void>;
  readonly edit: (task: Task) => void;
  readonly confirmDelete: (task: Task) => void;
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
export function useTaskActions(opts: { readonly onDeleted?: (task: Task) => void } = {}): TaskActions {
  const { t } = useTranslation();
  const { modal, message, notification } = App.useApp();
  const [busy, setBusy] = useState<Record<string, TaskAction>>({});
  const confirmRun = useConfirmRun();
  const { onDeleted } = opts;

  const track = useCallback(async (task: Task, action: TaskAction, work: () => Promise<void>): Promise<void> => {
    setBusy((b) => ({ ...b, [task.name]: action }));
    try {
      await work();
    } finally {
      setBusy((b) => {
        const next = { ...b };
        delete next[task.name];
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
    (task: Task, verb: 'start' | 'run', edit: TaskEdit | null, go: (acceptEditAt?: string) => void): void => {
      const others = editsByOthers(edit, sessionStore.getState().user?.user_name ?? '');
      if (!edit || others.length === 0) return go();
      modal.confirm({
        width: 720,
        title: t('tasks.actions.changedTitle', { name: task.name, by: [...new Set(others.map((c) => c.by))].join(', ') }),
        content: (
          <>
            <p>{t(`tasks.actions.changedText.${verb}`, { at: formatDateTime(edit.at, timeStyleOf(prefsStore.getState())) })}</p>
            <TaskEditList changes={others} />
          </>
        ),
        okText: t(`tasks.actions.withChanges.${verb}`),
        cancelText: t('common.action.cancel'),
        onOk: () => go(edit.at),
      });
    },
    [modal, t],
  );

  const doStart = useCallback(
    (task: Task, acceptEditAt?: string): Promise<void> =>
      track(task, 'start', async () => {
        try {
          const next = await tasksStore.getState().start(task.name, acceptEditAt);
          const waiting = awaitingApproval(next);
          if (waiting && next.stage !== 'Started') {
            notification.info({
              message: t('tasks.actions.needsApproval', { name: task.name }),
              description: (
                <>
                  {t('tasks.actions.needsApprovalText')} <a href={href(`/approvals/${waiting.request_id}`)}>#{waiting.request_id}</a>
                </>
              ),
              duration: 10,
            });
          } else {
            void message.success(t('tasks.actions.started', { name: task.name }));
          }
        } catch (err) {
          const edit = acceptEditAt ? null : editOf(err);
          if (edit) return confirmEdit(task, 'start', edit, (at) => void doStart(task, at));
          failed(t('tasks.actions.startFailed', { name: task.name }), err);
        }
      }),
    [track, notification, message, failed, confirmEdit, t],
  );
  const start = useCallback(
    async (task: Task) => confirmEdit(task, 'start', task.edited_since_start, (at) => void doStart(task, at)),
    [confirmEdit, doStart],
  );

  const stop = useCallback(
    (task: Task) =>
      track(task, 'stop', async () => {
        try {
          await tasksStore.getState().stop(task.name);
          void message.success(task.running_instances ? t('tasks.actions.stoppedRunning', { name: task.name, count: task.running_instances }) : t('tasks.actions.stopped', { name: task.name }));
        } catch (err) {
          failed(t('tasks.actions.stopFailed', { name: task.name }), err);
        }
      }),
    [track, message, failed, t],
  );

  const doRun = useCallback(
    (task: Task, acceptEditAt?: string): Promise<void> =>
      track(task, 'run', async () => {
        try {
          const runId = await tasksStore.getState().runNow(task.name, acceptEditAt);
          const key = `run-${runId}`;
          notification.success({
            key,
            message: t('tasks.actions.running', { name: task.name }),
            description: t('tasks.actions.runningText'),
            duration: 6,
            actions: (
              <Button
                size="small"
                onClick={() => {
                  notification.destroy(key);
                  navigate(`/instances?run=${runId}`);
                }}
              >
                {t('tasks.actions.openInstances')}
              </Button>
            ),
          });
        } catch (err) {
          const edit = acceptEditAt ? null : editOf(err);
          if (edit) return confirmEdit(task, 'run', edit, (at) => void doRun(task, at));
          failed(t('tasks.actions.runFailed', { name: task.name }), err);
        }
      }),
    [track, notification, failed, confirmEdit, t],
  );
  const runNow = useCallback(
    async (task: Task) => {
      // Many or production hosts ask for a typed confirmation, as on the Run page; a preview the core refuses is left to the run to report.
      if (task.binding_ids.length && !(await confirmRun({ binding_ids: [...task.binding_ids] }, { again: false, grants: false }).catch(() => true))) return;
      confirmEdit(task, 'run', task.edited_since_start, (at) => void doRun(task, at));
    },
    [confirmEdit, doRun, confirmRun],
  );

  const edit = useCallback((task: Task) => navigate(`/tasks/${encodeURIComponent(task.name)}/edit`), []);

  const remove = useCallback(
    (task: Task, force: boolean) =>
      track(task, 'delete', async () => {
        try {
          await tasksStore.getState().delete(task.name, force);
          void message.success(t('tasks.actions.deleted', { name: task.name }));
          onDeleted?.(task);
        } catch (err) {
          const blocked = blockedDelete(err);
          if (blocked === null || force) return failed(t('tasks.actions.deleteFailed', { name: task.name }), err);
          const { started, running } = blocked;
          const which = started && running ? 'startedRunning' : started ? 'started' : 'running';
          modal.confirm({
            title: t(`tasks.actions.blocked.${which}.title`, { name: task.name, count: running }),
            content: t(`tasks.actions.blocked.${which}.text`),
            okText: running ? t('tasks.actions.deleteAndCancel', { count: running }) : t('tasks.actions.stopAndDelete'),
            okButtonProps: { danger: true },
            cancelText: t('tasks.actions.keep'),
            onOk: () => remove(task, true),
          });
        }
      }),
    [track, message, modal, failed, onDeleted, t],
  );

  const confirmDelete = useCallback(
    (task: Task) => {
      modal.confirm({
        title: t('tasks.actions.deleteTitle', { name: task.name }),
        content: t('tasks.actions.deleteText', { name: task.name }),
        okText: t('common.action.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.action.cancel'),
        onOk: () => remove(task, false),
      });
    },
    [modal, remove, t],
  );

  return { busy, start, stop, runNow, edit, confirmDelete };
}
