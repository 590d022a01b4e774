/**
 * The pages with the real server behind them: the sidebar the menu opened, its google.script.run
 * calls going into dist/Code.js in the emulator, and the directory page doGet served.
 */
import { closeBrowser, openPage, screenshot } from '@training-help-desk/gas-emulator/browser';
import type { Driver } from '@training-help-desk/gas-emulator/driver';
import { matchingWorld } from '../support/world';

jest.setTimeout(30_000);

afterAll(closeBrowser);

function sidebarFor(d: Driver, a1: string): string {
  d.select(a1);
  const r = d.clickMenu('Propose trainers');
  if (!r.ok) throw new Error(r.error?.message);
  return d.uiEvents('sidebar').at(-1)!.html!;
}

it('the Propose trainers sidebar shows the real proposal and offers through google.script.run', async () => {
  const d = matchingWorld();
  const html = sidebarFor(d, 'Requests!A2');
  const opened = await openPage('Proposal.html', { html: () => html, width: 300, height: 1000, server: (fn, args) => d.callServer(fn, ...args) });
  try {
    const { page } = opened;
    const request = page.locator('section[data-request="R-00001"]');
    await request.waitFor();
    expect(await request.locator('.candidate .name').allInnerTexts()).toEqual(['João Silva', 'Ana Souza']);
    await request.getByText(/Why not/).click();
    expect(await request.innerText()).toMatch(/Olga Ivanova[\s\S]*speaks ru — request is in pt/);
    await request.getByRole('checkbox', { name: 'João Silva' }).check();
    await request.getByRole('button', { name: 'Offer to selected' }).click();
    await page
      .locator('#message')
      .getByText(/Offered R-00001 to João Silva/)
      .waitFor();
    expect(d.records('Offers').map((o) => [o.Request, o.Answer])).toEqual([['R-00001', 'pending']]);
    expect(await request.locator('.offers').innerText()).toMatch(/João Silva\s*pending/);
    await screenshot(page, 'sidebar-live');
    expect(opened.errors).toEqual([]);
  } finally {
    await opened.close();
  }
});

it('the directory page served by doGet lists the opted-in facilitators and filters them', async () => {
  const d = matchingWorld();
  const served = d.webApp();
  const opened = await openPage('Directory.html', { html: () => served.html, width: 1024 });
  try {
    const { page } = opened;
    await page.locator('.card').first().waitFor();
    expect(await page.locator('.card:visible h2').allInnerTexts()).toEqual(['João Silva']);
    expect(await page.locator('body').innerText()).not.toMatch(/@|EUR/);
    await page.getByLabel('Search').fill('joao');
    expect(await page.locator('#count').innerText()).toBe('1 facilitator');
    await screenshot(page, 'directory-live');
    expect(opened.errors).toEqual([]);
  } finally {
    await opened.close();
  }
});
