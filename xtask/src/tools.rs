//! Installing what the build needs, once, and running commands with it on `PATH`.
//!
//! # Overview
//! [`Tools::setup`] checks for each tool at its pinned version and installs it when it is
//! missing, saying what it does and roughly how long it takes:
//! the `wasm32-unknown-unknown` target, Trunk 0.21.14, `wasm-bindgen-cli` at the version
//! in `Cargo.lock`, the npm packages (binaryen 132's `wasm-opt`, Playwright, MiniSearch,
//! the SOTU dataset) and, for tests, Debian's Chromium. Trunk never downloads anything
//! itself: `Trunk.toml` pins the versions installed here.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::{root, Result};

/// Trunk's pinned version (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";

/// Prints a step heading.
pub fn step(message: &str) {
    eprintln!("\n==> {message}");
}

/// Runs a command, failing with its name if it fails.
pub fn run(command: &mut Command) -> Result {
    let status = command
        .status()
        .map_err(|e| format!("could not start {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "{:?} {:?} failed ({status})",
            command.get_program(),
            command.get_args().collect::<Vec<_>>()
        ))
    }
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .env("PATH", search_path())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("/root/.cargo"))
        .join("bin")
}

/// `node_modules/.bin` (for binaryen's wasm-opt) and cargo's bin directory first.
fn search_path() -> std::ffi::OsString {
    let mut paths = vec![root().join("node_modules/.bin"), cargo_bin()];
    if let Some(p) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&p));
    }
    std::env::join_paths(paths).unwrap_or_default()
}

/// The installed tool set; [`Tools::command`] runs programs with it on `PATH`.
pub struct Tools {
    /// The Chromium the browser tests drive (when set up for tests).
    pub chromium: Option<PathBuf>,
}

impl Tools {
    /// Installs whatever is missing. `for_tests` adds Chromium.
    pub fn setup(for_tests: bool) -> Result<Tools> {
        step("checking the tools (anything missing is installed once; the first time takes about 20 minutes)");
        ensure_wasm_target()?;
        ensure_trunk()?;
        ensure_wasm_bindgen()?;
        ensure_npm_packages()?;
        let chromium = if for_tests {
            Some(ensure_chromium()?)
        } else {
            None
        };
        eprintln!("    tools ready");
        Ok(Tools { chromium })
    }

    /// A command in the repository root with the tools on `PATH`.
    pub fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.current_dir(root()).env("PATH", search_path());
        if let Some(chromium) = &self.chromium {
            c.env("CHROMIUM", chromium);
        }
        c
    }

    /// The `chronicle` CLI (release build, compiled first if needed); add its arguments.
    pub fn chronicle(&self) -> Command {
        let mut c = self.command("cargo");
        c.args(["run", "--quiet", "--release", "-p", "chronicle-cli", "--"]);
        c
    }
}

fn ensure_wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        eprintln!("    wasm32-unknown-unknown target: present");
        return Ok(());
    }
    eprintln!("    installing the wasm32-unknown-unknown Rust target…");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_trunk() -> Result {
    let have = output("trunk", &["--version"]).unwrap_or_default();
    if have.trim() == format!("trunk {TRUNK_VERSION}") {
        eprintln!("    trunk {TRUNK_VERSION}: present");
        return Ok(());
    }
    eprintln!(
        "    installing Trunk {TRUNK_VERSION} with cargo (found: {}); this takes about 15 minutes on 2 cores…",
        if have.is_empty() { "none" } else { have.trim() }
    );
    run(Command::new("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// The wasm-bindgen version `Cargo.lock` resolved (the CLI must match it exactly).
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn ensure_wasm_bindgen() -> Result {
    let version = wasm_bindgen_version()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have.trim() == format!("wasm-bindgen {version}") {
        eprintln!("    wasm-bindgen-cli {version}: present");
        return Ok(());
    }
    eprintln!("    installing wasm-bindgen-cli {version} with cargo; this takes about 5 minutes…");
    // Not `--locked`: the locked dependency set does not build with this toolchain.
    run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &version]))
}

/// Installs `cargo fuzz` if it is missing (for the fuzz step of the tests).
pub fn ensure_cargo_fuzz() -> Result {
    if output("cargo", &["fuzz", "--version"]).is_some() {
        eprintln!("    cargo-fuzz: present");
        return Ok(());
    }
    eprintln!("    installing cargo-fuzz with cargo; this takes about 2 minutes…");
    run(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))
}

fn ensure_npm_packages() -> Result {
    let root = root();
    let stamp = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(&lock)) {
        (Ok(s), Ok(l)) => match (s.modified(), l.modified()) {
            (Ok(s), Ok(l)) => s >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh && root.join("node_modules/.bin/wasm-opt").exists() {
        eprintln!("    npm packages (binaryen 132, Playwright, MiniSearch, SOTU data): present");
        return Ok(());
    }
    if output("npm", &["--version"]).is_none() {
        install_debian(&["nodejs", "npm"], "Node.js and npm")?;
    }
    eprintln!("    installing npm packages (binaryen 132, Playwright, MiniSearch, SOTU data) with npm ci…");
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&root))
}

fn ensure_chromium() -> Result<PathBuf> {
    let wanted = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if wanted.exists() {
        eprintln!("    chromium: {}", wanted.display());
        return Ok(wanted);
    }
    install_debian(&["chromium", "chromium-driver"], "Chromium")?;
    if wanted.exists() {
        Ok(wanted)
    } else {
        Err(format!("Chromium is still missing at {}", wanted.display()))
    }
}

fn install_debian(packages: &[&str], what: &str) -> Result {
    let is_root = output("id", &["-u"]).is_some_and(|u| u.trim() == "0");
    if !is_root || output("apt-get", &["--version"]).is_none() {
        return Err(format!(
            "{what} is missing. Install it (on Debian: sudo apt-get install -y {}) and run again.",
            packages.join(" ")
        ));
    }
    eprintln!(
        "    installing {what} from Debian's packages (apt-get install {})…",
        packages.join(" ")
    );
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}
