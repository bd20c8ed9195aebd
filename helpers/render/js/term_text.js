// The reader's text with clickable glossary terms (helpers/views/term_text.py, an anywidget).
// The model holds `value` (the HTML of the segments in view, escaped in Python), `cards`
// (term -> its glossary card's HTML) and `term` (the term whose card is open, "" for none).
// A term opens its card right below the segment where it was clicked (or chosen with Enter or
// Space: each term is a button in the Tab order); Escape or "Close" closes it and puts the
// focus back on the term. Choosing a term in the "Terms in view" list sets `term` from Python.

function render({ model, el }) {
  let anchor = null; // the term element the open card belongs to

  const terms = () => Array.from(el.querySelectorAll(".ly-term[data-term]"));

  const decorate = () => {
    for (const term of terms()) {
      term.setAttribute("role", "button");
      term.setAttribute("tabindex", "0");
      term.setAttribute("aria-expanded", "false");
      term.setAttribute("aria-label", `${term.textContent.replace(/\s+/g, "")}: open its glossary card`);
    }
  };

  const closeCard = () => {
    el.querySelectorAll(".ly-inline-card").forEach((card) => card.remove());
    for (const term of terms()) term.setAttribute("aria-expanded", "false");
  };

  const place = () => {
    closeCard();
    const chosen = model.get("term");
    const html = (model.get("cards") || {})[chosen];
    if (!chosen || !html) return;
    if (!anchor || anchor.dataset.term !== chosen || !el.contains(anchor)) {
      // A term inside a longer one (牛犋 in 抬高牛犋价) is marked as the longer one.
      anchor =
        terms().find((term) => term.dataset.term === chosen) ||
        terms().find((term) => term.dataset.term.includes(chosen)) ||
        null;
    }
    const card = document.createElement("div");
    card.className = "ly-inline-card";
    card.setAttribute("role", "region");
    card.setAttribute("aria-label", `Glossary card: ${chosen}`);
    card.innerHTML = html;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "ly-card-close";
    close.textContent = "Close the card";
    card.appendChild(close);
    const segment = anchor && anchor.closest(".ly-seg");
    if (segment) segment.appendChild(card);
    else if (anchor) anchor.after(card);
    else el.prepend(card);
    if (anchor) anchor.setAttribute("aria-expanded", "true");
  };

  const choose = (term) => {
    const same = model.get("term") === term.dataset.term && anchor === term;
    anchor = term;
    model.set("term", same ? "" : term.dataset.term);
    model.save_changes();
    place();
  };

  const closeAndReturn = () => {
    const back = anchor;
    model.set("term", "");
    model.save_changes();
    place();
    if (back && el.contains(back)) back.focus();
  };

  // Enter, Space and Escape on a term are the reader's, not JupyterLab's notebook shortcuts.
  el.setAttribute("data-lm-suppress-shortcuts", "true");

  const draw = () => {
    el.innerHTML = model.get("value");
    decorate();
    place();
  };

  el.addEventListener("click", (event) => {
    if (event.target.closest(".ly-card-close")) return closeAndReturn();
    const term = event.target.closest(".ly-term[data-term]");
    if (term && el.contains(term)) choose(term);
  });
  el.addEventListener("keydown", (event) => {
    const term = event.target.closest && event.target.closest(".ly-term[data-term]");
    if (term && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      choose(term);
    } else if (event.key === "Escape" && model.get("term")) {
      event.preventDefault();
      closeAndReturn();
    }
  });
  model.on("change:value", draw);
  model.on("change:term", place);
  model.on("change:cards", place);
  draw();
}

export default { render };
