/**
 * The /apply page's script (plain ES2017, no build step): each chosen photo is drawn on a canvas at most 1600 px
 * on its longer side and sent as a JPEG (smaller uploads on a slow connection; the canvas also drops every
 * metadata segment). The server still checks and strips each one. A photo the browser cannot decode (HEIC on
 * most Android phones) is sent as it is. Messages come from the page's data attributes, in the guardian's language.
 */
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
        var body = new FormData();
        body.append('kind', job.kind);
        body.append('file', blob, 'photo.jpg');
        return fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin' });
      }).then(function (response) {
        return response.json().then(function (json) {
          if (response.ok) {
            sent++;
            var count = document.querySelector('[data-count="' + job.kind + '"]');
            if (count) {
              count.textContent = json.count;
              var box = count.closest('.doc');
              if (box) box.classList.remove('missing');
            }
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
