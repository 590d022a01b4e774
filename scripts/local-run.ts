/**
 * `npm start`: the built dist/Code.js driven through the emulator on a demo registry, the way
 * the help desk, trainers and clients use it. Writes what a person can open:
 *   out/registry.xlsx   the registry workbook
 *   out/mail/*.eml      every email the tool sent
 *   out/drive/*.pdf     documents the tool generated (when there are any)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Driver } from '@training-help-desk/gas-emulator/driver';
import { exportDrivePdfs, exportOutbox, exportWorkbook } from '@training-help-desk/gas-emulator/export';
import { closeBrowser, openPage, screenshot } from '@training-help-desk/gas-emulator/browser';
import type { PoolResult } from '../src/ui/contracts';
import { demoSubmissions, demoTrainers, FORM_TITLES, rng } from './demo/data';
import { finishBackgroundJobs, setSetting } from '../tests/support/world';

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'out');
/** The demo's screenshots (the ones a new user opens); tests write theirs to out/test-screenshots. */
const DEMO_SCREENSHOTS = path.join(out, 'screenshots');
const MINUTE = 60_000;

function must<T>(r: { ok: boolean; error?: { message: string; stack?: string } } & T, what: string): T {
  if (!r.ok) throw new Error(`${what} failed: ${r.error?.stack ?? r.error?.message}`);
  return r;
}

/** Runs browser work when Chromium is there; the run goes on without screenshots otherwise. */
async function withBrowser(work: () => Promise<void>): Promise<void> {
  if (!fs.existsSync('/usr/bin/chromium')) return;
  await work();
}

/** The help desk types a row into a registry sheet (values by header). */
function typeRow(d: Driver, sheetName: string, values: Record<string, string | { date: number }>): void {
  const sheet = d.sheet(sheetName);
  const headers = (sheet.rows[0] ?? []).map((c) => String(c?.v ?? ''));
  sheet.rows[d.sheetValues(sheetName).length] = headers.map((h) => (values[h] === undefined ? undefined : { v: values[h] }));
}

function approveRoleClaims(d: Driver): void {
  const sheet = d.sheet('Trainers');
  const headers = (sheet.rows[0] ?? []).map((c) => String(c?.v ?? ''));
  const [roles, claimed] = [headers.indexOf('Roles'), headers.indexOf('Roles claimed')];
  for (const row of sheet.rows.slice(1)) {
    const waiting = String(row?.[claimed]?.v ?? '');
    if (row && waiting) row[roles] = { v: [String(row[roles]?.v ?? ''), waiting].filter(Boolean).join('; ') };
  }
}

