/** The archive's cards: on screen a grid, on paper A4 with one card per page or two (cut along the line). */
export const ARCHIVE_STYLE = `
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:14px}
.rcard{background:#fff;border:1px solid #b9c7bf;border-radius:8px;padding:16px 18px;break-inside:avoid;page-break-inside:avoid;display:flex;flex-direction:column;gap:6px}
.rcard h3{margin:0;font-size:17px;text-align:center;letter-spacing:1px}
.rcard .school{text-align:center;color:#3c4a43;font-size:13px;margin:0}
.rcard dl{display:grid;grid-template-columns:auto 1fr;gap:3px 12px;margin:6px 0;font-size:14px}
.rcard dt{color:#68776f}
.rcard dd{margin:0}
.rcard .hash{font:11px/1.3 ui-monospace,Menlo,monospace;word-break:break-all}
.rcard .sig{border:1px dashed #b9c7bf;border-radius:6px;min-height:90px;display:flex;align-items:center;justify-content:center;background:#fcfdfc}
.rcard .sig img{max-width:100%;max-height:150px}
.rcard .statement{font-size:14px;margin:4px 0}
.rcard footer{font-size:11px;color:#68776f;margin-top:auto}
@page{size:A4;margin:14mm}
@media print{
  .cards{display:block}
  .rcard{border:1px solid #555;border-radius:0;margin:0 0 8mm;box-shadow:none}
  .one .rcard{height:255mm;break-after:page;page-break-after:always}
  .one .rcard .sig{min-height:110mm}
  .two .rcard{height:124mm;margin-bottom:9mm}
  .two .rcard:nth-child(2n){break-after:page;page-break-after:always}
  .two .rcard:nth-child(2n+1){border-bottom-style:dashed}
  .rcard .sig{min-height:45mm}
  .rcard .sig img{max-height:60mm}
}
`;
