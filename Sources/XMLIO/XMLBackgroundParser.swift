#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a document on a thread of its own while the caller's thread reads the source and hands
/// the events to the handler, a few chunks behind.
///
/// For a large worksheet libxml2's own parsing is about half the work, and reading the source
/// (inflating, with every zip check) plus the handler (cells, rows) the other half: on two cores
/// they run side by side. Within ``nextBatch()`` the caller's thread reads `source` in 192 KiB
/// chunks for the parsing thread, which runs the same libxml2 parser as ``XMLPushParser`` (same
/// options, DOCTYPE refusal, depth and text caps) and records each chunk's events, with the
/// vocabulary attributes and the collected text, into a batch; ``nextBatch()`` replays one batch
/// to the handler, so the handler sees exactly the events, in order, that ``XMLPushParser`` would
/// give it, through the same ``XMLAttributes`` and ``XMLText`` views. A problem found in the
/// source or while parsing (an error from `source`, malformed XML, a forbidden construct, a cap)
/// is thrown by ``nextBatch()`` after the events before it. At most four chunks and four batches
/// wait, so memory stays bounded whatever the document. On a single processor, or if no thread
/// can be started, ``nextBatch()`` parses each chunk itself.
public final class XMLBackgroundParser<Handler: XMLEventHandler> {
    private let storage: UnsafeMutablePointer<Handler>
    private let pipeline: EventPipeline
    private var worker: EventWorker?
    private var started = false
    private let threaded: Bool
    /// Where the replayed attributes point.
    private let slots: UnsafeMutablePointer<AttributeSlot>
    private let slotCount: Int
    private var generation: UInt64 = 0
    /// The error that ended the document, thrown again by later calls (as ``XMLPushParser`` does).
    private var failure: Error?
    private var finished = false
    public let document: String

    /// - Parameters:
    ///   - expectedBytes: how long the document says it is (a zip entry's declared size), when
    ///     known: a shorter document is read into buffers of its size instead of 192 KiB ones. Only
    ///     the buffers' size depends on it; a document longer than it says is read whole all the same.
    ///   - source: fills its buffer from the start and returns how many bytes it put there, 0 at
    ///     the end of the document. Called only within ``nextBatch()``, on the caller's thread.
    public convenience init(document: String, handler: Handler, limits: XMLLimits = XMLLimits(), expectedBytes: UInt64? = nil,
                            source: @escaping (inout [UInt8]) throws -> Int) {
        self.init(document: document, handler: handler, limits: limits, threaded: EventWorker.worthwhile, expectedBytes: expectedBytes,
                  source: source)
    }

    /// - Parameter threaded: false parses on the caller's thread (as on a single processor).
    init(document: String, handler: Handler, limits: XMLLimits, threaded: Bool, expectedBytes: UInt64? = nil,
         source: @escaping (inout [UInt8]) throws -> Int) {
        self.document = document
        self.threaded = threaded
        storage = .allocate(capacity: 1)
        storage.initialize(to: handler)
        slotCount = Handler.vocabulary.attributes.count
        slots = .allocate(capacity: max(slotCount, 1))
        slots.initialize(repeating: AttributeSlot(start: nil, count: 0, generation: 0), count: max(slotCount, 1))
        pipeline = EventPipeline(core: RecordingCore(document: document, vocabulary: Handler.vocabulary, limits: limits),
                                 bufferSize: EventPipeline.bufferSize(expectedBytes: expectedBytes), source: source)
    }

    deinit {
        close()
        storage.deinitialize(count: 1)
        storage.deallocate()
        slots.deallocate()
    }

    /// Gives the next batch of events to the handler; false once the document has ended.
    /// - Throws: ``XMLParseError``, the error `source` threw, or the error the handler threw.
    public func nextBatch() throws -> Bool {
        if let failure { throw failure }
        if finished { return false }
        if !started {
            // Started at the first call, so that a parser made but never read costs no thread.
            started = true
            worker = threaded ? EventWorker.start(pipeline) : nil
        }
        let batch = worker == nil ? pipeline.produceDirectly() : pipeline.take()
        defer { pipeline.giveBack(batch) }
        do {
            try replay(batch)
        } catch {
            failure = error
            close()
            throw error
        }
        if let error = batch.failure {
            failure = error
            close()
            throw error
        }
        if batch.isLast {
            close()
            return false
        }
        return true
    }

    /// Stops parsing (the thread ends without reading the rest of the source) and waits for the
    /// thread; later calls to ``nextBatch()`` return false, or throw the error that ended the document.
    public func close() {
        finished = true
        guard let worker else { return }
        pipeline.cancel()
        worker.join()
        self.worker = nil
    }

