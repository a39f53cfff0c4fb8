/* Friches' maps (Leaflet, served by the app):
   - the registry map (#friches-map): sites of the visible area, fetched from the API with the filters;
   - a site's map ([data-friches-site-map]): its point and outline;
   - the picker of the site form ([data-friches-picker]): a click places the point, "Tracer le contour"
     adds the outline's corners one click at a time. */
(function () {
  "use strict";
  if (!window.L) return;
  var L = window.L;
  var COLORS = {
    "friche potentielle": "#a558a0",
    "friche sans projet": "#ce614a",
    "friche avec projet": "#0063cb",
    "friche reconvertie": "#18753c"
  };

  function base(element, options) {
    var map = L.map(element, Object.assign({ minZoom: 5, maxZoom: 19 }, options || {}));
    element.leafletMap = map; // for browser tests and the console
    window.TransitionMap.basemap(map);
    return map;
  }
  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) node.className = className;
    return node;
  }
  /* Without a base map (tiles unreachable, no tile server), each site carries its name, as on
     every map of the platform (geo/basemap.js fires "basemapoffline" and "basemaponline"). */
  function nameWhenOffline(map, marker, name) {
    if (name && window.TransitionMap.isOffline(map)) {
      marker.bindTooltip(name, { permanent: true, direction: "right", offset: [8, 0], className: "transition-map-label" });
    }
    return marker;
  }
  function jsonOf(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try { var value = JSON.parse(node.textContent); return typeof value === "string" && value ? JSON.parse(value) : value || null; }
    catch (e) { return null; }
  }

  // --- The registry map
  var registry = document.getElementById("friches-map");
  if (registry) {
    var map = base(registry, { preferCanvas: true });
    map.setView([46.6, 2.4], 6);
    var extent = (registry.getAttribute("data-extent") || "").split(",").map(parseFloat);
    if (extent.length === 4 && extent.every(isFinite)) map.fitBounds([[extent[1], extent[0]], [extent[3], extent[2]]], { padding: [20, 20], maxZoom: 13 });
    var layer = L.layerGroup().addTo(map);
    var status = document.getElementById("friches-map-status");
    var filters = document.getElementById("friches-map-filters");
    var apiUrl = registry.getAttribute("data-api-url");
    var pending = null;
    function card(p) {
      var box = document.createElement("div");
      box.className = "friches-card";
      box.appendChild(text("h3", p.nom));
      box.appendChild(text("p", p.commune));
      box.appendChild(text("p", p.statut.charAt(0).toUpperCase() + p.statut.slice(1)));
      if (p.type) box.appendChild(text("p", p.type.charAt(0).toUpperCase() + p.type.slice(1)));
      if (p.surface_m2) box.appendChild(text("p", (p.surface_m2 / 10000).toLocaleString("fr-FR", { maximumFractionDigits: 2 }) + " ha"));
      var link = text("a", "Voir la fiche du site", "fr-link");
      link.href = p.url;
      box.appendChild(link);
      return box;
    }
    var lastData = null;
    function draw(data) {
      lastData = data;
      layer.clearLayers();
      data.features.forEach(function (f) {
        var c = f.geometry.coordinates, p = f.properties;
        if (p.groupe) {
          L.circleMarker([c[1], c[0]], { radius: Math.min(26, 6 + 4 * Math.log10(p.nombre + 1) * 2), color: "#000091", weight: 1, fillOpacity: 0.35 })
            .bindTooltip(p.nombre.toLocaleString("fr-FR") + (p.nombre > 1 ? " sites" : " site") + " : zoomez pour les voir")
            .on("click", function () { map.setView([c[1], c[0]], map.getZoom() + 2); })
            .addTo(layer);
          return;
        }
        var marker = L.circleMarker([c[1], c[0]], { radius: 7, color: COLORS[p.statut] || "#666", weight: 2, fillOpacity: 0.7 })
          .bindPopup(function () { return card(p); });
        nameWhenOffline(map, marker, p.nom).addTo(layer);
      });
    }
    map.on("basemapoffline basemaponline", function () { if (lastData) draw(lastData); });
    function load() {
      var b = map.getBounds();
      var params = new URLSearchParams(new FormData(filters));
      params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(","));
      if (pending) pending.abort();
      pending = new AbortController();
      status.textContent = "Chargement des sites…";
      fetch(apiUrl + "?" + params.toString(), { signal: pending.signal, headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          draw(data);
          var n = data.total;
          status.textContent = n === 0 ? "Aucun site dans cette zone avec ces filtres."
            : data.tronque ? n.toLocaleString("fr-FR") + " sites dans cette zone, regroupés : zoomez pour les voir un par un."
            : n.toLocaleString("fr-FR") + (n > 1 ? " sites dans cette zone." : " site dans cette zone.");
        })
        .catch(function (e) { if (e.name !== "AbortError") status.textContent = "La carte n’a pas pu charger les sites. Réessayez dans un instant."; });
    }
    map.on("moveend", load);
    filters.addEventListener("change", load);
    filters.addEventListener("submit", function (e) { e.preventDefault(); load(); });
    load();
  }

  // --- A site's map
  var siteMap = document.querySelector("[data-friches-site-map]");
  if (siteMap) {
    var sm = base(siteMap, { scrollWheelZoom: false });
    var lat = parseFloat(siteMap.getAttribute("data-lat")), lon = parseFloat(siteMap.getAttribute("data-lon"));
    var outline = jsonOf("friches-outline");
    var siteName = siteMap.getAttribute("data-name");
    var siteMarker = nameWhenOffline(sm, L.circleMarker([lat, lon], { radius: 7, color: "#000091", weight: 3, fillOpacity: 0.8 }), siteName).addTo(sm);
    sm.on("basemapoffline", function () { nameWhenOffline(sm, siteMarker, siteName); });
    sm.on("basemaponline", function () { siteMarker.unbindTooltip(); });
    if (outline) {
      var shape = L.geoJSON(outline, { style: { color: "#000091", weight: 2, fillOpacity: 0.15 } }).addTo(sm);
      sm.fitBounds(shape.getBounds(), { padding: [20, 20], maxZoom: 17 });
    } else {
      sm.setView([lat, lon], 16);
    }
  }

  // --- The site form's picker
  var picker = document.querySelector("[data-friches-picker]");
  if (picker) {
    var pm = base(picker);
    var lonInput = document.getElementById("id_lon"), latInput = document.getElementById("id_lat");
    var wktInput = document.getElementById("id_outline_wkt");
    var drawButton = document.getElementById("friches-draw"), clearButton = document.getElementById("friches-clear");
    var help = document.getElementById("friches-picker-help");
    var marker = null, corners = [], polygon = null, drawing = false;
    var existing = jsonOf("friches-outline");
    function place(latlng) {
      if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng, { keyboard: false }).addTo(pm);
    }
    function redraw() {
      if (polygon) pm.removeLayer(polygon);
      polygon = corners.length ? L.polygon(corners, { color: "#000091", weight: 2, fillOpacity: 0.15 }).addTo(pm) : null;
    }
    function writeWkt() {
      if (corners.length < 3) { wktInput.value = ""; return; }
      var ring = corners.concat([corners[0]]).map(function (c) { return c.lng.toFixed(6) + " " + c.lat.toFixed(6); });
      wktInput.value = "POLYGON((" + ring.join(", ") + "))";
    }
    var lon0 = parseFloat(lonInput.value), lat0 = parseFloat(latInput.value);
    if (isFinite(lon0) && isFinite(lat0)) { pm.setView([lat0, lon0], 16); place(L.latLng(lat0, lon0)); }
    else pm.setView([46.6, 2.4], 6);
    if (existing) L.geoJSON(existing, { style: { color: "#666", weight: 1, dashArray: "4 4", fillOpacity: 0.05 } }).addTo(pm);
    pm.on("click", function (e) {
      if (drawing) { corners.push(e.latlng); redraw(); writeWkt(); return; }
      place(e.latlng);
      lonInput.value = e.latlng.lng.toFixed(6);
      latInput.value = e.latlng.lat.toFixed(6);
    });
    drawButton.addEventListener("click", function () {
      drawing = !drawing;
      if (drawing) { corners = []; redraw(); }
      drawButton.textContent = drawing ? "Terminer le contour" : "Tracer le contour";
      help.textContent = drawing ? "Cliquez sur chaque angle du site, puis sur « Terminer le contour »." : (corners.length >= 3 ? "Contour tracé." : "");
      writeWkt();
    });
    clearButton.addEventListener("click", function () { corners = []; drawing = false; drawButton.textContent = "Tracer le contour"; redraw(); wktInput.value = ""; help.textContent = ""; });
  }
})();
