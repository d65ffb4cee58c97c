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
      // Plotly would put its styles in an inline <style>, which the CSP refuses; this marker
      // tells it not to: they come from css/plotly.css (made by wup/plotly_css.py).
      if (!document.getElementById("plotly.js-style-global")) {
        var marker = document.createElement("meta");
        marker.id = "plotly.js-style-global";
        marker.className = "no-inline-styles";
        document.head.appendChild(marker);
      }
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
