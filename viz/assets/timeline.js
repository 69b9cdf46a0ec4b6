// govkg timeline page: legend checkboxes show and hide adoption curves.
(function () {
  "use strict";
  document.querySelectorAll("input.series-toggle").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll('[data-series="' + box.getAttribute("data-series") + '"]').forEach(function (el) {
        if (el !== box) { el.classList.toggle("off", !box.checked); }
      });
    });
  });
  window.govkg = { drawnAt: performance.now() };
  document.body.setAttribute("data-drawn", "1");
})();
