/* The networks map: Leaflet (served by the app), layers fetched as simplified GeoJSON for the
   visible area and zoom, filters, a card per network, an address search. */
(function () {
  "use strict";
  var element = document.getElementById("chaleur-map");
  if (!element || !window.L) return;
  var L = window.L;
  var status = document.getElementById("chaleur-map-status");
  var filters = document.getElementById("chaleur-map-filters");
  var layersUrl = element.getAttribute("data-layers-url");
  var searchUrl = element.getAttribute("data-search-url");
  var tilesUrl = element.getAttribute("data-tiles-url");

  var lat = parseFloat(element.getAttribute("data-lat"));
  var lon = parseFloat(element.getAttribute("data-lon"));
  var zoom = parseInt(element.getAttribute("data-zoom"), 10);
  var map = L.map(element, { preferCanvas: true, minZoom: 5, maxZoom: 18 });
  element.leafletMap = map; // for browser tests and the console
  if (isFinite(lat) && isFinite(lon)) {
    map.setView([lat, lon], isFinite(zoom) ? zoom : 15);
    L.circleMarker([lat, lon], { radius: 7, color: "#000091", weight: 3, fillOpacity: 0.8 }).addTo(map);
  } else {
    // First view: where the networks are (all of France with the national data), else France.
    var extent = (element.getAttribute("data-extent") || "").split(",").map(parseFloat);
    if (extent.length === 4 && extent.every(isFinite)) {
      map.fitBounds([[extent[1], extent[0]], [extent[3], extent[2]]], { padding: [20, 20], maxZoom: 14 });
    } else {
      map.setView([46.6, 2.4], 6);
    }
  }
  if (tilesUrl) {
    L.tileLayer(tilesUrl, { attribution: element.getAttribute("data-tiles-attribution") || "", maxZoom: 19 }).addTo(map);
  }

  var styles = {
    chaleur: { color: "#2e8b57", weight: 4 },
    froid: { color: "#0063cb", weight: 4 },
    construction: { color: "#c445be", weight: 4, dashArray: "6 6", fillOpacity: 0.25 },
    pdp: { color: "#c99700", weight: 1, fillColor: "#f0bb00", fillOpacity: 0.3 }
  };
  var order = ["pdp", "construction", "froid", "chaleur"];
  var groups = {}, controllers = {};

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) node.className = className;
    return node;
  }
  function card(properties) {
    var box = document.createElement("div");
    box.className = "chaleur-card";
    box.appendChild(text("h3", properties.name || properties.id || "Réseau"));
    if (properties.id) box.appendChild(text("p", "Identifiant : " + properties.id));
    if (properties.gestionnaire) box.appendChild(text("p", "Gestionnaire : " + properties.gestionnaire));
    if (properties.rateENRR !== undefined && properties.rateENRR !== null) box.appendChild(text("p", "Énergies renouvelables et de récupération : " + Math.round(properties.rateENRR) + " %"));
    if (properties.rateCO2 !== undefined && properties.rateCO2 !== null) box.appendChild(text("p", "Contenu CO₂ : " + properties.rateCO2 + " kg/kWh"));
    if (properties.isClasse) box.appendChild(text("p", "Réseau classé"));
    if (properties.kind === "construction") box.appendChild(text("p", properties.isZone ? "Zone d’un réseau en construction" : "Réseau en construction"));
    if (properties.miseEnService) box.appendChild(text("p", "Mise en service prévue : " + properties.miseEnService));
    if (properties.open === false) box.appendChild(text("p", "Fermé aux nouveaux raccordements"));
    if (properties.url) {
      var link = text("a", "Voir la fiche du réseau", "fr-link");
      link.href = properties.url;
      box.appendChild(link);
    }
    return box;
  }
  order.forEach(function (name) {
    groups[name] = L.geoJSON(null, {
      style: function () { return styles[name]; },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 7, color: styles[name].color, weight: 2, fillOpacity: 0.6 });
      },
      onEachFeature: function (feature, layer) { layer.bindPopup(function () { return card(feature.properties); }); }
    }).addTo(map);
  });

  function enabled(name) {
    var box = document.getElementById("layer-" + name);
    return !box || box.checked;
  }
  function query() {
    var bounds = map.getBounds();
    var params = new URLSearchParams({
      bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(function (v) { return v.toFixed(5); }).join(","),
      zoom: String(map.getZoom())
    });
    ["enr_min", "co2_max", "gestionnaire"].forEach(function (name) {
      var field = filters && filters.elements[name];
      if (field && field.value) params.set(name, field.value);
    });
    return params.toString();
  }
  var pending = 0;
  function refresh() {
    var params = query();
    order.forEach(function (name) {
      if (controllers[name]) controllers[name].abort();
      if (!enabled(name)) { groups[name].clearLayers(); return; }
      controllers[name] = new AbortController();
      pending += 1;
      status.textContent = "Chargement des réseaux…";
      fetch(layersUrl.replace("LAYER", name) + "?" + params, { signal: controllers[name].signal })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          groups[name].clearLayers();
          groups[name].addData(data);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") status.textContent = "Les réseaux n’ont pas pu être chargés. Réessayez.";
        })
        .finally(function () {
          pending -= 1;
          if (pending === 0 && status.textContent === "Chargement des réseaux…") status.textContent = "";
        });
    });
  }
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(refresh, 150); }
  map.on("moveend", later);
  if (filters) {
    filters.addEventListener("change", later);
    filters.addEventListener("submit", function (event) { event.preventDefault(); later(); });
  }
  refresh();

  /* "Mes demandes": only when the page was given the URL (a signed-in person the back-office lets
     see demands). Loaded once; the checkbox shows or hides the layer. */
  var demandsUrl = element.getAttribute("data-demands-url");
  if (demandsUrl) {
    var demandColor = "#b34000";
    var demands = L.geoJSON(null, {
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 6, color: "#ffffff", weight: 2, fillColor: demandColor, fillOpacity: 0.9 });
      },
      onEachFeature: function (feature, layer) {
        layer.bindPopup(function () {
          var p = feature.properties, box = document.createElement("div");
          box.className = "chaleur-card";
          box.appendChild(text("h3", "Demande n° " + p.id));
          box.appendChild(text("p", "Statut : " + p.status));
          box.appendChild(text("p", "Adresse : " + p.address));
          var link = text("a", "Ouvrir la demande", "fr-link");
          link.href = p.url;
          box.appendChild(link);
          return box;
        });
      }
    });
    var demandsBox = document.getElementById("layer-demandes");
    var showDemands = function () {
      if (!demandsBox || demandsBox.checked) demands.addTo(map); else map.removeLayer(demands);
    };
    if (demandsBox) demandsBox.addEventListener("change", showDemands);
    fetch(demandsUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        demands.addData(data);
        element.setAttribute("data-demands-count", String(data.features.length));
        showDemands();
        // Without a place asked for, an operator lands on their own demands rather than on France.
        if (!(isFinite(lat) && isFinite(lon)) && data.features.length) map.fitBounds(demands.getBounds(), { maxZoom: 14, padding: [20, 20] });
      })
      .catch(function () { status.textContent = "Vos demandes n’ont pas pu être chargées. Rechargez la page."; });
  }

  var search = document.getElementById("chaleur-map-search");
  var searchError = document.getElementById("chaleur-map-search-error");
  var searchErrorText = searchError && searchError.querySelector("p");
  var marker = null;
  if (search) {
    search.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = search.elements.q.value.trim();
      searchError.hidden = true;
      if (value.length < 3) { searchErrorText.textContent = "Saisissez au moins 3 caractères."; searchError.hidden = false; return; }
      fetch(searchUrl + "?q=" + encodeURIComponent(value), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
        .then(function (answer) {
          if (!answer.ok) throw new Error(answer.body.message || "Recherche impossible.");
          if (!answer.body.length) throw new Error("Adresse introuvable : vérifiez-la ou précisez la commune.");
          var best = answer.body[0];
          if (marker) map.removeLayer(marker);
          marker = L.circleMarker([best.lat, best.lon], { radius: 8, color: "#000091", weight: 3, fillOpacity: 0.8 }).addTo(map);
          marker.bindPopup(text("p", best.label)).openPopup();  // text: a label is never HTML
          map.setView([best.lat, best.lon], 16);
        })
        .catch(function (error) { searchErrorText.textContent = error.message; searchError.hidden = false; });
    });
  }
})();
