// The Cite button beside every paragraph, subparagraph and recommendation number of a report:
// it opens a dialog with the paragraph's citation, to copy or to save for a reference manager
// (BibTeX, RIS, CSL-JSON). The formats come from the page (data-cite-* on the report's facts),
// written once by the archive with slots for the paragraph: {{locator}}, {{url}}, {{key}}.
// Beside it, a link opens a report of a problem with that paragraph (the repository's issue
// form, with the paragraph's permalink filled in).
(function () {
  "use strict";
  var facts = document.querySelector("[data-cite]");
  if (!facts) return;
  var form = document.querySelector("[data-issue-form]");
  var canonical = document.querySelector('link[rel="canonical"]');
  var pageUrl = canonical ? canonical.href : location.href.split("#")[0];
  var FORMATS = [
    { name: "BibTeX", attribute: "data-cite-bibtex", extension: "bib", type: "application/x-bibtex" },
    { name: "RIS", attribute: "data-cite-ris", extension: "ris", type: "application/x-research-info-systems" },
    { name: "CSL-JSON", attribute: "data-cite-csl", extension: "json", type: "application/vnd.citationstyles.csl+json" }
  ];

  function label(id) {
    var m = /^para_(\d+)(?:__item_(\d+))?(?:__subpara_([a-z]+))?$/.exec(id);
    return m ? "para. " + m[1] + (m[2] ? ", item " + m[2] : "") + (m[3] ? " (" + m[3] + ")" : "") : id;
  }

  function filled(attribute, id) {
    var values = { locator: label(id), url: pageUrl + "#" + id, key: facts.getAttribute("data-cite-id") + "-" + id };
    return facts.getAttribute(attribute).replace(/\{\{(locator|url|key)\}\}/g, function (_, slot) {
      return values[slot];
    });
  }

  function element(tag, text, className) {
    var made = document.createElement(tag);
    if (text) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  var dialog = element("dialog", "", "cnd-cite-dialog");
  var heading = element("h2", "");
  heading.id = "cnd-cite-title";
  dialog.setAttribute("aria-labelledby", heading.id);
  var quoted = element("p", "", "cnd-cite-text");
  var actions = element("p", "", "cnd-cite-actions");
  var status = element("p", "", "cnd-visually-hidden");
  status.setAttribute("role", "status");
  var copyButton = element("button", "Copy citation");
  copyButton.type = "button";
  actions.appendChild(copyButton);
  FORMATS.forEach(function (format) {
    var save = element("button", format.name);
    save.type = "button";
    save.setAttribute("aria-label", "Save as " + format.name);
    save.addEventListener("click", function () { download(format); });
    actions.appendChild(save);
  });
  var close = element("button", "Close");
  close.type = "button";
  close.addEventListener("click", function () { dialog.close(); });
  actions.appendChild(close);
  [heading, quoted, actions, status].forEach(function (part) { dialog.appendChild(part); });
  document.body.appendChild(dialog);
  var current = null;

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      window.prompt("Copy this citation:", text);
      return false;
    }
  }

  copyButton.addEventListener("click", async function () {
    if (await copy(quoted.textContent)) {
      status.textContent = "Citation copied: " + quoted.textContent;
      copyButton.textContent = "Copied";
      setTimeout(function () { copyButton.textContent = "Copy citation"; }, 2000);
    }
  });

  function download(format) {
    var blob = new Blob([filled(format.attribute, current)], { type: format.type });
    var link = element("a", "");
    link.href = URL.createObjectURL(blob);
    link.download = facts.getAttribute("data-cite-id") + "-" + current + "." + format.extension;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    status.textContent = format.name + " saved";
  }

  function open(id, opener) {
    current = id;
    heading.textContent = "Cite " + label(id);
    quoted.textContent = filled("data-cite", id);
    status.textContent = "";
    dialog.returnFocus = opener;
    dialog.showModal();
    copyButton.focus();
  }

  dialog.addEventListener("close", function () {
    if (dialog.returnFocus) dialog.returnFocus.focus();
  });

  function problemLink(id) {
    var link = element("a", "Report", "cnd-problem");
    var fields = new URLSearchParams({
      title: "Problem: " + facts.getAttribute("data-cite-label") + ", " + label(id),
      page: pageUrl,
      paragraph: pageUrl + "#" + id
    });
    link.href = form.getAttribute("data-issue-form") + "&" + fields.toString().replace(/\+/g, "%20");
    link.setAttribute("aria-label", "Report a problem with " + label(id));
    return link;
  }

  document.querySelectorAll("a.cnd-num[id^='para_']").forEach(function (number) {
    var button = element("button", "Cite", "cnd-cite");
    button.type = "button";
    button.setAttribute("aria-label", "Cite " + label(number.id));
    button.setAttribute("aria-haspopup", "dialog");
    button.addEventListener("click", function () { open(number.id, button); });
    number.insertAdjacentElement("afterend", button);
    if (form) button.insertAdjacentElement("afterend", problemLink(number.id));
  });
})();
