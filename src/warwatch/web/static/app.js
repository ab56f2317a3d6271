/* Font size and theme controls. Preferences live in localStorage; prefs.js applies them early. */
(function () {
  "use strict";
  var STEPS = [75, 85, 90, 100, 110, 120, 135, 150, 175, 200];
  var root = document.documentElement;

  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function save(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* ignore */ } }

  function currentScale() {
    var v = parseInt(load("warwatch.fontScale") || "100", 10);
    return STEPS.indexOf(v) >= 0 ? v : 100;
  }

  function applyScale(v) {
    root.style.fontSize = v === 100 ? "" : v + "%";
    var label = document.getElementById("font-value");
    if (label) label.textContent = v + "%";
    var smaller = document.querySelector('[data-font="smaller"]');
    var larger = document.querySelector('[data-font="larger"]');
    if (smaller) smaller.disabled = v <= STEPS[0];
    if (larger) larger.disabled = v >= STEPS[STEPS.length - 1];
  }

  function effectiveTheme() {
    var t = root.getAttribute("data-theme");
    if (t) return t;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function labelTheme() {
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) return;
    var next = effectiveTheme() === "dark" ? "light" : "dark";
    button.setAttribute("aria-label", "Switch to " + next + " theme");
    button.title = "Switch to " + next + " theme";
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-font], [data-theme-toggle]") : null;
    if (!target) return;
    if (target.hasAttribute("data-font")) {
      var v = currentScale(), i = STEPS.indexOf(v), action = target.getAttribute("data-font");
      if (action === "smaller" && i > 0) v = STEPS[i - 1];
      else if (action === "larger" && i < STEPS.length - 1) v = STEPS[i + 1];
      else if (action === "reset") v = 100;
      save("warwatch.fontScale", String(v));
      applyScale(v);
    } else {
      var theme = effectiveTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", theme);
      save("warwatch.theme", theme);
      labelTheme();
    }
  });

  applyScale(currentScale());
  labelTheme();
})();
