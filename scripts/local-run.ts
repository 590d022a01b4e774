/**
 * `npm start`: the built dist/Code.js driven through the emulator on a demo registry, the way
 * the help desk, trainers and clients use it. Writes what a person can open:
 *   out/registry.xlsx   the registry workbook
 *   out/mail/*.eml      every email the tool sent
 *   out/drive/*.pdf     documents the tool generated (when there are any)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Driver } from '../emulator/driver';
import { exportDrivePdfs, exportOutbox, exportWorkbook } from '../emulator/export';
import { demoSubmissions, demoTrainers, FORM_TITLES } from './demo/data';

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'out');
const MINUTE = 60_000;

function must<T>(r: { ok: boolean; error?: { message: string; stack?: string } } & T, what: string): T {
  if (!r.ok) throw new Error(`${what} failed: ${r.error?.stack ?? r.error?.message}`);
  return r;
}

async function main(): Promise<void> {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const d = new Driver({ spreadsheetName: 'Training Help Desk (demo)' });
  d.setMailQuota(1500);

  // The help desk opens the new spreadsheet and sets up the registry.
  must(d.open(), 'onOpen');
  must(d.clickMenu('Set up registry'), 'Set up registry');

  // Trainers create their profiles through the Trainer profile form.
  const trainers = demoTrainers();
  for (const t of trainers) {
    d.submitForm(FORM_TITLES.profile, t.answers);
    d.advanceClock(3 * MINUTE);
  }

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

  // The help desk checks the registry (problems become notes on cells).
  d.answerNext('alert', 'OK');
  must(d.clickMenu('Check registry'), 'Check registry');
  const failed = d.uiEvents('alert').at(-1);
  if (failed?.title === 'Check registry' && /^\d+ problems|^No problems/.test(failed.message ?? '') === false) throw new Error(`Check registry: ${failed.message}`);
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
  const lines = [
    `Training Help Desk — demo run of dist/Code.js in the Apps Script emulator`,
    ``,
    `Sheets:    ${d.sheetNames().join(', ')}`,
    `Forms:     ${d.formTitles().length} (${d.formTitles().join('; ')})`,
    `Triggers:  ${d.store.triggers.map((t) => `${t.handler} (${t.eventType})`).join(', ')}`,
    `Trainers:  ${d.records('Trainers').length} from ${trainers.length} profile submissions`,
    `Requests:  ${requests.length} from ${submissions.length} submissions — ${[...byOrigin].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `Status:    ${[...byStatus].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `Review:    ${requests.filter((r) => r.Status === 'needs review').map((r) => `${r.Id}: ${String(r['Review reason']).slice(0, 70)}`).join('\n           ')}`,
    `Emails:    ${d.outbox().length} sent (${mails.length} files in out/mail/)`,
    `Check:     ${checkSummary}`,
    ``,
    `Open:      out/registry.xlsx${pdfs.length ? `, out/drive/ (${pdfs.length} PDFs)` : ''}, out/mail/*.eml`,
  ];
  fs.writeFileSync(path.join(out, 'summary.txt'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
