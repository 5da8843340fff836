import { Card } from 'antd';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { groupsStore, useGroups } from '../../stores/groups-store';
import { hostsStore, useHosts } from '../../stores/hosts-store';
import { grantsStore } from '../../stores/grants-store';
import { sessionStore } from '../../stores/session-store';
import { runsAnywhere } from '../../../shared/domain/roles';
import { RunForm } from './run-form';
import { RunOutputs } from './run-outputs';
import { useTranslation } from 'react-i18next';

/** `#/run`: run a command on many hosts and watch their output side by side. */
export function RunPage() {
  const { t } = useTranslation();
  const hostsError = useHosts((s) => s.error);
  const groupsError = useGroups((s) => s.error);
  useEffect(() => {
    if (!hostsStore.getState().loaded) void hostsStore.getState().load();
    void groupsStore.getState().load();
    // The target picker marks hosts not granted to the user: it needs their grants (admins and DBAs run anywhere).
    const user = sessionStore.getState().user;
    if (user && !runsAnywhere(user.roles) && !grantsStore.getState().loaded) void grantsStore.getState().load();
  }, []);

  return (
    <>
      <PageHeader title={t('shell.nav.run')} subtitle={t('run.subtitle')} />
      {hostsError ? <ErrorAlert message={hostsError} title={t('run.hostsFailed')} onRetry={() => void hostsStore.getState().load()} /> : null}
      {groupsError ? <ErrorAlert message={groupsError} title={t('run.groupsFailed')} onRetry={() => void groupsStore.getState().load()} /> : null}
      <Card size="small" styles={{ body: { paddingBottom: 12 } }}>
        <RunForm />
      </Card>
      <RunOutputs />
    </>
  );
}
