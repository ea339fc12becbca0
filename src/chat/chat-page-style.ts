/**
 * Mobile-first: one column, big tap targets, the composer pinned to the bottom. Sizes are in rem/em so a larger
 * default font in the browser makes everything larger; on a narrow screen (a phone, or any screen zoomed in)
 * the text box has a row of its own, so it keeps well over ten characters in view. Every colour pair meets
 * WCAG AA (4.5:1 for text, 3:1 for the outlines of controls); test/browser/chat-accessibility.test.ts checks it.
 */
// Served minified from ./chat-page-style.min.ts (`npm run build:page-code` after an edit).
export const CHAT_PAGE_STYLE = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:100%/1.5 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f2f4f3;color:#1d2b24;display:flex;flex-direction:column}
button,input{font:inherit}
.icon{width:1.15em;height:1.15em;vertical-align:-.2em;margin-right:.3em}
header{display:flex;align-items:center;justify-content:space-between;gap:.5em;padding:.6rem .9rem;background:#1f6f50;color:#fff}
header h1{font-size:1.0625rem;margin:0}
header button{background:transparent;color:#fff;border:1px solid #fff;border-radius:1em;padding:.25em .7em;font-size:.875rem;min-height:2.2em;white-space:nowrap}
main{flex:1;overflow-y:auto;padding:.75rem .6rem 1rem;display:flex;flex-direction:column;gap:.5rem}
.bubble{max-width:86%;padding:.55em .75em;border-radius:.9em;white-space:pre-wrap;word-break:break-word}
.bot{align-self:flex-start;background:#fff;border-top-left-radius:.25em;box-shadow:0 1px 1px #0000000f}
.me{align-self:flex-end;background:#d7f1e2;border-top-right-radius:.25em}
.me img{max-width:180px;max-height:180px;border-radius:8px;display:block}
.choices{align-self:flex-start;display:flex;flex-wrap:wrap;gap:.4rem;max-width:92%}
.choices button,.card button,.card a{border:1px solid #1f6f50;background:#fff;color:#1f6f50;border-radius:1.1em;padding:.45em .85em;font-size:.9375rem;min-height:2.75rem;text-decoration:none}
.choices button:disabled,.card button:disabled{background:#e9edeb;color:#46524b;border-color:#7d8a83}
.choices button.chosen,.card button.chosen{background:#1f6f50;color:#fff;border-color:#1f6f50;font-weight:600}
.choices button.chosen::before,.card button.chosen::before{content:"✓ ";content:"✓ " / ""}
.card{align-self:flex-start;background:#fff;border-radius:.75em;padding:.75em;max-width:92%;box-shadow:0 1px 2px #00000014}
.card h2{font-size:1rem;margin:0 0 .4em}
.card .body{white-space:pre-wrap;word-break:break-word}
.card .actions{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.6em}
.notice{align-self:center;color:#4d5a53;font-size:.875rem;text-align:center}
form{display:flex;flex-wrap:wrap;gap:.4rem;padding:.5rem;background:#fff;border-top:1px solid #dfe5e1;padding-bottom:calc(.5rem + env(safe-area-inset-bottom))}
form #text{flex:1 1 100%;min-width:0;font-size:1rem;padding:.55em .75em;border:1px solid #7d8a83;border-radius:1.1em;min-height:2.75rem;color:#1d2b24;background:#fff}
form #text::placeholder{color:#5d6b63}
form .tools{display:flex;flex-wrap:wrap;flex:1 1 100%;gap:.4rem}
form button{border:0;background:#1f6f50;color:#fff;border-radius:1.1em;padding:0 .7em;font-size:.9375rem;min-height:2.75rem;white-space:nowrap}
form #menu,form #photo-button{background:#e8efeb;color:#1f6f50;border:1px solid #7d8a83}
form button[type=submit]{margin-left:auto;min-width:4em}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
@media (min-width:40em){
  form{flex-wrap:nowrap}
  form .tools{display:contents}
  form #menu{order:1}
  form #photo-button{order:2}
  form #text{order:3;flex:1 1 auto}
  form button[type=submit]{order:4;margin-left:0}
}
.staff{background:#fff8e1;border-left:3px solid #e0a800}
.staff.fresh{box-shadow:0 0 0 2px #e0a80055}
.new-replies{color:#7a5a00;font-weight:600}
`;
