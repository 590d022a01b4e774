/**
 * Host side: the outbox as RFC 5322 messages (.eml), built with nodemailer's MailComposer.
 * Bcc recipients are not written as a header (they never see one); the Date is the virtual
 * send time; the Message-ID is derived from the record so exports are reproducible.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailRec, Store } from '../store';
import { safeFileName } from './names';

export function composeEml(rec: MailRec): Promise<Buffer> {
  const composer = new MailComposer({
    // noReply sends from the domain's generic no-reply address instead of the user's.
    from: { name: rec.name ?? '', address: rec.noReply ? `noreply@${rec.from.split('@')[1] ?? 'example.org'}` : rec.from },
    to: rec.to,
    cc: rec.cc.length ? rec.cc : undefined,
    replyTo: rec.replyTo,
    subject: rec.subject,
    date: new Date(rec.at),
    messageId: `<${rec.id}@emulator.invalid>`,
    text: rec.body,
    html: rec.htmlBody || undefined,
    attachments: rec.attachments.map((a) => ({ filename: a.name, contentType: a.mimeType, content: Buffer.from(a.content, 'base64') })),
  });
  return composer.compile().build();
}

/** Writes `<nnn>-<subject>.eml` per message, in send order; answers the files written. */
export async function exportOutbox(store: Store, dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const [i, rec] of store.mail.outbox.entries()) {
    const file = path.join(dir, `${String(i + 1).padStart(3, '0')}-${safeFileName(rec.subject, 'no-subject')}.eml`);
    fs.writeFileSync(file, await composeEml(rec));
    files.push(file);
  }
  return files;
}
