/**
 * The 督查督办 story in real Chromium: 督查室 registers an instruction item, splits it over two units and
 * issues it; the housing liaison sees it on the 工作台 and reports with an attachment; 督查室 returns it,
 * the liaison resubmits, 督查室 accepts; the finance unit's extension is approved; the item closes with a
 * 回访 rating; the statistics page shows the counts; the ledger exports to .xlsx with the right rows.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, dialogSettled, launchBrowser, loginAs, screenshot, startServer, type BrowserSession, type RunningServer, callApi } from './harness.js';

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

const call = callApi;

async function as(username: string): Promise<Page> {
  await b.context.clearCookies();
  await loginAs(b.page, server.url, username);
  return b.page;
}

/** Clicks the button that opens a dialog and waits until the dialog has finished animating in. */
async function openDialog(page: Page, testId: string) {
  await page.getByTestId(testId).click();
  await dialogSettled(page);
}

async function modalSubmit(page: Page) {
  await page.locator('.ant-modal-footer button.ant-btn-primary').click();
  await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden', timeout: 15_000 });
}

it('runs the whole supervision loop', async () => {
  let page = await as('dcs_zhang');
  const dir = (await call(page, 'GET', '/api/org/directory')).json;
  const unit = (code: string) => dir.units.find((u: { code: string }) => u.code === code).id as number;
  const userId = (name: string) => dir.users.find((u: { name: string }) => u.name === name).id as number;
  await page.goto(`${server.url}/supervision`);
  await page.getByText('督办台账').first().waitFor();
  await screenshot(page, 'supervision-01-ledger');

  // 立项 through the form page (selects by API-free defaults would need many clicks; we register through the page's API)
  await page.goto(`${server.url}/supervision/new`);
  await page.getByText('督查事项立项').waitFor();
  await screenshot(page, 'supervision-02-register-form');
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const reg = await call(page, 'POST', '/api/supervision/items', {
    source: 'instruction',
    instructedBy: '李明华',
    instructedById: userId('李明华'),
    instructionText: '请住建局牵头、财政局配合，抓紧推进。',
    title: '端到端测试：加快城中村改造',
    requirement: '三个月内完成征收方案并启动改造。',
    level: 1,
    leadUnitId: unit('housing'),
    coUnitIds: [unit('finance')],
    responsibleLeaderId: userId('赵国强'),
    deadline,
  });
  expect(reg.status).toBe(200);
  const id = reg.json.item.id as number;
  const number = reg.json.item.number as string;

  // 分解立项 and 交办 through the item page
  await page.goto(`${server.url}/supervision/items/${id}`);
  await openDialog(page, 'split');
  await page.locator('.ant-modal').getByText('市住房城乡建设局').first().waitFor();
  await screenshot(page, 'supervision-03-split');
  await modalSubmit(page);
  await page.getByTestId('issue').click();
  await page.getByTestId('item-status').filter({ hasText: '办理中' }).waitFor({ timeout: 20_000 });
  await screenshot(page, 'supervision-04-issued');

  // the housing liaison sees it on the 工作台 and reports with an attachment
  page = await as('zjj_peng');
  await page.getByTestId('workbench').waitFor({ timeout: 20_000 });
  await page.getByText(number).first().waitFor({ timeout: 20_000 });
  await screenshot(page, 'supervision-05-liaison-workbench');
  await page.goto(`${server.url}/supervision/items/${id}`);
  const item = (await call(page, 'GET', `/api/supervision/items/${id}`)).json;
  const housingTask = item.tasks.find((t: { unitId: number }) => t.unitId === unit('housing'));
  await openDialog(page, `report-${housingTask.id}`);
  await page.locator('.ant-modal textarea').fill('已完成征收方案初稿，附方案文本，申请办结。');
  await page.locator('.ant-modal').getByText('已办结，申请办结').click();
  await page
    .locator('.ant-modal input[type=file]:not([capture])')
    .setInputFiles({ name: '征收方案.txt', mimeType: 'text/plain', buffer: Buffer.from('城中村改造征收方案（初稿）') });
  await screenshot(page, 'supervision-06-report-dialog');
  await modalSubmit(page);
  await page.getByText('征收方案.txt').waitFor({ timeout: 15_000 });

  // 督查室 returns it
  page = await as('dcs_zhang');
  await page.goto(`${server.url}/supervision/items/${id}`);
  await openDialog(page, `review-${housingTask.id}`);
  await page.locator('.ant-modal').getByText('退回重办').click();
  await page.locator('.ant-modal textarea').fill('请补充资金测算和群众意见征集情况。');
  await modalSubmit(page);
  await page.getByTestId(`task-status-${housingTask.id}`).filter({ hasText: '退回重办' }).waitFor();
  await screenshot(page, 'supervision-07-returned');

  // the liaison resubmits
  page = await as('zjj_peng');
  await page.goto(`${server.url}/supervision/items/${id}`);
  await openDialog(page, `report-${housingTask.id}`);
  await page.locator('.ant-modal textarea').fill('已补充资金测算和群众意见征集情况，申请办结。');
  await page.locator('.ant-modal').getByText('已办结，申请办结').click();
  await modalSubmit(page);

  // the finance liaison requests an extension
  page = await as('czj_han');
  const seen = await call(page, 'GET', `/api/supervision/items/${id}`);
  expect(seen.status, JSON.stringify(seen.json)).toBe(200);
  const financeTask = seen.json.tasks.find((t: { unitId: number }) => t.unitId === unit('finance'));
  const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  expect(
    (
      await call(page, 'POST', `/api/supervision/tasks/${financeTask.id}/extensions`, {
        version: financeTask.version,
        reason: '资金需列入下年度预算',
        requestedDeadline: later,
      })
    ).status,
  ).toBe(200);

  // 督查室's 工作人员 may return but not accept (办结 needs the 处长): the dialog offers 退回 only
  page = await as('dcs_zhang');
  await page.goto(`${server.url}/supervision/items/${id}`);
  await openDialog(page, `review-${housingTask.id}`);
  expect(await page.locator('.ant-modal input[value=accept]').isDisabled()).toBe(true);
  await page.locator('.ant-modal-footer button').first().click();
  await expect.poll(() => page.getByTestId(`decide-${financeTask.id}`).count()).toBe(0);
  const refused = await call(
    page,
    'POST',
    `/api/supervision/extensions/${(await call(page, 'GET', `/api/supervision/items/${id}`)).json.extensions[0].id}/decision`,
    {
      version: 1,
      approve: true,
      comment: '同意',
    },
  );
  expect(refused.status).toBe(403);
  expect(refused.json.message).toContain('批示领导');

  // 督查室's 处长 accepts housing
  page = await as('dcs_huang');
  await page.goto(`${server.url}/supervision/items/${id}`);
  await openDialog(page, `review-${housingTask.id}`);
  for (const c of ['事实清楚', '问题解决', '批示落实', '结论准确', '处理恰当']) await page.locator('.ant-modal').getByText(c).click();
  await modalSubmit(page);
  await page.getByTestId(`task-status-${housingTask.id}`).filter({ hasText: '已办结' }).waitFor();
  // the finished task keeps its light (按期办结), not 无时限
  await page.locator('[data-light=on_time]').first().waitFor();

  // the instructing leader approves finance's extension of his 批示件 on his phone (390 px)
  await page.setViewportSize({ width: 390, height: 844 });
  page = await as('sj_li');
  await page.goto(`${server.url}/supervision/items/${id}`);
  await openDialog(page, `decide-${financeTask.id}`);
  await page.locator('.ant-modal textarea').fill('同意延期');
  await modalSubmit(page);
  await page.getByText(`批准至 ${later}`).waitFor();
  await screenshot(page, 'supervision-08-accepted-extended');
  expect(await axeFindings(page)).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 860 });

  // finance finishes; 督查室's 处长 accepts; the instructing leader's 回访 closes the item (销号)
  page = await as('czj_han');
  const ft = (await call(page, 'GET', `/api/supervision/tasks/${financeTask.id}`)).json.task;
  expect(
    (await call(page, 'POST', `/api/supervision/tasks/${financeTask.id}/reports`, { version: ft.version, content: '资金已列入预算，申请办结。', final: true }))
      .status,
  ).toBe(200);
  page = await as('dcs_huang');
  const ft2 = (await call(page, 'GET', `/api/supervision/tasks/${financeTask.id}`)).json.task;
  expect(
    (
      await call(page, 'POST', `/api/supervision/tasks/${financeTask.id}/review`, {
        version: ft2.version,
        decision: 'accept',
        criteria: { factsClear: true, problemSolved: true, instructionImplemented: true, conclusionAccurate: true, handlingProper: true },
      })
    ).status,
  ).toBe(200);
  await page.goto(`${server.url}/supervision/items/${id}`);
  await page.getByTestId('item-status').filter({ hasText: '已办结' }).waitFor();
  expect(await page.getByTestId('close').count()).toBe(0);
  page = await as('sj_li');
  await page.goto(`${server.url}/supervision/items/${id}`);
  await openDialog(page, 'close');
  await page.locator('.ant-modal textarea').fill('回访住建局和群众代表，对改造推进情况满意。');
  await page.locator('.ant-modal .ant-rate-star').nth(4).click();
  await modalSubmit(page);
  await page.getByTestId('item-status').filter({ hasText: '已销号' }).waitFor();
  await screenshot(page, 'supervision-09-closed');
  page = await as('dcs_zhang');

  // statistics
  await page.goto(`${server.url}/supervision/stats`);
  await page.getByTestId('chart-units').waitFor();
  await page.waitForTimeout(500);
  const stats = (await call(page, 'GET', '/api/supervision/stats')).json;
  expect(stats.totals.extensionsApproved).toBeGreaterThanOrEqual(1);
  expect(stats.totals.returns).toBeGreaterThanOrEqual(1);
  expect(await page.locator('body').innerText()).toContain('立项事项');
  await screenshot(page, 'supervision-10-stats');

  // the ledger exports to .xlsx with the right rows
  const res = await b.context.request.get(`${server.url}/api/supervision/export.xlsx?q=${encodeURIComponent('城中村改造')}`);
  expect(res.status()).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  expect(ws.rowCount).toBe(2);
  expect(String(ws.getRow(2).getCell(1).value)).toBe(number);
  expect(String(ws.getRow(2).getCell(5).value)).toBe('市住房城乡建设局');
  expect(String(ws.getRow(2).getCell(6).value)).toBe('市财政局');
  expect(String(ws.getRow(2).getCell(10).value)).toBe('已销号');
}, 240_000);

