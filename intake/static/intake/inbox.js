/* The inbox's keys and "select all". Everything here is also reachable without JavaScript:
   links open, buttons post, checkboxes select. j/k move, o opens, x selects, a assigns to me,
   / searches, ? shows the keys. */
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.inbox tbody tr"));
  var help = document.getElementById("keys-help");
  var current = -1;

  function move(to) {
    if (!rows.length) { return; }
    if (current >= 0) { rows[current].classList.remove("current"); }
    current = Math.max(0, Math.min(rows.length - 1, to));
    rows[current].classList.add("current");
    rows[current].scrollIntoView({ block: "nearest" });
    var link = rows[current].querySelector("a.open");
    if (link) { link.focus({ preventScroll: true }); }
  }

  function toggleHelp() {
    if (help) { help.hidden = !help.hidden; }
  }

  function take(row) {
    var button = row.querySelector("button.take");
    if (button) { button.click(); }
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (typing) {
      if (event.key === "Escape") { target.blur(); }
      return;
    }
    var row = current >= 0 ? rows[current] : null;
    switch (event.key) {
      case "j": move(current + 1); break;
      case "k": move(current - 1); break;
      case "o": case "Enter":
        if (!row) { return; }
        window.location.href = row.getAttribute("data-href");
        break;
      case "x":
        if (!row) { return; }
        var box = row.querySelector("input[name=ids]");
        if (box) { box.checked = !box.checked; }
        break;
      case "a": if (row) { take(row); } break;
      case "/":
        var search = document.getElementById("id_q");
        if (search) { search.focus(); search.select(); }
        break;
      case "?": toggleHelp(); break;
      case "Escape": if (help) { help.hidden = true; } break;
      default: return;
    }
    event.preventDefault();
  });

  rows.forEach(function (row, index) {
    row.addEventListener("click", function () { move(index); });
  });

  var all = document.querySelector("input.select-all");
  if (all) {
    all.hidden = false;
    all.addEventListener("change", function () {
      document.querySelectorAll("table.inbox input[name=ids]").forEach(function (box) { box.checked = all.checked; });
    });
  }
  var opener = document.querySelector(".keys-help-open");
  if (opener) {
    opener.hidden = false;
    opener.addEventListener("click", toggleHelp);
  }
})();
