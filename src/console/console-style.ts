export const CONSOLE_STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1d2b24;background:#f5f7f6}
.top{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:10px 18px;background:#1f6f50;color:#fff}
.top a{color:#fff;text-decoration:none}
.brand{font-weight:600;font-size:17px;margin-right:12px}
.top nav{display:flex;flex-wrap:wrap;gap:6px 14px;flex:1}
.top nav a{white-space:nowrap}
.who{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center;font-size:13px}
.who a,.who button{white-space:nowrap}
.who form{display:flex;flex-wrap:wrap;gap:6px 8px;align-items:center;margin:0}
.who button{background:transparent;color:#fff;border:1px solid #ffffff99;border-radius:12px;padding:2px 10px}
main{max-width:1100px;margin:0 auto;padding:18px}
h1{font-size:21px;margin:6px 0 16px}
h2{font-size:17px;margin:22px 0 10px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e2e8e4;padding:7px 9px;text-align:left;vertical-align:top;font-size:14px}
th{background:#eef3f0;font-weight:600}
.card{background:#fff;border-radius:10px;padding:16px;margin-bottom:14px;box-shadow:0 1px 2px #0000000f}
.muted{color:#68776f}
tr.has-error td{background:#fdecea}
.ok{color:#1f6f50;font-weight:600}
.warn{color:#a15c00;font-weight:600}
.error{color:#b3261e}
.banner{padding:10px 14px;border-radius:8px;margin-bottom:14px;background:#fff4e5;color:#7a4600}
.banner.good{background:#e6f4ec;color:#14543a}
form.inline{display:inline}
label{display:block;margin:8px 0 4px}
input[type=text],input[type=password],input[type=search],input[type=date],select{font-size:15px;padding:7px 9px;border:1px solid #c6d0ca;border-radius:6px;max-width:100%}
.field input,.field select{width:100%;max-width:420px}
.field{margin-bottom:6px}
.field.has-problem input,.field.has-problem select{border-color:#b3261e;background:#fffafa}
.field-error{color:#b3261e;margin:3px 0 0;font-size:14px}
.hint{margin:3px 0 0;font-size:13px}
.narrow{max-width:560px}
.check{display:block;margin:8px 0}
fieldset{border:0;padding:0;margin:0}
legend{font-weight:600;margin-bottom:6px}
.tabs{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 14px}
.tabs a{padding:5px 12px;border-radius:16px;background:#e6ece8;color:#1f6f50;text-decoration:none;font-size:14px}
.tabs a[aria-current=page]{background:#1f6f50;color:#fff}
.list-tools{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between;margin-bottom:12px}
.list-tools .search{display:flex;gap:6px;flex:1;min-width:0;max-width:420px}
.list-tools .search input{flex:1;min-width:0}
.inline-filter{margin-bottom:8px}
.exports a{color:#1f6f50}
.row-form{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:flex-end}
.row-form .field{margin:0}
.row-form label{margin-top:0;font-size:13px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
td.name{white-space:nowrap}
button.danger{color:#b3261e}
.confirm{border:2px solid #b3261e}
@media (max-width:640px){
main{padding:12px}
.top{padding:8px 12px}
.top nav{flex-basis:100%;flex-wrap:wrap;gap:4px 14px}
main table,main table tbody,main table tr,main table td{display:block;width:100%}
main table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
main table tr{border-bottom:1px solid #d5ddd8;padding:6px 0}
main table td{border:0;padding:3px 12px}
main table td[data-label]::before{content:attr(data-label) "：";color:#68776f;font-size:13px}
main table td:empty{display:none}
input[type=password]{width:100%}
}
button,.button{font-size:14px;background:#1f6f50;color:#fff;border:0;border-radius:6px;padding:7px 14px;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#e6ece8;color:#1f6f50}
.slips{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.slip{background:#fff;border:1px dashed #8aa397;border-radius:8px;padding:12px;display:flex;gap:12px;break-inside:avoid}
.slip .code{font:600 22px/1.2 ui-monospace,Menlo,monospace;letter-spacing:2px;margin:6px 0}
.slip svg{width:110px;height:110px;flex:none}
.slip.void{opacity:.6;border-style:solid}
.slip .link{font:13px ui-monospace,Menlo,monospace;word-break:break-all}
.progress{display:flex;flex-direction:column;gap:3px;min-width:90px}
.progress .bar{display:block;height:6px;background:#e2e8e4;border-radius:3px;overflow:hidden}
.progress .bar span{display:block;height:100%;background:#1f6f50}
.top nav .badge{display:inline-block;min-width:18px;margin-left:4px;padding:0 6px;border-radius:9px;background:#ffd54f;color:#3b2a00;font-size:12px;font-weight:700;text-align:center}
.tabs{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:12px}
.tabs a{padding:4px 12px;border-radius:14px;background:#e6ece8;color:#1f6f50;text-decoration:none}
.tabs a.current{background:#1f6f50;color:#fff}
.threads{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}
.thread a{display:flex;flex-direction:column;gap:2px;background:#fff;border-radius:8px;padding:10px 12px;color:inherit;text-decoration:none;box-shadow:0 1px 2px #0000000f}
.thread.unread a{border-left:4px solid #1f6f50}
.thread.unread .who{font-weight:700}
.thread .dot{display:inline-block;margin-right:6px;padding:0 6px;border-radius:8px;background:#1f6f50;color:#fff;font-size:12px}
.thread .meta{color:#68776f;font-size:13px}
.thread .excerpt{overflow-wrap:anywhere}
.messages{list-style:none;margin:0 0 12px;padding:0;display:flex;flex-direction:column;gap:10px}
.message{background:#fff;border-radius:8px;padding:10px 12px;max-width:720px}
.message.staff{background:#e6f4ec;margin-left:auto}
.message .body{white-space:pre-wrap;overflow-wrap:anywhere}
.message .photo{max-width:220px;max-height:220px;margin-top:6px;border-radius:6px}
textarea{width:100%;font:inherit;padding:8px;border:1px solid #c6d0ca;border-radius:6px}
.filters{display:flex;flex-wrap:wrap;gap:4px 14px;align-items:flex-end}
.filters select,.filters input{min-width:0;max-width:100%}
.filters .buttons{display:flex;gap:8px;align-items:center;padding-bottom:2px}
@media (max-width:640px){table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid #e2e8e4;padding:6px 0}table.stack td{display:block;border:0;padding:2px 9px}table.stack td::before{content:attr(data-label) "：";color:#68776f;font-size:13px}}
@media print{.no-print{display:none}body{background:#fff}main{max-width:none;padding:0}.slip{border-color:#999}}
`;
