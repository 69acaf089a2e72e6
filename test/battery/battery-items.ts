/**
 * Business-item providers of the authorization matrix (权限矩阵): each module with classified
 * items contributes one — how to create a matrix of items (level × owner unit × share) through
 * its own API, and how to observe, per item, whether an actor sees it on each read path
 * (detail, list, search, export, counts, attachments). The expected answer comes from
 * `oracleSees`, an independent restatement of DOMAIN.md's rule, not the platform's `canSee`.
 */
import { grantShare } from '../../server/platform/authz.js';
import type { TestClient, TestEnv, TestResponse } from '../harness.js';

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
  /** The item's kind within its provider (e.g. 'meeting', 'meeting_topic', 'meeting_material'). */
  kind: string;
  /** The item's title: it must appear in no answer to an actor who may not see the item. */
  label: string;
  level: number;
  /** Units owning or assigned the item. */
  unitIds: number[];
  /** Users assigned to the item. */
  userIds: number[];
  /** The office director (holder of the director role, 办公厅主任) oversees it within clearance (督查督办). */
  officeDirector?: boolean;
  /** Units and users an explicit share grant names. */
  sharedUnitIds: number[];
  sharedUserIds: number[];
  /** Shared with every business user cleared for its level (library scope “everyone”, the forum). */
  everyone?: boolean;
  /**
   * 查阅条目: DOMAIN.md — a division files its results "as indexed entries (查阅条目) for the others
   * to find": the entry (title, summary) is findable by every cleared business user, the content
   * (正文, attachments) still needs need-to-know.
   */
  catalog?: boolean;
  /** Text only readers of the content may get (body / 正文); never in an answer to anyone else. */
  secret?: string;
}

const BUSINESS = ['leader', 'director', 'division_head', 'staff', 'liaison', 'rater'];
const ADMIN = ['sysadmin', 'secadmin', 'auditor'];
/** Read paths that give the content of an item (the rest show its entry: title, date, owner). */
export const CONTENT_PATHS = new Set(['content', 'attachments', 'download', 'library-download', 'render.docx', 'render.pdf', 'export']);

/**
 * DOMAIN.md: "A user sees an item only with clearance ≥ level and need-to-know (own unit,
 * assigned, or explicitly shared)"; the 三员 "none of whom can read business content".
 * `path` matters only for a 查阅条目, whose entry is findable by everyone cleared.
 */
export function oracleSees(a: OracleActor, item: MatrixItem, path = 'detail'): boolean {
  if (a.roles.some((r) => ADMIN.includes(r)) || !a.roles.some((r) => BUSINESS.includes(r))) return false;
  if (a.clearance < item.level) return false;
  if (item.everyone) return true;
  if (item.catalog && !CONTENT_PATHS.has(path)) return true;
  if (item.officeDirector && a.roles.includes('director')) return true;
  return item.unitIds.includes(a.unitId) || item.userIds.includes(a.id) || item.sharedUnitIds.includes(a.unitId) || item.sharedUserIds.includes(a.id);
}

/** What an actor observed: per item and path whether it saw the item, counts of matrix items, every answer's text. */
export interface Observation {
  seen: Map<string, Record<string, boolean>>;
  /** A count an answer gave of the matrix items of `kind` on `path` (e.g. a list total filtered by the matrix tag). */
  counts: { name: string; kind: string; path: string; got: number }[];
  /** The text of every answer the actor got (JSON bodies, export contents): hidden titles must not be in it. */
  bodies: string[];
}

/** The key of an item in an observation (ids of different kinds may coincide). */
export function keyOf(item: MatrixItem): string {
  return `${item.kind}:${item.id}`;
}

/** One module's contribution to the matrix. */
export interface ItemProvider {
  type: string;
  /** Creates the items of the matrix (through the module's API where it has one). */
  createMatrix(env: TestEnv): Promise<MatrixItem[]>;
  /** For each item (by `keyOf`): read path → whether `client` saw it; counts; the answers' text. */
  observe(env: TestEnv, client: TestClient, items: MatrixItem[]): Promise<Observation>;
}

/** The providers; each business module adds one as it lands. */
export const ITEM_PROVIDERS: ItemProvider[] = [];

// ------------------------------------------------------------------------------------------ helpers

const LEVELS = [0, 1, 2, 3];
const HAN = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';

/** A tag of Han characters unique to one matrix (search and list filters find exactly the matrix's items). */
function hanTag(n = 6): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HAN[Math.floor(Math.random() * HAN.length)];
  return s;
}

function ok(res: TestResponse, what: string): any {
  if (res.status !== 200 && res.status !== 201) throw new Error(`${what} failed: ${res.status} ${res.body.slice(0, 300)}`);
  return res.json;
}

