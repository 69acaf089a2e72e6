/** The root: query client, antd locale and theme, router. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { ApiError } from './api.ts';
import { useLang } from './i18n.ts';
import { REDUCED_MOTION, useMedia } from './media.ts';
import { router } from './router.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change on retry.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * The 党政 red with text colours that meet WCAG 2.x AA (GB/T 37668-2019) on white and on the page grey:
 * secondary text, descriptions and placeholders at ≥ 4.5:1 (antd's defaults are 3.3:1 and 1.8:1), links
 * in a deeper blue, and success/error colours dark enough for white text on solid tags.
 */
const baseTheme = {
  token: {
    colorPrimary: '#b71c1c',
    borderRadius: 4,
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorLink: '#0958d9',
    colorInfo: '#0958d9',
    colorSuccess: '#237804',
    colorError: '#cf1322',
    // the light backgrounds of the standard palette (derived from the deeper colours above they turn grey)
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
  },
};

/** The application. */
export function App() {
  const lang = useLang();
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  // the system's "reduce motion" setting turns antd's motion off: dialogs, drawers and messages appear and go at once
  const reduced = useMedia(REDUCED_MOTION);
  const theme = useMemo(() => ({ token: { ...baseTheme.token, motion: !reduced } }), [reduced]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={theme}>
        <RouterProvider router={router} />
      </ConfigProvider>
    </QueryClientProvider>
  );
}
