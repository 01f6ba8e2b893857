// policykg site: search over the index written with the site (window.PKG_INDEX); no request leaves the page.
(function () {
  "use strict";
  var PKG = window.PKG = {};
  function norm(s) { return (s || "").toLowerCase().replace(/[\s\u3000]+/g, "").replace(/[（(]/g, "(").replace(/[）)]/g, ")")
                                     .replace(/[〔［\[]/g, "〔").replace(/[〕］\]]/g, "〕"); }
  function esc(s) { return (s || "").replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; }); }
  function snippet(text, q) {
    var t = text || "", i = norm(t).indexOf(q);
    if (i < 0 || !q) return esc(t.slice(0, 80));
    // norm() drops spaces: walk the original to the matching position
    var seen = 0, start = 0;
    for (var k = 0; k < t.length && seen < i; k++) { if (!/[\s\u3000]/.test(t[k])) seen++; start = k + 1; }
    var from = Math.max(0, start - 30);
    return (from ? "…" : "") + esc(t.slice(from, start)) + "<mark>" + esc(t.slice(start, start + q.length)) + "</mark>" + esc(t.slice(start + q.length, start + q.length + 50)) + "…";
  }
  PKG.search = function () {
    var index = window.PKG_INDEX || [], params = new URLSearchParams(location.search);
    var form = document.getElementById("search-form"), box = document.getElementById("q"), place = document.getElementById("place");
    var places = {};
    index.forEach(function (e) { if (e.j) places[e.j] = 1; e._h = norm(e.t + " " + e.n + " " + e.x); });
    Object.keys(places).sort().forEach(function (p) { var o = document.createElement("option"); o.value = o.textContent = p; place.appendChild(o); });
    box.value = params.get("q") || "";
    if (params.get("place")) place.value = params.get("place");
    var skipped = params.getAll("skip");
    form.querySelectorAll("input[name=kind]").forEach(function (c) { c.checked = skipped.indexOf(c.value) < 0; });
    function run() {
      var q = norm(box.value), wanted = {}, p = place.value, out = [], counts = {};
      form.querySelectorAll("input[name=kind]").forEach(function (c) { if (c.checked) wanted[c.value] = 1; });
      if (q) index.forEach(function (e) {
        if (e._h.indexOf(q) < 0 || (p && e.j !== p)) return;
        counts[e.k] = (counts[e.k] || 0) + 1;
        if (wanted[e.k]) out.push(e);
      });
      // what the query names first: a title that holds it before text that does, documents and agencies before measures
      var order = {document: 0, agency: 1, place: 2, measure: 3, task: 4};
      out.forEach(function (e, i) { e._r = [norm(e.t).indexOf(q) >= 0 ? 0 : 1, order[e.k], i]; });
      out.sort(function (a, b) { return a._r[0] - b._r[0] || a._r[1] - b._r[1] || a._r[2] - b._r[2]; });
      var shown = out.slice(0, 200);
      document.getElementById("results").innerHTML = shown.map(function (e) {
        var inTitle = norm(e.t).indexOf(q) >= 0;
        return '<li data-kind="' + e.k + '"><span class="kind">' + e.k + "</span>" + '<a href="' + e.u + '">' + (inTitle ? snippet(e.t, q) : esc(e.t)) + "</a> "
             + '<small>' + esc(e.n) + " " + esc(e.j) + "</small>" + (e.x && !inTitle ? "<br><small>" + snippet(e.x, q) + "</small>" : "") + "</li>";
      }).join("");
      var parts = Object.keys(counts).sort().map(function (k) { return k + " " + counts[k]; });
      document.getElementById("summary").textContent = q ? (out.length + " 条结果 results" + (out.length > shown.length ? "（显示前 " + shown.length + " shown）" : "")
        + (parts.length ? " · " + parts.join(" · ") : "")) : "输入关键词 type a word";
      var next = new URLSearchParams();
      if (box.value) next.set("q", box.value);
      if (p) next.set("place", p);
      form.querySelectorAll("input[name=kind]").forEach(function (c) { if (!c.checked) next.append("skip", c.value); });
      history.replaceState(null, "", "?" + next.toString());
    }
    form.addEventListener("input", run);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
    run();
  };
})();