    /// The handler as the events so far have left it (a copy).
    public var handler: Handler { storage.pointee }

    /// Lends the handler to `body`, to take results out of it between batches.
    @inlinable
    public func withHandler<R>(_ body: (inout Handler) throws -> R) rethrows -> R {
        try body(&handlerStorage.pointee)
    }

    @usableFromInline
    var handlerStorage: UnsafeMutablePointer<Handler> { storage }

    /// Calls the handler for each recorded event, in order.
    private func replay(_ batch: EventBatch) throws {
        let base = batch.base
        var offset = 0
        while offset < batch.count {
            let kind = base.load(fromByteOffset: offset, as: UInt8.self)
            let element = Int(base.loadUnaligned(fromByteOffset: offset + 1, as: Int32.self))
            if kind == EventBatch.start {
                let present = Int(base.loadUnaligned(fromByteOffset: offset + 5, as: UInt32.self))
                offset += EventBatch.startHeader
                generation &+= 1
                for _ in 0..<present {
                    let key = Int(base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
                    let length = Int(base.loadUnaligned(fromByteOffset: offset + 2, as: UInt32.self))
                    let bytes = (base + offset + EventBatch.attributeHeader).assumingMemoryBound(to: UInt8.self)
                    if key < slotCount { slots[key] = AttributeSlot(start: UnsafePointer(bytes), count: length, generation: generation) }
                    offset += EventBatch.attributeHeader + length
                }
                try storage.pointee.startElement(element, attributes: XMLAttributes(slots: slots, count: slotCount, generation: generation))
            } else {
                let collected = base.load(fromByteOffset: offset + 5, as: UInt8.self) != 0
                let length = Int(base.loadUnaligned(fromByteOffset: offset + 6, as: UInt32.self))
                let bytes = (base + offset + EventBatch.endHeader).assumingMemoryBound(to: UInt8.self)
                offset += EventBatch.endHeader + length
                try storage.pointee.endElement(element, text: XMLText(base: bytes, count: length, isCollected: collected))
            }
        }
    }
}

/// The events of one chunk, recorded by the parsing thread for ``XMLBackgroundParser/nextBatch()``.
///
/// A start is `1, element (Int32), attribute count (UInt32)` and per attribute `key (UInt16),
/// length (UInt32), bytes`; an end is `2, element (Int32), collected (UInt8), length (UInt32),
/// bytes`. No field can overflow: keys are vocabulary numbers, and libxml2 (attribute values,
/// 10 MB) and the parser's text cap (under 1 GiB) bound every length. Unaligned, in memory the batch owns and reuses; the parser writes it through an
/// ``EventWriter`` lent for one chunk.
final class EventBatch {
    static let start: UInt8 = 1, end: UInt8 = 2
    static let startHeader = 9, attributeHeader = 6, endHeader = 10

    private(set) var base: UnsafeMutableRawPointer
    private(set) var count = 0
    private var capacity: Int
    /// The error that ended the document after these events.
    var failure: Error?
    /// The document ends after these events (with or without `failure`).
    var isLast = false

    init(capacity: Int = 128 << 10) {
        self.capacity = max(capacity, 16)
        base = .allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// Empties the batch for the next chunk.
    func reset() {
        count = 0
        failure = nil
        isLast = false
    }

    /// Lends the memory, emptied, to a writer; the batch must not be used until ``adopt(_:)``.
    func lend() -> EventWriter {
        reset()
        return EventWriter(base: base, capacity: capacity)
    }

    /// Takes the memory back, with what was written (the writer may have moved it to grow).
    func adopt(_ writer: EventWriter) {
        if let memory = writer.base {
            base = memory
            capacity = writer.capacity
        }
        count = writer.count
    }
}

/// Writes events into memory it borrows from an ``EventBatch``, growing it by doubling (a batch
/// holds one chunk's events, and one text of at most the parser's cap).
struct EventWriter {
    private(set) var base: UnsafeMutableRawPointer?
    private(set) var capacity = 0
    private(set) var count = 0

    init() {}

