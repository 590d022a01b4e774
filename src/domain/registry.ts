/**
 * The registry's sheets as data: names, columns, types and dropdowns (their look — widths,
 * colours, header notes — is in src/defaults/sheets.json, applied by Set up). Set up creates or
 * repairs the spreadsheet from this description, row schemas are derived from it, and
 * columns are always found by header — nothing else in the code knows a column position.
 */

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

export interface ColumnSpec {
  key: string;
  /** The header the help desk sees. */
  header: string;
  kind: ColumnKind;
  /** Values for 'choice' and 'list' columns (dropdown validation). */
  choices?: ChoiceSource;
  required?: boolean;
  /** Written by the script only: protected (warning) so hand edits are deliberate. */
  managed?: boolean;
  /** Never shown outside the registry (circle view, directory, logs). */
  private?: boolean;
  /** A value other sheets list in multi-value cells (a skill, a circle): it may not hold ";". */
  listValue?: boolean;
}

export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  frozenRows: number;
}

export const ROLES = ['certified trainer', 'trainer in certification', 'certified consultant', 'facilitator', 'mentor'] as const;
export const TRAINER_STATUSES = ['active', 'paused', 'left'] as const;
export const ORIGINS = ['client', 'find-a-facilitator', 'circle', 'trainer-initiated', 'sofa-standard'] as const;
export const REQUEST_STATUSES = ['new', 'needs review', 'proposed', 'offered', 'connected', 'scheduled', 'done', 'declined', 'cancelled'] as const;
export const FORMATS = ['online', 'in person', 'hybrid'] as const;
export const OFFER_ANSWERS = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
/** held: a help-desk notice waiting for the summary email; in summary: listed in one (see app/summary.ts). */
export const OUTBOX_STATUSES = ['queued', 'sent', 'failed', 'held', 'in summary'] as const;
export const AGREEMENT_KINDS = ['exchange', 'domain: SoFA–trainer', 'domain: circle–circle'] as const;
export const AGREEMENT_STATUSES = ['draft', 'approved', 'generated', 'sent', 'signed', 'expired', 'cancelled'] as const;
export const CIRCLE_KINDS = ['language', 'sector', 'service', 'general', 'training', 'other'] as const;

export type Origin = (typeof ORIGINS)[number];

const c = (key: string, header: string, kind: ColumnKind, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ key, header, kind, ...extra });

export const TRAINERS: SheetSpec = {
  name: 'Trainers',
  frozenRows: 1,
  columns: [
    c('id', 'Id', 'text', { managed: true }),
    c('name', 'Name', 'text', { required: true }),
    c('email', 'Email', 'email', { required: true, private: true }),
    c('roles', 'Roles', 'list', { choices: ROLES }),
    c('languages', 'Languages', 'list', { choices: 'languages' }),
    c('skills', 'Skills', 'list', { choices: 'skills' }),
    c('country', 'Country', 'text'),
    c('region', 'Region', 'text'),
    c('timeZone', 'Time zone', 'text', { }),
    c('formats', 'Formats', 'list', { choices: FORMATS }),
    c('organisation', 'Organisation', 'text', { }),
    c('circles', 'Circles', 'list', { choices: 'circles' }),
    c('capacity', 'Capacity per month', 'number'),
    c('status', 'Status', 'choice', { choices: TRAINER_STATUSES, required: true }),
    c('reviewReason', 'Review reason', 'text', { }),
    c('listed', 'Listed in directory', 'bool'),
    // "signed until 2027-03-01", "expiring …", "expired", "missing", "not needed" (domain/exchange.ts).
    c('exchangeAgreement', 'Exchange agreement', 'text', { managed: true }),
    c('feedback', 'Feedback', 'number', { }),
    c('exclusions', 'Do not offer for', 'list', { }),
    c('rate', 'Rate', 'text', { private: true }),
    c('bio', 'Bio', 'text', { }),
    c('notes', 'Notes', 'text', { private: true }),
    c('updated', 'Updated', 'date', { managed: true }),
    c('profileResponse', 'Profile response', 'link', { managed: true, private: true }),
    c('rolesClaimed', 'Roles claimed', 'list', { choices: ROLES }),
    c('pendingChange', 'Pending change', 'text', { managed: true, private: true }),
    c('profileCode', 'Profile code', 'text', { managed: true, private: true }),
    c('feedbackCount', 'Feedback count', 'number', { managed: true }),
  ],
};

