import { CloudServerOutlined } from '@ant-design/icons';
import { Card, Flex, theme, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The centred card the sign-in and first-run forms sit in. */
export function AuthCard({ title, subtitle, children, extra, width = 380 }: { readonly title: string; readonly subtitle: ReactNode; readonly children: ReactNode; readonly extra?: ReactNode; readonly width?: number }) {
  const { token } = theme.useToken();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', boxSizing: 'border-box', background: token.colorBgLayout, padding: 24 }}>
      <div style={{ width }}>
        <Flex align="center" gap={8} style={{ marginBottom: 16 }}>
          <CloudServerOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
          <Typography.Text strong style={{ fontSize: 18, flex: 1 }}>
            Taskdeck
          </Typography.Text>
          {extra}
        </Flex>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
            {title}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>
          {children}
        </Card>
      </div>
    </Flex>
  );
}
