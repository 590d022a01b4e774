import { Emulator } from '../host';

const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

function emu(code: string): Emulator {
  return new Emulator({ code, manifest: MANIFEST });
}

function addresses(n: number): string {
  return Array.from({ length: n }, (_, i) => `t${i}@example.org`).join(',');
}

describe('MailApp', () => {
  it('sendEmail(recipient, subject, body) records the message from the effective user', () => {
    const e = emu(`function t(){ MailApp.sendEmail('ana@example.org', 'Olá — pedido nº 7', 'Corpo'); }`);
    e.call('t', { user: 'lead@example.org' });
    expect(e.store.mail.outbox).toHaveLength(1);
    expect(e.store.mail.outbox[0]).toMatchObject({
      from: 'lead@example.org',
      to: ['ana@example.org'],
      cc: [],
      bcc: [],
      subject: 'Olá — pedido nº 7',
      body: 'Corpo',
      attachments: [],
      noReply: false,
      at: e.store.clock.now,
    });
  });

  it('sendEmail(message) takes to/cc/bcc/replyTo/name/htmlBody/attachments', () => {
    const e = emu(`function t(){
      var blob = DriveApp.createFile('a.txt', 'anexo').getBlob();
      MailApp.sendEmail({ to: 'a@example.org', cc: 'b@example.org', bcc: 'c@example.org', replyTo: 'desk@example.org', name: 'Help Desk',
        subject: 'S', body: 'plain', htmlBody: '<b>html</b>', attachments: [blob] });
    }`);
    e.call('t');
    expect(e.store.mail.outbox[0]).toMatchObject({
      to: ['a@example.org'],
      cc: ['b@example.org'],
      bcc: ['c@example.org'],
      replyTo: 'desk@example.org',
      name: 'Help Desk',
      htmlBody: '<b>html</b>',
      attachments: [{ name: 'a.txt', mimeType: 'text/plain', content: Buffer.from('anexo').toString('base64') }],
    });
  });

  it('sendEmail(to, replyTo, subject, body) sets the reply-to address', () => {
    const e = emu(`function t(){ MailApp.sendEmail('a@example.org', 'desk@example.org', 'S', 'B'); }`);
    e.call('t');
    expect(e.store.mail.outbox[0]).toMatchObject({ to: ['a@example.org'], replyTo: 'desk@example.org', subject: 'S', body: 'B' });
  });

  it('a recipient string may hold a comma-separated list, each counted against the quota', () => {
    const e = emu(
      `function t(){ MailApp.sendEmail('a@example.org, Bea <b@example.org>,c@example.org', 'S', 'B', { cc: 'd@example.org' }); return MailApp.getRemainingDailyQuota(); }`,
    );
    expect(e.call('t')).toBe(96);
    expect(e.store.mail.outbox[0].to).toEqual(['a@example.org', 'Bea <b@example.org>', 'c@example.org']);
  });

  it('getRemainingDailyQuota starts at the daily allowance and resets on a new day', () => {
    const e = emu(`function send(){ MailApp.sendEmail('a@example.org,b@example.org', 'S', 'B'); } function left(){ return MailApp.getRemainingDailyQuota(); }`);
    expect(e.call('left')).toBe(100);
    e.call('send');
    expect(e.call('left')).toBe(98);
    // Another user has a quota of their own.
    expect(e.call('left', { user: 'other@example.org' })).toBe(100);
    e.store.clock.now += 24 * 3600 * 1000;
    expect(e.call('left')).toBe(100);
  });

  it('the daily quota counts recipients and throws "Service invoked too many times for one day: email." with nothing sent', () => {
    const e = emu(`function send(list){ MailApp.sendEmail(list, 'S', 'B'); }`);
    e.store.mail.dailyQuota = 3;
    e.call('send', { args: ['a@example.org,b@example.org'] });
    const r = e.run('send', { args: ['c@example.org,d@example.org'] });
    expect(r.error?.message).toBe('Service invoked too many times for one day: email.');
    expect(e.store.mail.outbox).toHaveLength(1);
    e.call('send', { args: ['c@example.org'] });
    expect(e.store.mail.outbox).toHaveLength(2);
  });

  it('more than 50 recipients in one message throws "Limit Exceeded: Email Recipients Per Message."', () => {
    const e = emu(`function send(to, bcc){ MailApp.sendEmail(to, 'S', 'B', { bcc: bcc }); }`);
    e.store.mail.dailyQuota = 1500;
    expect(e.run('send', { args: [addresses(50), 'x@example.org'] }).error?.message).toBe('Limit Exceeded: Email Recipients Per Message.');
    expect(e.store.mail.outbox).toHaveLength(0);
    e.call('send', { args: [addresses(49), 'x@example.org'] });
    expect(e.store.mail.outbox).toHaveLength(1);
  });

  it('an invalid address throws "Invalid email: <address>" and sends nothing', () => {
    const e = emu(`function send(to, opts){ MailApp.sendEmail(to, 'S', 'B', opts || {}); }`);
    expect(e.run('send', { args: ['not-an-address'] }).error?.message).toBe('Invalid email: not-an-address');
    expect(e.run('send', { args: ['a@example.org', { cc: 'ok@example.org, bad@' }] }).error?.message).toBe('Invalid email: bad@');
    expect(e.store.mail.outbox).toHaveLength(0);
    expect(e.store.mail.usedByUserDay).toEqual({});
  });

  it('an empty recipient throws "Failed to send email: no recipient"', () => {
    const e = emu(`function t(){ MailApp.sendEmail('', 'S', 'B'); }`);
    expect(e.run('t').error?.message).toBe('Failed to send email: no recipient');
  });

  it('a body over 200 KB throws "Limit Exceeded: Email Body Size."', () => {
    const e = emu(`function t(){ MailApp.sendEmail('a@example.org', 'S', new Array(200 * 1024 + 2).join('x')); }`);
    expect(e.run('t').error?.message).toBe('Limit Exceeded: Email Body Size.');
    expect(e.store.mail.outbox).toHaveLength(0);
  });

  it('MailApp is denied in a simple trigger (AuthMode.LIMITED)', () => {
    const e = emu(`function onEdit(){ MailApp.sendEmail('a@example.org', 'S', 'B'); }`);
    const r = e.run('onEdit', { kind: 'simple' });
    expect(r.error?.message).toBe(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(e.store.mail.outbox).toHaveLength(0);
  });
});