export const REQUESTS: SheetSpec = {
  name: 'Requests',
  frozenRows: 1,
  columns: [
    c('id', 'Id', 'text', { managed: true }),
    c('received', 'Received', 'date', { managed: true }),
    // Set when the respondent edits their response; Received keeps when the request first came in.
    c('edited', 'Edited', 'date', { managed: true }),
    c('origin', 'Origin', 'choice', { choices: ORIGINS, managed: true }),
    c('status', 'Status', 'choice', { choices: REQUEST_STATUSES, required: true }),
    c('reviewReason', 'Review reason', 'text', { }),
    c('requester', 'Requester', 'text', { private: true }),
    c('email', 'Email', 'email', { private: true }),
    c('organisation', 'Organisation or circle', 'text'),
    c('title', 'Training title', 'text'),
    c('language', 'Language', 'choice', { choices: 'languages' }),
    c('skills', 'Skills wanted', 'list', { choices: 'skills' }),
    c('format', 'Format', 'choice', { choices: FORMATS }),
    c('location', 'Location', 'text'),
    c('timeZone', 'Time zone', 'text'),
    c('dates', 'Dates', 'text'),
    c('groupSize', 'Group size', 'number'),
    c('budget', 'Budget', 'text', { private: true }),
    c('details', 'Details', 'text', { private: true }),
    c('terms', 'Terms', 'text', { private: true }),
    c('mentor', 'Mentor wanted', 'choice', { choices: ['yes', 'no'] }),
    c('preferredTrainer', 'Preferred trainer', 'text'),
    c('trainersNeeded', 'Trainers needed', 'number', { }),
    c('exclude', 'Exclude trainers', 'list', { }),
    c('proposed', 'Proposed', 'text', { managed: true }),
    c('assigned', 'Assigned', 'text'),
    c('acknowledged', 'Acknowledged', 'date', { managed: true }),
    c('response', 'Response', 'link', { managed: true, private: true }),
    c('responseKey', 'Response key', 'text', { managed: true, private: true }),
  ],
};

export const OFFERS: SheetSpec = {
  name: 'Offers',
  frozenRows: 1,
  columns: [
    c('id', 'Id', 'text', { managed: true }),
    c('request', 'Request', 'text', { managed: true }),
    c('trainer', 'Trainer', 'text', { managed: true }),
    c('score', 'Score', 'number', { managed: true }),
    c('reasons', 'Reasons', 'text', { managed: true }),
    c('why', 'Why you', 'text', { managed: true }),
    c('offeredAt', 'Offered at', 'date', { managed: true }),
    c('answer', 'Answer', 'choice', { choices: OFFER_ANSWERS, managed: true }),
    c('answeredAt', 'Answered at', 'date', { managed: true }),
    c('remindedAt', 'Reminded at', 'date', { managed: true }),
    c('token', 'Token', 'text', { managed: true, private: true }),
    c('message', 'Message', 'text', { managed: true, private: true }),
    c('settled', 'Settled', 'choice', { choices: OFFER_ANSWERS, managed: true }),
    c('feedbackCode', 'Feedback code', 'text', { managed: true, private: true }),
    c('feedbackAsked', 'Feedback asked', 'date', { managed: true }),
    c('rating', 'Rating', 'number', { managed: true, private: true }),
    c('feedbackComment', 'Feedback comment', 'text', { managed: true, private: true }),
    c('feedbackAt', 'Feedback at', 'date', { managed: true }),
  ],
};

