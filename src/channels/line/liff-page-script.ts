/**
 * The LIFF pages' script (plain ES2017): start the LIFF SDK, log in inside LINE if needed, send the ID token
 * (never a user id) to the server, which checks it with LINE and answers where to go next (the notice, the
 * photo page). A 404 means there is nothing here for this LINE user, which the page says in its own words.
 */
// Served minified from ./liff-page-script.min.ts (`npm run build:page-code` after an edit).
export const LIFF_PAGE_SCRIPT = `
(function () {
  var root = document.getElementById('liff');
  var status = document.getElementById('liff-status');
  function fail() { status.textContent = root.dataset.error; }
  if (!window.liff) { fail(); return; }
  window.liff.init({ liffId: root.dataset.liffId }).then(function () {
    if (!window.liff.isLoggedIn()) { window.liff.login({ redirectUri: location.href }); return; }
    var idToken = window.liff.getIDToken();
    if (!idToken) { fail(); return; }
    return fetch(root.dataset.open, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken: idToken })
    }).then(function (res) {
      if (res.status === 404) { status.textContent = root.dataset.missing; return; }
      if (!res.ok) throw new Error(String(res.status));
      return res.json().then(function (body) { location.replace(body.next); });
    });
  }).catch(fail);
})();
`;
