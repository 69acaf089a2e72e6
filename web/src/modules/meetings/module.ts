/** The 会议 web module: menu entry and lazy routes. */
import { CalendarOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../types.ts';

export const meetingsModule: WebModule = {
  key: 'meetings',
  menu: { zh: '会议', en: 'Meetings', icon: CalendarOutlined },
  path: '/meetings',
  routes: [
    { index: true, ...lazyPage(() => import('./CalendarPage.tsx')) },
    { path: 'topics', ...lazyPage(() => import('./TopicPoolPage.tsx')) },
    { path: 'topics/:id', ...lazyPage(() => import('./TopicPage.tsx')) },
    { path: 'settings', ...lazyPage(() => import('./SettingsPage.tsx')) },
    { path: ':id', ...lazyPage(() => import('./MeetingPage.tsx')) },
  ],
};
