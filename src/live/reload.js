
/* actionplan serve: reloads the page when a newer build is ready, keeping
   the reader's place. Only in served pages, never in files build writes. */
(function () {
  'use strict';
  var generation = document.currentScript.getAttribute('data-generation');
  var key = 'actionplan-scroll:' + location.pathname;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      var at = saved.split(',');
      window.scrollTo(Number(at[0]) || 0, Number(at[1]) || 0);
    }
  } catch (e) { /* no session storage: reload at the top */ }
  var events = new EventSource('/_actionplan/events');
  events.addEventListener('build', function (event) {
    if (event.data === generation) return;
    events.close();
    try {
      sessionStorage.setItem(key, window.scrollX + ',' + window.scrollY);
    } catch (e) { /* as above */ }
    location.reload();
  });
})();
