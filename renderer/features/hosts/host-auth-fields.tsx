import { CheckCircleFilled } from '@ant-design/icons';
import { Form, Input, Radio, Space, Switch, theme, Typography } from 'antd';
import type { Host } from '../../../shared/domain/hosts';
import { authSummary } from './host-form-model';
import { useTranslation } from 'react-i18next';

const kindOptions = [
  { value: 'key', labelKey: 'hosts.authKindLong.key' },
  { value: 'agent', labelKey: 'hosts.authKindLong.agent' },
  { value: 'password', labelKey: 'hosts.authKindLong.password' },
];

/** The credential inputs. On edit they stay hidden behind "Replace credentials": stored secrets are never shown. */
export function HostAuthFields({ host }: { readonly host: Host | undefined }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const form = Form.useFormInstance();
  const replace = Form.useWatch('replace_auth', form) as boolean | undefined;
  const kind = Form.useWatch(['auth', 'kind'], form) as string | undefined;
  const source = Form.useWatch('key_source', form) as string | undefined;
  const editing = Boolean(host) && !replace;

  return (
    <>
      {host ? (
        <Form.Item label={t('hosts.auth.stored')}>
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text>
              <CheckCircleFilled style={{ color: token.colorSuccess, marginRight: 6 }} />
              {authSummary(host.auth)} <Typography.Text type="secondary">{t('hosts.auth.storedNote')}</Typography.Text>
            </Typography.Text>
            <Space>
              <Form.Item name="replace_auth" valuePropName="checked" noStyle>
                <Switch size="small" id="host_replace_auth" />
              </Form.Item>
              <label htmlFor="host_replace_auth">{t('hosts.auth.replace')}</label>
            </Space>
          </Space>
        </Form.Item>
      ) : null}
      {editing ? null : (
        <>
          <Form.Item name={['auth', 'kind']} label={t('hosts.field.authentication')} rules={[{ required: true }]}>
            <Radio.Group options={kindOptions.map((o) => ({ value: o.value, label: t(o.labelKey) }))} />
          </Form.Item>
          {kind === 'key' ? (
            <>
              <Form.Item name="key_source" label={t('hosts.auth.keySource')}>
                <Radio.Group
                  options={[
                    { value: 'path', label: t('hosts.auth.sourcePath') },
                    { value: 'paste', label: t('hosts.auth.sourcePaste') },
                  ]}
                />
              </Form.Item>
              {source === 'paste' ? (
                <Form.Item
                  name={['auth', 'private_key']}
                  label={t('hosts.authKindLong.key')}
                  rules={[{ required: true, message: t('hosts.auth.pasteRequired') }]}
                  extra={t('hosts.auth.encrypted')}
                >
                  <Input.TextArea
                    rows={5}
                    spellCheck={false}
                    placeholder={'-----BEGIN OPENSSH PRIVATE KEY-----\n…'}
                    style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}
                  />
                </Form.Item>
              ) : (
                <Form.Item
                  name={['auth', 'private_key_path']}
                  label={t('hosts.auth.keyPath')}
                  rules={[{ required: true, message: t('hosts.auth.keyPathRequired') }]}
                  extra={t('hosts.auth.keyPathExtra')}
                >
                  <Input placeholder="/home/you/.ssh/id_ed25519" spellCheck={false} style={{ fontFamily: token.fontFamilyCode }} />
                </Form.Item>
              )}
              <Form.Item name={['auth', 'passphrase']} label={t('hosts.auth.passphrase')}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          ) : null}
          {kind === 'agent' ? (
            <Form.Item>
              <Typography.Text type="secondary">{t('hosts.auth.agentText')}</Typography.Text>
            </Form.Item>
          ) : null}
          {kind === 'password' ? (
            <Form.Item name={['auth', 'password']} label={t('hosts.auth.password')} rules={[{ required: true, message: t('hosts.auth.passwordRequired') }]} extra={t('hosts.auth.encrypted')}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          ) : null}
        </>
      )}
    </>
  );
}
