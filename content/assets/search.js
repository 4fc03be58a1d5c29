// Search with Pagefind, one result per paragraph: Pagefind finds the meeting pages that hold the
// words (small index chunks fetched as the reader types, so a first query costs little however
// large the archive grows); each page's matches are then grouped by the paragraph, subparagraph
// or recommendation they fall in, and each group is a result named as it is cited
// ("HONLAC 27, para. 6"). The words and filters live in the address (?q=&body=&theme=...), so a
// search can be shared, and the page runs the search of its address when it opens.
(function () {
  "use strict";
  var form = document.getElementById("cnd-search");
  if (!form) return;
  var input = document.getElementById("cnd-search-input");
  var status = document.getElementById("cnd-search-status");
  var list = document.getElementById("cnd-search-results");
  var script = document.querySelector('script[src*="assets/search.js"]');
  var root = script.src.replace(/assets\/search\.js.*$/, "");
  var FILTERS = ["body", "meeting", "year", "country", "theme"];
  var SHOWN = 10; // paragraph results shown at first and on each "More results"
  var EXCERPT_BEFORE = 12, EXCERPT_AFTER = 24;
  var pagefind = null;
  var latest = 0;
  var queue = { pages: [], found: [], words: "", filters: {}, reports: 0 };
  var more = document.createElement("button");
  more.type = "button";
  more.textContent = "More results";
  more.hidden = true;
  list.insertAdjacentElement("afterend", more);

  function select(name) { return document.getElementById("cnd-filter-" + name); }

  function label(id) {
    var m = /^para_(\d+)(?:__item_(\d+))?(?:__subpara_([a-z]+))?$/.exec(id || "");
    return m ? "para. " + m[1] + (m[2] ? ", item " + m[2] : "") + (m[3] ? " (" + m[3] + ")" : "") : "";
  }

  function heading(anchor) {
    var words = (anchor.text || "").trim();
    return words.length > 60 ? words.slice(0, words.lastIndexOf(" ", 60)) + "\u2026" : words;
  }

  function paragraphNumber(id) {
    var m = /^para_(\d+)/.exec(id || "");
    return m ? m[1] : null;
  }

  function chosenFilters() {
    var chosen = {};
    FILTERS.forEach(function (name) {
      var field = select(name);
      if (field && field.value) chosen[name] = field.value;
    });
    return chosen;
  }

  function keepInAddress(words, filters) {
    var params = new URLSearchParams();
    if (words) params.set("q", words);
    Object.keys(filters).forEach(function (name) { params.set(name, filters[name]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  // The paragraphs a theme covers on a page, from its "themes" metadata: "precursors=8,10;...".
  function coveredBy(meta, theme) {
    var covered = {};
    ((meta && meta.themes) || "").split(";").forEach(function (entry) {
      var parts = entry.split("=");
      if (parts[0] === theme && parts[1]) parts[1].split(",").forEach(function (n) { covered[n] = true; });
    });
    return covered;
  }

  // One result per paragraph (or subparagraph, or recommendation) holding a match, in the order
  // of the page; without words, the paragraphs a chosen theme covers.
  function paragraphsOf(data, filters) {
    // Paragraph numbers, and headings for the words before a chapter's first paragraph.
    var anchors = (data.anchors || []).filter(function (a) { return paragraphNumber(a.id) || /^h[1-6]$/.test(a.element); })
      .sort(function (a, b) { return a.location - b.location; });
    var covered = filters.theme ? coveredBy(data.meta, filters.theme) : null;
    var groups = [], byId = {};
    function anchorAt(location) {
      var found = null;
      for (var i = 0; i < anchors.length && anchors[i].location <= location; i++) found = anchors[i];
      return found;
    }
    var locations = data.locations && data.locations.length ? data.locations : null;
    if (!locations && !covered) return [{ anchor: null, location: 0 }]; // filters alone: the page itself
    if (!locations) {
      anchors.forEach(function (a) {
        if (covered && covered[paragraphNumber(a.id)] && a.id === "para_" + paragraphNumber(a.id)) {
          groups.push({ anchor: a, location: a.location });
        }
      });
      return groups;
    }
    locations.forEach(function (location) {
      var anchor = anchorAt(location);
      var key = anchor ? anchor.id : "";
      if (covered && (!anchor || !covered[paragraphNumber(anchor.id)])) return;
      if (!byId[key]) { byId[key] = { anchor: anchor, location: location, hits: [] }; groups.push(byId[key]); }
      byId[key].hits.push(location);
    });
    return groups;
  }

  function excerpt(data, group) {
    var words = (data.content || "").split(/\s+/);
    var start = Math.max(group.anchor ? group.anchor.location : 0, group.location - EXCERPT_BEFORE);
    var end = Math.min(words.length, group.location + EXCERPT_AFTER);
    var hits = {};
    (group.hits || []).forEach(function (h) { hits[h] = true; });
    var paragraph = document.createElement("p");
    if (start > 0) paragraph.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      var word = words[i] + (i + 1 < end ? " " : "");
      if (hits[i]) {
        var mark = document.createElement("mark");
        mark.textContent = words[i];
        paragraph.appendChild(mark);
        if (i + 1 < end) paragraph.appendChild(document.createTextNode(" "));
      } else {
        paragraph.appendChild(document.createTextNode(word));
      }
    }
    if (end < words.length) paragraph.appendChild(document.createTextNode(" …"));
    return paragraph;
  }

  function render(data, group) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    var where = group.anchor ? label(group.anchor.id) || heading(group.anchor) : "";
    var name = (data.meta && (data.meta.label || data.meta.title)) || data.url;
    link.href = data.url + (group.anchor ? "#" + group.anchor.id : "");
    link.textContent = where ? name + ", " + where : name;
    item.appendChild(link);
    item.appendChild(excerpt(data, group));
    list.appendChild(item);
  }

  async function showMore(ticket) {
    var shown = 0;
    while (shown < SHOWN && (queue.found.length || queue.pages.length)) {
      if (!queue.found.length) {
        var data = await queue.pages.shift().data();
        if (ticket !== latest) return;
        queue.found = paragraphsOf(data, queue.filters).map(function (g) { return { data: data, group: g }; });
        queue.reports += queue.found.length ? 1 : 0;
        continue;
      }
      var next = queue.found.shift();
      render(next.data, next.group);
      shown++;
    }
    more.hidden = !(queue.found.length || queue.pages.length);
    describe();
  }

  function describe() {
    var words = queue.words ? " for \u201c" + queue.words + "\u201d" : "";
    var listed = list.children.length;
    var reports = " in " + queue.reports + (queue.reports === 1 ? " report" : " reports");
    status.textContent = queue.pages.length
      ? "First " + listed + (listed === 1 ? " result" : " results") + words + "; more below"
      : listed + (listed === 1 ? " result" : " results") + reports + words;
  }

  async function run() {
    var ticket = ++latest;
    var words = input.value.trim();
    var filters = chosenFilters();
    keepInAddress(words, filters);
    list.textContent = "";
    more.hidden = true;
    if (!words && !Object.keys(filters).length) { status.textContent = ""; return; }
    if (!pagefind) {
      pagefind = await import(root + "pagefind/pagefind.js");
      var baseUrl = new URL(root).pathname;
      await pagefind.options({ baseUrl: baseUrl });
      // A large archive's pages are indexed in shards (search_shards.py); the others join the first.
      var merged = (form.getAttribute("data-cnd-merged-indexes") || "").split(" ").filter(function (path) {
        return /^pagefind\/shard-\d+\/$/.test(path);
      });
      for (var i = 0; i < merged.length; i++) await pagefind.mergeIndex(root + merged[i], { baseUrl: baseUrl });
    }
    var search = await pagefind.search(words || null, { filters: filters });
    if (ticket !== latest) return;
    queue = { pages: search.results.slice(), found: [], words: words, filters: filters, reports: 0 };
    await showMore(ticket);
  }

  more.addEventListener("click", function () { showMore(latest); });

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  FILTERS.forEach(function (name) {
    var field = select(name);
    if (field) field.addEventListener("change", run);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });

  var asked = new URLSearchParams(location.search);
  input.value = asked.get("q") || "";
  FILTERS.forEach(function (name) {
    var field = select(name), value = asked.get(name);
    if (!field || !value) return;
    // A value no page has (a shared address from a larger archive, a typo) still filters: to nothing.
    if (!Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      field.appendChild(option);
    }
    field.value = value;
  });
  if (input.value || Object.keys(chosenFilters()).length) run();
})();
