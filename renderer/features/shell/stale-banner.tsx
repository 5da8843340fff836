import { Alert } from 'antd';
import { Time } from '../../components/time-text';
import { useDownSince } from '../../stores/live-store';

/** Says, while the link to the core is down, that what the page shows may be out of date. */
export function StaleBanner() {
  const downSince = useDownSince();
  if (downSince === null) return null;
  return (
    <Alert
      banner
      type="warning"
      style={{ position: 'sticky', top: 48, zIndex: 9 }}
      message={
        <>
          Lost the connection to the Taskdeck service (<Time value={new Date(downSince).toISOString()} />). What this page shows may be out of
          date and running times are paused. Reconnecting; the page reloads by itself when the service is back.
        </>
      }
    />
  );
}
