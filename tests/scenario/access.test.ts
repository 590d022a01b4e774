/**
 * Scenario: who may call what. A page served by the directory web app can call every top-level
 * function of Code.js whose name does not end in "_" (google.script.run), running as the owner.
 * Every such function is called here as an anonymous visitor and as a signed-in viewer, with no
 * arguments and with plausible ones: each is refused (doGet serves public data only), and the
 * workbook, forms, Outbox, properties, triggers and Drive are unchanged afterwards.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'acorn';
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { ExecutionResult } from '@training-help-desk/gas-emulator/host';
import type { ProposalView } from '../../src/ui/contracts';
import { clientAnswers, FORMS, logRows, matchingWorld } from '../support/world';

const CODE = path.resolve(__dirname, '..', '..', 'dist', 'Code.js');
const REFUSED = /^Only the help desk can do this/;

/** Top-level function declarations of the bundle, as Apps Script lists them for google.script.run. */
function publicFunctions(): string[] {
  const program = parse(fs.readFileSync(CODE, 'utf8'), { ecmaVersion: 2020, sourceType: 'script' });
  return program.body
    .flatMap((n) => (n.type === 'FunctionDeclaration' && n.id ? [n.id.name] : []))
    .filter((name) => !name.endsWith('_'))
    .sort();
}

/** A registry with trainers, requests, a pending offer and an email waiting in the Outbox. */
function busyWorld(): Driver {
  const d = matchingWorld();
  d.select('Requests!A2');
  Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers');
  const view = d.callServer<ProposalView>('loadProposals');
  d.callServer('offerTrainers', 'R-00001', [view.requests[0].ranked[0].trainerId]);
  d.setMailQuota(0);
  d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Bea Reis', 'Your email': 'bea@example.org' }));
  d.setMailQuota(100);
  return d;
}

/** What a caller must not be able to change (the Log is compared separately). */
function snapshot(d: Driver): string {
  const s = d.store;
  const spreadsheets = Object.fromEntries(
    Object.entries(s.spreadsheets).map(([id, ss]) => [id, { ...ss, selection: undefined, sheets: ss.sheets.filter((sh) => sh.name !== 'Log') }]),
  );
  return JSON.stringify({
    spreadsheets,
    forms: s.forms,
    documents: s.documents,
    drive: s.drive,
    outbox: s.mail.outbox,
    used: s.mail.usedByUserDay,
    properties: s.properties,
    triggers: s.triggers,
    ui: s.ui.events.length,
  });
}

const asAnonymous = (d: Driver) => ({ kind: 'webapp' as const, user: '', effectiveUser: d.store.script.owner });
const asViewer = (d: Driver) => ({ kind: 'webapp' as const, user: 'viewer@example.org', effectiveUser: d.store.script.owner });

