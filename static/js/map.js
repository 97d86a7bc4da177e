/* The home page map: every located place of the register, filtered in the browser.
 *
 * Fetches the GeoJSON of GET /api/v1/map/locations/ once (feature id = location; properties: place,
 * name, name_original, kind, kind_label, url, activity, region, precision, start_year, end_year,
 * figures {"1938": 12345, "1945": null}). "All years" shows clustered kind symbols; a chosen year
 * shows only places in operation that year, as circles whose area follows that year's prisoner
 * figure. A null figure is "no figure" (drawn as a dashed ring), never zero prisoners.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("map-config").textContent);
  var S = config.strings;
  var numbers = new Intl.NumberFormat(config.language);
  var RADIUS_PER_SQRT = 0.1;   // px per sqrt(prisoner): 10,000 -> 10 px, 72,490 -> 27 px
  var MIN_RADIUS = 3;

  var el = {
    map: document.getElementById("map"),
    status: document.getElementById("map-status"),
    list: document.getElementById("map-list"),
    count: document.getElementById("map-list-count"),
    allYears: document.getElementById("all-years"),
    year: document.getElementById("year"),
    yearOutput: document.getElementById("year-output"),
    kind: document.getElementById("filter-kind"),
    activity: document.getElementById("filter-activity"),
    region: document.getElementById("filter-region")
  };
  var map = GulagBasemap.create(el.map, config).setView([58, 80], 3);
  var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45, chunkedLoading: true });
  var yearLayer = L.featureGroup();
  var entries = [];   // one per feature: {feature, latlng, marker (cluster mode)}
  var shown = [];     // entries currently drawn: {entry, layer}
  var listKeys = "";

  function selectedYear() {
    return el.allYears.checked ? null : parseInt(el.year.value, 10);
  }

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) { node.className = className; }
    return node;
  }

  /* A place without an English name is shown by its Russian source name: say so to screen readers. */
  function markRussian(node) {
    if (/[\u0400-\u04FF]/.test(node.textContent)) { node.lang = "ru"; }
    return node;
  }

  function years(p) {
    if (p.start_year == null && p.end_year == null) { return ""; }
    if (p.start_year === p.end_year) { return String(p.start_year); }
    return (p.start_year == null ? "" : p.start_year) + "–" + (p.end_year == null ? "" : p.end_year);
  }

  /* The place's figure in `year`: a number, null (in operation, no figure) or undefined (no row). */
  function figureIn(p, year) {
    var figures = p.figures || {};
    return Object.prototype.hasOwnProperty.call(figures, String(year)) ? figures[String(year)] : undefined;
  }

  function inOperation(p, year) {
    if (figureIn(p, year) !== undefined) { return true; }
    return p.start_year != null && p.start_year <= year && (p.end_year == null || year <= p.end_year);
  }

  function popup(p, year) {
    var box = document.createElement("div");
    box.className = "popup";
    var title = box.appendChild(document.createElement("a"));
    title.href = p.url;
    title.className = "popup__title";
    title.textContent = p.name;
    title.title = S.openPlace;
    markRussian(title);
    if (p.name_original && p.name_original !== p.name) {
      box.appendChild(text("span", p.name_original, "popup__original")).lang = "ru";
    }
    box.appendChild(text("span", [p.kind_label, years(p)].filter(Boolean).join(" · "), "popup__meta"));
    box.appendChild(text("span", S.precision + ": " + GulagBasemap.precisionText(p.precision, config), "popup__meta"));
    if (year) {
      var value = figureIn(p, year);
      var figure = value == null ? S.noFigure : numbers.format(value) + " " + S.prisoners;
      box.appendChild(text("strong", S.inYear.replace("%(year)s", year) + ": " + figure, "popup__figure"));
    }
    return box;
  }

  function kindIcon(kind) {
    var symbol = config.kinds[kind] || config.kinds.unknown;
    var html = '<span class="symbol symbol--' + symbol.shape + '" style="--kind-colour:' + symbol.colour +
      ";--kind-ink:" + symbol.ink + '">' + symbol.letter + "</span>";
    return L.divIcon({ html: html, className: "kind-marker", iconSize: [20, 20], iconAnchor: [10, 10] });
  }

  function yearMarker(entry, year) {
    var p = entry.feature.properties;
    var colour = (config.kinds[p.kind] || config.kinds.unknown).colour;
    var value = figureIn(p, year);
    if (value == null) {
      return L.circleMarker(entry.latlng, { radius: 4, color: colour, weight: 1.5, dashArray: "2 2",
        fillOpacity: 0, className: "no-figure-marker" });
    }
    return L.circleMarker(entry.latlng, { radius: Math.max(MIN_RADIUS, Math.sqrt(value) * RADIUS_PER_SQRT),
      color: "#ffffff", weight: 1, fillColor: colour, fillOpacity: 0.7, className: "figure-marker" });
  }

  function passesFilters(p) {
    return (!el.kind.value || p.kind === el.kind.value) &&
      (!el.activity.value || String(p.activity) === el.activity.value) &&
      (!el.region.value || String(p.region) === el.region.value);
  }

  function sizeOf(entry, year) {
    var value = figureIn(entry.feature.properties, year);
    return value == null ? 0 : value;
  }

  function redraw() {
    var year = selectedYear();
    cluster.clearLayers();
    yearLayer.clearLayers();
    shown = [];
    var selected = entries.filter(function (entry) {
      return passesFilters(entry.feature.properties) && (!year || inOperation(entry.feature.properties, year));
    });
    if (year) {
      selected.sort(function (a, b) { return sizeOf(b, year) - sizeOf(a, year); });
      selected.forEach(function (entry) {
        var layer = yearMarker(entry, year).bindPopup(popup(entry.feature.properties, year)).addTo(yearLayer);
        shown.push({ entry: entry, layer: layer });
      });
      if (map.hasLayer(cluster)) { map.removeLayer(cluster); }
      yearLayer.addTo(map);
    } else {
      cluster.addLayers(selected.map(function (entry) { return entry.marker; }));
      shown = selected.map(function (entry) { return { entry: entry, layer: entry.marker }; });
      if (map.hasLayer(yearLayer)) { map.removeLayer(yearLayer); }
      cluster.addTo(map);
    }
    el.yearOutput.textContent = year ? String(year) : S.allYears;
    writeUrlState();
    updateList();
  }

  /* A popup opened from the list takes the keyboard focus (its link to the place page), so that it is
   * read out; Escape or its close button closes it and gives the focus back to the list button. */
  var returnKey = null;

  function focusPopup(item) {
    var element = item.layer.getPopup() && item.layer.getPopup().getElement();
    var link = element && element.querySelector(".popup__title");
    if (link) {
      returnKey = String(item.entry.feature.id);
      link.focus();
    }
  }

  function openItem(item) {
    var latlng = item.entry.latlng;
    if (map.hasLayer(cluster) && cluster.hasLayer(item.layer)) {
      cluster.zoomToShowLayer(item.layer, function () { item.layer.openPopup(); focusPopup(item); });
    } else {
      map.setView(latlng, Math.max(map.getZoom(), 5));
      item.layer.openPopup();
      focusPopup(item);
    }
  }

  map.on("popupclose", function (event) {
    var key = returnKey;
    var active = document.activeElement;
    returnKey = null;
    if (key === null || (active && active !== document.body && !event.popup.getElement().contains(active))) {
      return;   // not opened from the list, or the reader has moved on
    }
    var button = el.list.querySelector('button[data-key="' + key + '"]');
    if (button) { button.focus(); }
  });

  el.map.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.target.closest && event.target.closest(".leaflet-popup")) {
      map.closePopup();
    }
  });

  function listItem(item) {
    var p = item.entry.feature.properties;
    var li = document.createElement("li");
    var button = li.appendChild(document.createElement("button"));
    button.type = "button";
    button.dataset.key = String(item.entry.feature.id);
    button.appendChild(markRussian(text("span", p.name, "map-list__name")));
    button.appendChild(text("span", [p.kind_label, years(p)].filter(Boolean).join(" · "), "map-list__meta"));
    button.addEventListener("click", function () { openItem(item); });
    return li;
  }

  /* The places drawn inside the current bounds, one entry per place, by name. */
  function visibleItems() {
    var bounds = map.getBounds();
    var seen = {};
    return shown.filter(function (item) {
      var place = item.entry.feature.properties.place;
      if (seen[place] || !bounds.contains(item.entry.latlng)) { return false; }
      seen[place] = true;
      return true;
    }).sort(function (a, b) {
      return a.entry.feature.properties.name.localeCompare(b.entry.feature.properties.name, config.language);
    });
  }

  function updateList() {
    var items = visibleItems();
    var keys = items.map(function (item) { return item.entry.feature.id; }).join(",") + "|" + selectedYear();
    el.count.textContent = items.length ? S.visible.replace("%(count)s", numbers.format(items.length)) : S.noneVisible;
    if (keys === listKeys) { return; }
    listKeys = keys;
    var focused = document.activeElement && el.list.contains(document.activeElement) ? document.activeElement.dataset.key : null;
    var fragment = document.createDocumentFragment();
    items.forEach(function (item) { fragment.appendChild(listItem(item)); });
    el.list.replaceChildren(fragment);
    if (focused) {
      var again = el.list.querySelector('button[data-key="' + focused + '"]');
      if (again) { again.focus({ preventScroll: false }); }
    }
  }

  /* The map's state (year and filters) lives in the address, so a view can be shared or cited:
   * /?year=1950&kind=special_camp. Unknown values are ignored. */
  var FILTERS = { kind: el.kind, activity: el.activity, region: el.region };

  function readUrlState() {
    var query = new URLSearchParams(window.location.search);
    var year = parseInt(query.get("year"), 10);
    if (year >= parseInt(el.year.min, 10) && year <= parseInt(el.year.max, 10)) {
      el.year.value = String(year);
      el.allYears.checked = false;
    }
    Object.keys(FILTERS).forEach(function (name) {
      var select = FILTERS[name];
      var value = query.get(name);
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
  }

  function writeUrlState() {
    var query = new URLSearchParams();
    var year = selectedYear();
    if (year) { query.set("year", String(year)); }
    Object.keys(FILTERS).forEach(function (name) {
      if (FILTERS[name].value) { query.set(name, FILTERS[name].value); }
    });
    var search = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }

  function start(collection) {
    entries = collection.features.filter(function (feature) {
      return feature.geometry && feature.geometry.type === "Point";
    }).map(function (feature) {
      var c = feature.geometry.coordinates;
      var p = feature.properties;
      var entry = { feature: feature, latlng: L.latLng(c[1], c[0]) };
      entry.marker = L.marker(entry.latlng, { icon: kindIcon(p.kind), title: p.name, alt: p.name, keyboard: true })
        .bindPopup(function () { return popup(p, null); });
      return entry;
    });
    el.status.textContent = "";
    redraw();
  }

  readUrlState();
  el.year.addEventListener("input", function () { el.allYears.checked = false; redraw(); });
  el.allYears.addEventListener("change", redraw);
  [el.kind, el.activity, el.region].forEach(function (select) { select.addEventListener("change", redraw); });
  document.getElementById("map-controls").addEventListener("submit", function (event) { event.preventDefault(); });
  map.on("moveend", updateList);

  GulagBasemap.loadJson(config.dataUrl).then(start).catch(function (error) {
    console.error(error);
    el.status.textContent = S.loadFailed;
  });
}());
