// Warn before a session ends for inactivity, and let the user keep it.
document.addEventListener("DOMContentLoaded", function () {
  var warning = document.getElementById("session-warning");
  if (!warning) {
    return;
  }
  var lifetime = Number(warning.dataset.sessionSeconds) * 1000;
  var notice = Number(warning.dataset.warnSeconds) * 1000;
  var timers = [];

  function schedule() {
    timers.forEach(clearTimeout);
    warning.hidden = true;
    timers = [
      setTimeout(function () {
        warning.hidden = false;
        warning.querySelector("button").focus();
      }, Math.max(lifetime - notice, 0)),
      // The session is over: reloading shows the login page.
      setTimeout(function () {
        window.location.reload();
      }, lifetime + 1000),
    ];
  }

  warning.querySelector("button").addEventListener("click", function () {
    fetch(warning.dataset.pingUrl, { credentials: "same-origin" }).then(schedule);
  });
  schedule();
});
