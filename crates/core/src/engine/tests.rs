use super::*;
use crate::archive::Archive;
use crate::protocol::{DocRequest, FacetView, RowHeights, StepRequest, ViewRequest, Window};
use crate::timeline::MAX_BARS;

fn archive(json: &str) -> Archive {
    Archive::from_bytes(json.as_bytes()).unwrap()
}

fn sample() -> Engine {
    Engine::new(
        archive(
            r#"[
        {"id":"a","title":"Idlib talks","body":"The agreement on Idlib.\n\nNegotiations continue in Geneva.","date":"2018-10-17","source":"Syrian Coalition"},
        {"id":"b","title":"Budget","body":"Idlib is mentioned once.","date":"2018-10-20","source":"Syrian Coalition"},
        {"id":"c","title":"Notes","body":"Nothing here.","source":"Other"},
        {"id":"d","title":"Old","body":"Idlib, long ago.","date":"1861","source":"Other"}
    ]"#,
        ),
        1,
    )
}

/// The metadata of document `id`, opened without a query.
fn opened(e: &mut Engine, id: &str) -> crate::protocol::DocMeta {
    let d = e.document(&DocRequest {
        seq: 1,
        id: id.into(),
        q: String::new(),
        start: 0,
        count: 1,
        count_matches: false,
        layout: false,
    });
    d.meta.expect("the document is there")
}

fn view(q: &str) -> ViewRequest {
    ViewRequest {
        seq: 7,
        q: q.into(),
        selection: Default::default(),
        sort: Default::default(),
        zoom: None,
        window: Window::Rows {
            start: 0,
            count: 20,
        },
        facets: Vec::new(),
        open: None,
        series: Vec::new(),
        copies: false,
    }
}

#[test]
fn an_answer_has_the_count_rows_facets_and_timeline() {
    let mut e = sample();
    let a = e.answer(&view("idlib"));
    assert_eq!((a.seq, a.total), (7, 3));
    let Rows::List(rows) = &a.rows else {
        panic!("list rows")
    };
    assert_eq!(rows[0].id, "a");
    assert_eq!(
        &rows[0].title[rows[0].title_marks[0].0 as usize..rows[0].title_marks[0].1 as usize],
        "Idlib"
    );
    assert!(rows[0].snippet.contains("Idlib"));
    let source = a.facets.iter().find(|f| f.facet.key() == "source").unwrap();
    assert_eq!(source.values[0].value, "Syrian Coalition");
    assert_eq!(source.values[0].count, 2);
    let t = a.timeline.unwrap();
    assert!(!t.zoomed);
    assert!(t.histogram.buckets.len() <= MAX_BARS);
}

#[test]
fn the_timeline_fits_the_matches() {
    // See: #9 — a query that matches only October 2018 shows its days.
    let mut e = sample();
    let t = e.answer(&view("budget OR talks")).timeline.unwrap();
    assert_eq!(t.histogram.granularity, crate::timeline::Granularity::Day);
    assert_eq!(t.histogram.buckets.len(), 4);
    let t = e.answer(&view("")).timeline.unwrap();
    assert_eq!(
        t.histogram.granularity,
        crate::timeline::Granularity::Decade
    );
}

#[test]
fn facet_lists_follow_their_limit_and_filter() {
    let mut e = sample();
    let mut v = view("");
    v.facets.push(FacetView {
        facet: crate::browse::Facet::Field(crate::query::Field::Source),
        limit: 1,
        filter: "oth".into(),
    });
    let a = e.answer(&v);
    let source = a.facets.iter().find(|f| f.facet.key() == "source").unwrap();
    assert_eq!(source.values.len(), 1);
    assert_eq!(source.values[0].value, "Other");
    assert_eq!(source.available, 1);
}

#[test]
fn the_chronology_window_is_cut_by_pixels() {
    let mut e = sample();
    let mut v = view("");
    let heights = RowHeights {
        year: 40,
        month: 30,
        doc: 50,
    };
    v.window = Window::Pixels {
        top: 0,
        height: 60,
        heights,
    };
    let a = e.rows(&v);
    let Rows::Chronology {
        height,
        first,
        rows,
        ..
    } = a.rows
    else {
        panic!("chronology rows")
    };
    // 1861 (year, year-only, doc), 2018 (year, month, doc, doc), undated (heading, doc).
    assert_eq!(height, 40 + 30 + 50 + 40 + 30 + 50 + 50 + 30 + 50);
    assert_eq!(first, 0);
    assert_eq!(rows.len(), 2);
}