/**
 * Runs `fn` with 秘密 and 机密 enabled and the named users cleared for 机密, so the matrix creates
 * items at every level through the modules' own APIs (the demo office enables 公开/内部 only and
 * clears nobody above 内部); restores both afterwards.
 */
async function withEveryLevel<T>(env: TestEnv, usernames: string[], fn: () => Promise<T>): Promise<T> {
  const db = env.ctx.db;
  const before = await db.selectFrom('user').select(['id', 'clearance']).where('username', 'in', usernames).execute();
  const settings = await env.ctx.settings.get(db);
  await db.transaction().execute((trx) => env.ctx.settings.put(trx, settings.version, { ...settings.value, enabledLevels: [0, 1, 2, 3] }));
  await db.updateTable('user').set({ clearance: 3 }).where('username', 'in', usernames).execute();
  try {
    return await fn();
  } finally {
    for (const u of before) await db.updateTable('user').set({ clearance: u.clearance }).where('id', '=', u.id).execute();
    const now = await env.ctx.settings.get(db);
    await db.transaction().execute((trx) => env.ctx.settings.put(trx, now.version, settings.value));
  }
}

/** An explicit share grant (need-to-know) through the platform's `grantShare`, as the modules give it. */
async function share(env: TestEnv, itemType: string, itemId: number, unitId: number, by: string): Promise<void> {
  await env.ctx.db
    .transaction()
    .execute((trx) =>
      grantShare(trx, { itemType, itemId, granteeType: 'unit', granteeId: unitId, grantedBy: env.demo.userByName[by]!, at: env.ctx.clock.now() }),
    );
}

/** Uploads a small PDF named after the item to `ownerType`/`ownerId`; returns the attachment id. */
async function attach(c: TestClient, ownerType: string, ownerId: number, label: string): Promise<number> {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 0x20), Buffer.from('\n%%EOF\n')]);
  const res = await c.upload(`/api/files?ownerType=${ownerType}&ownerId=${ownerId}`, `matrix-${ownerType}-${ownerId}.pdf`, pdf);
  const j = ok(res, `attach to ${ownerType}#${ownerId} (${label})`);
  return (j.id ?? j.attachment?.id) as number;
}

async function getRaw(env: TestEnv, client: TestClient, url: string): Promise<{ status: number; raw: Buffer; body: string }> {
  const res = await env.app.inject({ method: 'GET', url, headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.statusCode, raw: res.rawPayload, body: res.body };
}

/** Whole-system search for the matrix tag: item ids found per item type, the total, and the answer. */
async function searchTag(client: TestClient, tag: string): Promise<{ found: Set<string>; total: number; byModule: Record<string, number>; body: string }> {
  const found = new Set<string>();
  let total = 0;
  let byModule: Record<string, number> = {};
  let body = '';
  for (let page = 1; page <= 5; page++) {
    const res = await client.get(`/api/search?q=${encodeURIComponent(tag)}&pageSize=100&page=${page}`);
    body += res.body;
    if (res.status !== 200) break;
    total = res.json.total;
    byModule = res.json.byModule ?? {};
    for (const h of res.json.items as { itemType: string; itemId: number }[]) found.add(`${h.itemType}:${h.itemId}`);
    if ((res.json.items as unknown[]).length < 100) break;
  }
  return { found, total, byModule, body };
}

/** Files of an item through the platform's attachment API: listed (200) and the first one downloaded (200). */
async function fileAccess(env: TestEnv, client: TestClient, ownerType: string, ownerId: number, fileId: number | undefined) {
  const list = await client.get(`/api/files?ownerType=${ownerType}&ownerId=${ownerId}`);
  const dl = fileId ? await getRaw(env, client, `/api/files/${fileId}`) : { status: 404, body: '' };
  return { attachments: list.status === 200, download: dl.status === 200, body: list.body };
}

async function xlsxText(buf: Buffer | undefined): Promise<string> {
  if (!buf) return '';
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  const parts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.text ?? '')))));
  return parts.join('\n');
}

