//! Rule packs: what a province, city or office knows about its documents
//! (unit names and aliases, campaign lists, typos, slogans, rule settings
//! and custom rules), as data. See `rules/packs/README.md`.
//!
//! Packs are resolved once into [`Packs`]: the [`Settings`] rules read, the
//! custom rules and the rules a pack turned on or off. A broken pack is an
//! error with its file and place; nothing is linted with half a pack.

mod custom;
pub mod format;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::Regex;

pub use custom::CustomRuleImpl;
use format::{CustomKind, PackFile};
use plan_lint_core::deadline::DeadlineWords;
use plan_lint_core::targets::TargetWords;
use plan_lint_rules::diagnostic::Severity;
use plan_lint_rules::rule::{CanonicalList, Rule, RuleMeta, Settings, TermList};

/// The packs compiled into the binary: (name, file name, text).
pub const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "national",
        "national.toml",
        include_str!("../../../packs/national.toml"),
    ),
    (
        "hunan",
        "hunan.toml",
        include_str!("../../../packs/hunan.toml"),
    ),
    (
        "example",
        "example.toml",
        include_str!("../../../packs/example.toml"),
    ),
];

/// The data files the built-in packs name (`term_files`), compiled in
/// with them: (file name, text).
pub const BUILTIN_DATA: &[(&str, &str)] = &[(
    "national.terms.txt",
    include_str!("../../../packs/national.terms.txt"),
)];

/// The pack used when neither configuration nor command line names one.
pub const DEFAULT_PACKS: &[&str] = &["national"];

/// A broken pack: the file, the place and why.
pub type PackError = crate::error::FileError;

/// A pack to load: a built-in name, or a path to a pack file or a folder of
/// pack files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackRequest {
    Name(String),
    Path(PathBuf),
}

impl PackRequest {
    /// A request as written in configuration or on the command line: a
    /// bare name is a built-in pack, anything with a `/`, `\` or `.toml`
    /// is a path (relative to `base`).
    pub fn parse(text: &str, base: &Path) -> PackRequest {
        if text.contains(['/', '\\']) || text.ends_with(".toml") {
            PackRequest::Path(base.join(text))
        } else {
            PackRequest::Name(text.to_string())
        }
    }
}

/// Resolved packs: everything they decide, ready for the rules.
#[derive(Default)]
pub struct Packs {
    /// The packs applied, in order (extended packs first).
    pub names: Vec<String>,
    pub settings: Settings,
    /// Rules a pack turned on (`true`) or off (`false`), by code.
    pub enabled: HashMap<String, bool>,
    pub custom_rules: Vec<Arc<dyn Rule>>,
    /// The packs' `[tasks]` words, in order: built into
    /// `settings.deadline_words` once every pack is applied.
    deadline_labels: Vec<String>,
    standing_terms: Vec<String>,
    /// The packs' `[implements]` carry phrases, in order.
    carry: Vec<String>,
    /// The packs' `[targets]` synonym groups, merged, and measure terms:
    /// built into `settings.target_words` once every pack is applied.
    target_synonyms: Vec<Vec<String>>,
    measure_terms: Vec<String>,
    /// The packs' established terms, in order: `settings.terms` once every
    /// pack is applied.
    terms: Vec<String>,
}

impl fmt::Debug for Packs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Packs")
            .field("names", &self.names)
            .field("custom_rules", &self.custom_rules.len())
            .finish()
    }
}

impl Packs {
    /// The built-in rules and the packs' custom rules.
    pub fn universe(&self) -> Vec<Arc<dyn Rule>> {
        plan_lint_rules::rules::ALL
            .iter()
            .chain(&self.custom_rules)
            .cloned()
            .collect()
    }
}

struct Loaded {
    file: String,
    text: String,
    pack: PackFile,
    dir: Option<PathBuf>,
}

/// Loads packs in order; later packs override earlier ones.
pub fn load(requests: &[PackRequest]) -> Result<Packs, PackError> {
    let mut resolver = Resolver::default();
    for request in requests {
        match request {
            PackRequest::Name(name) => resolver.by_name(name, None, None)?,
            PackRequest::Path(path) if path.is_dir() => {
                let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                    .map_err(|e| io_error(path, e))?
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .collect();
                files.sort();
                if files.is_empty() {
                    return Err(PackError {
                        file: path.display().to_string(),
                        text: None,
                        span: None,
                        message: "no pack files (*.toml) in this folder".into(),
                    });
                }
                for file in files {
                    resolver.by_path(&file)?;
                }
            }
            PackRequest::Path(path) => resolver.by_path(path)?,
        }
    }
    resolver.finish()
}

