/** Mobile-first: one column, big tap targets, the composer pinned to the bottom. */
export const CHAT_PAGE_STYLE = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:16px/1.5 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f2f4f3;color:#1d2b24;display:flex;flex-direction:column}
header{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:#1f6f50;color:#fff}
header h1{font-size:17px;margin:0}
header button{background:transparent;color:#fff;border:1px solid #ffffff88;border-radius:14px;padding:4px 10px;font-size:13px}
main{flex:1;overflow-y:auto;padding:12px 10px 16px;display:flex;flex-direction:column;gap:8px}
.bubble{max-width:86%;padding:9px 12px;border-radius:14px;white-space:pre-wrap;word-break:break-word}
.bot{align-self:flex-start;background:#fff;border-top-left-radius:4px;box-shadow:0 1px 1px #0000000f}
.me{align-self:flex-end;background:#d7f1e2;border-top-right-radius:4px}
.me img{max-width:180px;max-height:180px;border-radius:8px;display:block}
.choices{align-self:flex-start;display:flex;flex-wrap:wrap;gap:6px;max-width:92%}
.choices button,.card button,.card a{border:1px solid #1f6f50;background:#fff;color:#1f6f50;border-radius:16px;padding:7px 13px;font-size:15px;text-decoration:none}
.choices button:disabled,.card button:disabled{opacity:.45}
.card{align-self:flex-start;background:#fff;border-radius:12px;padding:12px;max-width:92%;box-shadow:0 1px 2px #00000014}
.card h2{font-size:16px;margin:0 0 6px}
.card .body{white-space:pre-wrap;word-break:break-word}
.card .actions{display:flex;flex-wrap:wrap;gap:6px;margin-top:10px}
.notice{align-self:center;color:#6b7a72;font-size:13px}
.staff{background:#fff8e1;border-left:3px solid #e0a800}
.staff .from{font-size:13px;font-weight:600;color:#7a5a00;margin-bottom:2px}
.staff.fresh{box-shadow:0 0 0 2px #e0a80055}
.new-replies{color:#7a5a00;font-weight:600}
form{display:flex;gap:6px;padding:8px;background:#fff;border-top:1px solid #dfe5e1;padding-bottom:calc(8px + env(safe-area-inset-bottom))}
form input[type=text],form #text{flex:1;min-width:0;font-size:16px;padding:9px 12px;border:1px solid #c9d3cd;border-radius:18px}
form button{border:0;background:#1f6f50;color:#fff;border-radius:18px;padding:0 14px;font-size:15px}
form #menu{background:#e8efeb;color:#1f6f50}
form .photo{display:flex;align-items:center;justify-content:center;width:40px;font-size:20px;cursor:pointer}
`;
