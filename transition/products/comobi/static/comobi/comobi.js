/* CoMobi pages: maps drawn from JSON data (no inline script), and fields shown by a choice
   (regular or one-off trip, a date or weekdays). Everything stays usable without JavaScript. */
(function () {
  "use strict";

  var BAND_COLOURS = { "0-5": "#18753c", "5-20": "#b34000", "20-45": "#6a6af4", unmet: "#ce0500" };

  function textOf(label) {
    var node = document.createElement("span");
    node.textContent = label; // never HTML: labels can hold what people typed
    return node;
  }

  function drawMap(node) {
    var source = document.getElementById(node.getAttribute("data-comobi-map"));
    if (!source || typeof L === "undefined") {
      return false;
    }
    var data = JSON.parse(source.textContent);
    var map = L.map(node, { scrollWheelZoom: false });
    window.TransitionMap.basemap(map);
    var bounds = [];
    (data.trips || []).forEach(function (trip) {
      var line = L.polyline([trip.from, trip.to], { color: BAND_COLOURS[trip.band] || "#3a3a3a", weight: 3, opacity: 0.7 });
      line.bindPopup(textOf(trip.label));
      line.addTo(map);
      bounds.push(trip.from, trip.to);
      L.circleMarker(trip.from, { radius: 3, color: BAND_COLOURS[trip.band] || "#3a3a3a" }).addTo(map);
    });
    (data.points || []).forEach(function (point) {
      var marker = L.marker([point.lat, point.lon], {
        icon: L.divIcon({ className: "comobi-marker comobi-marker--" + point.kind, iconSize: [14, 14] }),
        title: point.label,
        alt: point.label
      });
      marker.bindPopup(textOf(point.label));
      marker.addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 13 });
    } else {
      map.setView([46.6, 2.4], 6);
    }
    return true;
  }

  function setupMaps() {
    document.querySelectorAll("[data-comobi-map]").forEach(function (node) {
      var ok = false;
      try {
        ok = drawMap(node);
      } catch (error) {
        ok = false;
      }
      if (!ok) {
        node.hidden = true;
        var message = node.nextElementSibling;
        if (message && message.classList.contains("comobi-map-error")) {
          message.hidden = false;
        }
      }
    });
  }

  function setupChoices() {
    document.querySelectorAll("[data-comobi-choice]").forEach(function (group) {
      var name = group.getAttribute("data-comobi-choice");
      var form = group.closest("form");
      var radios = group.querySelectorAll("input[type=radio]");
      function update() {
        var chosen = "";
        radios.forEach(function (radio) {
          if (radio.checked) {
            chosen = radio.value;
          }
        });
        form.querySelectorAll("[data-comobi-show^='" + name + "=']").forEach(function (block) {
          var wanted = block.getAttribute("data-comobi-show").split("=")[1];
          block.hidden = chosen !== "" && chosen !== wanted;
        });
      }
      radios.forEach(function (radio) {
        radio.addEventListener("change", update);
      });
      update();
    });
  }

  function start() {
    setupMaps();
    setupChoices();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
