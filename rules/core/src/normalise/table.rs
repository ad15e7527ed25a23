//! Tables whose cells arrive one per line (a web page copied whole, a
//! crawler's text): a header of column names, then rows that each start
//! with their number. Each row is read back as one line of TAB-separated
//! cells, the form every other flattened table takes.

use super::wrap::starts_heading;

/// Column names of a 任务分工表 and its kin.
const COLUMNS: &[&str] = &[
    "序号",
    "编号",
    "任务",
    "任务内容",
    "重点任务",
    "工作任务",
    "主要任务",
    "工作内容",
    "具体任务",
    "工作举措",
    "具体措施",
    "主要措施",
    "任务措施",
    "工作措施",
    "牵头单位",
    "责任单位",
    "配合单位",
    "协同单位",
    "参与单位",
    "责任部门",
    "牵头部门",
    "配合部门",
    "完成时限",
    "完成时间",
    "时间节点",
    "时限",
    "备注",
    "目标",
    "预期目标",
    "工作目标",
    "主要目标",
];

/// A table found: its header lines and rows, as indices of lines.
#[derive(Debug, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<usize>,
    pub rows: Vec<Vec<usize>>,
}

/// The one-cell-per-line tables of a text, given its trimmed lines (empty
/// for blank or set-aside lines).
pub fn find(texts: &[&str]) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut i = 0;
    while i < texts.len() {
        match header_at(texts, i) {
            Some(header) => {
                let after = *header.last().unwrap_or(&i) + 1;
                let remark_last = header.last().is_some_and(|&k| texts[k].trim() == "备注");
                let (rows, end) = rows_after(texts, after, header.len(), remark_last);
                i = end.max(after);
                if !rows.is_empty() {
                    tables.push(Table { header, rows });
                }
            }
            None => i += 1,
        }
    }
    tables
}

fn is_column(text: &str) -> bool {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    COLUMNS.contains(&s.as_str())
}

/// A header: 序号 (or 编号) and at least two more column names, a unit
/// column among them, on consecutive non-blank lines.
fn header_at(texts: &[&str], at: usize) -> Option<Vec<usize>> {
    // `序号` or `编号`: ruled out by the first character for almost every line.
    if texts[at].len() > 12 || !texts[at].starts_with(['序', '编']) {
        return None;
    }
    let first: String = texts[at].chars().filter(|c| !c.is_whitespace()).collect();
    if first != "序号" && first != "编号" {
        return None;
    }
    let mut header = vec![at];
    let mut j = at + 1;
    while j < texts.len() {
        if texts[j].is_empty() {
            j += 1;
            continue;
        }
        if !is_column(texts[j]) {
            break;
        }
        header.push(j);
        j += 1;
    }
    let units = header
        .iter()
        .any(|&k| texts[k].contains("单位") || texts[k].contains("部门"));
    (header.len() >= 3 && units).then_some(header)
}

fn row_number(text: &str) -> Option<u32> {
    let s = text.trim();
    (!s.is_empty() && s.len() <= 3)
        .then(|| s.parse().ok())
        .flatten()
}

/// The rows after a header of `columns` columns: each starts with the next
/// number and has at most `columns - 1` more cells; a heading between rows
/// (（一）…) is a row of its own and left as it is. Returns the rows and
/// where the table ends.
fn rows_after(
    texts: &[&str],
    from: usize,
    columns: usize,
    remark_last: bool,
) -> (Vec<Vec<usize>>, usize) {
    let mut rows = Vec::new();
    let mut expected = 1;
    let mut i = from;
    loop {
        while i < texts.len() && texts[i].is_empty() {
            i += 1;
        }
        if i >= texts.len() {
            return (rows, i);
        }
        if starts_heading(texts[i]) && row_number(texts[i]).is_none() {
            i += 1;
            continue;
        }
        match row_number(texts[i]) {
            Some(n) if n == expected || (rows.is_empty() && n == 1) => {
                let mut row = vec![i];
                let mut j = i + 1;
                while j < texts.len() && row.len() < columns {
                    if texts[j].is_empty() {
                        j += 1;
                        continue;
                    }
                    if row_number(texts[j]) == Some(n + 1) || starts_heading(texts[j]) {
                        break;
                    }
                    // The last column, a remark, is short when it is there.
                    let remark = row.len() + 1 == columns && remark_last;
                    if remark && (texts[j].chars().count() > 20 || texts[j].ends_with('。')) {
                        break;
                    }
                    row.push(j);
                    j += 1;
                }
                expected = n + 1;
                rows.push(row);
                i = j;
            }
            _ => return (rows, i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_division_of_labour_table_cell_per_line() {
        let text = "附件\n序号\n任务内容\n牵头单位\n配合单位\n备注\n（一）推进城市更新\n1\n改造老旧小区\n县住建局\n县财政局、县发改局\n2\n新建城市道路\n县交通运输局\n县住建局\n附件2\n";
        let texts: Vec<&str> = text.lines().collect();
        let tables = find(&texts);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].header, vec![1, 2, 3, 4, 5]);
        assert_eq!(
            tables[0].rows,
            vec![vec![7, 8, 9, 10], vec![11, 12, 13, 14]]
        );
    }

    #[test]
    fn a_list_of_names_is_not_a_table() {
        let text = "序号\n姓名\n职务\n1\n张三\n";
        let texts: Vec<&str> = text.lines().collect();
        assert!(find(&texts).is_empty());
    }
}
