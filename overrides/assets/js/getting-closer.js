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
    pointLanguageLinks();
    putReadersRegionFirst();
    markInternalLinks();
    /* The theme starts late and announces the page we already set up: keep the reader's Shift count. */
    if (setUpFor === location.pathname) { return; }
    setUpFor = location.pathname;
    if (window.gcExit) { window.gcExit.reset(); }
    clearChecklists();
    showLinkedSection();
  }

  /* The header's language link stays while instant navigation brings in a page: point it at the
     counterpart of the page now shown (main.html puts those links in the part that is swapped). */
  function pointLanguageLinks() {
    var alternates = document.querySelector("[data-gc-alternates]");
    document.querySelectorAll("[data-gc-language]").forEach(function (link) {
      var href = alternates && alternates.getAttribute("data-gc-alternate-" + link.getAttribute("data-gc-language"));
      if (href) { link.href = new URL(href, location.href).href; }
    });
  }

  /* The other language is another edition (its own sitemap, search and scripts): its link loads the page
     in full, replacing this one, never adding to the tab's history (instant navigation would push it). */
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[hreflang]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
    event.preventDefault();
    event.stopPropagation();
    location.replace(link.href);
  }, true);

  /* A link to a section of another page (a search result, say) that instant navigation brought in shows
     that section, as a full page load would, not the top of the page. */
  function showLinkedSection() {
    if (!location.hash) { return; }
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) { requestAnimationFrame(function () { target.scrollIntoView(); }); }
  }

  /* This script runs before the theme's (see loader.js): set up now, and again on every page that
     instant navigation brings in, once the theme has started. */
  setUpPage();
  function follow() {
    if (typeof document$ !== "undefined") { document$.subscribe(setUpPage); }
  }
  if (typeof document$ !== "undefined") { follow(); } else { document.addEventListener("gc:ready", follow, { once: true }); }
})();

/* Keyboard and screen reader: what the theme leaves to the mouse or the eye. One function per part;
   listeners are delegated from document in the capture phase, so they survive instant navigation and
   run before the theme's own (which listen on window, or on their element, as events bubble). */
