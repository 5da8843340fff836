import { SyncOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { RequestState } from '../../../shared/domain/processes';
import { stateLook } from './request-model';

/** A request's state in words and colour; the state's code and meaning in a tooltip. */
export function RequestStateTag({ state }: { readonly state: RequestState }) {
  const look = stateLook[state];
  return (
    <Tooltip title={`${state}: ${look.meaning}`}>
      <Tag color={look.color} icon={state === 'EXECUTING' ? <SyncOutlined spin /> : undefined} style={{ marginInlineEnd: 0 }}>
        {look.label}
      </Tag>
    </Tooltip>
  );
}
