/** The public directory (dist/Directory.html) with its template filled as doGet fills it. */
import type { Page } from 'playwright-core';
import { closeBrowser, openPage, overflowX, screenshot, type OpenedPage } from '@training-help-desk/gas-emulator/browser';
import { directoryView, fillDirectory, leakyDirectoryView, XSS_BIO } from './fixtures';
import type { DirectoryView } from '../../src/ui/contracts';
import { UNAVAILABLE_TITLE, unavailablePage } from '../../src/domain/directory';

jest.setTimeout(30_000);

let opened: OpenedPage | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});
afterAll(closeBrowser);

async function open(view: DirectoryView = directoryView(), width = 1280, height = 900): Promise<OpenedPage> {
  opened = await openPage('Directory.html', { html: fillDirectory(view), width, height });
  await opened.page.locator('.card').first().waitFor();
  return opened;
}
const count = (page: Page): Promise<string> => page.locator('#count').innerText();
const visibleNames = (page: Page): Promise<string[]> => page.locator('.card:visible h2').allInnerTexts();

test('renders every facilitator in the server order with title, count and the general request link', async () => {
  const view = directoryView();
  const { page, errors, calls } = await open(view);
  expect(await page.title()).toBe(view.title);
  expect(await page.locator('h1').innerText()).toBe(view.title);
  expect(await visibleNames(page)).toEqual(view.facilitators.map((f) => f.name));
  expect(await count(page)).toBe('8 facilitators');
  expect(await page.locator('#count').getAttribute('aria-live')).toBe('polite');
  expect(await page.getByRole('link', { name: /Ask us to find a facilitator/ }).getAttribute('href')).toBe(view.requestUrl);
  const joao = await page.locator('.card[data-id="T-007"]').innerText();
  for (const s of ['João Silva', 'Lisboa, Portugal', 'Português · English', 'Consent decision-making', 'Roles and elections', 'Cooperatives'])
    expect(joao).toContain(s);
  expect(calls).toEqual([]);
  expect(errors).toEqual([]);
  await screenshot(page, 'directory');
});

test('the language and skill filters narrow the list and the count follows', async () => {
  const { page } = await open();
  await page.getByLabel('Language', { exact: true }).selectOption('ja');
  expect(await visibleNames(page)).toEqual(['Aiko Tanaka']);
  expect(await count(page)).toBe('1 facilitator');
  await page.getByLabel('Language', { exact: true }).selectOption('en');
  await page.getByLabel('Skill', { exact: true }).selectOption('Strategy');
  expect(await visibleNames(page)).toEqual(['Sofía Ramírez', 'Lukas Schäfer', 'Nguyễn Thu Hà']);
  expect(await count(page)).toBe('3 facilitators');
  await page.getByLabel('Language', { exact: true }).selectOption('fr');
  expect(await count(page)).toBe('No facilitators match. Try fewer filters, or ask us to find one.');
  await page.getByLabel('Language', { exact: true }).selectOption('');
  await page.getByLabel('Skill', { exact: true }).selectOption('');
  expect(await count(page)).toBe('8 facilitators');
});

test('search is accent- and case-insensitive over name, skills, bio and region', async () => {
  const { page } = await open();
  const search = page.getByLabel('Search', { exact: true });
  await search.fill('joao');
  expect(await visibleNames(page)).toEqual(['João Silva']);
  expect(await count(page)).toBe('1 facilitator');
  await search.fill('SCHAFER');
  expect(await visibleNames(page)).toEqual(['Lukas Schäfer']);
  await search.fill('quebec');
  expect(await visibleNames(page)).toEqual(['Zoë Dubois']);
  await search.fill('львів');
  expect(await visibleNames(page)).toEqual(['Олена Коваленко']);
  await search.fill('housing cooperatives');
  expect(await visibleNames(page)).toEqual(['João Silva']);
  await search.fill('conflict');
  expect(await visibleNames(page)).toEqual(['Олена Коваленко', 'Amara Okafor']);
  await search.fill('');
  expect(await count(page)).toBe('8 facilitators');
});

test('each card links to its own request form in a new tab', async () => {
  const view = directoryView();
  const { page } = await open(view);
  const links = page.locator('.card a.request');
  expect(await links.count()).toBe(view.facilitators.length);
  for (const [i, f] of view.facilitators.entries()) {
    const link = links.nth(i);
    expect(await link.getAttribute('href')).toBe(f.requestUrl);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
  }
  await expect(page.getByRole('link', { name: 'Request this facilitator (João Silva, opens in a new tab)' }).count()).resolves.toBe(1);
});

test('a bio with <script> and an onerror image is shown as text and runs nothing', async () => {
  const { page, errors } = await open();
  const card = page.locator('.card[data-id="T-052"]');
  expect(await card.locator('.bio').innerText()).toBe(XSS_BIO);
  expect(await card.locator('script, img, b').count()).toBe(0);
  expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
  expect(errors).toEqual([]);
});

test('shows no field outside the contract: no email, rate or notes even when the server sends them', async () => {
  const { page } = await open(leakyDirectoryView());
  const text = await page.locator('body').innerText();
  expect(text).not.toContain('@');
  expect(text).not.toMatch(/€|per hour|PRIVATE/);
  expect(await count(page)).toBe('8 facilitators');
});

test('at phone width (360 px) nothing scrolls sideways and the filters still work', async () => {
  const { page } = await open(directoryView(), 360, 780);
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  expect(await overflowX(page)).toBe(0);
  await page.getByLabel('Search', { exact: true }).fill('joao');
  expect(await visibleNames(page)).toEqual(['João Silva']);
  await page.getByLabel('Search', { exact: true }).fill('');
  await screenshot(page, 'directory-phone');
});

test('without embedded data the page says the directory is unavailable', async () => {
  opened = await openPage('Directory.html', { html: (html) => html.replace('<?!= directoryJson ?>', 'null') });
  await opened.page.getByText('The directory is not available right now. Please try again later.').waitFor();
  expect(opened.errors).toEqual([]);
});

test('the "directory unavailable" page reads plainly, fits a phone and needs no script', async () => {
  opened = await openPage('Directory.html', { html: () => unavailablePage(), width: 375, height: 700 });
  const { page, errors, calls } = opened;
  expect(await page.title()).toBe(UNAVAILABLE_TITLE);
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('The directory is unavailable right now');
  expect(await page.getByRole('status').innerText()).toMatch(/Please try again in a little while/);
  expect(await overflowX(page)).toBe(0);
  expect(await page.locator('script').count()).toBe(0);
  expect(calls).toEqual([]);
  expect(errors).toEqual([]);
  await screenshot(page, 'directory-unavailable');
});
