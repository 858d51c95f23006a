// The violations maps, on top of what the server renders (a shaded SVG map, tables, typed coordinates). Leaflet is loaded
// only on a page that has a map. Everything is drawn from the bundled governorate boundaries; tiles only when the page
// names a tile URL (Violations:Map:TileUrl), so no internet is needed.
//
// [data-violation-map]: the governorates shaded by the page's counts (the same five classes as the server's SVG map,
// whose legend stays), and the clusters of the current view from the server (data-clusters + zoom + bbox; one small
// JSON answer a view). The server-drawn SVG is hidden once Leaflet has drawn.
// [data-pin-picker]: a click or tap on the map fills the latitude and longitude fields; typing in them moves the pin.
(() => {
  let leaflet = null;
  const loadLeaflet = (el) => {
    if (window.L) return Promise.resolve(window.L);
    if (!leaflet) {
      leaflet = new Promise((resolve, reject) => {
        const css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = el.dataset.leafletCss;
        document.head.appendChild(css);
        const script = document.createElement("script");
        script.src = el.dataset.leafletJs;
        script.onload = () => resolve(window.L);
        script.onerror = () => { leaflet = null; reject(new Error("leaflet")); };
        document.head.appendChild(script);
      });
    }
    return leaflet;
  };

  const boundaries = new Map();
  const getJson = (url) =>
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then((r) => {
      if (!r.ok) throw new Error(`${r.status} ${url}`);
      return r.json();
    });
  const loadBoundaries = (url) => {
    if (!boundaries.has(url)) boundaries.set(url, getJson(url).catch((e) => { boundaries.delete(url); throw e; }));
    return boundaries.get(url);
  };

  const language = () => document.documentElement.lang || "ar";
  // Latin digits, as the server writes numbers in every language; the language's own separators.
  const format = (n) => new Intl.NumberFormat(language(), { numberingSystem: "latn" }).format(n);
  const escape = (text) => { const span = document.createElement("span"); span.textContent = text || ""; return span.innerHTML; };

  // As GovernorateMap.razor: five classes of equal count over the governorates that have a value.
  const shader = (counts) => {
    const sorted = Object.values(counts).sort((a, b) => a - b);
    const breaks = sorted.length === 0 ? [] : [...new Set([1, 2, 3, 4, 5].map((i) => sorted[Math.min(sorted.length - 1, Math.ceil((i * sorted.length) / 5) - 1)]))];
    return (value) => {
      if (value === undefined || value === null) return 0;
      for (let i = 0; i < breaks.length; i++) if (value <= breaks[i]) return i + 1;
      return breaks.length;
    };
  };

  const baseMap = async (el) => {
    const L = await loadLeaflet(el);
    const geo = await loadBoundaries(el.dataset.boundaries);
    el.hidden = false;
    const block = el.closest("[data-pin-picker-block]");
    if (block) block.hidden = false;
    const map = L.map(el, { zoomControl: false, minZoom: 4, maxZoom: 18, zoomSnap: 1 });
    map.attributionControl.setPrefix(false);
    L.control.zoom({ zoomInTitle: el.dataset.zoomIn, zoomOutTitle: el.dataset.zoomOut }).addTo(map);
    if (el.dataset.tileUrl) {
      L.tileLayer(el.dataset.tileUrl, { maxZoom: 18, attribution: escape(el.dataset.tileAttribution) }).addTo(map);
    }
    map.attributionControl.addAttribution(escape(el.dataset.credit));
    return { L, map, geo };
  };

  const drawViolationMap = async (el) => {
    const { L, map, geo } = await baseMap(el);
    const counts = JSON.parse(el.dataset.counts || "{}");
    const names = JSON.parse(el.dataset.names || "{}");
    const shade = shader(counts);
    const areas = L.geoJSON(geo, {
      style: (f) => ({ className: `map-area map-shade-${shade(counts[f.properties.code])}`, weight: 1.5, color: "#ffffff", fillOpacity: 0.85 }),
      onEachFeature: (f, layer) => {
        const value = counts[f.properties.code];
        layer.bindTooltip(`${escape(names[f.properties.code] || f.properties.code)}: ${value === undefined ? escape(el.dataset.noData) : format(value)}`, { sticky: true });
      },
    }).addTo(map);
    map.fitBounds(areas.getBounds());

    const clusters = L.layerGroup().addTo(map);
    let request = 0;
    const load = async () => {
      const mine = ++request;
      const b = map.getBounds();
      const url = new URL(el.dataset.clusters, window.location.href);
      url.searchParams.set("zoom", String(map.getZoom()));
      // The server refuses a box outside the globe (400); a view panned past the antimeridian is cut at it.
      const clamp = (v, limit) => Math.min(limit, Math.max(-limit, v));
      const box = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)];
      url.searchParams.set("bbox", box.map((v) => v.toFixed(4)).join(","));
      let data;
      try {
        data = await getJson(url);
      } catch {
        el.dataset.state = "error";
        return;
      }
      if (mine !== request) return;
      clusters.clearLayers();
      // The counted phrase's forms by CLDR category (Plural.Forms on the server), chosen with the browser's CLDR rules.
      const clusterLabels = JSON.parse(el.dataset.clusterLabels || "{}");
      const plural = new Intl.PluralRules(language());
      for (const [lat, lon, count] of data.clusters) {
        const size = count < 10 ? 28 : count < 100 ? 34 : count < 1000 ? 40 : 48;
        const label = (clusterLabels[plural.select(count)] || clusterLabels.other || "{0}").replace("{0}", format(count));
        const icon = L.divIcon({ className: "map-cluster", html: `<span aria-hidden="true">${format(count)}</span>`, iconSize: [size, size] });
        const marker = L.marker([lat, lon], { icon, keyboard: false, title: label });
        marker.on("click", () => map.setView([lat, lon], Math.min(map.getZoom() + 2, map.getMaxZoom())));
        clusters.addLayer(marker);
      }
      el.dataset.clusterCount = String(data.clusters.length);
      el.dataset.state = "ready";
    };
    map.on("moveend", load);
    await load();
    // The server-drawn map is replaced; its caption, legend and credit stay and describe this one.
    const svg = el.closest(".violation-map-block")?.querySelector("figure.governorate-map svg");
    if (svg) svg.style.display = "none";
  };

  const drawPinPicker = async (el) => {
    const { L, map, geo } = await baseMap(el);
    const areas = L.geoJSON(geo, { style: () => ({ className: "map-area map-shade-1", weight: 1.5, color: "#ffffff", fillOpacity: 0.85 }) }).addTo(map);
    map.fitBounds(areas.getBounds());
    const latitude = document.getElementById(el.dataset.latitude);
    const longitude = document.getElementById(el.dataset.longitude);
    const status = document.getElementById(el.dataset.status);
    let pin = null;
    const place = (lat, lon) => {
      if (pin) pin.setLatLng([lat, lon]);
      else pin = L.circleMarker([lat, lon], { radius: 9, className: "map-pin", interactive: false }).addTo(map);
    };
    const fromFields = () => {
      const lat = parseFloat((latitude?.value || "").replace(",", "."));
      const lon = parseFloat((longitude?.value || "").replace(",", "."));
      if (Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) place(lat, lon);
    };
    const fill = (field, value) => {
      if (!field) return;
      field.value = value.toFixed(6);
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    };
    map.on("click", (e) => {
      fill(latitude, e.latlng.lat);
      fill(longitude, e.latlng.lng);
      place(e.latlng.lat, e.latlng.lng);
      if (status) status.textContent = el.dataset.placed || "";
    });
    for (const field of [latitude, longitude]) field?.addEventListener("change", fromFields);
    fromFields();
    el.dataset.state = "ready";
  };

  const wired = new WeakSet();
  const wire = () => {
    for (const el of document.querySelectorAll("[data-violation-map], [data-pin-picker]")) {
      if (wired.has(el)) {
        // Blazor's enhanced navigation may keep the element and put its "hidden" back.
        el.hidden = false;
        const block = el.closest("[data-pin-picker-block]");
        if (block) block.hidden = false;
        continue;
      }
      wired.add(el);
      const draw = el.hasAttribute("data-pin-picker") ? drawPinPicker : drawViolationMap;
      draw(el).catch(() => {
        // No map (Leaflet or the boundaries did not load): the server-rendered map, tables and fields remain.
        el.dataset.state = "error";
        el.hidden = true;
      });
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener("enhancedload", wire);
})();
