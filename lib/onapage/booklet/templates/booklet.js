/* Keeps the reader oriented: marks the section in view in the side navigation (aria-current) and names
   it in the top bar; opens the definitions before printing. Without it the booklet still reads and
   every link still works. */
(function () {
  "use strict";
  var sections = Array.prototype.slice.call(document.querySelectorAll(".booklet-section"));
  var links = {};
  Array.prototype.forEach.call(document.querySelectorAll(".sidenav a[data-section]"), function (a) {
    links[a.getAttribute("data-section")] = a;
  });
  var label = document.getElementById("current-section");
  var topbar = document.querySelector(".topbar");
  var current = null;

  function setCurrent(section) {
    var name = section ? section.getAttribute("data-section") : null;
    if (name === current) { return; }
    if (current && links[current]) { links[current].removeAttribute("aria-current"); }
    current = name;
    if (name && links[name]) { links[name].setAttribute("aria-current", "location"); }
    if (label) {
      label.textContent = section ? section.getAttribute("data-title") : "";
      label.parentNode.hidden = !section;
    }
  }

  function update() {
    var offset = (topbar ? topbar.getBoundingClientRect().height : 0) + 24;
    var found = null;
    for (var i = 0; i < sections.length; i++) {
      if (sections[i].getBoundingClientRect().top - offset <= 0) { found = sections[i]; } else { break; }
    }
    setCurrent(found);
  }

  var queued = false;
  function onScroll() {
    if (queued) { return; }
    queued = true;
    window.requestAnimationFrame(function () { queued = false; update(); });
  }
  /* A table wider than the screen scrolls sideways inside its wrapper (or the output holding it): make that
     wrapper reachable and scrollable with the keyboard, and name it after the table's caption. */
  function scrollables() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap, .nb-output"), function (w) {
      if (w.scrollWidth > w.clientWidth + 1) {
        if (!w.hasAttribute("tabindex")) {
          var caption = w.querySelector("caption");
          w.setAttribute("tabindex", "0");
          w.setAttribute("role", "region");
          w.setAttribute("aria-label", (caption ? caption.textContent : "Table") + " (scrolls sideways)");
        }
      } else if (w.getAttribute("role") === "region") {
        w.removeAttribute("tabindex");
        w.removeAttribute("role");
        w.removeAttribute("aria-label");
      }
    });
  }

  var resizeQueued = false;
  function onResize() {
    onScroll();
    if (resizeQueued) { return; }
    resizeQueued = true;
    window.setTimeout(function () { resizeQueued = false; scrollables(); }, 150);
  }
  window.addEventListener("scroll", onScroll, { passive: true });
  window.addEventListener("resize", onResize);
  window.addEventListener("hashchange", update);
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.definitions"), function (d) { d.open = true; });
  });
  scrollables();
  update();
})();
