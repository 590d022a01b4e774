/**
 * Conformance of the Docs calls the agreement template filler uses (src/gas/docs-template.ts).
 * References:
 * - Document.saveAndClose(): "Saves the current Document. Causes pending updates to be flushed and
 *   applied. The saveAndClose() method is automatically invoked at the end of script execution for
 *   each open editable Document." https://developers.google.com/apps-script/reference/document/document#saveAndClose()
 *   gas-fakes notes/oddities.md records the same on real Apps Script: other services see a
 *   document's edits only after saveAndClose().
 * - TableRow.copy(): "Returns a detached, deep copy of the current element."
 *   https://developers.google.com/apps-script/reference/document/table-row#copy()
 * - Table.insertTableRow(childIndex, tableRow): "Inserts the given TableRow at the specified index."
 *   https://developers.google.com/apps-script/reference/document/table#insertTableRow(Integer,TableRow)
 * - Table.removeRow(rowIndex): "Removes the TableRow at the specified row index."
 *   https://developers.google.com/apps-script/reference/document/table#removeRow(Integer)
 * - Body.findText / RangeElement / Text.deleteText(startOffset, endOffsetInclusive) / Text.insertText(offset, text):
 *   https://developers.google.com/apps-script/reference/document/body#findText(String)
 *   https://developers.google.com/apps-script/reference/document/range-element#getElement()
 *   https://developers.google.com/apps-script/reference/document/text#deleteText(Integer,Integer)
 *   https://developers.google.com/apps-script/reference/document/text#insertText(Integer,String)
 * - Element.removeFromParent(): https://developers.google.com/apps-script/reference/document/paragraph#removeFromParent()
 */
import { Emulator } from '../host';

const manifest = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

function call(code: string): unknown {
  const emu = new Emulator({ manifest, code: `function t(){ var doc = DocumentApp.create('Letter'); var b = doc.getBody(); ${code} }` });
  const r = emu.run('t');
  if (!r.ok) throw new Error(r.error?.message);
  return r.value;
}

function pdfText(blobExpr: string): string {
  return `JSON.parse(${blobExpr}.getDataAsString()).emulatorPdfOf.body.map(function (e) { return e.text === undefined ? e.cells.join('|') : e.text; }).join('/')`;
}

describe('Document.saveAndClose and exports', () => {
  it('an export before saveAndClose has the saved content; after it, the edits', () => {
    const value = call(`b.appendParagraph("saved"); doc.saveAndClose();
      var d = DocumentApp.openById(doc.getId()); d.getBody().appendParagraph("pending"); var f = DriveApp.getFileById(doc.getId());
      var before = [${pdfText('d.getAs("application/pdf")')}, ${pdfText('f.getAs("application/pdf")')}, ${pdfText('f.getBlob()')}];
      d.saveAndClose();
      return [before, ${pdfText('f.getAs("application/pdf")')}, ${pdfText('d.getAs("application/pdf")')}];`);
    expect(value).toEqual([['/saved', '/saved', '/saved'], '/saved/pending', '/saved/pending']);
  });

  it('the end of an execution saves every open document: the next execution exports the edits', () => {
    const emu = new Emulator({
      manifest,
      code: `function make(){ var d = DocumentApp.create('L'); d.getBody().appendParagraph("unsaved at the end"); return d.getId(); }
        function pdf(id){ return ${pdfText('DriveApp.getFileById(id).getAs("application/pdf")')}; }`,
    });
    const id = emu.call('make') as string;
    expect(emu.call('pdf', { args: [id] })).toBe('/unsaved at the end');
  });

  it('a copy made before saving carries the saved content', () => {
    const value = call(`b.appendParagraph("saved"); doc.saveAndClose(); var d = DocumentApp.openById(doc.getId()); d.getBody().appendParagraph("pending");
      var copy = DriveApp.getFileById(doc.getId()).makeCopy("Copy"); return DocumentApp.openById(copy.getId()).getBody().getText();`);
    expect(value).toBe('\nsaved');
  });
});

