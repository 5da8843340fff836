import { Button, Flex, Result, Spin } from 'antd';
import { Component, useEffect, useRef, type ReactNode } from 'react';
import { useLiveReturns } from '../../stores/live-store';

/** What a page shows while its code is fetched (the first visit to a route). */
export function PageLoading() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }}>
      <Spin size="large" aria-label="Loading page" />
    </Flex>
  );
}

/** A page whose code failed to arrive is fetched again when the link comes back (React keeps a failed import, so the window reloads; the session survives it). */
function ReloadWhenBack() {
  const returns = useLiveReturns();
  const seen = useRef(returns);
  useEffect(() => {
    if (returns !== seen.current) window.location.reload();
  }, [returns]);
  return null;
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
        subTitle="The Taskdeck service did not answer while the page was being fetched. It loads by itself when the service is back."
        extra={
          <>
            <ReloadWhenBack />
            <Button type="primary" onClick={() => window.location.reload()}>Reload now</Button>
          </>
        }
      />
    );
  }
}
