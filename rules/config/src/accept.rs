//! Accepted words: the words and names slip (W104) never reports, kept in
//! `plan-lint.toml` as `accept = ["衡南", "云集"]` (added to what the packs'
//! `accept` option of W104 lists), and written by the language server's
//! "add to accepted words" code action without disturbing the rest of the
//! file: its comments, order and layout stay as they are.

use std::path::Path;

use toml_edit::{Array, DocumentMut, Item, Value};

use crate::baseline::write_atomically;
use crate::config::Config;

/// The rule whose `accept` option the configuration's `accept` list joins.
pub const RULE: &str = "W104";

/// Adds `word` to the `accept` list of the configuration file at `path`,
/// creating the file or the list when absent. Returns how many words the
/// list holds. A file that does not parse, or whose `accept` is not a list
/// of words, is left untouched and the error says why; so is a file that
/// the change would make invalid.
pub fn accept_word(path: &Path, word: &str) -> Result<usize, String> {
    let word = word.trim();
    if word.is_empty() || word.contains([',', ',', '、', ' ', '\n']) {
        return Err(format!("not a word to accept: {word:?}"));
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| format!("{}: not valid TOML, left as it is: {e}", path.display()))?;
    let item = doc
        .as_table_mut()
        .entry("accept")
        .or_insert(Item::Value(Value::Array(Array::new())));
    let Some(list) = item.as_array_mut() else {
        return Err(format!(
            "{}: `accept` is not a list of words, left as it is",
            path.display()
        ));
    };
    if !list.iter().any(|v| v.as_str() == Some(word)) {
        list.push(word);
    }
    let count = list.len();
    let new = doc.to_string();
    Config::parse(&new, path).map_err(|e| e.to_string())?;
    write_atomically(path, new.as_bytes())
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("plan-lint-accept-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("plan-lint.toml")
    }

    #[test]
    fn creates_the_file_and_the_list() {
        let path = temp("new");
        assert_eq!(accept_word(&path, "衡南"), Ok(1));
        assert_eq!(accept_word(&path, "云集"), Ok(2));
        assert_eq!(accept_word(&path, "衡南"), Ok(2), "no word twice");
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "accept = [\"衡南\", \"云集\"]\n");
        let config = Config::load(&path).unwrap().resolve(&[]).unwrap();
        assert_eq!(config.settings.options[RULE]["accept"], "衡南,云集");
    }

    #[test]
    fn keeps_what_the_file_says() {
        let path = temp("keep");
        let before = "# 本地配置\nignore = [\"F104\"]  # 行长不查\naccept = [\"衡南\"]\n\n[severity]\nR102 = \"error\"\n";
        std::fs::write(&path, before).unwrap();
        assert_eq!(accept_word(&path, "提及审核"), Ok(2));
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            after,
            before.replace("[\"衡南\"]", "[\"衡南\", \"提及审核\"]")
        );
        // A file without the list gains it before its tables.
        let before = "# 本地配置\nignore = [\"F104\"]\n\n[severity]\nR102 = \"error\"\n";
        std::fs::write(&path, before).unwrap();
        assert_eq!(accept_word(&path, "提及审核"), Ok(1));
        let after = std::fs::read_to_string(&path).unwrap();
        assert!(
            after.starts_with("# 本地配置\nignore = [\"F104\"]\naccept = [\"提及审核\"]\n"),
            "{after}"
        );
        assert!(after.ends_with("[severity]\nR102 = \"error\"\n"), "{after}");
        Config::load(&path).unwrap().resolve(&[]).unwrap();
    }

    #[test]
    fn a_broken_file_is_left_alone() {
        let path = temp("broken");
        for broken in [
            "ignore = [\"F104\"\n",
            "accept = \"衡南\"\n",
            "[[accept]]\nword = \"x\"\n",
        ] {
            std::fs::write(&path, broken).unwrap();
            assert!(accept_word(&path, "衡南").is_err(), "{broken}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
        }
        assert!(accept_word(&path, "衡南,云集").is_err());
        let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["plan-lint.toml"]);
    }
}
