import { Button, Flex, Result, Spin } from 'antd';
import { Component, type ReactNode } from 'react';

/** What a page shows while its code is fetched (the first visit to a route). */
export function PageLoading() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }}>
      <Spin size="large" aria-label="Loading page" />
    </Flex>
  );
}

interface BoundaryState {
  readonly failed: boolean;
}

/**
 * A page whose code could not be fetched (the service went away between sign-in and the click) says
 * so with a way out, instead of blanking the whole console. Keyed by route by its parent, so another
 * page can still open.
 */
export class PageLoadBoundary extends Component<{ readonly children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false };

  static getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="warning"
        title="This page could not be loaded"
        subTitle="The Taskdeck service did not answer while the page was being fetched. Reload once it is back."
        extra={<Button type="primary" onClick={() => window.location.reload()}>Reload</Button>}
      />
    );
  }
}
