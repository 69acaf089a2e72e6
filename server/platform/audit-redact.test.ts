import { describe, expect, it } from 'vitest';
import { redactChanges, redactValue, valueHasher } from './audit-redact.js';

describe('audit redaction', () => {
  const h = valueHasher('k');
  it('keeps ids, counts, flags, dates and codes under code keys; hashes every other value', () => {
    const detail = {
      itemId: 7,
      late: true,
      status: 'returned',
      deadline: '2026-04-30',
      roles: ['liaison', 'staff'],
      title: 'draft', // code-shaped, but not under a code key
      reason: '佐证材料不全',
      filter: { q: '老旧小区', status: 'open', unitIds: [1, 2] },
      url: '/api/supervision/items?q=机密',
      kind: 'Has Spaces',
    };
    expect(redactValue(detail, '', h)).toEqual({
      itemId: 7,
      late: true,
      status: 'returned',
      deadline: '2026-04-30',
      roles: ['liaison', 'staff'],
      title: h('draft'),
      reason: h('佐证材料不全'),
      filter: { q: h('老旧小区'), status: 'open', unitIds: [1, 2] },
      url: `/api/supervision/items?${h('/api/supervision/items?q=机密')}`,
      kind: h('Has Spaces'),
    });
    expect(redactChanges({ status: ['submitted', 'returned'], followup_note: [null, '回访满意'], 'gate.expert.3': [null, 'passed'] }, h)).toEqual({
      status: ['submitted', 'returned'],
      followup_note: [null, h('回访满意')],
      'gate.expert.3': [null, 'passed'],
    });
  });

  it('is idempotent (read-side redaction of a redacted entry changes nothing) and keyed', () => {
    const once = redactValue({ title: '标题', n: 1 }, '', h);
    expect(redactValue(once, '', h)).toEqual(once);
    expect(h('标题')).toMatch(/^hmac:[0-9a-f]{32}$/);
    expect(valueHasher('other')('标题')).not.toBe(h('标题'));
  });
});
