/** The 政务接待 web module: menu entry and lazy routes. */
import { CarOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../types.ts';

export const receptionModule: WebModule = {
  key: 'reception',
  menu: { zh: '政务接待', en: 'Reception', icon: CarOutlined },
  path: '/reception',
  routes: [
    { index: true, ...lazyPage(() => import('./PlanListPage.tsx')) },
    { path: 'checklist', ...lazyPage(() => import('./ChecklistPage.tsx')) },
    { path: 'new', ...lazyPage(() => import('./PlanEditPage.tsx')) },
    { path: 'plans/:id', ...lazyPage(() => import('./PlanPage.tsx')) },
    { path: 'plans/:id/edit', ...lazyPage(() => import('./PlanEditPage.tsx')) },
  ],
};
