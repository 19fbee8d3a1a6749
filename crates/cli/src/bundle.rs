//! `chronicle bundle`: one self-contained HTML file that opens by double-click.
//!
//! # Overview
//! [`run`] takes a corpus and the built app (`dist/`, from `cargo xtask build`) and writes
//! one HTML file with everything inlined: the stylesheets, the icon (a data URL), the
//! archive, the page's JavaScript glue (a classic script) and WebAssembly (base64, compiled
//! from bytes), and the search engine's: its glue, its WebAssembly and its worker
//! script, which the app starts from a Blob URL of the engine's glue and the worker
//! script (browsers allow that from `file://`).
//!
//! The archive goes in prebuilt ([`crate::build::build`], gzipped, base64 in
//! `<script type="application/gzip" id="chronicle-archive">`), so the file opens without
//! parsing or indexing; the start-up script inflates it (`DecompressionStream`) into a
//! `File` for the app before the app starts.
//! With `--json` the corpus goes in as JSON instead (in `<script type="application/json"
//! id="chronicle-corpus">`), readable by anyone who opens the file in an editor. The file makes no network request at all, so it
//! works from `file://`, offline, forever. It needs its inline scripts: under a
//! Content-Security-Policy it needs `script-src 'unsafe-inline' 'wasm-unsafe-eval'` and
//! `worker-src blob:`. [`bundle`] builds the text, for tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};

use chronicle_core::prebuilt;

use crate::stats::load_file;

/// Arguments of `chronicle bundle`.
#[derive(Debug, clap::Args)]
pub struct BundleArgs {
    /// The corpus (.json or .jsonl), or a prebuilt archive (.chronicle).
    pub corpus: PathBuf,
    /// Inline the corpus as JSON (read and indexed when the file opens) instead of a
    /// prebuilt archive.
    #[arg(long)]
    pub json: bool,
    /// Where to write the HTML file.
    #[arg(short, long)]
    pub output: PathBuf,
    /// The built app (the output of `cargo xtask build`).
    #[arg(long, default_value = "dist")]
    pub app: PathBuf,
}

/// The parts of the built app a bundle inlines.
#[derive(Debug, Default)]
pub struct AppFiles {
    /// Stylesheets, in order.
    pub css: Vec<String>,
    /// The page's wasm-bindgen JavaScript glue (a classic script).
    pub js: String,
    /// The page's WebAssembly.
    pub wasm: Vec<u8>,
    /// The engine worker's start-up script.
    pub worker: String,
    /// The engine's wasm-bindgen glue (a classic script, for workers).
    pub engine_js: String,
    /// The engine's WebAssembly.
    pub engine_wasm: Vec<u8>,
    /// The icon (SVG), if any.
    pub icon: Option<Vec<u8>>,
}

fn read(dir: &Path, name: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(dir.join(name))
        .with_context(|| format!("cannot read {}", dir.join(name).display()))
}

