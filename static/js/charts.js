// Draws every Plotly figure on the page from its JSON (embedded with json_script), also after
// HTMX swaps in a new fragment. Plotly itself (4 MB) is loaded only once a chart is on the page.
(function () {
  "use strict";

  var plotlySrc = document.currentScript && document.currentScript.dataset.plotly;
  var loading = null;

  function withPlotly(callback) {
    if (window.Plotly) {
      callback();
      return;
    }
    if (!loading) {
      // Plotly would put its styles in inline <style> elements, which the CSP refuses. These
      // markers tell it not to: its own rules come from css/plotly.css (wup/plotly_css.py),
      // and its map library's we do not need (our maps are SVG). tests/wup/test_headers.py
      // checks the ids against the bundled plotly.js.
      [
        ["plotly.js-style-global", "no-inline-styles"],
        ["9f215cf04c5486422605d13261cb87401f4e7763b6296af81e98efbc0130da53", ""],
      ].forEach(function (pair) {
        if (!document.getElementById(pair[0])) {
          var marker = document.createElement("meta");
          marker.id = pair[0];
          marker.className = pair[1];
          document.head.appendChild(marker);
        }
      });
      loading = document.createElement("script");
      loading.src = plotlySrc;
      document.head.appendChild(loading);
    }
    loading.addEventListener("load", callback);
  }

  function draw(root) {
    var elements = root.querySelectorAll("[data-chart]");
    if (!elements.length) {
      return;
    }
    withPlotly(function () {
      elements.forEach(function (element) {
        var source = document.getElementById(element.dataset.chart);
        if (!source) {
          return;
        }
        var figure = JSON.parse(source.textContent);
        window.Plotly.react(element, figure.data, figure.layout, {
          displaylogo: false,
          displayModeBar: false, // its buttons would be focusable inside an aria-hidden chart
          responsive: true,
        });
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
