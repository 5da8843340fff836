import { Tooltip } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { href } from '../../app/hash-route';
import type { ButtonState } from './task-buttons';

/** A task button's tooltip: why it is off (or what it will do), with a link to the change request that holds it. */
export function ButtonReason({ state, children }: { readonly state: ButtonState; readonly children: ReactElement }) {
  const { t } = useTranslation();
  const title = state.reason ? (
    <>
      {state.reason}
      {state.request_id ? (
        <>
          {' '}
          <a href={href(`/approvals/${state.request_id}`)}>{t('tasks.openRequest', { id: state.request_id })}</a>
        </>
      ) : null}
    </>
  ) : undefined;
  return <Tooltip title={title}>{children}</Tooltip>;
}
