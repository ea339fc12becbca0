/**
 * The guardian page's script (plain ES2017): 大字 (remembered), 朗读 with the phone's own speech
 * synthesis in the notice's language (the button stays hidden when no voice for it exists), and on the signing
 * page the signature pad: devicePixelRatio handled, and resizing keeps the strokes (the canvas is only resized
 * when its width really changes, and the strokes are drawn again with fromData(toData())).
 */
// Served minified from ./guardian-page-script.min.ts (`npm run build:page-code` after an edit).
export const GUARDIAN_PAGE_SCRIPT = `
(function () {
  var root = document.documentElement;
  var LARGE = 'mingbai.largeText';
  if (localStorage.getItem(LARGE) === '1') root.classList.add('large');
  var large = document.getElementById('large');
  if (large) large.onclick = function () {
    var on = root.classList.toggle('large');
    localStorage.setItem(LARGE, on ? '1' : '0');
    if (window.resizePad) window.resizePad();
  };

  var speak = document.getElementById('speak');
  var synth = window.speechSynthesis;
  var speechLang = speak && speak.dataset.lang;
  function voiceFor(lang) {
    if (!synth) return null;
    var want = lang.toLowerCase();
    var base = want.split('-')[0];
    var voices = synth.getVoices();
    var exact = voices.filter(function (v) { return v.lang.toLowerCase().replace('_', '-') === want; })[0];
    if (exact) return exact;
    if (base === 'zh') return null;
    return voices.filter(function (v) { return v.lang.toLowerCase().split(/[-_]/)[0] === base; })[0] || null;
  }
  function offerSpeech() {
    if (!speak || !voiceFor(speechLang)) return;
    speak.hidden = false;
  }
  if (speak && synth) {
    offerSpeech();
    if (synth.addEventListener) synth.addEventListener('voiceschanged', offerSpeech);
    speak.onclick = function () {
      if (synth.speaking) { synth.cancel(); speak.textContent = speak.dataset.start; return; }
      var text = Array.prototype.map.call(document.querySelectorAll('[data-speak]'), function (el) { return el.innerText; }).join('\\n');
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = speechLang;
      utterance.voice = voiceFor(speechLang);
      utterance.rate = 0.9;
      utterance.onend = function () { speak.textContent = speak.dataset.start; };
      speak.textContent = speak.dataset.stop;
      synth.speak(utterance);
    };
  }

  var canvas = document.getElementById('signature');
  if (!canvas || !window.SignaturePad) return;
  var pad = new window.SignaturePad(canvas, { minWidth: 1, maxWidth: 3, penColor: '#111' });
  var lastWidth = 0;
  function resizePad() {
    var ratio = Math.max(window.devicePixelRatio || 1, 1);
    var width = canvas.offsetWidth, height = canvas.offsetHeight;
    if (width === lastWidth && canvas.height === Math.round(height * ratio)) return;
    lastWidth = width;
    var data = pad.toData();
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.getContext('2d').scale(ratio, ratio);
    pad.clear();
    pad.fromData(data);
  }
  window.resizePad = resizePad;
  window.addEventListener('resize', resizePad);
  resizePad();
  document.getElementById('clear').onclick = function () { pad.clear(); };

  var form = document.getElementById('sign-form');
  var status = document.getElementById('sign-status');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (pad.isEmpty()) { status.textContent = form.dataset.empty; return; }
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    var body = {
      answers: JSON.parse(form.dataset.answers),
      strokes: pad.toData(),
      width: canvas.offsetWidth,
      height: canvas.offsetHeight,
      png: pad.toDataURL('image/png')
    };
    fetch(form.action, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        location.replace(form.dataset.done);
      })
      .catch(function () { button.disabled = false; status.textContent = form.dataset.error; });
  });
})();
`;
