/** The 保密档案 web module: menu entry and lazy routes. */
import { ContainerOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../types.ts';

export const archivesModule: WebModule = {
  key: 'archives',
  menu: { zh: '保密档案', en: 'Archives', icon: ContainerOutlined },
  path: '/archives',
  routes: [
    { index: true, ...lazyPage(() => import('./CataloguePage.tsx')) },
    { path: 'loans', ...lazyPage(() => import('./LoansPage.tsx')) },
    { path: 'reviews', ...lazyPage(() => import('./ReviewsPage.tsx')) },
    { path: ':id', ...lazyPage(() => import('./RecordPage.tsx')) },
  ],
};
