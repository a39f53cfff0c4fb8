/* The networks map: Leaflet (served by the app), layers fetched as simplified GeoJSON for the
   visible area and zoom, filters, a card per network, an address search, and beside the map the
   same features as a list (the map's alternative for keyboards and screen readers: the canvas
   cannot be reached by Tab).

   A card is a popup of the map, not of the feature: reloading the layers when the map pans to show
   it (or for any other move) does not close it; only the person does. */
(function () {
  "use strict";
  var element = document.getElementById("chaleur-map");
  if (!element || !window.L) return;
  var L = window.L;
  var status = document.getElementById("chaleur-map-status");
  var filters = document.getElementById("chaleur-map-filters");
  var list = document.getElementById("chaleur-map-list");
  var layersUrl = element.getAttribute("data-layers-url");
  var searchUrl = element.getAttribute("data-search-url");

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
  window.TransitionMap.basemap(map);

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
    facts(properties).forEach(function (fact) { box.appendChild(text("p", fact)); });
    if (properties.url) {
      var link = text("a", "Voir la fiche du réseau", "fr-link");
      link.href = properties.url;
      box.appendChild(link);
    }
    return box;
  }
  /* What the card and the list say of a feature, in the units of the network page. */
  function facts(properties) {
    var out = [];
    if (properties.kind === "pdp") out.push("Périmètre de développement prioritaire d’un réseau classé");
    if (properties.rateENRR !== undefined && properties.rateENRR !== null) out.push("Énergies renouvelables et de récupération : " + Math.round(properties.rateENRR) + " %");
    if (properties.rateCO2 !== undefined && properties.rateCO2 !== null) out.push("Contenu CO₂ : " + Math.round(properties.rateCO2 * 1000) + " g/kWh");
    if (properties.isClasse) out.push("Réseau classé");
    if (properties.kind === "construction") out.push(properties.isZone ? "Zone d’un réseau en construction" : "Réseau en construction");
    if (properties.miseEnService) out.push("Mise en service prévue : " + properties.miseEnService);
    if (properties.open === false) out.push("Fermé aux nouveaux raccordements");
    return out;
  }
  order.forEach(function (name) {
    groups[name] = L.geoJSON(null, {
      style: function () { return styles[name]; },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 7, color: styles[name].color, weight: 2, fillOpacity: 0.6 });
      },
      onEachFeature: function (feature, layer) {
        layer.on("click", function (event) { openCard(feature.properties, event.latlng); });
        if (window.TransitionMap.isOffline(map)) label(layer, feature.properties);
      }
    }).addTo(map);
  });

  function openCard(properties, latlng) {
    L.popup({ maxWidth: 320 }).setLatLng(latlng).setContent(card(properties)).openOn(map);
  }
  /* Without a base map, each feature carries its name. */
  function label(layer, properties) {
    if (properties.name) layer.bindTooltip(properties.name, { permanent: true, direction: "center", className: "transition-map-label" });
  }
  map.on("basemapoffline", function () {
    order.forEach(function (name) { groups[name].eachLayer(function (layer) { label(layer, layer.feature.properties); }); });
  });
  map.on("basemaponline", function () {
    order.forEach(function (name) { groups[name].eachLayer(function (layer) { layer.unbindTooltip(); }); });
  });

  /* The list beside the map: every feature of every layer shown, filtered like the map. */
  var layerNames = {};
  order.forEach(function (name) {
    var box = document.getElementById("layer-" + name);
    var labelNode = box && document.querySelector("label[for='layer-" + name + "'] .chaleur-layer-name");
    layerNames[name] = labelNode ? labelNode.textContent.trim() : name;
  });
  function where(layer) {
    var bounds = layer.getBounds ? layer.getBounds() : null;
    return bounds ? bounds.getCenter() : layer.getLatLng();
  }
  function renderList() {
    if (!list) return;
    list.replaceChildren();
    var total = 0;
    var sections = [];
    ["chaleur", "froid", "construction", "pdp"].forEach(function (name) {
      if (enabled(name)) sections.push([layerNames[name], groups[name], describeNetwork]);
    });
    if (demands && (!demandsBox || demandsBox.checked)) sections.push(["Mes demandes", demands, describeDemand]);
    sections.forEach(function (entry) {
      var layers = entry[1].getLayers().slice().sort(function (a, b) {
        return (entry[2](a.feature.properties).title).localeCompare(entry[2](b.feature.properties).title, "fr", { sensitivity: "base", numeric: true });
      });
      var section = document.createElement("section");
      section.className = "fr-mb-3w";
      section.appendChild(text("h3", entry[0] + " (" + layers.length + ")", "fr-h6 fr-mb-1w"));
      if (!layers.length) {
        section.appendChild(text("p", "Aucun dans la zone affichée.", "fr-text--sm"));
      } else {
        var items = document.createElement("ul");
        items.className = "chaleur-map-list";
        layers.forEach(function (layer) {
          var said = entry[2](layer.feature.properties);
          var item = document.createElement("li");
          item.appendChild(text("p", said.title, "fr-text--bold fr-mb-0"));
          if (said.details.length) item.appendChild(text("p", said.details.join(" · "), "fr-text--sm fr-mb-1v"));
          var actions = document.createElement("p");
          actions.className = "fr-mb-1w";
          var show = text("button", "Voir sur la carte", "fr-btn fr-btn--tertiary-no-outline fr-btn--sm");
          show.type = "button";
          show.setAttribute("aria-label", "Voir sur la carte : " + said.title);
          show.addEventListener("click", function () {
            map.setView(where(layer), Math.max(map.getZoom(), 13));
            layer.fire("click", { latlng: where(layer) });
            element.scrollIntoView({ block: "nearest" });
          });
          actions.appendChild(show);
          if (said.url) {
            var link = text("a", said.linkText, "fr-link fr-ml-2w");
            link.href = said.url;
            actions.appendChild(link);
          }
          item.appendChild(actions);
          items.appendChild(item);
        });
        section.appendChild(items);
      }
      total += layers.length;
      list.appendChild(section);
    });
    list.setAttribute("data-count", String(total));
  }
  function describeNetwork(p) {
    var details = facts(p).filter(function (fact) { return fact.indexOf("Périmètre") !== 0; });
    if (p.gestionnaire) details.unshift("Gestionnaire : " + p.gestionnaire);
    return { title: p.name || p.id || "Sans nom", details: details, url: p.url, linkText: "Fiche du réseau" };
  }
  function describeDemand(p) {
    return { title: "Demande n° " + p.id + " : " + p.address, details: ["Statut : " + p.status], url: p.url, linkText: "Ouvrir la demande" };
  }
  var demands = null, demandsBox = null;

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
    ["enr_min", "gestionnaire"].forEach(function (name) {
      var field = filters && filters.elements[name];
      if (field && field.value) params.set(name, field.value);
    });
    // The form asks in g/kWh, as the network pages say; the API takes kg/kWh.
    var co2 = filters && filters.elements.co2_max_g;
    if (co2 && co2.value && isFinite(parseFloat(co2.value))) params.set("co2_max", String(parseFloat(co2.value) / 1000));
    return params.toString();
  }
  var pending = 0;
  function refresh() {
    var params = query();
    order.forEach(function (name) {
      if (controllers[name]) controllers[name].abort();
      if (!enabled(name)) { groups[name].clearLayers(); renderList(); return; }
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
          renderList();
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
    demands = L.geoJSON(null, {
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 6, color: "#ffffff", weight: 2, fillColor: demandColor, fillOpacity: 0.9 });
      },
      onEachFeature: function (feature, layer) {
        layer.on("click", function (event) {
          var p = feature.properties, box = document.createElement("div");
          box.className = "chaleur-card";
          box.appendChild(text("h3", "Demande n° " + p.id));
          box.appendChild(text("p", "Statut : " + p.status));
          box.appendChild(text("p", "Adresse : " + p.address));
          var link = text("a", "Ouvrir la demande", "fr-link");
          link.href = p.url;
          box.appendChild(link);
          L.popup({ maxWidth: 320 }).setLatLng(event.latlng).setContent(box).openOn(map);
        });
      }
    });
    demandsBox = document.getElementById("layer-demandes");
    var showDemands = function () {
      if (!demandsBox || demandsBox.checked) demands.addTo(map); else map.removeLayer(demands);
      renderList();
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