describe('Who may call what', () => {
  it('every top-level function refuses an anonymous visitor and a viewer: nothing read, changed or sent', () => {
    const d = busyWorld();
    d.store.drive.items[d.spreadsheetId].viewers.push('viewer@example.org');
    const trainerId = String(d.records('Trainers').find((t) => t.Name === 'João Silva')!.Id);
    const formRow = d.sheetNames().find((n) => n.startsWith('Responses:'))!;
    const forged = {
      range: { sheet: formRow, row: 2 },
      namedValues: { Email: ['joao@example.org'], Name: ['Mallory'] },
      values: [],
      triggerUid: '123',
      authMode: 'FULL',
    };
    const argSets: unknown[][] = [[], ['R-00001', [trainerId]], ['R-00001', trainerId], ['R-00002', 'spam'], [forged], [{ triggerUid: '123' }]];
    const names = publicFunctions();
    expect(names).toEqual(
      expect.arrayContaining(['connectTrainer', 'doGet', 'menuSetUpRegistry', 'offerTrainers', 'onFormSubmit', 'runHourly', 'sendPoolOffers']),
    );

    const before = snapshot(d);
    const logBefore = logRows(d).length;
    for (const caller of [asAnonymous(d), asViewer(d)]) {
      for (const name of names) {
        for (const args of argSets) {
          const logAt = logRows(d).length;
          d.resetCalls();
          const r: ExecutionResult = d.emu.run(name, { ...caller, args });
          const what = `${name}(${JSON.stringify(args).slice(0, 60)}) as ${caller.user || 'anonymous'}`;
          if (name === 'doGet') {
            expect({ what, ok: r.ok }).toEqual({ what, ok: true });
            const html = (r.value as { html: string }).html;
            expect(html).not.toMatch(/@example\.org|EUR|Casa Verde|R-0000/);
          } else if (name === 'onOpen') {
            // Outside the spreadsheet SpreadsheetApp.getUi() throws: no menu, nothing read.
            expect({ what, error: r.error?.message }).toEqual({ what, error: 'Cannot call SpreadsheetApp.getUi() from this context.' });
          } else {
            expect({ what, error: r.error?.message }).toEqual({ what, error: expect.stringMatching(REFUSED) });
          }
          if (!caller.user && name !== 'doGet') {
            // An anonymous caller is refused before anything in the workbook is read.
            // Trigger handlers also read the ids of the triggers the script recorded (a property, no data).
            const allowed = ['continueJobs', 'onFormSubmit', 'runHourly'].includes(name)
              ? /^(Session|User|ScriptApp|Trigger|console|PropertiesService|Properties)\./
              : /^(Session|User|ScriptApp|Trigger|console)\./;
            const touched = Object.keys(d.calls()).filter((k) => !allowed.test(k));
            expect({ what, touched }).toEqual({ what, touched: name === 'onOpen' ? ['SpreadsheetApp.getUi'] : [] });
          }
          const added = logRows(d).slice(logAt);
          expect(added.length).toBeLessThanOrEqual(1);
          for (const l of added) expect(JSON.stringify(l)).not.toMatch(/@|Mallory/);
        }
      }
    }
    // A viewer running a function as themselves (their own authority, e.g. from a sidebar).
    for (const name of names.filter((n) => n !== 'doGet' && n !== 'onOpen')) {
      for (const args of argSets) {
        const r = d.emu.run(name, { kind: 'rpc', user: 'viewer@example.org', args });
        const what = `${name} run by the viewer as themselves`;
        expect({ what, error: r.error?.message }).toEqual({ what, error: expect.stringMatching(REFUSED) });
      }
    }
    expect(snapshot(d)).toBe(before);
    expect(logRows(d).length - logBefore).toBeLessThanOrEqual(1);
  });

  it('a forged form-submit event with a made-up trigger id is refused; the genuine trigger still works', () => {
    const d = busyWorld();
    const before = snapshot(d);
    const fake = d.emu.run('onFormSubmit', { kind: 'trigger', user: d.store.script.owner, event: { kind: 'clock', triggerUid: '123', authMode: 'FULL' } });
    expect(fake.error?.message).toMatch(REFUSED);
    const none = d.emu.run('runHourly', { kind: 'trigger', user: d.store.script.owner });
    expect(none.error?.message).toMatch(REFUSED);
    expect(snapshot(d)).toBe(before);
    // The real triggers: a form submission and the hourly run go through.
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Caio Dias', 'Your email': 'caio@example.org' }));
    expect(d.records('Requests').map((r) => r.Id)).toContain('R-00003');
    const hourly = d.advanceClock(3600_000);
    expect(hourly.length).toBeGreaterThan(0);
    for (const r of hourly) Driver.check(r, 'runHourly');
    expect(d.outbox().some((m) => m.to.includes('bea@example.org'))).toBe(true);
  });

  it('the help desk can: the owner, an editor shared in, and a member listed in helpdesk.team', () => {
    const d = busyWorld();
    d.store.drive.items[d.spreadsheetId].editors.push('editor@example.org');
    d.actAs('editor@example.org');
    d.open();
    Driver.check(d.clickMenu('Check registry'), 'Check registry as an editor');
    d.select('Requests!A3');
    Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers as an editor');
    expect(d.callServer<ProposalView>('loadProposals').requests.length).toBeGreaterThan(0);

    // A signed-in colleague not shared as an editor (e.g. through a Google Group) is listed in Settings.
    const settings = d.sheet('Settings');
    settings.rows.push([{ v: 'helpdesk.team' }, { v: 'Team@Example.org, other@example.org' }]);
    const team = d.emu.run<ProposalView>('loadProposals', { kind: 'webapp', user: 'team@example.org', effectiveUser: d.store.script.owner });
    expect(team.ok).toBe(true);
    // Cached: a second check reads neither the editors nor Settings.
    d.resetCalls();
    Driver.check(d.emu.run('loadProposals', { kind: 'webapp', user: 'team@example.org', effectiveUser: d.store.script.owner }));
    expect(d.calls()['Spreadsheet.getEditors']).toBeUndefined();
    const viewer = d.emu.run('loadProposals', asViewer(d));
    expect(viewer.error?.message).toMatch(REFUSED);
  });
});
