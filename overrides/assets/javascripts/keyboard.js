// Progressive enhancement of the theme's menu and search, which open and close with hidden
// checkboxes. Without this script the theme's own markup works: its <label>s toggle them.
//  - Header: the theme's menu and search <label>s become <button>s named like the navigation and
//    the search they open (a <label> may not take the role of a button).
//  - The theme presses a focused <label> on Enter; this adds Space, as for any button.
//  - Menu: its button reports whether it is open. While open on a phone, the page behind it is
//    inert and focus moves into it; Escape closes it and focus returns to the menu button.
//  - Menu levels: the labels that open a level (or the page's contents) are named buttons that
//    say whether they are expanded. On a phone, where levels slide over each other, the level
//    titles are "back" buttons, and focus follows the level that is showing.
//  - Search: its dialog has a name, and its button puts focus in the search box; tabbing out of
//    the search closes it, so its overlay does not stay over the page.
//  - Both start closed. The theme asks for that with autocomplete="off" on its checkboxes, which
//    HTML does not allow there, so the build drops the attribute (medmassage/page_html.py) and
//    this script closes what a browser restored open on reload.
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  [drawer, search].forEach(function (toggle) { if (toggle) toggle.checked = false; });
  var sidebar = document.querySelector(".md-sidebar--primary");
  var searchPanel = document.querySelector(".md-search");
  var menu = headerButton(drawer, nameOf(".md-nav--primary", "Navigation"));
  var searchButton = headerButton(search, nameOf(".md-search__options", "Search"));
  var behindMenu = document.querySelectorAll(
    "[data-md-component=skip], .md-header, .md-content, .md-sidebar--secondary, .md-top, .site-footer, .md-footer");

  function nameOf(selector, fallback) {
    var element = document.querySelector(selector);
    return (element && element.getAttribute("aria-label")) || fallback;
  }

  /* The theme's header <label> for `toggle`, replaced by a named <button> that clicks it. The
     button keeps the label's `for`, so the theme's styles for it (where it shows) still apply. */
  function headerButton(toggle, name) {
    var label = toggle && document.querySelector('label.md-header__button[for="' + toggle.id + '"]');
    if (!label) return null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("for", toggle.id);
    button.setAttribute("aria-label", name);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.replaceWith(button);
    button.addEventListener("click", function () { toggle.click(); });
    return button;
  }

  function isPhoneMenu() {
    return menu !== null && menu.offsetParent !== null;
  }

  function close(toggle) {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function shown(element) {
    return element.getClientRects().length > 0 && getComputedStyle(element).visibility === "visible";
  }

  function firstShown(container, selector) {
    return Array.prototype.find.call(container.querySelectorAll(selector), shown) || null;
  }

  function syncMenu() {
    var open = drawer.checked && isPhoneMenu();
    if (menu) menu.setAttribute("aria-expanded", open ? "true" : "false");
    behindMenu.forEach(function (element) { element.inert = open; });
    if (open && sidebar && (document.activeElement === menu || document.activeElement === document.body)) {
      var first = firstShown(sidebar, "a[href], [tabindex='0']");
      if (first) first.focus({ preventScroll: true });
    } else if (!open && menu && sidebar && sidebar.contains(document.activeElement)) {
      menu.focus();
    }
  }

  function makeButton(label, name) {
    label.tabIndex = 0;
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", name);
  }

  function syncLevels() {
    sidebar.querySelectorAll("label.md-nav__link[for]").forEach(function (label) {
      var toggle = document.getElementById(label.htmlFor);
      if (toggle) label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    });
  }

  if (sidebar) {
    sidebar.querySelectorAll("label.md-nav__link[for]").forEach(function (label) {
      var text = label.textContent.trim();
      var link = label.parentElement.querySelector(":scope > a.md-nav__link");
      if (label.htmlFor === "__toc") {
        makeButton(label, text + ": contents of this page");
      } else if (!text && link) {
        makeButton(label, "Pages under " + link.textContent.trim());
      } else {
        label.setAttribute("role", "button");
      }
    });
    sidebar.querySelectorAll('label.md-nav__title:not([for="__drawer"])').forEach(function (label) {
      makeButton(label, "Back from " + label.textContent.trim());
    });
    sidebar.addEventListener("change", function (event) {
      var toggle = event.target;
      syncLevels();
      if (!toggle.matches(".md-nav__toggle") || !isPhoneMenu() || !sidebar.contains(document.activeElement)) return;
      var level = toggle.parentElement.querySelector(":scope > .md-nav");
      var next = toggle.checked
        ? level && level.querySelector(":scope > .md-nav__title")
        : firstShown(toggle.parentElement, 'label.md-nav__link[for="' + toggle.id + '"]');
      if (next) next.focus({ preventScroll: true });
    });
    syncLevels();
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === " " && target instanceof HTMLLabelElement && target.getAttribute("role") === "button") {
      event.preventDefault();
      target.click();
    } else if (event.key === "Escape" && drawer && drawer.checked) {
      close(drawer);
    }
  });

  if (search && searchPanel) {
    if (searchButton) searchPanel.setAttribute("aria-label", searchButton.getAttribute("aria-label"));
    search.addEventListener("change", function () {
      var box = searchPanel.querySelector(".md-search__input");
      if (search.checked && box && document.activeElement === searchButton) box.focus();
    });
    searchPanel.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (search.checked && next instanceof Node && !searchPanel.contains(next)) close(search);
    });
  }

  if (drawer) {
    drawer.addEventListener("change", syncMenu);
    syncMenu();
  }
})();
