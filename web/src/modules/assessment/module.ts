/** The 考核督查 web module: menu entry and lazy routes. */
import { TrophyOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../types.ts';

export const assessmentModule: WebModule = {
  key: 'assessment',
  menu: { zh: '考核督查', en: 'Assessment', icon: TrophyOutlined },
  path: '/assessment',
  routes: [
    { index: true, ...lazyPage(() => import('./SchemesPage.tsx')) },
    { path: 'cockpit', ...lazyPage(() => import('./CockpitPage.tsx')) },
    { path: 'settings', ...lazyPage(() => import('./SettingsPage.tsx')) },
    { path: ':id', ...lazyPage(() => import('./SchemePage.tsx')) },
  ],
};
