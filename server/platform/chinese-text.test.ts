import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { describeEachDialect } from '../../test/harness.js';
import { chineseDate, endSentence } from './chinese-text.js';

describe('official texts', () => {
  it('write dates as 2026年12月31日 (an instant as its China date)', () => {
    expect(chineseDate('2026-12-31')).toBe('2026年12月31日');
    expect(chineseDate('2026-03-02')).toBe('2026年3月2日');
    expect(chineseDate('2026-12-31T17:30:00.000Z')).toBe('2027年1月1日');
    expect(chineseDate('待定')).toBe('待定');
  });
  it('join a user note and the next clause as sentences', () => {
    expect(`${endSentence('群众满意。')}已销号。`).toBe('群众满意。已销号。');
    expect(`${endSentence('群众满意；')}已销号。`).toBe('群众满意。已销号。');
    expect(`${endSentence('群众满意')}已销号。`).toBe('群众满意。已销号。');
    expect(endSentence('满意吗？')).toBe('满意吗？');
  });
});

describe('the deployment time zone', () => {
  it('is Asia/Shanghai unless ZHONGSHU_TIME_ZONE names another; an unknown name stops the start', () => {
    expect(loadConfig({}).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ ZHONGSHU_TIME_ZONE: 'Asia/Urumqi' }).timeZone).toBe('Asia/Urumqi');
    expect(() => loadConfig({ ZHONGSHU_TIME_ZONE: 'Mars/Olympus' })).toThrow(ConfigError);
  });
});

describeEachDialect('the deployment time zone in /api/meta', (env) => {
  it('is answered to the pages, which show every time in it', async () => {
    const meta = await env().anonymous().get('/api/meta');
    expect(meta.status).toBe(200);
    expect(meta.json.timeZone).toBe('Asia/Shanghai');
  });
});
