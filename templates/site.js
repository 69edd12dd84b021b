/* actionplan: searching, filtering and sorting the site index.
   Progressive enhancement: without this script every plan is shown, grouped
   by owner, and the form stays hidden. The orders are computed beforehand
   (each row's data-rank-*); this only compares numbers. Inlined into the
   page and pinned by hash in its Content-Security-Policy; it reads the page
   and makes no request. */
(function () {
  'use strict';

  var form = document.getElementById('filter');
  var table = document.getElementById('plans');
  if (!form || !table || !form.querySelectorAll || !table.tBodies) { return; }

  var slice = function (list) { return Array.prototype.slice.call(list); };
  var rows = slice(table.querySelectorAll('tr[data-search]'));
  var columns = table.tHead ? table.tHead.rows[0].cells.length : 1;
  var field = function (name) { return form.elements.namedItem(name); };
  var query = field('q');
  var owner = field('owner');
  var status = field('status');
  var overdue = field('overdue');
  var sort = field('sort');
  var count = document.getElementById('filter-count');
  var none = document.getElementById('no-match');
  var showing = form.getAttribute('data-showing') || '{shown} / {total}';
  // The orders that put plans under headings, and the attribute that names the heading.
  var heading = { owner: 'data-owner', status: 'data-status-label' };
  var arranged = 'owner';

  // Puts the rows in the chosen order, under one heading per owner or
  // status when sorting by those, as the page comes without the script.
  function arrange() {
    var key = (sort && sort.value) || 'owner';
    if (key === arranged) { return; }
    arranged = key;
    var rank = function (row) { return Number(row.getAttribute('data-rank-' + key)) || 0; };
    var sorted = rows.slice().sort(function (a, b) { return rank(a) - rank(b); });
    slice(table.tBodies).forEach(function (t) { table.removeChild(t); });
    var body = null;
    var current = null;
    sorted.forEach(function (row) {
      var label = heading[key] ? row.getAttribute(heading[key]) : null;
      if (!body || label !== current) {
        body = document.createElement('tbody');
        if (label !== null) {
          var tr = document.createElement('tr');
          var th = document.createElement('th');
          tr.className = 'group-row';
          th.scope = 'rowgroup';
          th.colSpan = columns;
          th.textContent = label;
          tr.appendChild(th);
          body.appendChild(tr);
        }
        table.appendChild(body);
        current = label;
      }
      body.appendChild(row);
    });
  }

  function apply(announce) {
    arrange();
    var terms = ((query && query.value) || '').toLowerCase().split(/\s+/).filter(Boolean);
    var who = owner ? owner.value : '';
    var state = status ? status.value : '';
    var late = Boolean(overdue && overdue.checked);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-search') || '';
      var match = terms.every(function (t) { return text.indexOf(t) !== -1; }) &&
        (!who || row.getAttribute('data-owner') === who) &&
        (!state || row.getAttribute('data-status') === state) &&
        (!late || row.hasAttribute('data-overdue'));
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    // A heading whose plans are all filtered out goes with them.
    slice(table.tBodies).forEach(function (t) {
      t.hidden = !t.querySelector('tr[data-search]:not([hidden])');
    });
    if (none) { none.hidden = shown > 0; }
    if (count && announce) {
      var filtered = terms.length || who || state || late;
      count.textContent = filtered
        ? showing.replace('{shown}', shown).replace('{total}', rows.length)
        : '';
    }
  }

  form.addEventListener('input', function () { apply(true); });
  form.addEventListener('change', function () { apply(true); });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    apply(true);
  });
  // `reset` fires before the controls get their default values back.
  form.addEventListener('reset', function () {
    window.setTimeout(function () { apply(true); }, 0);
  });

  // The table scrolls sideways in its own box when it does not fit; such a
  // box must be reachable by keyboard, a box whose table fits needs no tab stop.
  var wrap = table.parentElement;
  var pending = false;
  function fit() {
    pending = false;
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute('tabindex', '0');
    } else {
      wrap.removeAttribute('tabindex');
    }
  }
  window.addEventListener('resize', function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(fit);
    }
  });

  // Browsers may restore the controls' values on back/forward navigation.
  apply(false);
  form.hidden = false;
  fit();
}());
