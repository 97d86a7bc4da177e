/* The small map of a record page (a place's locations, an operation's destinations).
 *
 * Reads the GeoJSON from <script id="record-locations"> (properties: label, precision, period and,
 * for destinations, url) and the base map settings from <script id="record-map-config">.
 */
(function () {
  "use strict";

  var dataNode = document.getElementById("record-locations");
  var element = document.getElementById("record-map");
  if (!dataNode || !element) { return; }
  var config = JSON.parse(document.getElementById("record-map-config").textContent);
  var collection = JSON.parse(dataNode.textContent);
  var map = GulagBasemap.create(element, config, { scrollWheelZoom: false });

  function popup(p) {
    var box = document.createElement("div");
    box.className = "popup";
    var title = box.appendChild(document.createElement(p.url ? "a" : "strong"));
    title.className = "popup__title";
    title.textContent = p.label;
    if (p.url) { title.href = p.url; title.title = config.strings.openPlace; }
    var meta = box.appendChild(document.createElement("span"));
    meta.className = "popup__meta";
    meta.textContent = config.strings.precision + ": " + GulagBasemap.precisionText(p.precision, config) +
      (p.period ? " · " + p.period : "");
    return box;
  }

  var layer = L.geoJSON(collection, {
    pointToLayer: function (feature, latlng) {
      var region = feature.properties.precision === "region";
      return L.circleMarker(latlng, {
        radius: region ? 10 : 7, color: "#7a1f1f", weight: 2, fillColor: "#c0392b",
        fillOpacity: region ? 0.25 : 0.8, dashArray: region ? "4 3" : null
      });
    },
    style: function () { return { color: "#7a1f1f", weight: 2, fillOpacity: 0.2 }; },
    onEachFeature: function (feature, featureLayer) { featureLayer.bindPopup(popup(feature.properties)); }
  }).addTo(map);

  if (collection.features.length) {
    map.fitBounds(layer.getBounds(), { maxZoom: 4, padding: [50, 50] });
  } else {
    map.setView([58, 80], 2);
  }
}());
