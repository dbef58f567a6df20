/// The page's style sheet: screen (the table fits 1,440 px; below 760 px each finding is a card),
/// and print (A4 landscape, every column, no form, the header repeated on each page).
extension DiscrepancyHTML {
    static let styles = """
    :root{--ink:#1d2733;--muted:#5b6673;--line:#cfd6de;--head:#1f4e79;--error:#f8cbad;--error-ink:#9c2f0b;--warning:#ffe699;--warning-ink:#7a5a00;--info:#ddebf7;--info-ink:#1f4e79;--ok:#d9ead3}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;padding:16px 24px 48px;color:var(--ink);max-width:1440px}
    h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.2em;margin:1.6em 0 .6em;padding-bottom:.2em;border-bottom:2px solid var(--head);color:var(--head)}
    a{color:#1a5a96}code{font:12px/1.3 ui-monospace,"DejaVu Sans Mono",monospace}
    .lede{margin:.2em 0 .6em;color:var(--muted)}
    .facts{display:flex;flex-wrap:wrap;gap:.3em 2em;margin:0}.facts div{display:flex;gap:.4em}.facts dt{color:var(--muted)}.facts dd{margin:0;font-weight:600}
    .toc{margin:.8em 0 0;display:flex;flex-wrap:wrap;gap:.4em 1.2em}
    .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin-bottom:14px}
    .tile{border:1px solid var(--line);border-left:6px solid var(--head);border-radius:4px;padding:8px 12px;background:#fff}
    .tile b{display:block;font-size:1.9em;line-height:1.1}.tile span{font-weight:600}.tile small{display:block;color:var(--muted)}
    .tile.error{border-left-color:#d9541e}.tile.warning{border-left-color:#e0a800}.tile.info{border-left-color:#5b9bd5}.tile.root{border-left-color:#7f6084}.tile.inputs{border-left-color:#70ad47}
    table{border-collapse:collapse;width:100%}
    caption{text-align:left;font-weight:600;padding:0 0 .3em}
    th,td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left}
    thead th{background:var(--head);color:#fff;font-weight:600}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    .n{white-space:nowrap}.pct{color:var(--muted);font-size:.9em}
    .zero{color:#9aa3ad}
    table.matrix{width:auto;min-width:min(420px,100%)}.matrix th[scope=row]{background:#f3f5f8}.matrix tfoot th,.matrix tfoot td{font-weight:700;border-top:2px solid var(--head)}
    .matrix td.error a,.matrix td.warning a,.matrix td.info a{font-weight:600}
    .overview{display:grid;grid-template-columns:minmax(0,auto) minmax(0,1fr);gap:18px 40px;align-items:start}.overview figure{max-width:620px}
    @media screen and (max-width:1000px){.overview{grid-template-columns:minmax(0,1fr)}}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,560px),1fr));gap:18px 28px;align-items:start}
    #chart-rules{grid-row:span 2}
    figure{margin:0}figcaption{font-weight:600;margin-bottom:.3em}
    figure svg{width:100%;max-width:560px;height:auto;display:block;font:11px system-ui,"DejaVu Sans",sans-serif}
    svg text{fill:var(--ink)}svg .label{font-size:11.5px}svg .value{font-size:10.5px;fill:#333}svg .muted{fill:var(--muted)}svg .small{font-size:10.5px}svg .code{font-weight:700}
    svg .inverse{fill:#fff}svg .count{font-size:15px;font-weight:700}svg a:hover text{text-decoration:underline}
    .fp{fill:#1f4e79}.op{fill:#9dc3e6}.cut{stroke:#fff;stroke-width:3;fill:none}
    svg .delta{font-size:11px;font-weight:600}svg .delta.error{fill:var(--error-ink)}svg .delta.warning{fill:var(--warning-ink)}svg .delta.ok{fill:#38761d}
    .s-error{fill:#d9541e}.s-warning{fill:#e0a800}.s-info{fill:#5b9bd5}
    .k-on{fill:#38761d}.k-risk{fill:#f1c232}.k-off{fill:#cc4125}.k-none{fill:#c9ced6}.k-gap{fill:#b4a7d6}
    .h-high{fill:#ea9999}.h-mid{fill:#ffe599}.h-low{fill:#d9ead3}
    .note{color:var(--muted);font-size:.9em;margin:.3em 0 0}
    form{display:flex;flex-wrap:wrap;gap:.5em 1.2em;align-items:center;margin:0 0 .4em;padding:8px 10px;background:#f3f5f8;border:1px solid var(--line);border-radius:4px}
    form label{white-space:nowrap}form select,form input[type=search]{font:inherit;max-width:100%}form select[name=rule]{max-width:24em}
    .shown{margin:.2em 0 .6em;color:var(--muted)}.shown:empty{display:none}
    table.log{font-size:13px}
    table.log thead th{position:sticky;top:0;z-index:1}
    table.log tbody tr{scroll-margin-top:4.5em}
    .log .c-id{min-width:11em}.log .fid{display:block;font-weight:600;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
    .log .rt{display:block;font-size:11.5px;color:var(--muted);text-decoration:none}.log .rt:hover{text-decoration:underline}
    .log .c-message{min-width:16em}
    .log .c-expected,.log .c-actual,.log .c-delta{min-width:6.5em}
    .log td.words{font-size:12px}
    .log .c-sources{min-width:13em}.log .src{display:block;font:11.5px/1.35 ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:break-word;padding-left:1em;text-indent:-1em}
    .log td.c-caused_by{font:12px ui-monospace,"DejaVu Sans Mono",monospace}
    .sev{display:inline-block;padding:0 .45em;border-radius:3px;font-size:12px;font-weight:600}
    .sev.error{background:var(--error);color:var(--error-ink)}.sev.warning{background:var(--warning);color:var(--warning-ink)}.sev.info{background:var(--info);color:var(--info-ink)}
    tr.error>td:first-child{box-shadow:inset 4px 0 #d9541e}tr.warning>td:first-child{box-shadow:inset 4px 0 #e0a800}tr.info>td:first-child{box-shadow:inset 4px 0 #5b9bd5}
    tr:target>td{background:#fff8d6}tr.revealed>td{background:#fff8d6}
    tr.hidden{display:none}
    .rules .code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;white-space:nowrap;font-weight:600}.rules tr.quiet{color:var(--muted)}.rules td.num{white-space:nowrap}
    .rules tbody tr{scroll-margin-top:1em}
    .scroll{overflow-x:auto;max-width:100%}details{margin:.6em 0}details>summary{cursor:pointer;padding:.3em 0}table.chain{font-size:13px}table.chain tr.objective td{background:#f3f5f8}
    table.chain td.src a{overflow-wrap:anywhere}
    .inputs .hash{overflow-wrap:anywhere;font-size:11px}.inputs small{color:var(--muted)}
    .fate{font-weight:600}.fate.quarantined,.fate.current-unreadable{color:var(--error-ink)}
    @media screen and (max-width:760px){
      body{padding:10px 12px 32px;font-size:15px}
      .facts{flex-direction:column}
      table.log,table.log tbody,table.log tr,table.log td,table.inputs,table.inputs tbody,table.inputs tr,table.inputs td{display:block;width:auto}
      table.log thead,table.inputs thead{display:none}
      table.log tr,table.inputs tr{border:1px solid var(--line);border-radius:4px;margin:0 0 10px;padding:4px 0}
      table.log tr.hidden{display:none}
      table.log td,table.inputs td{border:0;padding:2px 10px;min-width:0}
      table.log td:empty{display:none}
      table.log td::before,table.inputs td::before{content:attr(data-label);display:block;font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
      table.log td.c-id::before{display:none}
      .log .num{text-align:left}
      tr.error>td:first-child,tr.warning>td:first-child,tr.info>td:first-child{box-shadow:none}
      table.log tr.error{border-left:5px solid #d9541e}table.log tr.warning{border-left:5px solid #e0a800}table.log tr.info{border-left:5px solid #5b9bd5}
      figure{overflow-x:auto}figure svg{width:560px;max-width:none}
      table.log td.c-severity,table.log td.c-bureau,table.log td.c-output,table.log td.c-period{display:inline-block;vertical-align:top;padding-right:14px}
      table.log td.c-expected,table.log td.c-actual,table.log td.c-delta{display:inline-block;vertical-align:top;padding-right:14px;max-width:100%}
      .rules td:nth-child(3){font-size:13px}.rules td.num{white-space:normal}.rules th,.rules td{padding:3px 4px}
      form label{white-space:normal}form label.rule{flex:1 1 100%;min-width:0}form select[name=rule]{width:100%;max-width:none}
    }
    @page{size:A4 landscape;margin:12mm 10mm 14mm}
    @media print{
      body{font-size:9pt;padding:0;max-width:none;color:#000}
      h2{break-after:avoid;margin-top:1em}
      .toc,form,.shown:empty{display:none}
      a{color:inherit;text-decoration:none}
      table.log{font-size:8pt}table.log thead th{position:static}
      thead{display:table-header-group}tr,figure,.tile{break-inside:avoid}
      .log .src,.log .fid,.log td.c-caused_by,code{font-size:7.5pt}
      .log td.words,.log .rt{font-size:7.5pt}.log .c-message{font-size:8pt}
      .overview{grid-template-columns:auto 1fr}
      .log .c-id{min-width:9em}.log .c-message{min-width:0}.log .c-sources{min-width:17em}
      .charts{grid-template-columns:1fr 1fr}
      .tiles{grid-template-columns:repeat(6,1fr)}
      th,td{padding:2px 4px}
      thead th{background:#dde5ee;color:#000;-webkit-print-color-adjust:exact;print-color-adjust:exact}
      .sev,.tile,svg,tr>td:first-child{-webkit-print-color-adjust:exact;print-color-adjust:exact}
      #findings{break-before:page}#run{break-inside:avoid}
    }

    """
}

extension DiscrepancyHTML {
    /// The printed pages' footer: the report's title and `page x of y` (CSS page-margin boxes),
    /// the title quoted as a CSS string that cannot end the `<style>` element.
    static func pageFooter(title: String) -> String {
        var quoted = ""
        for scalar in "\(title) — discrepancies".unicodeScalars {
            switch scalar {
            case "\\", "\"": quoted += "\\" + String(scalar)
            case "<", ">", "&", "\n", "\r": quoted += "\\" + String(scalar.value, radix: 16) + " "
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        let font = "font:8pt system-ui,\"DejaVu Sans\",sans-serif;color:#555"
        return "@page{@bottom-left{content:\"\(quoted)\";\(font)}@bottom-right{content:\"page \" counter(page) \" of \" counter(pages);\(font)}}\n"
    }
}
