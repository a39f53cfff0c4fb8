/* Address autocomplete of the "Tester une adresse" form: suggestions from the address search API.
   Without JavaScript (or when the search fails) the form still works: the server geocodes. */
(function () {
  "use strict";
  var form = document.getElementById("chaleur-test-form");
  if (!form) return;
  var input = form.querySelector("input[name=adresse]");
  var list = document.getElementById("chaleur-suggestions");
  var url = form.getAttribute("data-autocomplete-url");
  var hidden = {
    lon: form.querySelector("input[name=lon]"),
    lat: form.querySelector("input[name=lat]"),
    citycode: form.querySelector("input[name=citycode]"),
    label: form.querySelector("input[name=label]")
  };
  var timer = null, controller = null, items = [], active = -1;

  function clearChoice() {
    Object.keys(hidden).forEach(function (key) { hidden[key].value = ""; });
  }
  function close() { list.hidden = true; list.textContent = ""; items = []; active = -1; input.setAttribute("aria-expanded", "false"); }
  function choose(item) {
    input.value = item.label;
    hidden.lon.value = item.lon; hidden.lat.value = item.lat;
    hidden.citycode.value = item.citycode || ""; hidden.label.value = item.label;
    close();
  }
  function highlight(index) {
    var nodes = list.querySelectorAll("li");
    nodes.forEach(function (node, i) { node.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
  }
  function show(found) {
    close();
    items = found;
    if (!found.length) return;
    found.forEach(function (item, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "chaleur-suggestion-" + i;
      li.textContent = item.label;
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(item); });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  input.addEventListener("input", function () {
    clearChoice();
    if (!url) return;
    clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < 3) { close(); return; }
    timer = setTimeout(function () {
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(show)
        .catch(function (error) { if (error.name !== "AbortError") close(); });
    }, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(items[active]); }
    else if (event.key === "Escape") { close(); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
