//! One key per unit, whatever name a list gives it: the packs' aliases and
//! departments (`市发改委` = `市发展和改革委员会`) and the short names the
//! document introduces itself (`(以下简称市协同中心)`). duplicate-unit,
//! lead-also-collaborator and unit-name-variant compare units by this key.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use plan_lint_core::model::Document;

use crate::rule::{Context, Settings};

/// The key of every unit name the document's lists give, worked out once
/// per document and shared by the rules that compare units (a table
/// names the same few units thousands of times; each key costs a look-up
/// per suffix of the name).
pub struct UnitKeys {
    keys: HashMap<String, String>,
}

impl UnitKeys {
    /// The keys of `doc`'s units, from the context's memo.
    pub fn of(doc: &Document, cx: &Context<'_>) -> Rc<UnitKeys> {
        cx.memo(|| {
            let mut keys: HashMap<String, String> = HashMap::new();
            let lists = doc
                .tasks
                .iter()
                .filter_map(|t| t.responsibility.as_ref())
                .chain(&doc.member_lists)
                .flat_map(|r| r.all_units());
            for unit in lists {
                if !keys.contains_key(&unit.name) {
                    let key = unit_key(doc, cx.settings, &unit.name).into_owned();
                    keys.insert(unit.name.clone(), key);
                }
            }
            UnitKeys { keys }
        })
    }

    /// The key of unit `name` (see [`unit_key`]).
    pub fn key<'a>(
        &'a self,
        doc: &Document,
        settings: &'a Settings,
        name: &'a str,
    ) -> Cow<'a, str> {
        match self.keys.get(name) {
            Some(key) => Cow::Borrowed(key.as_str()),
            None => unit_key(doc, settings, name),
        }
    }
}

/// The key of unit `name` in `doc`: equal for two names of one unit.
pub fn unit_key<'a>(doc: &Document, settings: &'a Settings, name: &'a str) -> Cow<'a, str> {
    // `市区域协同发展促进中心(以下简称市协同中心)` in a list is the unit.
    let name = match name.rfind(['(', '（']) {
        Some(at) if name[at..].contains("称") && name.ends_with([')', '）']) => &name[..at],
        _ => name,
    };
    match doc.short_names.iter().find(|s| s.names(name)) {
        Some(short) => Cow::Owned(settings.canonical_unit(&short.short).into_owned()),
        None => settings.canonical_unit(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plan_lint_core::Source;

    fn settings() -> Settings {
        let mut settings = Settings::default();
        for (form, full) in [
            ("发展和改革委员会", "发展和改革委员会"),
            ("发展改革委", "发展和改革委员会"),
            ("发改委", "发展和改革委员会"),
            ("市场监督管理局", "市场监督管理局"),
            ("市场监管局", "市场监督管理局"),
            ("市监局", "市场监督管理局"),
            ("人民政府", "人民政府"),
            ("政府", "人民政府"),
        ] {
            settings.departments.insert(form.into(), full.into());
        }
        settings
    }

    #[test]
    fn departments_under_any_place_prefix() {
        let settings = settings();
        let doc = Document::default();
        let key = |name: &'static str| unit_key(&doc, &settings, name).into_owned();
        assert_eq!(key("湛江市发改委"), "湛江市发展和改革委员会");
        assert_eq!(key("湛江市发展改革委"), key("湛江市发展和改革委员会"));
        assert_eq!(key("国家发展改革委"), key("国家发改委"));
        assert_eq!(key("省市场监管局"), "省市场监督管理局");
        assert_eq!(key("市市监局"), key("市市场监督管理局"));
        assert_eq!(key("某某自治区发改委"), "某某自治区发展和改革委员会");
        assert_eq!(key("县政府"), key("县人民政府"));
        // Two places, or no place: two units.
        assert_ne!(key("市发改委"), key("县发改委"));
        assert_eq!(key("市委宣传部"), "市委宣传部");
        assert_eq!(key("国防科工局"), "国防科工局");
        assert_eq!(key("县财政局"), "县财政局");
    }

    #[test]
    fn the_pack_alias_table_comes_first() {
        let mut settings = settings();
        settings
            .unit_aliases
            .insert("县科工信局".into(), "县科技和工业信息化局".into());
        let doc = Document::default();
        assert_eq!(
            unit_key(&doc, &settings, "县科工信局"),
            "县科技和工业信息化局"
        );
    }

    #[test]
    fn a_short_name_the_document_introduces() {
        let settings = settings();
        let source = Source::new(
            "t.txt",
            "成立市区域协同发展促进中心(以下简称“市协同中心”)。\n".to_string(),
        );
        let doc = Document::parse(&source);
        let key = |name: &'static str| unit_key(&doc, &settings, name).into_owned();
        assert_eq!(key("市区域协同发展促进中心"), key("市协同中心"));
        assert_eq!(
            key("市区域协同发展促进中心(以下简称“市协同中心”)"),
            key("市协同中心")
        );
        assert_ne!(key("市财政局"), key("市协同中心"));
    }
}
