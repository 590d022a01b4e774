/** Shared set-up for scenario tests: a registry that has been opened and set up, through dist/Code.js. */
import { Driver } from '../../emulator/driver';
import type { Answers } from '../../emulator/drivers/forms';

export const FORMS = {
  client: 'Request a sociocracy training',
  facilitator: 'Find a facilitator',
  circle: 'Circle training support request',
  trainerInitiated: 'Register a trainer-initiated training',
  standard: 'Schedule a SoFA standard training',
  profile: 'Trainer profile',
} as const;

export function setUpWorld(): Driver {
  const d = new Driver();
  d.open();
  Driver.check(d.clickMenu('Set up registry'), 'Set up registry');
  d.resetCalls();
  return d;
}

export function clientAnswers(over: Partial<Record<string, string | string[]>> = {}): Answers {
  const base: Answers = {
    'Your name': 'Ana Lima',
    'Your email': 'ana.lima@example.org',
    Organisation: 'Casa Verde',
    'Language of the training': 'Português (Portuguese)',
    'Topics and skills wanted': ['Consent decision-making', 'Meeting facilitation'],
    Format: 'online',
    'Your time zone': 'America/Sao_Paulo',
    'Preferred dates or period': 'March 2027',
    'Group size': '12',
    Budget: '500 EUR',
    'Anything else we should know?': 'We are a housing cooperative.',
  };
  const out: Answers = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

export function profileAnswers(name: string, email: string, over: Partial<Answers> = {}): Answers {
  return {
    Name: name,
    Email: email,
    Roles: ['certified trainer'],
    'Languages you train in': ['English', 'Español (Spanish)'],
    'Skills and topics': ['Consent decision-making', 'Meeting facilitation'],
    Country: 'Spain',
    'Time zone': 'Europe/Madrid',
    'Gigs per month you can take': '2',
    Availability: 'active',
    'List me in the public facilitator directory': 'yes',
    'Short bio (public if listed)': 'Trainer since 2019.',
    ...(over as Answers),
  };
}

export function requestRows(d: Driver) {
  return d.records('Requests');
}

export function logRows(d: Driver) {
  return d.records('Log').map((r) => ({ action: String(r.Action), subject: String(r.Subject), details: String(r.Details) }));
}
