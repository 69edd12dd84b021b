/* actionplan: the filter "only what changed" of a change-marked draft
   (`build --compare`), added after filter.js only in such a draft.
   Progressive enhancement: without this script everything is shown and the
   checkbox stays hidden. Pinned by hash in the page's Content-Security-Policy. */
(function () {
  'use strict';

  var form = document.getElementById('change-filter');
  var box = document.getElementById('only-changed');
  if (!form || !box || !document.body.classList) { return; }

  // A goal stays in view when it, or anything in it, changed.
  Array.prototype.forEach.call(document.querySelectorAll('.goal'), function (g) {
    if (g.classList.contains('is-changed') || g.querySelector('.is-changed')) {
      g.classList.add('has-change');
    }
  });
  form.hidden = false;
  box.addEventListener('change', function () {
    document.body.classList.toggle('only-changed', box.checked);
  });
})();
