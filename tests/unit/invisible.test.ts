import { normaliseEmail, oneLine, safeFileName, stripInvisible } from '../../src/domain/text';
import { renderEmail } from '../../src/domain/templates';

const CONTROLS = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\uFEFF',
];

describe('invisible and bidi control characters', () => {
  it('removes every one of them and nothing else', () => {
    for (const c of CONTROLS) expect(stripInvisible(`a${c}b`)).toBe('ab');
    // Letters of right-to-left scripts, accents and emoji stay.
    expect(stripInvisible('مرحبا שלום Zoë 👋 a\u00A0b')).toBe('مرحبا שלום Zoë 👋 a\u00A0b');
  });

  it('cleans a subject, a name inside it and a file name', () => {
    expect(oneLine('Introduction: \u202Eevil\u202C Name\u200B')).toBe('Introduction: evil Name');
    expect(safeFileName('\u2067Agreement\u2069 \uFEFFcircle')).toBe('Agreement circle');
    const rows = [{ key: 'intro', language: 'en', subject: 'Introduction: {{clientName}} ({{requestId}})', body: 'Hello {{clientName}}' }];
    const mail = renderEmail(rows, 'intro', 'en', { clientName: 'Ann\u202Egnp.exe', requestId: 'R-1' });
    expect(mail?.subject).toBe('Introduction: Anngnp.exe (R-1)');
    expect(mail?.subject).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
  });

  it('cleans an email answer before it is validated', () => {
    expect(normaliseEmail('ana@example.org\u200B')).toEqual({ ok: true, email: 'ana@example.org' });
    expect(normaliseEmail('\uFEFF\u200Eana@example.org ')).toEqual({ ok: true, email: 'ana@example.org' });
    // Still refused when what is left is not an address.
    expect(normaliseEmail('ana\u200B@').ok).toBe(false);
  });
});
