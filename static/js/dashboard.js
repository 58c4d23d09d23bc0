/* The recruitment chart of the dashboard (Chart.js, vendored). The same figures are in a table. */
(function () {
  "use strict";
  const data = document.getElementById("recruitment-data");
  const canvas = document.getElementById("recruitment-chart");
  if (!data || !canvas || typeof Chart === "undefined") return;
  const series = JSON.parse(data.textContent);
  const labels = document.getElementById("recruitment-labels").dataset;
  // A target far above the figures would squash their line to the bottom: the axis then follows
  // the figures, and the target is said in the chart's subtitle instead of drawn off the scale.
  const highest = Math.max(0, ...series.recruited);
  const target = series.target.length ? series.target[0] : 0;
  const targetOffScale = highest > 0 && target > 2 * highest;
  const datasets = [
    { label: labels.recruited, data: series.recruited, borderColor: "#0b4f6c", backgroundColor: "#0b4f6c", tension: 0.2, pointStyle: "circle" },
  ];
  if (!targetOffScale) {
    datasets.push({ label: labels.target, data: series.target, borderColor: "#b00020", backgroundColor: "#b00020", borderDash: [6, 4], pointStyle: "rectRot" });
  }
  new Chart(canvas, {
    type: "line",
    data: { labels: series.labels, datasets: datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        subtitle: { display: targetOffScale, text: labels.targetOffScale },
      },
      scales: {
        x: { title: { display: true, text: labels.month } },
        y: { beginAtZero: true, title: { display: true, text: labels.people }, ticks: { precision: 0 } },
      },
    },
  });
  canvas.dataset.targetOffScale = String(targetOffScale);
  canvas.dataset.rendered = "true";
})();
