import { App, Button, ConfigProvider, Flex, Result, Spin, theme } from 'antd';
// The ES modules: the CJS shims under antd/locale/ reach the bundle as { default: locale }, and antd's own words (Modal's Cancel, pagers, pickers) stayed English.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from '../i18n/i18n';
import { fontFamily, fontFamilyCode } from './fonts';
import { TimeStyleContext } from '../lib/time-style';
import { timeStyleOf, usePrefs } from '../stores/prefs-store';
import { requiredMark } from '../components/required-mark';
import { SignInPage } from '../features/auth/sign-in-page';
import { preloadConsole } from '../features/shell/lazy-pages';
import { hasSavedSession, useSession } from '../stores/session-store';
import { parseHash } from './hash-route';
import { useIsDark, useTheme, watchSystemTheme } from '../stores/theme-store';

// Split off: the sign-in screen loads neither the console frame (and its pages) nor the first-run form.
const AppShell = lazy(async () => ({ default: (await import('../features/shell/app-shell')).AppShell }));
const FirstRunPage = lazy(async () => ({ default: (await import('../features/auth/first-run-page')).FirstRunPage }));

function SessionGate() {
  const phase = useSession((s) => s.phase);
  const startError = useSession((s) => s.startError);
  const start = useSession((s) => s.start);
  const { token } = theme.useToken();
  const { t } = useTranslation();

  useEffect(() => {
    // A reload with a session: fetch the console's code while the session is checked, not after.
    if (hasSavedSession()) preloadConsole(parseHash(window.location.hash).segments);
    void start();
  }, [start]);

  switch (phase) {
    case 'starting':
      return (
        <Flex align="center" justify="center" style={{ minHeight: '100vh', background: token.colorBgLayout }}>
          <Spin size="large" tip={t('common.connecting')}>
            <div style={{ width: 200, height: 80 }} />
          </Spin>
        </Flex>
      );
    case 'unreachable':
      return (
        <Flex align="center" justify="center" style={{ minHeight: '100vh', background: token.colorBgLayout }}>
          <Result
            status="warning"
            title={t('common.unreachable')}
            subTitle={startError}
            extra={<Button type="primary" onClick={() => void start()}>{t('common.action.retry')}</Button>}
          />
        </Flex>
      );
    case 'setup':
      return <FirstRunPage />;
    case 'signed-out':
      return <SignInPage />;
    case 'signed-in':
      return <AppShell />;
  }
}

/** Language (i18next and antd's locale), theme (light / dark / system, compact), antd's App context, and the session gate. */
export function AppRoot() {
  const dark = useIsDark();
  const reducedMotion = useTheme((s) => s.reducedMotion);
  const language = usePrefs((s) => s.language);
  const timeZone = usePrefs((s) => s.timeZone);
  const hour12 = usePrefs((s) => s.hour12);
  const timeStyle = useMemo(() => timeStyleOf({ language, timeZone, hour12 }), [language, timeZone, hour12]);
  useEffect(() => watchSystemTheme(), []);
  useEffect(() => {
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  }, [dark]);

  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider
        locale={language === 'zh-CN' ? zhCN : enUS}
        theme={{
          algorithm: [dark ? theme.darkAlgorithm : theme.defaultAlgorithm, theme.compactAlgorithm],
          // The compact algorithm sets text from the seed's small size: 14 gives 12 px text (10 px small), the least at
          // which Chinese stays legible; 13 gave 10 px text, 8 px small, and hand-set 12 px notes outgrew their titles.
          token: { colorPrimary: '#1668dc', borderRadius: 4, fontSize: 14, fontFamily, fontFamilyCode, motion: !reducedMotion },
          components: { Table: { headerBg: dark ? '#1d1d1d' : '#fafafa' } },
        }}
        form={{ requiredMark }}
      >
        <App notification={{ top: 60 }} message={{ top: 56 }}>
          <TimeStyleContext.Provider value={timeStyle}>
            <Suspense fallback={<Spin fullscreen />}>
              <SessionGate />
            </Suspense>
          </TimeStyleContext.Provider>
        </App>
      </ConfigProvider>
    </I18nextProvider>
  );
}
