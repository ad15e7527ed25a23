//! The mutation kinds and the mutants: the original text with one edit, the
//! rule codes that should report it and the places where they may.

use super::attachments::{self, Body, Entry, Note, TITLE_DROPS, TITLE_SWAPS};
use super::headings::{self, Heading, numeral_like};
use super::prng::SplitMix64;
use super::targets;
use super::units::{self, Clause, ListKind, Role, UnitList};
use super::view::Doc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    DupClause,
    DupMember,
    DupTable,
    Alias,
    MarkerDuplicate,
    MarkerLost,
    Target,
    TargetReworded,
    TargetQualifier,
    LeadDropped,
    AttachmentRetitled,
    AttachmentRemoved,
    UnitStub,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::DupClause,
        Kind::DupMember,
        Kind::DupTable,
        Kind::Alias,
        Kind::MarkerDuplicate,
        Kind::MarkerLost,
        Kind::Target,
        Kind::TargetReworded,
        Kind::TargetQualifier,
        Kind::LeadDropped,
        Kind::AttachmentRetitled,
        Kind::AttachmentRemoved,
        Kind::UnitStub,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::DupClause => "unit repeated in a responsibility clause",
            Kind::DupMember => "unit repeated in a member list",
            Kind::DupTable => "unit repeated in a table cell",
            Kind::Alias => "unit repeated under its alias",
            Kind::MarkerDuplicate => "heading marker changed to its predecessor's",
            Kind::MarkerLost => "heading marker lost",
            Kind::Target => "main-goal target restated with another number",
            Kind::TargetReworded => "main-goal target restated in other words",
            Kind::TargetQualifier => {
                "main-goal target restated with the same number, 力争↔确保 swapped or 以上/以内 dropped"
            }
            Kind::LeadDropped => "task's lead unit dropped",
            Kind::AttachmentRetitled => "附件说明 entry retitled",
            Kind::AttachmentRemoved => "附件说明 entry removed",
            Kind::UnitStub => "unit in a clause cut short (局/委/厅 dropped)",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Kind::DupClause => "dup-clause",
            Kind::DupMember => "dup-member",
            Kind::DupTable => "dup-table",
            Kind::Alias => "alias",
            Kind::MarkerDuplicate => "marker-duplicate",
            Kind::MarkerLost => "marker-lost",
            Kind::Target => "target",
            Kind::TargetReworded => "target-reworded",
            Kind::TargetQualifier => "target-qualifier",
            Kind::LeadDropped => "lead-dropped",
            Kind::AttachmentRetitled => "attachment-retitled",
            Kind::AttachmentRemoved => "attachment-removed",
            Kind::UnitStub => "unit-stub",
        }
    }

    /// 0.95 for the simple kinds; 0.80 for the alias, reworded-target and
    /// lost-marker kinds; 0.90 for a unit cut short (measured 0.94 when it
    /// came: a stub the clause reader does not take for a unit is missed).
    pub fn threshold(self) -> f64 {
        match self {
            Kind::Alias | Kind::TargetReworded | Kind::MarkerLost => 0.80,
            Kind::UnitStub => 0.90,
            _ => 0.95,
        }
    }

    pub fn expected(self) -> &'static [&'static str] {
        match self {
            Kind::DupClause | Kind::DupMember | Kind::DupTable | Kind::Alias => &["R102"],
            Kind::MarkerDuplicate => &["S102", "S101"],
            Kind::MarkerLost => &["S101", "S103"],
            Kind::Target | Kind::TargetReworded => &["T101"],
            Kind::TargetQualifier => &["T102"],
            Kind::LeadDropped => &["R101"],
            Kind::AttachmentRetitled | Kind::AttachmentRemoved => &["S201"],
            Kind::UnitStub => &["W104"],
        }
    }
}

#[derive(Clone, Debug)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

#[derive(Clone, Debug)]
pub struct Mutant {
    pub kind: Kind,
    pub edit: Edit,
    /// Places (bytes of the original text) where a diagnostic may be
    /// reported besides the edit itself: the other end of the defect.
    pub regions: Vec<(usize, usize)>,
    /// What was done, for the list of misses.
    pub note: String,
}