async function docxText(buf: Buffer | undefined): Promise<string> {
  if (!buf || buf.length < 4 || buf.subarray(0, 2).toString() !== 'PK') return '';
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(buf);
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

/** Business answers every actor may ask for, scanned for hidden titles (工作台, notifications). */
async function commonBodies(client: TestClient): Promise<string[]> {
  const out: string[] = [];
  for (const url of ['/api/workbench', '/api/notifications?pageSize=200']) out.push((await client.get(url)).body);
  return out;
}

// ------------------------------------------------------------------------------------------ 督查事项

/** 督查事项 (supervision items): created by 督查室 through the API at every level; shared to 信息处 or not. */
const supervisionProvider: ItemProvider = {
  type: 'supervision_item',
  async createMatrix(env) {
    const { unitByCode, userByName } = env.demo;
    const tag = `矩阵核查${hanTag()}`;
    const items: MatrixItem[] = [];
    await withEveryLevel(env, ['dcs_zhang'], async () => {
      const c = await env.login('dcs_zhang');
      for (const level of LEVELS)
        for (const lead of ['ndrc', 'education'])
          for (const shared of [false, true]) {
            const title = `${tag}L${level}${lead}${shared ? 'S' : 'N'}`;
            const j = ok(
              await c.post('/api/supervision/items', {
                source: 'instruction',
                title,
                requirement: '权限矩阵测试事项',
                level,
                leadUnitId: unitByCode[lead],
                deadline: '2026-06-30',
              }),
              'supervision create',
            );
            const id = (j.id ?? j.item?.id) as number;
            if (shared) await share(env, 'supervision_item', id, unitByCode.information!, 'dcs_zhang');
            // 分解立项: a task for 发改委 and one for 教育局 (one of them the lead unit), each with a stage
            // named only for it — the stage shows on the item page of the task's readers alone
            const version = (await env.ctx.db.selectFrom('supervision_item').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
            const taskUnits = [
              ['ndrc', 'fgw_xu'],
              ['education', 'jyj_dong'],
            ] as const;
            ok(
              await c.post(`/api/supervision/items/${id}/split`, {
                version,
                tasks: taskUnits.map(([unit, user]) => ({
                  unitId: unitByCode[unit],
                  responsibleUserId: userByName[user],
                  deadline: '2026-06-30',
                  stages: [{ name: `${title}${unit}任务阶段`, deadline: '2026-06-30' }],
                })),
              }),
              'supervision split',
            );
            const row = await env.ctx.db.selectFrom('supervision_item').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
            const taskRows = await env.ctx.db.selectFrom('supervision_task').selectAll().where('item_id', '=', id).execute();
            items.push({
              id,
              kind: 'supervision_item',
              label: title,
              level,
              unitIds: [row.owner_unit_id, row.lead_unit_id, ...taskRows.map((t) => t.unit_id)].filter((x): x is number => x !== null),
              userIds: [row.responsible_user_id, row.responsible_leader_id, row.instructed_by_id].filter((x): x is number => x !== null),
              officeDirector: true,
              sharedUnitIds: shared ? [unitByCode.information!] : [],
              sharedUserIds: [],
            });
            for (const t of taskRows) {
              const unit = taskUnits.find(([u]) => unitByCode[u] === t.unit_id)![0];
              // DOMAIN.md: a task is the assigned unit's; 督查室 and the lead unit coordinate it; its
              // responsible person and leader are assigned; the item's share reaches its tasks
              items.push({
                id: t.id,
                kind: 'supervision_task',
                label: `${title}${unit}任务阶段`,
                level,
                unitIds: [t.unit_id, row.owner_unit_id, row.lead_unit_id].filter((x): x is number => x !== null),
                // the instructing leader follows the whole 批示件; the office director oversees it
                userIds: [t.responsible_user_id, row.responsible_leader_id, row.instructed_by_id].filter((x): x is number => x !== null),
                officeDirector: true,
                sharedUnitIds: shared ? [unitByCode.information!] : [],
                sharedUserIds: [],
              });
            }
          }
    });
    return items;
  },
  async observe(env, client, items) {
    const seen = new Map<string, Record<string, boolean>>();
    const bodies = await commonBodies(client);
    const list = await client.get('/api/supervision/items?pageSize=200');
    bodies.push(list.body);
    const listed = new Set<number>(list.status === 200 ? (list.json.items as { id: number }[]).map((i) => i.id) : []);
    const totalHonest = list.status !== 200 || list.json.total === list.json.items.length;
    const tag = items[0]!.label.slice(0, 10);
    const search = await searchTag(client, tag);
    bodies.push(search.body);
    const exp = await getRaw(env, client, '/api/supervision/export.xlsx');
    const exportText = exp.status === 200 ? await xlsxText(exp.raw) : '';
    bodies.push(exportText);
    for (const url of ['/api/supervision/stats', '/api/supervision/stats/overdue']) bodies.push((await client.get(url)).body);
    const tasks = await client.get('/api/supervision/tasks?scope=all&pageSize=200');
    bodies.push(tasks.body);
    const tasksListed = new Set<number>(tasks.status === 200 ? (tasks.json.items as { id: number }[]).map((t) => t.id) : []);
    const tasksTotalHonest = tasks.status !== 200 || tasks.json.total === tasks.json.items.length;
    // the item pages: each lists the tasks (with their stages) its reader may see
    const onItemPage = new Set<number>();
    for (const item of items.filter((i) => i.kind === 'supervision_item')) {
      const page = await client.get(`/api/supervision/items/${item.id}`);
      bodies.push(page.body);
      if (page.status === 200) for (const t of page.json.tasks as { id: number }[]) onItemPage.add(t.id);
    }
    for (const task of items.filter((i) => i.kind === 'supervision_task')) {
      const detail = await client.get(`/api/supervision/tasks/${task.id}`);
      bodies.push(detail.body);
      seen.set(keyOf(task), {
        detail: detail.status === 200,
        list: tasksListed.has(task.id),
        count: tasksListed.has(task.id) && tasksTotalHonest,
        'item-page': onItemPage.has(task.id),
      });
    }
    for (const item of items.filter((i) => i.kind === 'supervision_item')) {
      const detail = await client.get(`/api/supervision/items/${item.id}`);
      const files = await client.get(`/api/files?ownerType=supervision_item&ownerId=${item.id}`);
      seen.set(keyOf(item), {
        detail: detail.status === 200,
        list: listed.has(item.id),
        export: exportText.includes(item.label),
        attachments: files.status === 200,
        count: listed.has(item.id) && totalHonest,
        search: search.found.has(`supervision_item:${item.id}`),
      });
    }
    return {
      seen,
      counts: [{ name: 'search total', kind: 'supervision_item', path: 'search', got: search.total }],
      bodies,
    };
  },
};

// ------------------------------------------------------------------------------------------ 公文

/**
 * 公文 (documents): outgoing drafts (起草) and incoming documents (签收) at every level, by 督查室
 * or by 综合处, shared with 信息处 or not; one attachment each. The incoming ones are then archived
 * (status set as the archivist's 归档 would) so the 归档目录 export holds them.
 */
const documentsProvider: ItemProvider = {
  type: 'document',
  async createMatrix(env) {
    const { unitByCode, userByName } = env.demo;
    const tag = `矩阵公文${hanTag()}`;
    const items: MatrixItem[] = [];
    await withEveryLevel(env, ['dcs_zhang', 'zhc_zheng'], async () => {
      for (const creator of ['dcs_zhang', 'zhc_zheng']) {
        const c = await env.login(creator);
        for (const direction of ['out', 'in'] as const)
          for (const level of LEVELS)
            for (const shared of [false, true]) {
              const title = `${tag}${direction}L${level}${creator}${shared ? 'S' : 'N'}`;
              const body = `正文保密内容${title}`;
              const j =
                direction === 'out'
                  ? ok(
                      await c.post('/api/documents/outgoing', { docType: '函', title, level, urgency: 'normal', bodyHtml: `<p>${body}</p>` }),
                      'document draft',
                    )
                  : ok(await c.post('/api/documents/incoming', { docType: '通知', title, sourceOrgan: '省委办公厅', level }), 'document receive');
              const id = j.id as number;
              const fileId = await attach(c, 'document', id, title);
              if (shared) await share(env, 'document', id, unitByCode.information!, creator);
              const row = await env.ctx.db.selectFrom('document').select(['owner_unit_id']).where('id', '=', id).executeTakeFirstOrThrow();
              if (direction === 'in')
                await env.ctx.db
                  .updateTable('document')
                  .set({ status: 'archived', archive_no: `JZ-${id}`, archived_at: env.ctx.clock.now().toISOString(), retention: '10y' })
                  .where('id', '=', id)
                  .execute();
              items.push({
                id,
                kind: direction === 'out' ? 'document_out' : 'document_in',
                label: title,
                level,
                unitIds: [row.owner_unit_id],
                userIds: [userByName[creator]!],
                sharedUnitIds: shared ? [unitByCode.information!] : [],
                sharedUserIds: [],
                secret: direction === 'out' ? body : undefined,
                fileId,
              } as MatrixItem & { fileId: number });
            }
      }
    });
    return items;
  },
  async observe(env, client, items) {
    const seen = new Map<string, Record<string, boolean>>();
    const bodies = await commonBodies(client);
    const tag = items[0]!.label.slice(0, 10);
    const list = await client.get(`/api/documents?q=${encodeURIComponent(tag)}&pageSize=200`);
    const archived = await client.get(`/api/documents?q=${encodeURIComponent(tag)}&archived=1&pageSize=200`);
    bodies.push(list.body, archived.body);
    const listed = new Set<number>(list.status === 200 ? (list.json.items as { id: number }[]).map((i) => i.id) : []);
    const search = await searchTag(client, tag);
    bodies.push(search.body);
    const exp = await getRaw(env, client, '/api/documents/archive/export.xlsx');
    const exportText = exp.status === 200 ? await xlsxText(exp.raw) : '';
    bodies.push(exportText);
    const year = env.ctx.clock.now().getUTCFullYear();
    for (const url of [`/api/documents/quota/stats?year=${year}`, `/api/documents/quota/approvals?year=${year}`, '/api/documents?mine=1&pageSize=200'])
      bodies.push((await client.get(url)).body);
    for (const item of items as (MatrixItem & { fileId: number })[]) {
      const detail = await client.get(`/api/documents/${item.id}`);
      bodies.push(detail.body);
      const f = await fileAccess(env, client, 'document', item.id, item.fileId);
      bodies.push(f.body);
      const r: Record<string, boolean> = {
        detail: detail.status === 200,
        content: detail.status === 200 && detail.body.includes(item.secret ?? item.label),
        list: listed.has(item.id),
        search: search.found.has(`document:${item.id}`),
        attachments: f.attachments,
        download: f.download,
      };
      if (item.kind === 'document_out') {
        const docx = await getRaw(env, client, `/api/documents/${item.id}/render.docx`);
        const docText = docx.status === 200 ? await docxText(docx.raw) : docx.body;
        bodies.push(docText);
        r['render.docx'] = docx.status === 200 && docText.includes(item.label);
        // PDF through Chromium: the visible ones render (slow), the hidden ones are refused before rendering
        const pdf = await getRaw(env, client, `/api/documents/${item.id}/render.pdf`);
        if (pdf.status !== 200) bodies.push(pdf.body);
        r['render.pdf'] = pdf.status === 200 && pdf.raw.subarray(0, 5).toString() === '%PDF-';
      } else r.export = exportText.includes(item.label);
      seen.set(keyOf(item), r);
    }
    const counts: Observation['counts'] = [];
    if (list.status === 200) counts.push({ name: 'list total', kind: '*', path: 'list', got: list.json.total });
    if (archived.status === 200) counts.push({ name: 'archive list total', kind: 'document_in', path: 'list', got: archived.json.total });
    counts.push({ name: 'search count', kind: '*', path: 'search', got: search.total });
    return { seen, counts, bodies };
  },
};

// ------------------------------------------------------------------------------------------ 会议

/**
 * 会议 (meetings, 议题, 材料). Meetings are organised by the 会务处室 (the handler units of the
 * module's configuration: the general office and its 秘书处 — the units assigned to every meeting),
 * with a chair and attendees (assigned users); a material follows its meeting with its own 密级.
 * Topics (议题) are known to the proposing unit, the proposer and the handler units.
 */
const meetingsProvider: ItemProvider = {
  type: 'meetings',
  async createMatrix(env) {
    const { unitByCode, userByName } = env.demo;
    const tag = `矩阵会议${hanTag()}`;
    const items: MatrixItem[] = [];
    const cfg = ok(await (await env.login('msc_zhou')).get('/api/meetings/config'), 'meetings config');
    const handlers = cfg.handlerUnitIds as number[];
    const agendaMeetings: { id: number; level: number }[] = [];
    await withEveryLevel(env, ['msc_zhou', 'dcs_zhang', 'fgw_xu'], async () => {
      const office = await env.login('msc_zhou');
      const chair = userByName.msc_sun!;
      for (const level of LEVELS)
        for (const attendee of ['dcs_huang', 'fgw_xu'])
          for (const shared of [false, true]) {
            const title = `${tag}会L${level}${attendee}${shared ? 'S' : 'N'}`;
            const m = ok(
              await office.post('/api/meetings', {
                title,
                kind: 'deployment',
                startsAt: '2026-12-20T02:00:00.000Z',
                place: '第一会议室',
                chairId: chair,
                level,
                attendeeIds: [userByName[attendee]],
              }),
              'meeting create',
            );
            if (shared) await share(env, 'meeting', m.id, unitByCode.information!, 'msc_zhou');
            const base = {
              unitIds: handlers,
              userIds: [chair, userByName.msc_zhou!, userByName[attendee]!],
              sharedUnitIds: shared ? [unitByCode.information!] : [],
              sharedUserIds: [],
            };
            items.push({ id: m.id, kind: 'meeting', label: title, level, ...base });
            if (attendee === 'dcs_huang' && !shared) agendaMeetings.push({ id: m.id, level });
            // one material at the meeting's level, and in a 公开 meeting materials at every higher level
            for (const ml of level === 0 ? LEVELS : [level]) {
              const mt = `${tag}材L${ml}于${level}${attendee}${shared ? 'S' : 'N'}`;
              const mat = ok(await office.post(`/api/meetings/${m.id}/materials`, { title: mt, kind: 'speech', level: ml }), 'material add');
              const fileId = await attach(office, 'meeting_material', mat.id, mt);
              items.push({ id: mat.id, kind: 'meeting_material', label: mt, level: Math.max(level, ml), ...base, meetingId: m.id, fileId } as MatrixItem);
            }
          }
    });
    await withEveryLevel(env, ['dcs_zhang', 'fgw_xu'], async () => {
      for (const proposer of ['dcs_zhang', 'fgw_xu']) {
        const c = await env.login(proposer);
        for (const level of LEVELS)
          for (const shared of [false, true]) {
            const title = `${tag}题L${level}${proposer}${shared ? 'S' : 'N'}`;
            const background = `议题背景保密${title}`;
            const t = ok(await c.post('/api/meeting-topics', { title, background, kind: 'deployment', level }), 'topic propose');
            const id = (t.id ?? t.topic?.id) as number;
            const fileId = await attach(c, 'meeting_topic', id, title);
            if (shared) await share(env, 'meeting_topic', id, unitByCode.information!, proposer);
            const unitId = (await env.ctx.db.selectFrom('user').select('unit_id').where('username', '=', proposer).executeTakeFirstOrThrow()).unit_id;
            items.push({
              id,
              kind: 'meeting_topic',
              label: title,
              level,
              unitIds: [unitId, ...handlers],
              userIds: [userByName[proposer]!],
              sharedUnitIds: shared ? [unitByCode.information!] : [],
              sharedUserIds: [],
              secret: background,
              fileId,
            } as MatrixItem);
          }
      }
    });
    // a 公开 topic of 发展改革委 put on the agenda of a meeting of each level its proposer does not attend:
    // the topic becomes known to the meeting's chair and attendees; the meeting stays hidden from the proposer
    await withEveryLevel(env, ['msc_zhou', 'fgw_xu'], async () => {
      const office = await env.login('msc_zhou');
      const proposer = await env.login('fgw_xu');
      for (const m of agendaMeetings) {
        const title = `${tag}程L${m.level}`;
        const background = `议程议题背景${title}`;
        const t = ok(await proposer.post('/api/meeting-topics', { title, background, kind: 'deployment', level: 0 }), 'agenda topic propose');
        ok(await office.post(`/api/meeting-topics/${t.id}/transitions/prepare`, { version: t.version }), 'topic prepare');
        for (const gate of ['situation_clear', 'materials_ready'])
          ok(await office.post(`/api/meeting-topics/${t.id}/gates/${gate}`, { version: 0, text: '已核实' }), `gate ${gate}`);
        const now = ok(await office.get(`/api/meeting-topics/${t.id}`), 'topic read');
        ok(await office.post(`/api/meetings/${m.id}/agenda`, { topicId: t.id, topicVersion: now.version }), 'agenda place');
        items.push({
          id: t.id,
          kind: 'meeting_topic',
          label: title,
          level: 0,
          unitIds: [unitByCode.ndrc!, ...handlers],
          userIds: [userByName.fgw_xu!, userByName.msc_sun!, userByName.dcs_huang!],
          sharedUnitIds: [],
          sharedUserIds: [],
          secret: background,
        });
      }
    });
    return items;
  },
  async observe(env, client, items) {
    type It = MatrixItem & { fileId?: number; meetingId?: number };
    const seen = new Map<string, Record<string, boolean>>();
    const bodies = await commonBodies(client);
    const tag = items[0]!.label.slice(0, 10);
    const meetings = await client.get('/api/meetings?pageSize=500');
    const topics = await client.get(`/api/meeting-topics?q=${encodeURIComponent(tag)}&pageSize=200`);
    bodies.push(meetings.body, topics.body, (await client.get('/api/meeting-topics?pageSize=200')).body);
    const listedMeetings = new Set<number>(meetings.status === 200 ? (meetings.json.items as { id: number }[]).map((i) => i.id) : []);
    const listedTopics = new Set<number>(topics.status === 200 ? (topics.json.items as { id: number }[]).map((i) => i.id) : []);
    const search = await searchTag(client, tag);
    bodies.push(search.body);
    const meetingDetail = new Map<number, TestResponse>();
    for (const item of items as It[]) {
      if (item.kind !== 'meeting') continue;
      const d = await client.get(`/api/meetings/${item.id}`);
      meetingDetail.set(item.id, d);
      bodies.push(d.body);
      const docx = await getRaw(env, client, `/api/meetings/${item.id}/minutes.docx`);
      bodies.push(docx.status === 200 ? await docxText(docx.raw) : docx.body);
      seen.set(keyOf(item), {
        detail: d.status === 200,
        list: listedMeetings.has(item.id),
        search: search.found.has(`meeting:${item.id}`),
        // a planned meeting has no minutes yet: a reader gets the rule refusal, anyone else the 404
        'minutes.docx': docx.status !== 404,
      });
    }
    for (const item of items as It[]) {
      if (item.kind === 'meeting_material') {
        const d = meetingDetail.get(item.meetingId!);
        const inDetail = d?.status === 200 && (d.json.materials as { id: number }[]).some((m) => m.id === item.id);
        const f = await fileAccess(env, client, 'meeting_material', item.id, item.fileId);
        bodies.push(f.body);
        seen.set(keyOf(item), { detail: inDetail, attachments: f.attachments, download: f.download });
      } else if (item.kind === 'meeting_topic') {
        const d = await client.get(`/api/meeting-topics/${item.id}`);
        bodies.push(d.body);
        const f = await fileAccess(env, client, 'meeting_topic', item.id, item.fileId);
        bodies.push(f.body);
        seen.set(keyOf(item), {
          detail: d.status === 200,
          content: d.status === 200 && d.body.includes(item.secret!),
          list: listedTopics.has(item.id),
          search: search.found.has(`meeting_topic:${item.id}`),
          attachments: f.attachments,
          ...(item.fileId ? { download: f.download } : {}),
        });
      }
    }
    const counts: Observation['counts'] = [];
    if (topics.status === 200) counts.push({ name: 'topic list total', kind: 'meeting_topic', path: 'list', got: topics.json.total });
    counts.push({ name: 'search count', kind: '*', path: 'search', got: search.total });
    return { seen, counts, bodies };
  },
};

// ------------------------------------------------------------------------------------------ 资源库

/**
 * 资源库 (library): items filed by 督查室 or 综合处 at every level in four modes — restricted to
 * the owner unit, 查阅条目 (entry findable by all cleared, content restricted), shared with 信息处
 * by a grant, open to everyone — and three more that give need-to-know to one person through the
 * module's own flows: circulated (传阅) to 发改委's liaison, a 查阅条目 whose 查阅申请 by 教育局's
 * liaison the owner granted, and one whose request was refused. Both were cleared for every level
 * while the matrix was made and are not any more: a grant never lifts the level. One attachment
 * each. Forum topics (论坛) at every level: the forum
 * is open to every cleared business user (DOMAIN.md: an intranet forum).
 */
const libraryProvider: ItemProvider = {
  type: 'library',
  async createMatrix(env) {
    const { unitByCode, userByName } = env.demo;
    const tag = `矩阵资源${hanTag()}`;
    const items: MatrixItem[] = [];
    // 传阅 goes to 徐鹏 (发改委, clearance 1) and 查阅申请 come from 董丽 (教育局, clearance 0): both are
    // cleared for every level while the matrix is made, so the grants they get outlive their clearance
    const reader = 'fgw_xu';
    const requester = 'jyj_dong';
    await withEveryLevel(env, ['dcs_zhang', 'zhc_zheng', reader, requester], async () => {
      const asker = await env.login(requester);
      for (const creator of ['dcs_zhang', 'zhc_zheng']) {
        const c = await env.login(creator);
        const unitId = (await env.ctx.db.selectFrom('user').select('unit_id').where('username', '=', creator).executeTakeFirstOrThrow()).unit_id;
        for (const level of LEVELS)
          for (const mode of ['own', 'catalog', 'shared', 'everyone', 'circulated', 'granted', 'refused'] as const) {
            const title = `${tag}L${level}${creator}${mode}`;
            const content = `受限正文内容${title}`;
            const catalog = mode === 'catalog' || mode === 'granted' || mode === 'refused';
            const j = ok(
              await c.post('/api/library/items', {
                kind: 'research_report',
                title,
                level,
                scope: mode === 'everyone' ? 'everyone' : 'scoped',
                catalog,
                summary: '权限矩阵条目',
                content,
                date: '2026-11-20',
              }),
              'library create',
            );
            const fileId = await attach(c, 'library_item', j.id, title);
            if (mode === 'shared') await share(env, 'library_item', j.id, unitByCode.information!, creator);
            if (mode === 'circulated')
              ok(
                await c.post(`/api/library/items/${j.id}/circulations`, { userIds: [userByName[reader]!], unitIds: [], purpose: `矩阵传阅${title}` }),
                'circulate',
              );
            if (mode === 'granted' || mode === 'refused') {
              const req = ok(await asker.post(`/api/library/items/${j.id}/access-requests`, { reason: `矩阵申请${title}` }), 'access request');
              const incoming = ok(await c.get('/api/library/access-requests?box=incoming&status=pending&pageSize=100'), 'incoming requests');
              const pending = (incoming.items as { id: number; version: number }[]).find((r) => r.id === req.id)!;
              ok(
                await c.post(`/api/library/access-requests/${req.id}/decide`, {
                  action: mode === 'granted' ? 'grant' : 'refuse',
                  version: pending.version,
                  note: `矩阵决定${title}`,
                }),
                'decide request',
              );
            }
            const sharedUserIds = mode === 'circulated' ? [userByName[reader]!] : mode === 'granted' ? [userByName[requester]!] : [];
            items.push({
              id: j.id,
              kind: 'library_item',
              label: title,
              level,
              unitIds: [unitId],
              userIds: [userByName[creator]!],
              sharedUnitIds: mode === 'shared' ? [unitByCode.information!] : [],
              sharedUserIds,
              everyone: mode === 'everyone',
              catalog,
              secret: content,
              fileId,
            } as MatrixItem);
          }
      }
      const c = await env.login('dcs_zhang');
      for (const level of LEVELS) {
        const title = `${tag}论坛L${level}`;
        const j = ok(await c.post('/api/library/topics', { title, body: `论坛正文${title}`, level }), 'forum topic');
        items.push({ id: j.id, kind: 'forum_topic', label: title, level, unitIds: [], userIds: [], sharedUnitIds: [], sharedUserIds: [], everyone: true });
      }
    });
    return items;
  },
  async observe(env, client, items) {
    type It = MatrixItem & { fileId?: number };
    const seen = new Map<string, Record<string, boolean>>();
    const bodies = await commonBodies(client);
    const tag = items[0]!.label.slice(0, 10);
    const list = await client.get(`/api/library/items?q=${encodeURIComponent(tag)}&pageSize=100`);
    const forum = await client.get(`/api/library/topics?q=${encodeURIComponent(tag)}&pageSize=100`);
    bodies.push(list.body, forum.body);
    for (const url of [
      '/api/library/items?tab=catalog&pageSize=100',
      '/api/library/stats?from=2026-01-01&to=2026-12-31',
      '/api/library/circulations?box=received&pageSize=100',
      '/api/library/circulations?box=sent&pageSize=100',
      '/api/library/access-requests?box=incoming&pageSize=100',
      '/api/library/access-requests?box=mine&pageSize=100',
    ])
      bodies.push((await client.get(url)).body);
    const listed = new Set<number>(list.status === 200 ? (list.json.items as { id: number }[]).map((i) => i.id) : []);
    const listedForum = new Set<number>(forum.status === 200 ? (forum.json.items as { id: number }[]).map((i) => i.id) : []);
    const search = await searchTag(client, tag);
    bodies.push(search.body);
    for (const item of items as It[]) {
      if (item.kind === 'forum_topic') {
        const d = await client.get(`/api/library/topics/${item.id}`);
        bodies.push(d.body);
        seen.set(keyOf(item), { detail: d.status === 200, list: listedForum.has(item.id), search: search.found.has(`library_topic:${item.id}`) });
        continue;
      }
      const d = await client.get(`/api/library/items/${item.id}`);
      bodies.push(d.body);
      const similar = await client.get(`/api/library/items/${item.id}/similar`);
      bodies.push(similar.body);
      const f = await fileAccess(env, client, 'library_item', item.id, item.fileId);
      bodies.push(f.body);
      const ld = await getRaw(env, client, `/api/library/items/${item.id}/files/${item.fileId}`);
      if (ld.status !== 200) bodies.push(ld.body);
      seen.set(keyOf(item), {
        detail: d.status === 200,
        similar: similar.status === 200,
        content: d.status === 200 && d.json.content === item.secret,
        list: listed.has(item.id),
        search: search.found.has(`library_item:${item.id}`),
        attachments: f.attachments,
        download: f.download,
        'library-download': ld.status === 200,
      });
    }
    const counts: Observation['counts'] = [];
    if (list.status === 200) counts.push({ name: 'item list total', kind: 'library_item', path: 'list', got: list.json.total });
    if (forum.status === 200) counts.push({ name: 'forum list total', kind: 'forum_topic', path: 'list', got: forum.json.total });
    counts.push({ name: 'search count', kind: '*', path: 'search', got: search.total });
    return { seen, counts, bodies };
  },
};

ITEM_PROVIDERS.push(supervisionProvider, documentsProvider, meetingsProvider, libraryProvider);
