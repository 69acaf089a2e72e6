/** The route tree: the login page, then the logged-in shell with every module's lazy routes. */
import { createBrowserRouter } from 'react-router';
import { modules } from '../modules/index.ts';
import { accountRoutes, loginRoute } from '../modules/platform/routes.ts';
import { lazyPage } from '../modules/types.ts';
import { RouteError } from './lazy-pages.tsx';
import { ModuleGate } from './ModuleGate.tsx';

// Shown while the first page's chunk loads.
const loading = <div aria-busy="true" />;

export const router = createBrowserRouter([
  { ...loginRoute, errorElement: <RouteError />, hydrateFallbackElement: loading },
  // 群众评价: a respondent's one-time link, outside the login shell (no account)
  {
    path: '/survey/:code',
    ...lazyPage(() => import('../modules/assessment/PublicSurveyPage.tsx')),
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
  },
  {
    path: '/',
    ...lazyPage(() => import('./Layout.tsx')),
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
    children: [
      {
        // Errors inside a page keep the shell (menu, header) around them.
        errorElement: <RouteError />,
        children: [
          ...modules.map((module) => ({ path: module.path, element: <ModuleGate module={module} />, children: module.routes })),
          ...accountRoutes,
          { path: '*', ...lazyPage(() => import('./NotFoundPage.tsx')) },
        ],
      },
    ],
  },
]);
