/* Getting Closer's one script (one request): nothing stored unasked, tooltips as text, checklists that remember nothing,
   the print address, and the loader that runs the theme's scripts after the first paint and holds
   search until it is used. Listeners are delegated from document, so they survive instant navigation. */

(function () {
  "use strict";

  /* "Exit this page", Shift x3 and one history entry per visit live in the inline script right after
     the exit control (overrides/partials/exit.html), so they work from the first paint. */

  /* Nothing is stored until the reader chooses: the theme writes its palette on every load; here it
     is written only once the reader has used the colour toggle (or chose before, so a key exists). */
  var chose = false;
  document.addEventListener("change", function (event) {
    if (event.target && event.target.name === "__palette") { chose = true; }
  }, true);
  if (typeof window.__md_set === "function") {
    var store = window.__md_set;
    window.__md_set = function (key) {
      if (key === "__palette" && !chose) {
        try { chose = window.__md_get("__palette") !== null; } catch (e) { return undefined; }
        if (!chose) { return undefined; }
      }
      return store.apply(this, arguments);
    };
  }

  /* Tooltips show text as text: the theme writes an element's title into its tooltip as HTML
     (innerHTML), so a title holding markup would become live elements. Inside tooltips it is text. */
  var inner = Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML");
  Object.defineProperty(Element.prototype, "innerHTML", {
    configurable: true,
    enumerable: inner.enumerable,
    get: inner.get,
    set: function (value) {
      var list = this.classList;
      if (list && (list.contains("md-tooltip2__inner") || list.contains("md-tooltip__inner"))) {
        this.textContent = String(value);
        return;
      }
      inner.set.call(this, value);
    }
  });

  /* A reader who comes back (Back, or the page restored from cache) gets the page again,
     with every checklist box clear. */
  window.addEventListener("pageshow", clearChecklists);

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

  /* Printed pages carry the edition's name and its short credit in their header (from mkdocs.yml, see the @page rules). */
  function setPrintName() {
    var name = document.querySelector('meta[name="application-name"]');
    if (name) { document.documentElement.style.setProperty("--gc-site-name", JSON.stringify(name.content)); }
    var credit = document.querySelector("[data-gc-print-credit]");
    if (credit) {
      document.documentElement.style.setProperty("--gc-print-credit", JSON.stringify(credit.getAttribute("data-gc-print-credit")));
    }
  }

  /* Get help: the reader's own region first, from the browser's languages (en-AU: Australia). Nothing
     is stored, every region stays listed, and without this script the edition's own order stands. */
  function putReadersRegionFirst() {
    var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    var countries = [];
    Array.prototype.forEach.call(tags, function (tag) {
      var match = /^[a-z]{2,3}-([a-z]{2})(?:-|$)/i.exec(tag || "");
      if (match && countries.indexOf(match[1].toUpperCase()) < 0) { countries.push(match[1].toUpperCase()); }
    });
    document.querySelectorAll("[data-gc-regions]").forEach(function (list) {
      countries.slice().reverse().forEach(function (code) {
        var mine = list.querySelector(":scope > [data-gc-country='" + code + "']");
        var first = list.querySelector(":scope > [data-gc-country]");
        if (mine && first && mine !== first) { list.insertBefore(mine, first); }
      });
    });
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

  var setUpFor = null;
  function setUpPage() {
    setPrintAddress();
    setPrintName();
    putReadersRegionFirst();
    markInternalLinks();
    /* The theme starts late and announces the page we already set up: keep the reader's Shift count. */
    if (setUpFor === location.pathname) { return; }
    setUpFor = location.pathname;
    if (window.gcExit) { window.gcExit.reset(); }
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

/* Loader: load the theme's scripts after the first paint, and search only when it is used.
   - The theme's scripts (type="text/gc-deferred") run once the page has painted; they start on
     DOMContentLoaded, so that event is sent again for them, then "gc:ready" for our own script.
   - The theme starts its search worker and fetches the search index at start-up; both are held
     until the reader opens search (the toggle, the icon, a shortcut, or focus on the box). */
(function () {
  "use strict";

  var released = false;
  var waiting = [];

  function release() {
    if (released) { return; }
    released = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }

  function hold(start) {
    if (released) { start(); } else { waiting.push(start); }
  }

  /* A stand-in Worker: keeps listeners and messages until search is opened, then hands them over. */
  var RealWorker = window.Worker;
  function HeldWorker(url, options) {
    var self = this;
    /* Resolved now: the worker may start pages later, after instant navigation changed the address. */
    url = new URL(url, document.baseURI).href;
    var listeners = [];
    var messages = [];
    var real = null;
    self.onmessage = null;
    self.onerror = null;
    self.addEventListener = function (type, fn, opts) {
      if (real) { real.addEventListener(type, fn, opts); } else { listeners.push([type, fn, opts]); }
    };
    self.removeEventListener = function (type, fn, opts) {
      if (real) { real.removeEventListener(type, fn, opts); return; }
      listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== fn; });
    };
    self.postMessage = function (message) {
      if (real) { real.postMessage(message); } else { messages.push(message); }
    };
    self.terminate = function () { if (real) { real.terminate(); } waiting = []; };
    hold(function () {
      real = new RealWorker(url, options);
      listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
      real.addEventListener("message", function (e) { if (self.onmessage) { self.onmessage(e); } });
      real.addEventListener("error", function (e) { if (self.onerror) { self.onerror(e); } });
      messages.splice(0).forEach(function (m) { real.postMessage(m); });
    });
  }
  window.Worker = HeldWorker;

  /* The search index request waits too. */
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.gcHeld = /search\/search_index\.json/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.gcHeld) { return send.apply(request, args); }
    hold(function () { send.apply(request, args); });
  };

  /* Anything that opens search releases it. */
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search" && e.target.checked) { release(); }
  }, true);
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.matches && e.target.matches("[data-md-component=search-query]")) { release(); }
  }, true);
  document.addEventListener("click", function (e) {
    if (e.target && e.target.closest && e.target.closest('label[for="__search"]')) { release(); }
  }, true);
  document.addEventListener("keydown", function (e) {
    var typing = e.target && e.target.matches && e.target.matches("input, textarea, select, [contenteditable]");
    if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && ["/", "s", "S", "f", "F"].indexOf(e.key) >= 0) {
      release();
    }
  }, true);

  /* Run the held theme scripts, in order, after the first paint. */
  function runDeferred() {
    var scripts = Array.prototype.slice.call(document.querySelectorAll('script[type="text/gc-deferred"]'));
    (function next() {
      var held = scripts.shift();
      if (!held) {
        document.dispatchEvent(new Event("DOMContentLoaded"));
        document.dispatchEvent(new Event("gc:ready"));
        return;
      }
      var script = document.createElement("script");
      script.src = held.getAttribute("data-src");
      script.onload = next;
      script.onerror = next;
      held.replaceWith(script);
    })();
  }

  function afterPaint() {
    requestAnimationFrame(function () { setTimeout(runDeferred, 0); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", afterPaint, { once: true });
  } else {
    afterPaint();
  }
})();
