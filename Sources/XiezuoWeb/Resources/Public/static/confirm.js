// A form with data-confirm="question" asks before it is sent (cancelling a project, disabling an account): the
// question names what will happen, and "cancel" leaves the page as it was.
document.addEventListener("submit", function (event) {
  "use strict";
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { event.preventDefault(); }
});
