// Reading the static search index the build writes below search/ (see src/search/mod.rs),
// shared by the header's search (search.js) and the compare view's "add by name"
// (compare.js): each word of a query loads the shard named by its first two letters or jamo,
// terms match by prefix in jamo (so a Korean syllable still being composed finds its words),
// and only the chunks of the documents shown are loaded. The words are those of
// src/search/tokens.rs: keep the two in step.
(function () {
  "use strict";
  if (!window.fetch || !window.URL) return;
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

  // The index of one language, its files below `base` (a URL), fetched once each.
  function open(base) {
    var meta = null;
    var shards = {};
    var chunks = {};
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
    // Each document a word's forms find (those `accept` lets through), with its best score.
    function matches(forms, accept) {
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
            if (!accept(doc, p & 3, meta)) return;
            var score = WEIGHTS[p & 3] * (exact ? 2 : 1);
            if (!(found.get(doc) >= score)) found.set(doc, score);
          });
        });
        return found;
      });
    }
    // The documents every word finds, best first. A word shorter than a shard's key (one
    // letter, still being typed after others) names no shard: it is left out while other
    // words are there.
    function rank(words, accept) {
      var named = words.filter(function (forms) { return forms[0].length >= meta.key_length; });
      if (named.length) words = named;
      return Promise.all(words.map(function (w) { return matches(w, accept); })).then(function (found) {
        var ranked = [];
        found[0].forEach(function (score, doc) {
          var total = score;
          for (var i = 1; i < found.length; i++) {
            if (!found[i].has(doc)) return;
            total += found[i].get(doc);
          }
          ranked.push([doc, total]);
        });
        ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        return ranked;
      });
    }
    function documents(numbers) {
      return Promise.all(numbers.map(function (n) {
        return chunk(Math.floor(n / meta.chunk)).then(function (docs) { return docs[n % meta.chunk]; });
      }));
    }
    // The first `shown` documents `words` find, and how many they find in all. `accept(doc,
    // field, meta)`, if given, says which postings count: a document's number and the weight
    // class of the field the word is in (3 for the title).
    function find(words, shown, accept) {
      var loaded = meta ? Promise.resolve(meta) : get("meta.json");
      return loaded.then(function (m) {
        meta = m;
        return rank(words, accept || function () { return true; });
      }).then(function (ranked) {
        var first = ranked.slice(0, shown).map(function (r) { return r[0]; });
        return documents(first).then(function (docs) { return { total: ranked.length, docs: docs }; });
      });
    }
    return { find: find };
  }

  window.versusIndex = { open: open, words: queryWords, jamo: jamo, piece: PIECE, TITLE: 3 };
})();
