//! Seeded generators for the benchmark: large corpora made from real text, and the fixed
//! query list.
//!
//! # Overview
//! [`corpus`] builds an archive of any size by recombining the paragraphs of the State of
//! the Union addresses in the demo corpus: 1–4 paragraphs per document, a title from one
//! of its sentences, a date between 1790 and 2025 at day, month or year precision (a few
//! undated), and sources, agencies, places, people, organizations and tags drawn from
//! fixed lists with a skewed (Zipf-like) distribution, as real archives have. The same
//! seed always gives the same bytes.
//!
//! [`queries`] picks the benchmark queries from the same text: common and rare words,
//! prefixes, word pairs, phrases, typos and three-word queries.

use std::collections::HashMap;

use chronicle_core::json::write_string;
use chronicle_core::metadata::Field;
use chronicle_core::text::tokenize;
use chronicle_core::{Corpus, Date};

/// SplitMix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `0..n`, small ones far more likely (weights 1/(i+1)).
    pub fn zipf(&mut self, n: usize) -> usize {
        let total: f64 = (1..=n).map(|i| 1.0 / i as f64).sum();
        let mut x = (self.next_u64() as f64 / u64::MAX as f64) * total;
        for i in 0..n {
            x -= 1.0 / (i + 1) as f64;
            if x <= 0.0 {
                return i;
            }
        }
        n - 1
    }

    /// One of the items.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const CITIES: [&str; 36] = [
    "Boston",
    "Richmond",
    "Charleston",
    "Albany",
    "Hartford",
    "Baltimore",
    "Savannah",
    "Cincinnati",
    "St. Louis",
    "Chicago",
    "Denver",
    "Portland",
    "Sacramento",
    "Austin",
    "Nashville",
    "Atlanta",
    "Cleveland",
    "Detroit",
    "Milwaukee",
    "Omaha",
    "Santa Fe",
    "Seattle",
    "Tucson",
    "Raleigh",
    "Providence",
    "Burlington",
    "Trenton",
    "Dover",
    "Annapolis",
    "Lexington",
    "Mobile",
    "Natchez",
    "Galveston",
    "Topeka",
    "Helena",
    "Boise",
];
const PAPERS: [&str; 12] = [
    "Herald", "Gazette", "Courier", "Tribune", "Post", "Observer", "Ledger", "Sentinel",
    "Register", "Journal", "Dispatch", "Bulletin",
];
const AGENCIES: [&str; 8] = [
    "Associated Press",
    "Reuters",
    "United Press",
    "Agence France-Presse",
    "ARK News",
    "Anadolu Agency",
    "Press Association",
    "Capitol News Service",
];
const PLACES: [&str; 30] = [
    "Virginia",
    "Massachusetts",
    "New York",
    "Pennsylvania",
    "Ohio",
    "Texas",
    "California",
    "Louisiana",
    "Kentucky",
    "Tennessee",
    "Georgia",
    "Illinois",
    "Washington",
    "Oregon",
    "Mexico",
    "Canada",
    "Cuba",
    "France",
    "Great Britain",
    "Spain",
    "China",
    "Japan",
    "Russia",
    "Germany",
    "Panama",
    "Philippines",
    "Hawaii",
    "Alaska",
    "Syria",
    "Turkey",
];
const PARTIES: [&str; 6] = [
    "Republican",
    "Democratic",
    "Whig",
    "Federalist",
    "Democratic-Republican",
    "National Union",
];
const TOPICS: [(&str, &str); 20] = [
    ("economy", "econom"),
    ("war", "war"),
    ("trade", "trade"),
    ("taxes", "tax"),
    ("education", "educat"),
    ("health", "health"),
    ("immigration", "immigra"),
    ("agriculture", "agricult"),
    ("navy", "nav"),
    ("army", "army"),
    ("treaties", "treat"),
    ("banking", "bank"),
    ("railroads", "rail"),
    ("energy", "energ"),
    ("labor", "labor"),
    ("tariffs", "tariff"),
    ("territories", "territor"),
    ("budget", "budget"),
    ("defense", "defen"),
    ("Indian affairs", "indian"),
];

fn sentences(paragraph: &str) -> Vec<&str> {
    paragraph
        .split_inclusive(['.', '?', '!'])
        .map(str::trim)
        .filter(|s| s.split_whitespace().count() >= 5)
        .collect()
}

