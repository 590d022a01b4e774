/** The "Propose trainers" sidebar (dist/Proposal.html) against a fake server, at sidebar width. */
import type { Locator, Page } from 'playwright-core';
import { closeBrowser, deferred, openPage, overflowX, screenshot, type OpenedPage } from '@training-help-desk/gas-emulator/browser';
import { proposalServer } from './fixtures';

jest.setTimeout(30_000);
const SIDEBAR = { width: 300, height: 900 };

let opened: OpenedPage | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});
afterAll(closeBrowser);

async function open(server = proposalServer()): Promise<OpenedPage> {
  opened = await openPage('Proposal.html', { server, ...SIDEBAR });
  await opened.page.getByRole('heading', { name: /R-00042/ }).waitFor();
  return opened;
}
const request = (page: Page, id: string): Locator => page.locator(`section[data-request="${id}"]`);
const message = (page: Page): Locator => page.locator('#message');

test('renders each request with its header, ranked candidates, offers, empty state and why-not list', async () => {
  const { page, calls, errors } = await open();
  expect(calls).toEqual([{ fn: 'loadProposals', args: [] }]);
  const r42 = request(page, 'R-00042');
  const head = await r42.locator('header').innerText();
  for (const s of ['R-00042', 'Client', 'Português (Portuguese)', 'Consent decision-making', 'online', '12–14 March 2026', '18 people'])
    expect(head).toContain(s);
  expect(await r42.locator('.candidate .name').allInnerTexts()).toEqual(['João Silva', 'Ana Beatriz Costa', 'Lukas Schäfer']);
  expect(await r42.locator('.candidate .score').allTextContents()).toEqual(['score 86.4', 'score 78.2', 'score 61']);
  expect(await r42.locator('.bar span').first().getAttribute('style')).toBe('width: 86.4%;');
  expect(await r42.locator('.offers').innerText()).toMatch(/Sofía Ramírez\s*pending/);
  // Checkboxes are labelled by the trainer's name; Connect names who it connects.
  await expect(r42.getByRole('checkbox', { name: 'Ana Beatriz Costa' }).isChecked()).resolves.toBe(false);
  await expect(r42.getByRole('button', { name: 'Connect João Silva with the requester' }).count()).resolves.toBe(1);
  const r43 = request(page, 'R-00043');
  await expect(r43.getByText('No one fits this request: every listed facilitator who speaks ja is at capacity. See why not below.').isVisible()).resolves.toBe(
    true,
  );
  await r43.getByText('Why not (2)').click();
  expect(await r43.locator('.why-not li').allInnerTexts()).toEqual([
    'Aiko Tanaka — 1 of 1 gigs this month accepted',
    'João Silva — speaks pt, en — request is in ja',
  ]);
  expect(await page.locator('#policy').innerText()).toContain('topics 40');
  // The fairness figure in the footer.
  expect(await page.locator('#policy .fairness').innerText()).toBe(
    'Fair rotation: 9 offers among 12 active trainers in the last 90 days — 0 to 2 each, Gini 0.38 (0 is perfectly even).',
  );
  expect(await overflowX(page)).toBe(0);
  expect(errors).toEqual([]);
});

test('a "why" expands to each criterion with its reason and points', async () => {
  const { page } = await open();
  const first = request(page, 'R-00042').locator('.candidate').first();
  const reason = first.getByText('3 of 3 topics: Consent decision-making, Rounds, Roles and elections');
  await expect(reason.isVisible()).resolves.toBe(false);
  await first.getByText('Why', { exact: true }).click();
  await expect(reason.isVisible()).resolves.toBe(true);
  expect(await first.locator('.why li').count()).toBe(6);
  expect(await first.locator('.why li').first().innerText()).toMatch(/Topics\s*40 \/ 40/);
  expect(await first.locator('.why li').nth(3).innerText()).toContain('1 offer in the last 90 days');
  await screenshot(page, 'proposal');
});

test('"Offer to selected" sends the checked trainers, disables every button meanwhile, then shows the message and the new view', async () => {
  const gate = deferred<void>();
  const base = proposalServer();
  const { page, calls } = await open(async (fn, args) => {
    if (fn === 'offerTrainers') await gate.promise;
    return base(fn, args);
  });
  const r42 = request(page, 'R-00042');
  await r42.getByRole('checkbox', { name: 'João Silva' }).check();
  await r42.getByRole('checkbox', { name: 'Ana Beatriz Costa' }).check();
  await r42.getByRole('button', { name: 'Offer to selected' }).click();
  await page.waitForFunction('document.getElementById("app").getAttribute("aria-busy") === "true"');
  expect(await page.locator('main button:enabled, main input:enabled').count()).toBe(0);
  gate.resolve();
  await message(page).getByText('Offered R-00042 to João Silva and Ana Beatriz Costa.').waitFor();
  expect(calls[1]).toEqual({ fn: 'offerTrainers', args: ['R-00042', ['T-007', 'T-012']] });
  expect(await message(page).getAttribute('class')).toContain('ok');
  expect(await message(page).getAttribute('aria-live')).toBe('polite');
  expect(await r42.locator('.candidate .name').allInnerTexts()).toEqual(['Lukas Schäfer']);
  expect(await r42.locator('.offers').innerText()).toMatch(/João Silva\s*pending[\s\S]*Ana Beatriz Costa\s*pending/);
  expect(await page.locator('main button:disabled').count()).toBe(0);
});

