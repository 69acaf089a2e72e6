import { describe, expect, it } from 'vitest';
import { DEMO_HOLIDAYS_2026, WorkCalendar } from './deadlines.js';

const cal = new WorkCalendar();
cal.setDays(DEMO_HOLIDAYS_2026);

describe('working-day calendar', () => {
  it('skips weekends and holidays and counts 调休 workdays', () => {
    expect(cal.isWorkday('2026-03-02')).toBe(true); // Monday
    expect(cal.isWorkday('2026-03-07')).toBe(false); // Saturday
    expect(cal.isWorkday('2026-10-01')).toBe(false); // 国庆
    expect(cal.isWorkday('2026-10-10')).toBe(true); // Saturday made a workday
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-09')).toBe(5);
    expect(cal.workingDaysBetween('2026-03-09', '2026-03-02')).toBe(-5);
  });

  it.each([
    // [now (UTC), deadline, light]
    ['2026-03-02T01:00:00Z', '2026-03-20', 'green'],
    ['2026-03-02T01:00:00Z', '2026-03-05', 'yellow'],
    ['2026-03-02T01:00:00Z', '2026-03-02', 'yellow'],
    ['2026-03-02T01:00:00Z', '2026-03-01', 'red'],
    // 23:30 on 3 March in Beijing is still 3 March: not yet overdue
    ['2026-03-03T15:30:00Z', '2026-03-03', 'yellow'],
    // 00:30 on 4 March in Beijing (16:30 UTC on the 3rd): overdue whatever the server's TZ
    ['2026-03-03T16:30:00Z', '2026-03-03', 'red'],
  ] as const)('at %s a limit of %s is %s', (now, deadline, light) => {
    expect(cal.light(deadline, new Date(now))).toBe(light);
  });

  it('light() is the working days counted to the deadline, and lightThresholds agree with it, for every deadline in a span', () => {
    const own = new WorkCalendar();
    own.setDays(DEMO_HOLIDAYS_2026);
    const nows = [
      '2026-03-02T01:00:00Z',
      '2026-03-05T01:00:00Z',
      '2026-09-29T01:00:00Z',
      '2026-02-13T01:00:00Z',
      '2026-04-30T17:00:00Z',
      '2026-12-30T20:00:00Z',
    ];
    for (const now of nows)
      for (const yellowDays of [0, 1, 3, 5, 8]) {
        const t = own.lightThresholds(new Date(now), yellowDays);
        for (let i = -5; i < 40; i++) {
          const d = new Date(new Date(now).getTime() + (i * 86_400_000 + 8 * 3_600_000)).toISOString().slice(0, 10);
          // the definition: red before today, yellow while at most `yellowDays` working days remain
          const counted = d < t.today ? 'red' : own.workingDaysBetween(t.today, d) <= yellowDays ? 'yellow' : 'green';
          const sqlLight = d < t.today ? 'red' : d <= t.yellowUntil ? 'yellow' : 'green';
          expect([now, yellowDays, d, sqlLight, own.light(d, new Date(now), { yellowDays })]).toEqual([now, yellowDays, d, counted, counted]);
        }
      }
    // the calendar changed (a holiday added): lights follow at once
    expect(own.light('2026-03-05', new Date('2026-03-02T01:00:00Z'), { yellowDays: 2 })).toBe('green');
    expect(own.lightThresholds(new Date('2026-03-02T01:00:00Z'), 2)).toEqual({ today: '2026-03-02', yellowUntil: '2026-03-04' });
    own.setDays([...DEMO_HOLIDAYS_2026, { date: '2026-03-03', workday: 0 }]);
    expect(own.light('2026-03-05', new Date('2026-03-02T01:00:00Z'), { yellowDays: 2 })).toBe('yellow');
    expect(own.lightThresholds(new Date('2026-03-02T01:00:00Z'), 2)).toEqual({ today: '2026-03-02', yellowUntil: '2026-03-05' });
  });

  it('gives no light to what is done or has no limit', () => {
    expect(cal.light('2026-01-01', new Date('2026-03-02T00:00:00Z'), { done: true })).toBe('none');
    expect(cal.light(null, new Date())).toBe('none');
  });
});
