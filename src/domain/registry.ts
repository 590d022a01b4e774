/**
 * The registry's sheets as data: one declaration per sheet (their look — widths, colours,
 * header notes — is in src/defaults/sheets.json, applied by Set up). Each column is declared
 * once, as a zod type with its header and kind riding along; from that one declaration come
 * the row type (`RequestRow` = z.infer of the sheet's schema), the header row and its order,
 * the dropdowns, the protected (script-managed) columns, the private ones, what Check registry
 * validates and the parse at the sheet boundary (domain/rows.ts). Columns are always found by
 * header — nothing else in the code knows a column position.
 */
import * as z from 'zod/mini';

export type ColumnKind =
  /** Free text (always written as literal text: never a formula, number or date). */
  | 'text'
  | 'email'
  | 'number'
  | 'date'
  /** A checkbox (TRUE/FALSE). */
  | 'bool'
  /** Several values, written "a; b; c" (a value may hold commas, never ";": see joinList). */
  | 'list'
  /** One value from a fixed or registry-driven list. */
  | 'choice'
  /** A URL (to a form response, a document…). */
  | 'link';

/** Where a dropdown takes its values from: a fixed list, or a registry list refreshed by Set up. */
export type ChoiceSource = readonly string[] | 'languages' | 'skills' | 'circles';

interface ColumnOptions {
  /** Values for 'choice' and 'list' columns (dropdown validation). */
  choices?: ChoiceSource;
  required?: boolean;
  /** Written by the script only: protected (warning) so hand edits are deliberate. Otherwise the help desk's. */
  managed?: boolean;
  /** Never shown outside the registry (circle view, directory, logs). */
  private?: boolean;
  /** A value other sheets list in multi-value cells (a skill, a circle): it may not hold ";". */
  listValue?: boolean;
}

/** One column: its zod type (what a cell holds once read) and what the help desk sees. */
export interface Column<T extends z.ZodMiniType<RowValue> = z.ZodMiniType<RowValue>> extends ColumnOptions {
  /** The header the help desk sees. */
  header: string;
  kind: ColumnKind;
  type: T;
}

export interface ColumnSpec extends Column {
  /** The row property ("reviewReason"). */
  key: string;
}

/** The value a typed row may hold in any column. */
export type RowValue = string | number | boolean | Date | string[] | undefined;
export type AnyRow = Record<string, RowValue>;

export interface SheetSpec<R extends AnyRow = AnyRow> {
  name: string;
  /** In header order. */
  columns: ColumnSpec[];
  frozenRows: number;
  /** Every column optional: "" in a cell is an absent value; `required` is Check registry's rule. */
  schema: z.ZodMiniType<R>;
}

/** A sheet's row type: `RowOf<typeof REQUESTS>`. */
export type RowOf<S> = S extends SheetSpec<infer R> ? R : never;

type Shape = Record<string, Column>;
type RowOfShape<S extends Shape> = { -readonly [K in keyof S]?: S[K] extends Column<infer T> ? z.infer<T> : never };

/** Declares a sheet from its columns in header order. */
function sheet<const S extends Shape>(name: string, shape: S): SheetSpec<RowOfShape<S>> {
  const columns = Object.keys(shape).map((key) => ({ key, ...shape[key] }));
  const schema = z.object(Object.fromEntries(columns.map((c) => [c.key, z.optional(c.type)])));
  return { name, frozenRows: 1, columns, schema: schema as unknown as z.ZodMiniType<RowOfShape<S>> };
}

const text = (header: string, o: ColumnOptions = {}): Column<z.ZodMiniString> => ({ header, kind: 'text', type: z.string(), ...o });
const email = (header: string, o: ColumnOptions = {}): Column<z.ZodMiniString> => ({ header, kind: 'email', type: z.string(), ...o });
const link = (header: string, o: ColumnOptions = {}): Column<z.ZodMiniString> => ({ header, kind: 'link', type: z.string(), ...o });
const num = (header: string, o: ColumnOptions = {}): Column<z.ZodMiniNumber> => ({ header, kind: 'number', type: z.number(), ...o });
const date = (header: string, o: ColumnOptions = {}): Column<z.ZodMiniDate> => ({ header, kind: 'date', type: z.date(), ...o });
const bool = (header: string, o: ColumnOptions = {}): Column<z.ZodMiniBoolean> => ({ header, kind: 'bool', type: z.boolean(), ...o });
const list = (header: string, choices?: ChoiceSource, o: ColumnOptions = {}): Column<z.ZodMiniArray<z.ZodMiniString>> => ({
  header,
  kind: 'list',
  type: z.array(z.string()),
  choices,
  ...o,
});
/** One of a fixed list: the row holds the union type (`RequestStatus`); anything else is Check registry's problem. */
const choice = <const C extends readonly [string, ...string[]]>(header: string, choices: C, o: ColumnOptions = {}) => ({
  header,
  kind: 'choice' as const,
  type: z.enum(choices),
  choices,
  ...o,
});
/** One of a registry list (a language code): a string, checked against the list by Check registry. */
const oneOf = (header: string, choices: 'languages', o: ColumnOptions = {}): Column<z.ZodMiniString> => ({
  header,
  kind: 'choice',
  type: z.string(),
  choices,
  ...o,
});