test('"Offer to selected" with nothing checked asks for a selection and calls nothing', async () => {
  const { page, calls } = await open();
  await request(page, 'R-00042').getByRole('button', { name: 'Offer to selected' }).click();
  await expect(message(page).innerText()).resolves.toBe('Select one or more trainers first.');
  expect(calls.map((c) => c.fn)).toEqual(['loadProposals']);
});

test('Connect introduces the client and that trainer', async () => {
  const { page, calls } = await open();
  await page.getByRole('button', { name: 'Connect Ana Beatriz Costa with the requester' }).click();
  await message(page).getByText('Introduced Marta Figueiredo and Ana Beatriz Costa by email.').waitFor();
  expect(calls[1]).toEqual({ fn: 'connectTrainer', args: ['R-00042', 'T-012'] });
  expect(await request(page, 'R-00042').locator('header').innerText()).toContain('Assigned: Ana Beatriz Costa');
});

test('Skip asks for an optional reason inline and sends it', async () => {
  const { page, calls } = await open();
  const r43 = request(page, 'R-00043');
  const skip = r43.getByRole('button', { name: 'Skip', exact: true });
  await skip.click();
  await expect(skip.getAttribute('aria-expanded')).resolves.toBe('true');
  const reason = page.getByLabel('Reason for skipping (optional)');
  expect(await page.evaluate('document.activeElement.id')).toBe('skip-reason-R-00043');
  await reason.fill('  Client found a facilitator locally ');
  await page.getByRole('button', { name: 'Skip request' }).click();
  await message(page).getByText('Skipped R-00043 (Client found a facilitator locally).').waitFor();
  expect(calls[1]).toEqual({ fn: 'skipRequest', args: ['R-00043', 'Client found a facilitator locally'] });
  await expect(page.locator('section[data-request="R-00043"]').count()).resolves.toBe(0);
});

test('Skip without a reason sends an empty reason; Cancel closes the form', async () => {
  const { page, calls } = await open();
  const r42 = request(page, 'R-00042');
  await r42.getByRole('button', { name: 'Skip', exact: true }).click();
  await r42.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('Reason for skipping (optional)').count()).resolves.toBe(0);
  await r42.getByRole('button', { name: 'Skip', exact: true }).click();
  await r42.getByRole('button', { name: 'Skip request' }).click();
  await message(page).getByText('Skipped R-00042.').waitFor();
  expect(calls[1]).toEqual({ fn: 'skipRequest', args: ['R-00042', ''] });
});

test('a server failure shows a readable message, re-enables the buttons and keeps the selection', async () => {
  const { page, calls, errors } = await open(proposalServer({ fail: 'offerTrainers' }));
  const r42 = request(page, 'R-00042');
  await r42.getByRole('checkbox', { name: 'Lukas Schäfer' }).check();
  await r42.getByRole('button', { name: 'Offer to selected' }).click();
  await message(page).getByText('That did not work: Registry is busy: another action holds the lock. Try again in a minute.').waitFor();
  expect(calls[1]).toEqual({ fn: 'offerTrainers', args: ['R-00042', ['T-003']] });
  expect(await message(page).getAttribute('class')).toContain('error');
  expect(await page.locator('main button:disabled, main input:disabled').count()).toBe(0);
  await expect(r42.getByRole('checkbox', { name: 'Lukas Schäfer' }).isChecked()).resolves.toBe(true);
  expect(errors).toEqual([]);
});

test('a failed load says so and offers to try again', async () => {
  let attempts = 0;
  const base = proposalServer();
  opened = await openPage('Proposal.html', {
    ...SIDEBAR,
    server: (fn, args) => {
      if (fn === 'loadProposals' && attempts++ === 0) throw new Error('Exception: You do not have permission to call loadProposals');
      return base(fn, args);
    },
  });
  const { page } = opened;
  await message(page).getByText('Could not load the requests: Exception: You do not have permission to call loadProposals').waitFor();
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: /R-00042/ }).waitFor();
  expect(await message(page).innerText()).toBe('2 requests to propose for.');
});
