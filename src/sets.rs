//! Plan sets in `check`: which of the files are read as one document (a
//! `[[set]]` of their configuration, or a plan and the attachment files
//! its 附件说明 lists, recognised in a folder), and linting a set with each finding
//! and each related place mapped back into its file.

use std::path::{Path, PathBuf};

use plan_lint_config::resolve::{ResolveError, Resolver, Setup};
use plan_lint_core::Source;
use plan_lint_core::planset::{SetSource, recognise};
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

/// Recognises plan sets among the files no `[[set]]` names (`groups` of
/// one): in each folder, a plan whose 附件说明 lists attachments by title
/// (or number) that other files of the folder are (by their title, or
/// `附件N` in their name) is read with those files as one set. A file
/// that two such plans would claim belongs to neither; a folder where no
/// plan's note finds a file is no set (a folder of unrelated plans stays
/// as it is). When a folder holds one set, its other files that look like
/// attachments (`附件N` in the name or as the first line) join it too, so
/// that S203 reports them as not listed.
pub fn recognise_sets(
    groups: Vec<Vec<usize>>,
    files: &[PathBuf],
    sources: &[&Source],
) -> Vec<Vec<usize>> {
    let alone: Vec<usize> = groups
        .iter()
        .filter(|g| g.len() == 1)
        .map(|g| g[0])
        .collect();
    let mut folders: Vec<(&Path, Vec<usize>)> = Vec::new();
    for &i in &alone {
        let folder = files[i].parent().unwrap_or(Path::new(""));
        match folders.iter_mut().find(|(f, _)| *f == folder) {
            Some((_, members)) => members.push(i),
            None => folders.push((folder, vec![i])),
        }
    }
    let mut sets: Vec<Vec<usize>> = Vec::new();
    for (_, members) in folders.iter().filter(|(_, m)| m.len() >= 2) {
        let texts: Vec<&Source> = members.iter().map(|&i| sources[i]).collect();
        sets.extend(
            recognise(&texts)
                .into_iter()
                .map(|set| set.into_iter().map(|m| members[m]).collect::<Vec<_>>()),
        );
    }
    if sets.is_empty() {
        return groups;
    }
    // Each set takes the place of its main plan; its other files leave
    // their own.
    let mut out = Vec::with_capacity(groups.len());
    for group in groups {
        if let [i] = group[..] {
            if let Some(set) = sets.iter().find(|s| s[0] == i) {
                out.push(set.clone());
                continue;
            }
            if sets.iter().any(|s| s.contains(&i)) {
                continue;
            }
        }
        out.push(group);
    }
    out
}
