// Initialise the Europa Component Library's components (header, menu, notifications).
document.addEventListener("DOMContentLoaded", function () {
  if (window.ECL) {
    window.ECL.autoInit();
  }
  // "Select all" of a group of checkboxes (the questions of a question set): hidden without this script.
  document.querySelectorAll("[data-select-all]").forEach(function (button) {
    var group = button.closest("fieldset");
    button.hidden = false;
    button.addEventListener("click", function () {
      group.querySelectorAll('input[type="checkbox"]').forEach(function (checkbox) {
        checkbox.checked = true;
      });
      var status = group.querySelector('[role="status"]');
      if (status) {
        status.textContent = button.dataset.selectedMessage;
      }
    });
  });
});
