import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  readonly title: ReactNode;
  readonly subtitle?: ReactNode;
  readonly extra?: ReactNode;
  readonly breadcrumb?: ReactNode;
}

/**
 * Page title row: title and one line of explanation on the left, actions on the right. At 1280 px a long title, subtitle
 * or many actions wrap onto more lines (the actions under the title) rather than widening the page.
 */
export function PageHeader({ title, subtitle, extra, breadcrumb }: PageHeaderProps) {
  return (
    <div style={{ marginBottom: 12 }}>
      {breadcrumb}
      <Flex justify="space-between" align="center" gap={12} wrap>
        <div style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {title}
          </Typography.Title>
          {subtitle ? (
            <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
              {subtitle}
            </Typography.Text>
          ) : null}
        </div>
        {extra ? (
          <Flex gap={8} wrap justify="flex-end" style={{ minWidth: 0, maxWidth: '100%' }}>
            {extra}
          </Flex>
        ) : null}
      </Flex>
    </div>
  );
}
