/** Host-side exports of the emulator's world: workbooks, PDFs and sent mail as real files. */
export { exportWorkbook } from './xlsx';
export { exportDrivePdfs, renderPdf, PDF_FONT } from './pdf';
export { exportOutbox, composeEml } from './eml';
export { safeFileName } from './names';
