/* The map of a bulk test's addresses, coloured by result and filtered like the table below it
   (the table is its list alternative). */
(function () {
  "use strict";
  var element = document.getElementById("bulk-map");
  if (!element || typeof L === "undefined") return;
  var status = document.getElementById("bulk-map-status");
  var colours = { oui: "#18753c", construction: "#c445be", a_confirmer: "#b34000", non: "#666666" };
  var map = L.map(element).setView([46.6, 2.4], 5);
  window.TransitionMap.basemap(map);
  fetch(element.getAttribute("data-geojson"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 6, color: "#ffffff", weight: 1, fillColor: colours[feature.properties.result] || "#000091", fillOpacity: 0.9 });
        },
        onEachFeature: function (feature, marker) {
          var p = feature.properties, box = document.createElement("div");
          [["strong", "Ligne " + p.line + " : " + p.address], ["p", p.tested ? "Testée : " + p.tested : ""], ["p", p.label]].forEach(function (part) {
            if (!part[1]) return;
            var node = document.createElement(part[0]);
            node.textContent = part[1];
            box.appendChild(node);
          });
          marker.bindPopup(box);
        }
      }).addTo(map);
      element.setAttribute("data-count", String(data.features.length));
      if (data.features.length) map.fitBounds(layer.getBounds(), { maxZoom: 15, padding: [20, 20] });
      status.textContent = data.features.length >= 5000 ? "La carte montre les 5 000 premières adresses du filtre ; le tableau les liste toutes." : "";
    })
    .catch(function () { status.textContent = "La carte n’a pas pu être chargée : le tableau ci-dessous liste les adresses."; });
})();
