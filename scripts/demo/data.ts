/**
 * A deterministic, fictional demo world: trainers across languages and requests of every
 * origin, including bad input. Used by `npm start` and the benchmark. All people and
 * addresses are invented (example.org / example.net).
 */
import type { Answers } from '@training-help-desk/gas-emulator/drivers/forms';
import circles from '../../src/defaults/circles.json';

/** Circles that ask the Training Circle for support: every circle Set up seeds except the Training Circle itself. */
export const REQUESTING_CIRCLES = circles.map((c) => c.name).filter((n) => n !== 'Training Circle');

/** Small seeded PRNG (mulberry32): the same demo every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FORM_TITLES = {
  client: 'Request a sociocracy training',
  'find-a-facilitator': 'Find a facilitator',
  circle: 'Circle training support request',
  'trainer-initiated': 'Register a trainer-initiated training',
  'sofa-standard': 'Schedule a SoFA standard training',
  profile: 'Trainer profile',
  offer: 'Answer a training offer',
} as const;

const PEOPLE: Record<string, { label: string; country: string; tz: string; names: string[] }> = {
  en: {
    label: 'English',
    country: 'United Kingdom',
    tz: 'Europe/London',
    names: ['Alice Walker', 'Ben Carter', 'Chloe Evans', 'Daniel Hughes', 'Emma Lewis', 'Finn Morgan', 'Grace Turner', 'Henry Wood', 'Isla Reid'],
  },
  es: {
    label: 'Español (Spanish)',
    country: 'Spain',
    tz: 'Europe/Madrid',
    names: ['Lucía Fernández', 'Mateo García', 'Sofía Martínez', 'Javier López', 'Valentina Ruiz', 'Diego Torres', 'Camila Romero'],
  },
  pt: {
    label: 'Português (Portuguese)',
    country: 'Brazil',
    tz: 'America/Sao_Paulo',
    names: ['João Silva', 'Ana Souza', 'Pedro Oliveira', 'Mariana Costa', 'Tiago Pereira', 'Beatriz Almeida', 'Lucas Rocha'],
  },
  ru: {
    label: 'Русский (Russian)',
    country: 'Estonia',
    tz: 'Europe/Tallinn',
    names: ['Ольга Иванова', 'Дмитрий Смирнов', 'Анна Кузнецова', 'Сергей Попов', 'Мария Соколова', 'Алексей Лебедев'],
  },
  fr: {
    label: 'Français (French)',
    country: 'France',
    tz: 'Europe/Paris',
    names: ['Camille Dubois', 'Louis Martin', 'Léa Bernard', 'Hugo Petit', 'Chloé Moreau'],
  },
  de: {
    label: 'Deutsch (German)',
    country: 'Germany',
    tz: 'Europe/Berlin',
    names: ['Lena Schmidt', 'Jonas Müller', 'Mia Schneider', 'Paul Fischer', 'Hannah Weber'],
  },
  nl: { label: 'Nederlands (Dutch)', country: 'Netherlands', tz: 'Europe/Amsterdam', names: ['Sanne de Vries', 'Daan Jansen', 'Eva Bakker'] },
};

const SKILLS = [
  'Sociocracy basics',
  'Consent decision-making',
  'Circle structure & domains',
  'Roles & role descriptions',
  'Selection (elections by consent)',
  'Proposal forming',
  'Policies & aims',
  'Feedback & performance reviews',
  'Meeting facilitation',
  'Objections & conflict',
  'Organisational transition to sociocracy',
  'Sociocracy in communities & ecovillages',
  'Moderation & conflict facilitation',
  'Governance management',
  'Training development & delivery',
  'Selling, influencing & evangelizing',
];

const ORGS = [
  'Casa Verde Cooperative',
  'Riverside Housing Co-op',
  'Open Source Guild',
  'Green School Network',
  'Ecovila Semente',
  'Kollektiv Nord',
  'Community Land Trust',
  'Youth Climate Circle',
];

function slug(name: string, i: number): string {
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return s || `trainer${String(i).padStart(2, '0')}`;
}

function pick<T>(r: () => number, xs: T[], n: number): T[] {
  const copy = xs.slice();
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(r() * copy.length), 1)[0]);
  return out;
}

export interface DemoTrainer {
  email: string;
  answers: Answers;
}

/** At least 40 trainer profiles over 7 languages, some paused, most listed in the directory. */
export function demoTrainers(seed = 7): DemoTrainer[] {
  const r = rng(seed);
  const out: DemoTrainer[] = [];
  let i = 0;
  for (const [code, p] of Object.entries(PEOPLE)) {
    for (const name of p.names) {
      i++;
      const email = `${slug(name, i)}@example.${i % 3 === 0 ? 'net' : 'org'}`;
      const langs = [p.label, ...(code !== 'en' && r() < 0.6 ? ['English'] : []), ...(r() < 0.15 ? [PEOPLE.es.label] : [])];
      const roles = [
        r() < 0.6 ? 'certified trainer' : 'trainer in certification',
        ...(r() < 0.4 ? ['facilitator'] : []),
        ...(r() < 0.25 ? ['mentor'] : []),
        ...(r() < 0.2 ? ['certified consultant'] : []),
      ];
      out.push({
        email,
        answers: {
          Name: name,
          Email: email,
          Roles: roles,
          'Languages you train in': [...new Set(langs)],
          'Skills and topics': pick(r, SKILLS, 2 + Math.floor(r() * 4)),
          Country: p.country,
          'Region or city': '',
          'Time zone': p.tz,
          Formats: r() < 0.7 ? ['online', 'in person'] : ['online'],
          'Gigs per month you can take': String(1 + Math.floor(r() * 4)),
          Availability: r() < 0.88 ? 'active' : 'paused',
          'List me in the public facilitator directory': r() < 0.75 ? 'yes' : 'no',
          'Short bio (public if listed)': `${name.split(' ')[0]} has facilitated sociocratic groups since ${2012 + Math.floor(r() * 12)}.`,
          'Usual rate (private)': `${40 + Math.floor(r() * 80)} EUR/hour`,
        },
      });
    }
  }
  return out;
}

