import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.js';
import { documentsPolicy } from './documents.policy.js';
import { loadDocument } from './documents.repo.js';
import { documentsModule } from './documents.module.js';
import type { DocumentsService } from './documents.service.js';

describeEachDialect(
  'documents: SQL visibility agrees with the read policy',
  (env) => {
    it('for every demo user × every demo document (list, my pending, 工作台)', async () => {
      const { ctx } = env();
      const svc = ctx.services.documents as DocumentsService;
      const users = await ctx.db.selectFrom('user').select('username').execute();
      const docs = await ctx.db.selectFrom('document').select('id').execute();
      expect(docs.length).toBeGreaterThan(12);
      let seenSomething = 0;
      for (const { username } of users) {
        const client = await env().login(username);
        const me = (await client.get('/api/auth/me')).json;
        const actor = { ...me.user, unitCode: null, ip: null, locale: 'zh-CN' } as Parameters<DocumentsService['list']>[0];
        const listed = new Set((await svc.list(actor, {}, { page: 1, pageSize: 200 })).items.map((i) => i.id));
        const pending = (await svc.list(actor, { mine: true }, { page: 1, pageSize: 200 })).items.map((i) => i.id);
        const wb = (await svc.workbench(ctx.db, actor, ctx.clock.now())).map((i) => i.id);
        for (const { id } of docs) {
          const d = await loadDocument(ctx.db, id, actor);
          expect(listed.has(id), `${username} / document ${id}`).toBe(documentsPolicy.read(actor, d!));
        }
        for (const id of [...pending, ...wb]) expect(listed.has(id)).toBe(true);
        seenSomething += listed.size;
      }
      expect(seenSomething).toBeGreaterThan(0);
    }, 120_000);
  },
  { modules: [documentsModule] },
);
