/**
 * Test factory: a 资源共享 item (or a 查阅条目) in one call, through `LibraryService` (the same use case
 * as the route, with its checks, audit entry, use count and search index), on whichever dialect the
 * environment runs.
 */
import type { ItemInput, LibraryService } from '../../server/modules/library/library.service.js';
import type { TestEnv } from '../harness.js';
import { actorOf } from './actors.js';

/** Options of `buildLibraryItem`. */
export interface LibraryItemOptions {
  /** Who may open the content: everyone, or only the owner unit and those named (default 'everyone'). */
  scope?: ItemInput['scope'];
  /** 密级 (default 0, 公开). */
  level?: number;
  /** Listed as a 查阅条目 (entry visible to all, content on request; default false). */
  catalog?: boolean;
  /** The filer (default 郭文, dys_guo, 调研室 处长); the item belongs to their unit. */
  by?: string;
  /** Unit codes that may open a scoped item (besides the owner unit). */
  scopeUnits?: string[];
  /** Usernames that may open a scoped item. */
  scopeUsers?: string[];
  /** Overrides of the rest of the input (kind, title, content…). */
  input?: Partial<Omit<ItemInput, 'scope' | 'level' | 'catalog' | 'scopeUnitIds' | 'scopeUserIds'>>;
}

/** An item built by the factory. */
export interface BuiltLibraryItem {
  id: number;
  version: number;
}

/** Files a library item for the filer's unit, through `LibraryService`. */
export async function buildLibraryItem(env: TestEnv, opts: LibraryItemOptions = {}): Promise<BuiltLibraryItem> {
  const svc = env.ctx.services.library as LibraryService | undefined;
  if (!svc) throw new Error('the library module is not in this test environment');
  const lookup = (table: Record<string, number>, what: string) => (key: string) => {
    const id = table[key];
    if (id === undefined) throw new Error(`no demo ${what} ${key}`);
    return id;
  };
  const filer = await actorOf(env, opts.by ?? 'dys_guo');
  return svc.createItem(filer, {
    kind: 'research_report',
    title: '关于县域经济协调发展的调研报告',
    source: '调研室',
    keywords: ['县域经济', '协调发展'],
    summary: '县域经济发展不平衡问题与对策摘要',
    content: '正文：建议实施园区提质行动，推动县域经济协调发展。',
    date: '2026-03-01',
    ...opts.input,
    scope: opts.scope ?? 'everyone',
    level: opts.level ?? 0,
    catalog: opts.catalog ?? false,
    scopeUnitIds: (opts.scopeUnits ?? []).map(lookup(env.demo.unitByCode, 'unit')),
    scopeUserIds: (opts.scopeUsers ?? []).map(lookup(env.demo.userByName, 'user')),
  });
}
