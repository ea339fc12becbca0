/**
 * The /apply page's script (plain ES2017): each chosen photo is drawn on a canvas at most 1600 px
 * on its longer side and sent as a JPEG (smaller uploads on a slow connection; the canvas also drops every
 * metadata segment). The server still checks and strips each one. A photo the browser cannot decode (HEIC on
 * most Android phones) is sent as it is. Each photo sent is listed from the phone's copy, with a button that takes it
 * off the application again. Messages come from the page's data attributes, in the guardian's language.
 */
// Served minified from ./apply-page-script.min.ts (`npm run build:page-code` after an edit).
export const APPLY_PAGE_SCRIPT = `
(function () {
  var MAX = 1600;
  var form = document.getElementById('photos');
  if (!form) return;
  var status = document.getElementById('status');
  function say(text) { status.textContent = text; }
  function showChosen(input) {
    var line = form.querySelector('[data-chosen="' + input.name + '"]');
    var count = input.files ? input.files.length : 0;
    if (line) line.textContent = count ? form.dataset.chosen.replace('{count}', count) : '';
  }
  form.querySelectorAll('input[type=file]').forEach(function (input) {
    input.addEventListener('change', function () { showChosen(input); });
  });
  function shrink(file) {
    return new Promise(function (resolve) {
      if (!window.createImageBitmap) return resolve(file);
      createImageBitmap(file, { imageOrientation: 'from-image' }).then(function (bitmap) {
        var scale = Math.min(1, MAX / Math.max(bitmap.width, bitmap.height));
        var canvas = document.createElement('canvas');
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) { resolve(blob || file); }, 'image/jpeg', 0.85);
      }, function () { resolve(file); });
    });
  }
  function setCount(kind, value) {
    var count = form.querySelector('[data-count="' + kind + '"]');
    if (!count) return;
    count.textContent = value;
    var box = count.closest('.doc');
    if (box) box.classList.toggle('missing', value === 0);
  }
  // A photo just sent is shown from the phone's own copy (nothing is fetched back), with a button to take it off.
  function listSent(kind, id, blob) {
    var list = form.querySelector('[data-sent="' + kind + '"]');
    if (!list || !id) return;
    var item = document.createElement('li');
    var image = document.createElement('img');
    image.alt = form.dataset.photo;
    image.src = URL.createObjectURL(blob);
    image.addEventListener('error', function () { image.removeAttribute('src'); });
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = form.dataset.remove;
    remove.addEventListener('click', function () {
      remove.disabled = true;
      fetch(form.action + '/' + encodeURIComponent(id), { method: 'DELETE', credentials: 'same-origin' })
        .then(function (response) {
          return response.json().then(function (json) {
            if (!response.ok) throw new Error(json.error && json.error.message || String(response.status));
            setCount(kind, json.count);
            URL.revokeObjectURL(image.src);
            item.remove();
            say(form.dataset.removed);
          });
        })
        .catch(function (error) { remove.disabled = false; say(error.message); });
    });
    item.appendChild(image);
    item.appendChild(remove);
    list.appendChild(item);
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var inputs = form.querySelectorAll('input[type=file]');
    var jobs = [];
    inputs.forEach(function (input) {
      Array.prototype.forEach.call(input.files, function (file) { jobs.push({ kind: input.name, file: file }); });
    });
    if (jobs.length === 0) return say(form.dataset.none);
    var sent = 0, refused = [];
    var button = form.querySelector('button');
    button.disabled = true;
    say(form.dataset.sending.replace('{count}', jobs.length));
    var chain = Promise.resolve();
    jobs.forEach(function (job) {
      chain = chain.then(function () { return shrink(job.file); }).then(function (blob) {
        job.blob = blob;
        var body = new FormData();
        body.append('kind', job.kind);
        body.append('file', blob, 'photo.jpg');
        return fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin' });
      }).then(function (response) {
        return response.json().then(function (json) {
          if (response.ok) {
            sent++;
            setCount(job.kind, json.count);
            listSent(job.kind, json.id, job.blob);
          } else refused.push(job.file.name + '：' + (json.error && json.error.message || response.status));
        });
      }, function () { refused.push(job.file.name); });
    });
    chain.then(function () {
      button.disabled = false;
      inputs.forEach(function (input) { input.value = ''; showChosen(input); });
      var text = form.dataset.done.replace('{count}', sent);
      if (refused.length) text += '\\n' + form.dataset.refused + '\\n' + refused.join('\\n');
      say(text);
    });
  });
})();
`;
