/* Every page: what the DSFR leaves to the site.

   A table wider than its container scrolls sideways; a keyboard must reach it to scroll it
   (WCAG 2.1.1). Each such container becomes a focusable, named region while it scrolls, and
   stops being a tab stop when the window is wide enough for the whole table. */
(function () {
  "use strict";
  function name(container) {
    var caption = container.querySelector("caption");
    var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    return text ? "Tableau : " + text + " (défilement horizontal)" : "Tableau (défilement horizontal)";
  }
  function tables() {
    document.querySelectorAll(".fr-table__container, [data-scrolls]").forEach(function (container) {
      var scrolls = container.scrollWidth > container.clientWidth + 1 || container.scrollHeight > container.clientHeight + 1;
      if (scrolls && !container.hasAttribute("tabindex")) {
        container.setAttribute("tabindex", "0");
        container.setAttribute("role", "region");
        container.setAttribute("aria-label", name(container));
        container.setAttribute("data-made-focusable", "");
      } else if (!scrolls && container.hasAttribute("data-made-focusable")) {
        ["tabindex", "role", "aria-label", "data-made-focusable"].forEach(function (a) { container.removeAttribute(a); });
      }
    });
  }
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(tables, 100); }
  document.addEventListener("DOMContentLoaded", tables);
  window.addEventListener("load", tables);
  window.addEventListener("resize", later);
  // The DSFR wraps its tables once its script runs, and htmx swaps parts of pages: check again.
  new MutationObserver(later).observe(document.documentElement, { childList: true, subtree: true });
})();