#[test]
fn documents_come_in_blocks_with_marks() {
    let mut e = sample();
    let d = e.document(&DocRequest {
        seq: 3,
        id: "a".into(),
        q: "idlib geneva".into(),
        start: 0,
        count: 10,
        count_matches: true,
        layout: true,
    });
    let meta = d.meta.unwrap();
    assert_eq!(meta.title, "Idlib talks");
    assert_eq!(d.blocks.len(), 2);
    assert_eq!(d.blocks[1].text, "Negotiations continue in Geneva.");
    assert_eq!(d.blocks[1].marks.len(), 1);
    // "Idlib" in the title and the first paragraph, "Geneva" in the second.
    assert_eq!(d.matches, Some(3));
    assert_eq!(d.match_blocks, [(u32::MAX, 1), (0, 1), (1, 1)]);
    let missing = e.document(&DocRequest {
        seq: 4,
        id: "zz".into(),
        q: String::new(),
        start: 0,
        count: 1,
        count_matches: false,
        layout: false,
    });
    assert!(missing.meta.is_none());
}

#[test]
fn long_paragraphs_are_cut_into_blocks() {
    let body = format!("{}\n\nshort", "word ".repeat(3000));
    let blocks = blocks_of(&body);
    assert!(blocks.len() >= 4);
    assert!(blocks.iter().all(|b| b.len() <= BLOCK_BYTES));
    // The blocks of the long paragraph follow each other with nothing lost.
    assert_eq!(blocks[0].start, 0);
    assert!(blocks
        .windows(2)
        .take(blocks.len() - 2)
        .all(|w| w[0].end == w[1].start));
    assert_eq!(blocks[blocks.len() - 2].end, 14999);
    // No space at all: cut anyway, on a character boundary.
    let blob = "é".repeat(5000);
    assert!(blocks_of(&blob)
        .iter()
        .all(|b| blob.is_char_boundary(b.start)));
}

#[test]
fn stepping_goes_through_the_results_in_order() {
    let mut e = sample();
    let v = view("idlib");
    let first = e.step(&StepRequest {
        view: v.clone(),
        from: None,
        delta: 1,
    });
    assert_eq!(first.to, Some(("a".into(), 0)));
    let next = e.step(&StepRequest {
        view: v.clone(),
        from: Some("a".into()),
        delta: 1,
    });
    assert_eq!(next.to.unwrap().1, 1);
    let before = e.step(&StepRequest {
        view: v,
        from: Some("a".into()),
        delta: -1,
    });
    assert_eq!(before.to, None);
}

#[test]
fn answers_and_requests_survive_the_wire() {
    use crate::codec::{from_bytes, to_bytes};
    use crate::protocol::{FromEngine, ToEngine};
    let mut e = sample();
    let v = view("idlib -geneva \"unclosed");
    let req = ToEngine::View(v.clone());
    assert_eq!(from_bytes::<ToEngine>(&to_bytes(&req)).unwrap(), req);
    let msg = FromEngine::Answer(e.answer(&v));
    assert_eq!(from_bytes::<FromEngine>(&to_bytes(&msg)).unwrap(), msg);
    let info = FromEngine::Info(e.info(None));
    assert_eq!(from_bytes::<FromEngine>(&to_bytes(&info)).unwrap(), info);
}

