/** The pool preview (dist/Pool.html): the assignment table and the one button that sends it. */
import type { Page } from 'playwright-core';
import { closeBrowser, deferred, openPage, overflowX, screenshot, type OpenedPage } from '@training-help-desk/gas-emulator/browser';
import { poolServer } from './fixtures';
import type { ServerFn } from '@training-help-desk/gas-emulator/browser';

jest.setTimeout(30_000);

let opened: OpenedPage | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});
afterAll(closeBrowser);

async function open(server: ServerFn = poolServer(), width = 640): Promise<OpenedPage> {
  opened = await openPage('Pool.html', { server, width, height: 520 });
  await opened.page.locator('table').waitFor();
  return opened;
}
const rowText = (page: Page, id: string): Promise<string> => page.locator(`tr[data-request="${id}"]`).innerText();

test('shows each request with its proposed trainer and score, or why nobody was found, and the totals', async () => {
  const { page, calls, errors } = await open();
  expect(calls).toEqual([{ fn: 'loadPoolPreview', args: [] }]);
  expect(await page.locator('tbody tr').count()).toBe(5);
  expect(await rowText(page, 'R-00042')).toMatch(/R-00042[\s\S]*Client · pt[\s\S]*João Silva[\s\S]*86\.4/);
  expect(await rowText(page, 'R-00045')).toMatch(/No one[\s\S]*nobody speaks ru[\s\S]*—/);
  expect(await page.locator('.totals').innerText()).toBe('3 of 5 requests get a trainer, 2 without. Total score 248.9.');
  expect(await page.locator('#message').innerText()).toBe('Preview ready: 3 offers to send.');
  expect(await overflowX(page)).toBe(0);
  await screenshot(page, 'pool');
  expect(errors).toEqual([]);
});

test('"Send these offers" calls sendPoolOffers once, shows the result, and stays disabled', async () => {
  const gate = deferred<void>();
  const base = poolServer();
  const { page, calls } = await open(async (fn, args) => {
    if (fn === 'sendPoolOffers') await gate.promise;
    return base(fn, args);
  });
  const send = page.getByRole('button', { name: 'Send these offers' });
  await send.click();
  await expect(send.isDisabled()).resolves.toBe(true);
  gate.resolve();
  await page.locator('#message').getByText('Sent 3 offers. 2 requests still need someone.').waitFor();
  expect(await page.locator('#message').getAttribute('aria-live')).toBe('polite');
  await expect(send.isDisabled()).resolves.toBe(true);
  expect(calls.map((c) => c.fn)).toEqual(['loadPoolPreview', 'sendPoolOffers']);
});

test('a failure is shown and the button can be used again', async () => {
  const { page } = await open(poolServer({ fail: 'sendPoolOffers' }));
  const send = page.getByRole('button', { name: 'Send these offers' });
  await send.click();
  await page.locator('#message').getByText('The offers were not sent: Mail quota reached for today: offers were queued in the Outbox.').waitFor();
  expect(await page.locator('#message').getAttribute('class')).toContain('error');
  await expect(send.isEnabled()).resolves.toBe(true);
});

test('fits a 300 px sidebar without horizontal scrolling', async () => {
  const { page } = await open(poolServer(), 300);
  expect(await overflowX(page)).toBe(0);
  expect(await page.locator('tr[data-request="R-00047"]').innerText()).toContain('nobody has capacity left this month');
  await screenshot(page, 'pool-narrow');
});
