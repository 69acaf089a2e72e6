/** The contract between the shell and a web module. */
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { BUSINESS_ROLES } from '../../../common/enums.ts';
import type { Me } from '../app/me.ts';

/** A web module: one menu entry and its lazy routes under `path`. */
export interface WebModule {
  key: string;
  menu: { zh: string; en: string; icon: ComponentType };
  /** Absolute path of the menu entry; `routes` are relative to it. */
  path: string;
  /** Shown only to users holding one of these roles; absent = any business user. */
  roles?: string[];
  routes: RouteObject[];
}

/** A lazy route whose page is the default export of the given module. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: (await load()).default }) };
}

const businessRoles: readonly string[] = BUSINESS_ROLES;

/** Whether the user may see the module (menu entry and routes). */
export function canSeeModule(me: Me, module: WebModule): boolean {
  const allowed = module.roles ?? businessRoles;
  return me.roles.some((role) => allowed.includes(role));
}