/// Every row of the metadata table works end to end, so a new field needs nothing but
/// its row: read under its key and its other keys, written back under its key, kept by
/// a prebuilt archive, found by `name:` and the other names, counted as a facet, and
/// shown in the document view under its label.
#[test]
fn every_metadata_field_is_read_kept_queried_counted_and_shown() {
    use crate::browse::Facet;
    use crate::metadata::SPECS;
    for spec in &SPECS {
        let value = |v: &str| {
            if spec.many {
                format!("[{v:?}]")
            } else {
                format!("{v:?}")
            }
        };
        let mut docs = vec![format!(
            r#"{{"id":"a","title":"A","body":"x","{}":{}}}"#,
            spec.key,
            value("Alpha Beta")
        )];
        if let Some(other) = spec.other_keys.first() {
            docs.push(format!(
                r#"{{"id":"b","title":"B","body":"y","{other}":{}}}"#,
                value("Gamma")
            ));
        }
        docs.push(r#"{"id":"c","title":"C","body":"z"}"#.into());
        let json = format!("[{}]", docs.join(","));
        let loaded = crate::load::load_corpus(json.as_bytes()).unwrap();
        assert!(
            loaded.problems.is_empty(),
            "{}: {:?}",
            spec.key,
            loaded.problems
        );
        let a = &loaded.corpus.documents[0];
        assert_eq!(a.values(spec.field), ["Alpha Beta"], "{}", spec.key);
        if !spec.other_keys.is_empty() {
            let b = &loaded.corpus.documents[1];
            assert_eq!(b.values(spec.field), ["Gamma"], "{}", spec.key);
        }
        // Written back under its key, it reads the same.
        let written = serde_json::to_string(&loaded.corpus).unwrap();
        assert!(written.contains(&format!("\"{}\":", spec.key)), "{written}");
        let again = crate::load::load_corpus(written.as_bytes()).unwrap();
        assert_eq!(again.corpus.documents, loaded.corpus.documents);
        // A prebuilt archive keeps it.
        let (summary, parts) = crate::prebuilt::parts_of(json.as_bytes(), 1 << 20).unwrap();
        let built = crate::prebuilt::open(&crate::prebuilt::write(&summary, &parts, &[])).unwrap();
        let id = built.find("a").unwrap();
        assert_eq!(built.doc(id).values(spec.field), ["Alpha Beta"]);
        let mut e = Engine::new(archive(&json), 1);
        for name in [spec.name, spec.key]
            .into_iter()
            .chain(spec.other_names.iter().copied())
        {
            let found = e.answer(&view(&format!("{name}:alpha")));
            assert_eq!(found.total, 1, "{name}:alpha");
        }
        let all = e.answer(&view(""));
        let facet = all
            .facets
            .iter()
            .find(|f| f.facet == Facet::Field(spec.field))
            .unwrap_or_else(|| panic!("no facet for {}", spec.key));
        assert_eq!(facet.values[0].value, "Alpha Beta");
        assert_eq!(facet.values[0].count, 1);
        let shown = opened(&mut e, "a");
        assert!(
            shown
                .fields
                .contains(&(spec.label.to_string(), "Alpha Beta".to_string())),
            "{:?}",
            shown.fields
        );
    }
}

#[test]
fn an_open_document_lists_related_documents_with_their_titles_and_dates() {
    let mut e = sample();
    let related = opened(&mut e, "a").related;
    let ids: Vec<&str> = related.iter().map(|r| r.id.as_str()).collect();
    assert!(!ids.contains(&"a"), "{ids:?}");
    assert!(ids.len() <= RELATED);
    // "b" shares "Idlib" (and its source): it comes with its title and date.
    let b = related.iter().find(|r| r.id == "b").expect("b is related");
    assert_eq!(b.title, "Budget");
    assert_eq!(b.date.map(|d| d.to_iso()).as_deref(), Some("2018-10-20"));
}

#[test]
fn an_export_holds_the_documents_of_the_view_in_its_order() {
    use crate::protocol::{ExportFormat, ExportRequest};
    let mut e = sample();
    let mut ex = e.export(&ExportRequest {
        view: view("idlib"),
        format: ExportFormat::Json,
        base: "https://e.org/".into(),
    });
    assert_eq!(ex.total(), 3);
    let mut json = String::new();
    while !ex.finished() {
        json.push_str(&ex.chunk(e.archive(), 10));
    }
    let again = crate::load::load_corpus(json.as_bytes()).unwrap().corpus;
    let ids: Vec<&str> = again.documents.iter().map(|d| d.id.as_str()).collect();
    let Rows::List(rows) = e.answer(&view("idlib")).rows else {
        panic!("list rows")
    };
    let shown: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, shown);
    assert_eq!(
        again.documents[0].body,
        "The agreement on Idlib.\n\nNegotiations continue in Geneva."
    );
}

