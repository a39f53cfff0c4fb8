/* Every map's base layer and French controls, the same in every product.

   Loaded after Leaflet and before a product's map script (template geo/map_scripts.html). The
   tile server and its attribution come from the platform's settings (MAP_TILES_*), read from this
   script's data attributes. When the tiles cannot load (offline, server down, no tile server set)
   the map says so, and tells the product's script ("basemapoffline") so it can label what it
   draws: a map without background still shows names enough to find one's way. */
(function () {
  "use strict";
  var L = window.L;
  if (!L) return;
  var me = document.getElementById("transition-basemap");
  var settings = {
    url: me ? me.getAttribute("data-tiles-url") : "",
    attribution: me ? me.getAttribute("data-tiles-attribution") : "",
    maxZoom: me ? parseInt(me.getAttribute("data-tiles-max-zoom"), 10) || 19 : 19
  };

  // French controls: zoom buttons, attribution prefix, the popups' close button.
  L.Control.Zoom.prototype.options.zoomInTitle = "Zoom avant";
  L.Control.Zoom.prototype.options.zoomOutTitle = "Zoom arrière";
  L.Control.Attribution.prototype.options.prefix = '<a href="https://leafletjs.com" hreflang="en">Leaflet</a>';
  L.Map.addInitHook(function () {
    this.on("popupopen", function (event) {
      var close = event.popup.getElement() && event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", "Fermer la fiche");
        close.setAttribute("title", "Fermer la fiche");
      }
    });
  });

  var OfflineNotice = L.Control.extend({
    options: { position: "topright" },
    onAdd: function () {
      var box = L.DomUtil.create("div", "transition-map-offline");
      box.setAttribute("role", "status");
      box.textContent = settings.url
        ? "Le fond de carte ne s’affiche pas (service de l’IGN injoignable ou connexion coupée) : les tracés restent affichés, avec leurs noms."
        : "Cette carte n’a pas de fond de carte : les tracés sont affichés avec leurs noms.";
      return box;
    }
  });

  function goOffline(map) {
    if (map._transitionOffline) return;
    map._transitionOffline = new OfflineNotice().addTo(map);
    map.getContainer().classList.add("transition-map--offline");
    map.fire("basemapoffline");
  }
  function goOnline(map) {
    if (!map._transitionOffline) return;
    map.removeControl(map._transitionOffline);
    map._transitionOffline = null;
    map.getContainer().classList.remove("transition-map--offline");
    map.fire("basemaponline");
  }

  /* Adds the base layer to a map. Three tiles failing with none loaded since: offline. */
  function basemap(map) {
    if (!settings.url) {
      goOffline(map);
      return null;
    }
    var failures = 0;
    var layer = L.tileLayer(settings.url, { attribution: settings.attribution || "", maxZoom: settings.maxZoom });
    layer.on("tileerror", function () {
      failures += 1;
      if (failures >= 3) goOffline(map);
    });
    layer.on("tileload", function () {
      failures = 0;
      goOnline(map);
    });
    layer.addTo(map);
    return layer;
  }

  window.TransitionMap = {
    basemap: basemap,
    isOffline: function (map) { return Boolean(map._transitionOffline); },
    settings: settings
  };
})();
