/**
 * Battery part 5 — audit tamper detection (安全审计 / 数据完整性). A chain of 100,000 entries is
 * written through the real `AuditTrail.append` (in few transactions), then an attacker with direct
 * database access (append-only triggers dropped) makes random single-byte changes, whole-row
 * changes, deletions and reorderings, one per trial, restoring between trials. Every trial must be
 * detected by `AuditTrail.verify`, naming the first bad entry.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestEnv } from '../harness.js';
import { SYSTEM_ACTOR } from '../../server/platform/actor.js';
import { CI_TIER, ciSize, figures, LONG } from './battery-kit.js';

const WINDOW = 500;
const FULL_EVERY = 100;

type Row = Record<string, string | number | null> & { seq: number };
const TEXT_FIELDS = ['at', 'actor_name', 'ip', 'action', 'target_type', 'target_id', 'outcome', 'changes', 'detail', 'algo', 'prev_hash', 'hash'];

/** Deterministic PRNG so a failure can be replayed (seed printed). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(e: TestEnv, total: number): Promise<number> {
  const existing = Number(
    (
      await e.ctx.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const actions = ['supervision.create', 'supervision.report', 'documents.sign', 'auth.login', 'file.download', 'meetings.decide', 'org.user_update'];
  const perTx = 10_000;
  for (let done = existing; done < total;) {
    const n = Math.min(perTx, total - done);
    await e.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i++) {
        const k = done + i;
        await e.ctx.audit.append(trx, {
          actor: k % 11 === 0 ? SYSTEM_ACTOR : { id: (k % 30) + 1, name: `用户${k % 30}`, ip: `10.0.${k % 250}.${k % 199}` },
          action: actions[k % actions.length]!,
          targetType: 'battery_item',
          targetId: k,
          outcome: k % 17 === 0 ? 'denied' : 'success',
          changes: k % 3 === 0 ? { title: [`旧标题${k}`, `新标题${k}`] } : null,
          detail: { n: k, note: '督查事项办理情况反馈' },
        });
      }
    });
    done += n;
  }
  return total;
}

describeEachDialect(
  'battery 5: audit tamper detection',
  (env) => {
    it('detects 100% of random single-byte changes, row changes, deletions and reorderings, naming the first bad entry', async () => {
      const e = env();
      // the sizes on both dialects; the quick run keeps a shorter chain on PostgreSQL (generation there is round-trip bound)
      const total = Number(process.env.B5_TOTAL ?? 0) || ciSize(100_000, e.dialect === 'sqlite' ? 100_000 : 10_000, 100_000);
      const trials = Number(process.env.B5_TRIALS ?? 0) || ciSize(1_000, e.dialect === 'sqlite' ? 1_000 : 300, 5_000);
      const t0 = Date.now();
      await generate(e, total);
      const genMs = Date.now() - t0;
      const clean = await e.ctx.audit.verify(e.ctx.db);
      expect(clean.ok).toBe(true);
      expect(clean.checked).toBe(total);

      // the attacker: remove the append-only protection
      if (e.dialect === 'sqlite') {
        await sql`DROP TRIGGER audit_event_no_update`.execute(e.ctx.db);
        await sql`DROP TRIGGER audit_event_no_delete`.execute(e.ctx.db);
      } else await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(e.ctx.db);

      const seed = Number(process.env.ZHONGSHU_BATTERY_SEED ?? Date.now() % 1_000_000);
      const rand = rng(seed);
      const pick = (n: number) => Math.floor(rand() * n);
      const load = async (seq: number) =>
        (await e.ctx.db.selectFrom('audit_event').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow()) as unknown as Row;
      const put = async (seq: number, r: Row) => {
        const { seq: _s, ...rest } = r;
        await e.ctx.db
          .updateTable('audit_event')
          .set(rest as never)
          .where('seq', '=', seq)
          .execute();
      };
      const kinds = { byte: 0, row: 0, delete: 0, reorder: 0 };
      let detected = 0;
      let namedRight = 0;
      const misses: string[] = [];
      let verifyMs = 0;
      for (let t = 0; t < trials; t++) {
        const kind = (['byte', 'byte', 'row', 'delete', 'reorder'] as const)[pick(5)]!;
        kinds[kind]++;
        const seq = 1 + pick(total - 1); // the last entry has its own test below (tail deletion)
        const cpSeq = Math.max(0, seq - 1 - pick(WINDOW));
        const checkpoint = cpSeq === 0 ? { seq: 0, hash: '0'.repeat(64) } : { seq: cpSeq, hash: String((await load(cpSeq)).hash) };
        const original = await load(seq);
        let expectSeq = seq;
        let restore: () => Promise<void>;
        if (kind === 'byte') {
          const fields = TEXT_FIELDS.filter((f) => typeof original[f] === 'string' && /[\x20-\x7e]/.test(original[f] as string));
          const f = fields[pick(fields.length)]!;
          const s = original[f] as string;
          const positions = [...s].map((c, i) => (c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0x7e ? i : -1)).filter((i) => i >= 0);
          const i = positions[pick(positions.length)]!;
          const chars = [...s];
          let code = chars[i]!.charCodeAt(0) ^ (1 << pick(6));
          if (code < 0x20 || code > 0x7e) code = chars[i] === 'a' ? 0x62 : 0x61;
          chars[i] = String.fromCharCode(code);
          await put(seq, { ...original, [f]: chars.join('') });
          restore = () => put(seq, original);
        } else if (kind === 'row') {
          // a whole-row forgery: plausible values, fields rewritten together
          await put(seq, {
            ...original,
            outcome: original.outcome === 'denied' ? 'success' : 'denied',
            actor_name: '攻击者',
            detail: JSON.stringify({ forged: true }),
          });
          restore = () => put(seq, original);
        } else if (kind === 'delete') {
          await e.ctx.db.deleteFrom('audit_event').where('seq', '=', seq).execute();
          expectSeq = seq + 1;
          restore = async () => {
            await e.ctx.db
              .insertInto('audit_event')
              .values(original as never)
              .execute();
          };
        } else {
          // reordering: two entries exchange places (contents swapped under their seq numbers)
          const other = seq + 1 + pick(Math.min(50, total - seq));
          const b = await load(other);
          await put(seq, { ...b, seq });
          await put(other, { ...original, seq: other });
          restore = async () => {
            await put(seq, original);
            await put(other, b);
          };
        }
        // Each trial verifies from a trusted checkpoint up to WINDOW entries before the change (read
        // before the change was made), or, every FULL_EVERY trials and in the long run, from the genesis.
        const full = LONG || t % FULL_EVERY === 0;
        const v0 = Date.now();
        const r = await e.ctx.audit.verify(e.ctx.db, full ? {} : { from: checkpoint });
        verifyMs += Date.now() - v0;
        if (!r.ok) detected++;
        if (r.firstBroken?.seq === expectSeq) namedRight++;
        else misses.push(`trial ${t} ${kind} at #${seq}: ${JSON.stringify(r.firstBroken)}`);
        await restore();
      }
      const after = await e.ctx.audit.verify(e.ctx.db);
      // tail deletion: the chain alone still links; the anchor (verified head kept next to the audit key) catches it
      expect(after.ok).toBe(true);
      const tail = await e.ctx.db
        .selectFrom('audit_event')
        .selectAll()
        .where('seq', '>', total - 3)
        .orderBy('seq')
        .execute();
      await e.ctx.db
        .deleteFrom('audit_event')
        .where('seq', '>', total - 3)
        .execute();
      const truncated = await e.ctx.audit.verify(e.ctx.db);
      expect(truncated.firstBroken).toEqual({ seq: total - 2, reason: 'truncated' });
      for (const row of tail) await e.ctx.db.insertInto('audit_event').values(row).execute();
      expect((await e.ctx.audit.verify(e.ctx.db)).ok).toBe(true);
      figures(`5 audit tamper [${e.dialect}]`, {
        tier: CI_TIER,
        entries: total,
        generateMs: genMs,
        trials,
        ...kinds,
        detected,
        detectedPct: (100 * detected) / trials,
        firstBadNamed: namedRight,
        avgVerifyMs: verifyMs / trials,
        ms: Date.now() - t0,
        seed,
      });
      expect(misses.slice(0, 10)).toEqual([]);
      expect(detected).toBe(trials);
      expect(after.ok).toBe(true);
    }, 1_800_000);
  },
  { modules: [] },
);
