/** The shell's fallback pages, loaded on demand so they stay out of the login bundle. */
import { lazy, Suspense } from 'react';

const NotFoundPage = lazy(() => import('./NotFoundPage.tsx'));
const ErrorPage = lazy(() => import('./ErrorPage.tsx'));

/** 404 page. */
export function NotFound() {
  return (
    <Suspense fallback={null}>
      <NotFoundPage />
    </Suspense>
  );
}

/** Error boundary page of a route (`errorElement`). */
export function RouteError() {
  return (
    <Suspense fallback={null}>
      <ErrorPage />
    </Suspense>
  );
}
