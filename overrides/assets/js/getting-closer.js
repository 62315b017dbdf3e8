/* Getting Closer: "Exit this page" and checklists that remember nothing.
   Listeners are delegated from document, so they survive Material's instant navigation;
   per-page set-up runs on every document$ emission. */
(function () {
  "use strict";

  var PRESSES = 3;          // Shift presses that trigger the exit
  var WINDOW_MS = 5000;     // ... within this many milliseconds
  var presses = [];

  function exitLink() { return document.querySelector("[data-gc-exit]"); }
  function status(text) {
    var region = document.querySelector("[data-gc-exit-status]");
    if (region) { region.textContent = text; }
  }

  /* Cover the page at once, then leave without leaving this page in the tab's history. */
  function exitNow(href) {
    var cover = document.createElement("div");
    cover.className = "gc-exit-cover";
    cover.setAttribute("data-gc-exit-cover", "");
    document.body.appendChild(cover);
    document.title = "";
    window.location.replace(href || exitLink().href);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-gc-exit]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey) { return; }
    event.preventDefault();
    event.stopPropagation();
    exitNow(link.href);
  }, true);

  /* Shift pressed on its own three times within five seconds; any other key starts again.
     A press counts when Shift is released, so a Shift held for a capital letter never counts. */
  var shiftAlone = false;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { presses = []; shiftAlone = false; return; }
    if (!event.repeat) { shiftAlone = !(event.ctrlKey || event.altKey || event.metaKey); }
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !shiftAlone) { return; }
    shiftAlone = false;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= PRESSES) {
      presses = [];
      status("Exiting this page");
      exitNow();
    } else {
      status("Shift pressed " + presses.length + " of " + PRESSES + " times to exit this page");
    }
  }, true);

  /* A reader who comes back (Back, or the page restored from cache) gets the page again,
     with every checklist box clear. */
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-gc-exit-cover]").forEach(function (c) { c.remove(); });
    clearChecklists();
  });

  function clearChecklists() {
    document.querySelectorAll(".gc-checklist__box, .task-list-control input").forEach(function (box) {
      box.checked = false;
    });
  }

  /* Printed pages carry this page's public address in their footer (see the @page rules). */
  function setPrintAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var address = canonical ? canonical.href : window.location.href;
    document.documentElement.style.setProperty("--gc-page-url", JSON.stringify(address));
  }

  /* Collapsed details print open, and close again afterwards. */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  /* Links within the site print without their address; only external ones show it. */
  function markInternalLinks() {
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      if (link.host === window.location.host) { link.classList.add("gc-internal"); }
    });
  }

  function setUpPage() {
    setPrintAddress();
    markInternalLinks();
    presses = [];
    status("");
    clearChecklists();
  }

  /* This script runs before the theme's (see loader.js): set up now, and again on every page that
     instant navigation brings in, once the theme has started. */
  setUpPage();
  function follow() {
    if (typeof document$ !== "undefined") { document$.subscribe(setUpPage); }
  }
  if (typeof document$ !== "undefined") { follow(); } else { document.addEventListener("gc:ready", follow, { once: true }); }
})();