describe('tables', () => {
  it('TableRow.copy() is detached; insertTableRow(i, copy) places a copy at i; removeRow removes; getNumRows counts', () => {
    const value = call(`var t = b.appendTable([["Date", "Hours"], ["{{#each s}}{{d}}", "{{h}}"], ["Total", "5"]]);
      var tpl = t.getRow(1); var c = tpl.copy(); c.getCell(0).setText("copy edited");
      var before = t.getRow(1).getCell(0).getText();
      t.insertTableRow(2, c); t.insertTableRow(3, tpl.copy()); var n = t.getNumRows();
      var removed = t.removeRow(1);
      var rows = []; for (var i = 0; i < t.getNumRows(); i++) rows.push(t.getRow(i).getText());
      return [before, n, removed.getText(), rows, t.getNumRows()];`);
    expect(value).toEqual(['{{#each s}}{{d}}', 5, '{{#each s}}{{d}}\n{{h}}', ['Date\nHours', 'copy edited\n{{h}}', '{{#each s}}{{d}}\n{{h}}', 'Total\n5'], 4]);
  });

  it('insertTableRow(i) alone inserts an empty row; an index past the end is refused', () => {
    const value =
      call(`var t = b.appendTable([["a"], ["b"]]); var r = t.insertTableRow(1); var e = ""; try { t.insertTableRow(9); } catch (x) { e = x.message; }
      return [r.getNumCells(), t.getNumRows(), t.getRow(2).getText(), e];`);
    expect(value).toEqual([0, 3, 'b', 'Child index (9) must be less than or equal to the number of child elements (3).']);
  });

  it('cell styles move with their row when rows are inserted or removed', () => {
    const emu = new Emulator({
      manifest,
      code: `function t(){ var d = DocumentApp.create('L'); var t = d.getBody().appendTable([["a"], ["b"]]);
      t.getCell(1, 0).editAsText().setBold(true); t.insertTableRow(0, t.getRow(1).copy()); t.removeRow(1); return d.getId(); }`,
    });
    const id = emu.call('t') as string;
    const table = emu.store.documents[id].body[1];
    expect(table).toMatchObject({
      type: 'TABLE',
      cells: [['b'], ['b']],
      cellStyles: { '0,0': [{ attr: 'BOLD', value: true }], '1,0': [{ attr: 'BOLD', value: true }] },
    });
  });

  it('unknown members keep throwing', () => {
    expect(() => call('b.appendTable([["a"]]).getRow(0).merge();')).toThrow('not emulated: TableRow.merge');
  });
});

describe('text of tables', () => {
  // Observed on Google (gas-fakes test/testdocsnext.js "Table.getText()" and "Body.getText() with
  // mixed elements"): every cell on a line of its own; the reference pages are silent.
  it('TableRow.getText, Table.getText and Body.getText put each cell on its own line', () => {
    const value = call(`b.appendParagraph("First"); var t = b.appendTable([["R1C1", "R1C2"], ["R2C1", "R2C2"]]); b.appendParagraph("Last");
      return [t.getRow(0).getText(), t.getText(), b.getText()];`);
    expect(value).toEqual(['R1C1\nR1C2', 'R1C1\nR1C2\nR2C1\nR2C2', '\nFirst\nR1C1\nR1C2\nR2C1\nR2C2\n\nLast']);
  });
});

describe('text edits and paragraph removal', () => {
  it('findText → RangeElement → asText().deleteText/insertText edits literally', () => {
    const value = call(`var p = b.appendParagraph("Pay {{fee}} now"); var r = b.findText("\\\\{\\\\{fee\\\\}\\\\}"); var t = r.getElement().asText();
      t.deleteText(r.getStartOffset(), r.getEndOffsetInclusive()); t.insertText(r.getStartOffset(), "$1 \\\\ $& {{x}}"); return p.getText();`);
    expect(value).toBe('Pay $1 \\ $& {{x}} now');
  });

  it('a paragraph in the middle can be removed; the last one of the body cannot', () => {
    const value = call(`b.appendParagraph("x"); b.appendParagraph("y"); b.getChild(1).removeFromParent(); var e = "";
      try { b.getChild(b.getNumChildren() - 1).removeFromParent(); } catch (x) { e = x.message; } return [b.getText(), e];`);
    expect(value).toEqual(['\ny', "Can't remove the last paragraph in a document section."]);
  });
});