fn io_error(path: &Path, e: std::io::Error) -> PackError {
    PackError {
        file: path.display().to_string(),
        text: None,
        span: None,
        message: format!("cannot read pack: {e}"),
    }
}

/// Parses one pack's text without resolving `extends` (for `pack check`
/// and the schema tests).
pub fn parse(file: &str, text: &str) -> Result<PackFile, PackError> {
    toml::from_str::<PackFile>(text).map_err(|e| PackError {
        file: file.to_string(),
        text: Some(text.to_string()),
        span: e.span(),
        message: e.message().trim().to_string(),
    })
}

#[derive(Default)]
struct Resolver {
    /// Packs applied so far, in order.
    applied: Vec<Loaded>,
    done: HashSet<String>,
    /// The chain of packs being loaded, to find cycles.
    loading: Vec<String>,
}

impl Resolver {
    fn by_name(
        &mut self,
        name: &str,
        dir: Option<&Path>,
        from: Option<(&Loaded, std::ops::Range<usize>)>,
    ) -> Result<(), PackError> {
        // A pack file next to the extending pack wins over a built-in one.
        if let Some(dir) = dir {
            let candidate = dir.join(format!("{name}.toml"));
            if candidate.is_file() {
                return self.by_path(&candidate);
            }
        }
        match BUILTIN.iter().find(|(n, _, _)| *n == name) {
            Some((_, file, text)) => {
                self.load(format!("<built-in>/{file}"), text.to_string(), None)
            }
            None => {
                let known: Vec<&str> = BUILTIN.iter().map(|(n, _, _)| *n).collect();
                let message = format!(
                    "unknown pack `{name}`: expected a built-in pack ({}) or a path to a pack file",
                    known.join(", ")
                );
                Err(match from {
                    Some((loaded, span)) => PackError {
                        file: loaded.file.clone(),
                        text: Some(loaded.text.clone()),
                        span: Some(span),
                        message,
                    },
                    None => PackError {
                        file: name.to_string(),
                        text: None,
                        span: None,
                        message,
                    },
                })
            }
        }
    }

    fn by_path(&mut self, path: &Path) -> Result<(), PackError> {
        let text = std::fs::read_to_string(path).map_err(|e| io_error(path, e))?;
        let dir = path.parent().map(Path::to_path_buf);
        self.load(path.display().to_string(), text, dir)
    }

    fn load(&mut self, file: String, text: String, dir: Option<PathBuf>) -> Result<(), PackError> {
        let pack = parse(&file, &text)?;
        let loaded = Loaded {
            file,
            text,
            pack,
            dir,
        };
        let name = loaded.pack.name.clone();
        if self.done.contains(&name) {
            return Ok(());
        }
        if self.loading.contains(&name) {
            let mut chain = self.loading.clone();
            chain.push(name.clone());
            return Err(PackError {
                file: loaded.file.clone(),
                text: Some(loaded.text.clone()),
                span: None,
                message: format!("`extends` makes a cycle: {}", chain.join(" → ")),
            });
        }
        self.loading.push(name.clone());
        for parent in &loaded.pack.extends {
            if self.loading.contains(parent.get_ref()) {
                let mut chain = self.loading.clone();
                chain.push(parent.get_ref().clone());
                return Err(PackError {
                    file: loaded.file.clone(),
                    text: Some(loaded.text.clone()),
                    span: Some(parent.span()),
                    message: format!("`extends` makes a cycle: {}", chain.join(" → ")),
                });
            }
            let dir = loaded.dir.clone();
            self.by_name(
                parent.get_ref(),
                dir.as_deref(),
                Some((&loaded, parent.span())),
            )?;
        }
        self.loading.pop();
        self.done.insert(name);
        self.applied.push(loaded);
        Ok(())
    }

