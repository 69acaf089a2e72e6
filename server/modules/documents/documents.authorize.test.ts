import { expect, it } from 'vitest';
import { buildOutgoingDocument } from '../../../test/factories/documents.js';
import { describeEachDialect } from '../../../test/harness.js';
import { documentsModule } from './documents.module.js';

describeEachDialect(
  'documents: authorize, presentActions and versioned writes',
  (env) => {
    const denials = (action: string, id: number) =>
      env()
        .ctx.db.selectFrom('audit_event')
        .select(['actor_id', 'target_type', 'target_id'])
        .where('action', '=', action)
        .where('outcome', '=', 'denied')
        .where('target_id', '=', String(id))
        .execute();

    it('a refused write on a readable document is 403 audited under its action; an unreadable one is 404 audited as a read', async () => {
      const doc = await buildOutgoingDocument(env(), { stage: 'reviewing' });
      expect(doc.status).toBe('reviewing');
      const drafter = await env().login('zhc_zheng');
      const refused = await drafter.post(`/api/documents/${doc.id}/actions/approve`, { version: doc.version });
      expect(refused.status).toBe(403);
      expect(refused.json.error).toBe('forbidden');
      expect(await denials('documents.out.approve', doc.id)).toEqual([
        { actor_id: env().demo.userByName.zhc_zheng, target_type: 'document', target_id: String(doc.id) },
      ]);

      const stranger = await env().login('fzr_liu');
      const hidden = await stranger.post(`/api/documents/${doc.id}/actions/approve`, { version: doc.version });
      expect(hidden.status).toBe(404);
      expect(hidden.json.error).toBe('not_found');
      expect((await denials('documents.read', doc.id)).map((r) => r.actor_id)).toEqual([env().demo.userByName.fzr_liu]);
    });

    it('an action name that is no step of the workflow is 422, even one inherited by every object', async () => {
      const doc = await buildOutgoingDocument(env());
      const drafter = await env().login('zhc_zheng');
      for (const action of ['constructor', 'resubmit', 'no_such_step']) {
        const res = await drafter.post(`/api/documents/${doc.id}/actions/${action}`, { version: doc.version });
        expect([action, res.status, res.json.error]).toEqual([action, 422, 'workflow.invalid_transition']);
      }
    });

    it('the buttons come from the policy: the pending reviewer approves or returns, the drafter may do nothing now', async () => {
      const doc = await buildOutgoingDocument(env(), { stage: 'reviewing' });
      const asReviewer = (await (await env().login('zhc_wu')).get(`/api/documents/${doc.id}`)).json;
      expect([...asReviewer.actions].sort()).toEqual(['approve', 'reject']);
      // the reviewer is a clerk of the owning unit: may attach, may not edit a draft under review
      expect(asReviewer.can).toMatchObject({ edit: false, attach: true, markRead: false });
      const asDrafter = (await (await env().login('zhc_zheng')).get(`/api/documents/${doc.id}`)).json;
      expect(asDrafter.actions).toEqual([]);
      expect(asDrafter.can).toMatchObject({ edit: false, attach: true });
    });

    it('two edits from the same version: one is written, the other gets 409 stale_version and writes nothing', async () => {
      const doc = await buildOutgoingDocument(env());
      const drafter = await env().login('zhc_zheng');
      const [a, b] = await Promise.all([
        drafter.patch(`/api/documents/${doc.id}`, { version: doc.version, title: '关于做好年度公文归档工作的通知（甲）' }),
        drafter.patch(`/api/documents/${doc.id}`, { version: doc.version, title: '关于做好年度公文归档工作的通知（乙）' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect([a, b].find((r) => r.status === 409)!.json.error).toBe('stale_version');
      const won = [a, b].find((r) => r.status === 200)!;
      expect(won.json.version).toBe(doc.version + 1);
      const updates = await env()
        .ctx.db.selectFrom('audit_event')
        .select('seq')
        .where('action', '=', 'documents.update')
        .where('target_id', '=', String(doc.id))
        .execute();
      expect(updates.length).toBe(1);
    });
  },
  { modules: [documentsModule] },
);
