// Draws every Plotly figure on the page from its JSON (embedded with json_script), also after
// HTMX swaps in a new fragment. The figure is described by the server; this file only draws it.
(function () {
  "use strict";

  function draw(root) {
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.dataset.chart);
      if (!source || !window.Plotly) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      window.Plotly.react(element, figure.data, figure.layout, {
        displayModeBar: false, // its buttons would be focusable inside an aria-hidden chart
        responsive: true,
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    draw(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    draw(event.target);
  });
})();
