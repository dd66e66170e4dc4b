// The kit's keyboard and screen-reader layer (widgets.views.access.AccessLayer; CONTRIBUTING.md, "Keyboard and
// screen readers"). One invisible AccessLayer sits in every top-level view, beside its StyleSheet; this module runs
// in the page (JupyterLab and Voila) and works on the view that holds it (its "root"):
//   - keys pressed inside the view never reach JupyterLab's notebook shortcuts (the keydown stops at the view;
//     Ctrl/Alt/Meta shortcuts such as Ctrl+S go on, Ctrl+Enter does not); Escape hands focus back to the notebook;
//   - toggle buttons say whether they are pressed (aria-pressed); a toggle group and the tagger's words are one Tab
//     stop each, arrow keys move inside (a roving tab index); radios of one group share a name, so arrow keys move
//     the choice, and the group is named by its label;
//   - a control without a name takes its tooltip as its name;
//   - the text of every element marked `fprl-live` that changes is read out by one persistent live region;
//   - when the focused control is disabled, hidden or rebuilt by the kernel, focus moves to what the press just
//     produced (an element marked `fprl-outcome`: an exercise's feedback, a key shown anyway), or else to the
//     nearest control that is still there, never to the page.
// Nothing here changes an answer: every value still goes through the widgets' own events to the kernel.

const ROVING = ".fprl-words, .widget-toggle-buttons";
const FOCUSABLE = "button, select, input, textarea, a[href], [tabindex]";
const NEXT_KEYS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
const RECENT_MS = 3000;   // an outcome that changed this recently is where focus goes when the control is lost
// Ids and radio-group names must be unique in the page: each view's layer numbers its own under a random prefix.
const PREFIX = `fprl-${Math.random().toString(36).slice(2, 8)}`;
let groups = 0;

function set(el, name, value) {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== String(value)) {
    el.setAttribute(name, String(value));
  }
}

function usable(el) {
  return el && el.isConnected && !el.disabled && el.getClientRects().length > 0 &&
         !el.closest("[aria-hidden=true], .fprl-access");
}

function labelId(label) {
  if (!label.id) label.id = `${PREFIX}-label-${++groups}`;
  return label.id;
}

function hasName(el) {
  if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")) return true;
  if (el.labels && Array.from(el.labels).some((l) => l.textContent.trim())) return true;
  return el.tagName === "BUTTON" && el.textContent.trim() !== "";
}

function enhance(root) {
  // Toggle buttons: pressed or not, said as well as shown.
  for (const button of root.querySelectorAll("button.widget-toggle-button")) {
    set(button, "aria-pressed", button.classList.contains("mod-active") ? "true" : "false");
  }
  // Radio groups: one name per group (so arrow keys move the choice), a radiogroup named by the widget's label.
  for (const box of root.querySelectorAll(".widget-radio-box")) {
    set(box, "role", "radiogroup");
    const label = box.parentElement && box.parentElement.querySelector(":scope > .widget-label");
    if (label && label.textContent.trim()) set(box, "aria-labelledby", labelId(label));
    if (!box.dataset.fprlGroup) box.dataset.fprlGroup = `${PREFIX}-radio-${++groups}`;
    for (const radio of box.querySelectorAll("input[type=radio]")) set(radio, "name", box.dataset.fprlGroup);
  }
  // Toggle groups and the tagger's words: a named group, one Tab stop, arrow keys inside.
  for (const group of root.querySelectorAll(ROVING)) {
    if (group.classList.contains("fprl-words")) {
      set(group, "role", "toolbar");
      if (!group.hasAttribute("aria-label")) {
        set(group, "aria-label", "Words of the sentence: arrow keys move from word to word, Space marks a word");
      }
    } else {
      set(group, "role", "group");
      const label = group.querySelector(":scope > .widget-label");
      if (label && label.textContent.trim()) set(group, "aria-labelledby", labelId(label));
    }
    const buttons = Array.from(group.querySelectorAll("button")).filter((b) => !b.disabled);
    if (!buttons.length) continue;
    let current = buttons.find((b) => b.getAttribute("tabindex") === "0" && b.dataset.fprlRoving);
    if (!current) current = buttons.find((b) => b.classList.contains("mod-active")) || buttons[0];
    for (const button of buttons) {
      button.dataset.fprlRoving = "1";
      set(button, "tabindex", button === current ? "0" : "-1");
    }
  }
  // Any control still without a name takes its tooltip (the widget's title) as its name.
  for (const control of root.querySelectorAll("select, input, button, textarea")) {
    if (hasName(control)) continue;
    const titled = control.closest("[title]");
    if (titled && root.contains(titled)) set(control, "aria-label", titled.getAttribute("title"));
  }
}

function move(group, from, step) {
  const buttons = Array.from(group.querySelectorAll("button")).filter((b) => !b.disabled);
  const index = buttons.indexOf(from);
  if (index < 0) return false;
  let next;
  if (step === "first") next = buttons[0];
  else if (step === "last") next = buttons[buttons.length - 1];
  else next = buttons[(index + step + buttons.length) % buttons.length];
  for (const button of buttons) set(button, "tabindex", button === next ? "0" : "-1");
  next.focus();
  return true;
}

