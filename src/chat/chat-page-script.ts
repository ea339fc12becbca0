import { CAMERA_ICON } from './camera-icon.js';

/**
 * The web chat's only client code (plain ES2017). It keeps the conversation id and token in
 * localStorage, so reloading the page — or restarting the server — continues the same conversation.
 */
// Served minified from ./chat-page-script.min.ts (`npm run build:page-code` after an edit).
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
  var CAMERA_ICON = ${JSON.stringify(CAMERA_ICON)};

  function label(key) { return (boot.labels[locale] || boot.labels['zh-CN'])[key]; }
  function relabel() {
    document.documentElement.lang = locale;
    document.querySelectorAll('[data-label]').forEach(function (el) { el.textContent = label(el.dataset.label); });
    input.placeholder = label('placeholder');
    input.setAttribute('aria-label', label('placeholder'));
    document.getElementById('photo-button').setAttribute('aria-label', label('photo'));
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
          if (!res.ok) { var err = new Error((data.error && data.error.message) || res.status); err.status = res.status; err.code = data.error && data.error.code; err.data = data; throw err; }
          return data;
        });
      });
  }

  // The option someone picked stays marked (colour, weight and a tick) among the disabled old buttons.
  // A typed answer the server understood marks the matching buttons of the question it answered.
  function markTyped(values) {
    var boxes = log.querySelectorAll('.choices');
    var box = boxes[boxes.length - 1];
    if (!box) return;
    box.querySelectorAll('button').forEach(function (b) {
      if (values.indexOf(b.dataset.value) !== -1) { b.classList.add('chosen'); b.setAttribute('aria-pressed', 'true'); }
    });
  }

  function markChosen(value, shown) {
    var buttons = log.querySelectorAll('.choices button:not(:disabled), .card button:not(:disabled)');
    for (var i = buttons.length - 1; i >= 0; i--) {
      var b = buttons[i];
      if (b.dataset.value === value || (shown && b.textContent === shown)) {
        b.classList.add('chosen');
        b.setAttribute('aria-pressed', 'true');
        return;
      }
    }
  }

  function disableOld() { log.querySelectorAll('.choices button, .card .actions button').forEach(function (b) { b.disabled = true; }); }

  function choiceButtons(choices) {
    var box = el('div', 'choices');
    choices.forEach(function (choice) {
      lastChoices[choice.value] = choice.label;
      var button = el('button', '', choice.label);
      button.type = 'button';
      button.dataset.value = choice.value;
      button.onclick = function () { send({ type: 'choice', value: choice.value }, choice.label); };
      box.appendChild(button);
    });
    return box;
  }

  // A message a staff member wrote (an inbox reply; its text names the author) stands out; fresh ones are marked.
  function renderStaff(message, fresh) {
    var bubble = el('div', fresh ? 'bubble bot staff fresh' : 'bubble bot staff', message.text);
    bubble.dataset.from = message.from;
    log.appendChild(bubble);
  }

  function renderBot(message, fresh) {
    if (message.type === 'text' && message.from) return renderStaff(message, fresh);
    if (message.type === 'text') {
      if (message.chosen) markTyped(message.chosen);
      var answer = el('div', 'bubble bot', message.text);
      if (message.sources) answer.appendChild(MingbaiCards.sources(el, message.sources, false));
      log.appendChild(answer);
    }
    if (message.type === 'choices') { log.appendChild(el('div', 'bubble bot', message.text)); log.appendChild(choiceButtons(message.choices)); }
    if (message.type === 'image_request') {
      log.appendChild(el('div', 'bubble bot', message.text));
      var box = el('div', 'choices');
      var pick = el('button');
      pick.innerHTML = CAMERA_ICON;
      pick.appendChild(document.createTextNode(label('photo')));
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
    if (message.type === 'card') log.appendChild(MingbaiCards.card(el, message, send));
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
    if (event.type === 'choice') markChosen(event.value, shown);
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
      var seen = saved.seenSeq || 0;
      var fresh = 0;
      data.messages.forEach(function (m) {
        var isNew = m.direction === 'out' && m.payload.from && m.seq > seen;
        if (isNew && fresh === 0) log.appendChild(el('div', 'notice new-replies', label('new_reply')));
        if (isNew) fresh++;
        if (m.direction === 'out') renderBot(m.payload, isNew);
        else {
          if (m.payload.type === 'choice') markChosen(m.payload.value, lastChoices[m.payload.value]);
          disableOld();
          renderMine(m.payload);
        }
        lastSeq = m.seq;
      });
      if (fresh > 0) markUnread(fresh);
      session.seenSeq = lastSeq;
      save();
      scroll();
    }, failed);
  }

  // Replies that arrived since the last visit show in the tab title until the parent does something here.
  // The tab title counts staff replies not yet seen and notices not yet opened, e.g. "(1) 明白 · 学生资助助手".
  var unreadReplies = 0;
  var unreadNotices = 0;
  function updateTitle() {
    var count = unreadReplies + unreadNotices;
    document.title = count > 0 ? '(' + count + ') ' + baseTitle : baseTitle;
  }
  function markUnread(count) {
    unreadReplies = count;
    updateTitle();
    function clear() {
      unreadReplies = 0;
      updateTitle();
      document.removeEventListener('pointerdown', clear);
      document.removeEventListener('keydown', clear);
    }
    document.addEventListener('pointerdown', clear);
    document.addEventListener('keydown', clear);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    // Too long: say so in the chat and keep the text in the box to shorten, instead of cutting it.
    var count = Array.from(text).length;
    if (count > boot.maxChars) {
      var warning = el('div', 'bubble bot', label('message_too_long').replace('{count}', count).replace('{max}', boot.maxChars));
      warning.setAttribute('role', 'alert');
      log.appendChild(warning);
      scroll();
      return;
    }
    input.value = '';
    send({ type: 'text', text: text });
  });
  document.getElementById('photo-button').onclick = function () { photo.click(); };
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
      // A photo nobody asked for, or one too many: Mingbai says so in the chat.
      if (err.data && err.data.messages) { err.data.messages.forEach(renderBot); return scroll(); }
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
      unreadNotices = unread.length;
      updateTitle();
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
