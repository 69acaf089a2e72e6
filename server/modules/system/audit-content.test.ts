import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';

/** Business text planted by the business users below; none of it may reach the audit trail in clear. */
const M = {
  item: '审计泄露标记督办甲',
  report: '审计泄露标记反馈乙',
  reason: '审计泄露标记退回丙',
  note: '审计泄露标记回访丁',
  extension: '审计泄露标记延期戊',
  file: '审计泄露标记附件己',
  q: '审计泄露标记检索庚',
  doc: '审计泄露标记公文辛',
  topic: '审计泄露标记议题壬',
};

describeEachDialect('audit trail: who did what to which item, no business content', (env) => {
  const unit = (code: string) => env().demo.unitByCode[code]!;
  const user = (name: string) => env().demo.userByName[name]!;

  async function issuedItem(c: TestClient, unitCode: string, person: string, title: string) {
    const reg = await c.post('/api/supervision/items', {
      source: 'instruction',
      instructedBy: '李明华',
      instructedById: user('sj_li'),
      instructionText: '请抓紧办理',
      title,
      requirement: '按期完成',
      level: 1,
      leadUnitId: unit(unitCode),
      coUnitIds: [],
      responsibleLeaderId: user('msz_zhao'),
      deadline: '2026-04-20',
    });
    expect(reg.status, reg.body).toBe(200);
    const id = reg.json.item.id as number;
    const split = await c.post(`/api/supervision/items/${id}/split`, {
      version: reg.json.item.version,
      tasks: [{ unitId: unit(unitCode), responsibleUserId: user(person), deadline: '2026-04-20' }],
    });
    expect(split.status, split.body).toBe(200);
    const issued = await c.post(`/api/supervision/items/${id}/issue`, { version: split.json.item.version });
    expect(issued.status, issued.body).toBe(200);
    return { id, task: issued.json.tasks[0] as { id: number; version: number } };
  }

  async function auditText(): Promise<{ text: string; items: Record<string, any>[] }> {
    const auditor = await env().login('auditor');
    const items: Record<string, any>[] = [];
    const bodies: string[] = [];
    for (let page = 1; ; page++) {
      const res = await auditor.get(`/api/audit?pageSize=200&page=${page}`);
      expect(res.status).toBe(200);
      bodies.push(res.body);
      items.push(...res.json.items);
      if (res.json.items.length < 200) break;
    }
    return { text: bodies.join('\n'), items };
  }

  it('titles, reasons, notes, file names and search text of business users never reach the trail or the auditor', async () => {
    const office = await env().login('dcs_zhang');
    const housing = await env().login('zjj_peng');
    const finance = await env().login('czj_han');
    // 督办: report → 退回 (reason) → report → 通过 → 回访销号 (note)
    const a = await issuedItem(office, 'housing', 'zjj_peng', `${M.item}一`);
    const r1 = await housing.post(`/api/supervision/tasks/${a.task.id}/reports`, { version: a.task.version, content: M.report, final: true });
    expect(r1.status, r1.body).toBe(200);
    const ret = await office.post(`/api/supervision/tasks/${a.task.id}/review`, { version: r1.json.taskVersion, decision: 'return', reason: M.reason });
    expect(ret.status, ret.body).toBe(200);
    const r2 = await housing.post(`/api/supervision/tasks/${a.task.id}/reports`, { version: ret.json.taskVersion, content: M.report, final: true });
    const all = { factsClear: true, problemSolved: true, instructionImplemented: true, conclusionAccurate: true, handlingProper: true };
    // 办结 by 督查室's 处长, 销号 of the 批示件 by its instructing leader (the default approvers)
    const head = await env().login('dcs_huang');
    const acc = await head.post(`/api/supervision/tasks/${a.task.id}/review`, { version: r2.json.taskVersion, decision: 'accept', criteria: all });
    expect(acc.status, acc.body).toBe(200);
    const item = await office.get(`/api/supervision/items/${a.id}`);
    const leader = await env().login('sj_li');
    const closed = await leader.post(`/api/supervision/items/${a.id}/follow-up`, { version: item.json.item.version, note: M.note, rating: 5 });
    expect(closed.status, closed.body).toBe(200);
    // 延期申请 (reason), an attachment (file name), an export (search text)
    const b = await issuedItem(office, 'finance', 'czj_han', `${M.item}二`);
    const ext = await finance.post(`/api/supervision/tasks/${b.task.id}/extensions`, {
      version: b.task.version,
      reason: M.extension,
      requestedDeadline: '2026-04-30',
    });
    expect(ext.status, ext.body).toBe(200);
    const up = await office.upload(`/api/files?ownerType=supervision_item&ownerId=${b.id}`, `${M.file}.txt`, Buffer.from('附件内容'));
    expect(up.status, up.body).toBe(201);
    expect((await office.get(`/api/supervision/export.xlsx?q=${encodeURIComponent(M.q)}`)).status).toBe(200);
    // 发文 draft (title), 议题 (title)
    const d = await (
      await env().login('zhc_zheng')
    ).post('/api/documents/outgoing', {
      docType: '通知',
      title: M.doc,
      level: 0,
      urgency: 'normal',
      orgCode: '青委办发',
      issuerOrgan: '中共青州市委办公厅文件',
      flow: 'down',
      signerId: user('zr_chen'),
      mainTo: '市直各单位',
      bodyHtml: '<p>正文</p>',
      signature: '中共青州市委办公厅',
      printOrgan: '中共青州市委办公厅',
    });
    expect(d.status, d.body).toBe(201);
    const t = await (await env().login('fgw_xu')).post('/api/meeting-topics', { title: M.topic, background: '背景', kind: 'standing_committee', level: 1 });
    expect(t.status, t.body).toBe(200);

    // nothing of it is stored in the trail
    const { ctx } = env();
    for (const marker of Object.values(M)) {
      const stored = await ctx.db
        .selectFrom('audit_event')
        .select('seq')
        .where((eb) => eb.or([eb('changes', 'like', `%${marker}%`), eb('detail', 'like', `%${marker}%`)]))
        .execute();
      expect(stored, `${marker} stored in the audit trail`).toEqual([]);
    }
    // nor shown to the auditor; who did what to which item and which fields changed still is
    const { text, items } = await auditText();
    for (const marker of Object.values(M)) expect(text, marker).not.toContain(marker);
    const ofAction = (action: string) => items.filter((e) => e.action === action);
    const back = ofAction('supervision.task.return').find((e) => e.targetId === String(a.task.id))!;
    expect(back).toMatchObject({ actorName: expect.any(String), actorUsername: 'dcs_zhang', targetType: 'supervision_task', outcome: 'success' });
    expect(back.changes.status).toEqual(['submitted', 'returned']);
    expect(back.changedFields).toContain('status');
    const close = ofAction('supervision.item.close').find((e) => e.targetId === String(a.id))!;
    expect(close.changedFields).toContain('followup_note');
    // the value is kept as a keyed hash: whoever holds the audit key can check it, nobody reads it
    expect(close.changes.followup_note[1]).toBe(ctx.audit.valueHash(M.note));
    const upload = ofAction('file.upload').find((e) => e.targetId === String(b.id))!;
    expect(upload.detail.filename).toMatch(/^hmac:[0-9a-f]{32}$/);
    expect(upload.detail.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(upload.targetLevel).toBe(1);
    expect(ofAction('supervision.extension.request').find((e) => e.targetId === String(b.task.id))!.detail).toMatchObject({ to: '2026-04-30' });
    expect(ofAction('documents.out.draft').find((e) => e.targetId === String(d.json.id))!.detail.docType).toBe(ctx.audit.valueHash('通知'));
    // the chain still verifies
    expect((await (await env().login('auditor')).post('/api/audit/verify')).json).toMatchObject({ ok: true });
  });

  it('filters by username or name, names users and units, never a business item’s title', async () => {
    const auditor = await env().login('auditor');
    const zheng = await env().ctx.db.selectFrom('user').select(['id', 'name']).where('username', '=', 'zhc_zheng').executeTakeFirstOrThrow();
    for (const who of ['zhc_zheng', 'ZHC_ZHENG', zheng.name, zheng.name.slice(1)]) {
      const res = await auditor.get(`/api/audit?pageSize=200&actor=${encodeURIComponent(who)}`);
      expect(res.status).toBe(200);
      expect(res.json.total, who).toBeGreaterThan(0);
      expect(res.json.items.every((e: { actorId: number }) => e.actorId === zheng.id)).toBe(true);
      expect(res.json.items.map((e: { action: string }) => e.action)).toContain('documents.out.draft');
    }
    // a LIKE wildcard is a character, not a pattern
    expect((await auditor.get('/api/audit?actor=%25')).json.total).toBe(0);
    const login = (await auditor.get('/api/audit?action=auth.login&actor=zhc_zheng')).json.items[0];
    expect(login.targetTitle).toBe(`${zheng.name}（zhc_zheng）`);
    const drafts = (await auditor.get('/api/audit?action=documents.out.draft')).json.items;
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((e: { targetTitle: string | null }) => e.targetTitle === null)).toBe(true);
  });

  it('redacts on the way out an entry written before the trail redacted (stored in clear)', async () => {
    const { ctx } = env();
    // an entry as the trail wrote it before: business text in detail and changes (inserted as such; this breaks the chain, so last)
    const last = await ctx.db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('audit_event')
      .values({
        seq: last.seq + 1,
        at: '2026-03-02T01:00:00.000Z',
        actor_id: user('dcs_zhang'),
        actor_name: '张',
        ip: null,
        action: 'supervision.task.return',
        target_type: 'supervision_task',
        target_id: '1',
        outcome: 'success',
        changes: JSON.stringify({ status: ['submitted', 'returned'], return_reason: [null, `${M.reason}旧`] }),
        detail: JSON.stringify({ title: `${M.item}旧`, filter: { q: `${M.q}旧`, status: 'open' } }),
        algo: 'HMAC-SHA256',
        prev_hash: last.hash,
        hash: '0'.repeat(64),
      })
      .execute();
    const res = await (await env().login('auditor')).get('/api/audit?action=supervision.task.return&pageSize=200');
    expect(res.body).not.toContain('旧');
    const old = res.json.items.find((e: { seq: number }) => e.seq === last.seq + 1);
    expect(old.changes).toEqual({ status: ['submitted', 'returned'], return_reason: [null, ctx.audit.valueHash(`${M.reason}旧`)] });
    expect(old.detail.filter.status).toBe('open');
  });
});