fn title_from(sentence: &str, rng: &mut Rng) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let n = words.len().min(6 + rng.below(7));
    let mut t = words[..n].join(" ");
    t = t
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    let mut chars = t.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_string(),
    }
}

/// The paragraphs of the State of the Union addresses in the demo corpus.
fn paragraphs(source: &Corpus) -> Vec<&str> {
    source
        .documents
        .iter()
        .filter(|d| {
            d.values(Field::Tag)
                .iter()
                .any(|t| t == "State of the Union")
        })
        .flat_map(|d| d.paragraphs().into_iter().map(|(_, p)| p))
        .filter(|p| p.len() > 80)
        .collect()
}

/// A corpus of `n` documents as JSON. See the module docs.
pub fn corpus(source: &Corpus, n: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let pool = paragraphs(source);
    let presidents: Vec<&str> = {
        let mut p: Vec<&str> = source
            .documents
            .iter()
            .filter_map(|d| d.first(Field::Person))
            .collect();
        p.dedup();
        p
    };
    let mut sources: Vec<String> = Vec::new();
    for (i, city) in CITIES.iter().enumerate() {
        for (j, paper) in PAPERS.iter().enumerate() {
            if (i + j) % 3 != 2 {
                sources.push(format!("{city} {paper}"));
            }
        }
    }
    // Shuffle so the most frequent sources are not all from one city.
    for i in (1..sources.len()).rev() {
        let j = rng.below(i + 1);
        sources.swap(i, j);
    }
    let first = chronicle_core::date::days_from_civil(1790, 1, 1);
    let last = chronicle_core::date::days_from_civil(2025, 12, 31);
    let mut out = String::with_capacity(n * 1600);
    out.push_str("{\"format\":\"chronicle-corpus\",\"version\":1,\"title\":");
    write_string(
        &format!("State of the Union remix: {n} generated documents"),
        &mut out,
    );
    out.push_str(",\"description\":");
    write_string(
        "Generated for benchmarks by cargo xtask: paragraphs of real State of the Union \
         addresses recombined, with made-up dates and sources.",
        &mut out,
    );
    out.push_str(",\"documents\":[\n");
    for i in 0..n {
        let k = 1 + rng.below(4);
        let paras: Vec<&str> = (0..k).map(|_| *rng.pick(&pool)).collect();
        let body = paras.join("\n\n");
        let candidates = sentences(paras[0]);
        let title = if candidates.is_empty() {
            title_from(paras[0], &mut rng)
        } else {
            let sentence = *rng.pick(&candidates);
            title_from(sentence, &mut rng)
        };
        let day = first + rng.below((last - first) as usize) as i32;
        let (y, m, d) = chronicle_core::date::civil_from_days(day);
        let date = match rng.below(100) {
            0..=69 => Date::from_ymd(y, m, d),
            70..=84 => Date::from_year_month(y, m),
            85..=94 => Date::from_year(y),
            _ => None,
        };
        let lower = body.to_lowercase();
        let mut tags: Vec<&str> = TOPICS
            .iter()
            .filter(|(_, stem)| lower.contains(stem))
            .map(|(t, _)| *t)
            .take(3)
            .collect();
        if tags.is_empty() {
            tags.push(TOPICS[rng.zipf(TOPICS.len())].0);
        }
        out.push_str(if i == 0 { "" } else { ",\n" });
        out.push_str(&format!("{{\"id\":\"gen-{i:06}\",\"title\":"));
        write_string(&title, &mut out);
        if let Some(date) = date {
            out.push_str(&format!(",\"date\":\"{}\"", date.to_iso()));
        }
        out.push_str(",\"source\":");
        write_string(&sources[rng.zipf(sources.len())], &mut out);
        if rng.below(10) < 6 {
            out.push_str(",\"agency\":");
            write_string(AGENCIES[rng.zipf(AGENCIES.len())], &mut out);
        }
        out.push_str(",\"language\":\"en\",\"tags\":[");
        out.push_str(&list(&tags));
        out.push_str("],\"people\":[");
        let people: Vec<&str> = (0..rng.below(3)).map(|_| *rng.pick(&presidents)).collect();
        out.push_str(&list(&dedup(people)));
        out.push_str("],\"places\":[");
        let places: Vec<&str> = (0..rng.below(3))
            .map(|_| PLACES[rng.zipf(PLACES.len())])
            .collect();
        out.push_str(&list(&dedup(places)));
        out.push_str("],\"organizations\":[");
        let orgs: Vec<&str> = (0..rng.below(2)).map(|_| *rng.pick(&PARTIES)).collect();
        out.push_str(&list(&orgs));
        out.push_str("],\"body\":");
        write_string(&body, &mut out);
        out.push('}');
    }
    out.push_str("\n]}\n");
    out
}

