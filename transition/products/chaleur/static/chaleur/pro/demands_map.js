// Map of the demands in the back-office: markers from the GeoJSON of the current filters.
(function () {
  "use strict";
  var element = document.getElementById("demands-map");
  if (!element || typeof L === "undefined") { return; }
  var map = L.map(element, { attributionControl: true }).setView([46.6, 2.4], 5);
  window.TransitionMap.basemap(map);
  fetch(element.dataset.geojson, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 7, weight: 2, color: "#000091", fillColor: feature.properties.status_code === "a_traiter" ? "#ce614a" : "#6a6af4", fillOpacity: 0.8 });
        },
        onEachFeature: function (feature, marker) {
          var box = document.createElement("div");
          var link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.address;
          var status = document.createElement("p");
          status.textContent = feature.properties.status;
          box.appendChild(link);
          box.appendChild(status);
          marker.bindPopup(box);
        }
      }).addTo(map);
      if (data.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 15, padding: [20, 20] }); }
    })
    .catch(function () {
      var error = document.getElementById("demands-map-error");
      if (error) { error.hidden = false; }
    });
})();
