// The portal's additions to Django's admin behaviour.
//
// On a narrow screen Django's admin lets a table of inline rows (an answer option's list, a question
// set's questions) scroll sideways inside its group. When the rows are read-only nothing inside can
// take the focus, so a keyboard could not scroll to the hidden columns (axe:
// scrollable-region-focusable): such a group becomes a focusable region named by its heading.
document.addEventListener("DOMContentLoaded", function () {
  var focusable = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]";
  document.querySelectorAll(".inline-group").forEach(function (group) {
    if (group.querySelector(focusable)) {
      return;
    }
    var heading = group.querySelector(".inline-heading");
    group.setAttribute("tabindex", "0");
    group.setAttribute("role", "region");
    if (heading && heading.id) {
      group.setAttribute("aria-labelledby", heading.id);
    }
  });
});
