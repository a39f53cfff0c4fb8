/* A network's own map on its page: its trace or position, and its PDP, given in the page as JSON. */
(function () {
  "use strict";
  var element = document.getElementById("network-map");
  var data = document.getElementById("network-geometry");
  if (!element || !data || !window.L) return;
  var L = window.L;
  var collection = JSON.parse(data.textContent);
  var map = L.map(element, { minZoom: 5, maxZoom: 18, scrollWheelZoom: false });
  element.leafletMap = map;
  // The platform's base map (geo/basemap.js): tiles, attribution, French controls, offline notice.
  if (window.TransitionMap) window.TransitionMap.basemap(map);
  var styles = {
    chaleur: { color: "#2e8b57", weight: 4 },
    froid: { color: "#0063cb", weight: 4 },
    pdp: { color: "#c99700", weight: 1, fillColor: "#f0bb00", fillOpacity: 0.3 }
  };
  var layer = L.geoJSON(collection, {
    style: function (feature) { return styles[feature.properties.layer] || styles.chaleur; },
    pointToLayer: function (feature, latlng) {
      var style = styles[feature.properties.layer] || styles.chaleur;
      return L.circleMarker(latlng, { radius: 8, color: style.color, weight: 2, fillOpacity: 0.6 });
    }
  }).addTo(map);
  element.setAttribute("data-feature-count", String(collection.features.length));
  if (collection.features.length) {
    map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 16 });
  } else {
    map.setView([46.6, 2.4], 5);
  }
})();
