//! The search tokenizer (pure): text into the terms the search index keeps, the same rules
//! `search.js` applies to a reader's query. Words are runs of letters and digits, split where
//! Hangul meets another script ("Django는" is "django" and "는"). An English word is also kept
//! by its stem ("frameworks" as "framework"); a Korean word is also kept without the particle
//! or ending attached to it ("서울은" as "서울"), as Korean readers type the bare word. Queries
//! match terms by prefix in jamo (see [`jamo`]), so a syllable still being composed ("자" on
//! the way to "장고") finds its words.

use std::borrow::Cow;

/// Particles and endings stripped from the end of a Korean word, longest first.
const PARTICLES: &[&str] = &[
    "이지만",
    "에서는",
    "에서도",
    "으로는",
    "으로도",
    "에게서",
    "까지는",
    "부터는",
    "이라는",
    "이라고",
    "입니다",
    "합니다",
    "에서",
    "에게",
    "으로",
    "로는",
    "로도",
    "까지",
    "부터",
    "보다",
    "처럼",
    "만큼",
    "이나",
    "이며",
    "이고",
    "이다",
    "과는",
    "와는",
    "에는",
    "에도",
    "라는",
    "라고",
    "하는",
    "하고",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
    "인",
];

/// English words too common to find anything by.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of",
    "on", "or", "that", "the", "this", "to", "with",
];

/// Every term of `text`, in order, repeats kept: each word, lower-case, and its stem where
/// it has one. Words already in lower case are borrowed from `text`, not copied: every word
/// of every page passes here.
pub fn terms(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    pieces(text).flat_map(|piece| {
        let word = lowercase(piece);
        let hangul = word.chars().next().is_some_and(is_hangul);
        let kept = !(hangul && PARTICLES.contains(&&*word) || STOP_WORDS.contains(&&*word));
        let stem = kept
            .then(|| match hangul {
                true => strip_particle(&word),
                false => english_stem(&word),
            })
            .flatten()
            .filter(|stem| *stem != *word);
        kept.then_some(word).into_iter().chain(stem.map(Cow::Owned))
    })
}

/// `piece` in lower case, borrowed where it is already (Hangul has no case).
fn lowercase(piece: &str) -> Cow<'_, str> {
    let unchanged = |c: char| {
        is_hangul(c) || {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }
    };
    if piece.chars().all(unchanged) {
        Cow::Borrowed(piece)
    } else {
        Cow::Owned(piece.to_lowercase())
    }
}

/// Runs of letters and digits, split where Hangul meets another script.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(is_word_char)?;
        rest = &rest[start..];
        let first_hangul = rest.chars().next().is_some_and(is_hangul);
        let end = rest
            .find(|c: char| !is_word_char(c) || is_hangul(c) != first_hangul)
            .unwrap_or(rest.len());
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(piece)
    })
}

/// A letter or digit. Hangul is tested first: every Hangul letter is one, and the standard
/// library's table search for letters outside ASCII was 3% of a build's instructions.
fn is_word_char(c: char) -> bool {
    is_hangul(c) || c.is_alphanumeric()
}

/// Hangul syllables and jamo (a query may end in a jamo being composed).
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3131}'..='\u{318E}')
}

/// A Korean word without its particle or ending, when one is attached to at least a syllable.
fn strip_particle(word: &str) -> Option<String> {
    // Only the particles ending in the word's last syllable: a compare of one char each, where
    // trying every suffix was four million string compares at 1,000 items.
    let last = word.chars().next_back()?;
    let mut candidates = PARTICLES.iter().filter(|p| p.ends_with(last));
    candidates.find_map(|particle| {
        let stem = word.strip_suffix(particle)?;
        (!stem.is_empty()).then(|| stem.to_string())
    })
}

/// An English word's plural stem (Harman's S-stemmer): "frameworks" → "framework",
/// "libraries" → "library", "classes" → "class"; short words and "-ss", "-us" words are kept.
fn english_stem(word: &str) -> Option<String> {
    if word.chars().count() <= 3 || !word.is_ascii() {
        return None;
    }
    if let Some(stem) = word.strip_suffix("ies")
        && !word.ends_with("eies")
        && !word.ends_with("aies")
    {
        return Some(format!("{stem}y"));
    }
    if let Some(stem) = word.strip_suffix("es")
        && (stem.ends_with("ss")
            || stem.ends_with("sh")
            || stem.ends_with("ch")
            || stem.ends_with('x'))
    {
        return Some(stem.to_string());
    }
    if let Some(stem) = word.strip_suffix('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return Some(stem.to_string());
    }
    None
}

