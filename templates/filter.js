/* actionplan: filtering the measures by responsible body and by status,
   and tab stops only on table boxes that scroll.
   Progressive enhancement: without this script every measure is shown, the
   filter form stays hidden and every table box is a tab stop. Inlined into the page and pinned by hash in
   its Content-Security-Policy; it reads the page and makes no request. */
(function () {
  'use strict';

  var form = document.getElementById('filter');
  if (!form || !form.querySelectorAll) { return; }

  var measures = Array.prototype.slice.call(document.querySelectorAll('.measure[data-responsible]'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('.measures'));
  var responsible = form.elements.namedItem('responsible');
  var status = form.elements.namedItem('status');
  var count = document.getElementById('filter-count');
  var showing = form.getAttribute('data-showing') || '';
  var of = form.getAttribute('data-of') || '/';
  var noun = form.getAttribute('data-noun') || '';

  function apply(announce) {
    var body = responsible ? responsible.value : '';
    var state = status ? status.value : '';
    var shown = 0;
    measures.forEach(function (m) {
      var match = (!body || m.getAttribute('data-responsible') === body) &&
        (!state || m.getAttribute('data-status') === state);
      m.hidden = !match;
      if (match) { shown += 1; }
    });
    // A goal whose measures are all filtered out says so instead of
    // leaving an empty space under its heading.
    groups.forEach(function (g) {
      var note = g.querySelector('.no-match');
      if (!note) { return; }
      var any = g.querySelector('.measure[data-responsible]:not([hidden])');
      note.hidden = Boolean(any);
    });
    if (count && announce) {
      count.textContent = (body || state)
        ? [showing, shown, of, measures.length, noun].join(' ').trim()
        : '';
    }
  }

  // Jumping to a measure (a link from a review comment, the contents or the
  // timeline table) must never land on a hidden one: clear the filter first.
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    var target = document.getElementById(id);
    if (target && target.hidden && target.hasAttribute('data-responsible')) {
      form.reset();
      apply(true);
      target.scrollIntoView();
    }
  }

  form.addEventListener('change', function () { apply(true); });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    apply(true);
  });
  // `reset` fires before the controls get their default values back.
  form.addEventListener('reset', function () {
    window.setTimeout(function () { apply(true); }, 0);
  });
  window.addEventListener('hashchange', reveal);

  // Wide tables scroll sideways in their own box. Such a box must be
  // reachable by keyboard (the HTML gives each tabindex="0"), but a box
  // whose table fits needs no tab stop of its own.
  var scrollers = Array.prototype.slice.call(document.querySelectorAll('.table-wrap'));
  var pending = false;
  function fitScrollers() {
    pending = false;
    scrollers.forEach(function (w) {
      if (w.scrollWidth > w.clientWidth + 1) {
        w.setAttribute('tabindex', '0');
      } else {
        w.removeAttribute('tabindex');
      }
    });
  }
  function refit() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(fitScrollers);
    }
  }
  window.addEventListener('resize', refit);
  document.addEventListener('toggle', refit, true); // a <details> opened

  // Browsers may restore a select's value on back/forward navigation.
  apply(false);
  form.hidden = false;
  fitScrollers();
  reveal();
}());
