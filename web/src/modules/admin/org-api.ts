/** Organisation data of the administrators' pages: units, users and grant requests. */
import { useQuery } from '@tanstack/react-query';
import type { Level, UnitKind } from '../../../../common/enums.ts';
import { api } from '../../app/api.ts';

/** A unit as `/api/org/units` lists it (flat; `parentId` links the tree). */
export interface Unit {
  id: number;
  parentId: number | null;
  name: string;
  shortName: string;
  kind: UnitKind;
  code: string | null;
  sort: number;
  active: boolean;
  version: number;
}

/** A user as `/api/org/users` lists it. */
export interface User {
  id: number;
  username: string;
  name: string;
  unitId: number;
  unitName: string;
  roles: string[];
  clearance: Level;
  disabled: boolean;
  lockedUntil: string | null;
  /** The grant request awaiting the 安全保密管理员, if any. */
  pendingGrant: { id: number; kind: string; roles: string[]; clearance: Level; version: number } | null;
  version: number;
}

/** A grant request (授权申请) as `/api/org/grants` lists it. */
export interface Grant {
  id: number;
  userId: number;
  username: string;
  userName: string;
  unitName: string;
  kind: 'create' | 'change' | 'reset' | 'request';
  roles: string[];
  clearance: Level;
  prevRoles: string[];
  prevClearance: Level;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'superseded';
  requestedBy: { id: number; name: string | null };
  requestedAt: string;
  decidedBy: { id: number; name: string | null } | null;
  decidedAt: string | null;
  note: string | null;
  version: number;
}

/** A node usable by both antd Tree (`key`) and TreeSelect (`value`). */
export interface UnitNode {
  key: number;
  value: number;
  title: string;
  unit: Unit;
  children: UnitNode[];
}

/** All units, active or not. */
export function useUnits() {
  return useQuery({ queryKey: ['org', 'units'], queryFn: () => api<{ items: Unit[] }>('/api/org/units'), select: (answer) => answer.items });
}

/** Builds the unit tree from the flat list, siblings by `sort` then name. */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map(units.map((unit) => [unit.id, { key: unit.id, value: unit.id, title: unit.name, unit, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId === null ? undefined : nodes.get(node.unit.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const order = (list: UnitNode[]) => {
    list.sort((a, b) => a.unit.sort - b.unit.sort || a.title.localeCompare(b.title, 'zh-CN'));
    list.forEach((node) => order(node.children));
  };
  order(roots);
  return roots;
}
