/** Shared set-up for scenario tests: a registry that has been opened and set up, through dist/Code.js. */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { Answers } from '@training-help-desk/gas-emulator/drivers/forms';

export const FORMS = {
  client: 'Request a sociocracy training',
  facilitator: 'Find a facilitator',
  circle: 'Circle training support request',
  trainerInitiated: 'Register a trainer-initiated training',
  standard: 'Schedule a SoFA standard training',
  profile: 'Trainer profile',
  offer: 'Answer a training offer',
  feedback: 'Training feedback',
} as const;

/** Lets the background finish: follows the job runner's continuation trigger (a minute each) until no job is left. */
export function finishBackgroundJobs(d: Driver, maxMinutes = 120): void {
  for (let i = 0; i < maxMinutes && d.store.triggers.some((t) => t.handler === 'continueJobs'); i++) d.advanceClock(60_000);
  if (d.store.triggers.some((t) => t.handler === 'continueJobs')) throw new Error(`background jobs still running after ${maxMinutes} minutes`);
}

/** Set up registry clicked, and what it continues in the background (the rest of the forms, the triggers) finished. */
export function setUp(d: Driver): void {
  Driver.check(d.clickMenu('Set up registry'), 'Set up registry');
  finishBackgroundJobs(d);
}

export function setUpWorld(): Driver {
  const d = new Driver();
  d.open();
  setUp(d);
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

/** The help desk types a row into a registry sheet by hand (values by header). */
export function typeRow(d: Driver, sheetName: string, values: Record<string, string | number | boolean | Date>): void {
  const sheet = d.sheet(sheetName);
  const headers = (sheet.rows[0] ?? []).map((c) => String(c?.v ?? ''));
  let r = sheet.rows.length;
  while (r > 1 && !(sheet.rows[r - 1] ?? []).some((c) => c && c.v !== '')) r--;
  sheet.rows[r] = headers.map((h) => {
    const v = values[h];
    if (v === undefined) return undefined;
    return { v: v instanceof Date ? { date: v.getTime() } : v };
  });
}

/** Sets cells of an existing row found by its Id (what the help desk edits by hand). */
export function editRow(d: Driver, sheetName: string, id: string, values: Record<string, string | number | boolean>): void {
  const sheet = d.sheet(sheetName);
  const headers = (sheet.rows[0] ?? []).map((c) => String(c?.v ?? ''));
  const row = sheet.rows.find((r) => r?.[headers.indexOf('Id')]?.v === id);
  if (!row) throw new Error(`no ${sheetName} row ${id}`);
  for (const [h, v] of Object.entries(values)) row[headers.indexOf(h)] = { v };
}

/** Links in an email body, by the word before them ("Accept: https://…"). */
export function linkAfter(body: string, label: string): string {
  const m = new RegExp(`${label}:\\s*(https://\\S+)`).exec(body);
  if (!m) throw new Error(`no "${label}:" link in: ${body.slice(0, 300)}`);
  return m[1];
}

/** A registry with four trainers and one Portuguese client request (R-00001). */
export function matchingWorld(): Driver {
  const d = setUpWorld();
  const pt = ['Português (Portuguese)', 'English'];
  d.submitForm(
    FORMS.profile,
    profileAnswers('João Silva', 'joao@example.org', {
      'Languages you train in': pt,
      'Time zone': 'America/Sao_Paulo',
      'Skills and topics': ['Consent decision-making', 'Meeting facilitation'],
      Roles: ['trainer in certification', 'facilitator'],
    }),
  );
  d.submitForm(
    FORMS.profile,
    profileAnswers('Ana Souza', 'ana@example.org', {
      'Languages you train in': pt,
      'Time zone': 'Europe/Lisbon',
      'Skills and topics': ['Consent decision-making'],
      Roles: ['trainer in certification'],
    }),
  );
  d.submitForm(FORMS.profile, profileAnswers('Pedro Costa', 'pedro@example.org', { 'Languages you train in': pt, Roles: ['certified trainer'] }));
  d.submitForm(
    FORMS.profile,
    profileAnswers('Olga Ivanova', 'olga@example.org', { 'Languages you train in': ['Русский (Russian)'], Roles: ['trainer in certification'] }),
  );
  approveClaimedRoles(d);
  d.submitForm(FORMS.client, clientAnswers());
  d.store.mail.outbox = [];
  return d;
}

/** The help desk approves every waiting role claim: one edit per trainer, adding them to Roles. */
export function approveClaimedRoles(d: Driver): void {
  const sheet = d.sheet('Trainers');
  const headers = (sheet.rows[0] ?? []).map((c) => String(c?.v ?? ''));
  const roles = headers.indexOf('Roles');
  const claimed = headers.indexOf('Roles claimed');
  for (const row of sheet.rows.slice(1)) {
    const waiting = String(row?.[claimed]?.v ?? '');
    if (!row || !waiting) continue;
    row[roles] = { v: [String(row[roles]?.v ?? ''), waiting].filter(Boolean).join('; ') };
  }
}

/**
 * The help desk types a value into the Settings sheet (a person's edit: no execution). A key the
 * sheet lacks gets its own row. Returns the sheet row number (1-based).
 */
export function setSetting(d: Driver, key: string, value: string): number {
  const sheet = d.sheet('Settings');
  const headers = (sheet.rows[0] ?? []).map((c) => String(c?.v ?? ''));
  const k = headers.indexOf('Key');
  const v = headers.indexOf('Value');
  let r = sheet.rows.findIndex((row, i) => i > 0 && row?.[k]?.v === key);
  if (r < 1) {
    r = sheet.rows.length;
    sheet.rows[r] = headers.map((h) => ({ v: h === 'Key' ? key : '' }));
  }
  sheet.rows[r]![v] = { v: value };
  return r + 1;
}

/** The matching world with the help desk's notices sent one by one (the default is a daily summary, see inbox.test.ts). */
export function immediateNoticesWorld(): Driver {
  const d = matchingWorld();
  setSetting(d, 'helpdesk.notify', 'immediate');
  return d;
}
