/**
 * Scenario: profiles can't be taken over. Anyone can open the public Trainer profile form; a
 * response for a trainer already in Trainers applies only with proof that it is theirs.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { ProposalView } from '../../src/ui/contracts';
import { approveClaimedRoles, clientAnswers, FORMS, logRows, profileAnswers, setUpWorld } from '../support/world';

const DAY = 24 * 3600_000;
const formLink = (body: string): string => /https:\/\/docs\.google\.com\/forms\/\S+/.exec(body)![0];
const mailsTo = (d: Driver, address: string) => d.outbox().filter((m) => m.to.includes(address));

/** Lucía, a facilitator with a profile, and her confirmation email with her personal link. */
function withLucia(): { d: Driver; link: string } {
  const d = setUpWorld();
  d.submitForm(FORMS.profile, profileAnswers('Lucía Fernández', 'lucia@example.org', { Roles: ['facilitator'], 'Usual rate (private)': '80 EUR/hour' }));
  const link = formLink(mailsTo(d, 'lucia@example.org')[0].body);
  d.store.mail.outbox = [];
  d.advanceClock(DAY);
  return { d, link };
}

const TAKEOVER = profileAnswers('Mallory', 'lucia@example.org', {
  Roles: ['facilitator', 'certified trainer'],
  'Usual rate (private)': '1 EUR',
  Availability: 'paused',
  'Short bio (public if listed)': 'Call me instead.',
});

describe('Profiles cannot be taken over', () => {
  it("a response with a known trainer's email but no personal code changes nothing and is shown as pending", () => {
    const { d } = withLucia();
    const before = d.records('Trainers')[0];
    d.submitForm(FORMS.profile, TAKEOVER);
    const [after, ...others] = d.records('Trainers');
    expect(others).toEqual([]);
    for (const h of ['Id', 'Name', 'Email', 'Roles', 'Status', 'Rate', 'Bio', 'Listed in directory', 'Updated', 'Profile code'])
      expect({ h, v: after[h] }).toEqual({ h, v: before[h] });
    expect(String(after['Review reason'])).toMatch(
      /^profile change waiting for confirmation from the trainer \(Name, Roles, Status, Bio, Rate\): https:\/\/docs\.google\.com\/forms\/d\/[^/]+\/edit#response=.+$/,
    );
    expect(JSON.parse(String(after['Pending change']))).toMatchObject({ fields: ['Name', 'Roles', 'Status', 'Bio', 'Rate'] });
    // Only the address on file hears about it, in words that do not leak the proposed values.
    const mail = d.outbox();
    expect(mail.map((m) => [m.to, m.subject])).toEqual([[['lucia@example.org'], 'Please confirm the change to your trainer profile']]);
    expect(mail[0].body).toMatch(/^Hello Lucía Fernández,/);
    const log = logRows(d).filter((l) => l.action === 'Profile change waiting for confirmation');
    expect(log).toHaveLength(1);
    expect(JSON.stringify(log)).not.toMatch(/@|Mallory|EUR/);
  });

  it('a wrong code is no proof: the change waits too', () => {
    const { d } = withLucia();
    d.submitForm(FORMS.profile, { ...TAKEOVER, 'Profile code': 'guessed-code-1234' });
    expect(d.records('Trainers')[0].Name).toBe('Lucía Fernández');
    expect(String(d.records('Trainers')[0]['Pending change'])).toContain('"fields"');
  });

  it('her personal link carries her code: a change from it applies at once', () => {
    const { d, link } = withLucia();
    const answers = d.prefilledAnswers(link);
    const code = String(d.records('Trainers')[0]['Profile code']);
    expect(code).toMatch(/^[0-9a-f]{20}$/);
    expect(answers['Profile code']).toBe(code);
    d.submitForm(FORMS.profile, { ...answers, Availability: 'paused', 'Region or city': 'Sevilla' });
    const [t] = d.records('Trainers');
    expect(t).toMatchObject({ Name: 'Lucía Fernández', Status: 'paused', Region: 'Sevilla', 'Pending change': '', 'Review reason': '' });
    expect(mailsTo(d, 'lucia@example.org').map((m) => m.subject)).toEqual(['Your trainer profile is saved']);
  });

  it('the confirmation link sent to the address on file applies the waiting change when she submits it', () => {
    const { d } = withLucia();
    d.submitForm(FORMS.profile, profileAnswers('Lucía F.', 'lucia@example.org', { Roles: ['facilitator'], 'Region or city': 'Madrid' }));
    expect(d.records('Trainers')[0].Name).toBe('Lucía Fernández');
    const confirm = formLink(mailsTo(d, 'lucia@example.org')[0].body);
    const answers = d.prefilledAnswers(confirm);
    expect(answers).toMatchObject({ Name: 'Lucía F.', 'Region or city': 'Madrid', Email: 'lucia@example.org' });
    d.advanceClock(3600_000);
    d.submitForm(FORMS.profile, answers);
    const trainers = d.records('Trainers');
    expect(trainers).toHaveLength(1);
    expect(trainers[0]).toMatchObject({ Name: 'Lucía F.', Region: 'Madrid', 'Pending change': '', 'Review reason': '' });
    expect(logRows(d).map((l) => l.action)).toEqual(expect.arrayContaining(['Profile change waiting for confirmation', 'Trainer profile updated']));
  });

  it('the same waiting response delivered twice asks once and logs once', () => {
    const { d } = withLucia();
    d.submitForm(FORMS.profile, TAKEOVER, { redelivered: true });
    expect(d.outbox()).toHaveLength(1);
    expect(logRows(d).filter((l) => l.action === 'Profile change waiting for confirmation')).toHaveLength(1);
    const pending = String(d.records('Trainers')[0]['Pending change']);
    // The hourly sweep sees the same response again: still nothing new.
    d.advanceClock(3600_000);
    expect(d.outbox()).toHaveLength(1);
    expect(String(d.records('Trainers')[0]['Pending change'])).toBe(pending);
  });

  it('two unproven responses: the later one waits, and the hourly sweep asks nobody again', () => {
    const { d } = withLucia();
    d.submitForm(FORMS.profile, TAKEOVER);
    d.advanceClock(60_000);
    d.submitForm(FORMS.profile, { ...TAKEOVER, Name: 'Mallory 2' });
    expect(d.outbox()).toHaveLength(2);
    const pending = String(d.records('Trainers')[0]['Pending change']);
    for (let h = 0; h < 3; h++) d.advanceClock(3600_000);
    expect(d.outbox()).toHaveLength(2);
    expect(String(d.records('Trainers')[0]['Pending change'])).toBe(pending);
    expect(logRows(d).filter((l) => l.action === 'Profile change waiting for confirmation')).toHaveLength(2);
    expect(d.records('Trainers')[0].Name).toBe('Lucía Fernández');
  });

  it('a new profile claiming certified trainer is not matched as one until the help desk adds the role', () => {
    const d = setUpWorld();
    d.submitForm(
      FORMS.profile,
      profileAnswers('Pedro Costa', 'pedro@example.org', { Roles: ['certified trainer', 'facilitator'], 'Languages you train in': ['Português (Portuguese)'] }),
    );
    const [t] = d.records('Trainers');
    expect(t).toMatchObject({ Roles: 'facilitator', 'Roles claimed': 'certified trainer', Status: 'active' });
    expect(String(t['Review reason'])).toBe('roles waiting for help-desk approval: certified trainer (to approve, add them to Roles)');
    // His link keeps the claim, so resubmitting from it neither drops nor grants it.
    const link = formLink(mailsTo(d, 'pedro@example.org')[0].body);
    expect([...(d.prefilledAnswers(link).Roles as string[])].sort()).toEqual(['certified trainer', 'facilitator']);

    typeRowAgreement(d, String(t.Id));
    d.submitForm(FORMS.client, clientAnswers());
    d.select('Requests!A2');
    Driver.check(d.clickMenu('Propose trainers'));
    const before = d.callServer<ProposalView>('loadProposals').requests[0];
    expect(before.ranked.map((c) => c.name)).toEqual([]);
    expect(before.excluded.find((e) => e.name === 'Pedro Costa')?.filter).toBe('role');

    approveClaimedRoles(d); // one edit: the help desk adds "certified trainer" to Roles
    Driver.check(d.clickMenu('Propose trainers'));
    expect(d.callServer<ProposalView>('loadProposals').requests[0].ranked.map((c) => c.name)).toEqual(['Pedro Costa']);
    // Once granted, his next update from his link keeps the role and clears the claim.
    d.advanceClock(DAY);
    d.submitForm(FORMS.profile, d.prefilledAnswers(link));
    const after = d.records('Trainers')[0];
    expect(String(after.Roles).split('; ').sort()).toEqual(['certified trainer', 'facilitator']);
    expect(after).toMatchObject({ 'Roles claimed': '', 'Review reason': '' });
  });
});

