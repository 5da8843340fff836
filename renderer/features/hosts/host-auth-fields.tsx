import { CheckCircleFilled } from '@ant-design/icons';
import { Form, Input, Radio, Space, Switch, theme, Typography } from 'antd';
import type { Host } from '../../../shared/domain/hosts';
import { authSummary } from './host-form-model';

const kindOptions = [
  { value: 'key', label: 'Private key' },
  { value: 'agent', label: 'Agent' },
  { value: 'password', label: 'Password' },
];

/** The credential inputs. On edit they stay hidden behind "Replace credentials": stored secrets are never shown. */
export function HostAuthFields({ host }: { readonly host: Host | undefined }) {
  const { token } = theme.useToken();
  const form = Form.useFormInstance();
  const replace = Form.useWatch('replace_auth', form) as boolean | undefined;
  const kind = Form.useWatch(['auth', 'kind'], form) as string | undefined;
  const source = Form.useWatch('key_source', form) as string | undefined;
  const editing = Boolean(host) && !replace;

  return (
    <>
      {host ? (
        <Form.Item label="Stored credentials">
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text>
              <CheckCircleFilled style={{ color: token.colorSuccess, marginRight: 6 }} />
              {authSummary(host.auth)} <Typography.Text type="secondary">(stored ✓, never shown)</Typography.Text>
            </Typography.Text>
            <Space>
              <Form.Item name="replace_auth" valuePropName="checked" noStyle>
                <Switch size="small" id="host_replace_auth" />
              </Form.Item>
              <label htmlFor="host_replace_auth">Replace credentials</label>
            </Space>
          </Space>
        </Form.Item>
      ) : null}
      {editing ? null : (
        <>
          <Form.Item name={['auth', 'kind']} label="Authentication" rules={[{ required: true }]}>
            <Radio.Group options={kindOptions} />
          </Form.Item>
          {kind === 'key' ? (
            <>
              <Form.Item name="key_source" label="Key source">
                <Radio.Group
                  options={[
                    { value: 'path', label: 'Path on this machine' },
                    { value: 'paste', label: 'Paste the key' },
                  ]}
                />
              </Form.Item>
              {source === 'paste' ? (
                <Form.Item
                  name={['auth', 'private_key']}
                  label="Private key"
                  rules={[{ required: true, message: 'Paste the private key' }]}
                  extra="Stored encrypted; it is never shown again."
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
                  label="Private key path"
                  rules={[{ required: true, message: 'Give the path of the private key file' }]}
                  extra="Absolute path, read by the Taskdeck service on this machine when it connects."
                >
                  <Input placeholder="/home/you/.ssh/id_ed25519" spellCheck={false} style={{ fontFamily: token.fontFamilyCode }} />
                </Form.Item>
              )}
              <Form.Item name={['auth', 'passphrase']} label="Passphrase (optional)">
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          ) : null}
          {kind === 'agent' ? (
            <Form.Item>
              <Typography.Text type="secondary">Uses the SSH agent of the Taskdeck service (its SSH_AUTH_SOCK). Nothing secret is stored.</Typography.Text>
            </Form.Item>
          ) : null}
          {kind === 'password' ? (
            <Form.Item name={['auth', 'password']} label="SSH password" rules={[{ required: true, message: 'Enter the SSH password' }]} extra="Stored encrypted; it is never shown again.">
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          ) : null}
        </>
      )}
    </>
  );
}