    fn finish(self) -> Result<Packs, PackError> {
        let mut packs = Packs::default();
        let mut custom_codes: HashMap<String, String> = HashMap::new();
        for loaded in &self.applied {
            apply(loaded, &mut packs, &mut custom_codes)?;
        }
        packs.settings.deadline_words =
            DeadlineWords::new(&packs.deadline_labels, &packs.standing_terms);
        packs.settings.target_words =
            TargetWords::new(&packs.target_synonyms, &packs.measure_terms);
        packs.settings.terms = TermList::new(std::mem::take(&mut packs.terms));
        packs.settings.carry_phrases = std::mem::take(&mut packs.carry);
        Ok(packs)
    }
}

fn error_at(loaded: &Loaded, span: std::ops::Range<usize>, message: String) -> PackError {
    PackError {
        file: loaded.file.clone(),
        text: Some(loaded.text.clone()),
        span: Some(span),
        message,
    }
}

fn severity(loaded: &Loaded, value: &toml::Spanned<String>) -> Result<Severity, PackError> {
    Severity::parse(value.get_ref()).ok_or_else(|| {
        error_at(
            loaded,
            value.span(),
            format!(
                "unknown severity `{}`: expected one of error, warning, info",
                value.get_ref()
            ),
        )
    })
}

/// Applies one pack over what earlier packs decided.
fn apply(
    loaded: &Loaded,
    packs: &mut Packs,
    custom_codes: &mut HashMap<String, String>,
) -> Result<(), PackError> {
    let pack = &loaded.pack;
    packs.names.push(pack.name.clone());
    for (words, into) in [
        (&pack.tasks.deadline_labels, &mut packs.deadline_labels),
        (&pack.tasks.standing_terms, &mut packs.standing_terms),
        (&pack.implements.carry, &mut packs.carry),
    ] {
        for word in words {
            if word.trim().is_empty() {
                return Err(error_at(
                    loaded,
                    0..0,
                    "in [tasks] or [implements]: an empty word".to_string(),
                ));
            }
            if !into.contains(word) {
                into.push(word.clone());
            }
        }
    }
    let settings = &mut packs.settings;

    for unit in &pack.units {
        for alias in &unit.aliases {
            settings
                .unit_aliases
                .insert(alias.clone(), unit.name.clone());
        }
        settings
            .unit_aliases
            .insert(unit.name.clone(), unit.name.clone());
    }
    for department in &pack.departments {
        for alias in &department.aliases {
            settings
                .departments
                .insert(alias.clone(), department.name.clone());
        }
        settings
            .departments
            .insert(department.name.clone(), department.name.clone());
    }
    for list in &pack.lists {
        settings.lists.retain(|l| l.name != list.name);
        settings.lists.push(CanonicalList {
            name: list.name.clone(),
            members: list.members.clone(),
        });
        for alias in &list.aliases {
            settings.lists.retain(|l| &l.name != alias);
            settings.lists.push(CanonicalList {
                name: alias.clone(),
                members: list.members.clone(),
            });
        }
    }
    for (wrong, right) in &pack.typos {
        settings.typos.retain(|(w, _)| w != wrong);
        settings.typos.push((wrong.clone(), right.clone()));
    }
    for slogan in &pack.slogans {
        if !settings.slogans.contains(slogan) {
            settings.slogans.push(slogan.clone());
        }
    }

    apply_targets(loaded, packs)?;
    apply_terms(loaded, packs)?;

    for custom in &pack.custom {
        let rule = compile_custom(loaded, custom, custom_codes)?;
        packs.custom_rules.push(rule);
    }

    let universe = packs.universe();
    for (key, setting) in &pack.rules {
        let Some(rule) = universe
            .iter()
            .find(|r| r.meta().code.eq_ignore_ascii_case(key) || r.meta().name == key.as_str())
        else {
            let e = plan_lint_rules::select::UnknownRule::among(key.clone(), &universe);
            return Err(error_at(loaded, setting.span(), format!("in [rules]: {e}")));
        };
        let code = rule.meta().code.to_string();
        let setting = setting.get_ref();
        if let Some(enabled) = setting.enabled {
            packs.enabled.insert(code.clone(), enabled);
        }
        if let Some(level) = &setting.severity {
            packs
                .settings
                .severities
                .insert(code.clone(), severity(loaded, level)?);
        }
        validate_options(loaded, rule.meta(), key, setting)?;
        if !setting.options.is_empty() {
            let options = packs.settings.options.entry(code).or_default();
            for (name, value) in &setting.options {
                // Rules read options as text; any other value leaves the
                // option at its default.
                match value.as_str() {
                    Some(text) => options.insert(name.clone(), text.to_string()),
                    None => options.remove(name),
                };
            }
        }
    }
    Ok(())
}

