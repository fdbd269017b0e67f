/**
 * The report's only script: filters the findings table by severity, namespace and framework,
 * and shows only the chosen framework's compliance section. No network, no dependencies.
 */
export const SCRIPT = `
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  var sevButtons = Array.prototype.slice.call(document.querySelectorAll('[data-severity-filter]'));
  var ns = document.getElementById('filter-namespace');
  var fw = document.getElementById('filter-framework');
  var count = document.getElementById('shown-count');
  var empty = document.getElementById('no-match');
  var severity = '';
  function apply() {
    var n = 0;
    rows.forEach(function (r) {
      var ok = (!severity || r.getAttribute('data-severity') === severity) &&
        (!ns.value || r.getAttribute('data-namespace') === ns.value) &&
        (!fw.value || (' ' + r.getAttribute('data-frameworks') + ' ').indexOf(' ' + fw.value + ' ') >= 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    count.textContent = String(n);
    if (empty) empty.hidden = n !== 0 || rows.length === 0;
    Array.prototype.forEach.call(document.querySelectorAll('section.framework'), function (s) {
      s.hidden = !!fw.value && s.getAttribute('data-framework') !== fw.value;
    });
  }
  sevButtons.forEach(function (b) {
    b.addEventListener('click', function () {
      severity = b.getAttribute('data-severity-filter');
      sevButtons.forEach(function (x) { x.setAttribute('aria-pressed', String(x === b)); });
      apply();
    });
  });
  ns.addEventListener('change', apply);
  fw.addEventListener('change', apply);
  apply();
})();
`;