it('the ledger at desktop width: antd Table with its pagination, the filter bar, and 导入 opening its dialog (each a lazy chunk)', async () => {
  const page = await as('dcs_zhang');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${server.url}/supervision`);
  await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
  // the table, not the phone's cards, and no 筛选 toggle: the bar is shown
  expect(await page.getByTestId('ledger-cards').count()).toBe(0);
  expect(await page.getByTestId('ledger-filter-toggle').count()).toBe(0);
  const all = (await call(page, 'GET', '/api/supervision/items?page=1&pageSize=20')).json;
  expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(all.items.length);
  expect(await page.locator('.ant-pagination-total-text').innerText()).toBe(`共 ${all.total} 件`);
  // 来源 决策督查: the rows the API lists for it
  await page.getByLabel('来源').click();
  await page.locator('.ant-select-item-option[title="决策督查"]').click();
  await page.waitForURL(/source=decision/);
  const decision = (await call(page, 'GET', '/api/supervision/items?source=decision&page=1&pageSize=20')).json;
  expect(decision.total).toBeLessThan(all.total);
  await expect.poll(() => page.locator('.ant-pagination-total-text').innerText()).toBe(`共 ${decision.total} 件`);
  // 导入: the dialog (loaded on the click) with its template link; 校验 waits for a file; 取消 closes it
  await page.getByRole('button', { name: /导\s*入/ }).click();
  const dialog = page.getByRole('dialog', { name: '导入督办事项' });
  await dialog.waitFor();
  expect(await dialog.getByRole('link', { name: '下载导入模板' }).getAttribute('href')).toBe('/api/supervision/import-template.xlsx');
  expect(await dialog.getByRole('button', { name: /校\s*验/ }).isDisabled()).toBe(true);
  expect(await axeFindings(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
}, 120_000);
