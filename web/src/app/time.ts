/**
 * Times as the office reads them: every instant shown in the deployment's zone (`timeZone` of /api/meta,
 * Asia/Shanghai unless configured), never the browser's — a liaison whose phone is set to another zone
 * sees the same 反馈时间 as 督查室. The zone is set once by the shell when /api/meta answers.
 */

let zone = 'Asia/Shanghai';
const formats = new Map<string, Intl.DateTimeFormat>();
const weekdays = new Map<string, Intl.DateTimeFormat>();

/** Sets the zone pages show times in (from /api/meta); an unknown name keeps the current one. */
export function setTimeZone(tz: string | undefined): void {
  if (!tz || tz === zone) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    zone = tz;
  } catch {
    // an unknown zone: keep showing China time rather than the browser's
  }
}

/** The zone times are shown in. */
export function timeZone(): string {
  return zone;
}

/**
 * China time without a formatter: Asia/Shanghai has kept UTC+8 with no summer time since 1991-09-15, so
 * from 1992 on its wall clock is the UTC clock 8 hours ahead. Making an `Intl.DateTimeFormat` with a zone
 * cost ~70 ms of a phone's first paint of the 工作台 (issue #22); earlier instants and other zones take it.
 */
const CHINA_ZONES = new Set(['Asia/Shanghai', 'PRC']);
const CHINA_FIXED_FROM = Date.UTC(1991, 11, 31, 16); // 1992-01-01 00:00 in China
const CHINA_OFFSET_MS = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The China wall clock of `at` from its fixed offset, or null when a formatter is needed. */
function chinaParts(at: Date): { parts: Record<string, string>; weekday: number } | null {
  const ms = at.getTime();
  if (!CHINA_ZONES.has(zone) || !(ms >= CHINA_FIXED_FROM)) return null;
  const d = new Date(ms + CHINA_OFFSET_MS);
  const year = d.getUTCFullYear();
  if (year > 9999) return null;
  const parts = { year: String(year), month: pad(d.getUTCMonth() + 1), day: pad(d.getUTCDate()), hour: pad(d.getUTCHours()), minute: pad(d.getUTCMinutes()) };
  return { parts, weekday: d.getUTCDay() };
}

function parts(at: string | Date): Record<string, string> {
  const d = at instanceof Date ? at : new Date(at);
  const fixed = chinaParts(d);
  if (fixed) return fixed.parts;
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(zone, f);
  }
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

/** "YYYY-MM-DD HH:mm" of an ISO instant in the deployment's zone; '—' for none or an unreadable value. */
export function formatDateTime(at: string | Date | null | undefined): string {
  if (!at || Number.isNaN(new Date(at).getTime())) return '—';
  const p = parts(at);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "MM-DD HH:mm" of an ISO instant in the deployment's zone (short lists). */
export function formatShortDateTime(at: string | Date | null | undefined): string {
  if (!at || Number.isNaN(new Date(at).getTime())) return '—';
  const p = parts(at);
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "HH:mm" of an ISO instant in the deployment's zone ('—' for none or an unreadable value). */
export function formatTime(at: string | Date | null | undefined): string {
  if (!at || Number.isNaN(new Date(at).getTime())) return '—';
  const p = parts(at);
  return `${p.hour}:${p.minute}`;
}

/** "YYYY-MM-DD" of an ISO instant in the deployment's zone (a stored date `YYYY-MM-DD` is answered as it is). */
export function formatDate(at: string | Date | null | undefined): string {
  if (!at) return '—';
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
  if (Number.isNaN(new Date(at).getTime())) return '—';
  const p = parts(at);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Weekday names as `Intl.DateTimeFormat` writes them (zh-CN and en-GB, `weekday: 'long'`), Sunday first. */
const WEEKDAYS = {
  zh: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;

/** The hour (0–23) and the date with its weekday (2026-12-31 星期四) of now, in the deployment's zone. */
export function zonedNow(lang: 'zh' | 'en' = 'zh', now = new Date()): { hour: number; day: string } {
  const fixed = chinaParts(now);
  if (fixed) {
    const p = fixed.parts;
    return { hour: Number(p.hour), day: `${p.year}-${p.month}-${p.day} ${WEEKDAYS[lang][fixed.weekday]}` };
  }
  const p = parts(now);
  // a formatter is costly to make (~30 ms on a slow phone): one per language and zone, as in parts()
  const key = `${lang} ${zone}`;
  let f = weekdays.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: zone, weekday: 'long' });
    weekdays.set(key, f);
  }
  const weekday = f.format(now);
  return { hour: Number(p.hour), day: `${p.year}-${p.month}-${p.day} ${weekday}` };
}
