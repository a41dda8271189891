// Type-ahead for fields that name a place or an occupation (<input data-picker="region|occupation">).
// The page works without it: the server resolves the names typed. With it, each keystroke asks
// /api/v1/regions/search or /api/v1/occupations/search and offers the answers under the field; a tap puts the
// choice's label in the field (or, with data-multiple, replaces the last item of a 、-separated list).
// A region field opened while empty walks the tree instead (/api/v1/regions?parent=): province → city → county →
// township; a place above the levels the field takes (data-levels) opens its children, and one that the field takes
// but that has children below it offers "›" to go down a level.
(function () {
  "use strict";
  var separators = /[,，、;；]/;
  var order = ["province", "city", "county", "township"];

  function lastItem(value) {
    var parts = value.split(separators);
    return parts[parts.length - 1].trim();
  }

  function attach(input) {
    var kind = input.getAttribute("data-picker");
    var multiple = input.hasAttribute("data-multiple");
    var levels = (input.getAttribute("data-levels") || order.join(",")).split(",");
    var deepest = Math.max.apply(null, levels.map(function (level) { return order.indexOf(level); }));
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

    function put(label, done) {
      if (multiple) {
        var value = input.value, cut = -1;
        for (var i = value.length - 1; i >= 0; i--) { if (separators.test(value[i])) { cut = i; break; } }
        input.value = value.slice(0, cut + 1) + label + (done ? "、" : "");
      } else {
        input.value = label;
      }
    }

    function choose(item) {
      put(item.label, true);
      close();
      input.focus();
    }

    function drill(item) {
      put(item.label, false);
      browse(item);
      input.focus();
    }

    function fetchJSON(url, then) {
      var mine = ++asked;
      fetch(url, { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (page) { if (mine === asked && document.activeElement === input) { then(page.items || []); } })
        .catch(function () { close(); });
    }

    // Regions get what they need to be chosen or opened: whether the field takes their level, and whether they have
    // children the field could take.
    function region(item) {
      var depth = order.indexOf(item.level);
      item.allowed = levels.indexOf(item.level) >= 0;
      item.hasMore = depth < deepest;
      return item;
    }

    function show(items) {
      list.innerHTML = "";
      active = -1;
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        var text = document.createElement("span");
        text.textContent = item.label + (item.matchedAlias ? "（" + item.matchedAlias + "）" : "") + (item.hasMore && !item.allowed ? " ›" : "");
        li.appendChild(text);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          if (kind === "region" && item.hasMore && !item.allowed) { drill(item); } else { choose(item); }
        });
        if (kind === "region" && item.hasMore && item.allowed) {
          var down = document.createElement("button");
          down.type = "button";
          down.className = "picker-down";
          down.textContent = "›";
          down.setAttribute("aria-label", item.label);
          down.addEventListener("mousedown", function (event) { event.preventDefault(); event.stopPropagation(); drill(item); });
          li.appendChild(down);
        }
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
    }

    // The children of `parent` (the provinces for none), labelled as the search labels them.
    function browse(parent) {
      var url = "/api/v1/regions" + (parent ? "?parent=" + encodeURIComponent(parent.code) : "");
      fetchJSON(url, function (items) {
        show(items.map(function (child) {
          var label = !parent || parent.level === "province" ? child.name : parent.label + " " + child.name;
          return region({ code: child.code, level: child.level, label: label });
        }));
      });
    }

    function ask() {
      var text = multiple ? lastItem(input.value) : input.value.trim();
      if (!text) {
        if (kind === "region") { browse(null); } else { close(); }
        return;
      }
      var url = kind === "occupation" ? "/api/v1/occupations/search" : "/api/v1/regions/search";
      url += "?limit=8&q=" + encodeURIComponent(text);
      if (kind === "region") {
        // Places above the field's levels are offered too, to be opened.
        url += "&level=" + encodeURIComponent(order.slice(0, deepest + 1).join(","));
      }
      fetchJSON(url, function (items) { show(kind === "region" ? items.map(region) : items); });
    }

    function highlight(index) {
      var options = list.children;
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      for (var i = 0; i < options.length; i++) { options[i].classList.toggle("active", i === active); }
    }

    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 120); });
    input.addEventListener("focus", function () {
      var text = multiple ? lastItem(input.value) : input.value.trim();
      if (!text && kind === "region") { browse(null); }
    });
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
