/** Scenario: trainers keep their profiles; the help desk checks the registry and asks for updates. */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import { clientAnswers, FORMS, logRows, profileAnswers, setUpWorld } from '../support/world';

const DAY = 24 * 3600_000;

describe('trainer profiles', () => {
  it('a profile response creates the trainer and confirms with a prefilled link for the next update', () => {
    const d = setUpWorld();
    d.submitForm(FORMS.profile, profileAnswers('Lucía Fernández', 'Lucia@Example.org'));
    const [t] = d.records('Trainers');
    expect(t).toMatchObject({
      Id: 'T-0001',
      Name: 'Lucía Fernández',
      Email: 'lucia@example.org',
      Languages: 'en; es',
      Status: 'active',
      'Listed in directory': true,
      'Capacity per month': 2,
    });
    const mail = d.outbox().filter((m) => m.to.includes('lucia@example.org'));
    expect(mail).toHaveLength(1);
    const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(mail[0].body)![0];
    expect(d.prefilledAnswers(link)).toMatchObject({
      Name: 'Lucía Fernández',
      Email: 'lucia@example.org',
      'Gigs per month you can take': '2',
      Availability: 'active',
    });
  });

  it('an update from the same person changes their row, never adds a second one', () => {
    const d = setUpWorld();
    d.submitForm(FORMS.profile, profileAnswers('Lucía Fernández', 'lucia@example.org'));
    d.advanceClock(DAY);
    // She opens her prefilled link, changes her availability and submits.
    const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(d.outbox()[0].body)![0];
    const answers = { ...d.prefilledAnswers(link), Availability: 'paused', Email: ' LUCIA@example.org ' };
    d.submitForm(FORMS.profile, answers);
    const trainers = d.records('Trainers');
    expect(trainers).toHaveLength(1);
    expect(trainers[0].Status).toBe('paused');
    expect(logRows(d).map((l) => l.action)).toContain('Trainer profile updated');
  });

  it('an invalid email still records the profile, marked for review, with nothing sent', () => {
    const d = setUpWorld();
    d.submitForm(FORMS.profile, profileAnswers('No Mail', 'no-mail-here'));
    const [t] = d.records('Trainers');
    expect(String(t['Review reason'])).toMatch(/invalid email/);
    expect(d.outbox().filter((m) => m.to.includes('no-mail-here'))).toEqual([]);
  });

  it('a redelivered profile event does nothing twice', () => {
    const d = setUpWorld();
    d.submitForm(FORMS.profile, profileAnswers('Ana Souza', 'ana@example.org'), { redelivered: true });
    expect(d.records('Trainers')).toHaveLength(1);
    expect(d.outbox().filter((m) => m.to.includes('ana@example.org'))).toHaveLength(1);
  });
});

describe('Check registry', () => {
  it('marks each problem on its cell with the reason, shows a summary, and changes no value', () => {
    const d = setUpWorld();
    d.submitForm(FORMS.profile, profileAnswers('Ana Souza', 'ana@example.org'));
    const trainers = d.sheet('Trainers');
    const headers = (trainers.rows[0] ?? []).map((c) => String(c?.v ?? ''));
    const col = (h: string) => headers.indexOf(h);
    // The help desk typed a bad status and a second row for the same person.
    trainers.rows[1]![col('Status')] = { v: 'sleeping' };
    trainers.rows[2] = headers.map(() => undefined);
    trainers.rows[2][col('Name')] = { v: 'Ana S.' };
    trainers.rows[2][col('Email')] = { v: 'ana@example.org' };
    trainers.rows[2][col('Status')] = { v: 'active' };
    const before = JSON.stringify(d.sheetValues('Trainers'));
    d.answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Check registry'));
    expect(JSON.stringify(d.sheetValues('Trainers'))).toBe(before);
    expect(trainers.rows[1]![col('Status')]?.note).toMatch(/^⚠ Check registry: Status: not one of the Status choices/);
    expect(trainers.rows[2][col('Email')]?.note).toMatch(/Email: same as row 2/);
    const alert = d.uiEvents('alert').at(-1)!;
    expect(alert.message).toMatch(/^2 problems marked with notes .*Trainers: 2/);
    // Fixed by hand, the next check clears its own marks.
    trainers.rows[1]![col('Status')] = { v: 'active' };
    trainers.rows[2] = [];
    d.answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Check registry'));
    expect(trainers.rows[1]![col('Status')]?.note ?? '').toBe('');
    expect(d.uiEvents('alert').at(-1)!.message).toBe('No problems found.');
  });
});

