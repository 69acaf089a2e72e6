/** The logged-in user, provided by the shell to every page. */
import { createContext, useContext } from 'react';
import type { AdminRole, Level } from '../../../common/enums.ts';

/** The current user as `/api/auth/me` answers it. */
export interface Me {
  id: number;
  username: string;
  name: string;
  unitId: number;
  unitName: string;
  roles: string[];
  clearance: Level;
  adminRole: AdminRole | null;
  mustChangePassword: boolean;
}

/** Answer of `/api/auth/me` and of the login. */
export interface SessionAnswer {
  user: Me;
  csrfToken: string;
}

/** Holds the current user; set by the layout once `/api/auth/me` answered. */
export const MeContext = createContext<Me | null>(null);

/** The current user; only inside the logged-in shell. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside the logged-in shell');
  return me;
}