/// A term spelt in jamo: each Hangul syllable as its initial, vowel and final, compound vowels
/// and finals as their parts ("과" as ㄱㅗㅏ, "닭" as ㄷㅏㄹㄱ), in compatibility jamo, the
/// letters an input method shows while composing. A query spelt so is a prefix of every term
/// it may still become: "자", "장", "장ㄱ" of "장고".
pub fn jamo(term: &str) -> String {
    let mut out = String::with_capacity(term.len() * 2);
    for c in term.chars() {
        let code = c as u32;
        if !(0xAC00..=0xD7A3).contains(&code) {
            push_parts(&mut out, c);
            continue;
        }
        let index = code - 0xAC00;
        let (initial, vowel, last) = (index / 588, (index % 588) / 28, index % 28);
        out.push(INITIALS[initial as usize]);
        push_parts(&mut out, VOWELS[vowel as usize]);
        if last > 0 {
            push_parts(&mut out, FINALS[last as usize - 1]);
        }
    }
    out
}

const INITIALS: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];
const VOWELS: [char; 21] = [
    'ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ',
    'ㅟ', 'ㅠ', 'ㅡ', 'ㅢ', 'ㅣ',
];
const FINALS: [char; 27] = [
    'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ',
    'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
];

/// Writes a compound vowel or final consonant as the two jamo typed to make it; any other
/// letter as is.
fn push_parts(out: &mut String, c: char) {
    let parts = match c {
        'ㅘ' => "ㅗㅏ",
        'ㅙ' => "ㅗㅐ",
        'ㅚ' => "ㅗㅣ",
        'ㅝ' => "ㅜㅓ",
        'ㅞ' => "ㅜㅔ",
        'ㅟ' => "ㅜㅣ",
        'ㅢ' => "ㅡㅣ",
        'ㄳ' => "ㄱㅅ",
        'ㄵ' => "ㄴㅈ",
        'ㄶ' => "ㄴㅎ",
        'ㄺ' => "ㄹㄱ",
        'ㄻ' => "ㄹㅁ",
        'ㄼ' => "ㄹㅂ",
        'ㄽ' => "ㄹㅅ",
        'ㄾ' => "ㄹㅌ",
        'ㄿ' => "ㄹㅍ",
        'ㅀ' => "ㄹㅎ",
        'ㅄ' => "ㅂㅅ",
        _ => return out.push(c),
    };
    out.push_str(parts);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hangul_letter_is_a_word_char_as_the_standard_library_says() {
        let hangul = ('\u{1100}'..='\u{D7A3}').filter(|c| is_hangul(*c));
        assert!(hangul.clone().count() > 11_000);
        assert!(hangul.clone().all(char::is_alphanumeric));
        assert!(!is_word_char(' ') && !is_word_char('·') && is_word_char('é'));
    }

    #[test]
    fn a_word_is_borrowed_only_when_lower_case_leaves_it_as_it_is() {
        for (word, lower) in [
            ("django", true),
            ("Django", false),
            ("ǅ", false),
            ("장고", true),
        ] {
            assert_eq!(matches!(lowercase(word), Cow::Borrowed(_)), lower, "{word}");
            assert_eq!(lowercase(word), word.to_lowercase());
        }
    }

    fn all(text: &str) -> Vec<String> {
        terms(text).map(Cow::into_owned).collect()
    }

    #[test]
    fn english_words_are_kept_with_their_plural_stem() {
        assert_eq!(
            all("The frameworks, libraries & classes (async)"),
            [
                "frameworks",
                "framework",
                "libraries",
                "library",
                "classes",
                "class",
                "async"
            ]
        );
        assert_eq!(all("Bus status"), ["bus", "status"]);
    }

    #[test]
    fn a_particle_is_stripped_and_hangul_splits_from_latin() {
        assert_eq!(all("장고는 서울은"), ["장고는", "장고", "서울은", "서울"]);
        assert_eq!(all("Django는 ORM을"), ["django", "orm"]);
        assert_eq!(all("프레임워크입니다."), ["프레임워크입니다", "프레임워크"]);
        // A word that is only a particle is no word; a word the particle would empty stays.
        assert_eq!(all("이 가 는"), Vec::<String>::new());
        assert_eq!(all("보안이 빠름"), ["보안이", "보안", "빠름"]);
    }

    #[test]
    fn syllables_being_composed_are_prefixes_in_jamo() {
        let word = jamo("장고");
        assert_eq!(word, "ㅈㅏㅇㄱㅗ");
        for typed in ["ㅈ", "자", "장", "장ㄱ", "장고"] {
            assert!(word.starts_with(&jamo(typed)), "{typed}");
        }
        assert_eq!(jamo("과닭"), "ㄱㅗㅏㄷㅏㄹㄱ");
        assert!(jamo("가능").starts_with(&jamo("간")));
        assert_eq!(jamo("web2"), "web2");
    }
}
