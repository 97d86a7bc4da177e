/* Offline base map shared by every map of the register.
 *
 * Always draws the Natural Earth country outlines (public domain, bundled under static/basemap/) on a
 * sea-coloured background, so that the map reads correctly with no internet. The online tile layer
 * is added on top only when a tile URL is configured; tiles that fail to load are hidden, so the
 * outlines stay visible underneath. When zoomed in, the 1:50m outlines replace the 1:110m ones.
 */
(function (global) {
  "use strict";

  var OUTLINE_STYLE = { color: "#a39e93", weight: 0.8, fillColor: "#f5f2ea", fillOpacity: 1 };
  var DETAIL_ZOOM = 5;

  /* The API answers in the language it is asked for: ask for the page's, not the browser's, so that a
   * reader of /el/ gets Greek kind labels and /el/ links on a browser set to English. */
  function loadJson(url) {
    var headers = { Accept: "application/json", "Accept-Language": document.documentElement.lang || "en" };
    return fetch(url, { headers: headers }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
      return response.json();
    });
  }

  /* Rings that cross the antimeridian (Russia's Chukotka, Fiji) come as one ring from -180 to 180,
   * which would be drawn as a band across the whole map: move their western longitudes east by 360°.
   * Antarctica's ring really goes round the pole and is left alone. */
  function unwrapRing(ring) {
    var lons = ring.map(function (point) { return point[0]; });
    var lats = ring.map(function (point) { return point[1]; });
    if (Math.max.apply(null, lons) - Math.min.apply(null, lons) < 300 || Math.min.apply(null, lats) < -60) { return; }
    ring.forEach(function (point) { if (point[0] < 0) { point[0] += 360; } });
  }

  function unwrapAntimeridian(data) {
    data.features.forEach(function (feature) {
      var geometry = feature.geometry;
      if (!geometry) { return; }
      var polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
      polygons.forEach(function (polygon) { polygon.forEach(unwrapRing); });
    });
    return data;
  }

  function outlineLayer(data) {
    return L.geoJSON(unwrapAntimeridian(data), {
      pane: "basemap",
      interactive: false,
      style: function () { return OUTLINE_STYLE; },
      attribution: "Natural Earth"
    });
  }

  /* Show the 1:110m outlines, and the 1:50m ones (fetched on first need) from DETAIL_ZOOM on.
   * Whichever file has arrived is shown while the other one loads. */
  function addOutlines(map, config) {
    var layers = { coarse: null, detail: null };
    var detailRequested = false;

    function update() {
      var wantDetail = map.getZoom() >= DETAIL_ZOOM;
      if (wantDetail && !detailRequested && config.basemapDetailUrl) {
        detailRequested = true;
        loadJson(config.basemapDetailUrl).then(function (data) {
          layers.detail = outlineLayer(data);
          update();
        }).catch(function (error) { console.error(error); });
      }
      var show = (wantDetail && layers.detail) || layers.coarse || layers.detail;
      [layers.coarse, layers.detail].forEach(function (layer) {
        if (layer && layer !== show && map.hasLayer(layer)) { map.removeLayer(layer); }
      });
      if (show && !map.hasLayer(show)) { show.addTo(map); }
    }

    loadJson(config.basemapUrl).then(function (data) {
      layers.coarse = outlineLayer(data);
      map.whenReady(update);
    }).catch(function (error) { console.error(error); });
    map.on("zoomend", update);
  }

  function addTiles(map, config) {
    if (!config.tileUrl) { return; }
    var tiles = L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 });
    tiles.on("tileerror", function (event) { event.tile.style.visibility = "hidden"; });
    tiles.addTo(map);
  }

  /* Leaflet's own controls speak English: give the zoom buttons and the popups' close button the
   * page's words (config.strings.zoomIn, zoomOut, closePopup). */
  function translateControls(map, strings) {
    L.control.zoom({ zoomInTitle: strings.zoomIn || "Zoom in", zoomOutTitle: strings.zoomOut || "Zoom out" }).addTo(map);
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close && strings.closePopup) { close.setAttribute("aria-label", strings.closePopup); }
    });
  }

  /* Make a Leaflet map in `element` with the offline outlines (and tiles when configured).
   * config: {basemapUrl, basemapDetailUrl, tileUrl, tileAttribution, strings}. Returns the L.Map. */
  function create(element, config, options) {
    var map = L.map(element, Object.assign({ minZoom: 2, maxZoom: 16, worldCopyJump: true, zoomControl: false }, options || {}));
    translateControls(map, config.strings || {});
    element.classList.add("map--offline-base");
    map.createPane("basemap");
    map.getPane("basemap").style.zIndex = 150;
    map.getPane("basemap").style.pointerEvents = "none";
    addOutlines(map, config);
    addTiles(map, config);
    // The container can change size after the map is made (fonts, scroll bars, the list filling up):
    // Leaflet only watches the window, so tell it, or the vector layers stay clipped to the old size.
    if (global.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize(); }).observe(element);
    }
    return map;
  }

  /* The label of a location's precision, with the warning for region-level points. */
  function precisionText(precision, config) {
    var label = (config.precisions && config.precisions[precision]) || precision || "";
    if (precision === "region" && config.strings && config.strings.regionPoint) {
      return label + " (" + config.strings.regionPoint + ")";
    }
    return label;
  }

  global.GulagBasemap = { create: create, precisionText: precisionText, loadJson: loadJson };
}(window));
