import { Emulator } from '../host';
import { setRuntime } from '../runtime/context';
import { copyDocumentRec, documentPlainText } from '../runtime/documents';
import { GOOGLE_MIME } from '../runtime/drive-model';

const manifest = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

/** Runs `body` (Apps Script source using `doc`, a new document named "Letter") and returns its result. */
function run(body: string, opts: { kind?: 'simple' | 'menu' } = {}) {
  const emu = new Emulator({ manifest, code: `function t(){ var doc = DocumentApp.create('Letter'); ${body} }` });
  const r = emu.run('t', { kind: opts.kind ?? 'menu' });
  return { emu, r, value: r.value, doc: Object.values(emu.store.documents)[0] };
}

describe('DocumentApp', () => {
  it('create makes a Drive document whose body holds one empty paragraph', () => {
    const { emu, value, doc } = run('return [doc.getName(), doc.getUrl(), doc.getBody().getNumChildren(), doc.getBody().getText()];');
    expect(value).toEqual(['Letter', `https://docs.google.com/document/d/${doc.id}/edit`, 1, '']);
    expect(emu.store.drive.items[doc.id]).toMatchObject({ name: 'Letter', mimeType: GOOGLE_MIME.document });
  });

  it('appendParagraph adds after the initial empty paragraph; body text joins paragraphs with newlines', () => {
    const { value } = run(
      'var b = doc.getBody(); b.appendParagraph("Hello"); b.insertParagraph(0, "Title").setHeading(DocumentApp.ParagraphHeading.HEADING1); return [b.getText(), b.getNumChildren(), String(b.getParagraphs()[0].getHeading())];',
    );
    expect(value).toEqual(['Title\n\nHello', 3, 'HEADING1']);
  });

  it('replaceText treats the pattern as an RE2 regular expression: "." matches any character, "{{name}}" needs escaping', () => {
    const { value } = run(`var b = doc.getBody(); b.appendParagraph("Dear {{name}}, see a.c and abc");
      b.replaceText("a.c", "X"); b.replaceText("\\\\{\\\\{name\\\\}\\\\}", "Ana"); return b.getParagraphs()[1].getText();`);
    expect(value).toBe('Dear Ana, see X and X');
  });

  it('replaceText inserts the replacement literally: "$1", "$&" and backslashes have no special meaning', () => {
    const { value } = run(`var p = doc.getBody().appendParagraph("Price: AMOUNT"); p.replaceText("(AMOUNT)", "$1 $& \\\\ $$5"); return p.getText();`);
    expect(value).toBe('Price: $1 $& \\ $$5');
  });

  it('replaceText matches each text block independently, so ^ and $ anchor per paragraph', () => {
    const { value } = run(`var b = doc.getBody(); b.appendParagraph("Learn Apps Script today"); b.appendParagraph("Other");
      b.replaceText("^.*Apps ?Script.*$", "Apps Script"); return b.getText();`);
    expect(value).toBe('\nApps Script\nOther');
  });

  it('headers and footers exist only once added, and body.replaceText leaves them alone', () => {
    const { value } = run(`var before = doc.getHeader() === null; doc.addHeader().appendParagraph("{x} header"); doc.addFooter().setText("{x} footer");
      doc.getBody().appendParagraph("{x} body"); doc.getBody().replaceText("\\\\{x\\\\}", "Y");
      return [before, doc.getHeader().getText(), doc.getFooter().getText(), doc.getBody().getText()];`);
    expect(value).toEqual([true, '\n{x} header', '{x} footer', '\nY body']);
  });

  it('appendTable builds cells from strings, adds an empty paragraph after it, and replaceText reaches cells', () => {
    const { value } = run(`var b = doc.getBody(); var t = b.appendTable([["Name", "Days"], ["{{n}}", "3"]]);
      b.replaceText("\\\\{\\\\{n\\\\}\\\\}", "Ana"); t.appendTableRow().appendTableCell("Ben");
      return [t.getNumRows(), t.getCell(1, 0).getText(), t.getRow(0).getCell(1).getText(), t.getRow(2).getNumCells(), b.getNumChildren(), String(b.getChild(2).getType())];`);
    expect(value).toEqual([3, 'Ana', 'Days', 1, 3, 'PARAGRAPH']);
  });

  it('after saveAndClose the same Document object cannot edit: "Document is closed, its contents cannot be updated."; reopening can', () => {
    const emu = new Emulator({
      manifest,
      code: `function t(){ var doc = DocumentApp.create('Letter'); var body = doc.getBody(); body.appendParagraph("kept"); doc.saveAndClose();
        var errs = []; try { body.appendParagraph("late"); } catch (e) { errs.push(e.message); } try { doc.saveAndClose(); } catch (e) { errs.push(e.message); }
        var again = DocumentApp.openById(doc.getId()); again.getBody().appendParagraph("more"); return [errs, again.getBody().getText()]; }`,
    });
    expect(emu.call('t')).toEqual([
      ['Document is closed, its contents cannot be updated.', 'Document is closed, its contents cannot be updated.'],
      '\nkept\nmore',
    ]);
  });

  it('getAs("application/pdf") gives a PDF blob named "<name>.pdf" carrying the document for the exporter', () => {
    const { value, doc } = run(
      'doc.getBody().appendParagraph("Hi"); doc.saveAndClose(); var b = doc.getAs("application/pdf"); return [b.getName(), b.getContentType(), JSON.parse(b.getDataAsString()).emulatorPdfOf.body[1].text, doc.getBlob().getName()];',
    );
    expect(value).toEqual(['Letter.pdf', 'application/pdf', 'Hi', 'Letter.pdf']);
    expect(doc.body).toHaveLength(2);
  });

  it('getAs rejects content types other than PDF', () => {
    const { r } = run('doc.getAs("image/png");');
    expect(r.error?.message).toBe('Converting from application/vnd.google-apps.document to image/png is not supported.');
  });

  it('DocumentApp is denied in a simple trigger (AuthMode.LIMITED)', () => {
    const { r } = run('', { kind: 'simple' });
    expect(r.error?.message).toBe('You do not have permission to call DocumentApp.create. Required permissions: https://www.googleapis.com/auth/documents');
  });

  it('findText returns a RangeElement with the match offsets, and continues from a previous result', () => {
    const { value } = run(`var b = doc.getBody(); b.appendParagraph("one two one");
      var r1 = b.findText("o.e"); var r2 = b.findText("o.e", r1); var r3 = b.findText("o.e", r2);
      return [r1.getStartOffset(), r1.getEndOffsetInclusive(), r2.getStartOffset(), r3, r1.getElement().getText(), String(r1.getElement().getType())];`);
    expect(value).toEqual([0, 2, 8, null, 'one two one', 'TEXT']);
  });

  it('the last paragraph of a section cannot be removed', () => {
    const { r } = run('var b = doc.getBody(); b.appendParagraph("x"); b.getChild(0).removeFromParent(); b.removeChild(b.getChild(0));');
    expect(r.error?.message).toBe("Can't remove the last paragraph in a document section.");
  });

  it('list items keep glyph and nesting; editAsText styles are recorded', () => {
    const { value, doc } = run(`var b = doc.getBody(); var li = b.appendListItem("step").setNestingLevel(1).setGlyphType(DocumentApp.GlyphType.NUMBER);
      b.appendParagraph("Bold me").editAsText().setBold(0, 3, true); b.getParagraphs()[2].appendText(" now").setItalic(true);
      return [li.getNestingLevel(), String(li.getGlyphType()), b.getListItems().length, b.getParagraphs().length, b.getParagraphs()[2].getText()];`);
    expect(value).toEqual([1, 'NUMBER', 1, 3, 'Bold me now']);
    expect(doc.body[2]).toMatchObject({
      styles: [
        { start: 0, end: 3, attr: 'BOLD', value: true },
        { start: 7, end: 10, attr: 'ITALIC', value: true },
      ],
    });
  });

  it('copyDocumentRec copies content under a new id; documentPlainText reads the body', () => {
    const { emu, doc } = run('doc.getBody().appendParagraph("A"); doc.getBody().appendTable([["x", "y"]]);');
    setRuntime({ store: emu.store, exec: { number: 0, kind: 'menu', authMode: 'FULL', activeUser: 'a@example.org', effectiveUser: 'a@example.org' } });
    copyDocumentRec(doc.id, 'copy1');
    emu.store.documents.copy1.body.push({ type: 'PARAGRAPH', text: 'only in copy' });
    expect(documentPlainText(emu.store.documents.copy1)).toBe('\nA\nx\ny\n\nonly in copy');
    expect(documentPlainText(doc)).toBe('\nA\nx\ny\n');
  });
});
