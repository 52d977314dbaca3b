/* Draws the dashboard's charts with Chart.js from the JSON each chart embeds (json_script).
 * The table beside each chart holds the same figures; without JavaScript it is all there is. */
(function () {
  "use strict";

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function withAlpha(hex, alpha) {
    if (typeof hex !== "string" || hex.charAt(0) !== "#" || hex.length !== 7) return hex;
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  function formatter(unit) {
    var nf = new Intl.NumberFormat(document.documentElement.lang || undefined, {
      maximumFractionDigits: unit === "percent" ? 1 : 0,
    });
    return function (v) {
      if (v === null || v === undefined) return "—";
      if (unit === "percent") return nf.format(v) + "%";
      if (unit === "rm") return "RM " + nf.format(v);
      return nf.format(v);
    };
  }

  function config(data) {
    var kind = data.kind;
    var type = kind === "hbar" || kind === "stacked" ? "bar" : kind;
    var fmt = formatter(data.unit);
    var datasets = data.datasets.map(function (d) {
      var ds = { label: d.label, data: d.data, backgroundColor: d.colour, borderColor: d.colour };
      if (type === "bar") ds.maxBarThickness = 44;
      if (type === "line") {
        ds.backgroundColor = withAlpha(d.colour, 0.15);
        ds.tension = 0;
        ds.pointRadius = 3;
      }
      return ds;
    });
    var showLegend = kind === "doughnut" || datasets.length > 1;
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: reduceMotion ? false : { duration: 300 },
      plugins: {
        legend: { display: showLegend, position: kind === "doughnut" ? "right" : "bottom" },
        tooltip: {
          callbacks: {
            label: function (ctx) {
              var v = ctx.raw;
              return (ctx.dataset.label ? ctx.dataset.label + ": " : "") + fmt(v);
            },
          },
        },
      },
    };
    if (type !== "doughnut") {
      var valueAxis = { beginAtZero: true, ticks: { precision: 0, callback: function (v) { return fmt(v); } } };
      var axisLabels = data.axis_labels || data.labels;
      var labelAxis = {
        ticks: {
          autoSkip: kind !== "hbar",
          callback: function (value) {
            var label = String(axisLabels[value] === undefined ? value : axisLabels[value]);
            return label.length > 30 ? label.slice(0, 29) + "…" : label;
          },
        },
      };
      if (kind === "hbar") {
        options.indexAxis = "y";
        options.scales = { x: valueAxis, y: labelAxis };
      } else {
        options.scales = { x: labelAxis, y: valueAxis };
      }
      if (kind === "stacked") {
        options.scales.x.stacked = true;
        options.scales.y.stacked = true;
      }
    }
    // Tooltips and the legend keep the full labels; only the axis is shortened.
    return { type: type, data: { labels: data.labels, datasets: datasets }, options: options };
  }

  function draw(root) {
    if (!window.Chart || !root || !root.querySelectorAll) return;
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) return;
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      canvas.dataset.drawn = "1";
      new window.Chart(canvas, config(JSON.parse(source.textContent)));
    });
  }

  function forget(root) {
    if (!window.Chart || !root || !root.querySelectorAll) return;
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var chart = window.Chart.getChart(canvas);
      if (chart) chart.destroy();
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:beforeSwap", function (e) { forget(e.detail.target); });
  document.addEventListener("htmx:afterSettle", function (e) { draw(e.detail.target || document); });
})();
