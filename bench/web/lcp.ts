/**
 * `npm run bench:web` — how the web paints on a mid-range phone over a slow network (issue #22).
 *
 * Builds the web (unless `--no-build`), starts the real server (`server/main.ts`, demo office seeded)
 * serving that production build, and loads /login, 工作台 and 督办台账 in headless Chromium through
 * playwright-core with CDP throttling: CPU ×4, 1.6 Mbps down / 750 kbps up, 150 ms RTT, a 390×844
 * viewport. Each run starts a fresh browser profile (cold cache), loads the page, then loads it again
 * in a new tab of the same profile (repeat visit). The logged-in pages get their session cookie
 * through the API before the cold load, so the cold load fetches every asset.
 *
 * Measures LCP (the last `largest-contentful-paint` entry, PerformanceObserver), the bytes transferred
 * (compressed, as on the wire: CDP `encodedDataLength`) by kind, and how many requests the repeat visit
 * still sends to the server. Median of `--runs` (3). Results: bench/results/<date>-web[-<label>].json/.md.
 *
 * The machine running it may be shared: timings are noisy, the load average is recorded with each run,
 * and byte counts are the figures to trust.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, startServer } from '../../test/e2e/harness.js';
import { cliArgs } from '../args.js';

const args = cliArgs();
const RUNS = Number(args.runs ?? 3);
const LABEL = args.label ? `-${args.label}` : '';
const USER = args.user ?? 'zjj_peng';
/** `--waterfall`: print each load's requests (start → first byte → end, ms) and the LCP element. */
const WATERFALL = args.waterfall === 'true';
/** `--cpu-profile`: print where the main thread spent its time until the page was ready (self time by script and function). */
const CPU_PROFILE = args['cpu-profile'] === 'true';
/** `--trace dir`: write a Chromium trace of each load there (see visit()). */
/** `--pages login,workbench`: only these pages. */
const ONLY = args.pages ? new Set(args.pages.split(',')) : null;
const PASSWORD = 'Zhongshu@2026';

/** The phone profile of the issue. */
export const PROFILE = {
  cpuSlowdown: 4,
  downloadBps: (1.6 * 1024 * 1024) / 8,
  uploadBps: (750 * 1024) / 8,
  latencyMs: 150,
  viewport: { width: 390, height: 844 },
};

const PAGES: { key: string; name: string; path: string; login: boolean; ready: string }[] = [
  { key: 'login', name: '/login', path: '/login', login: false, ready: '[data-testid=login-submit]' },
  { key: 'workbench', name: '工作台', path: '/', login: true, ready: '[data-testid=workbench]' },
  { key: 'ledger', name: '督办台账', path: '/supervision', login: true, ready: 'h1' },
];

const TARGETS = { lcpColdMs: 2500, lcpRepeatMs: 1500, workbenchJsKiB: 250 };

interface Transfer {
  requests: number;
  networkRequests: number;
  bytes: number;
  jsBytes: number;
  jsFiles: number;
  cssBytes: number;
  apiBytes: number;
  revalidated: number;
  chartJs: boolean;
  /** The scripts fetched over the network: path and compressed bytes, largest first. */
  jsList: { path: string; bytes: number }[];
}

/** One request of a page load, in ms from the document's request (`--waterfall`). */
interface WaterfallRow {
  path: string;
  start: number;
  firstByte: number | null;
  end: number | null;
  bytes: number;
  cached: boolean;
}

interface Visit {
  lcpMs: number | null;
  /** What the last LCP entry painted: tag, classes and the start of its text. */
  lcpElement: string | null;
  loadMs: number;
  transfer: Transfer;
}

