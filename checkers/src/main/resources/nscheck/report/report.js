// Highlights the step a link points at (#step-N), so a link into a long chart shows where it lands.
(function () {
  function mark() {
    document.querySelectorAll('.step.target').forEach(function (e) { e.classList.remove('target'); });
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.classList && el.classList.contains('step')) el.classList.add('target');
  }
  window.addEventListener('hashchange', mark);
  mark();
})();