export interface DemoSubmission {
  form: string;
  answers: Answers;
  /** What the demo shows with this one. */
  note: string;
  blankDuplicate?: boolean;
  redeliver?: boolean;
  editWith?: Answers;
}

const REQUESTERS = [
  'Maya Cohen',
  'Kofi Mensah',
  'Aiko Tanaka',
  'Laura Rossi',
  'Nils Berg',
  'Fatima Zahra',
  'Ivan Petrov',
  'Zoë Jansen',
  'Carlos Mendes',
  'Priya Nair',
];

/** At least 20 submissions of every origin, good and bad, with duplicates and edits. */
export function demoSubmissions(seed = 11, perOrigin = 20): DemoSubmission[] {
  const r = rng(seed);
  const langs = Object.values(PEOPLE).map((p) => p.label);
  const out: DemoSubmission[] = [];
  const person = (i: number) => {
    const name = REQUESTERS[i % REQUESTERS.length];
    return { name, email: `${slug(name, i)}.${i}@example.org` };
  };
  for (let i = 0; i < perOrigin; i++) {
    const p = person(i);
    const lang = langs[Math.floor(r() * langs.length)];
    const topics = pick(r, SKILLS, 1 + Math.floor(r() * 3));
    const common = {
      'Topics and skills wanted': topics,
      Format: r() < 0.7 ? 'online' : 'in person',
      'Your time zone': pick(r, ['Europe/Berlin', 'America/New_York', 'UTC+2', 'Asia/Kolkata', 'America/Sao_Paulo'], 1)[0],
      'Preferred dates or period': pick(r, ['January', 'next spring', 'weekends in May', 'as soon as possible'], 1)[0],
      'Group size': String(5 + Math.floor(r() * 40)),
    };
    out.push({
      form: FORM_TITLES.client,
      note: 'client request',
      answers: {
        'Your name': p.name,
        'Your email': p.email,
        Organisation: ORGS[i % ORGS.length],
        'Language of the training': lang,
        ...common,
        Budget: `${300 + Math.floor(r() * 20) * 50} EUR`,
        'Anything else we should know?': 'We are new to sociocracy.',
      },
    });
    out.push({
      form: FORM_TITLES['find-a-facilitator'],
      note: 'facilitator request',
      answers: {
        'Your name': p.name,
        'Your email': `f.${p.email}`,
        Organisation: ORGS[(i + 3) % ORGS.length],
        'Language of the meeting': lang,
        'What should the facilitator help with?': topics,
        Format: 'online',
        'Group size': String(8 + (i % 20)),
        'Facilitator you would like (if any)': i % 4 === 0 ? 'Sofía Martínez' : '',
      },
    });
    out.push({
      form: FORM_TITLES.circle,
      note: 'circle request',
      answers: {
        'Your name': p.name,
        'Your email': `c.${p.email}`,
        'Your circle': REQUESTING_CIRCLES[i % REQUESTING_CIRCLES.length],
        'Language of the training': lang,
        'Kind of support': topics,
        'Group size': String(4 + (i % 8)),
      },
    });
    out.push({
      form: FORM_TITLES['trainer-initiated'],
      note: 'trainer-initiated training',
      answers: {
        'Trainer name': p.name,
        'Trainer email': `t.${p.email}`,
        'Training title': `Sociocracy in practice #${i + 1}`,
        'Language of the training': lang,
        Topics: topics,
        'Fee per participant and currency': `${20 + i} USD`,
        'Share paid to SoFA (%)': '10',
        'Who promotes the training?': pick(r, ['the trainer', 'SoFA', 'both'], 1)[0],
        'Would you like a mentor?': i % 2 ? 'yes' : 'no',
      },
    });
    out.push({
      form: FORM_TITLES['sofa-standard'],
      note: 'SoFA standard training',
      answers: {
        Training: pick(r, ['Sociocracy Basics', 'Facilitation Training', 'Governance Design'], 1)[0],
        'Requested by': 'Learner Admin',
        'Your email': 'learner.admin@example.org',
        'Language of the training': lang,
        Topics: topics,
        Dates: `${['Feb', 'Mar', 'Apr', 'May'][i % 4]} ${2027}`,
        'Group size': '20',
      },
    });
  }
  const base = out[0].answers;
  const bad: DemoSubmission[] = [
    { form: FORM_TITLES.client, note: 'bad: invalid email', answers: { ...base, 'Your email': 'maya at example dot org' } },
    { form: FORM_TITLES.client, note: 'bad: two emails', answers: { ...base, 'Your email': 'a@example.org; b@example.org' } },
    { form: FORM_TITLES.client, note: 'bad: no email', answers: { ...base, 'Your email': '' } },
    {
      form: FORM_TITLES.client,
      note: 'bad: unknown language',
      answers: { ...base, 'Your email': 'klingon@example.org', 'Language of the training': 'Klingon' },
    },
    {
      form: FORM_TITLES.client,
      note: 'bad: formula text',
      answers: {
        ...base,
        'Your email': 'formula@example.org',
        'Your name': '=HYPERLINK("http://evil.example","Click me")',
        Organisation: '+1 555 0100',
        'Anything else we should know?': '@SUM(A1:A9)',
      },
    },
    {
      form: FORM_TITLES.client,
      note: 'bad: 60,000 characters',
      answers: { ...base, 'Your email': 'long@example.org', 'Anything else we should know?': 'Очень длинный текст. '.repeat(3000) },
    },
    {
      form: FORM_TITLES.client,
      note: 'emoji, right-to-left and Cyrillic',
      answers: { ...base, 'Your email': 'olga@example.org', 'Your name': 'Ольга 🌱', 'Anything else we should know?': 'שלום — مرحبا — Привет 👋' },
    },
    { form: FORM_TITLES.client, note: 'duplicate: blank second event', answers: { ...base, 'Your email': 'blank.twice@example.org' }, blankDuplicate: true },
    { form: FORM_TITLES.client, note: 'duplicate: delivered twice', answers: { ...base, 'Your email': 'twice@example.org' }, redeliver: true },
    {
      form: FORM_TITLES.client,
      note: 'edited response',
      answers: { ...base, 'Your email': 'edit@example.org' },
      editWith: { ...base, 'Your email': 'edit@example.org', 'Group size': '60' },
    },
  ];
  return [...out, ...bad];
}
