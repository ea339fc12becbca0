/** Tables as files people open in Excel or WPS: CSV (UTF-8 with BOM) and XLSX, the same on both runtimes. */
export { CSV_TYPE, csvCell, csvFile } from './csv-file.js';
export { type ExportFormat, tableDownload, tableFile } from './table-download.js';
export { type Cell, XLSX_TYPE, xlsxFile } from './xlsx-file.js';