    init(base: UnsafeMutableRawPointer, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// Room for `bytes` more; returns where to write.
    @inline(__always)
    private mutating func reserve(_ bytes: Int) -> UnsafeMutableRawPointer {
        if count + bytes > capacity || base == nil {
            let grown = max(capacity * 2, count + bytes, 1024)
            let memory = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
            if let base {
                memory.copyMemory(from: base, byteCount: count)
                base.deallocate()
            }
            base = memory
            capacity = grown
        }
        // `base` is set by the branch above whenever it was nil.
        return base.unsafelyUnwrapped + count
    }

    /// Writes a start header and returns where its attribute count goes.
    @inline(__always)
    mutating func beginStart(_ element: Int) -> Int {
        let at = reserve(EventBatch.startHeader)
        at.storeBytes(of: EventBatch.start, as: UInt8.self)
        at.storeBytes(of: Int32(truncatingIfNeeded: element), toByteOffset: 1, as: Int32.self)
        let header = count
        count += EventBatch.startHeader
        return header
    }

    @inline(__always)
    mutating func attribute(_ key: Int, _ start: UnsafePointer<UInt8>, _ length: Int) {
        let at = reserve(EventBatch.attributeHeader + length)
        at.storeBytes(of: UInt16(truncatingIfNeeded: key), as: UInt16.self)
        at.storeBytes(of: UInt32(truncatingIfNeeded: length), toByteOffset: 2, as: UInt32.self)
        if length > 0 { (at + EventBatch.attributeHeader).copyMemory(from: start, byteCount: length) }
        count += EventBatch.attributeHeader + length
    }

    @inline(__always)
    mutating func finishStart(_ header: Int, attributes: Int) {
        base.unsafelyUnwrapped.storeBytes(of: UInt32(truncatingIfNeeded: attributes), toByteOffset: header + 5, as: UInt32.self)
    }

    @inline(__always)
    mutating func end(_ element: Int, collected: Bool, _ text: UnsafePointer<UInt8>, _ length: Int) {
        let at = reserve(EventBatch.endHeader + length)
        at.storeBytes(of: EventBatch.end, as: UInt8.self)
        at.storeBytes(of: Int32(truncatingIfNeeded: element), toByteOffset: 1, as: Int32.self)
        at.storeBytes(of: collected ? 1 : 0, toByteOffset: 5, as: UInt8.self)
        at.storeBytes(of: UInt32(truncatingIfNeeded: length), toByteOffset: 6, as: UInt32.self)
        if length > 0 { (at + EventBatch.endHeader).copyMemory(from: text, byteCount: length) }
        count += EventBatch.endHeader + length
    }
}

/// A parser whose callbacks write the events into a batch instead of handling them.
final class RecordingCore: ParserCore {
    override init(document: String, vocabulary: XMLVocabulary, limits: XMLLimits) {
        super.init(document: document, vocabulary: vocabulary, limits: limits)
        state.pointee.recording = true
    }

    /// Parses one chunk (or the end), writing its events into `batch`.
    func chunk(_ bytes: [UInt8], count: Int, terminate: Bool, into batch: EventBatch) throws {
        state.pointee.writer = batch.lend()
        defer {
            batch.adopt(state.pointee.writer)
            state.pointee.writer = EventWriter()
        }
        try chunk(bytes, count: count, terminate: terminate)
    }
}

/// What the caller's thread hands the parsing thread: a chunk of the source, its end, or the
/// error that ended it.
enum SourceChunk {
    case bytes([UInt8], count: Int)
    case end
    case failure(Error)
}

/// The chunks going to the parsing thread and the batches coming back, under one mutex.
///
/// The caller's thread reads the source (for a worksheet: inflating, with every zip check) and
/// replays batches; the parsing thread only parses. Two threads, each with about half the work,
/// on two cores: each waits only when the other is behind, and a thread woken from its wait finds
/// its own core idle.
final class EventPipeline: @unchecked Sendable {
    /// Chunks waiting to be parsed, and batches waiting to be replayed, at most.
    static let depth = 4
    /// Below this many waiting chunks, the caller reads the source before replaying a batch.
    static let lowWater = 2
    /// The chunk size asked of the source: large enough that the threads hand over (and wake
    /// each other) rarely.
    static let chunkSize = 192 << 10

    /// The size of the buffers the source fills: ``chunkSize``, or a document's whole length and
    /// a byte when it says it is shorter (so that one read takes it all). Each buffer is zeroed
    /// when made, and a sheet's parse makes two or more: at 192 KiB each, the runs' many small
    /// sheets cost more zeroing than reading (issue 11: 28 M instructions at 58 times the demo).
    static func bufferSize(expectedBytes: UInt64?) -> Int {
        guard let expectedBytes, expectedBytes < UInt64(chunkSize) else { return chunkSize }
        return max(Int(expectedBytes) + 1, 4096)
    }

    /// Used by the parsing thread only (or by the caller when there is none).
    private let core: RecordingCore
    private let bufferSize: Int
    private let source: (inout [UInt8]) throws -> Int

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let changed: UnsafeMutablePointer<pthread_cond_t>
    private var chunks: [SourceChunk] = []
    /// Buffers for chunks, returned by the parsing thread.
    private var spare: [[UInt8]] = []
    private var free: [EventBatch]
    private var filled: [EventBatch] = []
    /// The source has ended (or failed): no more chunks.
    private var sourceDone = false
    private var cancelled = false

