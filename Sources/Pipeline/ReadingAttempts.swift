import Foundation
import SystemIO

/// The poison-pill rule of `reliability.md` 1.1: a file while whose reading the run stopped twice
/// is quarantined without a third try, so that one file cannot stop every later run (an in-process
/// reader's crash, the machine's OOM killer choosing the run, a file that takes the machine down)
/// and hold every other file of the inbox with it.
///
/// A claimed file lies in `processing/<batch>/` until its batch commits; a run that stops before
/// then leaves it there, and the next run takes it back (``BatchRun/recover(_:)``). That run asks
/// the stopped batch's folder whether the stop came while the file was being read:
///
/// - `.read` is there (made once every arrival of the batch was read, or when the run stopped by
///   itself before then, for a cause it named: the machine's, never a file's): no;
/// - `.alone` is there (written durably before a file read once before is read by itself): only
///   the file it names was being read;
/// - neither: the batch's files read together were being read (its files without an earlier stop;
///   a stop before the reading began, within the claim, is counted too).
///
/// The batches whose runs stopped so follow each file into the next batch's `.attempts.json`,
/// written durably by the claim before the stopped batches' folders are removed. A file with one
/// stop is read by itself, after the others, so that a second stop names it alone; a file with
/// two is not read again (docs/manifest.md, "Files that stop a run").
struct ReadingAttempts: Codable, Equatable {
    /// A file's name in its batch folder → the batches whose runs stopped while reading it, oldest first.
    var stops: [String: [String]] = [:]

    /// `processing/<batch>/.attempts.json`: the stops of the batch's files, carried from the batches they were taken back from.
    static let journalName = ".attempts.json"
    /// `processing/<batch>/.read`: no file of the batch is to blame for its stop (every arrival was
    /// read, or the run stopped itself for a cause it named).
    static let readName = ".read"
    /// `processing/<batch>/.alone`: the name of the file being read by itself.
    static let aloneName = ".alone"
    /// The stops after which a file is not read again.
    static let limit = 2

    var isEmpty: Bool { stops.isEmpty }

    func stops(of name: String) -> [String] { stops[name] ?? [] }

    /// Read once before when a run stopped: read by itself, after the others.
    func readAlone(_ name: String) -> Bool { (1..<Self.limit).contains(stops(of: name).count) }

    /// Not read again.
    func refused(_ name: String) -> Bool { stops(of: name).count >= Self.limit }

    /// What the folder of a batch that did not commit says of the stops of its files `names`,
    /// its own stop counted. A journal that cannot be read counts as none (a file gets one more
    /// try, never one less).
    static func afterStop(of folder: URL, names: [String]) -> ReadingAttempts {
        let journal = (try? Data(contentsOf: folder.appendingPathComponent(journalName)))
            .flatMap { try? JSONDecoder().decode(ReadingAttempts.self, from: $0) } ?? ReadingAttempts()
        var attempts = ReadingAttempts()
        for name in names where !journal.stops(of: name).isEmpty { attempts.stops[name] = journal.stops(of: name) }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(readName).path) { return attempts }
        let batch = folder.lastPathComponent
        if let data = try? Data(contentsOf: folder.appendingPathComponent(aloneName)), let alone = String(data: data, encoding: .utf8),
           names.contains(alone) {
            attempts.stops[alone, default: []].append(batch)
        } else {
            for name in names where journal.stops(of: name).isEmpty { attempts.stops[name] = [batch] }
        }
        return attempts
    }

    /// Writes the journal into a batch's folder, durably, when any file has a stop.
    func save(in folder: URL, steps: DurableSteps) throws {
        guard !isEmpty else { return }
        steps.step()
        try DurableFile.write(JSONEncoder().encode(self), to: folder.appendingPathComponent(Self.journalName))
    }

    /// Before `name` is read by itself: its name in `.alone`, on disk before the reading starts.
    static func markAlone(_ name: String, in folder: URL, steps: DurableSteps) throws {
        steps.step()
        try DurableFile.write(Data(name.utf8), to: folder.appendingPathComponent(aloneName))
    }

    /// Once every arrival is read, or when the run stops by itself before then (an error it
    /// reports, such as a worker that will not start): `.read` made, then `.alone` removed. Not
    /// flushed: a machine that stops before `.read` is on disk counts one stop too many for the
    /// files read together, which are then read by themselves.
    static func markRead(in folder: URL) {
        FileMark.make(at: folder.appendingPathComponent(readName).path)
        unlink(folder.appendingPathComponent(aloneName).path)
    }

    /// Removes the journal and the marks from a batch's folder (before the folder itself goes).
    static func removeMarks(in folder: URL) {
        for name in [aloneName, readName, journalName] { unlink(folder.appendingPathComponent(name).path) }
    }
}
