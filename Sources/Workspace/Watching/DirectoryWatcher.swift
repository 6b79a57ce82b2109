import Basics
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches directories of a workspace and reports what changed in them, a batch at a time.
///
/// On Linux it uses inotify: one watch per directory (not recursive: the workbench watches the
/// directories its tree has listed), events read on a private queue. Where inotify cannot be
/// used (another platform, no instance left, the per-user watch limit reached) it polls the
/// directories instead, comparing each entry's type, size and modification time. Either way
/// events are coalesced for `latency` and reported together through `onChange`, called on the
/// watcher's queue (hop to the main actor there).
///
/// Thread-safe: the mutable state lives on the private queue. Call `stop` (or drop the last
/// reference) to close the inotify descriptor.
package final class DirectoryWatcher: @unchecked Sendable {
    // @unchecked: every mutable property is read and written only on `queue`.

    /// How changes are noticed.
    package enum Mode: Sendable {
        /// inotify where available, else polling.
        case automatic
        /// Polling only (what the fallback does; tests use it directly).
        case polling
    }

    /// The absolute workspace root the watched directories are relative to.
    package let root: String
    private let queue = DispatchQueue(label: "seam.workspace-watcher")
    private let latency: DispatchTimeInterval
    private let pollInterval: DispatchTimeInterval
    private let onChange: @Sendable (WorkspaceChanges) -> Void

    private var descriptor: Int32 = -1
    private var source: (any DispatchSourceRead)?
    /// inotify watch descriptor → the directory it watches (workspace-relative).
    private var watches: [Int32: String] = [:]
    /// Directories polled (all of them in polling mode; those inotify refused otherwise), with
    /// what they held at the last look.
    private var polled: [String: [String: RawFile.Info]] = [:]
    private var pollTimer: (any DispatchSourceTimer)?
    private var pending = WorkspaceChanges()
    private var flushScheduled = false
    private var stopped = false

    /// Starts watching nothing yet under `root`; `watch` adds directories.
    package init(
        root: String, mode: Mode = .automatic, latency: Duration = .milliseconds(150),
        pollInterval: Duration = .seconds(2), onChange: @escaping @Sendable (WorkspaceChanges) -> Void
    ) {
        self.root = root
        self.latency = Self.interval(latency)
        self.pollInterval = Self.interval(pollInterval)
        self.onChange = onChange
        guard mode == .automatic else { return }
        self.queue.sync { self.openInotify() }
    }

    deinit {
        self.source?.cancel()
        self.pollTimer?.cancel()
    }

    /// True when changes are noticed by polling only (no inotify instance).
    package var isPolling: Bool {
        self.queue.sync { self.descriptor < 0 }
    }

    /// Starts watching workspace-relative `directory` ("" is the root) before returning, so a
    /// change made after this call is reported. Watching a directory twice, or one that does not
    /// exist, does nothing. Quick: one inotify call (or, when polling, one listing).
    package func watch(_ directory: String) {
        self.queue.sync { self.add(directory) }
    }

    /// The directories watched now (for tests and diagnostics).
    package var watchedDirectories: Set<String> {
        self.queue.sync { Set(self.watches.values).union(self.polled.keys) }
    }

    /// Stops watching; no report arrives after this returns.
    package func stop() {
        self.queue.sync {
            self.stopped = true
            self.source?.cancel()
            self.source = nil
            self.pollTimer?.cancel()
            self.pollTimer = nil
            self.watches = [:]
            self.polled = [:]
        }
    }

    // MARK: - inotify

    #if os(Linux)
    private static let watchMask: UInt32 = UInt32(
        IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF
            | IN_MOVE_SELF | IN_ONLYDIR)
    private static let listingMask: UInt32 = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)
    private static let contentMask: UInt32 = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB)
    #endif

    private func openInotify() {
        #if os(Linux)
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            Log.shared.info("inotify unavailable (\(String(cString: strerror(errno)))); polling the workspace instead")
            return
        }
        self.descriptor = descriptor
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: self.queue)
        source.setEventHandler { [weak self] in self?.readEvents() }
        source.setCancelHandler { close(descriptor) }
        source.resume()
        self.source = source
        #endif
    }

    private func add(_ directory: String) {
        guard !self.stopped, !self.watches.values.contains(directory), self.polled[directory] == nil else { return }
        let absolute = directory.isEmpty ? self.root : self.root + "/" + directory
        #if os(Linux)
        if self.descriptor >= 0 {
            let watch = inotify_add_watch(self.descriptor, absolute, Self.watchMask)
            if watch >= 0 {
                self.watches[watch] = directory
                return
            }
            // No such directory (any more): nothing to watch. Out of watches: poll this one.
            guard errno == ENOSPC || errno == ENOMEM else { return }
        }
        #endif
        guard let snapshot = Self.snapshot(absolute) else { return }
        self.polled[directory] = snapshot
        self.startPolling()
    }

    private func readEvents() {
        #if os(Linux)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(self.descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }  // EAGAIN: drained
            buffer.withUnsafeBytes { raw in
                var offset = 0
                let header = MemoryLayout<inotify_event>.size
                while offset + header <= count {
                    let watch = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = raw[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
                    offset += header + length
                    self.handle(watch: watch, mask: mask, name: String(decoding: nameBytes, as: UTF8.self))
                }
            }
        }
        self.scheduleFlush()
        #endif
    }

    #if os(Linux)
    private func handle(watch: Int32, mask: UInt32, name: String) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: every watched directory may have changed.
            self.pending.directories.formUnion(self.watches.values)
            return
        }
        if mask & UInt32(IN_IGNORED) != 0 {
            self.watches[watch] = nil
            return
        }
        guard let directory = self.watches[watch] else { return }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            self.pending.directories.insert(directory)
            if !directory.isEmpty { self.pending.directories.insert(RelativePath.parent(directory)) }
            return
        }
        guard !name.isEmpty else { return }
        let path = directory.isEmpty ? name : directory + "/" + name
        if mask & Self.listingMask != 0 {
            self.pending.directories.insert(directory)
            self.pending.paths.insert(path)
        } else if mask & Self.contentMask != 0 {
            self.pending.paths.insert(path)
        }
    }
    #endif

    // MARK: - Polling

    private func startPolling() {
        guard self.pollTimer == nil, !self.stopped else { return }
        let timer = DispatchSource.makeTimerSource(queue: self.queue)
        timer.schedule(deadline: .now() + self.pollInterval, repeating: self.pollInterval, leeway: .milliseconds(100))
        timer.setEventHandler { [weak self] in self?.poll() }
        timer.resume()
        self.pollTimer = timer
    }

    private func poll() {
        for (directory, before) in self.polled {
            let absolute = directory.isEmpty ? self.root : self.root + "/" + directory
            guard let after = Self.snapshot(absolute) else {
                // The directory went: its parent's listing changed.
                self.polled[directory] = nil
                self.pending.directories.insert(directory.isEmpty ? "" : RelativePath.parent(directory))
                continue
            }
            guard after != before else { continue }
            self.polled[directory] = after
            for name in Set(before.keys).union(after.keys) where before[name] != after[name] {
                let path = directory.isEmpty ? name : directory + "/" + name
                self.pending.paths.insert(path)
                if before[name] == nil || after[name] == nil || before[name]?.kind != after[name]?.kind {
                    self.pending.directories.insert(directory)
                }
            }
        }
        self.scheduleFlush()
    }

    /// Every entry of `absolute` with its type, size and modification time; nil when it cannot
    /// be listed.
    private static func snapshot(_ absolute: String) -> [String: RawFile.Info]? {
        guard let listing = try? DirectoryReader.read(absolute, displayPath: absolute) else { return nil }
        var result: [String: RawFile.Info] = [:]
        for entry in listing.entries {
            result[entry.name] = RawFile.info(absolute + "/" + entry.name)
        }
        return result
    }

    // MARK: - Reporting

    private func scheduleFlush() {
        guard !self.pending.isEmpty, !self.flushScheduled, !self.stopped else { return }
        self.flushScheduled = true
        self.queue.asyncAfter(deadline: .now() + self.latency) { [weak self] in
            guard let self else { return }
            self.flushScheduled = false
            guard !self.stopped, !self.pending.isEmpty else { return }
            let changes = self.pending
            self.pending = WorkspaceChanges()
            self.onChange(changes)
        }
    }

    private static func interval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