/// Merges a pack's `[targets]` into what earlier packs gave: a synonym
/// group sharing a word with an earlier one joins it (the earlier group's
/// first word still stands for all). A group of fewer than two words, an
/// empty word or a word in two groups of one pack is an error.
fn apply_targets(loaded: &Loaded, packs: &mut Packs) -> Result<(), PackError> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (g, group) in loaded.pack.targets.synonyms.iter().enumerate() {
        let words = group.get_ref();
        let fail = |message: String| Err(error_at(loaded, group.span(), message));
        if words.len() < 2 {
            return fail(format!(
                "in [targets] synonyms: a group needs at least two words, not {words:?}"
            ));
        }
        for word in words {
            if word.trim().is_empty() {
                return fail("in [targets] synonyms: an empty word".to_string());
            }
            if let Some(&other) = seen.get(word.as_str())
                && other != g
            {
                return fail(format!(
                    "in [targets] synonyms: `{word}` is in two groups; merge them into one"
                ));
            }
            seen.insert(word, g);
        }
        let joined: Vec<usize> = packs
            .target_synonyms
            .iter()
            .enumerate()
            .filter(|(_, old)| old.iter().any(|w| words.contains(w)))
            .map(|(i, _)| i)
            .collect();
        let mut merged: Vec<String> = Vec::new();
        for &i in &joined {
            merged.extend(packs.target_synonyms[i].iter().cloned());
        }
        for word in words {
            if !merged.contains(word) {
                merged.push(word.clone());
            }
        }
        for &i in joined.iter().rev() {
            packs.target_synonyms.remove(i);
        }
        match joined.first() {
            Some(&i) => packs.target_synonyms.insert(i, merged),
            None => packs.target_synonyms.push(merged),
        }
    }
    for term in &loaded.pack.targets.measure_terms {
        if term.trim().is_empty() {
            let place = loaded
                .text
                .find("measure_terms")
                .map_or(0..0, |i| i..i + "measure_terms".len());
            return Err(error_at(
                loaded,
                place,
                "in [targets] measure_terms: an empty term".to_string(),
            ));
        }
        if !packs.measure_terms.contains(term) {
            packs.measure_terms.push(term.clone());
        }
    }
    Ok(())
}

/// Reads a pack's term files: a built-in pack's from the binary, any
/// other's from its folder. A file that cannot be read, or a line that is
/// not three to twelve Han characters, is an error at the file's name.
fn apply_terms(loaded: &Loaded, packs: &mut Packs) -> Result<(), PackError> {
    for name in &loaded.pack.term_files {
        let fail = |message: String| Err(error_at(loaded, name.span(), message));
        let text: Cow<'_, str> = match &loaded.dir {
            None => match BUILTIN_DATA.iter().find(|(file, _)| file == name.get_ref()) {
                Some((_, text)) => Cow::Borrowed(text),
                None => return fail(format!("no built-in term file `{}`", name.get_ref())),
            },
            Some(dir) => match std::fs::read_to_string(dir.join(name.get_ref())) {
                Ok(text) => Cow::Owned(text),
                Err(e) => return fail(format!("cannot read term file `{}`: {e}", name.get_ref())),
            },
        };
        for (n, line) in text.lines().enumerate() {
            let term = line.trim();
            if term.is_empty() || term.starts_with('#') {
                continue;
            }
            let length = term.chars().count();
            if !(3..=12).contains(&length) || !term.chars().all(plan_lint_core::text::is_han) {
                return fail(format!(
                    "term file `{}`, line {}: `{term}` is not a term of three to twelve Han characters",
                    name.get_ref(),
                    n + 1
                ));
            }
            if !packs.terms.iter().any(|t| t == term) {
                packs.terms.push(term.to_string());
            }
        }
    }
    Ok(())
}

