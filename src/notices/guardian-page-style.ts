/** The guardian's notice page: phone first (360 px), large type, and larger still with 大字. */
// Served minified from ./guardian-page-style.min.ts (`npm run build:page-code` after an edit).
export const GUARDIAN_PAGE_STYLE = `
*{box-sizing:border-box}
html{font-size:18px;-webkit-text-size-adjust:100%}
html.large{font-size:23px}
body{margin:0;font:1rem/1.65 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1b2620;background:#f4f6f5}
header{background:#1f6f50;color:#fff;padding:.6rem .9rem;display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
header .school{flex:1;font-size:.9rem}
header a,header button{color:#fff;background:transparent;border:1px solid #ffffffaa;border-radius:1rem;padding:.1rem .6rem;font-size:.8rem;text-decoration:none}
main{max-width:40rem;margin:0 auto;padding:.8rem}
h1{font-size:1.35rem;line-height:1.35;margin:.4rem 0 .3rem}
h2{font-size:1.1rem;margin:1.1rem 0 .4rem}
.meta{color:#5d6b63;font-size:.85rem;margin:0 0 .6rem}
.box{background:#fff;border-radius:.6rem;padding:.8rem;margin:.7rem 0;box-shadow:0 1px 2px #0000000f}
.changed{border-left:.3rem solid #d9822b;background:#fff7ec}
.changed ul{margin:.2rem 0;padding-left:1.2rem}
.body{white-space:pre-wrap}
.programme dl{margin:0}
.programme dt{color:#5d6b63;font-size:.85rem;margin-top:.35rem}
.programme dd{margin:0}
table{width:100%;border-collapse:collapse}
th,td{border-bottom:1px solid #e2e8e4;padding:.35rem .3rem;text-align:left;font-size:.95rem}
.fraud{border-left:.3rem solid #c0392b;background:#fdf1ef}
fieldset{border:0;margin:0 0 .8rem;padding:0}
legend{font-weight:600;margin-bottom:.3rem}
label.option{display:flex;gap:.6rem;align-items:center;padding:.55rem .6rem;border:1px solid #cfd8d3;border-radius:.5rem;margin:.35rem 0;background:#fff;min-height:2.6rem}
label.option input{width:1.3rem;height:1.3rem}
.wrong{color:#b03a2e;font-weight:600}
.primary{display:block;width:100%;font-size:1.05rem;padding:.8rem;border:0;border-radius:.6rem;background:#1f6f50;color:#fff;margin:.6rem 0}
.secondary{font-size:.95rem;padding:.5rem .9rem;border:1px solid #1f6f50;border-radius:.6rem;background:#fff;color:#1f6f50}
.done{border-left:.3rem solid #1f6f50;background:#eef7f2;font-weight:600}
.pad{position:relative;width:100%;height:12rem;background:#fff;border:2px dashed #8aa597;border-radius:.6rem}
.pad canvas{position:absolute;inset:0;width:100%;height:100%;touch-action:none}
.row{display:flex;gap:.6rem;align-items:center;justify-content:space-between}
#speak[hidden]{display:none}
.error{color:#b03a2e;font-weight:600}
`;
