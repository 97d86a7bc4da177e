/* Contribution forms: "add another" rows of the name, event and file formsets, and the point map of a
 * new place (click to put the point; typed coordinates move it). Without JavaScript the forms still work
 * with the rows the server rendered and typed coordinates. */
(function () {
  "use strict";

  document.querySelectorAll("button[data-add]").forEach(function (button) {
    var prefix = button.getAttribute("data-add");
    var template = document.getElementById(prefix + "-template");
    var rows = document.querySelector('[data-formset="' + prefix + '"]');
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!template || !rows || !total) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input, select, textarea");
      if (first) { first.focus(); }
    });
  });

  var element = document.getElementById("point-map");
  var configNode = document.getElementById("point-map-config");
  if (!element || !configNode || !window.L || !window.GulagBasemap) { return; }
  var config = JSON.parse(configNode.textContent);
  var lat = document.getElementById("id_pt-lat");
  var lon = document.getElementById("id_pt-lon");
  var map = GulagBasemap.create(element, config, { scrollWheelZoom: false });
  var marker = null;

  function typed() {
    var a = parseFloat(lat.value), b = parseFloat(lon.value);
    return isFinite(a) && isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180 ? L.latLng(a, b) : null;
  }

  function put(latlng) {
    if (marker) { marker.setLatLng(latlng); } else {
      marker = L.circleMarker(latlng, { radius: 8, color: "#7a1f1f", weight: 2, fillColor: "#c0392b", fillOpacity: 0.8 }).addTo(map);
    }
  }

  var start = typed();
  if (start) { put(start); map.setView(start, 6); } else { map.setView([60, 80], 3); }
  map.on("click", function (event) {
    var latlng = event.latlng.wrap();
    lat.value = latlng.lat.toFixed(5);
    lon.value = latlng.lng.toFixed(5);
    put(latlng);
  });
  [lat, lon].forEach(function (input) {
    input.addEventListener("change", function () {
      var latlng = typed();
      if (latlng) { put(latlng); map.panTo(latlng); }
    });
  });
}());
