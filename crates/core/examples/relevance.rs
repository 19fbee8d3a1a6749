//! The ranking judged (for the benchmark): `cargo run --release -p chronicle-core --example
//! relevance -- corpus.json topics.json`. Prints, as JSON, the known items (seeded
//! three-word passages and every title), the topics, and Chronicle's ranked ids for each,
//! so that `bench/relevance.mjs` measures MiniSearch and FlexSearch on the very same
//! queries and with the same measures.

use chronicle_core::archive::Archive;
use chronicle_core::json::{write_string, write_string_list};
use chronicle_core::model::DocId;
use chronicle_core::query::Query;
use chronicle_core::relevance::three_word_runs;
use chronicle_core::search::Sort;

/// The seed of `crates/core/tests/known_items.rs`.
const SEED: u64 = 0x5EED_1234_ABCD_0001;
/// Ranked ids kept per query.
const DEPTH: usize = 100;

fn main() {
    let mut args = std::env::args().skip(1);
    let corpus = std::fs::read(args.next().expect("corpus.json")).expect("the corpus");
    let topics = std::fs::read(args.next().expect("topics.json")).expect("the topics");
    let archive = Archive::from_bytes(&corpus).expect("the corpus loads");
    let id = |d: DocId| archive.id_of(d).to_string();
    let ranked = |q: &str| -> Vec<String> {
        let hits = archive.index.search(&Query::parse(q), Sort::Relevance);
        hits.ids.iter().take(DEPTH).map(|&d| id(d)).collect()
    };
    let item = |q: &str, want: DocId| -> String {
        let mut s = String::from("{\"q\":");
        write_string(q, &mut s);
        s.push_str(",\"want\":");
        write_string(&id(want), &mut s);
        s.push_str(",\"chronicle\":");
        write_string_list(&ranked(q), &mut s);
        s.push('}');
        s
    };
    let runs: Vec<String> = three_word_runs(&archive, 60, SEED)
        .iter()
        .map(|(q, d)| item(q, *d))
        .collect();
    let titles: Vec<String> = (0..archive.len() as u32)
        .map(DocId)
        .map(|d| item(archive.title_of(d), d))
        .collect();
    // The topics' queries, each with Chronicle's ranking (their judgments stay in the file).
    let text = String::from_utf8(topics).expect("UTF-8 topics");
    let queries = topic_queries(&text);
    let topics: Vec<String> = queries
        .iter()
        .map(|q| {
            let mut s = String::from("{\"q\":");
            write_string(q, &mut s);
            s.push_str(",\"chronicle\":");
            write_string_list(&ranked(q), &mut s);
            s.push('}');
            s
        })
        .collect();
    println!(
        "{{\"runs\":[{}],\"titles\":[{}],\"topics\":[{}]}}",
        runs.join(","),
        titles.join(","),
        topics.join(",")
    );
}

/// The `"q"` of every topic, in order.
fn topic_queries(text: &str) -> Vec<String> {
    let value = chronicle_core::json::parse(text).expect("topics.json is JSON");
    let chronicle_core::json::Value::Object(members) = value.value else {
        panic!("topics.json holds an object");
    };
    let Some((_, list)) = members.into_iter().find(|(k, _)| k.name == "topics") else {
        panic!("topics.json has \"topics\"");
    };
    let chronicle_core::json::Value::Array(items) = list.value else {
        panic!("\"topics\" is a list");
    };
    items
        .into_iter()
        .filter_map(|t| match t.value {
            chronicle_core::json::Value::Object(m) => {
                m.into_iter()
                    .find_map(|(k, v)| match (k.name.as_str(), v.value) {
                        ("q", chronicle_core::json::Value::String(q)) => Some(q),
                        _ => None,
                    })
            }
            _ => None,
        })
        .collect()
}
