// Accepting a request: show the agreed deadline the number of days needed leads to, as it is typed.
// The dates come formatted by the server in the page's language (the "deadline-dates" data block).
document.addEventListener("DOMContentLoaded", function () {
  var data = document.getElementById("deadline-dates");
  var input = document.querySelector("input[data-deadline-days]");
  var result = document.querySelector("[data-deadline-result] strong");
  if (!data || !input || !result) {
    return;
  }
  var dates = JSON.parse(data.textContent);
  function show() {
    result.textContent = dates[String(Number(input.value))] || "—";
  }
  input.addEventListener("input", show);
  show();
});
