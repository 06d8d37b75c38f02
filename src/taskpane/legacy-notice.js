/*
 * Loaded first, before office.js and the pane's bundles, and written in ES5 on purpose (issue 9,
 * item 8; docs/addin.md "Old Office"). ExcelApi 1.8 admits Office 2016 and 2019 on Windows, which
 * show add-ins with Internet Explorer 11 (Trident) or Edge Legacy (EdgeHTML): the pane's ES2022
 * bundle does not even parse there, and the pane would stay blank. This script says, in one
 * sentence, what is needed instead. It also does so where any other web view fails to parse one
 * of our scripts. No inline script: the page's CSP allows none. Not bundled, not transpiled.
 */
(function () {
  var SENTENCE =
    'This add-in needs a newer Excel (Microsoft 365, Office 2021 or later, or Excel on the web): ' +
    'the web view of this Office (Internet Explorer or Edge Legacy in Office 2016 and 2019) cannot run it.';
  var shown = false;

  function show() {
    if (shown) return;
    var body = document.body;
    if (!body) {
      document.addEventListener('DOMContentLoaded', show);
      return;
    }
    shown = true;
    var root = document.getElementById('root');
    if (root) root.setAttribute('hidden', 'hidden');
    var notice = document.createElement('p');
    notice.id = 'legacy-notice';
    notice.setAttribute('role', 'alert');
    notice.style.margin = '16px';
    notice.style.fontFamily = 'Segoe UI, sans-serif';
    notice.appendChild(document.createTextNode(SENTENCE));
    body.insertBefore(notice, body.firstChild);
  }

  var ua = navigator.userAgent || '';
  // Trident (IE11 reports "Trident/7.0"; documentMode is IE only) and EdgeHTML ("Edge/18");
  // Chromium Edge says "Edg/", which does not match.
  if (/Trident\/|MSIE /.test(ua) || document.documentMode || /\bEdge\/\d/.test(ua)) {
    show();
    return;
  }
  // Any other web view that cannot parse our bundles: a SyntaxError in a script of this origin.
  window.addEventListener('error', function (event) {
    var file = event.filename || '';
    var sameOrigin = file.indexOf(location.protocol + '//' + location.host + '/') === 0;
    if (sameOrigin && event.error && event.error.name === 'SyntaxError') show();
  });
})();
