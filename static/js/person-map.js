/* The life path of a person on the map: numbered markers in the order of the timeline, joined by a line
 * (birthplace -> deportation -> camps and settlement areas -> death and burial).
 *
 * Reads the GeoJSON from <script id="person-path"> (points with properties number, label, date, place,
 * url) and the base map settings from <script id="person-map-config"> (static/js/basemap.js).
 */
(function () {
  "use strict";

  var dataNode = document.getElementById("person-path");
  var element = document.getElementById("person-map");
  if (!dataNode || !element) { return; }
  var config = JSON.parse(document.getElementById("person-map-config").textContent);
  var collection = JSON.parse(dataNode.textContent);
  var map = GulagBasemap.create(element, config, { scrollWheelZoom: false });

  /* Steps at the same point (deported to an area, then settled there) share one marker: "3, 4". */
  function groups(features) {
    var byPoint = {}, order = [];
    features.forEach(function (feature) {
      var key = feature.geometry.coordinates.join(",");
      if (!byPoint[key]) { byPoint[key] = []; order.push(key); }
      byPoint[key].push(feature.properties);
    });
    return order.map(function (key) {
      var c = key.split(",").map(Number);
      return { latlng: [c[1], c[0]], steps: byPoint[key] };
    });
  }

  function popup(steps) {
    var box = document.createElement("div");
    box.className = "popup";
    steps.forEach(function (p) {
      var title = box.appendChild(document.createElement("strong"));
      title.className = "popup__title";
      title.textContent = p.number + ". " + p.label + (p.date ? " · " + p.date : "");
      if (p.place) {
        var place = box.appendChild(document.createElement(p.url ? "a" : "span"));
        place.textContent = p.place;
        if (p.url) { place.href = p.url; }
      }
    });
    return box;
  }

  function marker(group) {
    var numbers = group.steps.map(function (p) { return p.number; }).join(", ");
    var width = 16 + 10 * numbers.length;
    var number = document.createElement("span");
    number.className = "step-number";
    number.setAttribute("aria-hidden", "true");
    number.style.width = width + "px";
    number.style.borderRadius = numbers.length > 2 ? "13px" : "50%";
    number.textContent = numbers;
    var icon = L.divIcon({ className: "path-marker", html: number, iconSize: [width, 26], iconAnchor: [width / 2, 13] });
    var title = group.steps.map(function (p) {
      return p.number + ". " + p.label + (p.place ? ", " + p.place : "");
    }).join("; ");
    return L.marker(group.latlng, { icon: icon, title: title, alt: title, keyboard: true }).bindPopup(popup(group.steps));
  }

  var points = collection.features.map(function (feature) {
    var c = feature.geometry.coordinates;
    return [c[1], c[0]];
  });
  if (points.length > 1) {
    L.polyline(points, { color: "#7a1f1f", weight: 2.5, opacity: 0.8, dashArray: "6 4", interactive: false }).addTo(map);
  }
  var markers = L.featureGroup(groups(collection.features).map(marker)).addTo(map);

  if (points.length) {
    map.fitBounds(markers.getBounds(), { maxZoom: 5, padding: [50, 50] });
  } else {
    map.setView([58, 80], 2);
  }
}());
