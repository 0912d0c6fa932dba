// The deadline fields, as they are typed: accepting a request shows the date the number of days
// needed leads to; changing the deadline shows how many calendar days from today the new date is,
// or that it must be after today. Both count from the server's today, never the browser's clock.
(function () {
  var DAY = 24 * 60 * 60 * 1000;

  // A calendar date written YYYY-MM-DD as a day number, or null: no time zone, no daylight saving.
  function dayNumber(iso) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!match) {
      return null;
    }
    return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY;
  }

  // Accept: the dates come formatted by the server in the page's language (the "deadline-dates"
  // data block), one per number of days the form accepts.
  function daysToDate() {
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
  }

  // Change deadline: the number of calendar days from today (requests_app.workflow.days_until).
  function dateToDays() {
    var input = document.querySelector("input[data-deadline-date]");
    var count = document.querySelector("[data-deadline-count]");
    var tooEarly = document.querySelector("[data-deadline-too-early]");
    if (!input || !count || !tooEarly) {
      return;
    }
    var today = dayNumber(input.getAttribute("data-deadline-today"));
    function show() {
      var chosen = dayNumber(input.value);
      var days = chosen === null || today === null ? null : chosen - today;
      var after = days !== null && days > 0;
      count.hidden = !after;
      tooEarly.hidden = after;
      count.querySelector("strong").textContent = after ? String(days) : "";
    }
    input.addEventListener("input", show);
    input.addEventListener("change", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    daysToDate();
    dateToDays();
  });
})();
