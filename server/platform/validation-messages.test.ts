/** Refused input names the field as the form does and says what is wrong, in the request's language — over HTTP, on both dialects. */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';

describeEachDialect('validation messages', (env) => {
  it('names each refused field in Chinese with what is wrong, never a JSON path or the validator’s English', async () => {
    const c = await env().login('dcs_zhang');
    const r = await c.post('/api/supervision/items', {
      source: 'instruction',
      title: '',
      requirement: '要'.repeat(10_001),
      level: 0,
      leadUnitId: env().demo.unitByCode.ndrc,
      deadline: '2026-13-45',
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('validation_error');
    expect(r.json.message).toMatch(/^提交的内容不符合要求：/);
    expect(r.json.message).toContain('标题不能为空');
    expect(r.json.message).toContain('督办要求不能超过 5000 个字符');
    expect(r.json.message).toContain('时限');
    expect(r.json.message).not.toMatch(/body\.|Invalid|expected/);
    // programs still get the paths
    expect(r.json.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['body.title', 'body.requirement', 'body.deadline']));
    // a missing field is 「不能为空」, and English readers get English
    const en = await c.request('POST', '/api/supervision/items', { source: 'instruction', level: 0 }, { 'accept-language': 'en-US' });
    expect(en.json.message).toMatch(/^The request is not valid: /);
    expect(en.json.message).toContain('title is required');
  });

  it('a NUL character is refused naming the field it is in', async () => {
    const c = await env().login('dcs_zhang');
    const r = await c.post('/api/supervision/items', { source: 'instruction', title: '标题\u0000', requirement: '要求', level: 0, deadline: '2026-12-31' });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('提交的内容不符合要求：标题含有不可见的控制字符（NUL）');
    expect(r.json.details.fields[0].path).toBe('body.title');
  });
});