function focusInside(target) {
  // The feedback's first line (a heading or paragraph) or the element itself, made focusable by script only.
  const spot = target.querySelector("h1, h2, h3, h4, h5, h6, p, li") || target;
  if (!spot.matches(FOCUSABLE)) set(spot, "tabindex", "-1");
  spot.focus();
  return document.activeElement === spot;
}

function setUp(root, layer, region) {
  set(root, "data-lm-suppress-shortcuts", "true");   // Lumino's own switch for shortcuts (see the keydown below)
  root.classList.add("fprl-keys");
  let trail = [];          // the focused control and its ancestors inside the root, nearest first
  let focused = null;
  let changed = null;      // {node, at}: the last outcome (fprl-outcome) that changed
  let queued = false;
  let announcing = [];

  root.addEventListener("focusin", (event) => {
    if (layer.contains(event.target)) return;
    focused = event.target;
    trail = [];
    for (let node = focused.parentElement; node && node !== root.parentElement; node = node.parentElement) {
      trail.push(node);
    }
    const group = focused.closest(ROVING);
    if (group && root.contains(group) && focused.dataset.fprlRoving) {
      for (const button of group.querySelectorAll("button[data-fprl-roving]")) {
        set(button, "tabindex", button === focused ? "0" : "-1");
      }
    }
  });

  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      const notebook = root.closest(".jp-Notebook");
      if (notebook) {
        event.preventDefault();
        notebook.focus();     // back to the notebook, in command mode
      }
      return;
    }
    // The application's own shortcuts (Ctrl+S...) go on; Ctrl+Enter would run the cell and rebuild the view.
    if ((event.altKey || event.ctrlKey || event.metaKey) && event.key !== "Enter") return;
    // The key stays in the view: JupyterLab listens on the document as the event bubbles up, so it never sees it.
    // (Lumino's data-lm-suppress-shortcuts, set above for releases that honour it, did not stop "a" or "m" in
    // JupyterLab 4.6.)
    event.stopPropagation();
    const group = event.target.closest && event.target.closest(ROVING);
    if (!group || event.target.tagName !== "BUTTON") return;
    const step = event.key in NEXT_KEYS ? NEXT_KEYS[event.key]
      : event.key === "Home" ? "first" : event.key === "End" ? "last" : null;
    if (step !== null && move(group, event.target, step)) event.preventDefault();
  });

  const recover = () => {
    // The focused control is gone, disabled or hidden, and focus is nowhere useful: find the meaningful spot.
    if (!focused || usable(focused)) return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== focused && usable(active)) return;
    if (changed && performance.now() - changed.at < RECENT_MS && changed.node.isConnected &&
        root.contains(changed.node) && changed.node.textContent.trim() && focusInside(changed.node)) return;
    const place = trail.find((node) => node.isConnected && root.contains(node) && node.getClientRects().length);
    if (!place) return;
    const candidates = Array.from(place.querySelectorAll(FOCUSABLE)).filter(usable)
      .filter((el) => el.getAttribute("tabindex") !== "-1" || el.dataset.fprlRoving);
    const same = candidates.find((el) => el.tagName === focused.tagName);
    const heading = place.querySelector("h1, h2, h3, h4, h5, h6");
    if (same || candidates[0]) (same || candidates[0]).focus();
    else if (heading) focusInside(heading.parentElement);
    else { set(place, "tabindex", "-1"); place.focus(); }
  };

  const announce = () => {
    // an error is a role="alert" of its own (widgets/core/errors.py): read out once, by the alert
    const text = announcing.filter((node) => !node.querySelector("[role=alert]"))
      .map((node) => node.textContent.replace(/\s+/g, " ").trim()).filter(Boolean).join(" ");
    announcing = [];
    if (!text) return;
    region.textContent = "";            // emptied first, so the same words twice are read twice
    setTimeout(() => { region.textContent = text; }, 60);
  };

  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      const node = mutation.target.nodeType === 1 ? mutation.target : mutation.target.parentElement;
      if (!node || layer.contains(node)) continue;
      const live = node.closest(".fprl-live");
      // a change inside a live element (not the element being added): its new text is read out
      if (live && live !== node && root.contains(live) && mutation.type !== "attributes") {
        if (!announcing.includes(live)) announcing.push(live);
      }
      const outcome = node.closest(".fprl-outcome");
      if (outcome && root.contains(outcome) && mutation.type !== "attributes" && outcome.textContent.trim()) {
        changed = { node: outcome, at: performance.now() };
      }
    }
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      enhance(root);
      announcing.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      announce();
      setTimeout(recover, 80);   // after the kernel's other updates of the same answer have landed
    });
  });
  observer.observe(root, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ["class", "disabled", "style"],
  });
  enhance(root);
  return () => observer.disconnect();
}

export default {
  render({ model, el }) {
    el.classList.add("fprl-access");
    const region = document.createElement("div");
    region.className = "fprl-live-region";
    set(region, "role", "status");
    set(region, "aria-live", "polite");
    set(region, "aria-atomic", "true");
    el.appendChild(region);
    let stop = null;
    let tries = 0;
    // The view is attached to its parent after it renders: wait for the parent, then work on it.
    const attach = () => {
      const root = el.parentElement;
      if (root && el.isConnected) {
        stop = setUp(root, el, region);
      } else if (++tries < 600) {
        requestAnimationFrame(attach);
      }
    };
    attach();
    return () => { if (stop) stop(); };
  },
};
