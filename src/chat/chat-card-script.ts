/**
 * Draws result cards and answer sources in the web chat (plain ES2017). Loaded before the page
 * script, which calls `MingbaiCards.card(...)` and `MingbaiCards.sources(...)`. Each programme shows its
 * amount, the source line (effective date · document · status) and two collapsed parts: how to apply with
 * the materials, and "查看依据" with the citation list; so a long card still fits a phone screen.
 */
// Served minified from ./chat-card-script.min.ts (`npm run build:page-code` after an edit).
export const CHAT_CARD_SCRIPT = `
window.MingbaiCards = (function () {
  function details(el, label, items, className) {
    var box = el('details', className);
    box.appendChild(el('summary', '', label));
    var list = el('ul');
    items.forEach(function (item) { list.appendChild(el('li', '', item)); });
    box.appendChild(list);
    return box;
  }
  function sources(el, note, withSummary) {
    var box = el('div', 'sources');
    if (withSummary) box.appendChild(el('div', 'source-line', note.summary));
    box.appendChild(details(el, note.label, note.items, 'source-list'));
    return box;
  }
  function section(el, item) {
    var box = el('div', 'programme');
    box.appendChild(el('div', 'programme-name', item.heading));
    item.lines.forEach(function (line) { box.appendChild(el('div', 'programme-line', line)); });
    if (item.sources) box.appendChild(sources(el, item.sources, true));
    if (item.detail) box.appendChild(details(el, item.detail.label, item.detail.items, 'prepare'));
    return box;
  }
  function card(el, message, send) {
    var node = el('div', 'card');
    node.appendChild(el('h2', '', message.title));
    if (message.sections && message.footer) {
      message.sections.forEach(function (group) {
        node.appendChild(el('h3', '', group.group));
        group.items.forEach(function (item) { node.appendChild(section(el, item)); });
      });
      var footer = el('div', 'card-footer');
      message.footer.forEach(function (line) { footer.appendChild(el('div', '', line)); });
      node.appendChild(footer);
    } else {
      node.appendChild(el('div', 'body', message.body));
    }
    if (message.buttons.length > 0) {
      var actions = el('div', 'actions');
      message.buttons.forEach(function (b) {
        var button;
        if (b.url) { button = el('a', '', b.label); button.href = b.url; button.target = '_blank'; button.rel = 'noopener'; }
        else { button = el('button', '', b.label); button.type = 'button'; button.onclick = function () { send({ type: 'choice', value: b.value }, b.label); }; }
        actions.appendChild(button);
      });
      node.appendChild(actions);
    }
    return node;
  }
  return { card: card, sources: sources };
})();
`;

/** Card and source styles; colours keep at least 4.5:1 contrast on white. */
export const CHAT_CARD_STYLE = `
.card h3{font-size:15px;margin:10px 0 2px;color:#1f6f50}
.card .programme{border-top:1px solid #e3e9e5;padding:6px 0}
.card .programme-name{font-weight:600}
.card .programme-line{font-size:15px}
.card .source-line,.bubble .source-line{font-size:13px;color:#4a5951}
.card details,.bubble details{font-size:14px;margin-top:2px}
.card summary,.bubble summary{color:#1f6f50;cursor:pointer;padding:2px 0}
.card details ul,.bubble details ul{margin:4px 0 2px;padding-left:18px;font-size:13px;color:#33413a}
.card .prepare li{list-style:none;margin-left:-16px}
.card .card-footer{border-top:1px solid #e3e9e5;padding-top:6px;font-size:14px;color:#33413a}
.bubble .sources{white-space:normal;margin-top:4px}
`;