/** Counts what a page load sends over the network, by kind. */
function watchNetwork(cdp: CDPSession): { transfer: () => Transfer; waterfall: () => WaterfallRow[] } {
  const reqs = new Map<string, { url: string; type: string; cached: boolean; status: number; bytes: number }>();
  const times = new Map<string, { url: string; start: number; firstByte: number | null; end: number | null }>();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!times.has(e.requestId)) times.set(e.requestId, { url: e.request.url, start: e.timestamp, firstByte: null, end: null });
  });
  cdp.on('Network.responseReceived', (e) => {
    const t = times.get(e.requestId);
    if (t) t.firstByte = e.timestamp;
    reqs.set(e.requestId, {
      url: e.response.url,
      type: e.type,
      cached: e.response.fromDiskCache === true || e.response.fromPrefetchCache === true,
      status: e.response.status,
      bytes: 0,
    });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
    const t = times.get(e.requestId);
    if (t) t.end = e.timestamp;
  });
  const waterfall = (): WaterfallRow[] => {
    const all = [...times.entries()].filter(([, t]) => !t.url.startsWith('data:'));
    const t0 = Math.min(...all.map(([, t]) => t.start));
    const ms = (x: number | null) => (x === null ? null : Math.round((x - t0) * 1000));
    return all
      .map(([id, t]) => {
        const url = new URL(t.url);
        return {
          path: url.pathname + url.search,
          start: ms(t.start)!,
          firstByte: ms(t.firstByte),
          end: ms(t.end),
          bytes: reqs.get(id)?.bytes ?? 0,
          cached: reqs.get(id)?.cached ?? false,
        };
      })
      .sort((a, b) => a.start - b.start);
  };
  const transfer = () => {
    const all = [...reqs.values()].filter((r) => !r.url.startsWith('data:'));
    const net = all.filter((r) => !r.cached);
    const sum = (f: (r: (typeof all)[number]) => boolean) => net.filter(f).reduce((s, r) => s + r.bytes, 0);
    const isJs = (r: (typeof all)[number]) => r.type === 'Script' || /\.m?js(\?|$)/.test(r.url);
    return {
      requests: all.length,
      networkRequests: net.length,
      bytes: sum(() => true),
      jsBytes: sum(isJs),
      jsFiles: all.filter(isJs).length,
      cssBytes: sum((r) => r.type === 'Stylesheet'),
      apiBytes: sum((r) => new URL(r.url).pathname.startsWith('/api/')),
      revalidated: net.filter((r) => r.status === 304).length,
      // ECharts' renderer chunks (echarts / installSVGRenderer / installCanvasRenderer) or a chart page's chunk
      chartJs: all.some((r) => /echarts|install(SVG|Canvas)Renderer|charts?-/i.test(new URL(r.url).pathname)),
      jsList: net
        .filter(isJs)
        .map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes }))
        .sort((a, b) => b.bytes - a.bytes),
    };
  };
  return { transfer, waterfall };
}

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PROFILE.latencyMs,
    downloadThroughput: PROFILE.downloadBps,
    uploadThroughput: PROFILE.uploadBps,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });
  return cdp;
}

/** Collects LCP entries from the start of the document. */
const LCP_SCRIPT = `(() => {
  window.__lcp = null;
  window.__lcpElement = null;
  const describe = (el) => el ? el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' "' + (el.textContent || '').trim().slice(0, 40) + '"' : null;
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) { window.__lcp = e.startTime; window.__lcpElement = describe(e.element) + ' ' + e.size + ' px²'; } })
      .observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
})();`;

/**
 * Waits until `selector` matches, asking the page over CDP every 50 ms (a one-line expression). Playwright's
 * own waitForSelector first injects its selector engine into the page: ~100 ms of the throttled main thread
 * in the middle of the load, which no user's phone spends, and which delayed the measured paint.
 */
