/* newskit report: filters, search, the finding popup and keyboard navigation. No network, no libraries. */
(function () {
  "use strict";
  var L = JSON.parse(document.getElementById("nk-labels").textContent);
  var pop = document.getElementById("nk-pop");
  var body = document.body;
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.nk-f[data-code]"));
  var records = Array.prototype.slice.call(document.querySelectorAll("article.nk-rec"));
  var byId = {}, parts = {}, items = {};
  marks.forEach(function (m) { byId[m.id] = m; parts[m.id] = []; items[m.id] = []; });
  document.querySelectorAll("mark[data-of]").forEach(function (p) { (parts[p.dataset.of] || []).push(p); });
  document.querySelectorAll("li[data-for]").forEach(function (li) { (items[li.dataset.for] || []).push(li); });
  var current = -1, pinned = null;

  function checked(name) {
    var out = {};
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (i) { out[i.value] = i.checked; });
    return out;
  }
  function text(tag, cls, value) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    e.textContent = value;
    return e;
  }

  /* filters: a finding filtered out keeps its text and loses its mark ("nk-off"); its list entry hides */
  function applyFilters() {
    var sev = checked("severity"), fam = checked("family"), code = checked("code"), shown = 0;
    marks.forEach(function (m) {
      var on = sev[m.dataset.severity] !== false && fam[m.dataset.family] !== false && code[m.dataset.code] !== false;
      m.classList.toggle("nk-off", !on);
      m.dataset.hidden = on ? "" : "1";
      parts[m.id].forEach(function (p) { p.classList.toggle("nk-off", !on); });
      items[m.id].forEach(function (li) { li.hidden = !on; });
      if (on && !m.closest("article[hidden]")) shown++;
    });
    var dups = document.getElementById("nk-show-dups"), joins = document.getElementById("nk-show-joins");
    if (dups) body.classList.toggle("nk-no-dups", !dups.checked);
    if (joins) body.classList.toggle("nk-no-joins", !joins.checked);
    status(shown);
  }
  function status(shown) {
    var el = document.getElementById("nk-status");
    if (!el) return;
    var visible = records.filter(function (r) { return !r.hidden; }).length;
    el.textContent = L.findings + " " + shown + "/" + marks.length +
      (visible < records.length ? " · " + L.matches.replace("{n}", visible) : "");
  }

  /* search: records whose text, findings or codes hold the query stay; the index rows follow */
  function applySearch(q) {
    q = q.trim().toLowerCase();
    records.forEach(function (r) {
      var hay = r.textContent.toLowerCase();
      if (q && hay.indexOf(q) < 0) {
        hay += Array.prototype.map.call(r.querySelectorAll("mark.nk-f"), function (m) {
          return " " + m.dataset.code + " " + m.dataset.message;
        }).join("").toLowerCase();
      }
      r.hidden = !!q && hay.indexOf(q) < 0;
      var row = document.querySelector('tr[data-rec="' + r.id + '"]');
      if (row) row.hidden = r.hidden;
    });
    applyFilters();
  }

  /* the popup: message, fix and where for a finding; the other printing for a duplicate */
  function place(el) {
    var r = el.getBoundingClientRect();
    pop.hidden = false;
    var left = Math.max(4, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 4));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  function showFinding(m) {
    pop.replaceChildren();
    var head = document.createElement("div");
    head.appendChild(text("b", "", m.dataset.code));
    head.appendChild(document.createTextNode(" " + m.dataset.name));
    head.appendChild(text("span", "nk-pop-sev nk-" + m.dataset.severity, L.severities[m.dataset.severity] || m.dataset.severity));
    pop.appendChild(head);
    pop.appendChild(text("div", "nk-pop-msg", m.dataset.message));
    pop.appendChild(text("div", "nk-pop-fix", L.fix + ": " + (m.dataset.fix || L.no_fix)));
    pop.appendChild(text("div", "nk-pop-where", m.dataset.where + (m.classList.contains("nk-approx") ? " " + L.near_span : "")));
    var dup = m.closest(".nk-dup[data-dup]");
    if (dup) pop.appendChild(dupLine(dup));
    place(m);
  }
  function dupLine(d) {
    var line = document.createElement("div");
    var role = d.dataset.dupRole === "again" ? L.first_printing : L.again_printing;
    line.appendChild(text("span", "", (L.relations[d.dataset.dupKind] || d.dataset.dupKind) + " · " + role + ": "));
    var a = text("a", "", d.dataset.other);
    a.href = d.dataset.dup;
    line.appendChild(a);
    if (d.dataset.dupKind !== "boilerplate") line.appendChild(text("span", "", " · " + L.score + " " + d.dataset.score));
    return line;
  }
  function showDup(d) {
    pop.replaceChildren(dupLine(d));
    pop.appendChild(text("div", "nk-pop-where", d.dataset.where));
    place(d);
  }
  function hide() { pop.hidden = true; pinned = null; }

  function findingOf(el) {
    var m = el.closest && el.closest("mark.nk-f");
    if (!m) return null;
    if (m.dataset.of) m = byId[m.dataset.of] || m;
    return m.classList.contains("nk-off") ? null : m;
  }
  function dupOf(el) {
    var d = el.closest && el.closest(".nk-dup");
    if (!d || body.classList.contains("nk-no-dups")) return null;
    if (d.dataset.of) d = document.getElementById(d.dataset.of) || d;
    return d;
  }
  function follow(d) {
    var href = d.dataset.dup;
    if (href.charAt(0) !== "#") { location.href = href; return; }
    var target = document.getElementById(href.slice(1));
    if (!target) return;
    history.pushState(null, "", href);
    flash(target);
  }
  function flash(target) {
    /* a passage in the middle of the window; a record or page from its top (scroll-margin clears the bar) */
    target.scrollIntoView({ block: target.matches("article, section") ? "start" : "center" });
    target.classList.remove("nk-flash");
    void target.offsetWidth;
    target.classList.add("nk-flash");
  }

  document.addEventListener("click", function (e) {
    if (e.target.closest("#nk-pop") || e.target.closest("a")) return;
    var m = findingOf(e.target);
    if (m) { pinned = m; setCurrent(marks.indexOf(m)); showFinding(m); return; }
    var d = dupOf(e.target);
    if (d) {
      if (pinned === d) { follow(d); hide(); return; }  /* a second click goes to the other printing */
      pinned = d; showDup(d); return;
    }
    hide();
  });
  document.addEventListener("mouseover", function (e) {
    if (pinned) return;
    var m = findingOf(e.target);
    if (m) { showFinding(m); return; }
    var d = dupOf(e.target);
    if (d) showDup(d); else if (!e.target.closest("#nk-pop")) pop.hidden = true;
  });

  /* keyboard: j/n next finding, k/p previous, Enter shows it, g goes to the other printing, / searches */
  function visible() {
    return marks.filter(function (m) { return !m.classList.contains("nk-off") && !m.closest("article[hidden]"); });
  }
  function setCurrent(i) {
    if (current >= 0 && marks[current]) marks[current].classList.remove("nk-current");
    current = i;
    if (i >= 0 && marks[i]) marks[i].classList.add("nk-current");
  }
  function step(dir) {
    var list = visible();
    if (!list.length) return;
    var at = current >= 0 ? marks[current] : null, next;
    if (at && list.indexOf(at) >= 0) {
      next = list[(list.indexOf(at) + dir + list.length) % list.length];
    } else {
      /* from where the reader is: the first visible finding below the top of the window */
      next = list.filter(function (m) { return m.getBoundingClientRect().top > 60; })[0] || list[0];
      if (dir < 0) next = list[(list.indexOf(next) - 1 + list.length) % list.length];
    }
    setCurrent(marks.indexOf(next));
    next.scrollIntoView({ block: "center" });
    next.focus({ preventScroll: true });
    pinned = next;
    showFinding(next);
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA")) {
      if (e.key === "Escape") t.blur();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "j" || e.key === "n") { step(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { step(-1); e.preventDefault(); }
    else if (e.key === "Escape") { hide(); }
    else if (e.key === "/") { var q = document.getElementById("nk-q"); if (q) { q.focus(); e.preventDefault(); } }
    else if (e.key === "Enter" && current >= 0) { showFinding(marks[current]); }
    else if (e.key === "g") {
      var from = current >= 0 ? marks[current] : document.activeElement;
      var d = from && dupOf(from);
      if (d) { follow(d); hide(); }
    }
  });

  document.querySelectorAll("#nk-tools input[type=checkbox]").forEach(function (i) {
    i.addEventListener("change", applyFilters);
  });
  document.querySelectorAll("[data-check], [data-uncheck]").forEach(function (b) {
    b.addEventListener("click", function () {
      var name = b.dataset.check || b.dataset.uncheck;
      document.querySelectorAll('input[name="' + name + '"]').forEach(function (i) { i.checked = !!b.dataset.check; });
      applyFilters();
    });
  });
  var q = document.getElementById("nk-q"), timer = 0;
  if (q) q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { applySearch(q.value); }, 120); });
  window.addEventListener("hashchange", function () {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) flash(target);
  });
  if (location.hash) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) flash(target);
  }
  /* print everything: folded lists and the index unfold */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  applyFilters();
})();
