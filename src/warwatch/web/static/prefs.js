/* Applied in <head>, before first paint: the reader's saved text size and theme. */
(function () {
  try {
    var root = document.documentElement;
    var scale = parseInt(localStorage.getItem("warwatch.fontScale") || "", 10);
    if (scale >= 50 && scale <= 300 && scale !== 100) root.style.fontSize = scale + "%";
    var theme = localStorage.getItem("warwatch.theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
  } catch (e) { /* storage blocked: defaults */ }
})();
