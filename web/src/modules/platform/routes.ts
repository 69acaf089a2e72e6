/** Account pages every logged-in user reaches from the header (not from the side menu). */
import type { RouteObject } from 'react-router';
import { lazyPage } from '../types.ts';

export const accountRoutes: RouteObject[] = [
  { path: '/notifications', ...lazyPage(() => import('./NotificationsPage.tsx')) },
  { path: '/password', ...lazyPage(() => import('./PasswordPage.tsx')) },
  { path: '/tokens', ...lazyPage(() => import('./TokensPage.tsx')) },
];

/** The login page, outside the shell. */
export const loginRoute: RouteObject = { path: '/login', ...lazyPage(() => import('./LoginPage.tsx')) };
