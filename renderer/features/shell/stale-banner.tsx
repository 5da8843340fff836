import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Time } from '../../components/time-text';
import { useDownSince } from '../../stores/live-store';

/** Says, while the link to the core is down, that what the page shows may be out of date. */
export function StaleBanner() {
  const downSince = useDownSince();
  const { t } = useTranslation();
  if (downSince === null) return null;
  return (
    <Alert
      banner
      type="warning"
      style={{ position: 'sticky', top: 48, zIndex: 9 }}
      message={
        <>
          {t('shell.stale.before')}
          <Time value={new Date(downSince).toISOString()} />
          {t('shell.stale.after')}
        </>
      }
    />
  );
}
