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

function parts(at: string | Date): Record<string, string> {
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
  const d = at instanceof Date ? at : new Date(at);
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

/** The hour (0–23) and the date with its weekday (2026-12-31 星期四) of now, in the deployment's zone. */
export function zonedNow(lang: 'zh' | 'en' = 'zh'): { hour: number; day: string } {
  const now = new Date();
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