impl Mutant {
    pub fn apply(&self, text: &str) -> String {
        let mut s = String::with_capacity(text.len() + self.edit.replacement.len());
        s.push_str(&text[..self.edit.start]);
        s.push_str(&self.edit.replacement);
        s.push_str(&text[self.edit.end..]);
        s
    }

    /// An offset of the original text in the mutant.
    pub fn map(&self, o: usize) -> usize {
        let e = &self.edit;
        if o <= e.start {
            o
        } else if o >= e.end {
            o - e.end + e.start + e.replacement.len()
        } else {
            e.start + e.replacement.len()
        }
    }

    /// The regions in the mutant's bytes, the edit first.
    pub fn mutant_regions(&self) -> Vec<(usize, usize)> {
        let e = &self.edit;
        let mut v = vec![(e.start, e.start + e.replacement.len())];
        v.extend(
            self.regions
                .iter()
                .map(|&(a, b)| (self.map(a), self.map(b))),
        );
        v
    }
}

/// What the scanners found in a document.
pub struct Analysis<'a> {
    pub doc: Doc<'a>,
    pub headings: Vec<Heading>,
    pub clauses: Vec<Clause>,
    pub lists: Vec<UnitList>,
    pub notes: Vec<Note>,
    pub bodies: Vec<Body>,
    pub parts: Vec<usize>,
}

impl<'a> Analysis<'a> {
    pub fn new(text: &'a str) -> Analysis<'a> {
        let doc = Doc::new(text);
        let headings = headings::headings(&doc);
        let clauses = units::clauses(&doc);
        let lists = units::all_lists(&doc, &clauses);
        let notes = attachments::notes(&doc);
        let bodies = attachments::bodies(&doc, &notes);
        let parts = attachments::part_starts(&doc, &notes, &bodies);
        Analysis {
            doc,
            headings,
            clauses,
            lists,
            notes,
            bodies,
            parts,
        }
    }

    fn line_bytes(&self, li: usize) -> (usize, usize) {
        let l = self.doc.lines[li];
        (l.start, l.end)
    }

    fn line_no(&self, byte: usize) -> usize {
        self.doc.line_at(byte) + 1
    }

    /// Every mutant of one kind, one per site; `rng` makes the choices
    /// inside a site (which unit, which place). Sites on a line that copies
    /// the document (page furniture) are left out.
    pub fn mutants(&self, kind: Kind, rng: &mut SplitMix64) -> Vec<Mutant> {
        let copies = self.doc.copy_lines();
        let mut ms = self.all_mutants(kind, rng);
        ms.retain(|m| !copies.contains(&self.doc.line_at(m.edit.start)));
        ms
    }

    fn all_mutants(&self, kind: Kind, rng: &mut SplitMix64) -> Vec<Mutant> {
        match kind {
            Kind::DupClause => self.duplicates(ListKind::Clause, rng),
            Kind::DupMember => self.duplicates(ListKind::Member, rng),
            Kind::DupTable => self.duplicates(ListKind::Table, rng),
            Kind::Alias => self.aliases(rng),
            Kind::MarkerDuplicate => self.markers(false),
            Kind::MarkerLost => self.markers(true),
            Kind::Target => self.targets(Kind::Target, rng),
            Kind::TargetReworded => self.targets(Kind::TargetReworded, rng),
            Kind::TargetQualifier => self.targets(Kind::TargetQualifier, rng),
            Kind::LeadDropped => self.leads_dropped(),
            Kind::AttachmentRetitled => self.attachments(false, rng),
            Kind::AttachmentRemoved => self.attachments(true, rng),
            Kind::UnitStub => self.unit_stubs(rng),
        }
    }

    /// Insert `name` into list `l`: after its last item, or after its first
    /// when `chosen` is the last (so that the two are not side by side when
    /// they need not be).
    fn insert_into(&self, l: &UnitList, chosen: usize, name: &str) -> (usize, String) {
        let n = l.items.len();
        let anchor = if chosen + 1 < n || n == 1 { n - 1 } else { 0 };
        let sep = if n >= 2 {
            let mut k = l.items[1].a;
            while k > 0 && self.doc.view.chars[k - 1] == '\n' {
                k -= 1;
            }
            let c = self.doc.view.chars[k - 1];
            if matches!(c, '、' | '，' | ',') {
                c
            } else {
                '、'
            }
        } else {
            '、'
        };
        let at = self.doc.bytes(l.items[anchor].a, l.items[anchor].b).1;
        (at, format!("{sep}{name}"))
    }

    fn duplicates(&self, kind: ListKind, rng: &mut SplitMix64) -> Vec<Mutant> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for l in self.lists.iter().filter(|l| l.kind == kind) {
            // Units named once in the list (a list that already repeats one
            // is left alone for that unit).
            let keys: Vec<String> = l.items.iter().map(|i| units::unit_key(&i.name)).collect();
            let once: Vec<usize> = (0..l.items.len())
                .filter(|&i| {
                    l.items[i].concrete && keys.iter().filter(|k| **k == keys[i]).count() == 1
                })
                .collect();
            if once.is_empty() || !seen.insert(l.items[0].a) {
                continue;
            }
            let u = once[rng.below(once.len())];
            let name = &l.items[u].name;
            let (at, ins) = self.insert_into(l, u, name);
            let (ua, ub) = self.doc.bytes(l.items[u].a, l.items[u].b);
            out.push(Mutant {
                kind: match kind {
                    ListKind::Clause => Kind::DupClause,
                    ListKind::Member => Kind::DupMember,
                    ListKind::Table => Kind::DupTable,
                },
                edit: Edit {
                    start: at,
                    end: at,
                    replacement: ins,
                },
                regions: vec![(ua, ub)],
                note: format!(
                    "line {}: {} named again in its list",
                    self.line_no(at),
                    name
                ),
            });
        }
        out
    }

