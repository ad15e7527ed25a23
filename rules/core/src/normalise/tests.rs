use super::*;

/// A plan as pypdf gives it: lines cut at the page width, a space at the
/// end of each paragraph, page numbers between pages, spaces around digits.
const PRINTOUT: &str = "\
— 1 —
青山县人民政府办公室关于印发《青山县城乡建设提质行动实
施方案》的通知 
青政办发〔2024〕7 号 
各乡镇人民政府、街道办事处，县直各相关单位： 
为加快补齐城乡建设短板，提升群众获得感，根据《青山县国
民经济和社会发展第十四个五年规划纲要》，结合我县实际，特
制定本方案。 
一、工作目标 
到 2025 年，全县改造老旧小区 5 个以上，新建城市道路 3 公里，
城镇污水处理率达到 95%以上，农村卫生厕所普及率稳步提高。 
二、重点任务 
（一）推进城市更新。改造老旧小区 7 个以上，同步实施雨污
分流改造，完善小区配套设施，提升物业服务水平。（县住建局
— 2 —
牵头，县财政局、县发改局等按职责分工负责） 
（二）完善道路网络。新建城市道路 3 公里，打通断头路 2 条。
（县交通运输局牵头，县住建局、县自然资源局等按职责分工负
责） 
";

#[test]
fn a_clean_text_comes_out_unchanged() {
    let text =
        "一、总体目标\n到2025年，改造老旧小区5个以上。\n（一）推进城市更新\n   \n二、保障措施\r\n";
    let n = normalise(text);
    assert_eq!(n.text, text);
    assert!(n.map.is_identity());
    assert!(n.set_aside.is_empty());
}

#[test]
fn a_printout_is_read_as_paragraphs() {
    let n = normalise(PRINTOUT);
    let lines: Vec<&str> = n.text.lines().map(str::trim_end).collect();
    assert_eq!(
        lines,
        [
            "青山县人民政府办公室关于印发《青山县城乡建设提质行动实施方案》的通知",
            "青政办发〔2024〕7号",
            "各乡镇人民政府、街道办事处，县直各相关单位：",
            "为加快补齐城乡建设短板，提升群众获得感，根据《青山县国民经济和社会发展第十四个五年规划纲要》，结合我县实际，特制定本方案。",
            "一、工作目标",
            "到2025年，全县改造老旧小区5个以上，新建城市道路3公里，城镇污水处理率达到95%以上，农村卫生厕所普及率稳步提高。",
            "二、重点任务",
            "（一）推进城市更新。改造老旧小区7个以上，同步实施雨污分流改造，完善小区配套设施，提升物业服务水平。（县住建局牵头，县财政局、县发改局等按职责分工负责）",
            "（二）完善道路网络。新建城市道路3公里，打通断头路2条。",
            "（县交通运输局牵头，县住建局、县自然资源局等按职责分工负责）",
        ]
    );
    assert!(n.wrap_width.is_some());
    let pages: Vec<SetAside> = n.set_aside.iter().map(|l| l.why).collect();
    assert_eq!(pages, [SetAside::PageNumber, SetAside::PageNumber]);
}

#[test]
fn every_normalised_span_maps_back_to_the_original_words() {
    let n = normalise(PRINTOUT);
    for word in [
        "老旧小区7个以上",
        "县财政局",
        "《青山县城乡建设提质行动实施方案》",
        "按职责分工负责）",
        "2025年",
    ] {
        let at = n
            .text
            .find(word)
            .unwrap_or_else(|| panic!("{word} in the normalised text"));
        let span = n.map.span_to_original(Span::new(at, at + word.len()));
        let original = &PRINTOUT[span.start..span.end];
        let squeezed: String = original.chars().filter(|c| !c.is_whitespace()).collect();
        let squeezed = squeezed.replace("—2—", "");
        assert_eq!(squeezed, word, "{original:?}");
    }
    // A span inside one original line maps to exactly that text.
    let at = n.text.find("县发改局").unwrap();
    let span = n.map.span_to_original(Span::new(at, at + "县发改局".len()));
    assert_eq!(&PRINTOUT[span.start..span.end], "县发改局");
}

#[test]
fn web_page_furniture_is_set_aside() {
    let page = "\
首页
政务公开
政策文件
当前位置：首页 > 政策文件
关于印发青山县城乡建设提质行动实施方案的通知
发布时间：
2024-05-08 10:21:33
信息来源：
县政府办
【字体：大 中 小】 【打印】 【关闭】
青山县人民政府办公室关于印发
青山县城乡建设提质行动实施方案的通知
各乡镇人民政府、街道办事处，县直各相关单位：现将《青山县城乡建设提质行动实施方案》印发给你们，请认真组织实施。
青山县人民政府办公室
2024年5月8日
扫一扫在手机打开当前页
网站地图
版权所有：青山县人民政府
";
    let n = normalise(page);
    let kept: Vec<&str> = n.text.lines().collect();
    assert_eq!(
        kept,
        [
            "青山县人民政府办公室关于印发",
            "青山县城乡建设提质行动实施方案的通知",
            "各乡镇人民政府、街道办事处，县直各相关单位：现将《青山县城乡建设提质行动实施方案》印发给你们，请认真组织实施。",
            "青山县人民政府办公室",
            "2024年5月8日",
        ]
    );
    assert!(n.set_aside.iter().any(|l| l.why == SetAside::RepeatedTitle));
}

#[test]
fn a_running_head_on_every_page_is_set_aside() {
    let mut text = String::new();
    for page in 1..=4 {
        text.push_str("青山县人民政府行政规范性文件\n");
        text.push_str(&format!("- {page} -\n"));
        text.push_str("（一）推进城市更新。改造老旧小区，同步实施雨污分流改造，完善配套设施。\n");
    }
    let n = normalise(&text);
    assert!(!n.text.contains("行政规范性文件"));
    assert_eq!(n.text.matches("推进城市更新").count(), 4);
}

#[test]
fn extraction_spaces_go_but_words_keep_theirs() {
    let n = normalise("到 2025 年，能耗下降 13.67 万吨（ＰＵＥ值）。Google Chrome 浏览器\n");
    assert_eq!(
        n.text,
        "到2025年，能耗下降13.67万吨（ＰＵＥ值）。Google Chrome浏览器\n"
    );
}

#[test]
fn a_tables_cells_are_never_joined_as_wrapped_lines() {
    let mut text = String::from(PRINTOUT);
    text.push_str("姓名\n职务\n张三\n县长\n序号\n任务\n牵头单位\n1\n改造老旧小区\n县住建局\n");
    let n = normalise(&text);
    // A cell per line under a header of a division of labour: TAB rows.
    assert!(
        n.text
            .ends_with("姓名\n职务\n张三\n县长\n序号\t任务\t牵头单位\n1\t改造老旧小区\t县住建局\n"),
        "{}",
        n.text
    );
}

#[test]
fn a_blank_line_ends_a_paragraph_even_after_a_scrap() {
    // The notice title's last scrap (`案的通知`), a blank line, then the
    // addressee: two paragraphs, not one.
    let text = format!(
        "{PRINTOUT}青山县人民政府关于印发青山县城乡建设提质行动实施方\n案的通知 \n      \n各乡镇人民政府，县直各相关单位： \n"
    );
    let n = normalise(&text);
    let lines: Vec<&str> = n.text.lines().map(str::trim_end).collect();
    let at = lines
        .iter()
        .rposition(|l| l.ends_with("案的通知"))
        .expect("the title ends a line");
    assert_eq!(lines[at + 2], "各乡镇人民政府，县直各相关单位：");
}
