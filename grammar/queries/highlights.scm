; Highlights for plan documents (实施方案 / 总体方案).

(marker) @markup.list
(heading title: (title) @markup.heading)
(plan_title) @markup.heading
(notice_title) @markup.heading
(attachment_label) @keyword
(attachment_title) @markup.heading
(note_label) @keyword
(doc_number) @constant
(date) @constant
(issuer) @label
(signature (organ) @label)
(addressee) @label
(unit) @type
(role) @keyword
(label) @keyword
(number) @number
(debris) @comment
(cell_separator) @punctuation.delimiter
(note_item title: (title) @string.special)
(title_line) @markup.heading
(unit_separator) @punctuation.delimiter
(stray_close) @punctuation.bracket
(table_rule) @punctuation.delimiter
