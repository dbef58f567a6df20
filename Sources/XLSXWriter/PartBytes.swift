internal import ZipIO

/// The bytes of one package part as the archive takes them: in memory, or, for a large worksheet,
/// with its rows in a spool file.
struct PartBytes {
    var segments: [ZipArchiveWriter.Segment]

    init(_ bytes: [UInt8]) {
        segments = [.bytes(bytes)]
    }

    init(segments: [ZipArchiveWriter.Segment]) {
        self.segments = segments
    }

    /// Every byte of the part, spooled rows included.
    ///
    /// - Throws: `ZipIOError` with code `.ioError` when a spool file cannot be read.
    func collected() throws -> [UInt8] {
        var bytes: [UInt8] = []
        for segment in segments {
            switch segment {
            case .bytes(let chunk): bytes += chunk
            case .spool(let spool): bytes += try spool.contents()
            }
        }
        return bytes
    }
}
