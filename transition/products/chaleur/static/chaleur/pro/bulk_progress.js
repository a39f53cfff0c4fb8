// Progress of a bulk address test: polls the job's state every 2 s, reloads the page when done.
(function () {
  "use strict";
  var box = document.getElementById("bulk-progress");
  if (!box) { return; }
  var bar = document.getElementById("bulk-progress-bar");
  var label = document.getElementById("bulk-progress-label");
  var note = document.getElementById("bulk-progress-note");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        bar.value = state.progress_pct;
        bar.textContent = state.progress_pct + " %";
        label.textContent = state.status_label + " : " + state.processed + " / " + state.total + " adresses.";
        note.textContent = state.note;
        note.hidden = !state.note;
        if (state.status === "done") { window.location.reload(); return; }
        if (state.status === "failed") { label.textContent = state.error || "Le traitement a échoué."; return; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  if (box.dataset.status !== "failed") { window.setTimeout(poll, 1000); }
})();
