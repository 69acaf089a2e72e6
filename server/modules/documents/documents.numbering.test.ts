import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.js';
import { iso } from '../../platform/clock.js';
import { documentsModule } from './documents.module.js';

describeEachDialect(
  'documents: 发文字号 gap-free under concurrency',
  (env) => {
    it('50 concurrent 登记 get 50 consecutive numbers, no gaps, no duplicates; a refused one gives its number back', async () => {
      const { db } = env().ctx;
      const units = env().demo.unitByCode;
      const u = env().demo.userByName;
      const at = iso(env().clock.now());
      const ids: number[] = [];
      // 50 documents already 复核 (checked), inserted directly: the test is about numbering
      for (let i = 0; i < 50; i++) {
        const row = await db
          .insertInto('document')
          .values({
            direction: 'out',
            status: 'checked',
            doc_type: '函', // the demo office sets no 配额 for 函 of the 办公厅 (numbering consumes quotas)
            title: `并发登记测试 ${i}`,
            owner_unit_id: units.general!,
            created_by: u.zhc_zheng!,
            org_code: '青测发',
            year: 2026,
            signer_id: u.zr_chen!,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(row.id);
      }
      const clerk = await env().login('zhc_zheng');
      // one refused registration (no print count) in the middle of the crowd: its number must come back
      const results = await Promise.all([
        ...ids.map((id) => clerk.post(`/api/documents/${id}/actions/register`, { version: 1, mainUnitIds: [units.ndrc], printCount: 10 })),
        clerk.post(`/api/documents/${ids[0]}/actions/register`, { version: 1, mainUnitIds: [units.ndrc] }),
      ]);
      expect(results.slice(0, 50).map((r) => r.status)).toEqual(Array(50).fill(200));
      expect(results[50]!.status).toBeGreaterThanOrEqual(409);
      const rows = await db.selectFrom('document').select(['serial', 'doc_no']).where('org_code', '=', '青测发').execute();
      const serials = rows.map((r) => r.serial!).sort((a, b) => a - b);
      expect(serials).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(rows.map((r) => r.doc_no)).size).toBe(50);
      expect(rows.map((r) => r.doc_no)).toContain('青测发〔2026〕50号');
      const counter = await db
        .selectFrom('serial_counter')
        .select('last_value')
        .where('prefix', '=', '青测发')
        .where('year', '=', 2026)
        .executeTakeFirstOrThrow();
      expect(counter.last_value).toBe(50);
    });
  },
  { modules: [documentsModule] },
);
