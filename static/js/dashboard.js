/* The recruitment chart of the dashboard (Chart.js, vendored). The same figures are in a table. */
(function () {
  "use strict";
  const data = document.getElementById("recruitment-data");
  const canvas = document.getElementById("recruitment-chart");
  if (!data || !canvas || typeof Chart === "undefined") return;
  const series = JSON.parse(data.textContent);
  const labels = document.getElementById("recruitment-labels").dataset;
  new Chart(canvas, {
    type: "line",
    data: {
      labels: series.labels,
      datasets: [
        { label: labels.recruited, data: series.recruited, borderColor: "#0b4f6c", backgroundColor: "#0b4f6c", tension: 0.2, pointStyle: "circle" },
        { label: labels.target, data: series.target, borderColor: "#b00020", backgroundColor: "#b00020", borderDash: [6, 4], pointStyle: "rectRot" },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } },
  });
  canvas.dataset.rendered = "true";
})();