describe('Check registry: one row per person and per request', () => {
  it('flags the same Id on two rows of Trainers and of Requests, and the same email on two Trainers rows', () => {
    const d = setUpWorld();
    d.submitForm(FORMS.profile, profileAnswers('Ana Souza', 'ana@example.org'));
    d.submitForm(FORMS.profile, profileAnswers('Bruno Reis', 'bruno@example.org'));
    d.submitForm(FORMS.client, clientAnswers());
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Bea', 'Your email': 'bea@example.org' }));
    // The help desk pasted over an Id in each sheet, and typed Ana's address on Bruno's row.
    const cell = (sheet: string, row: number, header: string) => {
      const s = d.sheet(sheet);
      return { row: s.rows[row]!, at: (s.rows[0] ?? []).findIndex((c) => c?.v === header) };
    };
    const trainerId = cell('Trainers', 1, 'Id');
    const bruno = cell('Trainers', 2, 'Id');
    bruno.row[bruno.at] = { v: String(trainerId.row[trainerId.at]?.v) };
    const email = cell('Trainers', 2, 'Email');
    email.row[email.at] = { v: 'ANA@example.org' };
    const requestId = cell('Requests', 1, 'Id');
    const second = cell('Requests', 2, 'Id');
    second.row[second.at] = { v: String(requestId.row[requestId.at]?.v) };
    d.answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Check registry'));
    expect(bruno.row[bruno.at]?.note).toBe('⚠ Check registry: Id: same as row 2');
    expect(email.row[email.at]?.note).toBe('⚠ Check registry: Email: same as row 2');
    expect(second.row[second.at]?.note).toBe('⚠ Check registry: Id: same as row 2');
    expect(d.uiEvents('alert').at(-1)!.message).toMatch(/Trainers: 2.*Requests: 1|Requests: 1.*Trainers: 2/s);
  });
});

describe('Send profile update links', () => {
  function withTrainers(n: number): Driver {
    const d = setUpWorld();
    for (let i = 0; i < n; i++) d.submitForm(FORMS.profile, profileAnswers(`Trainer ${i}`, `t${i}@example.org`, i === 0 ? { Availability: 'paused' } : {}));
    d.store.mail.outbox = [];
    return d;
  }

  it('asks first, then emails each active trainer their prefilled link', () => {
    const d = withTrainers(4);
    d.answerNext('alert', 'YES').answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Send profile update links'));
    expect(d.uiEvents('alert').at(-2)!.message).toBe(
      'Email 3 active trainers a link to check their profile? (Anyone already sent one today is not sent another.)',
    );
    expect(
      d
        .outbox()
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(['t1@example.org', 't2@example.org', 't3@example.org']);
    const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(d.outbox()[0].body)![0];
    expect(d.prefilledAnswers(link).Email).toMatch(/^t\d@example\.org$/);
  });

  it('clicked again the same day sends nobody a second link; the next day is a new round', () => {
    const d = withTrainers(3);
    d.answerNext('alert', 'YES').answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Send profile update links'));
    expect(d.outbox()).toHaveLength(2);
    d.answerNext('alert', 'YES').answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Send profile update links'));
    expect(d.outbox()).toHaveLength(2);
    expect(d.uiEvents('alert').at(-1)!.message).toBe("Sent 0. 2 already had today's link (not sent again).");
    d.advanceClock(DAY);
    d.answerNext('alert', 'YES').answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Send profile update links'));
    expect(d.outbox()).toHaveLength(4);
    expect(d.uiEvents('alert').at(-1)!.message).toBe('Sent 2.');
  });

  it('sends nothing when the help desk says No', () => {
    const d = withTrainers(2);
    d.answerNext('alert', 'NO');
    Driver.check(d.clickMenu('Send profile update links'));
    expect(d.outbox()).toEqual([]);
  });

  it("stays within the mail quota: the rest waits in the Outbox and goes out with the next day's quota", () => {
    const d = withTrainers(9);
    const used = d.store.mail.usedByUserDay;
    for (const k of Object.keys(used)) delete used[k];
    d.setMailQuota(10); // 5 are kept in reserve: 5 can go today
    d.answerNext('alert', 'YES').answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Send profile update links'));
    expect(d.outbox()).toHaveLength(5);
    const links = () => d.records('Outbox').filter((r) => String(r.Key).startsWith('profile.update:'));
    expect(links().filter((r) => r.Status === 'queued')).toHaveLength(3);
    expect(d.uiEvents('alert').at(-1)!.message).toMatch(/3 wait in the Outbox/);
    d.advanceClock(DAY);
    expect(d.outbox()).toHaveLength(8);
    // The Outbox keeps every email it sent: all 8 links are there once, now sent.
    expect(links().map((r) => r.Status)).toEqual(Array(8).fill('sent'));
  });
});
