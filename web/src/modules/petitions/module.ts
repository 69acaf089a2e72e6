/** The 信访 web module: menu entry and lazy routes. */
import { MailOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../types.ts';

export const petitionsModule: WebModule = {
  key: 'petitions',
  menu: { zh: '信访', en: 'Petitions', icon: MailOutlined },
  path: '/petitions',
  routes: [
    { index: true, ...lazyPage(() => import('./CaseListPage.tsx')) },
    { path: 'stats', ...lazyPage(() => import('./StatsPage.tsx')) },
    { path: ':id', ...lazyPage(() => import('./CasePage.tsx')) },
  ],
};
