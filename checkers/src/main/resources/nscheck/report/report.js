// A link to #step-N marks that step in both drawings of the chart, and on a phone (where the wide
// drawing is hidden) scrolls the narrow drawing's row into view instead.
(function () {
  function mark() {
    document.querySelectorAll('.step.target').forEach(function (e) { e.classList.remove('target'); });
    var m = /^#step-(\d+)$/.exec(location.hash);
    if (!m) return;
    document.querySelectorAll('.step[data-step="' + m[1] + '"]').forEach(function (e) { e.classList.add('target'); });
    var wide = document.getElementById('step-' + m[1]);
    var narrow = document.getElementById('narrow-step-' + m[1]);
    if (wide && narrow && wide.getBoundingClientRect().height === 0) narrow.scrollIntoView({block: 'center'});
  }
  window.addEventListener('hashchange', mark);
  mark();
})();
