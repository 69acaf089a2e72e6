/** The authorization oracle (`authz-oracle.json`) as data, and helpers to turn its samples into requests. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestEnv } from '../harness.js';

/** One route of the oracle. */
export interface OracleRoute {
  access: 'public' | 'authenticated' | 'item' | 'business' | 'write' | { roles: string[] };
  sample?: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
  destructive?: boolean;
  allowedStatus?: number[];
  businessContent?: boolean;
  ownOnly?: string;
  op?: string;
}
/** The oracle file. */
export interface Oracle {
  actors: Record<string, string | null>;
  routes: Record<string, OracleRoute>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The oracle (read as data; never generated from the code). */
export const ORACLE = JSON.parse(fs.readFileSync(path.join(here, 'authz-oracle.json'), 'utf8')) as Oracle;

/** Replaces {unit:x}, {user:x} placeholders with demo ids (deeply). */
export function fill<T>(v: T, env: TestEnv): T {
  const s = JSON.stringify(v ?? null).replace(/"\{(unit|user):([a-z_0-9]+)\}"/g, (_m, kind: string, key: string) => {
    const id = kind === 'unit' ? env.demo.unitByCode[key] : env.demo.userByName[key];
    if (id === undefined) throw new Error(`oracle placeholder ${kind}:${key} unknown`);
    return String(id);
  });
  return JSON.parse(
    s.replace(/\{(unit|user):([a-z_0-9]+)\}/g, (_m, kind: string, key: string) =>
      String(kind === 'unit' ? env.demo.unitByCode[key] : env.demo.userByName[key]),
    ),
  ) as T;
}

/** Builds the URL of a route with its sample params and query. */
export function urlOf(route: string, r: OracleRoute, env: TestEnv): string {
  const params = fill(r.sample?.params ?? {}, env);
  let url = route.replace(/:([A-Za-z]+)/g, (_m, k: string) => String(params[k] ?? '1'));
  const q = fill(r.sample?.query ?? {}, env);
  const qs = new URLSearchParams(q as Record<string, string>).toString();
  if (qs) url += `?${qs}`;
  return url;
}
