/** The 调研 web module: menu entry and lazy routes. */
import { ExperimentOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../types.ts';

export const researchModule: WebModule = {
  key: 'research',
  menu: { zh: '调研工作', en: 'Research', icon: ExperimentOutlined },
  path: '/research',
  routes: [
    { index: true, ...lazyPage(() => import('./TopicListPage.tsx')) },
    { path: 'proposals', ...lazyPage(() => import('./ProposalsPage.tsx')) },
    { path: 'topics/:id', ...lazyPage(() => import('./TopicPage.tsx')) },
  ],
};