/// The bars' counts of a view's timeline.
fn bars_of(a: &crate::protocol::Answer) -> Vec<u32> {
    let t = a.timeline.as_ref().expect("a timeline");
    t.histogram.buckets.iter().map(|b| b.count as u32).collect()
}

#[test]
fn compared_queries_are_counted_per_bar_as_their_own_searches_would_be() {
    let mut e = sample();
    let whole = {
        let a = e.answer(&view(""));
        a.timeline.unwrap().whole
    };
    let at = |q: &str, series: &[&str], selection: &Selection| {
        let mut v = view(q);
        v.zoom = Some(whole);
        v.selection = selection.clone();
        v.series = series.iter().map(|s| s.to_string()).collect();
        v
    };
    let none = Selection::default();
    let a = e.answer(&at("", &["idlib", "geneva", "idlib", " "], &none));
    let t = a.timeline.as_ref().unwrap();
    assert_eq!(
        t.series.iter().map(|s| s.q.as_str()).collect::<Vec<_>>(),
        ["idlib", "geneva"]
    );
    // Each series is what searching for it draws; the base is every document.
    let idlib = bars_of(&e.answer(&at("idlib", &[], &none)));
    let geneva = bars_of(&e.answer(&at("geneva", &[], &none)));
    assert_eq!(t.series[0].counts, idlib);
    assert_eq!(t.series[1].counts, geneva);
    assert_eq!(t.base, bars_of(&a));
    assert_eq!((t.series[0].total, t.series[1].total), (3, 1));
    // They follow the facets, whatever the search box says.
    let mut other = Selection::default();
    other.toggle(
        crate::browse::Facet::Field(crate::query::Field::Source),
        "Other",
    );
    let a = e.answer(&at("budget", &["idlib"], &other));
    let t = a.timeline.as_ref().unwrap();
    assert_eq!(
        t.series[0].counts,
        bars_of(&e.answer(&at("idlib", &[], &other)))
    );
    assert_eq!(t.series[0].total, 1);
    assert_eq!(t.base, bars_of(&e.answer(&at("", &[], &other))));
    // A query compared is whole: its last word is not a prefix, as it is while typing.
    let t = e.answer(&at("", &["idl"], &none)).timeline.unwrap();
    assert_eq!(t.series[0].total, 0);
    assert_eq!(e.answer(&at("idl", &[], &none)).total, 3);
    // A query not understood at all counts nothing (not everything, as an empty box shows).
    let t = e.answer(&at("", &["date:18xx"], &none)).timeline.unwrap();
    assert_eq!(t.series[0].total, 0);
    assert!(t.series[0].counts.iter().all(|&c| c == 0));
    // A date range leaves the bars (the chart draws it as a band) but not the totals.
    let unranged = e.answer(&at("", &["idlib"], &none)).timeline.unwrap();
    let ranged = Selection {
        range: crate::query::parse_date_range("2018-10-18..2018-12").ok(),
        ..Default::default()
    };
    let t = e.answer(&at("", &["idlib"], &ranged)).timeline.unwrap();
    assert_eq!((unranged.series[0].total, t.series[0].total), (3, 1));
    assert_eq!(t.series[0].counts, unranged.series[0].counts);
    // Nothing compared, nothing counted.
    let t = e.answer(&at("", &[], &none)).timeline.unwrap();
    assert!(t.series.is_empty() && t.base.is_empty());
}

