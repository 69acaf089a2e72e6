/**
 * Business-item providers of the authorization matrix (权限矩阵): each module with classified
 * items contributes one — how to create a matrix of items (level × owner unit × share) through
 * its own API, and how to observe, per item, whether an actor sees it on each read path
 * (detail, list, search, export, counts, attachments). The expected answer comes from
 * `oracleSees`, an independent restatement of DOMAIN.md's rule, not the platform's `canSee`.
 */
import type { TestClient, TestEnv } from '../harness.js';

/** An actor as the oracle knows it. */
export interface OracleActor {
  key: string;
  username: string;
  id: number;
  unitId: number;
  clearance: number;
  roles: string[];
}

/** An item of the matrix with the facts the oracle decides on. */
export interface MatrixItem {
  id: number;
  label: string;
  level: number;
  /** Units owning or assigned the item. */
  unitIds: number[];
  /** Users assigned to the item. */
  userIds: number[];
  /** Units and users an explicit share grant names. */
  sharedUnitIds: number[];
  sharedUserIds: number[];
}

const BUSINESS = ['leader', 'director', 'division_head', 'staff', 'liaison', 'rater'];
const ADMIN = ['sysadmin', 'secadmin', 'auditor'];

/**
 * DOMAIN.md: "A user sees an item only with clearance ≥ level and need-to-know (own unit,
 * assigned, or explicitly shared)"; the 三员 "none of whom can read business content".
 */
export function oracleSees(a: OracleActor, item: MatrixItem): boolean {
  if (a.roles.some((r) => ADMIN.includes(r)) || !a.roles.some((r) => BUSINESS.includes(r))) return false;
  if (a.clearance < item.level) return false;
  return item.unitIds.includes(a.unitId) || item.userIds.includes(a.id) || item.sharedUnitIds.includes(a.unitId) || item.sharedUserIds.includes(a.id);
}

/** One module's contribution to the matrix. */
export interface ItemProvider {
  type: string;
  /** Creates the items of the matrix (through the module's API where it has one). */
  createMatrix(env: TestEnv): Promise<MatrixItem[]>;
  /** For each item: read path → whether `client` saw it. */
  observe(env: TestEnv, client: TestClient, items: MatrixItem[]): Promise<Map<number, Record<string, boolean>>>;
}

/** The providers; each business module adds one as it lands. */
export const ITEM_PROVIDERS: ItemProvider[] = [];

/** 督查事项 (supervision items): created by 督查室 through the API; level 2 set directly (秘密 is disabled in the demo). */
const supervisionProvider: ItemProvider = {
  type: 'supervision_item',
  async createMatrix(env) {
    const c = await env.login('dcs_zhang');
    const { unitByCode } = env.demo;
    const tag = Math.random().toString(36).slice(2, 8);
    const items: MatrixItem[] = [];
    for (const level of [0, 1, 2])
      for (const lead of ['ndrc', 'education'])
        for (const shared of [false, true]) {
          const title = `矩阵核查${tag}L${level}${lead}${shared ? 'S' : 'N'}`;
          const res = await c.post('/api/supervision/items', {
            source: 'instruction',
            title,
            requirement: '权限矩阵测试事项',
            level: Math.min(level, 1),
            leadUnitId: unitByCode[lead],
            deadline: '2026-06-30',
          });
          if (res.status !== 200 && res.status !== 201) throw new Error(`supervision create failed: ${res.status} ${res.body}`);
          const id = res.json.id ?? res.json.item?.id;
          const db = env.ctx.db as any;
          if (level === 2) {
            // as a reclassification would: the item and its search document (an index at the old level is the module's bug to find elsewhere)
            await db.updateTable('supervision_item').set({ level: 2 }).where('id', '=', id).execute();
            await db.updateTable('supervision_task').set({ level: 2 }).where('item_id', '=', id).execute();
            await db.updateTable('search_doc').set({ level: 2 }).where('item_type', '=', 'supervision_item').where('item_id', '=', id).execute();
          }
          if (shared) {
            const at = env.ctx.clock.now().toISOString();
            await db
              .insertInto('share_grant')
              .values({
                item_type: 'supervision_item',
                item_id: id,
                grantee_type: 'unit',
                grantee_id: unitByCode.information,
                granted_by: env.demo.userByName.dcs_zhang,
                created_at: at,
              })
              .execute();
          }
          const row = await db.selectFrom('supervision_item').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
          items.push({
            id,
            label: title,
            level,
            unitIds: [row.owner_unit_id, row.lead_unit_id],
            userIds: [row.responsible_user_id, row.responsible_leader_id, row.instructed_by_id].filter((x: number | null) => x !== null),
            sharedUnitIds: shared ? [unitByCode.information!] : [],
            sharedUserIds: [],
          });
        }
    return items;
  },
  async observe(env, client, items) {
    const out = new Map<number, Record<string, boolean>>();
    const list = await client.get('/api/supervision/items?pageSize=200');
    const listed = new Set<number>(list.status === 200 ? (list.json.items as { id: number }[]).map((i) => i.id) : []);
    const totalHonest = list.status !== 200 || list.json.total === list.json.items.length;
    const search = await client.get(`/api/search?q=${encodeURIComponent('矩阵核查')}`);
    const exp = await env.app.inject({ method: 'GET', url: '/api/supervision/export.xlsx', headers: client.cookie ? { cookie: client.cookie } : {} });
    const exportText = exp.statusCode === 200 ? await xlsxText(exp.rawPayload) : '';
    for (const item of items) {
      const detail = await client.get(`/api/supervision/items/${item.id}`);
      const files = await client.get(`/api/files?ownerType=supervision_item&ownerId=${item.id}`);
      const r: Record<string, boolean> = {
        detail: detail.status === 200,
        list: listed.has(item.id),
        export: exportText.includes(item.label),
        attachments: files.status === 200,
        count: listed.has(item.id) && totalHonest,
      };
      // search: leak check only (the index may lag or not hold every module)
      if (search.body.includes(item.label)) r.search = true;
      out.set(item.id, r);
    }
    return out;
  },
};

async function xlsxText(buf: Buffer | undefined): Promise<string> {
  if (!buf) return '';
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  const parts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.text ?? '')))));
  return parts.join('\n');
}

ITEM_PROVIDERS.push(supervisionProvider);
