/** The 公文 web module: menu entry and lazy routes. */
import { FileTextOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../types.ts';

export const documentsModule: WebModule = {
  key: 'documents',
  menu: { zh: '公文', en: 'Documents', icon: FileTextOutlined },
  path: '/documents',
  routes: [
    { index: true, ...lazyPage(() => import('./DocumentsListPage.tsx')) },
    { path: 'new', ...lazyPage(() => import('./DraftPage.tsx')) },
    { path: 'receive', ...lazyPage(() => import('./ReceivePage.tsx')) },
    { path: 'quota', ...lazyPage(() => import('./QuotaPage.tsx')) },
    { path: ':id', ...lazyPage(() => import('./DocumentDetailPage.tsx')) },
    { path: ':id/edit', ...lazyPage(() => import('./EditPage.tsx')) },
  ],
};
