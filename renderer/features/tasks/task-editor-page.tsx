import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Col, Flex, Form, Result, Row, Skeleton, Space } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { CheckResult, Task } from '../../../shared/domain/tasks';
import { ApiError } from '../../api/client';
import { href, navigate } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/errors';
import { applyApiError } from '../../lib/form-errors';
import { bindingsStore } from '../../stores/bindings-store';
import { browserTimeZone } from '../../stores/dashboard-store';
import { useCan, useSession } from '../../stores/session-store';
import { tasksStore, useTask } from '../../stores/tasks-store';
import { CheckFailureAlert, CheckResultAlerts } from './check-result-alerts';
import { CronPreview } from './cron-preview';
import { TaskFormFields } from './task-form-fields';
import { taskButtons } from './task-buttons';
import {
  checkFailure, checkFieldStatus, clearedFieldStatus, initialTaskValues, type CheckFailure, taskFieldAliases, taskFormFields, toTaskInput, toTaskUpdate, type TaskFormValues,
} from './task-form-model';
import { useTranslation } from 'react-i18next';

const FORM_ID = 'task';

interface EditorProps {
  /** The task as saved (live from the store); undefined until a new task is first saved. */
  readonly task: Task | undefined;
  /** Saved with errors: keep editing it under its (new) name without losing what is on screen. */
  readonly onKeepEditing: (saved: Task) => void;
  /** The type a new task starts as. */
  readonly newType?: Task['type'];
}

