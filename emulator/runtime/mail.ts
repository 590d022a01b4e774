/**
 * MailApp: sending records a MailRec in store.mail.outbox (the host exports it as .eml).
 * Quotas follow Google's quota page for consumer accounts: the daily quota counts recipients
 * (to + cc + bcc) per effective user per day; per message at most 50 recipients, 200 KB of
 * body, 250 attachments and 25 MB of attachments. A message that breaks a rule is not sent.
 */
import type { MailRec } from '../store';
import { newId, now, requireScope, rt, SCOPES, store } from './context';
import { asGas, strict } from './strict';
import { base64Encode, utf8Encode } from './blob';

type GMailApp = GoogleAppsScript.Mail.MailApp;
type Options = GoogleAppsScript.Mail.MailAdvancedParameters;

const MAX_RECIPIENTS = 50;
const MAX_BODY_BYTES = 200 * 1024;
const MAX_ATTACHMENTS = 250;
const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** Gmail's limit on the subject line; longer subjects are refused. */
const MAX_SUBJECT = 250;

const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** Splits a comma-separated recipient list; each entry may be "Name <address>". */
function parseRecipients(list: unknown): string[] {
  if (list === undefined || list === null) return [];
  const out: string[] = [];
  for (const raw of String(list).split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const angle = /<([^>]*)>\s*$/.exec(entry);
    const address = (angle ? angle[1] : entry).trim();
    if (!ADDRESS.test(address)) throw new Error(`Invalid email: ${entry}`);
    out.push(entry);
  }
  return out;
}

function dayKey(user: string): string {
  return `${user}|${new Date(now()).toISOString().slice(0, 10)}`;
}

function remaining(user: string): number {
  const s = store();
  return Math.max(0, s.mail.dailyQuota - (s.mail.usedByUserDay[dayKey(user)] ?? 0));
}

interface Message extends Options {
  to?: string;
  subject?: string;
}

class MailApp implements Pick<GMailApp, 'sendEmail' | 'getRemainingDailyQuota'> {
  constructor() {
    return strict('MailApp', this);
  }

  getRemainingDailyQuota(): number {
    requireScope('MailApp.getRemainingDailyQuota', [SCOPES.sendMail]);
    return remaining(rt().exec.effectiveUser);
  }

  sendEmail(message: Message): void;
  sendEmail(recipient: string, subject: string, body: string): void;
  sendEmail(recipient: string, subject: string, body: string, options: Options): void;
  sendEmail(to: string, replyTo: string, subject: string, body: string): void;
  sendEmail(a: string | Message, b?: string, c?: string, d?: string | Options): void {
    requireScope('MailApp.sendEmail', [SCOPES.sendMail]);
    let msg: Message;
    if (typeof a === 'object' && a !== null) msg = a;
    else if (typeof d === 'string') msg = { to: a, replyTo: b, subject: c, body: d };
    else msg = { ...(d ?? {}), to: a, subject: b, body: c };
    this._send(msg);
  }

  private _send(msg: Message): void {
    if (msg.inlineImages !== undefined) throw new Error('not emulated: MailApp.sendEmail inlineImages');
    const to = parseRecipients(msg.to);
    const cc = parseRecipients(msg.cc);
    const bcc = parseRecipients(msg.bcc);
    const count = to.length + cc.length + bcc.length;
    if (count === 0) throw new Error('Failed to send email: no recipient');
    if (count > MAX_RECIPIENTS) throw new Error('Limit Exceeded: Email Recipients Per Message.');
    const subject = msg.subject === undefined || msg.subject === null ? '' : String(msg.subject);
    if (subject.length > MAX_SUBJECT) throw new Error('Argument too large: subject');
    const body = msg.body === undefined || msg.body === null ? '' : String(msg.body);
    const htmlBody = msg.htmlBody === undefined || msg.htmlBody === null ? undefined : String(msg.htmlBody);
    if (utf8Encode(body).length > MAX_BODY_BYTES || utf8Encode(htmlBody ?? '').length > MAX_BODY_BYTES) {
      throw new Error('Limit Exceeded: Email Body Size.');
    }
    const attachments = (msg.attachments ?? []).map((source) => {
      const blob = source.getBlob();
      return { name: blob.getName() ?? '', mimeType: blob.getContentType() ?? 'application/octet-stream', bytes: blob.getBytes() };
    });
    if (attachments.length > MAX_ATTACHMENTS) throw new Error('Limit Exceeded: Email Attachments Per Message.');
    if (attachments.reduce((n, a) => n + a.bytes.length, 0) > MAX_ATTACHMENT_BYTES) throw new Error('Limit Exceeded: Email Total Attachments Size.');
    const replyTo = msg.replyTo ? parseRecipients(msg.replyTo).join(', ') : undefined;

    const user = rt().exec.effectiveUser;
    if (remaining(user) < count) throw new Error('Service invoked too many times for one day: email.');
    const s = store();
    const key = dayKey(user);
    s.mail.usedByUserDay[key] = (s.mail.usedByUserDay[key] ?? 0) + count;
    const rec: MailRec = {
      id: newId('mail'),
      at: now(),
      from: user,
      to,
      cc,
      bcc,
      subject,
      body,
      attachments: attachments.map((a) => ({ name: a.name, mimeType: a.mimeType, content: base64Encode(a.bytes) })),
      noReply: Boolean(msg.noReply),
    };
    if (msg.name !== undefined && msg.name !== null) rec.name = String(msg.name);
    if (replyTo) rec.replyTo = replyTo;
    if (htmlBody !== undefined) rec.htmlBody = htmlBody;
    s.mail.outbox.push(rec);
  }
}

export function createMailApp(): GMailApp {
  return asGas<GMailApp>(new MailApp());
}