    init(core: RecordingCore, bufferSize: Int = chunkSize, source: @escaping (inout [UInt8]) throws -> Int) {
        self.core = core
        self.bufferSize = bufferSize
        self.source = source
        free = (0..<Self.depth).map { _ in EventBatch() }
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        changed = .allocate(capacity: 1)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        changed.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Reads the next chunk from the source (on the caller's thread).
    private func read(into buffer: inout [UInt8]) -> SourceChunk {
        if buffer.count != bufferSize { buffer = [UInt8](repeating: 0, count: bufferSize) }
        do {
            let count = try source(&buffer)
            return count == 0 ? .end : .bytes(buffer, count: count)
        } catch {
            return .failure(error)
        }
    }

    /// Parses one chunk into `batch`; true when the document ended (or failed) with it.
    private func parse(_ chunk: SourceChunk, into batch: EventBatch) -> Bool {
        batch.reset()
        do {
            switch chunk {
            case .bytes(let bytes, let count): try core.chunk(bytes, count: count, terminate: false, into: batch)
            case .end:
                try core.chunk([], count: 0, terminate: true, into: batch)
                batch.isLast = true
            case .failure(let error):
                batch.failure = error
                batch.isLast = true
            }
        } catch {
            batch.failure = error
            batch.isLast = true
        }
        return batch.isLast
    }

    /// The parsing thread's loop: one batch per chunk.
    func run() {
        while true {
            pthread_mutex_lock(mutex)
            while (chunks.isEmpty || free.isEmpty) && !cancelled { pthread_cond_wait(changed, mutex) }
            if cancelled {
                pthread_mutex_unlock(mutex)
                return
            }
            let chunk = chunks.removeFirst()
            let batch = free.removeLast()
            pthread_mutex_unlock(mutex)
            let last = parse(chunk, into: batch)
            pthread_mutex_lock(mutex)
            filled.append(batch)
            if case .bytes(let buffer, _) = chunk { spare.append(buffer) }
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(mutex)
            if last { return }
        }
    }

    /// The next batch for the caller, who meanwhile keeps the parsing thread supplied: it reads
    /// the source whenever fewer than `lowWater` chunks wait (or no batch is ready and there is
    /// room), and waits only when the parsing thread has all it can take.
    func take() -> EventBatch {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            let room = !sourceDone && chunks.count < Self.depth
            if room && (chunks.count < Self.lowWater || filled.isEmpty) {
                var buffer = spare.popLast() ?? []
                pthread_mutex_unlock(mutex)
                let chunk = read(into: &buffer)
                pthread_mutex_lock(mutex)
                if case .bytes = chunk {} else { sourceDone = true }
                chunks.append(chunk)
                pthread_cond_broadcast(changed)
                continue
            }
            if !filled.isEmpty { return filled.removeFirst() }
            pthread_cond_wait(changed, mutex)
        }
    }

    /// Without a thread: reads and parses one chunk on the caller's thread.
    func produceDirectly() -> EventBatch {
        let batch = free.last ?? EventBatch()
        var buffer = spare.popLast() ?? []
        let chunk = read(into: &buffer)
        _ = parse(chunk, into: batch)
        if case .bytes(let used, _) = chunk { spare.append(used) }
        return batch
    }

    func giveBack(_ batch: EventBatch) {
        pthread_mutex_lock(mutex)
        if !free.contains(where: { $0 === batch }) { free.append(batch) }
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }

    func cancel() {
        pthread_mutex_lock(mutex)
        cancelled = true
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }
}

/// The parsing thread. Its stack is 4 MiB: libxml2 runs on it.
struct EventWorker {
    /// A second thread pays only with a second processor (on one, it only adds the hand-over).
    static let worthwhile = sysconf(Int32(_SC_NPROCESSORS_ONLN)) >= 2

    #if canImport(Glibc)
    let thread: pthread_t

    static func start(_ pipeline: EventPipeline) -> EventWorker? {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 4 << 20)
        let context = Unmanaged.passRetained(pipeline).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            Unmanaged<EventPipeline>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, context)
        guard rc == 0 else {
            Unmanaged<EventPipeline>.fromOpaque(context).release()
            return nil
        }
        return EventWorker(thread: thread)
    }

    func join() { pthread_join(thread, nil) }
    #else
    static func start(_ pipeline: EventPipeline) -> EventWorker? { nil }
    func join() {}
    #endif
}

