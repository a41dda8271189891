// Type-ahead for fields that name a place or an occupation (<input data-picker="region|occupation">).
// The page works without it: the server resolves the names typed. With it, each keystroke asks
// /api/v1/regions/search or /api/v1/occupations/search and offers the answers under the field; a tap puts the
// choice's label in the field (or, with data-multiple, replaces the last item of a 、-separated list).
(function () {
  "use strict";
  var separators = /[,，、;；]/;

  function lastItem(value) {
    var parts = value.split(separators);
    return parts[parts.length - 1].trim();
  }

  function attach(input) {
    var kind = input.getAttribute("data-picker");
    var multiple = input.hasAttribute("data-multiple");
    var list = document.createElement("ul");
    list.className = "picker-list";
    list.id = "picker-" + input.name;
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.parentNode.insertBefore(list, input.nextSibling);
    var timer = null, asked = 0, active = -1;

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
    }

    function choose(label) {
      if (multiple) {
        var value = input.value, cut = -1;
        for (var i = value.length - 1; i >= 0; i--) { if (separators.test(value[i])) { cut = i; break; } }
        input.value = value.slice(0, cut + 1) + label + "、";
      } else {
        input.value = label;
      }
      close();
      input.focus();
    }

    function show(items) {
      list.innerHTML = "";
      active = -1;
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        var text = item.label;
        if (item.matchedAlias) { text += "（" + item.matchedAlias + "）"; }
        li.textContent = text;
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(item.label); });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
    }

    function ask() {
      var text = multiple ? lastItem(input.value) : input.value.trim();
      if (!text) { close(); return; }
      var url = kind === "occupation" ? "/api/v1/occupations/search" : "/api/v1/regions/search";
      url += "?limit=8&q=" + encodeURIComponent(text);
      var levels = input.getAttribute("data-levels");
      if (levels) { url += "&level=" + encodeURIComponent(levels); }
      var mine = ++asked;
      fetch(url, { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (page) { if (mine === asked && document.activeElement === input) { show(page.items || []); } })
        .catch(function () { close(); });
    }

    function highlight(index) {
      var options = list.children;
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      for (var i = 0; i < options.length; i++) { options[i].classList.toggle("active", i === active); }
    }

    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 120); });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); list.children[active].dispatchEvent(new MouseEvent("mousedown")); }
      else if (event.key === "Escape") { close(); }
    });
  }

  document.querySelectorAll("input[data-picker]").forEach(attach);
})();
