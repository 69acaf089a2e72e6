/** The 督查督办 web module: menu entry and lazy routes. */
import { FlagOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../types.ts';

export const supervisionModule: WebModule = {
  key: 'supervision',
  menu: { zh: '督查督办', en: 'Supervision', icon: FlagOutlined },
  path: '/supervision',
  routes: [
    { index: true, ...lazyPage(() => import('./LedgerPage.tsx')) },
    { path: 'new', ...lazyPage(() => import('./RegisterPage.tsx')) },
    { path: 'tasks', ...lazyPage(() => import('./TasksPage.tsx')) },
    { path: 'stats', ...lazyPage(() => import('./StatsPage.tsx')) },
    { path: 'settings', ...lazyPage(() => import('./SettingsPage.tsx')) },
    { path: 'items/:id', ...lazyPage(() => import('./ItemPage.tsx')) },
  ],
};
