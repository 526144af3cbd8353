// Renderers: an analysed evaluation (EvaluationJson) → .docx / .xlsx / .html / .pdf.
export { renderDocx, type DocxOptions } from './docx.ts';
export { renderXlsx, renderSummaryXlsx, gradeOf, SUMMARY_COLUMNS } from './xlsx.ts';
export { renderHtml, escapeHtml } from './html.ts';
export { renderPdf, PdfRenderer } from './pdf.ts';
export { renderGaps } from './gaps.ts';
export { reportSections, PROJECT_OUTLINE, DEPARTMENT_OUTLINE } from './layout.ts';
