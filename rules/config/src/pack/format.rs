//! The rule pack file format (TOML). The JSON Schema in
//! `rules/packs/pack.schema.json` is generated from these types.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// A rule pack: what a province, city or office knows about its documents.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// The pack's name, used in `pack = [...]` and `extends`.
    pub name: String,
    /// What the pack is for.
    #[serde(default)]
    pub description: String,
    /// The province the pack is for, e.g. 湖南省.
    #[serde(default)]
    pub province: Option<String>,
    /// A narrower region (city or county), e.g. 益阳市.
    #[serde(default)]
    pub region: Option<String>,
    /// The pack's own version.
    #[serde(default)]
    pub version: Option<String>,
    /// Packs applied before this one (this one overrides them).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub extends: Vec<Spanned<String>>,
    /// Settings per rule, keyed by code (`T101`) or name (`conflicting-target`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RuleSetting>")]
    pub rules: BTreeMap<String, Spanned<RuleSetting>>,
    /// Unit names with their aliases and abbreviations.
    #[serde(default)]
    pub units: Vec<UnitEntry>,
    /// Departments by their full and short forms, without a place: each
    /// applies under any 省/市/县/区 prefix (`发展和改革委员会` with aliases
    /// `发展改革委`, `发改委` makes 湛江市发改委 and 湛江市发展和改革委员会
    /// one unit).
    #[serde(default)]
    pub departments: Vec<UnitEntry>,
    /// Named enumerations the region fixes (八大行动, 七大攻坚 …).
    #[serde(default)]
    pub lists: Vec<ListEntry>,
    /// Known wrong forms → right forms.
    #[serde(default)]
    pub typos: BTreeMap<String, String>,
    /// Canonical slogans and programme names (三高四新, 五好园区 …).
    #[serde(default)]
    pub slogans: Vec<String>,
    /// Files of established terms next to the pack (社会消费品零售总额,
    /// 提级审核 …), one a line, `#` for comments: the right forms slip
    /// (W104) knows even where a document never writes them. Three to
    /// twelve Han characters each.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub term_files: Vec<Spanned<String>>,
    /// Declarative rules of the pack's own, with codes under its prefix.
    #[serde(default)]
    pub custom: Vec<CustomRule>,
    /// What tells one target from another (T101, T102): synonyms and the
    /// terms of a measure.
    #[serde(default)]
    pub targets: TargetsTable,
    /// What the 任务分工表 (`plan-lint tasks`) reads as a task's deadline.
    #[serde(default)]
    pub tasks: TasksTable,
    /// What an implementing plan says when it carries the superior plan's
    /// target (`--implements`, I102).
    #[serde(default)]
    pub implements: ImplementsTable,
}

/// `[implements]`: the words of an implementing plan that carry the
/// superior plan's targets.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImplementsTable {
    /// Phrases by which a sentence says it carries a target set above
    /// (`国家下达`, `省下达`): a number in that sentence restates the
    /// superior plan's target, not one of the city's own.
    #[serde(default)]
    pub carry: Vec<String>,
}

/// `[tasks]`: the words of deadlines in a 任务分工表.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TasksTable {
    /// Labels that introduce a deadline before a colon (`完成时限：2025年底前`).
    #[serde(default)]
    pub deadline_labels: Vec<String>,
    /// Terms that stand for a deadline with no fixed end when they are a
    /// clause item of their own (`（市发改委牵头；长期坚持）`).
    #[serde(default)]
    pub standing_terms: Vec<String>,
}

/// `[targets]`: how the target rules tell one target from another.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetsTable {
    /// Groups of words that name the same action when a target is restated
    /// (`["集聚", "汇聚"]`): a target written with one is the same target
    /// written with another. At least two words a group; a group sharing a
    /// word with one of an earlier pack joins it.
    #[serde(default)]
    #[schemars(with = "Vec<Vec<String>>")]
    pub synonyms: Vec<Spanned<Vec<String>>>,
    /// Words that make a quantity a term of one measure (最高, 补助, 贴息,
    /// 不超过): two measures under different headings each have their own,
    /// so their numbers are not compared.
    #[serde(default)]
    pub measure_terms: Vec<String>,
}

/// A rule's setting in a pack.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSetting {
    /// Turns the rule on or off.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Overrides the default severity.
    #[serde(default)]
    #[schemars(with = "Option<SeverityName>")]
    pub severity: Option<Spanned<String>>,
    /// Options of the rule (see `plan-lint rule CODE`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub options: toml::Table,
}

/// A severity name.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum SeverityName {
    Error,
    Warning,
    Info,
}

/// A unit and the other ways it is written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    /// The canonical (full) name: 县科技和工业信息化局.
    pub name: String,
    /// Aliases and abbreviations: 县科工信局.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A named enumeration: 八大行动 = 产业培塑、创新提升 …
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListEntry {
    /// The count word as documents write it: 八大行动.
    pub name: String,
    /// The members, in order.
    pub members: Vec<String>,
    /// Other names of the same list.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The kinds of declarative custom rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CustomKind {
    /// `pattern` (a regular expression) must not occur.
    Existence,
    /// Each key of `swap` must be written as its value; a fix replaces it.
    Substitution,
    /// The spellings in `either` must not both appear in one document.
    Consistency,
    /// `pattern` must occur at least once in the document.
    Required,
}

/// A declarative rule of a pack, in the manner of Vale's.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomRule {
    /// A code under the pack's own prefix, e.g. `HN101`.
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    /// A kebab-case name.
    pub name: String,
    pub kind: CustomKind,
    #[serde(default)]
    #[schemars(with = "Option<SeverityName>")]
    pub severity: Option<Spanned<String>>,
    /// The message; `{match}` is replaced by the text found, `{right}` by
    /// the substitution.
    pub message: String,
    /// What the rule is for (its documentation).
    #[serde(default)]
    pub description: String,
    /// `existence`, `required`: a regular expression.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub pattern: Option<Spanned<String>>,
    /// `substitution`: wrong → right.
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    /// `consistency`: two (or more) spellings that must not both appear.
    #[serde(default)]
    pub either: Vec<String>,
}
