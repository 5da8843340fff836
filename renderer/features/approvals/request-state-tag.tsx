import { SyncOutlined } from '@ant-design/icons';
import type { RequestState } from '../../../shared/domain/processes';
import { StatusTag } from '../../components/status-tag';
import { stateLook } from './request-model';

/** A request's state in words and colour; the state's code and meaning in a tooltip. */
export function RequestStateTag({ state }: { readonly state: RequestState }) {
  return <StatusTag kind="request" code={state} color={stateLook[state].color} icon={state === 'EXECUTING' ? <SyncOutlined spin /> : undefined} />;
}
