import { normaliseTimeZone, parseProfile, parseRequest, type RegistryLists } from '../../src/domain/intake';
import { languageCode } from '../../src/domain/languages';
import { DEFAULT_SKILLS } from '../../src/defaults/defaults';

const lists: RegistryLists = { languages: ['en', 'es', 'pt', 'ru'], skills: DEFAULT_SKILLS, circles: ['Training Circle', 'Portuguese language circle'] };

const client = (over: Record<string, string> = {}) => {
  const base: Record<string, string> = {
    'Your name': 'Ana Lima',
    'Your email': ' Ana@Example.org ',
    Organisation: 'Casa Verde',
    'Language of the training': 'Português (Portuguese)',
    'Topics and skills wanted': 'Consent decision-making, Selling, influencing & evangelizing, Beekeeping',
    Format: 'online',
    'Location (if in person)': '',
    'Your time zone': 'utc-3',
    'Preferred dates or period': 'March',
    'Group size': '12',
    Budget: '500 EUR',
    'Anything else we should know?': 'Thanks',
  };
  return Object.fromEntries(Object.entries({ ...base, ...over }).map(([k, v]) => [k, [v]]));
};

describe('languages', () => {
  it.each([
    ['Português (Portuguese)', 'pt'],
    ['Spanish', 'es'],
    ['русский', 'ru'],
    ['pt-BR', 'pt'],
    ['EN', 'en'],
    ['Klingon', undefined],
  ])('%s → %s', (a, code) => {
    expect(languageCode(a)).toBe(code);
  });
});

describe('parseRequest', () => {
  it('normalises a good client request', () => {
    const p = parseRequest('client', client(), lists);
    expect(p.reasons).toEqual([]);
    expect(p.replyTo).toBe('ana@example.org');
    expect(p.language).toBe('pt');
    expect(p.row).toMatchObject({
      origin: 'client',
      requester: 'Ana Lima',
      email: 'ana@example.org',
      language: 'pt',
      groupSize: 12,
      timeZone: 'UTC-03:00',
      skills: ['Consent decision-making', 'Selling, influencing & evangelizing'],
    });
    expect(p.row.details).toBe('Thanks\nOther topics: Beekeeping');
  });

  it.each([
    [{ 'Your email': 'ana at example' }, /invalid email/],
    [{ 'Your email': 'a@b.org, c@d.org' }, /more than one email/],
    [{ 'Your email': '' }, /missing answer: Your email/],
    [{ 'Your name': '' }, /missing answer: Your name/],
    [{ 'Language of the training': 'Klingon' }, /unknown language "Klingon"/],
    [{ 'Group size': 'a dozen' }, /not a number: Group size/],
    [{ 'Anything else we should know?': 'x'.repeat(50001) }, /answer cut to fit a cell/],
  ])('flags %j for review', (over, reason) => {
    const p = parseRequest('client', client(over), lists);
    expect(p.reasons.join('; ')).toMatch(reason);
  });

  it('never acknowledges an invalid or multiple address', () => {
    expect(parseRequest('client', client({ 'Your email': 'a@b.org;c@d.org' }), lists).replyTo).toBeUndefined();
    expect(parseRequest('client', client({ 'Your email': 'nope' }), lists).replyTo).toBeUndefined();
  });

  it('keeps emoji, right-to-left and Cyrillic text exactly', () => {
    const text = 'Привет 👋 שלום مرحبا';
    const p = parseRequest('client', client({ 'Anything else we should know?': text, 'Topics and skills wanted': '' }), lists);
    expect(p.row.details).toBe(text);
    expect(p.reasons).toEqual([]);
  });

  it('reports questions the response does not hold', () => {
    const named = client();
    delete named.Budget;
    expect(parseRequest('client', named, lists).reasons).toContain('questions not in the response: Budget');
  });

  it('records trainer-initiated pay and outreach terms', () => {
    const p = parseRequest(
      'trainer-initiated',
      {
        'Trainer name': ['Bo'],
        'Trainer email': ['bo@example.org'],
        'Training title': ['Intro'],
        'Language of the training': ['English'],
        'Fee per participant and currency': ['40 USD'],
        'Share paid to SoFA (%)': ['10'],
        'Who promotes the training?': ['both'],
        'Would you like a mentor?': ['yes'],
      },
      lists,
    );
    // The fee is in Budget only, the training's title in its own column (not Organisation).
    expect(p.row).toMatchObject({ terms: 'share to SoFA: 10%; outreach: both; mentor wanted: yes', budget: '40 USD', title: 'Intro' });
    expect(p.row.organisation).toBeUndefined();
  });
});

describe('parseProfile', () => {
  it('reads languages as codes and the directory opt-in', () => {
    const p = parseProfile(
      {
        Name: ['Ivan'],
        Email: ['IVAN@example.org'],
        Roles: ['certified trainer, mentor'],
        'Languages you train in': ['Русский (Russian), English'],
        Availability: ['active'],
        'List me in the public facilitator directory': ['yes'],
        'Gigs per month you can take': ['3'],
      },
      lists,
    );
    expect(p.row).toMatchObject({
      email: 'ivan@example.org',
      roles: ['certified trainer', 'mentor'],
      languages: ['ru', 'en'],
      listed: true,
      capacity: 3,
      status: 'active',
    });
    expect(p.language).toBe('ru');
  });
});

describe('time zones', () => {
  it.each([
    ['UTC+2', 'UTC+02:00'],
    ['gmt -5:30', 'UTC-05:30'],
    ['Europe/Lisbon', 'Europe/Lisbon'],
    ['utc', 'UTC'],
  ])('%s → %s', (a, b) => expect(normaliseTimeZone(a)).toBe(b));
});
