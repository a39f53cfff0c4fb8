// Choosing an email template fills the message with its text (the person can then edit it).
(function () {
  "use strict";
  var data = document.getElementById("email-templates");
  var select = document.querySelector("#email-form select[name=template]");
  var body = document.querySelector("#email-form textarea[name=body]");
  if (!data || !select || !body) { return; }
  var templates = JSON.parse(data.textContent);
  select.addEventListener("change", function () {
    if (templates[select.value]) { body.value = templates[select.value]; }
  });
})();