/** A signed exchange agreement, so a certified trainer can be offered requests. */
function typeRowAgreement(d: Driver, trainerId: string): void {
  const sheet = d.sheet('Agreements');
  const headers = (sheet.rows[0] ?? []).map((c) => String(c?.v ?? ''));
  const values: Record<string, unknown> = {
    Id: 'A-1',
    Kind: 'exchange',
    'Party A': 'SoFA',
    'Party B': trainerId,
    Status: 'signed',
    'Valid until': { date: Date.UTC(2028, 0, 1) },
  };
  sheet.rows[1] = headers.map((h) => (values[h] === undefined ? undefined : { v: values[h] as string }));
}

describe('Profile codes for trainers who have none', () => {
  it('Send profile update links gives a trainer without a code a new one, carried by the link', () => {
    const { d } = withLucia();
    const sheet = d.sheet('Trainers');
    const col = (sheet.rows[0] ?? []).findIndex((c) => c?.v === 'Profile code');
    sheet.rows[1]![col] = undefined; // e.g. a trainer typed in by hand, or a code cleared by the help desk
    d.answerNext('alert', 'YES').answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Send profile update links'));
    const code = String(d.records('Trainers')[0]['Profile code']);
    expect(code).toMatch(/^[0-9a-f]{20}$/);
    expect(d.prefilledAnswers(formLink(mailsTo(d, 'lucia@example.org')[0].body))['Profile code']).toBe(code);
  });

  it('a known trainer claiming a new approved role through their own link keeps their roles; the claim waits', () => {
    const { d, link } = withLucia();
    d.submitForm(FORMS.profile, { ...d.prefilledAnswers(link), Roles: ['facilitator', 'mentor'] });
    expect(d.records('Trainers')[0]).toMatchObject({ Roles: 'facilitator', 'Roles claimed': 'mentor', 'Pending change': '' });
  });
});

describe('A registry set up before profile codes', () => {
  it('Set up adds the "Profile code" question to the existing profile form, once', () => {
    const d = setUpWorld();
    const form = Object.values(d.store.forms).find((f) => f.title === FORMS.profile)!;
    form.items = form.items.filter((i) => i.title !== 'Profile code');
    Driver.check(d.clickMenu('Set up registry'));
    Driver.check(d.clickMenu('Set up registry'));
    expect(form.items.filter((i) => i.title === 'Profile code')).toHaveLength(1);
    expect(form.items.at(-1)?.title).toBe('Profile code');
  });
});
