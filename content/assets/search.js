// Search with Pagefind: small index chunks are fetched as the reader types, so the
// first query costs little even for hundreds of reports. Each result links to the
// paragraph (or heading) nearest to the first match, not just to the page.
(function () {
  "use strict";
  var form = document.getElementById("cnd-search");
  if (!form) return;
  var input = document.getElementById("cnd-search-input");
  var status = document.getElementById("cnd-search-status");
  var list = document.getElementById("cnd-search-results");
  var script = document.querySelector('script[src*="assets/search.js"]');
  var root = script.src.replace(/assets\/search\.js.*$/, "");
  var pagefind = null;
  var latest = 0;
  var PAGE = 5; // each result fetches its page's fragment: load a few, then more on request
  var pending = [];
  var more = document.createElement("button");
  more.type = "button";
  more.textContent = "More results";
  more.hidden = true;
  list.insertAdjacentElement("afterend", more);

  function label(id) {
    var m = /^para_(\d+)(?:__item_(\d+))?(?:__subpara_([a-z]+))?$/.exec(id || "");
    if (m) return "para. " + m[1] + (m[2] ? ", item " + m[2] : "") + (m[3] ? " (" + m[3] + ")" : "");
    return "";
  }

  function nearestAnchor(data) {
    var location = data.locations && data.locations.length ? data.locations[0] : 0;
    var best = null;
    (data.anchors || []).forEach(function (anchor) {
      if (anchor.id && anchor.location <= location && (!best || anchor.location >= best.location)) best = anchor;
    });
    return best;
  }

  function render(items) {
    items.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      var anchor = nearestAnchor(item);
      link.href = item.url + (anchor ? "#" + anchor.id : "");
      link.textContent = (item.meta && item.meta.title) || item.url;
      var where = anchor ? label(anchor.id) : "";
      if (where) link.textContent += ", " + where;
      var excerpt = document.createElement("p");
      excerpt.innerHTML = item.excerpt; // Pagefind escapes the page text and adds <mark>
      li.appendChild(link);
      li.appendChild(excerpt);
      list.appendChild(li);
    });
  }

  async function run(query) {
    var ticket = ++latest;
    if (!query.trim()) { list.textContent = ""; status.textContent = ""; return; }
    if (!pagefind) {
      pagefind = await import(root + "pagefind/pagefind.js");
      await pagefind.options({ baseUrl: new URL(root).pathname });
    }
    var search = await pagefind.search(query);
    if (ticket !== latest) return;
    list.textContent = "";
    pending = search.results;
    await showMore(ticket);
    status.textContent = search.results.length + (search.results.length === 1 ? " result" : " results") +
      " for \u201c" + query + "\u201d";
  }

  async function showMore(ticket) {
    var next = pending.slice(0, PAGE);
    pending = pending.slice(PAGE);
    var items = await Promise.all(next.map(function (r) { return r.data(); }));
    if (ticket !== latest) return;
    render(items);
    more.hidden = pending.length === 0;
  }

  more.addEventListener("click", function () { showMore(latest); });

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 200);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
