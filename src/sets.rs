//! Plan sets in `check`: which of the files are read as one document (a
//! `[[set]]` of their configuration), and linting a set with each finding
//! and each related place mapped back into its file.

use std::path::{Path, PathBuf};

use plan_lint_config::resolve::{ResolveError, Resolver, Setup};
use plan_lint_core::Source;
use plan_lint_core::planset::SetSource;
use plan_lint_rules::diagnostic::Diagnostic;
use plan_lint_rules::set::run_set;

/// Whether two paths name one file (compared as given when a path does not
/// resolve).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Groups `files` into what is linted as one document: each `[[set]]` of a
/// file's configuration that names it becomes one group, in the set's order
/// (its main plan first), and a member the command line did not name is
/// added to `files` and `setups` (a set is checked whole, and all its files
/// are reported). Every other file is a group of its own. Groups are
/// returned in the order of their first file.
pub fn groups(
    files: &mut Vec<PathBuf>,
    setups: &mut Vec<Setup>,
    resolver: &mut Resolver,
) -> Result<Vec<Vec<usize>>, ResolveError> {
    let mut grouped = vec![false; files.len()];
    let mut groups = Vec::new();
    let mut i = 0;
    while i < files.len() {
        if grouped[i] {
            i += 1;
            continue;
        }
        let spec = setups[i]
            .resolved
            .sets
            .iter()
            .find(|s| s.files.iter().any(|f| same_file(f, &files[i])))
            .cloned();
        let Some(spec) = spec else {
            grouped[i] = true;
            groups.push(vec![i]);
            i += 1;
            continue;
        };
        let mut group = Vec::with_capacity(spec.files.len());
        for member in &spec.files {
            let at = match files.iter().position(|f| same_file(f, member)) {
                Some(at) => at,
                None => {
                    setups.push(resolver.setup(member)?);
                    files.push(member.clone());
                    grouped.push(false);
                    files.len() - 1
                }
            };
            if !grouped[at] {
                grouped[at] = true;
                group.push(at);
            }
        }
        groups.push(group);
        i += 1;
    }
    Ok(groups)
}

/// Lints the members of one set (`group`: indices into `sources` and
/// `setups`, the main plan first) as one document with the main plan's
/// configuration, and returns each member's findings (indexed as `group`).
/// A finding stays only where its rule runs on its member's file (a
/// per-file ignore of a member holds for it); a related place in another
/// member carries that member's index in `sources` in its `file`.
pub fn lint_set(group: &[usize], sources: &[&Source], setups: &[Setup]) -> Vec<Vec<Diagnostic>> {
    let members: Vec<&Source> = group.iter().map(|&i| sources[i]).collect();
    let set = SetSource::new(&members);
    let main = &setups[group[0]];
    let mut out = vec![Vec::new(); group.len()];
    for mut found in run_set(&main.rules, &set, &main.resolved.settings) {
        let runs_here = setups[group[found.file]]
            .rules
            .iter()
            .any(|r| r.meta().code == found.diagnostic.code);
        if !runs_here {
            continue;
        }
        for related in &mut found.diagnostic.related {
            related.file = related.file.map(|f| group[f]);
        }
        out[found.file].push(found.diagnostic);
    }
    out
}
