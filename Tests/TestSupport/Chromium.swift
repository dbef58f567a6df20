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
}