function TaskEditor({ task, onKeepEditing, newType }: EditorProps) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const [form] = Form.useForm<TaskFormValues>();
  const canWrite = useCan('tasks:write');
  // Computed once per opening: live changes to the task never overwrite what is being typed.
  const [initial] = useState(() => initialTaskValues(task, browserTimeZone(), newType));
  const [busy, setBusy] = useState<'save' | 'check' | 'stop' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [check, setCheck] = useState<{ result: CheckResult; saved: boolean } | null>(null);
  const [checkFailed, setCheckFailed] = useState<CheckFailure | null>(null);
  const cron = Form.useWatch('cron_expression', form) ?? initial.cron_expression;
  const zone = Form.useWatch(['frequency', 'time_zone'], form) ?? initial.frequency.time_zone;
  const mode = Form.useWatch(['frequency', 'mode'], form) ?? initial.frequency.mode;
  const started = task?.stage === 'Started';
  // Read-only while Started (the core refuses the save) or when the task is someone else's.
  const sessionUser = useSession((s) => s.user);
  const buttons = task ? taskButtons(task, sessionUser) : undefined;
  const notYours = buttons && !buttons.edit.enabled ? buttons.edit.reason : undefined;
  const readOnly = started || notYours !== undefined;

  useEffect(() => {
    if (!bindingsStore.getState().loaded) void bindingsStore.getState().load();
  }, []);

  const showCheck = (result: CheckResult, saved: boolean): void => {
    setCheck({ result, saved });
    setCheckFailed(null);
    // Paths come from the server as strings; the untyped form instance takes them as they are.
    (form as FormInstance).setFields([...clearedFieldStatus(), ...checkFieldStatus(result)]);
  };

  const runCheck = async (): Promise<void> => {
    setBusy('check');
    setFormError(null);
    try {
      showCheck(await tasksStore.getState().check(toTaskInput(form.getFieldsValue(true) as TaskFormValues)), false);
    } catch (err) {
      // The panel says what failed (the fields are marked too), never goes blank.
      setCheck(null);
      setCheckFailed(checkFailure(err));
      applyApiError(form, err, taskFormFields, taskFieldAliases);
    } finally {
      setBusy(null);
    }
  };

  const save = async (v: TaskFormValues): Promise<void> => {
    setBusy('save');
    setFormError(null);
    try {
      const r = task ? await tasksStore.getState().update(toTaskUpdate(task.name, v)) : await tasksStore.getState().create(toTaskInput(v));
      const { errors, warnings } = r.check_result;
      if (errors.length) {
        showCheck(r.check_result, true);
        if (r.task.name !== task?.name) onKeepEditing(r.task);
        return;
      }
      if (warnings.length) {
        // A message, not a notification: it must not sit over the task page's actions.
        void message.warning(t('taskForm.savedWarnings', { name: r.task.name, count: warnings.length, warnings: warnings.map((w) => w.message).join('; ') }), 6);
      } else {
        void message.success(t('taskForm.saved', { name: r.task.name }));
      }
      navigate(`/tasks/${encodeURIComponent(r.task.name)}`);
    } catch (err) {
      // A 409 naming the stage: someone started the task meanwhile; its message says so.
      setFormError(applyApiError(form, err, taskFormFields, taskFieldAliases));
    } finally {
      setBusy(null);
    }
  };

  const stop = async (): Promise<void> => {
    if (!task) return;
    setBusy('stop');
    try {
      await tasksStore.getState().stop(task.name);
    } catch (err) {
      notification.error({ message: t('tasks.actions.stopFailed', { name: task.name }), description: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  const title = task ? t('taskForm.editTitle', { name: task.name }) : t('tasks.list.new');
  const crumbs = (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={[{ title: <a href={href('/tasks')}>{t('tasks.list.title')}</a> }, ...(task ? [{ title: <a href={href(`/tasks/${encodeURIComponent(task.name)}`)}>{task.name}</a> }] : []), { title: task ? t('common.action.edit') : t('taskForm.new') }]}
    />
  );

  return (
    <>
      <PageHeader
        breadcrumb={crumbs}
        title={title}
        subtitle={t('taskForm.subtitle')}
      />
      {started ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          message={t('tasks.action.stopToEdit')}
          description={t('taskForm.startedText')}
          action={canWrite && buttons?.stop.enabled ? <Button size="small" loading={busy === 'stop'} onClick={() => void stop()}>{t('tasks.action.stop')}</Button> : undefined}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {!canWrite ? <Alert type="info" showIcon message={t('taskForm.cannotWrite')} style={{ marginBottom: 12 }} /> : null}
      {canWrite && notYours ? <Alert type="info" showIcon message={notYours} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          {formError ? <Alert type="error" showIcon role="alert" message={t('taskForm.notSaved')} description={formError} closable onClose={() => setFormError(null)} style={{ marginBottom: 12 }} /> : null}
          <Form<TaskFormValues>
            form={form}
            name={FORM_ID}
            layout="vertical"
            initialValues={initial}
            onFinish={(v) => void save(v)}
            onValuesChange={() => formError && setFormError(null)}
            scrollToFirstError
            disabled={!canWrite || readOnly}
          >
            <TaskFormFields savedZone={initial.frequency.time_zone} isNew={!task} />
          </Form>
          <Flex gap={8} style={{ marginBottom: 12 }}>
            <Button type="primary" htmlType="submit" form={FORM_ID} loading={busy === 'save'} disabled={readOnly || !canWrite}>
              {t('common.action.save')}
            </Button>
            <Button icon={<CheckCircleOutlined aria-hidden />} loading={busy === 'check'} onClick={() => void runCheck()}>
              {t('taskForm.check')}
            </Button>
            <Button onClick={() => navigate(task ? `/tasks/${encodeURIComponent(task.name)}` : '/tasks')}>{t('common.action.cancel')}</Button>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <div style={{ position: 'sticky', top: 64 }}>
            <CronPreview expression={cron} timeZone={zone} once={mode === 'once'} />
            <Card size="small" title={t('taskForm.check')} role="region" aria-label={t('taskForm.checkResults')} style={{ marginBottom: 12 }}>
              {check ? (
                <CheckResultAlerts check={check.result} title={check.saved ? t('taskForm.savedTitle') : undefined} />
              ) : checkFailed ? (
                <CheckFailureAlert failure={checkFailed} />
              ) : (
                <Space direction="vertical" size={4}>
                  <span>{t('taskForm.checkHint')}</span>
                </Space>
              )}
            </Card>
          </div>
        </Col>
      </Row>
    </>
  );
}

/** `#/tasks/new` (as `newType`, if given) and `#/tasks/:name/edit`. Mounted at the same place for both, so a new task saved with errors stays on screen as it is edited further. */
export function TaskEditorPage({ name, newType }: { readonly name: string | undefined; readonly newType?: Task['type'] }) {
  const { t } = useTranslation();
  const task = useTask(name ?? '');
  const [failure, setFailure] = useState<{ notFound: boolean; message: string } | null>(null);
  // The editor session a name was saved from: its route changes, the editor does not — nor is it
  // unmounted while the store has not (or no longer) got the task it saved.
  const [carried, setCarried] = useState<{ task: Task; key: string } | null>(null);
  const carriedHere = carried && carried.task.name === name ? carried : null;
  const key = carriedHere?.key ?? name ?? `(new ${newType ?? 'task'})`;
  const shown = task ?? carriedHere?.task;

  useEffect(() => {
    if (!name) return;
    setFailure(null);
    tasksStore
      .getState()
      .fetch(name)
      .catch((err: unknown) => setFailure({ notFound: err instanceof ApiError && err.status === 404, message: errorMessage(err) }));
  }, [name]);

  if (name && !shown) {
    if (failure?.notFound) {
      return <Result status="404" title={t('tasks.page.notFound')} subTitle={t('tasks.page.notFoundText', { name })} extra={<Button type="primary" href={href('/tasks')}>{t('tasks.page.back')}</Button>} />;
    }
    return failure ? <ErrorAlert message={failure.message} /> : <Skeleton active />;
  }
  return (
    <TaskEditor
      key={key}
      task={name ? shown : undefined}
      newType={newType}
      onKeepEditing={(saved) => {
        // Committed before the route changes: a hashchange handled first would render the new name without it, and
        // the editor, keyed by that name, would start over with the save's errors gone (seen once in a full e2e run).
        flushSync(() => setCarried({ task: saved, key }));
        navigate(`/tasks/${encodeURIComponent(saved.name)}/edit`);
      }}
    />
  );
}
