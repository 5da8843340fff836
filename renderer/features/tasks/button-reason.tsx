import { Tooltip } from 'antd';
import type { ReactElement } from 'react';
import { href } from '../../app/hash-route';
import type { ButtonState } from './task-buttons';

/** A task button's tooltip: why it is off (or what it will do), with a link to the change request that holds it. */
export function ButtonReason({ state, children }: { readonly state: ButtonState; readonly children: ReactElement }) {
  const title = state.reason ? (
    <>
      {state.reason}
      {state.request_id ? (
        <>
          {' '}
          <a href={href(`/approvals/${state.request_id}`)}>Open request #{state.request_id}</a>
        </>
      ) : null}
    </>
  ) : undefined;
  return <Tooltip title={title}>{children}</Tooltip>;
}