(function () {
  "use strict";

  /* The page's words for what this script writes, in its language (data/strings.yml, on the header). */
  function say(name) {
    var header = document.querySelector("[data-gc-permalink]");
    return (header && header.getAttribute("data-gc-" + name)) || "";
  }

  function toggle(id) { return document.getElementById(id); }
  function isOn(id) { var t = toggle(id); return !!(t && t.checked); }
  /* As the theme does it: a click on its hidden checkbox, which sends the change event it listens for. */
  function setOn(id, on) {
    var t = toggle(id);
    if (t && t.checked !== on) { t.click(); }
  }
  function query() { return document.querySelector("[data-md-component=search-query]"); }
  function typing(el) {
    return !!(el && el.matches && el.matches(
      "input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]),"
      + " textarea, select, [contenteditable]"));
  }
  function wide() { return matchMedia("(min-width: 60em)").matches; }
  /* Where the menu stands beside the page rather than sliding over it. */
  function menuBeside() { return matchMedia("(min-width: 76.25em)").matches; }

  /* The theme's one-key shortcuts (n . next page, p , previous page, / s f search) act by surprise, and
     Back then leaves the site: they are off. Typing in a field, and search once open, are untouched. */
  var SHORTCUTS = ["n", ".", "p", ",", "/", "s", "f"];
  function blockShortcuts(event) {
    if (SHORTCUTS.indexOf(event.key) < 0 || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (isOn("__search") || typing(event.target)) { return; }
    event.stopPropagation();
  }

  /* Colours: one button per palette (overrides/partials/palette.html), shown while its palette is in
     use, named by what it will do. Pressing it (Space, Enter or a click) checks the theme's radio for
     the next palette, which the theme applies; the body is set here too, for before the theme starts. */
  function showPaletteButton() {
    var scheme = document.body.getAttribute("data-md-color-scheme");
    var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-gc-palette-from]"));
    var match = buttons.filter(function (b) { return b.getAttribute("data-gc-palette-from") === scheme; })[0];
    buttons.forEach(function (b) { b.hidden = b !== (match || buttons[0]); });
  }
  function switchPalette(button) {
    var input = document.getElementById("__palette_" + button.getAttribute("data-gc-palette-to"));
    if (!input) { return; }
    var hadFocus = document.activeElement === button;
    input.checked = false;  /* so the click always sends "change" */
    input.click();
    ["scheme", "primary", "accent"].forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, input.getAttribute("data-md-color-" + key));
    });
    showPaletteButton();
    var shown = document.querySelector("[data-gc-palette-from]:not([hidden])");
    if (hadFocus && shown) { shown.focus(); }
  }

  /* The menu (drawer): a button that says whether it is open; focus goes into it, Escape or leaving it
     closes it. */
  function drawer() { return document.querySelector(".md-sidebar--primary"); }
  function showDrawerState() {
    document.querySelectorAll("[data-gc-drawer]").forEach(function (b) {
      b.setAttribute("aria-expanded", String(isOn("__drawer")));
    });
  }
  function openDrawer(open) {
    setOn("__drawer", open);
    showDrawerState();
    var first = open && drawer() && drawer().querySelector("a[href]");
    if (first) { first.focus(); }
  }

  /* Search: a button opens it on a phone; results are named by their title; Tab walks into them;
     Escape goes back to the search field, and from the field closes search. */
  function openSearch() {
    setOn("__search", true);
    var field = query();
    if (field) { field.focus(); }
  }
  function closeSearch() {
    setOn("__search", false);
    var button = document.querySelector("[data-gc-search-open]");
    if (!wide() && button) { button.focus(); }
  }
  function nameResults() {
    document.querySelectorAll(".md-search-result__item").forEach(function (item) {
      var page = item.querySelector("h1");
      item.querySelectorAll("a.md-search-result__link").forEach(function (link) {
        var heading = link.querySelector("h1, h2");
        var title = heading ? heading.textContent.trim() : "";
        var name = page && heading !== page
          ? say("in-page").replace("{heading}", title).replace("{page}", page.textContent.trim()) : title;
        if (name && link.getAttribute("aria-label") !== name) { link.setAttribute("aria-label", name); }
        if (link.getAttribute("tabindex") === "-1") { link.removeAttribute("tabindex"); }
      });
    });
  }
  function watchResults() {
    var list = document.querySelector(".md-search-result__list");
    if (list && !list.gcWatched) {
      list.gcWatched = true;
      new MutationObserver(nameResults).observe(list, { childList: true, subtree: true });
    }
  }

  /* Glossary terms: reachable by Tab, their meaning given to screen readers (the theme moves the
     title into its tooltip while it shows), and the tooltip dismissed with Escape. */
  function prepareTerms() {
    var content = document.querySelector(".md-content");
    if (!content) { return; }
    var store = content.querySelector("[data-gc-definitions]");
    if (!store) {
      store = document.createElement("div");
      store.hidden = true;
      store.setAttribute("data-gc-definitions", "");
      content.appendChild(store);
    }
    content.querySelectorAll("abbr[title]").forEach(function (term, i) {
      /* A term inside a link is read with the link: a second stop there would be a control in a control. */
      if (term.hasAttribute("tabindex") || term.closest("a")) { return; }
      var meaning = document.createElement("span");
      meaning.id = "gc-meaning-" + i;
      meaning.textContent = term.title;
      store.appendChild(meaning);
      /* A term (named by its word, not by the title the browser would use) that takes focus. */
      term.setAttribute("role", "term");
      term.setAttribute("tabindex", "0");
      term.setAttribute("aria-describedby", meaning.id);
    });
  }

  /* Every tooltip shown now is hidden at once (Escape, or focus moving on); the next one shows as usual. */
  function hideTips() {
    document.querySelectorAll(".md-tooltip2").forEach(function (tip) { tip.classList.add("gc-tip-gone"); });
  }

  /* Headings are named by their words alone; each permalink is named on its own. */
  function nameHeadings() {
    document.querySelectorAll(".md-content .headerlink").forEach(function (link) {
      var heading = link.parentElement;
      if (!heading || heading.hasAttribute("aria-label")) { return; }
      var words = Array.prototype.filter.call(heading.childNodes, function (n) { return n !== link; })
        .map(function (n) { return n.textContent; }).join("").trim();
      heading.setAttribute("aria-label", words);
      link.setAttribute("aria-label", say("permalink").replace("{heading}", words));
      link.removeAttribute("title");  /* or a screen reader says the permalink's name twice */
    });
  }

  /* The header keeps clear of the exit bar, whatever its width: with larger text or wider letter and
     word spacing (WCAG 1.4.12) the bar grows, and the header's room for it grows with it. */
  function headerNeeds() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner) { return 0; }
    return Array.prototype.reduce.call(inner.children, function (sum, el) {
      var width = el.getBoundingClientRect().width;
      if (!width) { return sum; }
      var style = getComputedStyle(el);
      /* The title shrinks (its words end in "…"), all but its margins. */
      if (el.classList.contains("md-header__title")) { width = 0; }
      return sum + width + parseFloat(style.marginLeft) + parseFloat(style.marginRight);
    }, parseFloat(getComputedStyle(inner).paddingLeft));
  }
  /* Where the bar's full words leave the header too little room, it says "Exit" and "Help" (their names
     stay whole, as on a phone). Measured with the full words each time, so the choice never flips back and forth. */
  function fitExitBar(bar) {
    var root = document.documentElement;
    root.classList.remove("gc-bar-short");
    var full = bar.getBoundingClientRect().width;
    root.classList.remove("gc-language-below");
    root.classList.toggle("gc-bar-short", full + headerNeeds() > root.clientWidth);
    /* Where even the short words leave too little room (a 320 px phone), the link to the other language
       stands in its own row just below the header instead (main.html). */
    if (root.classList.contains("gc-bar-short") && document.querySelector("[data-gc-language]")) {
      root.classList.toggle("gc-language-below", bar.getBoundingClientRect().width + headerNeeds() > root.clientWidth);
    }
    root.style.setProperty("--gc-exit-bar-width", Math.ceil(bar.getBoundingClientRect().width) + "px");
    root.classList.add("gc-bar-measured");
  }
  function measureExitBar() {
    var bar = document.querySelector(".gc-exit-bar");
    if (!bar || typeof ResizeObserver === "undefined") { return; }
    var fit = function () { fitExitBar(bar); };
    var watch = new ResizeObserver(fit);
    watch.observe(bar);
    watch.observe(document.documentElement);
  }

  function onKeydown(event) {
    blockShortcuts(event);
    var active = document.activeElement;
    if (event.key === "Escape" && isOn("__drawer") && !menuBeside()) {
      openDrawer(false);
      var menu = document.querySelector("[data-gc-drawer]");
      if (menu) { menu.focus(); }
      return;
    }
    if (isOn("__search") && (event.key === "Escape" || event.key === "Tab")) {
      event.stopPropagation();  /* the theme would close search and drop focus to the page */
      if (event.key === "Escape") {
        var inResults = active && active.closest && active.closest(".md-search__output");
        if (inResults) { query().focus(); } else { closeSearch(); }
      }
      return;
    }
    if (event.key === "Escape") { hideTips(); }
    if (event.key === "Enter" && active && active.matches && active.matches("[data-gc-palette-from]")) {
      event.stopPropagation();  /* the button's own click switches; the theme's Enter handler would too */
    }
  }

  function onClick(event) {
    var target = event.target && event.target.closest ? event.target : null;
    if (!target) { return; }
    var palette = target.closest("[data-gc-palette-from]");
    if (palette) { switchPalette(palette); return; }
    if (target.closest("[data-gc-drawer]")) { openDrawer(!isOn("__drawer")); return; }
    if (target.closest("[data-gc-search-open]")) { openSearch(); }
  }

  function onFocusIn(event) {
    var el = event.target;
    if (!el || !el.closest) { return; }
    /* A term's tooltip goes as soon as focus moves on (the theme keeps it a moment, over the next stop). */
    hideTips();
    if (isOn("__search") && !el.closest(".md-search")) { setOn("__search", false); }
    if (isOn("__drawer") && !menuBeside() && !el.closest(".md-sidebar--primary, [data-gc-drawer]")) {
      openDrawer(false);
    }
  }

  document.addEventListener("keydown", onKeydown, true);
  document.addEventListener("click", onClick, true);
  document.addEventListener("focusin", onFocusIn, true);
  document.addEventListener("pointerover", function (event) {
    if (event.target && event.target.matches && event.target.matches("abbr")) {
      document.querySelectorAll(".gc-tip-gone").forEach(function (tip) { tip.classList.remove("gc-tip-gone"); });
    }
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__drawer") { showDrawerState(); }
    if (event.target && event.target.id === "__search") {
      var button = document.querySelector("[data-gc-search-open]");
      if (button) { button.setAttribute("aria-expanded", String(event.target.checked)); }
    }
  }, true);
  /* Typing in the field after Escape opens search again. */
  document.addEventListener("input", function (event) {
    if (event.target === query() && !isOn("__search")) { setOn("__search", true); }
  }, true);
  new MutationObserver(showPaletteButton).observe(document.body,
    { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  document.documentElement.classList.add("gc-js");
  measureExitBar();
  function setUp() {
    showPaletteButton();
    showDrawerState();
    watchResults();
    prepareTerms();
    nameHeadings();
  }
  setUp();
  function follow() { document$.subscribe(setUp); }
  if (typeof document$ !== "undefined") { follow(); } else {
    document.addEventListener("gc:ready", follow, { once: true });
  }
})();