/// Finds the app's files through its `index.html` (as Trunk writes it).
pub fn app_files(dir: &Path) -> anyhow::Result<AppFiles> {
    let index = std::fs::read_to_string(dir.join("index.html")).with_context(|| {
        format!(
            "{} has no index.html: build the app first (cargo xtask build), or pass --app DIR",
            dir.display()
        )
    })?;
    let attr_values = |marker: &str, attr: &str| -> Vec<String> {
        index
            .match_indices(marker)
            .filter_map(|(i, _)| {
                let tag_end = index[i..].find('>').map_or(index.len(), |e| i + e);
                let tag = &index[i..tag_end];
                let at = tag.find(&format!("{attr}=\""))? + attr.len() + 2;
                let end = tag[at..].find('"')? + at;
                Some(tag[at..end].trim_start_matches("./").to_string())
            })
            .collect()
    };
    let css_names = attr_values("<link rel=\"stylesheet\"", "href");
    let icon = attr_values("<link rel=\"icon\"", "href").into_iter().next();
    let js_name = attr_values("<script src=", "src")
        .into_iter()
        .find(|n| n.ends_with(".js") && !n.contains("boot"))
        .context("index.html does not load the app's JavaScript")?;
    let wasm_name = format!("{}_bg.wasm", js_name.trim_end_matches(".js"));
    let mut css = Vec::new();
    for name in css_names {
        css.push(String::from_utf8_lossy(&read(dir, &name)?).into_owned());
    }
    Ok(AppFiles {
        css,
        js: String::from_utf8_lossy(&read(dir, &js_name)?).into_owned(),
        worker: String::from_utf8_lossy(&read(dir, "chronicle-worker.js")?).into_owned(),
        wasm: read(dir, &wasm_name)?,
        engine_js: String::from_utf8_lossy(&read(dir, "chronicle-engine.js")?).into_owned(),
        engine_wasm: read(dir, "chronicle-engine_bg.wasm")?,
        icon: icon.map(|n| read(dir, &n)).transpose()?,
    })
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// JSON (or a JavaScript string literal) that cannot end, or confuse, the `<script>`
/// element it sits in: every `<` becomes `\u003c`. In JSON and in JavaScript, `<` can only
/// occur inside strings, where the escape means the same character; so no `</script>`
/// and no `<!--` reach the HTML parser, and the text reads back unchanged.
fn inert(json: &str) -> String {
    json.replace('<', "\\u003c")
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The archive an offline file holds.
#[derive(Debug, Clone, Copy)]
pub enum Inlined<'a> {
    /// A corpus, as JSON text.
    Json(&'a str),
    /// A prebuilt archive.
    Prebuilt(&'a [u8]),
}

/// Bytes compressed with gzip (the browser inflates them with `DecompressionStream`):
/// a prebuilt archive shrinks to about half, which base64 then grows by a third.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    // Writing to a Vec cannot fail.
    let _ = z.write_all(bytes);
    z.finish().unwrap_or_default()
}

/// The whole HTML file.
pub fn bundle(app: &AppFiles, archive: Inlined, title: &str) -> String {
    let literal = |text: &str| {
        let mut out = String::new();
        chronicle_core::json::write_string(text, &mut out);
        inert(&out)
    };
    let icon = app
        .icon
        .as_ref()
        .map(|svg| {
            format!(
                "<link rel=\"icon\" href=\"data:image/svg+xml;base64,{}\">\n",
                base64(svg)
            )
        })
        .unwrap_or_default();
    let css = app
        .css
        .iter()
        .map(|c| c.replace("</style", "<\\/style"))
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"generator\" content=\"chronicle bundle\">\n\
         <title>{title} · Chronicle</title>\n{icon}<style>\n{css}\n</style>\n</head>\n<body>\n\
         <noscript>This archive needs JavaScript and WebAssembly to open.</noscript>\n\
         {archive}\n\
         <script>\n\
         // Chronicle, offline: the app's code and data are all in this file.\n\
         (() => {{\n\
         const unpack = (b64) => (Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64)\n\
         : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));\n\
         const packed = document.getElementById('chronicle-archive');\n\
         const archive = packed\n\
         ? new Response(new Blob([unpack(packed.textContent)]).stream()\n\
         .pipeThrough(new DecompressionStream('gzip'))).blob()\n\
         .then((b) => {{ window.chronicleArchive = new File([b], 'archive.chronicle'); packed.remove(); }})\n\
         : Promise.resolve();\n\
         const glue = {js};\n\
         const worker = {engine_js} + '\\n' + {worker};\n\
         const engine = WebAssembly.compile(unpack(\"{engine_wasm}\"));\n\
         engine.catch(() => {{}});\n\
         window.chronicleRuntime = {{ engine, workerSource: worker }};\n\
         const wasm = unpack(\"{wasm}\");\n\
         const script = document.createElement('script');\n\
         script.src = URL.createObjectURL(new Blob([glue], {{ type: 'text/javascript' }}));\n\
         script.onload = () => Promise.all([WebAssembly.compile(wasm), archive])\n\
         .then(([module]) => wasm_bindgen({{ module_or_path: module }}));\n\
         document.head.append(script);\n\
         }})();\n\
         </script>\n</body>\n</html>\n",
        title = escape_html(title),
        archive = match archive {
            Inlined::Json(text) => format!(
                "<script type=\"application/json\" id=\"chronicle-corpus\">{}</script>",
                inert(text)
            ),
            Inlined::Prebuilt(bytes) => format!(
                "<script type=\"application/gzip\" id=\"chronicle-archive\">{}</script>",
                base64(&gzip(bytes))
            ),
        },
        js = literal(&app.js),
        worker = literal(&app.worker),
        wasm = base64(&app.wasm),
        engine_js = literal(&app.engine_js),
        engine_wasm = base64(&app.engine_wasm),
    )
}

/// Opens a prebuilt archive to bundle: it must hold its text (a site's archive keeps it
/// in shards beside it, which an offline file cannot reach).
pub fn whole_archive(bytes: &[u8]) -> anyhow::Result<chronicle_core::Archive> {
    let (archive, shards) = prebuilt::open_with_shards(bytes)?;
    if !shards.is_empty() {
        bail!(
            "this archive keeps its text in shards beside it (a site's archive): bundle the \
             corpus, or an archive built with `chronicle build --single-file`"
        );
    }
    Ok(archive)
}

/// Runs `chronicle bundle`.
pub fn run(args: &BundleArgs) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.corpus)
        .with_context(|| format!("cannot read {}", args.corpus.display()))?;
    let name = args.corpus.display().to_string();
    let app = app_files(&args.app)?;
    let (html, documents, rejected) = if prebuilt::sniff(&bytes) == Some(true) {
        if args.json {
            bail!("{name} is a prebuilt archive: --json needs a JSON corpus");
        }
        let archive = whole_archive(&bytes).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        let title = archive.title.clone().unwrap_or_else(|| "Archive".into());
        let html = bundle(&app, Inlined::Prebuilt(&bytes), &title);
        (html, archive.len(), archive.rejected)
    } else {
        let loaded = match load_file(&args.corpus, &bytes) {
            Ok(l) => l,
            Err(e) => bail!("{name}:{}: {}", e.position(), e.message()),
        };
        let title = loaded
            .corpus
            .title
            .clone()
            .unwrap_or_else(|| "Archive".to_string());
        let (documents, rejected) = (loaded.corpus.documents.len(), loaded.rejected);
        let html = if args.json {
            let Ok(text) =
                std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes))
            else {
                bail!("{name}: not UTF-8");
            };
            bundle(&app, Inlined::Json(text), &title)
        } else {
            let json = serde_json::to_vec(&loaded.corpus)?;
            let layout = crate::build::Layout {
                run_bytes: prebuilt::RUN_BYTES,
                jobs: crate::build::all_cores(),
                split: false,
            };
            let built =
                crate::build::build(&json, (loaded.problems, loaded.rejected), layout, false)?;
            bundle(&app, Inlined::Prebuilt(&built.archive), &title)
        };
        (html, documents, rejected)
    };
    if let Some(parent) = args.output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&args.output, &html)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "bundled {documents} documents ({rejected} rejected) → {} ({}); open it by \
         double-click, no server needed",
        args.output.display(),
        crate::ingest::human_bytes(html.len() as u64)
    )?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn nothing_inlined_can_close_its_element() {
        let app = AppFiles {
            css: vec!["a::after { content: '</style>' }".into()],
            js: "const s = '</script><!-- x';".into(),
            worker: "// worker '</script>'".into(),
            wasm: vec![0, 97, 115, 109],
            engine_js: "const e = '</script>';".into(),
            engine_wasm: vec![0, 97, 115, 109, 1],
            icon: Some(b"<svg/>".to_vec()),
        };
        let html = bundle(
            &app,
            Inlined::Json(
                r#"[{"id":"x","title":"</script><script>alert(1)</script>","body":"<!--"}]"#,
            ),
            "A <b> title",
        );
        assert_eq!(
            html.matches("</script>").count(),
            2,
            "only the two real script ends"
        );
        assert_eq!(html.matches("</style>").count(), 1);
        assert!(html.contains("<title>A &lt;b&gt; title · Chronicle</title>"));
        assert!(!html.contains("<!-- x") && !html.contains("<!--\""));
        assert!(html.contains("\"AGFzbQ==\""), "the page's WebAssembly");
        assert!(html.contains("\"AGFzbQE=\""), "the engine's WebAssembly");
    }

    #[test]
    fn the_inlined_corpus_reads_back_unchanged() {
        let app = AppFiles::default();
        let corpus =
            r#"{"documents":[{"id":"x","title":"</script><!--<script>","body":"a < b <\/ c"}]}"#;
        let html = bundle(&app, Inlined::Json(corpus), "t");
        let start = html.find(r#"id="chronicle-corpus">"#).unwrap() + 22;
        let end = start + html[start..].find("</script>").unwrap();
        let inlined: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        let original: serde_json::Value = serde_json::from_str(corpus).unwrap();
        assert_eq!(inlined, original);
    }

    #[test]
    fn a_prebuilt_archive_is_inlined_whole_in_base64() {
        use base64::Engine;
        let app = AppFiles::default();
        let archive = b"CHRONARC\x01\0\0\0</script>\xff\x00";
        let html = bundle(&app, Inlined::Prebuilt(archive), "t");
        assert!(!html.contains("chronicle-corpus"));
        let marker = r#"id="chronicle-archive">"#;
        let start = html.find(marker).unwrap() + marker.len();
        let end = start + html[start..].find("</script>").unwrap();
        let zipped = base64::engine::general_purpose::STANDARD
            .decode(&html[start..end])
            .unwrap();
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&zipped[..]), &mut back)
            .unwrap();
        assert_eq!(back, archive);
    }

    #[test]
    fn a_site_archive_without_its_text_is_not_bundled() {
        let json = br#"[{"id":"a","title":"Idlib","body":"The political process."}]"#;
        let layout = |split| crate::build::Layout {
            run_bytes: 1 << 20,
            jobs: 1,
            split,
        };
        let site = crate::build::build(json, (Vec::new(), 0), layout(true), false).unwrap();
        let e = whole_archive(&site.archive).unwrap_err().to_string();
        assert!(e.contains("--single-file"), "{e}");
        let single = crate::build::build(json, (Vec::new(), 0), layout(false), false).unwrap();
        assert_eq!(whole_archive(&single.archive).unwrap().len(), 1);
    }
}
