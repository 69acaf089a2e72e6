/**
 * End-to-end harness: a real server process on a fresh data directory (demo office seeded) and
 * headless Chromium through playwright-core. Screenshots go to test-artifacts/ (kept by CI).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where screenshots and rendered files are kept. */
export const ARTIFACTS = path.resolve('test-artifacts');

/** Chromium's path and flags on this machine (Debian's chromium). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * The stories' windows ask for reduced motion, so antd's dialogs open and close at once (the app honours the system
 * setting, App.tsx): a click can no longer land on a dialog still zooming in. dialogs.e2e checks both settings.
 */
export const REDUCED_MOTION = 'reduce' as const;

/** A phone's browser context: 390×844, touch, zh-CN, reduced motion. */
export const PHONE_CONTEXT = {
  reducedMotion: REDUCED_MOTION,
  locale: 'zh-CN',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A running server. */
export interface RunningServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `server/main.ts` on a free port with a fresh data dir (or the given env), and waits for /api/health (60 s unless `startMs`). */
export async function startServer(env: Record<string, string> = {}, startMs = 60_000, nodeArgs: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = env.ZHONGSHU_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zs-e2e-'));
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ZHONGSHU_DATA_DIR: dataDir,
      ZHONGSHU_LOG_LEVEL: 'warn',
      ZHONGSHU_LOGIN_RATE_PER_MIN: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in ${startMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

/** A headless browser with one page. */
export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launches headless Chromium (zh-CN, 1366×860 unless given). */
export async function launchBrowser(opts: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    reducedMotion: REDUCED_MOTION,
    locale: opts.locale ?? 'zh-CN',
    viewport: opts.viewport ?? { width: 1366, height: 860 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  return { browser, context, page, close: () => browser.close() };
}

/** Saves a full-page screenshot as test-artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Logs in through the login page and waits for the 工作台. */
export async function loginAs(page: Page, baseUrl: string, username: string, password = 'Zhongshu@2026'): Promise<void> {
  // a test that has just cleared the session may find the app itself navigating to /login (its next request answered
  // 401), which aborts this navigation (net::ERR_ABORTED, seen in CI after a resize to 390 px) or interrupts it
  // ("interrupted by another navigation to …/login?next=…", seen with two story files at a time): then it goes again
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(`${baseUrl}/login`);
      break;
    } catch (e) {
      const message = String((e as Error).message);
      if (attempt >= 3 || !(message.includes('ERR_ABORTED') || message.includes('interrupted by another navigation'))) throw e;
      await page.waitForLoadState().catch(() => undefined);
    }
  }
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
}

/** A new browser context of `b` (zh-CN, 1366×860) logged in as `username`: one user's window. */
export async function pageAs(b: BrowserSession, baseUrl: string, username: string): Promise<Page> {
  const context = await b.browser.newContext({ reducedMotion: REDUCED_MOTION, locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  await loginAs(page, baseUrl, username);
  return page;
}

/** Calls the API from the page with its session (the cookie, and the CSRF token from /api/auth/me). */
export async function callApi<T = any>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(url, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    { method, url, body },
  );
}

/**
 * Clicks 确定 in the open confirm dialog and waits for the request it sends (a `method` request whose
 * URL contains `urlPart`); answers its response. When no such request has left 3 s after the click and
 * the dialog is still open (the click landed while the dialog was still animating in), clicks again.
 */
export async function confirmDialog(page: Page, urlPart: string, method = 'POST') {
  const request = page.waitForRequest((r) => r.url().includes(urlPart) && r.method() === method, { timeout: 30_000 });
  let sent = false;
  void request.then(() => (sent = true)).catch(() => undefined);
  const ok = page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ });
  await dialogSettled(page);
  await ok.click();
  for (let i = 0; i < 3 && !sent; i++) {
    await page.waitForTimeout(3_000);
    if (!sent && (await ok.isVisible())) await ok.click();
  }
  const response = await (await request).response();
  if (!response) throw new Error(`no response to ${method} ${urlPart}`);
  return response;
}

/** Resolves when no finite CSS animation runs on the page (an infinite one, a spinner, does not count). */
function animationsDone(page: Page, timeout: number) {
  return page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
    null,
    { timeout },
  );
}

/**
 * Waits until the open dialog has finished animating in. antd's dialog zooms out of the button that opened it;
 * under CI load Playwright's stability check can pass in the middle of the zoom, and a click aimed at 提交 then lands
 * on the dialog's backdrop where the button has moved away from (seen: mousedown on 提交, mouseup and click on
 * .ant-modal-wrap, no request sent).
 */
export async function dialogSettled(page: Page): Promise<void> {
  await page.locator('.ant-modal-wrap .ant-modal').last().waitFor();
  await page.waitForFunction(() => !document.querySelector('.ant-modal-root [class*="zoom-appear"], .ant-modal-root [class*="zoom-enter"]'), null, {
    timeout: 10_000,
  });
  await animationsDone(page, 10_000);
}

/** An axe-core finding as the accessibility checks report it. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, the basis of GB/T 37668-2019) on the page as it is now and
 * answers the critical and serious findings, each with up to 5 offending selectors.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  // contrast is judged on the settled page: wait (up to 3 s) for finite CSS animations (antd's fade-ins) to end
  await animationsDone(page, 3000).catch(() => undefined);
  // the shell marks wide tables' scroll regions focusable after the frame paints (Layout.tsx): a frame and a task
  // after the last change, as it does
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done))));
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8') });
  }
  return page.evaluate(async () => {
    type Node = { target: string[]; any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } | null }[] };
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: Node[] }[] }> };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => {
          const c = n.any.find((a) => a.data?.contrastRatio)?.data;
          return c ? `${n.target.join(' ')} (${c.fgColor} on ${c.bgColor}: ${c.contrastRatio}:1)` : n.target.join(' ');
        }),
      }));
  });
}
