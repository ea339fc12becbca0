/**
 * The web chat's only client code (plain ES2017, no build step). It keeps the conversation id and token in
 * localStorage, so reloading the page — or restarting the server — continues the same conversation.
 */
export const CHAT_PAGE_SCRIPT = `
(function () {
  var boot = JSON.parse(document.getElementById('boot').textContent);
  var STORE = 'mingbai.chat';
  var log = document.getElementById('log');
  var form = document.getElementById('composer');
  var input = document.getElementById('text');
  var photo = document.getElementById('photo');
  var session = null;
  var lastChoices = {};
  var lastSeq = 0;
  var locale = boot.locale;

  function label(key) { return (boot.labels[locale] || boot.labels['zh-CN'])[key]; }
  function relabel() {
    document.documentElement.lang = locale;
    document.querySelectorAll('[data-label]').forEach(function (el) { el.textContent = label(el.dataset.label); });
    input.placeholder = label('placeholder');
    document.querySelector('.photo').setAttribute('aria-label', label('photo'));
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function scroll() { log.scrollTop = log.scrollHeight; }
  function notice(text) { log.appendChild(el('div', 'notice', text)); scroll(); }

  function api(method, path, body, isForm) {
    var headers = {};
    if (session) headers.authorization = 'Bearer ' + session.token;
    if (body && !isForm) headers['content-type'] = 'application/json';
    return fetch('/api/chat' + path, { method: method, headers: headers, body: isForm ? body : body && JSON.stringify(body) })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (data) {
          if (!res.ok) { var err = new Error((data.error && data.error.message) || res.status); err.status = res.status; err.code = data.error && data.error.code; throw err; }
          return data;
        });
      });
  }

  function disableOld() { log.querySelectorAll('.choices button, .card button').forEach(function (b) { b.disabled = true; }); }

  function choiceButtons(choices) {
    var box = el('div', 'choices');
    choices.forEach(function (choice) {
      lastChoices[choice.value] = choice.label;
      var button = el('button', '', choice.label);
      button.type = 'button';
      button.onclick = function () { send({ type: 'choice', value: choice.value }, choice.label); };
      box.appendChild(button);
    });
    return box;
  }

  function renderBot(message) {
    if (message.type === 'text') log.appendChild(el('div', 'bubble bot', message.text));
    if (message.type === 'choices') { log.appendChild(el('div', 'bubble bot', message.text)); log.appendChild(choiceButtons(message.choices)); }
    if (message.type === 'image_request') {
      log.appendChild(el('div', 'bubble bot', message.text));
      var box = el('div', 'choices');
      var pick = el('button', '', '📷 ' + label('photo'));
      pick.type = 'button';
      pick.onclick = function () { photo.click(); };
      box.appendChild(pick);
      if (message.skip) {
        var skip = message.skip;
        var skipButton = el('button', '', skip.label);
        skipButton.type = 'button';
        skipButton.onclick = function () { send({ type: 'choice', value: skip.value }, skip.label); };
        box.appendChild(skipButton);
      }
      log.appendChild(box);
    }
    if (message.type === 'link') {
      var bubble = el('div', 'bubble bot', message.text + '\\n');
      var a = el('a', '', message.label);
      a.href = message.url; a.target = '_blank'; a.rel = 'noopener';
      bubble.appendChild(a);
      log.appendChild(bubble);
    }
    if (message.type === 'card') {
      var card = el('div', 'card');
      card.appendChild(el('h2', '', message.title));
      card.appendChild(el('div', 'body', message.body));
      var actions = el('div', 'actions');
      message.buttons.forEach(function (b) {
        var node;
        if (b.url) { node = el('a', '', b.label); node.href = b.url; node.target = '_blank'; node.rel = 'noopener'; }
        else { node = el('button', '', b.label); node.type = 'button'; node.onclick = function () { send({ type: 'choice', value: b.value }, b.label); }; }
        actions.appendChild(node);
      });
      card.appendChild(actions);
      log.appendChild(card);
    }
  }

  function renderMine(event) {
    if (event.type === 'text') log.appendChild(el('div', 'bubble me', event.text));
    if (event.type === 'choice') log.appendChild(el('div', 'bubble me', lastChoices[event.value] || event.value));
    if (event.type === 'image') {
      var bubble = el('div', 'bubble me');
      var img = el('img');
      img.alt = label('photo_sent');
      bubble.appendChild(img);
      log.appendChild(bubble);
      fetch('/api/chat/conversations/' + session.id + '/uploads/' + event.uploadId, { headers: { authorization: 'Bearer ' + session.token } })
        .then(function (r) { return r.ok ? r.blob() : null; })
        .then(function (b) { if (b) img.src = URL.createObjectURL(b); });
    }
  }

  function showReply(data) {
    disableOld();
    if (data.locale && data.locale !== locale) { locale = data.locale; session.locale = locale; save(); relabel(); }
    data.messages.forEach(renderBot);
    scroll();
  }

  function save() { localStorage.setItem(STORE, JSON.stringify(session)); }

  function send(event, shown) {
    if (!session) return;
    disableOld();
    if (event.type === 'choice') log.appendChild(el('div', 'bubble me', shown || event.value));
    else renderMine(event);
    scroll();
    return api('POST', '/conversations/' + session.id + '/messages', event).then(showReply, failed);
  }

  function failed(err) {
    if (err.status === 404) { localStorage.removeItem(STORE); return start(); }
    notice(label('network_error'));
  }

  function start() {
    session = null;
    log.textContent = '';
    return api('POST', '/conversations', { locale: locale }).then(function (data) {
      session = { id: data.conversationId, token: data.token, locale: data.locale };
      save();
      showReply(data);
    }, function () { notice(label('network_error')); });
  }

  function resume(saved) {
    session = saved;
    locale = saved.locale || locale;
    relabel();
    return api('GET', '/conversations/' + saved.id + '/messages').then(function (data) {
      data.messages.forEach(function (m) {
        if (m.direction === 'out') renderBot(m.payload); else { disableOld(); renderMine(m.payload); }
        lastSeq = m.seq;
      });
      scroll();
    }, failed);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ type: 'text', text: text });
  });
  document.getElementById('menu').onclick = function () { send({ type: 'choice', value: 'cmd:menu' }, label('menu')); };
  // "New chat" clears the screen but keeps the conversation: in web chat the conversation is who you are,
  // so the children you linked stay linked.
  document.getElementById('new-chat').onclick = function () {
    if (!session) return start();
    log.textContent = '';
    send({ type: 'choice', value: 'cmd:menu' }, label('menu'));
  };
  photo.addEventListener('change', function () {
    var file = photo.files && photo.files[0];
    if (!file || !session) return;
    photo.value = '';
    var body = new FormData();
    body.append('file', file);
    notice(label('uploading'));
    api('POST', '/conversations/' + session.id + '/images', body, true).then(function (data) {
      renderMine({ type: 'image', uploadId: data.upload.id });
      showReply(data);
    }, function (err) {
      var key = err.code === 'body_too_large' ? 'upload_too_large' : err.code === 'unsupported_media_type' ? 'upload_not_image' : 'network_error';
      notice(label(key));
    });
  });

  // A binding slip's QR code opens /chat?bind=CODE: go straight to linking with the code filled in.
  var bindCode = new URLSearchParams(location.search).get('bind');
  function afterReady() {
    if (!bindCode || !session) return;
    var code = bindCode;
    bindCode = null;
    history.replaceState(null, '', location.pathname);
    send({ type: 'choice', value: 'cmd:bind' }, label('bind')).then(function () { return send({ type: 'text', text: code }); });
  }

  // Notices arrive without the parent asking: look for them now and then, show the ones not on screen yet,
  // and put the number not yet opened in the page title, e.g. "(1) 明白 · 学生资助助手".
  var baseTitle = document.title;
  function shown(url) { return Array.prototype.some.call(log.querySelectorAll('.card a'), function (a) { return a.getAttribute('href') === url; }); }
  function checkNotices() {
    if (!session) return;
    api('GET', '/conversations/' + session.id + '/notices').then(function (data) {
      var unread = data.unread || [];
      document.title = unread.length > 0 ? '(' + unread.length + ') ' + baseTitle : baseTitle;
      if (!unread.some(function (n) { return !shown(n.url); })) return;
      return api('GET', '/conversations/' + session.id + '/messages?after=' + lastSeq).then(function (page) {
        page.messages.forEach(function (m) {
          var p = m.payload;
          if (m.direction === 'out' && p.type === 'card' && p.buttons.some(function (b) { return b.url && b.url.indexOf('/n/') === 0 && !shown(b.url); })) renderBot(p);
        });
        scroll();
      });
    }, function () {});
  }
  setInterval(checkNotices, 20000);
  document.addEventListener('visibilitychange', function () { if (!document.hidden) checkNotices(); });

  var saved = null;
  try { saved = JSON.parse(localStorage.getItem(STORE) || 'null'); } catch (e) { saved = null; }
  (saved && saved.id && saved.token ? resume(saved) : start()).then(afterReady).then(checkNotices);
})();
`;