export const AGREEMENTS: SheetSpec = {
  name: 'Agreements',
  frozenRows: 1,
  columns: [
    c('id', 'Id', 'text', { managed: true }),
    c('kind', 'Kind', 'choice', { choices: AGREEMENT_KINDS, required: true }),
    c('partyA', 'Party A', 'text', { required: true }),
    c('partyB', 'Party B', 'text', { required: true }),
    c('partyEmail', 'Party email', 'email', { private: true }),
    c('subject', 'Subject', 'text'),
    c('terms', 'Terms', 'text', { private: true }),
    c('status', 'Status', 'choice', { choices: AGREEMENT_STATUSES, required: true }),
    c('approvedBy', 'Approved by', 'text'),
    c('approvedAt', 'Approved at', 'date'),
    c('document', 'Document', 'link', { managed: true }),
    c('pdf', 'PDF', 'link', { managed: true }),
    c('signedAt', 'Signed at', 'date'),
    c('signedBy', 'Signed by', 'text'),
    c('validUntil', 'Valid until', 'date'),
  ],
};

export const CIRCLES: SheetSpec = {
  name: 'Circles',
  frozenRows: 1,
  columns: [
    c('name', 'Name', 'text', { required: true, listValue: true }),
    c('kind', 'Kind', 'choice', { choices: CIRCLE_KINDS }),
    c('email', 'Contact email', 'email', { private: true }),
    c('languages', 'Languages', 'list', { choices: 'languages' }),
    c('notes', 'Notes', 'text'),
  ],
};

export const SKILLS: SheetSpec = {
  name: 'Skills',
  frozenRows: 1,
  columns: [c('area', 'Area', 'text', { required: true }), c('skill', 'Skill', 'text', { required: true, listValue: true }), c('active', 'Active', 'bool')],
};

export const RESOURCES: SheetSpec = {
  name: 'Resources',
  frozenRows: 1,
  columns: [
    c('title', 'Title', 'text', { required: true }),
    c('link', 'Link', 'link'),
    c('owner', 'Owner', 'email'),
    c('reviewEveryDays', 'Review every (days)', 'number'),
    c('lastReviewed', 'Last reviewed', 'date'),
  ],
};

export const SETTINGS: SheetSpec = {
  name: 'Settings',
  frozenRows: 1,
  columns: [c('key', 'Key', 'text', { required: true }), c('value', 'Value', 'text', { }), c('description', 'Description', 'text', { })],
};

export const TEMPLATES: SheetSpec = {
  name: 'Templates',
  frozenRows: 1,
  columns: [
    c('key', 'Key', 'text', { required: true }),
    c('language', 'Language', 'choice', { choices: 'languages', required: true }),
    c('subject', 'Subject', 'text'),
    c('body', 'Body', 'text', { required: true }),
  ],
};

export const LOG: SheetSpec = {
  name: 'Log',
  frozenRows: 1,
  columns: [
    c('time', 'Time', 'date', { managed: true }),
    c('user', 'User', 'text', { managed: true }),
    c('action', 'Action', 'text', { managed: true }),
    c('subject', 'Subject', 'text', { managed: true }),
    c('details', 'Details', 'text', { managed: true }),
  ],
};

export const OUTBOX: SheetSpec = {
  name: 'Outbox',
  frozenRows: 1,
  columns: [
    c('key', 'Key', 'text', { managed: true }),
    c('queuedAt', 'Queued at', 'date', { managed: true }),
    c('status', 'Status', 'choice', { choices: OUTBOX_STATUSES, managed: true }),
    c('to', 'To', 'text', { managed: true, private: true }),
    c('subject', 'Subject', 'text', { managed: true }),
    c('body', 'Body', 'text', { managed: true, private: true }),
    c('htmlBody', 'HTML body', 'text', { managed: true, private: true }),
    c('sentAt', 'Sent at', 'date', { managed: true }),
    c('error', 'Error', 'text', { managed: true }),
    c('attempts', 'Attempts', 'number', { managed: true }),
    c('nextTry', 'Next try', 'date', { managed: true }),
  ],
};

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
