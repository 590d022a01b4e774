/** Host-side exports of the emulator's world: workbooks, PDFs and sent mail as real files. */
export { exportWorkbook } from './xlsx';
export { exportDrivePdfs, renderPdf } from './pdf';
export { exportOutbox } from './eml';
export { pdfText } from './pdf-text';
