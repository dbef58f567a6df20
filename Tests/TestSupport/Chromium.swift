import Foundation

/// Headless Chromium as the reviewer's browser for interop checks (`make interop`): layout at a
/// given width, screenshots and a PDF print of a page.
public enum Chromium {
    public static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let names = ["chromium", "chromium-browser", "google-chrome", "chrome-headless-shell"]
        return names.lazy.flatMap { name in path.split(separator: ":").map { "\($0)/\(name)" } }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    public static let isEnabled = ProcessInfo.processInfo.environment["RBM_INTEROP"] == "1" && executable != nil

    /// Runs headless Chromium on `url` with `arguments`; returns its status, standard output (the
    /// DOM for `--dump-dom`) and standard error.
    public static func run(_ arguments: [String], url: URL) throws -> Subprocess.Result {
        // A profile for each run: two browsers on one profile refuse to start (status 21).
        let profile = Fixtures.temporaryDirectory("rbm-chromium-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        var flags = ["--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                     "--user-data-dir=\(profile.path)", "--allow-file-access-from-files", "--virtual-time-budget=5000"]
        // Chromium refuses to sandbox as root (containers, CI).
        if getuid() == 0 { flags.append("--no-sandbox") }
        return try Subprocess.run(executable ?? "/usr/bin/chromium", flags + arguments + [url.absoluteString])
    }

    /// A page that shows `page` in a frame `width` CSS pixels wide and, once it has loaded, writes
    /// the frame's layout into its own `<body data-layout="scrollWidth innerWidth scrollHeight">`.
    /// A frame, not the window: headless windows are at least 500 px wide, phones are not.
    public static func measuringFrame(for page: URL, width: Int, height: Int) -> String {
        """
        <!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block;width:\(width)px;height:\(height)px}</style></head>
        <body><iframe id="f" src="\(page.lastPathComponent)"></iframe><script>
        document.getElementById('f').addEventListener('load', function () {
          var d = this.contentDocument.documentElement;
          document.body.setAttribute('data-layout', d.scrollWidth + ' ' + this.contentWindow.innerWidth + ' ' + d.scrollHeight);
        });
        </script></body></html>
        """
    }

    /// A page that shows `page` in a frame `width` × `height` CSS pixels and, once it has loaded,
    /// runs `script` on it (`d` the frame's document, `w` its window) until the script calls
    /// `done(text)`, which writes `text` into the page's own `<body data-probe="…">` for `--dump-dom`.
    public static func probingFrame(for page: URL, width: Int, height: Int, script: String) -> String {
        """
        <!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block;width:\(width)px;height:\(height)px}</style></head>
        <body><iframe id="f" src="\(page.lastPathComponent)"></iframe><script>
        function done(text) { document.body.setAttribute('data-probe', text); }
        document.getElementById('f').addEventListener('load', function () {
          var w = this.contentWindow, d = this.contentDocument;
          try {
        \(script)
          } catch (e) { done('error: ' + e); }
        });
        </script></body></html>
        """
    }

    /// Runs a probing frame (`probingFrame`) written beside `page` and returns what its script reported.
    public static func probe(_ page: URL, width: Int, height: Int, script: String) throws -> String {
        let frame = page.deletingLastPathComponent().appendingPathComponent("probe-\(UUID().uuidString).html")
        try probingFrame(for: page, width: width, height: height, script: script).write(to: frame, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: frame) }
        let dom = try run(["--window-size=\(max(width, 500)),\(height)", "--dump-dom"], url: frame).text
        guard let start = dom.range(of: "data-probe=\"") else { return "no probe written" }
        return String(dom[start.upperBound...].prefix { $0 != "\"" })
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
