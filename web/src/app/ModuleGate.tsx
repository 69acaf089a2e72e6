import { Navigate, Outlet } from 'react-router';
import { modules } from '../modules/index.ts';
import { canSeeModule, type WebModule } from '../modules/types.ts';
import { NotFound } from './lazy-pages.tsx';
import { useMe } from './me.ts';

/** Renders a module's routes only for users who may see the module. */
export function ModuleGate({ module }: { module: WebModule }) {
  const me = useMe();
  if (canSeeModule(me, module)) return <Outlet />;
  // The home page belongs to business users; an administrator lands on their first page instead.
  if (module.path === '/') return <Navigate to={modules.find((m) => canSeeModule(me, m))?.path ?? '/notifications'} replace />;
  return <NotFound />;
}
