/** Tables as files people open in Excel or WPS: CSV (UTF-8 with BOM) and XLSX, the same on both runtimes. */
export { csvCell, csvFile } from './csv-file.js';
export { type ExportFormat, tableDownload } from './table-download.js';
export { xlsxFile } from './xlsx-file.js';