export const ROLES = ['certified trainer', 'trainer in certification', 'certified consultant', 'facilitator', 'mentor'] as const;
export const TRAINER_STATUSES = ['active', 'paused', 'left'] as const;
export const ORIGINS = ['client', 'find-a-facilitator', 'circle', 'trainer-initiated', 'sofa-standard'] as const;
export const REQUEST_STATUSES = ['new', 'needs review', 'proposed', 'offered', 'connected', 'scheduled', 'done', 'declined', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const FORMATS = ['online', 'in person', 'hybrid'] as const;
export const OFFER_ANSWERS = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
/** held: a help-desk notice waiting for the summary email; in summary: listed in one (see app/summary.ts). */
export const OUTBOX_STATUSES = ['queued', 'sent', 'failed', 'held', 'in summary'] as const;
export const AGREEMENT_KINDS = ['exchange', 'domain: SoFA–trainer', 'domain: circle–circle'] as const;
export const AGREEMENT_STATUSES = ['draft', 'approved', 'generated', 'sent', 'signed', 'expired', 'cancelled'] as const;
export const CIRCLE_KINDS = ['language', 'sector', 'service', 'general', 'training', 'other'] as const;

export type Origin = (typeof ORIGINS)[number];

const managed = { managed: true };
const secret = { private: true };
const managedSecret = { managed: true, private: true };
const required = { required: true };

export const TRAINERS = sheet('Trainers', {
  id: text('Id', managed),
  name: text('Name', required),
  email: email('Email', { required: true, private: true }),
  roles: list('Roles', ROLES),
  languages: list('Languages', 'languages'),
  skills: list('Skills', 'skills'),
  country: text('Country'),
  region: text('Region'),
  timeZone: text('Time zone'),
  formats: list('Formats', FORMATS),
  organisation: text('Organisation'),
  circles: list('Circles', 'circles'),
  capacity: num('Capacity per month'),
  status: choice('Status', TRAINER_STATUSES, required),
  reviewReason: text('Review reason'),
  listed: bool('Listed in directory'),
  // "signed until 2027-03-01", "expiring …", "expired", "missing", "not needed" (domain/exchange.ts).
  exchangeAgreement: text('Exchange agreement', managed),
  feedback: num('Feedback'),
  exclusions: list('Do not offer for'),
  rate: text('Rate', secret),
  bio: text('Bio'),
  notes: text('Notes', secret),
  updated: date('Updated', managed),
  profileResponse: link('Profile response', managedSecret),
  rolesClaimed: list('Roles claimed', ROLES),
  pendingChange: text('Pending change', managedSecret),
  profileCode: text('Profile code', managedSecret),
  feedbackCount: num('Feedback count', managed),
});

export const REQUESTS = sheet('Requests', {
  id: text('Id', managed),
  received: date('Received', managed),
  // Set when the respondent edits their response; Received keeps when the request first came in.
  edited: date('Edited', managed),
  origin: choice('Origin', ORIGINS, managed),
  status: choice('Status', REQUEST_STATUSES, required),
  reviewReason: text('Review reason'),
  requester: text('Requester', secret),
  email: email('Email', secret),
  organisation: text('Organisation or circle'),
  title: text('Training title'),
  language: oneOf('Language', 'languages'),
  skills: list('Skills wanted', 'skills'),
  format: choice('Format', FORMATS),
  location: text('Location'),
  timeZone: text('Time zone'),
  dates: text('Dates'),
  groupSize: num('Group size'),
  budget: text('Budget', secret),
  details: text('Details', secret),
  terms: text('Terms', secret),
  mentor: choice('Mentor wanted', ['yes', 'no']),
  preferredTrainer: text('Preferred trainer'),
  trainersNeeded: num('Trainers needed'),
  exclude: list('Exclude trainers'),
  proposed: text('Proposed', managed),
  assigned: text('Assigned'),
  acknowledged: date('Acknowledged', managed),
  response: link('Response', managedSecret),
  responseKey: text('Response key', managedSecret),
});

export const OFFERS = sheet('Offers', {
  id: text('Id', managed),
  request: text('Request', managed),
  trainer: text('Trainer', managed),
  score: num('Score', managed),
  reasons: text('Reasons', managed),
  why: text('Why you', managed),
  offeredAt: date('Offered at', managed),
  answer: choice('Answer', OFFER_ANSWERS, managed),
  answeredAt: date('Answered at', managed),
  remindedAt: date('Reminded at', managed),
  token: text('Token', managedSecret),
  message: text('Message', managedSecret),
  settled: choice('Settled', OFFER_ANSWERS, managed),
  feedbackCode: text('Feedback code', managedSecret),
  feedbackAsked: date('Feedback asked', managed),
  rating: num('Rating', managedSecret),
  feedbackComment: text('Feedback comment', managedSecret),
  feedbackAt: date('Feedback at', managed),
});

export const AGREEMENTS = sheet('Agreements', {
  id: text('Id', managed),
  kind: choice('Kind', AGREEMENT_KINDS, required),
  partyA: text('Party A', required),
  partyB: text('Party B', required),
  partyEmail: email('Party email', secret),
  subject: text('Subject'),
  terms: text('Terms', secret),
  status: choice('Status', AGREEMENT_STATUSES, required),
  approvedBy: text('Approved by'),
  approvedAt: date('Approved at'),
  document: link('Document', managed),
  pdf: link('PDF', managed),
  signedAt: date('Signed at'),
  signedBy: text('Signed by'),
  validUntil: date('Valid until'),
});

export const CIRCLES = sheet('Circles', {
  name: text('Name', { required: true, listValue: true }),
  kind: choice('Kind', CIRCLE_KINDS),
  email: email('Contact email', secret),
  languages: list('Languages', 'languages'),
  notes: text('Notes'),
});

export const SKILLS = sheet('Skills', {
  area: text('Area', required),
  skill: text('Skill', { required: true, listValue: true }),
  active: bool('Active'),
});

export const RESOURCES = sheet('Resources', {
  title: text('Title', required),
  link: link('Link'),
  owner: email('Owner'),
  reviewEveryDays: num('Review every (days)'),
  lastReviewed: date('Last reviewed'),
});

export const SETTINGS = sheet('Settings', { key: text('Key', required), value: text('Value'), description: text('Description') });

export const TEMPLATES = sheet('Templates', {
  key: text('Key', required),
  language: oneOf('Language', 'languages', required),
  subject: text('Subject'),
  body: text('Body', required),
});

export const LOG = sheet('Log', {
  time: date('Time', managed),
  user: text('User', managed),
  action: text('Action', managed),
  subject: text('Subject', managed),
  details: text('Details', managed),
});

export const OUTBOX = sheet('Outbox', {
  key: text('Key', managed),
  queuedAt: date('Queued at', managed),
  status: choice('Status', OUTBOX_STATUSES, managed),
  to: text('To', managedSecret),
  subject: text('Subject', managed),
  body: text('Body', managedSecret),
  htmlBody: text('HTML body', managedSecret),
  sentAt: date('Sent at', managed),
  error: text('Error', managed),
  attempts: num('Attempts', managed),
  nextTry: date('Next try', managed),
});

export type TrainerRow = RowOf<typeof TRAINERS>;
export type RequestRow = RowOf<typeof REQUESTS>;
export type OfferRow = RowOf<typeof OFFERS>;
export type AgreementRow = RowOf<typeof AGREEMENTS>;
export type CircleRow = RowOf<typeof CIRCLES>;
export type SettingRow = RowOf<typeof SETTINGS>;
export type OutboxRow = RowOf<typeof OUTBOX>;

/** The registry in the order its sheets appear. */
export const REGISTRY: SheetSpec[] = [REQUESTS, TRAINERS, OFFERS, AGREEMENTS, CIRCLES, SKILLS, RESOURCES, SETTINGS, TEMPLATES, OUTBOX, LOG];

/** Headers the sheet lacks, in spec order (what Set up will add at the end of the header row). */
export function missingHeaders(spec: SheetSpec, existing: string[]): string[] {
  const have = new Set(existing.map((h) => h.trim().toLowerCase()));
  return spec.columns.map((col) => col.header).filter((h) => !have.has(h.toLowerCase()));
}

export function column(spec: SheetSpec, key: string): ColumnSpec {
  const col = spec.columns.find((x) => x.key === key);
  if (!col) throw new Error(`${spec.name} has no column "${key}"`);
  return col;
}