/* Loader: load the theme's scripts after the first paint, and search only when it is used.
   - The theme's scripts (type="text/gc-deferred") run once the page has painted; they start on
     DOMContentLoaded, so that event is sent again for them, then "gc:ready" for our own script.
   - The theme starts its search worker and fetches the search index at start-up; both are held
     until the reader opens search (the toggle, the icon, or focus on the box). */
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

  /* The theme reads a sitemap beside every <link rel=alternate>, made for links to another language's
     root; ours name the same page in the other language (hreflang), where no sitemap is. Only the
     site's own sitemap (instant navigation's) is fetched; the others fail at once, without a request. */
  var ownSitemapUrl = null;
  function ownSitemap(url) {
    /* Taken once, from the page the reader opened (instant navigation keeps that page's config, whose
       base is relative to it), as the theme does. */
    if (!ownSitemapUrl) {
      var config = document.getElementById("__config");
      var base = config ? JSON.parse(config.textContent).base : ".";
      ownSitemapUrl = new URL("sitemap.xml", new URL(base.replace(/\/?$/, "/"), location.href)).href;
    }
    return new URL(url, document.baseURI).href === ownSitemapUrl;
  }

  /* The search index request waits too. */
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.gcHeld = /search\/search_index\.json/.test(String(url));
    this.gcDropped = /\/sitemap\.xml$/.test(String(url)) && !ownSitemap(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.gcDropped) {
      setTimeout(function () { request.dispatchEvent(new ProgressEvent("error")); }, 0);
      return undefined;
    }
    if (!request.gcHeld) { return send.apply(request, args); }
    hold(function () { send.apply(request, args); });
  };

  /* Anything that opens search releases it (the one-key shortcuts are off, see above). */
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search" && e.target.checked) { release(); }
  }, true);
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.matches && e.target.matches("[data-md-component=search-query]")) { release(); }
  }, true);
  document.addEventListener("click", function (e) {
    if (e.target && e.target.closest && e.target.closest('label[for="__search"]')) { release(); }
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

/* Search with no match: words to try and the way to help, not an empty panel. The note is in the search
   partial; it shows while a query has an answer with no results, and its link follows the header's
   Get help link (right on every page, after instant navigation too). */
(function () {
  "use strict";

  function showNoMatch() {
    var note = document.querySelector("[data-gc-search-none]");
    var meta = document.querySelector(".md-search-result__meta");
    var list = document.querySelector(".md-search-result__list");
    var input = document.querySelector("[data-md-component=search-query]");
    if (!note || !meta || !list || !input) { return; }
    var none = !!input.value.trim() && list.children.length === 0 &&
      meta.textContent.trim() === note.getAttribute("data-gc-none-text");
    var help = document.querySelector("[data-gc-help]");
    var link = note.querySelector("[data-gc-search-help]");
    if (none && help && link && link.href !== help.href) { link.href = help.href; }
    if (note.hidden === none) { note.hidden = !none; }
  }

  var result = document.querySelector("[data-md-component=search-result]");
  if (result) {
    new MutationObserver(showNoMatch).observe(result, { childList: true, subtree: true, characterData: true });
  }
  document.addEventListener("input", showNoMatch, true);
})();
