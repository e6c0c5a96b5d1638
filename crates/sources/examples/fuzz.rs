//! Mutation fuzzing of one reader, on the stable toolchain (no coverage guidance: cargo-fuzz
//! needs a nightly compiler). Seeds are the dataset's own files; each case is a seed mutated the
//! ways that matter for publishers' files — bytes flipped, cut short, runs inserted or
//! repeated, huge cells, another seed spliced in — written where the reader looks for it and read
//! through the dataset's connector, as `galeon build` reads it. A reader may refuse a case with an
//! error; it must never panic. A case that makes it panic (even a panic it catches) is written to
//! `target/fuzz-crashes/` (outside the repository: the seeds are publishers' files); each becomes
//! a regression test with a fixture written by hand in the same shape.
//!
//! `scripts/fuzz.sh DATASET SECONDS [SEED_DIR]` runs it in release and prints the counts.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use galeon_sources::canonical::{Batch, Provenance, Reject, Sink};
use galeon_sources::{dataset, Context, Reader};
use galeon_testkit::Rng;

/// A sink that only counts: the reader's work is all that is tested.
#[derive(Default)]
struct Counting {
    rows: u64,
}

impl Sink for Counting {
    fn write(&mut self, _: &Provenance, _: Batch) -> Result<(), String> {
        self.rows += 1;
        Ok(())
    }
    fn reject(&mut self, _: &Provenance, _: Reject) {}
    fn rows_read(&mut self, _: &Provenance, _: u64) {}
}

/// One mutation of `seed` (with `other` for splices).
fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = seed.to_vec();
    let at = rng.below(out.len() + 1);
    match rng.below(8) {
        0 => {
            for _ in 0..=rng.below(16) {
                let i = rng.below(out.len());
                if let Some(b) = out.get_mut(i) {
                    *b ^= 1 << rng.below(8);
                }
            }
        }
        1 => out.truncate(at),
        2 => {
            let run: Vec<u8> = (0..=rng.below(64)).map(|_| rng.next_u64() as u8).collect();
            out.splice(at..at, run);
        }
        3 => {
            let end = (at + rng.below(4096)).min(out.len());
            let piece = out[at..end].to_vec();
            for _ in 0..=rng.below(8) {
                out.splice(at..at, piece.iter().copied());
            }
        }
        4 => {
            let fill = [b'9', b'a', b',', b'"', b'\n', b'<', 0xFF][rng.below(7)];
            out.splice(at..at, std::iter::repeat_n(fill, 1 << (10 + rng.below(11))));
        }
        5 => {
            let end = (at + rng.below(4096)).min(out.len());
            out.drain(at..end);
        }
        6 => {
            let from = rng.below(other.len() + 1);
            out.truncate(at);
            out.extend_from_slice(&other[from..]);
        }
        _ => {
            let i = rng.below(out.len());
            if let Some(b) = out.get_mut(i) {
                *b = [0u8, b'-', b'.', b'e', b'\r', b'\t'][rng.below(6)];
            }
        }
    }
    out
}

fn seeds(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.metadata().is_ok_and(|m| m.len() <= 4 << 20))
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".md"))
        .filter_map(|e| {
            let relative = e.path().strip_prefix(dir).ok()?.to_path_buf();
            Some((relative, std::fs::read(e.path()).ok()?))
        })
        .collect();
    out.sort();
    out.truncate(8);
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("list") {
        let read = galeon_sources::DATASETS
            .iter()
            .filter(|d| matches!(d.reader, Reader::Rows(_)));
        read.for_each(|d| println!("{}", d.id));
        return;
    }
    let [id, seconds, rest @ ..] = &args[..] else {
        eprintln!("usage: fuzz DATASET SECONDS [SEED_DIR]");
        std::process::exit(2);
    };
    let Some(d) = dataset(id) else {
        eprintln!("no dataset {id:?}: `galeon sources` lists them");
        std::process::exit(2);
    };
    let Reader::Rows(read) = d.reader else {
        eprintln!("{id} is not read by a connector");
        std::process::exit(2);
    };
    let seed_dir = rest
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data").join(d.folder));
    let seeds = seeds(&seed_dir);
    if seeds.is_empty() {
        eprintln!("no seed files under {}", seed_dir.display());
        std::process::exit(2);
    }
    let limit = Duration::from_secs(seconds.parse().unwrap_or(60));
    let work = tempfile::tempdir().expect("a temporary folder");
    let folder = work.path().join(d.folder);
    let cx = Context {
        root: work.path().to_path_buf(),
        dataset: d,
        releases: Default::default(),
    };
    let started_at = std::time::SystemTime::now();
    let seed = started_at
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |t| t.as_nanos() as u64)
        | 1;
    let mut rng = Rng::new(seed);
    // Panics are counted and kept; the first of each place is printed.
    static WHERE: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    // Set by any panic, also one a reader catches and turns into an error: such a case is kept too.
    static PANICKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let mut seen = WHERE.lock().unwrap_or_else(|p| p.into_inner());
        if !seen.iter().any(|s| s.starts_with(&at)) {
            let said = info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            eprintln!("panic at {at}: {said}");
            seen.push(at);
        }
        PANICKED.store(true, std::sync::atomic::Ordering::SeqCst);
    }));
    let (mut cases, mut errors, mut panics, mut slowest) = (0u64, 0u64, 0u64, Duration::ZERO);
    let started = Instant::now();
    while started.elapsed() < limit {
        let (name, bytes) = &seeds[rng.below(seeds.len())];
        let other = &seeds[rng.below(seeds.len())].1;
        let case = mutate(&mut rng, bytes, other);
        let path = folder.join(name);
        std::fs::create_dir_all(path.parent().expect("in the folder")).expect("writable");
        std::fs::write(&path, &case).expect("writable");
        let one = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read(
                &cx,
                std::slice::from_ref(&path),
                &mut Counting::default(),
                &mut |_| {},
            )
        }));
        slowest = slowest.max(one.elapsed());
        cases += 1;
        let caught = PANICKED.swap(false, std::sync::atomic::Ordering::SeqCst);
        if outcome.is_err() {
            panics += 1;
        }
        match outcome {
            Ok(Ok(())) if !caught => {}
            Ok(Err(_)) if !caught => errors += 1,
            _ => {
                errors += u64::from(outcome.as_ref().is_ok_and(|r| r.is_err()));
                let kept = Path::new("target/fuzz-crashes").join(format!(
                    "{id}-{cases}-{}",
                    name.file_name().unwrap_or_default().to_string_lossy()
                ));
                let _ = std::fs::create_dir_all(kept.parent().expect("a folder"));
                let _ = std::fs::write(&kept, &case);
            }
        }
    }
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l[6..].trim().to_string())
        })
        .unwrap_or_default();
    println!(
        "{id}: {cases} cases in {:.0} s ({:.0}/s) from {} seeds, {errors} refused with an error, {panics} panics, slowest case {:.2} s, peak memory {peak} (rng seed {seed})",
        started.elapsed().as_secs_f64(),
        cases as f64 / started.elapsed().as_secs_f64(),
        seeds.len(),
        slowest.as_secs_f64(),
    );
    std::process::exit(if panics == 0 { 0 } else { 1 });
}
