import { renderEmail } from '../../src/domain/templates';
import { DEFAULT_TEMPLATES } from '../../src/defaults/defaults';

describe('email templates', () => {
  it('falls back to English for a language without a template', () => {
    const e = renderEmail(DEFAULT_TEMPLATES, 'ack.request', 'ja', { name: 'Jan', requestId: 'R-1', formTitle: 'T', helpdeskName: 'HD' });
    expect(e?.subject).toBe('We received your request (R-1)');
  });

  it.each(['en', 'es', 'pt', 'ru', 'fr', 'de', 'nl'])('has an acknowledgement in %s', (lang) => {
    expect(DEFAULT_TEMPLATES.some((t) => t.key === 'ack.request' && t.language === lang)).toBe(true);
  });

  it('escapes values in the HTML body and links only our own links', () => {
    const e = renderEmail(DEFAULT_TEMPLATES, 'ack.profile', 'en', {
      name: '<script>x</script> https://evil.example',
      profileLink: 'https://docs.google.com/forms/d/x/viewform?a=1&b=2',
      helpdeskName: 'HD',
    })!;
    expect(e.htmlBody).toContain('&lt;script&gt;x&lt;/script&gt; https://evil.example');
    expect(e.htmlBody).not.toContain('href="https://evil');
    expect(e.htmlBody).toContain('<a href="https://docs.google.com/forms/d/x/viewform?a=1&amp;b=2">');
    expect(e.body).toContain('<script>x</script>');
  });

  it('keeps the subject on one line', () => {
    const e = renderEmail(DEFAULT_TEMPLATES, 'ack.request', 'en', { requestId: 'R\n1' })!;
    expect(e.subject).not.toMatch(/\n/);
  });
});
