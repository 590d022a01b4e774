/**
 * Scenario: a bad value in the Settings sheet stops every action before it writes anything, with
 * a message naming the key, the value and what is allowed; the hourly run logs it once; Check
 * registry marks the row. An empty value means the default.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { ActionResult, PoolResult, PoolView } from '../../src/ui/contracts';
import { clientAnswers, FORMS, logRows, matchingWorld, requestRows, setSetting } from '../support/world';

const HOUR = 3600_000;

const everythingButLog = (d: Driver) =>
  JSON.stringify(
    d
      .sheetNames()
      .filter((n) => n !== 'Log')
      .map((n) => d.sheetValues(n)),
  );

describe('Settings validated', () => {
  it('"Send these offers" with offers.expireAfterDays = 1e10 writes no Offers row and sends nothing', () => {
    const d = matchingWorld();
    d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'second@example.org' }));
    d.store.mail.outbox = [];
    Driver.check(d.clickMenu('Propose for all new requests'));
    expect(d.callServer<PoolView>('loadPoolPreview').assigned).toBeGreaterThan(0);
    setSetting(d, 'offers.expireAfterDays', '1e10');
    const before = everythingButLog(d);
    const sent = d.callServer<PoolResult>('sendPoolOffers');
    expect(sent).toEqual({ ok: false, offered: 0, message: 'Settings: offers.expireAfterDays is "1e10"; use a whole number from 1 to 60.' });
    expect(d.records('Offers')).toEqual([]);
    expect(d.outbox()).toEqual([]);
    expect(everythingButLog(d)).toBe(before);
    expect(
      logRows(d)
        .filter((l) => l.action === 'Settings value refused')
        .map((l) => l.subject),
    ).toEqual(['Settings › offers.expireAfterDays']);
  });

  it('a sidebar offer with a negative expiry is refused the same way', () => {
    const d = matchingWorld();
    d.select('Requests!A2');
    Driver.check(d.clickMenu('Propose trainers'));
    setSetting(d, 'offers.expireAfterDays', '-1');
    const r = d.callServer<ActionResult>('offerTrainers', 'R-00001', ['T-0001']);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/offers\.expireAfterDays is "-1"; use a whole number from 1 to 60/) });
    expect(d.records('Offers')).toEqual([]);
  });

  it('the hourly run with a bad value logs it once and does nothing else; a new response waits, then is taken once fixed', () => {
    const d = matchingWorld();
    setSetting(d, 'mail.reservePerDay', 'abc');
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Carla Mendes', 'Your email': 'carla@example.org' }));
    d.advanceClock(HOUR);
    d.advanceClock(HOUR);
    expect(requestRows(d)).toHaveLength(1);
    expect(d.outbox()).toEqual([]);
    const lines = logRows(d).filter((l) => l.action === 'Settings value refused');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      subject: 'Settings › mail.reservePerDay',
      details: expect.stringContaining('mail.reservePerDay is "abc"; use a whole number from 0 to 1500'),
    });
    setSetting(d, 'mail.reservePerDay', '');
    d.advanceClock(HOUR);
    expect(requestRows(d).map((r) => r.Email)).toEqual(['ana.lima@example.org', 'carla@example.org']);
    expect(d.outbox().filter((m) => m.to.includes('carla@example.org'))).toHaveLength(1);
  });

  it('Check registry flags the value on its Settings row and in its answer', () => {
    const d = matchingWorld();
    const row = setSetting(d, 'helpdesk.email', 'help desk at sofa');
    d.answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Check registry'));
    expect(d.uiEvents('alert').at(-1)?.message).toMatch(/Settings: helpdesk\.email is "help desk at sofa"; use one email address, or leave it empty\./);
    const headers = (d.sheet('Settings').rows[0] ?? []).map((c) => String(c?.v ?? ''));
    expect(d.sheet('Settings').rows[row - 1]![headers.indexOf('Value')]?.note).toMatch(/helpdesk\.email is "help desk at sofa"/);
  });
});
