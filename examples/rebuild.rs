//! Times what `versus serve` does after a save (see BENCHMARKS.md): the whole site rendered
//! into memory again, with the syntaxes and highlighted blocks kept from the build before, as
//! `serve::rebuild` calls it. Between renders one item is edited (a sentence appended to its
//! body), and it is restored at the end.
//!
//! ```sh
//! cargo run --release --example rebuild -- /dev/shm/versus-bench/site-1000 [RUNS]
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use versus::highlight::Highlighter;

/// The allocator `versus` itself uses (see Cargo.toml), so that the figures match serve.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first().map(PathBuf::from) else {
        eprintln!("usage: rebuild PROJECT_DIR [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(5);
    let Some(item) = first_item(&root) else {
        eprintln!("rebuild: no item file in {}/content", root.display());
        return ExitCode::from(2);
    };
    let original = std::fs::read_to_string(&item).expect("read the item");
    let project = versus::Project::at(&root);
    let highlighter = Highlighter::default();
    let (first, _) = render(&project, &highlighter);
    println!("first build in memory: {} ms", first.as_millis());
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    for run in 0..runs {
        let edited = format!("{original}\nEdited for rebuild {run}.\n");
        std::fs::write(&item, edited).expect("edit the item");
        let (wall, used) = render(&project, &highlighter);
        times.push(wall);
        cpu.extend(used);
    }
    std::fs::write(&item, original).expect("restore the item");
    let ms: Vec<String> = times.iter().map(|t| t.as_millis().to_string()).collect();
    println!(
        "rebuild after editing {}: median {} ms (runs: {} ms)",
        item.display(),
        median(&mut times).as_millis(),
        ms.join(", ")
    );
    if cpu.len() == runs {
        println!(
            "CPU time (user + system, all threads): median {} ms",
            median(&mut cpu).as_millis()
        );
    }
    ExitCode::SUCCESS
}

fn median(durations: &mut [Duration]) -> Duration {
    durations.sort();
    durations[durations.len() / 2]
}

/// The wall time of one render, and its CPU time where the system tells it.
fn render(project: &versus::Project, highlighter: &Highlighter) -> (Duration, Option<Duration>) {
    let start = Instant::now();
    let cpu = cpu_time();
    if let Err(failure) = versus::render_with(project, highlighter) {
        for d in failure.diagnostics {
            eprintln!("{d:?}");
        }
        panic!("the site does not build");
    }
    let used = cpu_time().zip(cpu).map(|(after, before)| after - before);
    (start.elapsed(), used)
}

/// The process's CPU time so far (user + system, every thread), from `/proc/self/stat` on
/// Linux; less moved by other processes than the wall time is. Counted in clock ticks, taken
/// as the usual 100 a second.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime and stime are 12th and 13th.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The first item file (in name order) of the folder of items named in site.toml.
fn first_item(root: &Path) -> Option<PathBuf> {
    let config = std::fs::read_to_string(root.join("content/site.toml")).ok()?;
    let folder = config
        .lines()
        .find_map(|l| l.strip_prefix("items = "))?
        .trim_matches('"');
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("content").join(folder))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| !p.to_string_lossy().ends_with(".ko.md"))
        .collect();
    files.sort();
    files.into_iter().next()
}
