/* textdiff report: view switch (inline / side by side), change navigator, unchanged filter.
   No network, no storage; every control also has a keyboard shortcut. */
(function () {
  "use strict";
  var body = document.body;
  var rows = Array.prototype.slice.call(document.querySelectorAll("article.row[data-changed='true']"));
  var current = -1;
  var status = document.getElementById("nav-status");

  function visible(el) { return el.offsetParent !== null; }

  function go(step) {
    var candidates = rows.filter(visible);
    if (!candidates.length) { return; }
    var pos = candidates.indexOf(rows[current]);
    pos = pos < 0 ? (step > 0 ? 0 : candidates.length - 1) : (pos + step + candidates.length) % candidates.length;
    if (current >= 0) { rows[current].classList.remove("current"); }
    current = rows.indexOf(candidates[pos]);
    var row = rows[current];
    row.classList.add("current");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "start", behavior: "auto" });
    if (status) { status.textContent = "Change " + (pos + 1) + " of " + candidates.length; }
  }

  function setView(view) {
    body.classList.toggle("view-sbs", view === "sbs");
    body.classList.toggle("view-inline", view !== "sbs");
    var buttons = document.querySelectorAll("[data-view]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-view") === view));
    }
  }

  function toggleUnchanged() {
    var hidden = body.classList.toggle("hide-unchanged");
    var b = document.getElementById("toggle-unchanged");
    if (b) { b.setAttribute("aria-pressed", String(hidden)); }
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest("button") : null;
    if (!t) { return; }
    if (t.hasAttribute("data-view")) { setView(t.getAttribute("data-view")); }
    else if (t.id === "next-change") { go(1); }
    else if (t.id === "prev-change") { go(-1); }
    else if (t.id === "toggle-unchanged") { toggleUnchanged(); }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var tag = (ev.target && ev.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    if (ev.key === "n" || ev.key === "j") { go(1); ev.preventDefault(); }
    else if (ev.key === "p" || ev.key === "k") { go(-1); ev.preventDefault(); }
    else if (ev.key === "v") { setView(body.classList.contains("view-sbs") ? "inline" : "sbs"); }
    else if (ev.key === "u") { toggleUnchanged(); }
  });

  setView("inline");
})();
