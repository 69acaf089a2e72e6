/** The 信息报送与采编 web module: menu entry and lazy routes. */
import { FileSearchOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../types.ts';

export const informationModule: WebModule = {
  key: 'information',
  menu: { zh: '信息报送', en: 'Information', icon: FileSearchOutlined },
  path: '/information',
  routes: [
    { index: true, ...lazyPage(() => import('./ListPage.tsx')) },
    { path: 'intake', ...lazyPage(() => import('./ListPage.tsx')) },
    { path: 'adopted', ...lazyPage(() => import('./ListPage.tsx')) },
    { path: 'events', ...lazyPage(() => import('./EventsPage.tsx')) },
    { path: 'instructions', ...lazyPage(() => import('./InstructionsPage.tsx')) },
    { path: 'stats', ...lazyPage(() => import('./StatsPage.tsx')) },
    { path: 'items/:id', ...lazyPage(() => import('./ItemPage.tsx')) },
    { path: 'requests', ...lazyPage(() => import('./RequestsPage.tsx')) },
    { path: 'requests/:id', ...lazyPage(() => import('./RequestPage.tsx')) },
    { path: 'issues', ...lazyPage(() => import('./IssuesPage.tsx')) },
    { path: 'issues/:id', ...lazyPage(() => import('./IssuePage.tsx')) },
    { path: 'publications', ...lazyPage(() => import('./PublicationsPage.tsx')) },
  ],
};
