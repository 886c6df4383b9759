// The search box in the header of every page (a WAI-ARIA combobox): the header's search
// link, which leads to the A–Z list without JavaScript, becomes a button opening the box.
// A query is matched against the static index the build writes below search/ (see
// src/search/mod.rs): each word loads the shard named by its first two letters or jamo, terms
// match by prefix in jamo (so a Korean syllable still being composed finds its words), and
// only the chunks of documents shown are loaded. The words are those of src/search/tokens.rs:
// keep the two in step.
(function () {
  "use strict";
  var panel = document.getElementById("site-search");
  var button = document.getElementById("search-button");
  var link = document.getElementById("search-link");
  if (!panel || !button || !link || !window.fetch || !window.URL) return;
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var base = new URL(panel.dataset.index, window.location.href);
  var root = new URL("../", base);
  var SHOWN = 8;
  var WEIGHTS = [1, 2, 4, 8];
  var HANGUL = "\uAC00-\uD7A3\u1100-\u11FF\u3131-\u318E";
  var PIECE = new RegExp("[" + HANGUL + "]+|(?:(?![" + HANGUL + "])[\\p{Alphabetic}\\p{N}])+", "gu");
  var IS_HANGUL = new RegExp("^[" + HANGUL + "]");
  var PARTICLES = ["이지만", "에서는", "에서도", "으로는", "으로도", "에게서", "까지는", "부터는", "이라는",
    "이라고", "입니다", "합니다", "에서", "에게", "으로", "로는", "로도", "까지", "부터", "보다",
    "처럼", "만큼", "이나", "이며", "이고", "이다", "과는", "와는", "에는", "에도", "라는", "라고",
    "하는", "하고", "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만", "인"];
  var STOP = ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its",
    "of", "on", "or", "that", "the", "this", "to", "with"];
  var INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
  var VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
  var FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";
  var PARTS = { "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
    "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ" };
  var meta = null;
  var shards = {};
  var chunks = {};
  var results = [];
  var active = -1;
  var serial = 0;

  // --- words, as src/search/tokens.rs makes them ---
  function jamo(term) {
    var out = "";
    for (var i = 0; i < term.length; i++) {
      var code = term.charCodeAt(i) - 0xAC00;
      if (code < 0 || code > 11171) { out += PARTS[term[i]] || term[i]; continue; }
      var last = code % 28;
      var vowel = VOWELS[Math.floor(code % 588 / 28)];
      out += INITIALS[Math.floor(code / 588)] + (PARTS[vowel] || vowel);
      if (last) out += PARTS[FINALS[last - 1]] || FINALS[last - 1];
    }
    return out;
  }
  function stem(word) {
    if (IS_HANGUL.test(word)) {
      for (var i = 0; i < PARTICLES.length; i++) {
        var p = PARTICLES[i];
        if (word.length > p.length && word.slice(-p.length) === p) return word.slice(0, -p.length);
      }
      return word;
    }
    if (word.length <= 3 || /[^\x00-\x7f]/.test(word)) return word;
    if (/ies$/.test(word) && !/[ea]ies$/.test(word)) return word.slice(0, -3) + "y";
    if (/(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
    if (/s$/.test(word) && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
    return word;
  }
  // The query's words, each as the jamo spellings a term may start with.
  function queryWords(text) {
    return (text.toLowerCase().match(PIECE) || []).filter(function (w) {
      return STOP.indexOf(w) < 0 && !(IS_HANGUL.test(w) && PARTICLES.indexOf(w) >= 0);
    }).map(function (w) {
      var forms = [jamo(w)];
      var s = jamo(stem(w));
      if (s !== forms[0]) forms.push(s);
      return forms;
    });
  }

  // --- the index ---
  function get(path) {
    return fetch(new URL(path, base)).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + r.url);
      return r.json();
    });
  }
  function shardName(key) {
    return Array.prototype.map.call(key, function (c) { return c.charCodeAt(0).toString(16); }).join("-");
  }
  function shard(key) {
    if (meta.shards.indexOf(key) < 0) return Promise.resolve([]);
    if (!shards[key]) {
      shards[key] = get("t/" + shardName(key) + ".json").then(function (terms) {
        return Object.keys(terms).map(function (t) { return { term: t, jamo: jamo(t), postings: terms[t] }; });
      });
    }
    return shards[key];
  }
  function chunk(n) {
    if (!chunks[n]) chunks[n] = get("d/" + n + ".json");
    return chunks[n];
  }
  // Each document a word's forms find, with its best score.
  function matches(forms) {
    var keys = forms.map(function (f) { return f.slice(0, meta.key_length); })
      .filter(function (k, i, all) { return all.indexOf(k) === i; });
    return Promise.all(keys.map(shard)).then(function (loaded) {
      var found = new Map();
      [].concat.apply([], loaded).forEach(function (entry) {
        var exact = forms.indexOf(entry.jamo) >= 0;
        if (!exact && !forms.some(function (f) { return entry.jamo.indexOf(f) === 0; })) return;
        var doc = 0;
        entry.postings.forEach(function (p) {
          doc += p >> 2;
          var score = WEIGHTS[p & 3] * (exact ? 2 : 1);
          if (!(found.get(doc) >= score)) found.set(doc, score);
        });
      });
      return found;
    });
  }
  // The documents every word finds, best first.
  function search(words) {
    return Promise.all(words.map(matches)).then(function (found) {
      var scores = found[0];
      var ranked = [];
      scores.forEach(function (score, doc) {
        var total = score;
        for (var i = 1; i < found.length; i++) {
          if (!found[i].has(doc)) return;
          total += found[i].get(doc);
        }
        ranked.push([doc, total]);
      });
      ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return { total: ranked.length, docs: ranked.slice(0, SHOWN).map(function (r) { return r[0]; }) };
    });
  }
  function documents(numbers) {
    return Promise.all(numbers.map(function (n) {
      return chunk(Math.floor(n / meta.chunk)).then(function (docs) { return docs[n % meta.chunk]; });
    }));
  }

  // --- showing results ---
  function hrefOf(doc) {
    var url = new URL(doc.href, root);
    if (url.protocol === "file:" && /\/$/.test(url.pathname)) url.pathname += "index.html";
    return url.href;
  }
  // The passage to show: the first whose words match, else the first.
  function passageFor(doc, words) {
    var all = doc.passages;
    for (var i = 0; i < all.length; i++) if (marked(all[i].text, words).some(isMark)) return all[i];
    return all[0];
  }
  function isMark(part) { return part.mark; }
  // A text cut in parts, the words a query finds marked.
  function marked(text, words) {
    var parts = [];
    var at = 0;
    text.replace(PIECE, function (piece, offset) {
      var j = jamo(piece.toLowerCase());
      var hit = words.some(function (forms) { return forms.some(function (f) { return j.indexOf(f) === 0; }); });
      if (hit) {
        if (offset > at) parts.push({ text: text.slice(at, offset) });
        parts.push({ text: piece, mark: true });
        at = offset + piece.length;
      }
      return piece;
    });
    if (at < text.length) parts.push({ text: text.slice(at) });
    return parts;
  }
  // The parts around the first mark, about a line's worth.
  function excerpt(parts) {
    var first = parts.findIndex(isMark);
    var before = first > 0 ? parts[first - 1].text : "";
    if (before.length > 40) parts[first - 1] = { text: "…" + before.slice(-40) };
    var out = [];
    var length = 0;
    for (var i = Math.max(0, first - 1); i < parts.length && length < 160; i++) {
      out.push(parts[i]);
      length += parts[i].text.length;
    }
    if (i < parts.length) out.push({ text: "…" });
    return out;
  }
  function append(parent, parts) {
    parts.forEach(function (p) {
      if (!p.mark) return parent.append(p.text);
      var mark = document.createElement("mark");
      mark.textContent = p.text;
      parent.appendChild(mark);
    });
  }
  function span(className, text) {
    var el = document.createElement("span");
    el.className = className;
    if (text) el.textContent = text;
    return el;
  }
  function option(doc, words, index) {
    var li = document.createElement("li");
    li.id = "search-option-" + index;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    var title = span("result-title");
    append(title, marked(doc.title, words));
    var kind = doc.kind === "section"
      ? panel.dataset.section.replace("{page}", doc.passages[0].label) : panel.dataset[doc.kind];
    li.append(title, " ", span("result-kind", kind));
    var passage = passageFor(doc, words);
    if (passage && passage.text) {
      var text = span("result-text");
      if (passage.label && doc.kind === "item") text.appendChild(span("result-label", passage.label + ": "));
      append(text, excerpt(marked(passage.text, words)));
      li.appendChild(text);
    }
    li.addEventListener("mousedown", function (e) { e.preventDefault(); });
    li.addEventListener("click", function () { open(index); });
    return li;
  }
  function show(found, docs, words, query) {
    results = docs.map(hrefOf);
    panel.dataset.shown = query;
    list.textContent = "";
    docs.forEach(function (doc, i) { list.appendChild(option(doc, words, i)); });
    setActive(-1);
    expand(docs.length > 0);
    status.textContent = found.total
      ? panel.dataset.count.replace("{n}", found.total)
      : panel.dataset.none.replace("{q}", query);
  }
  function expand(open) {
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function setActive(index) {
    active = index;
    Array.prototype.forEach.call(list.children, function (li, i) {
      li.setAttribute("aria-selected", i === index ? "true" : "false");
      if (i === index) li.scrollIntoView({ block: "nearest" });
    });
    if (index >= 0) input.setAttribute("aria-activedescendant", "search-option-" + index);
    else input.removeAttribute("aria-activedescendant");
  }
  function open(index) {
    if (results[index]) window.location.href = results[index];
  }

  function run() {
    var query = input.value.trim();
    var mine = ++serial;
    var words = queryWords(query);
    if (!words.length) {
      results = [];
      expand(false);
      status.textContent = query ? panel.dataset.short : "";
      panel.dataset.shown = query;
      return;
    }
    (meta ? Promise.resolve(meta) : get("meta.json")).then(function (m) {
      meta = m;
      return search(words);
    }).then(function (found) {
      return documents(found.docs).then(function (docs) {
        if (mine === serial) show(found, docs, words, query);
      });
    }).catch(function () {
      if (mine === serial) {
        expand(false);
        status.textContent = panel.dataset.none.replace("{q}", query);
        panel.dataset.shown = query;
      }
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  input.addEventListener("keydown", function (e) {
    var count = list.hidden ? 0 : list.children.length;
    if (e.key === "ArrowDown" && count) { e.preventDefault(); setActive((active + 1) % count); }
    else if (e.key === "ArrowUp" && count) { e.preventDefault(); setActive(active <= 0 ? count - 1 : active - 1); }
    else if (e.key === "Enter") { e.preventDefault(); open(active >= 0 ? active : 0); }
    else if (e.key === "Escape") {
      if (!list.hidden) expand(false);
      else { input.value = ""; status.textContent = ""; toggle(false); button.focus(); }
    }
  });
  input.addEventListener("blur", function () { expand(false); });
  input.addEventListener("focus", function () { if (list.children.length && input.value.trim()) expand(true); });

  function toggle(show) {
    panel.hidden = !show;
    button.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) input.focus();
  }
  link.hidden = true;
  button.hidden = false;
  button.addEventListener("click", function () { toggle(panel.hidden); });
})();
