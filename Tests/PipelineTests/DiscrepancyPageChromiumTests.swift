import Foundation
import Testing
import TestSupport
@testable import Pipeline
import Results

/// The demo's `discrepancies.html` in headless Chromium, as a reviewer sees and prints it (`make
/// interop`): its layout fits a 1,440 px screen and a 390 px phone without scrolling sideways,
/// screenshots at both widths are kept to look at, and its PDF print is A4 landscape with every
/// source cell of every finding in its text.
@Suite(.enabled(if: Chromium.isEnabled, "interop check skipped: set RBM_INTEROP=1 and install chromium (make interop does)"))
struct DiscrepancyPageChromiumTests {
    struct Demo: Sendable {
        var folder: URL
        var findings: [Finding]
    }

    /// The demo run, once for the suite's tests: its folder and the log's findings.
    static let demo: Result<Demo, any Error> = Result {
        let work = LibreOffice.folder.appendingPathComponent("page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: work.appendingPathComponent("inbox").path)
        let report = try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"), inbox: work.appendingPathComponent("inbox").path,
                                                 output: work.appendingPathComponent("out").path, keepInputs: true)).run()
        return Demo(folder: work, findings: report.findings)
    }

    /// The page's layout in a frame `width` px wide: (scrollWidth, innerWidth, scrollHeight).
    static func layout(width: Int) throws -> [Int] {
        let work = try demo.get().folder
        let frame = work.appendingPathComponent("out/frame-\(width).html")
        try Chromium.measuringFrame(for: work.appendingPathComponent("out/discrepancies.html"), width: width, height: 900)
            .write(to: frame, atomically: true, encoding: .utf8)
        let result = try Chromium.run(["--window-size=\(max(width, 500)),900", "--dump-dom"], url: frame)
        #expect(result.status == 0, "\(result.errors)")
        let dom = result.text
        let value = try #require(dom.range(of: "data-layout=\"").map { dom[$0.upperBound...].prefix { $0 != "\"" } }, "no layout written: \(dom.prefix(300))")
        return value.split(separator: " ").compactMap { Int($0) }
    }

    @Test(arguments: [1440, 390])
    func thePageFitsTheScreenWithoutScrollingSideways(width: Int) throws {
        let measured = try Self.layout(width: width)
        try #require(measured.count == 3)
        #expect(measured[1] == width, "the frame is \(measured[1]) px wide")
        #expect(measured[0] <= width, "the page is \(measured[0]) px wide on a \(width) px screen")
    }

    @Test(arguments: [(1440, 2400), (390, 3200)])
    func screenshotsAreTakenForAReviewer(width: Int, height: Int) throws {
        let work = try Self.demo.get().folder
        let shot = work.appendingPathComponent("discrepancies-\(width).png")
        // 390 px through the frame (the window cannot be that narrow); 1,440 px as the window itself.
        let url = width < 500 ? work.appendingPathComponent("out/frame-\(width)-shot.html") : work.appendingPathComponent("out/discrepancies.html")
        if width < 500 {
            try Chromium.measuringFrame(for: work.appendingPathComponent("out/discrepancies.html"), width: width, height: height)
                .write(to: url, atomically: true, encoding: .utf8)
        }
        let result = try Chromium.run(["--window-size=\(width),\(height)", "--screenshot=\(shot.path)"], url: url)
        #expect(result.status == 0, "\(result.errors)")
        let bytes = try Data(contentsOf: shot)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 10_000, "\(shot.path)")
        print("screenshot: \(shot.path)")
    }

    @Test func thePrintIsAnA4DocumentWithEverySourceCellOfEveryFinding() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext"), "pdftotext is missing: install poppler-utils (make interop does)")
        let demo = try Self.demo.get(), work = demo.folder
        let pdf = work.appendingPathComponent("discrepancies.pdf")
        let result = try Chromium.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)"], url: work.appendingPathComponent("out/discrepancies.html"))
        #expect(result.status == 0, "\(result.errors)")
        print("print: \(pdf.path)")
        let info = try Subprocess.run("/usr/bin/pdfinfo", [pdf.path]).text
        // A4 landscape: 842 × 595 points.
        #expect(info.contains("Page size:       841.92 x 594.96 pts (A4)"), "\(info)")
        // `-raw` keeps the order the page painted its text in, so a source wrapped inside its cell
        // stays together; line breaks and spaces are dropped on both sides.
        let text = try Subprocess.run("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", pdf.path, "-"]).text
        let flat = String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) })
        func squeeze(_ s: String) -> String { String(s.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }) }
        #expect(demo.findings.count == 43)
        var checked = 0, missing: [String] = []
        for finding in demo.findings {
            for text in [finding.id.description] + finding.sources.map(\.description) where !flat.contains(squeeze(text)) {
                missing.append("\(finding.id): \(text)")
            }
            checked += finding.sources.count
        }
        #expect(missing.isEmpty, "not in the print: \(missing.joined(separator: "; "))")
        #expect(checked > 60)
        // The filter form is not printed; the columns all are.
        #expect(!flat.contains("rootcausesonly"))
        let headers = ["id", "severity", "bureau", "output", "period", "message", "expected", "actual", "delta", "sources", "causedby"]
        #expect(flat.contains(headers.joined()), "the log's header row is not printed whole")
    }

    /// The filters in a real browser: a search without accents, then a rule filter under which
    /// FIN-004/TSB/2023's root cause is hidden; its link shows the row, below the sticky header.
    @Test func theFiltersAndALinkToAHiddenRowWorkInTheBrowser() throws {
        let work = try Self.demo.get().folder
        let script = """
            var form = d.getElementById('filters'), status = d.getElementById('shown'), out = {};
            function set(name, value) { form[name].value = value; form.dispatchEvent(new w.Event('input', {bubbles: true})); }
            out.form = form.hidden ? 'hidden' : 'shown';
            set('words', 'operationnel');
            out.accents = status.textContent;
            set('words', '');
            set('bureau', 'none');
            out.noBureau = status.textContent;
            set('bureau', '');
            set('rule', 'FIN-004');
            out.filtered = status.textContent;
            var target = d.getElementById('FIN-007/T.4-1/2023');
            out.targetHidden = target.classList.contains('hidden');
            d.querySelector('a[href="#FIN-007/T.4-1/2023"]').click();
            setTimeout(function () {
              out.afterClick = status.textContent;
              out.targetShown = !target.classList.contains('hidden');
              var head = d.querySelector('table.log thead th').getBoundingClientRect(), row = target.getBoundingClientRect();
              out.rowBelowHeader = row.top >= head.bottom - 1 && row.top < w.innerHeight;
              out.scrolled = w.scrollY > 0;
              done(JSON.stringify(out));
            }, 300);
            """
        let text = try Chromium.probe(work.appendingPathComponent("out/discrepancies.html"), width: 1440, height: 900, script: script)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
        #expect(result["form"] as? String == "shown")
        // 'Plan opérationnel' is TSB's sheet: found without its accent.
        #expect((result["accents"] as? String)?.hasPrefix("0 of") == false, "\(result)")
        #expect((result["noBureau"] as? String)?.hasPrefix("3 of 43 shown") == true, "\(result)")
        #expect((result["filtered"] as? String)?.hasPrefix("6 of 43 shown") == true, "\(result)")
        #expect(result["targetHidden"] as? Bool == true)
        #expect((result["afterClick"] as? String)?.hasPrefix("7 of 43 shown") == true && (result["afterClick"] as? String)?.contains("1 opened by a link") == true, "\(result)")
        #expect(result["targetShown"] as? Bool == true)
        #expect(result["scrolled"] as? Bool == true && result["rowBelowHeader"] as? Bool == true, "\(result)")
    }
}
