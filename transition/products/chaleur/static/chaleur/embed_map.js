/* A partner's embedded map: its networks (given in the page as JSON), each with a card linking to
   the network's page on France Chaleur Urbaine (new tab). */
(function () {
  "use strict";
  var element = document.getElementById("embed-map");
  var data = document.getElementById("embed-networks");
  if (!element || !data || !window.L) return;
  var L = window.L;
  var collection = JSON.parse(data.textContent);
  var map = L.map(element, { minZoom: 5, maxZoom: 18 });
  element.leafletMap = map;
  // The platform's base map (geo/basemap.js): tiles, attribution, French controls, offline notice.
  if (window.TransitionMap) window.TransitionMap.basemap(map);
  var networkUrl = element.getAttribute("data-network-url") || "";
  var colors = { chaleur: "#2e8b57", froid: "#0063cb" };
  var layer = L.geoJSON(collection, {
    style: function (feature) { return { color: colors[feature.properties.kind] || "#2e8b57", weight: 4 }; },
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, { radius: 7, color: colors[feature.properties.kind] || "#2e8b57", weight: 2, fillOpacity: 0.6 });
    },
    onEachFeature: function (feature, item) {
      item.bindPopup(function () {
        var box = document.createElement("div");
        var title = document.createElement("h3");
        title.className = "fr-h6";
        title.textContent = feature.properties.name;
        box.appendChild(title);
        if (feature.properties.id) {
          var link = document.createElement("a");
          link.href = networkUrl.replace("IDENTIFIANT", encodeURIComponent(feature.properties.id));
          link.target = "_blank";
          link.rel = "noopener";
          link.textContent = "Voir la fiche du réseau (nouvel onglet)";
          box.appendChild(link);
        }
        return box;
      });
    }
  }).addTo(map);
  element.setAttribute("data-network-count", String(collection.features.length));
  if (collection.features.length) {
    map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 15 });
  } else {
    map.setView([46.6, 2.4], 5);
  }
})();