async function main(): Promise<void> {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const d = new Driver({ spreadsheetName: 'Training Help Desk (demo)' });
  d.setMailQuota(1500);

  // The help desk opens the new spreadsheet and sets up the registry.
  must(d.open(), 'onOpen');
  must(d.clickMenu('Set up registry'), 'Set up registry');
  // What did not fit in the click (the rest of the forms, the triggers) continues a minute later.
  finishBackgroundJobs(d);

  // Trainers create their profiles through the Trainer profile form.
  const trainers = demoTrainers();
  for (const t of trainers) {
    d.submitForm(FORM_TITLES.profile, t.answers);
    d.advanceClock(3 * MINUTE);
  }
  // The help desk checks the role claims (certified trainer, mentor, …) and approves them: one
  // edit per trainer, adding the claimed roles to Roles.
  approveRoleClaims(d);

  // Clients, circles and trainers send requests; some are bad, some arrive twice or are edited.
  const submissions = demoSubmissions();
  for (const s of submissions) {
    const r = d.submitForm(s.form, s.answers, { blankDuplicate: s.blankDuplicate, redelivered: s.redeliver });
    for (const t of r.triggerResults) if (!t.ok) throw new Error(`onFormSubmit failed for "${s.note}": ${t.error?.message}`);
    if (s.editWith) {
      d.advanceClock(10 * MINUTE);
      d.submitForm(s.form, s.editWith, { editOf: r.responseId });
    }
    d.advanceClock(7 * MINUTE);
  }

  // The help desk records the exchange agreements on file (typed into the Agreements sheet)
  // and Learner Admin's address (Settings).
  const r = rng(5);
  const certified = d.records('Trainers').filter((t) => /certified (trainer|consultant)/.test(String(t.Roles)));
  const onFile = certified.filter(() => r() < 0.8);
  for (const t of onFile)
    typeRow(d, 'Agreements', {
      Id: `A-${String(t.Id).slice(2)}`,
      Kind: 'exchange',
      'Party A': 'SoFA',
      'Party B': String(t.Id),
      Status: 'signed',
      'Valid until': { date: d.store.clock.now + 400 * 86400_000 },
    });
  // Their last keystroke (the last row's Status) fires onEdit: the Trainers "Exchange agreement" column fills in at once.
  const statusCol = (d.sheet('Agreements').rows[0] ?? []).findIndex((c) => c?.v === 'Status');
  if (onFile.length && statusCol >= 0) d.editCells(`Agreements!${String.fromCharCode(65 + statusCol)}${onFile.length + 1}`, [['signed']]);
  setSetting(d, 'learnerAdmin.email', 'learner.admin@example.org');

  // Propose trainers for the first client request: the sidebar, as the help desk sees it,
  // with its buttons talking to the script; they offer it to the two best candidates.
  const screenshots: string[] = [];
  d.select('Requests!A2');
  must(d.clickMenu('Propose trainers'), 'Propose trainers');
  const sidebar = d.uiEvents('sidebar').at(-1)!.html!;
  await withBrowser(async () => {
    const opened = await openPage('Proposal.html', { html: () => sidebar, width: 300, height: 1100, server: (fn, args) => d.callServer(fn, ...args) });
    try {
      const section = opened.page.locator('section[data-request]').first();
      await section.waitFor();
      const boxes = section.getByRole('checkbox');
      for (let i = 0; i < Math.min(2, await boxes.count()); i++) await boxes.nth(i).check();
      await section.locator('.candidate').first().getByText('Why').click();
      screenshots.push(await screenshot(opened.page, 'sidebar', { dir: DEMO_SCREENSHOTS }));
      await section.getByRole('button', { name: 'Offer to selected' }).click();
      await opened.page
        .locator('#message')
        .getByText(/Offered/)
        .waitFor();
    } finally {
      await opened.close();
    }
  });
  if (!screenshots.length) d.callServer('offerTrainers', 'R-00001', []);

  // Propose for all new requests: the whole-pool assignment, previewed, then sent.
  must(d.clickMenu('Propose for all new requests'), 'Propose for all new requests');
  const poolHtml = d.uiEvents('sidebar').at(-1)!.html!;
  await withBrowser(async () => {
    const opened = await openPage('Pool.html', { html: () => poolHtml, width: 300, height: 1000, server: (fn, args) => d.callServer(fn, ...args) });
    try {
      await opened.page.locator('table').waitFor();
      screenshots.push(await screenshot(opened.page, 'pool', { fullPage: false, dir: DEMO_SCREENSHOTS }));
    } finally {
      await opened.close();
    }
  });
  const pool = d.callServer<PoolResult>('sendPoolOffers');

  // Trainers answer from the links in their offer emails: most accept, some decline, some are silent.
  const answered = new Set<string>();
  for (const mail of d.outbox()) {
    const links = mail.body.match(/https:\/\/docs\.google\.com\/forms\/\S+usp=pp_url\S+/g) ?? [];
    const offerLinks = links.filter((l) => d.prefilledAnswers(l).Offer);
    if (offerLinks.length < 2) continue;
    const offerId = String(d.prefilledAnswers(offerLinks[0]).Offer);
    if (answered.has(offerId)) continue;
    answered.add(offerId);
    const roll = r();
    if (roll < 0.2) continue;
    d.advanceClock(40 * MINUTE);
    d.submitForm(FORM_TITLES.offer, d.prefilledAnswers(offerLinks[roll < 0.75 ? 0 : 1]));
  }
  // Four days on, the silent ones are reminded; four more, their offers expire.
  d.advanceClock(4 * 86400_000);
  d.advanceClock(4 * 86400_000);

  // A week after their connection, requesters are asked for feedback; most answer from the link.
  let feedbackGiven = 0;
  for (const mail of d.outbox()) {
    const link = (mail.body.match(/https:\/\/docs\.google\.com\/forms\/\S+usp=pp_url\S+/g) ?? []).find((l) => d.prefilledAnswers(l).Training);
    if (!link || r() < 0.3) continue;
    d.advanceClock(20 * MINUTE);
    d.submitForm('Training feedback', {
      ...d.prefilledAnswers(link),
      'How was it? (1 = poor, 5 = excellent)': String(3 + Math.floor(r() * 3)),
      'Anything you would like to tell us? (only the help desk reads it)': r() < 0.5 ? 'Clear and practical, thank you.' : '',
    });
    feedbackGiven++;
  }

  // The public directory, as a visitor sees it.
  const directory = d.webApp();
  await withBrowser(async () => {
    for (const [name, width] of [
      ['directory', 1100],
      ['directory-phone', 390],
    ] as const) {
      const opened = await openPage('Directory.html', { html: () => directory.html, width });
      try {
        await opened.page.locator('.card').first().waitFor();
        screenshots.push(await screenshot(opened.page, name, { dir: DEMO_SCREENSHOTS }));
      } finally {
        await opened.close();
      }
    }
  });
  await closeBrowser().catch(() => undefined);

  // The help desk checks the registry (problems become notes on cells).
  d.answerNext('alert', 'OK');
  must(d.clickMenu('Check registry'), 'Check registry');
  const failed = d.uiEvents('alert').at(-1);
  if (failed?.title === 'Check registry' && /^\d+ problems|^No problems/.test(failed.message ?? '') === false)
    throw new Error(`Check registry: ${failed.message}`);
  const checkSummary = d.uiEvents('alert').at(-1)?.message ?? '';

  const workbook = path.join(out, 'registry.xlsx');
  await exportWorkbook(d.store, d.spreadsheetId, workbook);
  const mails = await exportOutbox(d.store, path.join(out, 'mail'));
  const pdfs = await exportDrivePdfs(d.store, path.join(out, 'drive'));

  const requests = d.records('Requests');
  const byStatus = new Map<string, number>();
  for (const r of requests) byStatus.set(String(r.Status), (byStatus.get(String(r.Status)) ?? 0) + 1);
  const byOrigin = new Map<string, number>();
  for (const r of requests) byOrigin.set(String(r.Origin), (byOrigin.get(String(r.Origin)) ?? 0) + 1);
  const offers = d.records('Offers');
  const answers = new Map<string, number>();
  for (const o of offers) answers.set(String(o.Answer), (answers.get(String(o.Answer)) ?? 0) + 1);
  const helpdeskMails = d.outbox().filter((m) => m.to.includes(d.store.script.owner));
  const lines = [
    `Training Help Desk — demo run of dist/Code.js in the Apps Script emulator`,
    ``,
    `Sheets:    ${d.sheetNames().join(', ')}`,
    `Forms:     ${d.formTitles().length} (${d.formTitles().join('; ')})`,
    `Triggers:  ${d.store.triggers.map((t) => `${t.handler} (${t.eventType})`).join(', ')}`,
    `Trainers:  ${d.records('Trainers').length} from ${trainers.length} profile submissions`,
    `Requests:  ${requests.length} from ${submissions.length} submissions — ${[...byOrigin].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `Status:    ${[...byStatus].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `Review:    ${requests
      .filter((r) => r.Status === 'needs review')
      .map((r) => `${r.Id}: ${String(r['Review reason']).slice(0, 70)}`)
      .join('\n           ')}`,
    `Offers:    ${offers.length} (${[...answers].map(([k, v]) => `${k} ${v}`).join(', ')}); pool: ${pool.message}`,
    `Directory: ${(directory.html.match(/"requestUrl"/g) ?? []).length - 1} listed facilitators`,
    `Emails:    ${d.outbox().length} sent (${mails.length} files in out/mail/)`,
    `Help desk: ${helpdeskMails.filter((m) => m.subject.startsWith('Training Help Desk summary')).length} daily summary emails listing ${d.records('Outbox').filter((o) => o.Status === 'in summary').length} notices, ${helpdeskMails.filter((m) => !m.subject.startsWith('Training Help Desk summary')).length} other emails to the help desk`,
    `Feedback:  ${offers.filter((o) => o['Feedback asked'] !== '').length} requesters asked, ${feedbackGiven} answered; trainers with a rating: ${d.records('Trainers').filter((t) => Number(t['Feedback count']) > 0).length}`,
    `Check:     ${checkSummary}`,
    ``,
    `Open:      out/registry.xlsx${pdfs.length ? `, out/drive/ (${pdfs.length} PDFs)` : ''}, out/mail/*.eml${screenshots.length ? `, ${screenshots.map((f) => path.relative(root, f)).join(', ')}` : ' (no screenshots: Chromium is not installed — see README)'}`,
  ];
  fs.writeFileSync(path.join(out, 'summary.txt'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
