/** The 资源共享 web module and the whole-system search page (/search?q=). */
import { BookOutlined, SearchOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../types.ts';

const library: WebModule = {
  key: 'library',
  menu: { zh: '资源共享', en: 'Resource sharing', icon: BookOutlined },
  path: '/library',
  routes: [
    { index: true, ...lazyPage(() => import('./LibraryPage.tsx')) },
    { path: 'requests', ...lazyPage(() => import('./LibraryPage.tsx')) },
    { path: 'items/new', ...lazyPage(() => import('./NewItemPage.tsx')) },
    { path: 'items/:id', ...lazyPage(() => import('./ItemPage.tsx')) },
    { path: 'items/:id/edit', ...lazyPage(() => import('./EditItemPage.tsx')) },
    { path: 'distributions/:id', ...lazyPage(() => import('./DistributionPage.tsx')) },
    { path: 'forum/:id', ...lazyPage(() => import('./TopicPage.tsx')) },
  ],
};

const search: WebModule = {
  key: 'search',
  menu: { zh: '全文检索', en: 'Search', icon: SearchOutlined },
  path: '/search',
  routes: [{ index: true, ...lazyPage(() => import('./SearchPage.tsx')) }],
};

/** Both entries, in menu order. */
export const libraryModules: WebModule[] = [library, search];