fn dedup(mut v: Vec<&str>) -> Vec<&str> {
    let mut seen = Vec::new();
    v.retain(|x| {
        let fresh = !seen.contains(x);
        seen.push(*x);
        fresh
    });
    v
}

fn list(items: &[&str]) -> String {
    let mut s = String::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        write_string(it, &mut s);
    }
    s
}

/// The benchmark queries, one per line, with a `# kind` comment before each group.
pub fn queries(source: &Corpus, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let pool = paragraphs(source);
    let mut df: HashMap<String, usize> = HashMap::new();
    for p in &pool {
        let mut seen: Vec<String> = tokenize(p).map(|t| t.term).collect();
        seen.sort();
        seen.dedup();
        for t in seen {
            *df.entry(t).or_default() += 1;
        }
    }
    let alpha = |t: &str| t.chars().all(|c| c.is_ascii_alphabetic());
    let mut by_df: Vec<(&String, &usize)> = df.iter().filter(|(t, _)| alpha(t)).collect();
    by_df.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let common: Vec<&str> = by_df[..400].iter().map(|(t, _)| t.as_str()).collect();
    let mid: Vec<&str> = by_df[400..4000.min(by_df.len())]
        .iter()
        .filter(|(t, _)| t.len() >= 5)
        .map(|(t, _)| t.as_str())
        .collect();
    let rare: Vec<&str> = by_df
        .iter()
        .filter(|(t, n)| (2..=4).contains(*n) && t.len() >= 6)
        .map(|(t, _)| t.as_str())
        .collect();
    let mut out = String::new();
    let mut seen = std::collections::HashSet::new();
    let mut section = |name: &str, items: Vec<String>| {
        out.push_str(&format!("# {name}\n"));
        // Each query once: a repeat would only weigh its cost twice.
        for q in items {
            if seen.insert(q.clone()) {
                out.push_str(&q);
                out.push('\n');
            }
        }
    };
    section(
        "single common words",
        (0..45)
            .map(|i| common[i * 8 + rng.below(8)].to_string())
            .collect(),
    );
    section(
        "single rare words",
        (0..40).map(|_| rng.pick(&rare).to_string()).collect(),
    );
    section(
        "prefixes (as typed)",
        (0..40)
            .map(|_| {
                let w = rng.pick(&mid);
                let n = 2 + rng.below(3);
                w.chars().take(n).collect()
            })
            .collect(),
    );
    section(
        "two words",
        (0..40)
            .map(|_| format!("{} {}", rng.pick(&common[40..]), rng.pick(&mid)))
            .collect(),
    );
    section(
        "phrases",
        (0..30)
            .map(|_| {
                let p = rng.pick(&pool);
                let words: Vec<String> = tokenize(p).map(|t| t.term).collect();
                let n = 2 + rng.below(2);
                let start = rng.below(words.len().saturating_sub(n).max(1));
                format!(
                    "\"{}\"",
                    words[start..(start + n).min(words.len())].join(" ")
                )
            })
            .collect(),
    );
    section(
        "typos",
        (0..25)
            .map(|_| {
                let w: Vec<char> = rng.pick(&mid).chars().collect();
                let mut w = w.clone();
                let i = 1 + rng.below(w.len() - 1);
                w[i] = (b'a' + rng.below(26) as u8) as char;
                w.into_iter().collect()
            })
            .collect(),
    );
    section(
        "three words",
        (0..15)
            .map(|_| {
                format!(
                    "{} {} {}",
                    rng.pick(&common[60..]),
                    rng.pick(&mid),
                    rng.pick(&common[60..])
                )
            })
            .collect(),
    );
    out
}
