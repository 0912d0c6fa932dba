// Initialise the Europa Component Library's components (header, menu, notifications).
document.addEventListener("DOMContentLoaded", function () {
  if (window.ECL) {
    window.ECL.autoInit();
  }
});
