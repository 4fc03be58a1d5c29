// "Copy citation" beside every paragraph and recommendation number of a report, and a link
// that opens a report of a problem with that paragraph (the repository's issue form, with the
// paragraph's permalink filled in).
(function () {
  "use strict";
  var facts = document.querySelector("[data-cite]");
  if (!facts) return;
  var form = document.querySelector("[data-issue-form]");
  var canonical = document.querySelector('link[rel="canonical"]');
  var pageUrl = canonical ? canonical.href : location.href.split("#")[0];
  var live = document.createElement("p");
  live.className = "cnd-visually-hidden";
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);

  function label(id) {
    var m = /^para_(\d+)(?:__item_(\d+))?(?:__subpara_([a-z]+))?$/.exec(id);
    return m ? "para. " + m[1] + (m[2] ? ", item " + m[2] : "") + (m[3] ? " (" + m[3] + ")" : "") : id;
  }

  function problemLink(id) {
    var link = document.createElement("a");
    var fields = new URLSearchParams({
      title: "Problem: " + facts.getAttribute("data-cite") + ", " + label(id),
      page: pageUrl,
      paragraph: pageUrl + "#" + id
    });
    link.href = form.getAttribute("data-issue-form") + "&" + fields.toString().replace(/\+/g, "%20");
    link.className = "cnd-problem";
    link.textContent = "Report";
    link.setAttribute("aria-label", "Report a problem with " + label(id));
    return link;
  }

  function citation(id) {
    var url = location.href.split("#")[0] + "#" + id;
    return facts.getAttribute("data-cite") + ", " + label(id) + ". " + url;
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      window.prompt("Copy this citation:", text);
      return false;
    }
  }

  document.querySelectorAll("a.cnd-num[id^='para_']").forEach(function (number) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cnd-cite";
    button.textContent = "Cite";
    button.setAttribute("aria-label", "Copy citation of " + label(number.id));
    button.dataset.citation = citation(number.id);
    button.addEventListener("click", async function () {
      button.dataset.citation = citation(number.id);
      if (await copy(button.dataset.citation)) {
        live.textContent = "Citation copied: " + button.dataset.citation;
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Cite"; }, 2000);
      }
    });
    number.insertAdjacentElement("afterend", button);
    if (form) button.insertAdjacentElement("afterend", problemLink(number.id));
  });
})();