/// Identical copies (the same title, text and date) fold into the best placed one: the
/// list, the chronology, stepping and export hold each once, with a count of its copies;
/// the count, facets and timeline still count every document; the view can show them;
/// an open document names its copies and does not list them as related.
#[test]
fn identical_copies_fold_into_the_first_and_stay_reachable() {
    let mut e = Engine::new(
        archive(
            r#"[
        {"id":"inbox/1","title":"Idlib talks","body":"Talks on Idlib resume.","date":"2018-10-17","tags":["inbox"]},
        {"id":"sent/1","title":"Idlib talks","body":"Talks on Idlib resume.","date":"2018-10-17","tags":["sent"]},
        {"id":"all/1","title":"Idlib talks","body":"Talks on Idlib resume.","date":"2018-10-17","tags":["all"]},
        {"id":"later","title":"Idlib talks","body":"Talks on Idlib resume.","date":"2018-11-02","tags":["inbox"]},
        {"id":"other","title":"Idlib again","body":"Idlib, and talks on Idlib.","date":"2018-10-18","tags":["inbox"]}
    ]"#,
        ),
        1,
    );
    let v = view("idlib");
    let a = e.answer(&v);
    // Five documents match; two are copies of one above them (another date is no copy).
    assert_eq!((a.total, a.copies, a.listed), (5, 2, 3));
    let Rows::List(rows) = &a.rows else {
        panic!("list rows")
    };
    let listed: Vec<(&str, u32)> = rows.iter().map(|r| (r.id.as_str(), r.copies)).collect();
    assert_eq!(listed.len(), 3);
    assert!(listed.contains(&("later", 0)) && listed.contains(&("other", 0)));
    let (first, copies) = *listed.iter().find(|r| r.0.ends_with("/1")).unwrap();
    assert_eq!(copies, 2);
    let tags = a
        .facets
        .iter()
        .find(|f| f.facet == crate::browse::Facet::Field(crate::query::Field::Tag))
        .unwrap();
    assert_eq!(tags.values.iter().map(|v| v.count).sum::<u32>(), 5);
    // Stepping and export go through the rows.
    let mut seen = Vec::new();
    let mut from = None;
    while let Some((id, _)) = e
        .step(&StepRequest {
            view: v.clone(),
            from: from.clone(),
            delta: 1,
        })
        .to
    {
        seen.push(id.clone());
        from = Some(id);
    }
    assert_eq!(seen.len(), 3);
    // From a copy folded away (opened from the document view), j goes on from its row.
    let hidden = ["inbox/1", "sent/1", "all/1"]
        .into_iter()
        .find(|id| *id != first)
        .unwrap();
    let at = seen.iter().position(|id| id == first).unwrap();
    let after = e.step(&StepRequest {
        view: v.clone(),
        from: Some(hidden.into()),
        delta: 1,
    });
    assert_eq!(
        after.to.map(|t| t.1 as usize),
        Some(at + 1).filter(|&p| p < 3)
    );
    let ex = e.export(&crate::protocol::ExportRequest {
        view: v.clone(),
        format: crate::protocol::ExportFormat::Json,
        base: String::new(),
    });
    assert_eq!(ex.total(), 3);
    // The chronology holds the same three.
    let mut c = v.clone();
    c.window = Window::Pixels {
        top: 0,
        height: 10_000,
        heights: RowHeights {
            year: 40,
            month: 30,
            doc: 50,
        },
    };
    let Rows::Chronology { rows, .. } = e.rows(&c).rows else {
        panic!("chronology rows")
    };
    let docs = rows
        .iter()
        .filter(|r| matches!(r, ChronoRow::Doc(..)))
        .count();
    assert_eq!(docs, 3);
    // Shown, every document is a row again, with no count on it.
    let mut shown = v.clone();
    shown.copies = true;
    let a = e.answer(&shown);
    assert_eq!((a.total, a.copies, a.listed), (5, 2, 5));
    let Rows::List(rows) = &a.rows else {
        panic!("list rows")
    };
    assert!(rows.iter().all(|r| r.copies == 0));
    c.copies = true;
    let Rows::Chronology { rows, .. } = e.rows(&c).rows else {
        panic!("chronology rows")
    };
    assert_eq!(
        rows.iter()
            .filter(|r| matches!(r, ChronoRow::Doc(..)))
            .count(),
        5
    );
    // An open document names its copies, and none of them is "related".
    let meta = opened(&mut e, first);
    let mut names = meta.copies.clone();
    names.sort();
    let mut expected: Vec<String> = ["inbox/1", "sent/1", "all/1"]
        .iter()
        .filter(|i| **i != first)
        .map(|s| s.to_string())
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    assert!(
        meta.related.iter().all(|r| !r.id.ends_with("/1")),
        "{:?}",
        meta.related
    );
    assert!(opened(&mut e, "other").copies.is_empty());
}
