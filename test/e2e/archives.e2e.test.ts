/**
 * The 保密档案 story in real Chromium: 梁红 (档案处) archives a closed 督办 item of the demo as a 卷宗; its PDF,
 * fetched through the page's session and read with pdftotext, holds every report and review of the item
 * (as 张伟 of 督查室 sees them). A second closed item is archived with a 保密期限 that has already ended:
 * the server's scheduler puts it in the 机要保密处's queue, and 罗清 records a 延期 with its reason.
 * axe-core finds nothing critical or serious on the pages.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, callApi, loginAs, pageAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';
import { launchBrowser } from './harness.js';

let server: RunningServer;
let b: BrowserSession;
let recordUrl = '';

beforeAll(async () => {
  server = await startServer({ ZHONGSHU_SCHEDULER_MS: '1000' });
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

const FIRST = '推进生态环境问题整改销号';
const SECOND = '开展安全生产大检查';

async function pdfOf(page: Page, url: string): Promise<string> {
  const b64 = await page.evaluate(async (u) => {
    const res = await fetch(u);
    if (!res.ok) return `HTTP ${res.status}`;
    const bytes = new Uint8Array(await res.arrayBuffer());
    let s = '';
    for (const x of bytes) s += String.fromCharCode(x);
    return btoa(s);
  }, url);
  expect(b64.startsWith('HTTP')).toBe(false);
  const f = path.join(os.tmpdir(), `zs-e2e-bundle-${process.pid}.pdf`);
  fs.writeFileSync(f, Buffer.from(b64, 'base64'));
  try {
    return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.rmSync(f, { force: true });
  }
}

async function noAxeFindings(page: Page) {
  const findings = await axeFindings(page);
  expect(findings, JSON.stringify(findings, null, 1)).toEqual([]);
}

it('the 档案处 archives a closed 督办 item as one 卷宗 whose PDF holds every report and review', async () => {
  const { page } = b;
  await loginAs(page, server.url, 'da_liang');
  await page.goto(`${server.url}/archives`);
  await page.getByTestId('archive').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('待归档事项').click();
  await page.keyboard.type('生态环境');
  await page.locator('.ant-select-item-option').filter({ hasText: FIRST }).click();
  await screenshot(page, 'archives-01-archive');
  await dialog.getByRole('button', { name: /归\s*档/ }).click();
  await page.waitForURL(/\/archives\/\d+$/, { timeout: 60_000 });
  recordUrl = page.url();
  await page.getByTestId('bundle').waitFor({ timeout: 15_000 });
  await expect(page.getByText(/\d{4}-督查室-Y-\d{4}/).first()).toBeTruthy();
  await screenshot(page, 'archives-02-record');
  await noAxeFindings(page);

  const id = recordUrl.split('/').pop();
  const text = await pdfOf(page, `/api/archives/${id}/bundle.pdf`);
  expect(text).toContain(FIRST);
  // every report and review of the item, as 督查室 sees them
  const dcs = await pageAs(b, server.url, 'dcs_zhang');
  const items = await callApi<{ items: { id: number; title: string }[] }>(dcs, 'GET', `/api/supervision/items?q=${encodeURIComponent(FIRST)}`);
  const itemId = items.json.items.find((i) => i.title === FIRST)!.id;
  const detail = await callApi<{ reports: { content: string; reviewComment: string | null }[] }>(dcs, 'GET', `/api/supervision/items/${itemId}`);
  expect(detail.json.reports.length).toBeGreaterThan(0);
  for (const r of detail.json.reports) {
    expect(text).toContain(r.content.replace(/\s+/g, ''));
    if (r.reviewComment) expect(text).toContain(r.reviewComment.replace(/\s+/g, ''));
  }
  await dcs.context().close();
}, 180_000);

it('a 保密期限 that has ended: the scheduler queues the review, the 机要保密处 records a 延期', async () => {
  const { page } = b;
  const cands = await callApi<{ items: { sourceType: string; sourceId: number; title: string }[] }>(page, 'GET', '/api/archives/candidates');
  const second = cands.json.items.find((c) => c.title === SECOND)!;
  const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
  const res = await callApi<{ record: { id: number; archiveNo: string; level: number } }>(page, 'POST', '/api/archives', {
    sourceType: second.sourceType,
    sourceId: second.sourceId,
    retention: '30y',
    secrecyUntil: yesterday,
  });
  expect(res.status).toBe(200);
  expect(res.json.record.level).toBeGreaterThan(0);
  const archiveNo = res.json.record.archiveNo;

  const luo = await pageAs(b, server.url, 'jy_luo');
  await luo.goto(`${server.url}/archives/reviews`);
  const row = luo.locator('tr').filter({ hasText: archiveNo });
  for (let i = 0; i < 20 && !(await row.count()); i++) {
    await luo.waitForTimeout(1000);
    await luo.reload();
  }
  await row.waitFor({ timeout: 15_000 });
  await screenshot(luo, 'archives-03-review-queue');
  await noAxeFindings(luo);
  await row.getByRole('button', { name: /作出决定/ }).click();
  const dialog = luo.getByRole('dialog');
  await dialog.getByLabel('新的保密期限').click();
  await luo.keyboard.type('2036-12-31');
  await luo.keyboard.press('Enter');
  await dialog.getByLabel('决定理由').fill('涉及安全生产隐患排查的内部信息，延长保密期限');
  await screenshot(luo, 'archives-04-decide');
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await row.getByText('延期').waitFor({ timeout: 15_000 });
  await row.getByText('2036-12-31').waitFor();
  await screenshot(luo, 'archives-05-extended');
  const rec = await callApi<{ record: { level: number; secrecyUntil: string } }>(luo, 'GET', `/api/archives/${res.json.record.id}`);
  expect(rec.json.record).toMatchObject({ level: res.json.record.level, secrecyUntil: '2036-12-31' });

  await luo.goto(`${server.url}/archives`);
  await luo.getByText(archiveNo).waitFor();
  await noAxeFindings(luo);
  await luo.setViewportSize({ width: 390, height: 844 });
  await luo.goto(`${server.url}/archives/${res.json.record.id}`);
  await luo.getByText(archiveNo).first().waitFor();
  await screenshot(luo, 'archives-06-record-390');
  await noAxeFindings(luo);
}, 180_000);
