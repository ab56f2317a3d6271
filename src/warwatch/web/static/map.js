/* The /map page: Leaflet with Natural Earth borders (no tiles), merged events and places from
   /api/map, and a date slider that replays the period. Everything comes from this server. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  document.querySelectorAll(".swatch[data-colour]").forEach(function (s) { s.style.background = s.dataset.colour; });
  if (!el || !window.L) { return; }
  var map = L.map(el, { zoomControl: true, attributionControl: false, worldCopyJump: true, preferCanvas: false });
  map.setView([30, 30], 3);
  var bordersDone = fetch("/assets/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
    var land = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(land, { style: { color: "#777", weight: 0.8, fillColor: "#eee9df", fillOpacity: 1 }, interactive: false })
      .addTo(map).bringToBack();
  }).catch(function () { /* borders are decoration: the markers still show */ });
  var size = el.dataset.size || "sources";
  var events = [], layer = L.layerGroup().addTo(map), places = L.layerGroup().addTo(map);
  var slider = document.getElementById("map-slider"), out = document.getElementById("map-date");
  var count = document.getElementById("map-count"), dates = [];

  function radius(p) {
    var v = size === "fatalities" ? (p.fatalities || 0) : (p.sources || 1);
    return 5 + 3 * Math.sqrt(v);
  }
  function text(tag, value, cls) {
    var e = document.createElement(tag); e.textContent = value; if (cls) { e.className = cls; } return e;
  }
  function popup(p) {
    var box = document.createElement("div");
    var a = document.createElement("a"); a.href = p.url;
    a.textContent = p.kind === "event" ? p.type_label + (p.place_name ? " at " + p.place_name : "") : p.name;
    box.appendChild(a);
    if (p.kind === "event") {
      box.appendChild(text("div", (p.date || "undated") + " · " + p.sources + " source" + (p.sources === 1 ? "" : "s")
        + (p.fatalities != null ? " · " + p.fatalities + " killed" : "") + (p.review ? " · " + p.review : ""), "muted"));
      if (p.actor1_name) { box.appendChild(text("div", p.actor1_name)); }
    } else {
      box.appendChild(text("div", p.status + (p.controller_name ? ": " + p.controller_name : "") + " (as of " + p.as_of + ")", "muted"));
    }
    return box;
  }
  function draw(upto) {
    layer.clearLayers();
    var shown = 0;
    events.forEach(function (f) {
      var p = f.properties;
      if (upto && p.date && p.date > upto) { return; }
      var c = f.geometry.coordinates;
      L.circleMarker([c[1], c[0]], { radius: radius(p), color: "#222", weight: 1, fillColor: p.colour, fillOpacity: 0.8,
        className: "ww-marker ww-event fam-" + p.family }).bindPopup(popup(p)).addTo(layer);
      shown += 1;
    });
    if (count) { count.textContent = shown + " event" + (shown === 1 ? "" : "s") + " shown"; }
    el.dataset.shown = String(shown);
  }
  fetch("/api/map?" + (el.dataset.query || ""), { headers: { Accept: "application/geo+json" } })
    .then(function (r) { return r.json(); }).then(function (data) {
      var bounds = [];
      data.features.forEach(function (f) {
        var c = f.geometry.coordinates;
        bounds.push([c[1], c[0]]);
        if (f.properties.kind === "event") { events.push(f); return; }
        var p = f.properties, d = 0.04;
        L.rectangle([[c[1] - d, c[0] - d], [c[1] + d, c[0] + d]], { color: p.colour, weight: 3, fillOpacity: 0.2,
          className: "ww-marker ww-place status-" + p.status }).bindPopup(popup(p)).addTo(places);
      });
      dates = events.map(function (f) { return f.properties.date; }).filter(Boolean).sort()
        .filter(function (d, i, all) { return i === 0 || all[i - 1] !== d; });
      if (slider) { slider.max = String(dates.length); slider.value = String(dates.length); }
      draw(null);
      if (bounds.length) { map.fitBounds(bounds, { padding: [40, 40], maxZoom: 9 }); }
      bordersDone.then(function () { el.dataset.ready = "1"; });
    });
  if (!slider) { return; }
  slider.addEventListener("input", function () {
    var i = Number(slider.value);
    var upto = i >= dates.length ? null : dates[i];
    out.textContent = upto ? upto : "all dates";
    draw(upto);
  });
  var timer = null;
  document.getElementById("map-play").addEventListener("click", function () {
    if (timer) { clearInterval(timer); timer = null; return; }
    var i = 0;
    timer = setInterval(function () {
      slider.value = String(i); slider.dispatchEvent(new Event("input"));
      i += 1;
      if (i > dates.length) { clearInterval(timer); timer = null; }
    }, 700);
  });
}());
