/* The workbench's two helpers; the page works without them. A canned reply's button puts its text
   into the note and picks "message" or "note"; the notice of other viewers is kept current by
   polling while the page is visible. */
(function () {
  "use strict";
  var note = document.getElementById("note-form");
  if (note) {
    note.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-canned]");
      if (!button) { return; }
      var text = note.querySelector("textarea");
      text.value = button.getAttribute("data-canned");
      var choice = note.querySelector("input[name=public][value='" + button.getAttribute("data-public") + "']");
      if (choice) { choice.checked = true; }
      text.focus();
    });
  }

  var viewers = document.getElementById("viewers");
  if (!viewers || !window.fetch) { return; }
  var every = (parseInt(viewers.getAttribute("data-poll"), 10) || 20) * 1000;
  function poll() {
    if (document.hidden) { return; }
    fetch(viewers.getAttribute("data-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        viewers.hidden = !data.others.length;
        viewers.textContent = viewers.getAttribute("data-template").replace("{names}", data.others.join("、"));
      })
      .catch(function () { /* offline for a moment: keep what is shown */ });
  }
  window.setInterval(poll, every);
  document.addEventListener("visibilitychange", poll);
})();
