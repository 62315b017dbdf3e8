/* Getting Closer: load the theme's scripts after the first paint, and search only when it is used.
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
