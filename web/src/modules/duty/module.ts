/** The 政务值班 web module: menu entry and lazy routes. */
import { PhoneOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../types.ts';

export const dutyModule: WebModule = {
  key: 'duty',
  menu: { zh: '政务值班', en: 'Duty desk', icon: PhoneOutlined },
  path: '/duty',
  routes: [
    { index: true, ...lazyPage(() => import('./LogPage.tsx')) },
    { path: 'roster', ...lazyPage(() => import('./RosterPage.tsx')) },
    { path: 'entries/:id', ...lazyPage(() => import('./EntryPage.tsx')) },
    { path: 'shifts/:id/handover', ...lazyPage(() => import('./HandoverPage.tsx')) },
  ],
};
