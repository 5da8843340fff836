import { Button, Flex, Result, Spin } from 'antd';
import { Component, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveReturns } from '../../stores/live-store';

/** What a page shows while its code is fetched (the first visit to a route). */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }}>
      <Spin size="large" aria-label={t('shell.page.loading')} />
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

/** What the boundary shows: a component of its own so its words follow the language. */
function PageFailed({ error }: { readonly error: Error }) {
  const { t } = useTranslation();
  const unreachable = isChunkLoadError(error);
  return (
    <Result
      status="warning"
      title={unreachable ? t('shell.page.unreachable') : t('shell.page.broke')}
      subTitle={unreachable ? t('shell.page.unreachableText') : error.message}
      extra={
        <>
          {unreachable ? <ReloadWhenBack /> : null}
          <Button type="primary" onClick={() => window.location.reload()}>{t('shell.page.reload')}</Button>
        </>
      }
    />
  );
}

interface BoundaryState {
  readonly error: Error | null;
}

/** Whether a page failed because its code could not be fetched (the service went away), not because it broke. */
function isChunkLoadError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(error.message);
}

/**
 * A page whose code could not be fetched (the service went away between sign-in and the click) says
 * so and loads by itself when the link returns; a page that broke says that, with its message. Either
 * way the frame and the menu stay. Keyed by route by its parent, so another page can still open.
 */
export class PageLoadBoundary extends Component<{ readonly children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <PageFailed error={error} />;
  }
}