async function waitForSelectorQuietly(cdp: CDPSession, selector: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  const expression = `document.querySelector(${JSON.stringify(selector)}) !== null`;
  while (!(await cdp.send('Runtime.evaluate', { expression, returnByValue: true })).result.value) {
    if (Date.now() > deadline) throw new Error(`${selector} did not appear within 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function visit(context: BrowserContext, url: string, ready: string, label: string): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await throttle(page);
  const { transfer, waterfall } = watchNetwork(cdp);
  if (CPU_PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // `--trace dir`: a Chromium trace of the load (DevTools' Performance panel opens it), written when it ends
  const traceEvents: unknown[] = [];
  if (args.trace) {
    cdp.on('Tracing.dataCollected', (e) => traceEvents.push(...e.value));
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'] },
    });
  }
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await waitForSelectorQuietly(cdp, ready);
  if (CPU_PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    printProfile(label, profile);
    // `--cpu-profile-out dir`: the raw profile too (a .cpuprofile DevTools opens; with a `--sourcemap` build
    // the functions read as their sources)
    if (args['cpu-profile-out']) {
      fs.mkdirSync(args['cpu-profile-out'], { recursive: true });
      fs.writeFileSync(path.join(args['cpu-profile-out'], `${label.replace(/[^\w.-]+/g, '_')}.cpuprofile`), JSON.stringify(profile));
    }
  }
  await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
  const loadMs = Date.now() - t0;
  // LCP is final once nothing larger paints: give late paints a moment, then read it.
  await page.waitForTimeout(1000);
  const { lcp: lcpMs, element: lcpElement } = await page.evaluate(() => {
    const w = window as unknown as { __lcp: number | null; __lcpElement: string | null };
    return { lcp: w.__lcp, element: w.__lcpElement };
  });
  if (args.trace) {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    fs.mkdirSync(args.trace, { recursive: true });
    fs.writeFileSync(path.join(args.trace, `${label.replace(/[^\w.-]+/g, '_')}.trace.json`), JSON.stringify({ traceEvents }));
  }
  const result = { lcpMs: lcpMs === null ? null : Math.round(lcpMs), lcpElement, loadMs, transfer: transfer() };
  if (WATERFALL) {
    // the request chain of this load, for finding where the time goes
    console.log(`\n${label}: LCP ${result.lcpMs} ms on ${lcpElement}`);
    for (const r of waterfall())
      console.log(
        `  ${String(r.start).padStart(5)} → ${String(r.firstByte ?? '—').padStart(5)} → ${String(r.end ?? '—').padStart(5)} ms ${(r.bytes / 1024).toFixed(1).padStart(6)} KiB${r.cached ? ' (cache)' : ''}  ${r.path}`,
      );
  }
  await cdp.detach().catch(() => undefined);
  await page.close();
  return result;
}

/** Self time of a CPU profile by script and by function (top 25), for `--cpu-profile`. */
function printProfile(
  label: string,
  profile: {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
    samples?: number[];
    timeDeltas?: number[];
  },
): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000));
  const byScript = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    const script = f.url ? f.url.replace(/^https?:\/\/[^/]+/, '') : `(${f.functionName || 'program'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const fn = `${f.functionName || '(anonymous)'} ${script}:${f.lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`\n${label}: main-thread self time until ready (ms, unthrottled clock)`);
  for (const [k, v] of top(byScript, 15)) console.log(`  ${v.toFixed(0).padStart(6)}  ${k}`);
  for (const [k, v] of top(byFn, 25)) console.log(`  ${v.toFixed(0).padStart(6)}  ${k}`);
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : Math.round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
};

async function main() {
  if (args['no-build'] !== 'true') execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  const server = await startServer({ ZHONGSHU_SCHEDULER_MS: '0' }, 180_000);
  const runs: { page: string; run: number; load: string; cold: Visit; repeat: Visit }[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      for (const p of PAGES.filter((x) => !ONLY || ONLY.has(x.key))) {
        const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bench-web-'));
        const context = await chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM,
          headless: true,
          args: CHROMIUM_ARGS,
          locale: 'zh-CN',
          viewport: PROFILE.viewport,
          deviceScaleFactor: 3,
          isMobile: true,
          hasTouch: true,
        });
        try {
          await context.addInitScript(LCP_SCRIPT);
          if (p.login) {
            const res = await context.request.post(`${server.url}/api/auth/login`, { data: { username: USER, password: PASSWORD } });
            if (!res.ok()) throw new Error(`login failed: ${res.status()} ${await res.text()}`);
          }
          const load = loadAverage();
          const cold = await visit(context, server.url + p.path, p.ready, `${p.name} run ${run} cold`);
          const repeat = await visit(context, server.url + p.path, p.ready, `${p.name} run ${run} repeat`);
          runs.push({ page: p.key, run, load, cold, repeat });
          console.log(
            `${p.name} run ${run}: LCP cold ${cold.lcpMs} ms, repeat ${repeat.lcpMs} ms; JS ${(cold.transfer.jsBytes / 1024).toFixed(1)} KiB in ${cold.transfer.jsFiles} files; repeat sends ${repeat.transfer.networkRequests} requests (load ${load})`,
          );
        } finally {
          await context.close();
          fs.rmSync(profile, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await server.stop();
  }

  const summary = PAGES.filter((x) => !ONLY || ONLY.has(x.key)).map((p) => {
    const rs = runs.filter((r) => r.page === p.key);
    const m = (f: (r: (typeof rs)[number]) => number | null) => median(rs.map(f).filter((x): x is number => x !== null));
    return {
      page: p.key,
      name: p.name,
      lcpColdMs: m((r) => r.cold.lcpMs),
      lcpRepeatMs: m((r) => r.repeat.lcpMs),
      loadColdMs: m((r) => r.cold.loadMs),
      jsColdBytes: m((r) => r.cold.transfer.jsBytes),
      jsFiles: m((r) => r.cold.transfer.jsFiles),
      cssColdBytes: m((r) => r.cold.transfer.cssBytes),
      apiColdBytes: m((r) => r.cold.transfer.apiBytes),
      totalColdBytes: m((r) => r.cold.transfer.bytes),
      repeatNetworkRequests: m((r) => r.repeat.transfer.networkRequests),
      repeatRevalidated: m((r) => r.repeat.transfer.revalidated),
      repeatBytes: m((r) => r.repeat.transfer.bytes),
      chartJs: rs.some((r) => r.cold.transfer.chartJs),
    };
  });
  const date = new Date().toISOString().slice(0, 10);
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  const result = {
    date,
    commit,
    label: args.label ?? null,
    host: { cpus: os.cpus().length, node: process.version },
    profile: PROFILE,
    user: USER,
    targets: TARGETS,
    summary,
    runs,
  };
  fs.mkdirSync('bench/results', { recursive: true });
  const base = `bench/results/${date}-web${LABEL}`;
  fs.writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
  const kib = (b: number) => (b / 1024).toFixed(1);
  const ok = (v: number, t: number) => (v <= t ? '✓' : '✗');
  const md = [
    `# Web on a phone — ${date}${args.label ? ` (${args.label})` : ''}, commit ${commit}`,
    '',
    `Chromium (playwright-core) with CDP throttling: CPU ×${PROFILE.cpuSlowdown}, 1.6 Mbps down / 750 kbps up, ${PROFILE.latencyMs} ms RTT, ${PROFILE.viewport.width}×${PROFILE.viewport.height}; production build served by the real server with the demo office; logged-in pages as \`${USER}\` (liaison). Cold = fresh profile; repeat = a second tab of the same profile. Median of ${RUNS}.`,
    '',
    `**Noise:** the machine (${os.cpus().length} cores) is shared with other engineers running tests, so timings vary by run; the load average is recorded beside each run. Byte counts do not depend on load and are the figures to trust.`,
    '',
    '| page | LCP cold (≤ 2.5 s) | LCP repeat (≤ 1.5 s) | JS cold (compressed) | JS files | CSS | API | total cold | repeat: requests to server / 304 / bytes | charts loaded |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...summary.map(
      (s) =>
        `| ${s.name} | ${s.lcpColdMs} ms ${ok(s.lcpColdMs, TARGETS.lcpColdMs)} | ${s.lcpRepeatMs} ms ${ok(s.lcpRepeatMs, TARGETS.lcpRepeatMs)} | ${kib(s.jsColdBytes)} KiB${s.page === 'workbench' ? ` ${ok(s.jsColdBytes / 1024, TARGETS.workbenchJsKiB)} (≤ 250)` : ''} | ${s.jsFiles} | ${kib(s.cssColdBytes)} KiB | ${kib(s.apiColdBytes)} KiB | ${kib(s.totalColdBytes)} KiB | ${s.repeatNetworkRequests} / ${s.repeatRevalidated} / ${kib(s.repeatBytes)} KiB | ${s.chartJs ? 'yes' : 'no'} |`,
    ),
    '',
    '## Runs',
    '',
    '| page | run | load average (1/5/15 min) | LCP cold | LCP repeat | JS cold |',
    '|---|---|---|---|---|---|',
    ...runs.map((r) => `| ${r.page} | ${r.run} | ${r.load} | ${r.cold.lcpMs} ms | ${r.repeat.lcpMs} ms | ${kib(r.cold.transfer.jsBytes)} KiB |`),
    '',
  ].join('\n');
  fs.writeFileSync(`${base}.md`, md);
  console.log(md);
}

await main();