    fn aliases(&self, rng: &mut SplitMix64) -> Vec<Mutant> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for l in &self.lists {
            let keys: Vec<String> = l.items.iter().map(|i| units::unit_key(&i.name)).collect();
            let cands: Vec<(usize, Vec<String>)> = (0..l.items.len())
                .filter(|&i| {
                    l.items[i].concrete && keys.iter().filter(|k| **k == keys[i]).count() == 1
                })
                .map(|i| (i, units::aliases(&l.items[i].name)))
                .filter(|(_, a)| !a.is_empty())
                .collect();
            if cands.is_empty() || !seen.insert(l.items[0].a) {
                continue;
            }
            let (u, forms) = &cands[rng.below(cands.len())];
            let alias = &forms[rng.below(forms.len())];
            let (at, ins) = self.insert_into(l, *u, alias);
            let (ua, ub) = self.doc.bytes(l.items[*u].a, l.items[*u].b);
            out.push(Mutant {
                kind: Kind::Alias,
                edit: Edit {
                    start: at,
                    end: at,
                    replacement: ins,
                },
                regions: vec![(ua, ub)],
                note: format!(
                    "line {}: {} named again as {alias} ({:?} list)",
                    self.line_no(at),
                    l.items[*u].name,
                    l.kind
                ),
            });
        }
        out
    }

    /// A unit of a responsibility clause written with its last character
    /// (局, 委, 厅) dropped, where the document names it in full at least
    /// three times (twice more after the edit) and never writes the stub
    /// otherwise: one unit a clause.
    fn unit_stubs(&self, rng: &mut SplitMix64) -> Vec<Mutant> {
        let text = self.doc.text;
        let mut out = Vec::new();
        for l in self.lists.iter().filter(|l| l.kind == ListKind::Clause) {
            let cands: Vec<usize> = (0..l.items.len())
                .filter(|&i| {
                    let item = &l.items[i];
                    let name = &item.name;
                    let Some(last) = name.chars().last() else {
                        return false;
                    };
                    let stub = &name[..name.len() - last.len_utf8()];
                    item.concrete
                        && matches!(last, '局' | '委' | '厅')
                        && name.chars().count() >= 4
                        && text.matches(name.as_str()).count() >= 3
                        && text.matches(stub).count() == text.matches(name.as_str()).count()
                })
                .collect();
            if cands.is_empty() {
                continue;
            }
            let u = cands[rng.below(cands.len())];
            let item = &l.items[u];
            let (start, end) = self.doc.bytes(item.b - 1, item.b);
            out.push(Mutant {
                kind: Kind::UnitStub,
                edit: Edit {
                    start,
                    end,
                    replacement: String::new(),
                },
                regions: Vec::new(),
                note: format!(
                    "line {}: {} cut to {}",
                    self.line_no(start),
                    item.name,
                    &text[self.doc.bytes(item.a, item.b).0..start]
                ),
            });
        }
        out
    }

    fn note_lines(&self) -> Vec<usize> {
        self.notes
            .iter()
            .flat_map(|n| n.entries.iter().map(|e| e.line).chain([n.line]))
            .collect()
    }

    fn markers(&self, lost: bool) -> Vec<Mutant> {
        let hs = &self.headings;
        let mut out = Vec::new();
        for seq in headings::sequences(hs, &self.note_lines()) {
            for k in 1..seq.len() - 1 {
                let (prev, h, next) = (&hs[seq[k - 1]], &hs[seq[k]], &hs[seq[k + 1]]);
                let regions = vec![self.line_bytes(prev.line), self.line_bytes(next.line)];
                let shown = &self.doc.text[h.marker.0..h.marker.1];
                if lost {
                    // The marker and the white space after it.
                    let rest = &self.doc.text[h.marker.1..self.doc.lines[h.line].end];
                    let ws = rest.len() - rest.trim_start_matches(super::view::is_space).len();
                    out.push(Mutant {
                        kind: Kind::MarkerLost,
                        edit: Edit {
                            start: h.marker.0,
                            end: h.marker.1 + ws,
                            replacement: String::new(),
                        },
                        regions,
                        note: format!("line {}: marker {shown} removed", h.line + 1),
                    });
                } else {
                    let repl = numeral_like(h, prev.value);
                    out.push(Mutant {
                        kind: Kind::MarkerDuplicate,
                        edit: Edit {
                            start: h.numeral.0,
                            end: h.numeral.1,
                            replacement: repl.clone(),
                        },
                        regions,
                        note: format!(
                            "line {}: marker {shown} numbered {repl} like line {}",
                            h.line + 1,
                            prev.line + 1
                        ),
                    });
                }
            }
        }
        out
    }

    fn targets(&self, kind: Kind, rng: &mut SplitMix64) -> Vec<Mutant> {
        let ts = targets::goal_targets(&self.doc, &self.headings, &self.parts);
        let sections: Vec<(usize, usize)> = ts.iter().map(|t| t.section).collect();
        // Lines that only hold a responsibility clause (a PDF may have
        // wrapped it over several).
        let mut clause_lines: Vec<usize> = Vec::new();
        for c in &self.clauses {
            let (li, lj) = (self.doc.view.line[c.a], self.doc.view.line[c.b - 1]);
            let (a, b) = self.doc.bytes(c.a, c.b);
            let (first, last) = (self.doc.lines[li], self.doc.lines[lj]);
            let alone = self.doc.text[first.start..a].trim().is_empty()
                && self.doc.text[b.min(last.end)..last.end]
                    .trim_matches(|c: char| c.is_whitespace() || c == '。')
                    .is_empty();
            if alone {
                clause_lines.extend(li..=lj);
            }
        }
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for t in &ts {
            if !seen.insert((t.clause.clone(), t.year.clone())) {
                continue;
            }
            let clause = match kind {
                Kind::TargetQualifier => match targets::changed_qualifier(t) {
                    Some(c) => c,
                    None => continue,
                },
                Kind::TargetReworded => {
                    match targets::reword(&targets::changed_clause(t), t.num.0) {
                        Some(c) => c,
                        None => continue,
                    }
                }
                _ => targets::changed_clause(t),
            };
            let points =
                targets::insertion_points(&self.doc, &self.headings, t, &sections, &clause_lines);
            if points.is_empty() {
                continue;
            }
            let at = points[rng.below(points.len())];
            let sentence = targets::restatement(t, &clause);
            out.push(Mutant {
                kind,
                edit: Edit {
                    start: at,
                    end: at,
                    replacement: sentence.clone(),
                },
                regions: vec![t.bytes],
                note: format!(
                    "line {}: inserted \"{sentence}\" (goal, line {}: \"{}\")",
                    self.line_no(at),
                    self.line_no(t.bytes.0),
                    t.clause
                ),
            });
        }
        out
    }

    /// The task of each clause: the last heading at or before its line.
    fn task_of(&self, c: &Clause) -> Option<usize> {
        let li = self.doc.view.line[c.a];
        self.headings.iter().rposition(|h| h.line <= li)
    }

    fn parent_of(&self, i: usize) -> Option<usize> {
        let level = self.headings[i].level;
        self.headings[..i].iter().rposition(|h| h.level < level)
    }

    fn leads_dropped(&self) -> Vec<Mutant> {
        let n = self.headings.len();
        let mut per_task: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (ci, c) in self.clauses.iter().enumerate() {
            if let Some(t) = self.task_of(c) {
                per_task[t].push(ci);
            }
        }
        let has_lead = |ci: usize| {
            self.clauses[ci]
                .segments
                .iter()
                .any(|s| s.role == Role::Lead)
        };
        let mut out = Vec::new();
        for t in 0..n {
            if per_task[t].len() != 1 {
                continue;
            }
            let c = &self.clauses[per_task[t][0]];
            let leads: Vec<usize> = (0..c.segments.len())
                .filter(|&k| c.segments[k].role == Role::Lead)
                .collect();
            if leads.len() != 1 || c.segments.len() < 2 {
                continue;
            }
            // Siblings: same level, same parent, in the same part.
            let parent = self.parent_of(t);
            let part = |li: usize| self.parts.iter().filter(|&&p| p <= li).count();
            let siblings: Vec<usize> = (0..n)
                .filter(|&s| {
                    s != t
                        && self.headings[s].level == self.headings[t].level
                        && self.parent_of(s) == parent
                        && part(self.headings[s].line) == part(self.headings[t].line)
                })
                .collect();
            let with_clause: Vec<usize> = siblings
                .iter()
                .copied()
                .filter(|&s| !per_task[s].is_empty())
                .collect();
            let with_lead = with_clause
                .iter()
                .filter(|&&s| per_task[s].iter().any(|&ci| has_lead(ci)))
                .count();
            // The siblings' convention is to name a lead: every sibling with
            // a clause names one, and there are at least two.
            if with_lead < 2 || with_lead < with_clause.len() {
                continue;
            }
            let k = leads[0];
            let seg = &c.segments[k];
            let (start, end) = if k + 1 < c.segments.len() {
                (
                    self.doc.view.pos[seg.a],
                    self.doc.view.pos[c.segments[k + 1].a],
                )
            } else {
                let prev = &c.segments[k - 1];
                (
                    self.doc.bytes(prev.a, prev.b).1,
                    self.doc.bytes(seg.a, seg.b).1,
                )
            };
            let removed = self.doc.text[start..end].to_string();
            let (ca, cb) = self.doc.bytes(c.a, c.b);
            out.push(Mutant {
                kind: Kind::LeadDropped,
                edit: Edit {
                    start,
                    end,
                    replacement: String::new(),
                },
                regions: vec![(ca, cb), self.line_bytes(self.headings[t].line)],
                note: format!(
                    "line {}: \"{removed}\" removed (its {with_lead} siblings with a clause all name a lead)",
                    self.line_no(start)
                ),
            });
        }
        out
    }

    fn attachments(&self, removed: bool, rng: &mut SplitMix64) -> Vec<Mutant> {
        let mut out = Vec::new();
        for note in &self.notes {
            for e in &note.entries {
                let Some(body) = attachments::matching_body(&self.doc, e, &self.bodies) else {
                    continue;
                };
                let mut regions = vec![self.line_bytes(body.label_line)];
                for li in body.title_lines.0..=body.title_lines.1 {
                    regions.push(self.line_bytes(li));
                }
                let m = if removed {
                    self.remove_entry(note, e, regions)
                } else {
                    self.retitle_entry(e, regions, rng)
                };
                out.extend(m);
            }
        }
        out
    }

    fn remove_entry(
        &self,
        note: &Note,
        e: &Entry,
        mut regions: Vec<(usize, usize)>,
    ) -> Option<Mutant> {
        let line = self.doc.lines[e.line];
        let (start, end) = if note.single || !e.on_note_line {
            // The whole line, with its line end.
            (line.start, (line.end + 1).min(self.doc.text.len()))
        } else {
            (e.bytes.0, line.end)
        };
        // The line before the removal, and the one now at its place.
        regions.push((start.saturating_sub(1), end));
        Some(Mutant {
            kind: Kind::AttachmentRemoved,
            edit: Edit {
                start,
                end,
                replacement: String::new(),
            },
            regions,
            note: format!(
                "line {}: entry \"{}\" removed",
                e.line + 1,
                &self.doc.text[e.bytes.0..e.bytes.1]
            ),
        })
    }

    fn retitle_entry(
        &self,
        e: &Entry,
        mut regions: Vec<(usize, usize)>,
        rng: &mut SplitMix64,
    ) -> Option<Mutant> {
        let title = &self.doc.text[e.title.0..e.title.1];
        // (byte range in the title, replacement)
        let mut options: Vec<(usize, usize, String)> = Vec::new();
        for (from, to) in TITLE_SWAPS {
            if let Some(p) = title.find(from) {
                options.push((p, p + from.len(), to.to_string()));
            }
        }
        let len = title.chars().count();
        for w in TITLE_DROPS {
            if let Some(p) = title.find(w)
                && len - w.chars().count() >= 6
            {
                options.push((p, p + w.len(), String::new()));
            }
        }
        if options.is_empty() {
            return None;
        }
        let (a, b, to) = options.swap_remove(rng.below(options.len()));
        regions.push((e.bytes.0, e.bytes.1));
        let what = if to.is_empty() {
            format!("\"{}\" dropped", &title[a..b])
        } else {
            format!("\"{}\" → \"{to}\"", &title[a..b])
        };
        Some(Mutant {
            kind: Kind::AttachmentRetitled,
            edit: Edit {
                start: e.title.0 + a,
                end: e.title.0 + b,
                replacement: to,
            },
            regions,
            note: format!("line {}: entry \"{title}\": {what}", e.line + 1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, kind: Kind) -> Vec<String> {
        let a = Analysis::new(text);
        let mut rng = SplitMix64::new(1);
        a.mutants(kind, &mut rng)
            .iter()
            .map(|m| m.apply(text))
            .collect()
    }

    const PLAN: &str = "某县某某行动实施方案\n\
一、总体目标\n\
到2025年，全县累计培育高新技术企业30家，研发投入强度达到2.5%。\n\
二、重点任务\n\
（一）推进创新。支持企业研发。（县科工信局牵头，县发改局、县财政局等按职责分工负责）\n\
（二）扩大投资。加快项目建设。（县发改局牵头，县住建局等按职责分工负责）\n\
（三）促进消费。开展促销活动。（县商务局牵头，县市场监管局、县文旅局等按职责分工负责）\n\
（四）优化环境。深化改革。（县政务服务中心牵头，县司法局等按职责分工负责）\n\
三、保障措施\n\
成立工作专班，成员单位包括县发改局、县财政局、县住建局等。\n\
附件：1.某县创新行动实施方案\n\
2.某县投资行动实施方案\n\
附件1\n\
某县创新行动实施方案\n\
一、目标\n\
附件2\n\
某县投资行动实施方案\n\
一、目标\n";

    #[test]
    fn duplicate_in_clause() {
        let ms = all(PLAN, Kind::DupClause);
        // Four clauses with two segments each: the lead lists (one unit) and
        // the others.
        assert_eq!(ms.len(), 8);
        assert!(ms.iter().all(|m| m.lines().count() == PLAN.lines().count()));
        assert!(
            ms.iter()
                .any(|m| m.contains("县发改局、县财政局、县发改局等")
                    || m.contains("县发改局、县财政局、县财政局等")
                    || m.contains("县发改局、县发改局、县财政局等"))
        );
        assert!(ms.iter().any(|m| m.contains("（县商务局、县商务局牵头")));
    }

    #[test]
    fn duplicate_in_member_list_and_alias() {
        let ms = all(PLAN, Kind::DupMember);
        assert_eq!(ms.len(), 1);
        let line = ms[0].lines().nth(9).unwrap();
        assert!(line.starts_with("成立工作专班，成员单位包括") && line.ends_with("等。"));
        let list = &line["成立工作专班，成员单位包括".len()..line.len() - "等。".len()];
        let mut names: Vec<&str> = list.split('、').collect();
        assert_eq!(names.len(), 4);
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 3);

        let a = Analysis::new(PLAN);
        let ms = a.mutants(Kind::Alias, &mut SplitMix64::new(1));
        // 县发改局 (two clauses and the member list), 县住建局, and 县市场监管局 or
        // 县文旅局; never 县财政局 (no other name).
        assert_eq!(ms.len(), 5);
        for m in &ms {
            let inserted = m.edit.replacement.trim_start_matches('、');
            let original = &PLAN[m.regions[0].0..m.regions[0].1];
            assert_ne!(inserted, original);
            assert_eq!(
                units::unit_key(inserted),
                units::unit_key(original),
                "{}",
                m.note
            );
        }
    }

    #[test]
    fn markers() {
        let ms = all(PLAN, Kind::MarkerDuplicate);
        // 一 二 三 (middle: 二) and (一)–(四) (middle: (二), (三)).
        assert_eq!(ms.len(), 3);
        assert!(ms[0].contains("一、总体目标\n到2025年") && ms[0].contains("\n一、重点任务\n"));
        assert!(ms[1].contains("（一）扩大投资"));
        assert!(ms[2].contains("（二）促进消费"));
        let ms = all(PLAN, Kind::MarkerLost);
        assert_eq!(ms.len(), 3);
        assert!(ms[0].contains("\n重点任务\n"));
        assert!(ms[1].contains("\n扩大投资。"));
    }

    #[test]
    fn targets() {
        let ms = all(PLAN, Kind::Target);
        assert_eq!(ms.len(), 2);
        assert!(ms[0].contains("到2025年，全县累计培育高新技术企业36家。"));
        assert!(ms[1].contains("到2025年，研发投入强度达到3.0%。"));
        let ms = all(PLAN, Kind::TargetReworded);
        assert!(ms[0].contains("到2025年，全县累计打造高新技术企业36家。"));
        assert!(ms[1].contains("到2025年，研发投入强度达3.0%。"));
        // Inserted after a sentence of a task, never into the goal or the
        // responsibility clauses.
        for m in &ms {
            let at = m.rfind("到2025年，").unwrap();
            assert!(m[..at].ends_with('。'));
            assert!(m[..at].contains("重点任务"));
        }
    }

    #[test]
    fn lead_dropped() {
        let ms = all(PLAN, Kind::LeadDropped);
        assert_eq!(ms.len(), 4);
        assert!(ms[0].contains("（县发改局、县财政局等按职责分工负责）"));
        assert!(!ms[0].contains("县科工信局"));
        // A task whose siblings do not name leads is not a site.
        let text = "二、任务\n（一）甲。（县发改局、县财政局等按职责分工负责）\n（二）乙。（县住建局等按职责分工负责）\n（三）丙。（县商务局牵头，县文旅局等按职责分工负责）\n";
        assert!(all(text, Kind::LeadDropped).is_empty());
    }

    #[test]
    fn attachments() {
        let ms = all(PLAN, Kind::AttachmentRemoved);
        assert_eq!(ms.len(), 2);
        assert!(ms[0].contains("附件：\n2.某县投资行动实施方案\n附件1"));
        assert!(ms[1].contains("附件：1.某县创新行动实施方案\n附件1"));
        let ms = all(PLAN, Kind::AttachmentRetitled);
        assert_eq!(ms.len(), 2);
        for m in &ms {
            let note: Vec<&str> = m.lines().skip(10).take(2).collect();
            assert!(note != ["附件：1.某县创新行动实施方案", "2.某县投资行动实施方案"]);
            // The attachments themselves are untouched.
            assert!(
                m.contains("附件1\n某县创新行动实施方案\n")
                    && m.contains("附件2\n某县投资行动实施方案\n")
            );
        }
    }
}
