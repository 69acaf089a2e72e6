/**
 * The web's times (web/src/app/time.ts) in the deployment's zone: China time from its fixed offset must
 * read exactly as `Intl.DateTimeFormat` reads it, and the instants before 1992 (China kept summer time
 * 1986–1991) and other zones still go through the formatter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDate, formatTime, setTimeZone, zonedNow } from '../web/src/app/time.js';

function reference(at: Date, zone: string) {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = (lang: string) => new Intl.DateTimeFormat(lang, { timeZone: zone, weekday: 'long' }).format(at);
  return { dateTime: `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`, hour: Number(p.hour), zh: weekday('zh-CN'), en: weekday('en-GB') };
}

describe('web times in the deployment zone', () => {
  it('China time from the fixed offset equals the formatter, 1970–2200, both languages', () => {
    setTimeZone('Asia/Shanghai');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }), (ms) => {
        const at = new Date(ms);
        const ref = reference(at, 'Asia/Shanghai');
        expect(formatDateTime(at)).toBe(ref.dateTime);
        expect(formatDateTime(at.toISOString())).toBe(ref.dateTime);
        expect(formatDate(at)).toBe(ref.dateTime.slice(0, 10));
        expect(formatTime(at)).toBe(ref.dateTime.slice(11));
        expect(zonedNow('zh', at)).toEqual({ hour: ref.hour, day: `${ref.dateTime.slice(0, 10)} ${ref.zh}` });
        expect(zonedNow('en', at)).toEqual({ hour: ref.hour, day: `${ref.dateTime.slice(0, 10)} ${ref.en}` });
      }),
      { numRuns: 3000 },
    );
  });

  it('summer time of 1986–1991 and the turn of days and years read as the formatter reads them', () => {
    setTimeZone('Asia/Shanghai');
    for (const iso of [
      '1988-07-01T00:30:00Z', // summer time: 09:30 in China, not 08:30
      '1991-09-14T16:59:00Z',
      '1991-12-31T15:59:59Z',
      '1991-12-31T16:00:00Z',
      '2026-12-31T15:59:59Z',
      '2026-12-31T16:00:00Z',
      '2028-02-28T16:00:00Z',
    ]) {
      const at = new Date(iso);
      expect(formatDateTime(at), iso).toBe(reference(at, 'Asia/Shanghai').dateTime);
    }
    expect(formatDateTime('1988-07-01T00:30:00Z')).toBe('1988-07-01 09:30');
  });

  it('another zone goes through the formatter', () => {
    setTimeZone('America/New_York');
    try {
      const at = new Date('2026-07-01T12:00:00Z');
      expect(formatDateTime(at)).toBe('2026-07-01 08:00');
      expect(zonedNow('en', at).day).toBe('2026-07-01 Wednesday');
    } finally {
      setTimeZone('Asia/Shanghai');
    }
  });
});