/// Checks a rule's options against those it declares: an unknown name or
/// value is an error naming the valid ones.
fn validate_options(
    loaded: &Loaded,
    meta: &RuleMeta,
    key: &str,
    setting: &format::RuleSetting,
) -> Result<(), PackError> {
    // The options table has no spans of its own: point at its key.
    let place = loaded
        .text
        .find("options")
        .filter(|_| !setting.options.is_empty())
        .map_or(0..0, |i| i..i + "options".len());
    for (name, value) in &setting.options {
        let Some(option) = meta.options.iter().find(|o| o.name == name) else {
            let valid: Vec<&str> = meta.options.iter().map(|o| o.name).collect();
            return Err(error_at(
                loaded,
                place,
                format!(
                    "rule {} ({key}) has no option `{name}`: {}",
                    meta.code,
                    if valid.is_empty() {
                        "it takes no options".to_string()
                    } else {
                        format!("expected one of {}", valid.join(", "))
                    }
                ),
            ));
        };
        let text = value.as_str().unwrap_or_default();
        if !option.values.is_empty() && !option.values.contains(&text) {
            return Err(error_at(
                loaded,
                place,
                format!(
                    "option `{name}` of {} takes one of {}, not {value}",
                    meta.code,
                    option.values.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

fn compile_custom(
    loaded: &Loaded,
    custom: &format::CustomRule,
    codes: &mut HashMap<String, String>,
) -> Result<Arc<dyn Rule>, PackError> {
    let code = custom.code.get_ref();
    let valid_code = code.len() >= 3
        && code.chars().take_while(|c| c.is_ascii_uppercase()).count() >= 2
        && code.chars().any(|c| c.is_ascii_digit());
    if !valid_code {
        return Err(error_at(
            loaded,
            custom.code.span(),
            format!(
                "custom rule code `{code}` must be the pack's own prefix of at least two capital letters and digits, e.g. HN101"
            ),
        ));
    }
    let taken = plan_lint_rules::rules::ALL
        .iter()
        .any(|r| r.meta().code == code.as_str());
    if taken || codes.contains_key(code) {
        let other = codes
            .get(code)
            .cloned()
            .unwrap_or_else(|| "a built-in rule".into());
        return Err(error_at(
            loaded,
            custom.code.span(),
            format!("rule code `{code}` is used twice (also by {other})"),
        ));
    }
    codes.insert(code.clone(), format!("{} in {}", custom.name, loaded.file));

    let regex = match &custom.pattern {
        Some(pattern) => Some(Regex::new(pattern.get_ref()).map_err(|e| {
            error_at(
                loaded,
                pattern.span(),
                format!("the pattern of {code} does not compile: {e}"),
            )
        })?),
        None => None,
    };
    let needs = |what: &str, ok: bool| {
        if ok {
            Ok(())
        } else {
            Err(error_at(
                loaded,
                custom.code.span(),
                format!("custom rule {code} of kind {:?} needs {what}", custom.kind).to_lowercase(),
            ))
        }
    };
    match custom.kind {
        CustomKind::Existence | CustomKind::Required => needs("`pattern`", regex.is_some())?,
        CustomKind::Substitution => needs("`swap`", !custom.swap.is_empty())?,
        CustomKind::Consistency => needs("`either` with two spellings", custom.either.len() >= 2)?,
    }
    let default_severity = match &custom.severity {
        Some(level) => severity(loaded, level)?,
        None => Severity::Warning,
    };
    let doc = format!(
        "{}\n\n(custom rule of pack `{}`, kind `{:?}`)\n",
        if custom.description.is_empty() {
            &custom.message
        } else {
            &custom.description
        },
        loaded.pack.name,
        custom.kind
    );
    let meta = RuleMeta {
        code: Cow::Owned(code.clone()),
        name: Cow::Owned(custom.name.clone()),
        default_severity,
        summary: Cow::Owned(custom.message.clone()),
        doc: Cow::Owned(doc),
        options: &[],
    };
    let rule = CustomRuleImpl {
        meta,
        kind: custom.kind,
        message: custom.message.clone(),
        regex,
        swaps: custom
            .swap
            .iter()
            .map(|(w, r)| (w.clone(), r.clone()))
            .collect(),
        either: custom.either.clone(),
    };
    Ok(Arc::new(rule))
}

/// The JSON Schema of the pack format, as committed in
/// `rules/packs/pack.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(PackFile);
    let mut text = serde_json::to_string_pretty(&schema).expect("the schema serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
