import { Alert, Card, Form, Radio, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserPrefsPatch } from '../../../shared/domain/user-prefs';
import { formatDateTime, resolveZone } from '../../lib/time-format';
import { errorMessage } from '../../lib/errors';
import { timeStyleOf, usePrefs } from '../../stores/prefs-store';
import { timeZoneOptions } from '../tasks/time-zones';
import { LanguageSelect } from './language-select';

type ZoneKind = 'local' | 'UTC' | 'named';

const zoneKindOf = (zone: string): ZoneKind => (zone === 'local' || zone === 'UTC' ? zone : 'named');

/** Language, time zone and clock: kept for the signed-in user in the core, applied at once. */
export function DisplayCard() {
  const { t } = useTranslation();
  const language = usePrefs((s) => s.language);
  const timeZone = usePrefs((s) => s.timeZone);
  const hour12 = usePrefs((s) => s.hour12);
  const save = usePrefs((s) => s.save);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<ZoneKind>(zoneKindOf(timeZone));
  const systemZone = resolveZone('local');
  const zoneOptions = useMemo(() => timeZoneOptions([timeZone]).filter((o) => o.value !== 'UTC'), [timeZone]);

  const change = (patch: UserPrefsPatch): void => {
    setError(null);
    save(patch).catch((err: unknown) => setError(errorMessage(err)));
  };
  const pickKind = (k: ZoneKind): void => {
    setKind(k);
    if (k !== 'named') change({ time_zone: k });
  };

  return (
    <Card size="small" title={t('settings.display.title')}>
      <Form layout="vertical">
        <Form.Item label={t('settings.display.language')} htmlFor="settings-language" extra={t('settings.display.languageHint')}>
          <LanguageSelect id="settings-language" value={language} onChange={(l) => change({ language: l })} />
        </Form.Item>
        <Form.Item label={t('settings.display.timeZone')} extra={t('settings.display.timeZoneHint')}>
          <Space direction="vertical">
            <Radio.Group
              value={kind}
              onChange={(e) => pickKind(e.target.value as ZoneKind)}
              options={[
                { value: 'local', label: t('settings.display.zoneLocal', { zone: systemZone }) },
                { value: 'UTC', label: t('settings.display.zoneUtc') },
                { value: 'named', label: t('settings.display.zoneNamed') },
              ]}
            />
            {kind === 'named' ? (
              <Select
                showSearch
                aria-label={t('settings.display.zonePick')}
                placeholder={t('settings.display.zonePick')}
                value={zoneKindOf(timeZone) === 'named' ? timeZone : undefined}
                onChange={(z: string) => change({ time_zone: z })}
                options={zoneOptions}
                style={{ minWidth: 260 }}
              />
            ) : null}
          </Space>
        </Form.Item>
        <Form.Item label={t('settings.display.clock')} style={{ marginBottom: 8 }}>
          <Radio.Group
            value={hour12 ? '12' : '24'}
            onChange={(e) => change({ hour12: e.target.value === '12' })}
            options={[
              { value: '24', label: t('settings.display.h24') },
              { value: '12', label: t('settings.display.h12') },
            ]}
          />
        </Form.Item>
        <Typography.Text type="secondary">{t('settings.display.example', { now: formatDateTime(Date.now(), timeStyleOf({ language, timeZone, hour12 })) })}</Typography.Text>
        {error ? <Alert type="error" showIcon message={t('settings.display.saveFailed')} description={error} style={{ marginTop: 8 }} /> : null}
      </Form>
    </Card>
  );
}
