import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  readonly title: ReactNode;
  readonly subtitle?: ReactNode;
  readonly extra?: ReactNode;
  readonly breadcrumb?: ReactNode;
}

/** Page title row: title and one line of explanation on the left, actions on the right. */
export function PageHeader({ title, subtitle, extra, breadcrumb }: PageHeaderProps) {
  return (
    <div style={{ marginBottom: 12 }}>
      {breadcrumb}
      <Flex justify="space-between" align="center" gap={12} wrap>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        </div>
        {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
      </Flex>
    </div>
  );
}
