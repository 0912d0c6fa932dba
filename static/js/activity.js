// The chart of requests sent and received per month; the table beside it holds the same figures.
document.addEventListener("DOMContentLoaded", function () {
  var data = document.getElementById("activity-data");
  var canvas = document.getElementById("activity-chart");
  if (!data || !canvas || !window.Chart) {
    return;
  }
  var figures = JSON.parse(data.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: figures.labels,
      datasets: [
        { label: figures.sentLabel, data: figures.sent, backgroundColor: "#004494" },
        { label: figures.receivedLabel, data: figures.received, backgroundColor: "#b35900" },
      ],
    },
    options: { responsive: true, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
});
