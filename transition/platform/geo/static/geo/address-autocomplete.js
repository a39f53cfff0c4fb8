/* Address autocomplete for geo.forms.AddressField: asks /api/geo/search while the person types,
   shows a list that arrows, Enter, Escape and the mouse drive (ARIA combobox), and fills the
   hidden label/lon/lat/citycode/postcode inputs with the chosen address. */
(function () {
  "use strict";

  var DELAY_MS = 200;
  var MIN_CHARS = 3;

  function setup(root) {
    var input = root.querySelector("[data-geo-text]");
    var list = document.getElementById(root.getAttribute("data-geo-list"));
    var status = root.querySelector("[data-geo-status]");
    var url = root.getAttribute("data-geo-url");
    var hidden = {
      label: root.querySelector("[data-geo-label]"),
      lon: root.querySelector("[data-geo-lon]"),
      lat: root.querySelector("[data-geo-lat]"),
      citycode: root.querySelector("[data-geo-citycode]"),
      postcode: root.querySelector("[data-geo-postcode]")
    };
    if (!input || !list || !url) {
      return;
    }
    input.setAttribute("aria-controls", list.id);
    var features = [];
    var active = -1;
    var timer = null;
    var controller = null;

    function clearChoice() {
      Object.keys(hidden).forEach(function (key) {
        if (hidden[key]) {
          hidden[key].value = "";
        }
      });
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var feature = features[index];
      if (!feature) {
        return;
      }
      var props = feature.properties;
      input.value = props.label;
      hidden.label.value = props.label;
      hidden.lon.value = feature.geometry.coordinates[0];
      hidden.lat.value = feature.geometry.coordinates[1];
      hidden.citycode.value = props.citycode || "";
      if (hidden.postcode) {
        hidden.postcode.value = props.postcode || "";
      }
      status.textContent = "Adresse choisie : " + props.label;
      close();
    }

    function render() {
      list.textContent = "";
      features.forEach(function (feature, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.className = "geo-address__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = feature.properties.label;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input
          choose(i);
        });
        list.appendChild(option);
      });
      if (features.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = features.length + (features.length > 1 ? " adresses proposées" : " adresse proposée") +
          ", flèches pour parcourir, Entrée pour choisir.";
      } else {
        close();
        status.textContent = "Aucune adresse trouvée.";
      }
      active = -1;
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < MIN_CHARS) {
        features = [];
        close();
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(q) + "&limit=5&autocomplete=1", {
        headers: { Accept: "application/json" },
        signal: controller.signal
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          features = data.features || [];
          render();
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            features = [];
            close();
            status.textContent = "La recherche d'adresse est indisponible ; l'adresse saisie sera vérifiée à l'envoi.";
          }
        });
    }

    input.addEventListener("input", function () {
      clearChoice();
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        if (event.key === "ArrowDown" && features.length) {
          render();
          highlight(0);
          event.preventDefault();
        }
        return;
      }
      if (event.key === "ArrowDown") {
        highlight((active + 1) % features.length);
        event.preventDefault();
      } else if (event.key === "ArrowUp") {
        highlight(active <= 0 ? features.length - 1 : active - 1);
        event.preventDefault();
      } else if (event.key === "Enter") {
        if (active >= 0) {
          choose(active);
          event.preventDefault();
        }
      } else if (event.key === "Escape") {
        close();
        event.preventDefault();
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 100);
    });
  }

  function init() {
    document.querySelectorAll("[data-geo-address]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
