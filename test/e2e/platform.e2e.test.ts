/** The platform story in real Chromium: log in, see the 工作台 in Chinese, log out; wrong password; lockout. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, loginAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

let server: RunningServer;
let b: BrowserSession;

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

it('logs in as a demo user, shows the 工作台 with Chinese text, and logs out', async () => {
  const { page } = b;
  await page.goto(`${server.url}/login`);
  await expect(page.getByTestId('login-submit')).toBeDefined();
  await screenshot(page, 'platform-01-login');
  await loginAs(page, server.url, 'dcs_zhang');
  await page.getByTestId('workbench').waitFor({ timeout: 20_000 });
  const text = await page.locator('body').innerText();
  expect(text).toContain('张伟');
  expect(text).toMatch(/待办|工作台/);
  await screenshot(page, 'platform-02-workbench');
  // Chinese glyphs really render (a CJK font is installed): the width of 工作台 is that of three wide glyphs
  const width = await page.evaluate(() => {
    const s = document.createElement('span');
    s.style.fontSize = '20px';
    s.textContent = '工作台';
    document.body.appendChild(s);
    const w = s.getBoundingClientRect().width;
    s.remove();
    return w;
  });
  expect(width).toBeGreaterThan(50);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL((u) => u.pathname.startsWith('/login'), { timeout: 20_000 });
  const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
  expect(me).toBe(401);
});

it('shows the Chinese error for a wrong password, and locks the account at the 6th attempt', async () => {
  const { page } = b;
  await page.goto(`${server.url}/login`);
  const messages: string[] = [];
  for (let i = 1; i <= 6; i++) {
    await page.getByTestId('login-username').fill('msc_zhou');
    await page.getByTestId('login-password').fill(`wrong-${i}`);
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), page.getByTestId('login-submit').click()]);
    const body = (await resp.json()) as { message: string };
    const err = page.getByTestId('login-error');
    await expect.poll(() => err.innerText(), { timeout: 5000 }).toContain(body.message);
    messages.push(await err.innerText());
    if (i === 1) await screenshot(page, 'platform-03-wrong-password');
  }
  expect(messages[0]).toContain('用户名或密码错误');
  expect(messages[4]).toContain('用户名或密码错误');
  expect(messages[5]).toContain('锁定');
  await screenshot(page, 'platform-04-locked');
  // the right password is refused while locked
  await page.getByTestId('login-password').fill('Zhongshu@2026');
  await page.getByTestId('login-submit').click();
  await page.waitForTimeout(500);
  expect(page.url()).toContain('/login');
});

it('is usable at phone width', async () => {
  const phone = await launchBrowser({ viewport: { width: 375, height: 780 } });
  try {
    await loginAs(phone.page, server.url, 'fgw_xu');
    await phone.page.getByTestId('workbench').waitFor({ timeout: 20_000 });
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(phone.page, 'platform-05-phone');
  } finally {
    await phone.close();
  }
});

it('lets the 系统管理员 see and keep the working-day calendar', async () => {
  const admin = await launchBrowser();
  try {
    await loginAs(admin.page, server.url, 'sysadmin');
    await admin.page.goto(`${server.url}/admin/calendar`);
    await admin.page.getByText('国庆节').first().waitFor({ timeout: 20_000 });
    const text = await admin.page.locator('body').innerText();
    expect(text).toContain('工作日历');
    expect(text).toContain('调休上班');
    await screenshot(admin.page, 'platform-06-calendar');
  } finally {
    await admin.close();
  }
});

it('shows the 安全审计员 Chinese action names and filters the trail by username or name', async () => {
  const auditor = await launchBrowser();
  try {
    await loginAs(auditor.page, server.url, 'auditor');
    await auditor.page.goto(`${server.url}/admin/audit`);
    await auditor.page.getByText('写入演示数据').first().waitFor({ timeout: 20_000 });
    await auditor.page.getByPlaceholder('操作人用户名或姓名').fill('auditor');
    await auditor.page
      .getByRole('button', { name: '查 询' })
      .or(auditor.page.getByRole('button', { name: '查询' }))
      .first()
      .click();
    // the system's own entries (写入演示数据) leave the table once the filtered page has come
    await auditor.page.getByText('写入演示数据').first().waitFor({ state: 'detached', timeout: 20_000 });
    await auditor.page.getByText('登录').first().waitFor({ timeout: 20_000 });
    const rows = await auditor.page.locator('.ant-table-tbody tr.ant-table-row').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r).toContain('auditor'); // every row is the auditor's own, shown with its username
      expect(r).not.toMatch(/\bauth\.login\b|\bsystem\.demo_seed\b/); // names, not codes
    }
    expect(rows.join('\n')).toContain('用户 #');
    await screenshot(auditor.page, 'platform-07-audit');
  } finally {
    await auditor.close();
  }
});

it('sends the hashed assets pre-compressed and cacheable for a year, the page itself revalidated', async () => {
  const html = await fetch(`${server.url}/`);
  expect(html.headers.get('cache-control')).toBe('no-cache');
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1];
  expect(script).toBeTruthy();
  const br = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'br' } });
  expect(br.status).toBe(200);
  expect(br.headers.get('content-encoding')).toBe('br');
  expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(br.headers.get('content-type')).toContain('javascript');
  const plain = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers.get('content-encoding')).toBeNull();
  // fetch decodes the brotli body: both are the same script
  expect(await br.text()).toBe(await plain.text());
});

it('starts the session, the meta data and the landing page data with the page, and asks for each once', async () => {
  const user = await launchBrowser();
  try {
    await loginAs(user.page, server.url, 'zjj_peng');
    for (const [path, data, ready, chunk] of [
      ['/', '/api/workbench', 'workbench', 'WorkbenchPage'],
      ['/supervision', '/api/supervision/items?page=1&pageSize=20', 'page-heading', 'LedgerPage'],
    ] as const) {
      const page = await user.context.newPage();
      const asked: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/')) asked.push(url.pathname + url.search);
      });
      await page.goto(`${server.url}${path}`);
      await page.getByTestId(ready).waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      // the three answers index.html started are the ones the app used: none is asked for twice
      for (const url of ['/api/auth/me', '/api/meta', data])
        expect(
          asked.filter((a) => a === url),
          url,
        ).toHaveLength(1);
      // index.html started them (the first requests of the page), and the app took every one
      expect(asked.slice(0, 3).sort()).toEqual(['/api/auth/me', '/api/meta', data].sort());
      expect(await page.evaluate(() => Object.keys((window as { __zsEarly?: object }).__zsEarly ?? { missing: true }))).toEqual([]);
      // the page's own chunk is asked for with the entry's, not after the entry ran
      expect(await page.locator(`link[rel=modulepreload][href*="/${chunk}-"]`).count()).toBe(1);
      await page.close();
    }
  } finally {
    await user.close();
  }
});
